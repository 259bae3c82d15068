package model

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCatalogueMatchesModel keeps the catalogue in step with the types:
// every type reachable from Bundle has an entry, every JSON field of it a
// row (a field added to the model without one fails), no row names a
// field the type lacks, and each row's values, bounds, links and object
// suit the field's Go type.
func TestCatalogueMatchesModel(t *testing.T) {
	seen := map[string]bool{}
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		if seen[rt.Name()] {
			return
		}
		seen[rt.Name()] = true
		o := CatalogueObject(rt.Name())
		if o == nil {
			t.Errorf("type %s has no catalogue entry", rt.Name())
			return
		}
		var embeds []string
		rows := map[string]Field{}
		for _, f := range o.Fields {
			if _, dup := rows[f.Key]; dup {
				t.Errorf("%s: two rows for %s", o.Name, f.Key)
			}
			rows[f.Key] = f
		}
		for i := range rt.NumField() {
			sf := rt.Field(i)
			if sf.Anonymous {
				embeds = append(embeds, sf.Type.Name())
				walk(sf.Type)
				continue
			}
			key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			f, ok := rows[key]
			if !ok {
				t.Errorf("%s.%s (%q) has no catalogue row", rt.Name(), sf.Name, key)
				continue
			}
			delete(rows, key)
			if err := suits(f, sf.Type); err != nil {
				t.Errorf("%s.%s: %v", rt.Name(), key, err)
			}
			if elem := structOf(sf.Type); elem != nil {
				walk(elem)
			}
		}
		for key := range rows {
			t.Errorf("%s: the catalogue has a row for %s, which the type does not have", o.Name, key)
		}
		for _, key := range o.Ignored {
			if _, held := fieldsOf(rt)[key]; held {
				t.Errorf("%s: %s is ignored, but the type holds it", o.Name, key)
			}
		}
		for i := range rt.NumField() {
			if rt.Field(i).Anonymous {
				continue
			}
			// Strict decoding accepts every ignored field, and nothing
			// else the type lacks.
			var obj []string
			for _, key := range append(slices.Clone(o.Ignored), "no_such_field") {
				obj = append(obj, strconv.Quote(key)+`: "x"`)
			}
			r := &reader{data: []byte("{" + strings.Join(obj, ", ") + "}"), file: "f.json", strict: true, careful: true}
			r.value(decOf(rt), reflect.New(rt).Elem(), "o")
			if len(r.errs) != 1 || r.errs[0].Path != "o.no_such_field" {
				t.Errorf("%s: strict decoding of the ignored fields and an unknown one: %v", o.Name, r.errs)
			}
			break
		}
		if !slices.Equal(embeds, o.Embeds) {
			t.Errorf("%s embeds %v, the catalogue says %v", o.Name, embeds, o.Embeds)
		}
	}
	walk(reflect.TypeFor[Bundle]())
	for _, o := range Catalogue {
		if !seen[o.Name] {
			t.Errorf("the catalogue describes %s, which the bundle does not hold", o.Name)
		}
	}
}

// structOf is the struct type a field holds, directly or as the element
// of a pointer, slice or map; nil for scalars.
func structOf(rt reflect.Type) reflect.Type {
	for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
		rt = rt.Elem()
	}
	if rt.Kind() == reflect.Struct {
		return rt
	}
	return nil
}

func suits(f Field, rt reflect.Type) error {
	st := structOf(rt)
	switch {
	case st != nil && f.Object != st.Name():
		return fmt.Errorf("holds %s, the row says object %q", st.Name(), f.Object)
	case st == nil && f.Object != "":
		return fmt.Errorf("holds no object, the row says %q", f.Object)
	}
	base := rt
	for base.Kind() == reflect.Pointer || base.Kind() == reflect.Slice {
		base = base.Elem()
	}
	for _, v := range f.Values {
		var ok bool
		switch v.(type) {
		case string:
			ok = base.Kind() == reflect.String
		case int:
			ok = base.Kind() == reflect.Int || base.Kind() == reflect.Int64
		case bool:
			ok = base.Kind() == reflect.Bool
		}
		if !ok {
			return fmt.Errorf("value %v (%T) does not suit %s", v, v, rt)
		}
	}
	if f.Bounds != nil && base.Kind() != reflect.Int && base.Kind() != reflect.Int64 {
		return fmt.Errorf("bounds on %s", rt)
	}
	if f.Link != "" && base.Kind() != reflect.String {
		return fmt.Errorf("link on %s", rt)
	}
	if f.Link != "" && CatalogueObject("Bundle") != nil && !slices.ContainsFunc(CatalogueObject("Bundle").Fields, func(b Field) bool { return b.Key == f.Link }) {
		return fmt.Errorf("links to %q, which is not a bundle list", f.Link)
	}
	return nil
}

// TestCatalogueInFieldDocs: the doc comment of each field in model.go
// mentions every value the catalogue documents for it, so that the docs
// and the catalogue say the same.
func TestCatalogueInFieldDocs(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "model.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]map[string]string{} // type -> JSON key -> doc
	ast.Inspect(file, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return false
		}
		docs[ts.Name.Name] = map[string]string{}
		for _, f := range st.Fields.List {
			if f.Tag == nil || len(f.Names) == 0 {
				continue
			}
			tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`"))
			key, _, _ := strings.Cut(tag.Get("json"), ",")
			docs[ts.Name.Name][key] = f.Doc.Text()
		}
		return false
	})
	for _, o := range Catalogue {
		for _, f := range o.Fields {
			doc, ok := docs[o.Name][f.Key]
			if !ok {
				t.Errorf("%s.%s: no field in model.go", o.Name, f.Key)
				continue
			}
			if doc == "" {
				t.Errorf("%s.%s has no doc comment", o.Name, f.Key)
			}
			if len(f.Values) > 10 {
				continue // a long list is named, not spelled out
			}
			for _, v := range f.Values {
				if _, isBool := v.(bool); isBool {
					continue
				}
				if s := fmt.Sprint(v); !strings.Contains(doc, s) {
					t.Errorf("the doc of %s.%s does not mention its documented value %s", o.Name, f.Key, s)
				}
			}
		}
	}
}
