package model

// The bundle decoder as it was before the one-pass reader (read.go): a
// generic tree first (parseJSON), then a decoder of the tree into the
// model's types, building a path for every value. It is the reference of
// the differential tests (differential_test.go, FuzzDecoder).

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// decoder turns a generic JSON tree into typed values, tracking the JSON path
// so that every error says where it is.
type decoder struct {
	file   string
	strict bool
	errs   ErrorList
}

func (d *decoder) fail(path, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, &Error{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)})
	}
}

// parseJSON reads one JSON value into a tree of *object, []any, string,
// json.Number, bool and nil. Duplicate keys in an object are an error: the
// gateway never sends them, and taking either would be a guess.
func parseJSON(data []byte) (any, error) {
	if json.Valid(data) {
		// The common case, several times faster than the token reader,
		// which is left for the errors it describes so well.
		p := &validParser{data: data}
		return p.value("")
	}
	return parseTokens(data)
}

// validParser reads JSON that json.Valid accepted into the same tree as
// parseValue, with the same duplicate-key errors.
type validParser struct {
	data []byte
	i    int
}

func (p *validParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *validParser) value(path string) (any, error) {
	p.space()
	switch c := p.data[p.i]; {
	case c == '{':
		p.i++
		o := &object{vals: map[string]any{}}
		for {
			p.space()
			if p.data[p.i] == '}' {
				p.i++
				return o, nil
			}
			if p.data[p.i] == ',' {
				p.i++
				p.space()
			}
			k := p.str()
			kp := joinKey(path, k)
			if _, dup := o.vals[k]; dup {
				return nil, &Error{Path: kp, Msg: fmt.Sprintf("duplicate key %q", k)}
			}
			p.space()
			p.i++ // the colon
			v, err := p.value(kp)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k)
			o.vals[k] = v
			p.space()
		}
	case c == '[':
		p.i++
		a := []any{}
		for n := 0; ; n++ {
			p.space()
			if p.data[p.i] == ']' {
				p.i++
				return a, nil
			}
			if p.data[p.i] == ',' {
				p.i++
			}
			v, err := p.value(fmt.Sprintf("%s[%d]", path, n))
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '"':
		return p.str(), nil
	case c == 't':
		p.i += 4
		return true, nil
	case c == 'f':
		p.i += 5
		return false, nil
	case c == 'n':
		p.i += 4
		return nil, nil
	}
	start := p.i
	for p.i < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.i]) >= 0 {
		p.i++
	}
	return json.Number(p.data[start:p.i]), nil
}

// str reads a string at p.i, unescaping it as encoding/json does.
func (p *validParser) str() string {
	start := p.i
	p.i++
	simple := true
	for ; p.data[p.i] != '"'; p.i++ {
		switch c := p.data[p.i]; {
		case c == '\\':
			simple = false
			p.i++
		case c >= utf8.RuneSelf:
			simple = false
		}
	}
	p.i++
	raw := p.data[start:p.i]
	if simple {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		panic("model: json.Valid accepted a string json.Unmarshal refuses: " + err.Error())
	}
	return s
}

func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case *object:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

// decode stores v into rv, reporting mismatches at path. A JSON null leaves
// the zero value, as the gateway returns null for unset fields.
func (d *decoder) decode(v any, rv reflect.Value, path string) {
	if v == nil {
		rv.SetZero()
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		d.decode(v, rv.Elem(), path)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.fail(path, "expected a string, got %s", kindName(v))
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.fail(path, "expected a boolean, got %s", kindName(v))
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			d.fail(path, "expected an integer, got %s", kindName(v))
			return
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || rv.OverflowInt(i) {
			d.fail(path, "expected an integer, got %s", n)
			return
		}
		rv.SetInt(i)
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			d.fail(path, "expected an array, got %s", kindName(v))
			return
		}
		s := reflect.MakeSlice(rv.Type(), len(a), len(a))
		for i, e := range a {
			d.decode(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		rv.Set(s)
	case reflect.Map:
		o, ok := v.(*object)
		if !ok {
			d.fail(path, "expected an object, got %s", kindName(v))
			return
		}
		m := reflect.MakeMapWithSize(rv.Type(), len(o.keys))
		for _, k := range o.keys {
			e := reflect.New(rv.Type().Elem()).Elem()
			d.decode(o.vals[k], e, joinKey(path, k))
			m.SetMapIndex(reflect.ValueOf(k), e)
		}
		rv.Set(m)
	case reflect.Struct:
		o, ok := v.(*object)
		if !ok {
			d.fail(path, "expected an object, got %s", kindName(v))
			return
		}
		fields := fieldsOf(rv.Type())
		for _, k := range o.keys {
			f, ok := fields[k]
			if !ok {
				if d.strict && !ignored()[rv.Type().Name()][k] {
					d.fail(joinKey(path, k), "unknown field (strict mode)")
				}
				continue
			}
			d.decode(o.vals[k], rv.FieldByIndex(f.index), joinKey(path, k))
		}
	default:
		panic(fmt.Sprintf("model: cannot decode into %s", rv.Type()))
	}
}

// decodeFile is [Decode] that also says whether the file gave its one group
// under the "group" key.
func decodeFile(name string, data []byte, strict bool) (*Bundle, bool, error) {
	tree, err := parseJSON(data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
		}
		return nil, false, err
	}
	root, ok := tree.(*object)
	if !ok {
		return nil, false, &Error{File: name, Msg: fmt.Sprintf("expected a JSON object (a bundle), got %s", kindName(tree))}
	}
	d := &decoder{file: name, strict: strict}
	b := &Bundle{}
	rb := reflect.ValueOf(b).Elem()
	for _, k := range root.keys {
		v := root.vals[k]
		switch {
		case metaKeys[k]:
		case k == "group":
			var g Group
			d.decode(v, reflect.ValueOf(&g).Elem(), "group")
			if v != nil {
				b.Groups = append(b.Groups, g)
			}
		case listKeys[k].name != "":
			d.decode(v, rb.FieldByIndex(listKeys[k].index), k)
		default:
			d.fail(k, "unknown top-level key; expected one of %s", strings.Join(knownTopKeys(), ", "))
		}
	}
	_, single := root.vals["group"]
	if _, ok := root.vals["groups"]; ok && single {
		d.fail("group", `"group" and "groups" cannot both be given`)
	}
	if err := d.errs.Err(); err != nil {
		return nil, false, err
	}
	return b, single, nil
}
