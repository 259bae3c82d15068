package check_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/oracle"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/engine/reference"
	"github.com/apigexport/apigexport/engine/schemas"
)

var oas3Schema = sync.OnceValue(func() *check.Schema {
	s, err := check.CompileDraft4(schemas.OpenAPI30, nil)
	if err != nil {
		panic(err)
	}
	return s
})

// kin is the reference the checker hands documents to: kin-openapi.
func kin(raw []byte) []check.Finding {
	fs, err := reference.ValidateOpenAPI3(raw)
	if err != nil {
		return []check.Finding{{Severity: check.SeverityError, Code: "openapi-invalid", Message: err.Error()}}
	}
	return fs
}

// oas3Verdict runs the checker on a document: its findings without the
// APIG rules, and why it handed the document over ("" when it did not).
func oas3Verdict(t testing.TB, doc []byte) (valid bool, why string, fs []check.Finding, ok bool) {
	t.Helper()
	raw, v, dups, err := tree.Read(doc)
	if err != nil || dups != nil {
		return false, "", nil, false
	}
	c := check.OAS3Document(v, check.Options{Schema: oas3Schema(), Fast: true, Reference: kin})
	fs, why = c.FastFindings()
	if why != "" {
		fs = append(c.SchemaErrors(), kin(raw)...)
	}
	return !check.HasErrors(fs), why, fs, true
}

// oas3Corpus is every OpenAPI 3.0 document of testdata: the mutation
// corpus, the gateway's samples and the OpenAPI 3.0 goldens.
func oas3Corpus(t testing.TB) map[string][]byte {
	t.Helper()
	root := filepath.Join("..", "..", "..", "testdata")
	var names []string
	for _, pattern := range []string{"mutations-oas3/*.json", "mutations-oas3/*.yaml", "examples/*oas3*.yaml", "golden/*oas3*"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	docs := map[string][]byte{}
	for _, name := range names {
		if strings.HasSuffix(name, ".bundle.json") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, name)
		docs[filepath.ToSlash(rel)] = b
	}
	return docs
}

// TestOAS3Differential: on every OpenAPI 3.0 document of testdata, the
// checker's verdict (valid or refused) is the oracle's, and its schema
// half is the oracle's schema half. Handoffs to the reference are counted.
func TestOAS3Differential(t *testing.T) {
	docs := oas3Corpus(t)
	if len(docs) < 100 {
		t.Fatalf("%d documents, want the corpus's 108 and the samples", len(docs))
	}
	handed := map[string][]string{}
	disagree := 0
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range docs {
			if !yield(k) {
				return
			}
		}
	}) {
		doc := docs[name]
		valid, why, fs, ok := oas3Verdict(t, doc)
		if !ok {
			t.Errorf("%s: unreadable", name)
			continue
		}
		v, err := oracle.Check(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if why != "" {
			handed[why] = append(handed[why], name)
		}
		if valid != v.Valid() {
			disagree++
			t.Errorf("%s: the checker says valid=%v (%v, handed over: %q), the oracle %s", name, valid, fs, why, v)
		}
		schemaValid := !check.HasErrors(schemaOnly(doc))
		if schemaValid != v.SchemaValid() {
			t.Errorf("%s: the engine's schema run says valid=%v (%v), the oracle's schema half %v", name, schemaValid, schemaOnly(doc), v.Schema)
		}
	}
	n := 0
	for why, names := range handed {
		n += len(names)
		t.Logf("handed to kin-openapi (not-checked without it): %d: %s (%s)", len(names), why, strings.Join(names, ", "))
	}
	t.Logf("%d documents, %d disagreements, %d handed over", len(docs), disagree, n)
}

// schemaOnly is the engine's schema run alone.
func schemaOnly(doc []byte) []check.Finding {
	_, v, _, err := tree.Read(doc)
	if err != nil {
		return nil
	}
	return check.OAS3Document(v, check.Options{Schema: oas3Schema()}).SchemaErrors()
}

// TestOAS3Findings: the code and pointer of what the checker finds in
// the corpus's documents made for its checks.
func TestOAS3Findings(t *testing.T) {
	for _, tc := range []struct{ file, code, path string }{
		{"duplicate-parameter", "duplicate-parameter", "/paths/~1mock/get/parameters/1"},
		{"path-parameter-not-in-template", "path-param-not-in-path", "/paths/~1http~1{userId}/get"},
		{"template-variable-without-parameter", "path-param-undeclared", "/paths/~1function~1{name}/get"},
		{"path-conflict", "path-overlap", "/paths/~1http~1{userId}"},
		{"duplicate-operation-id", "duplicate-operation-id", "/paths/~1mock/get/operationId"},
		{"unresolved-response-ref", "unresolved-ref", "/paths/~1function~1{name}/get/responses/default/$ref"},
		{"security-undefined-scheme", "security-scheme-undeclared", "/paths/~1http~1{userId}/get/security/0/nosuch"},
		{"example-not-in-enum", check.CodeExampleInvalid, "/paths/~1mock/get/parameters/0/example"},
		{"default-above-maximum", "default-invalid", "/paths/~1mock/get/parameters/1/schema/default"},
		{"responses-only-extensions", check.CodeResponsesWithoutCode, "/paths/~1http~1{userId}/get/responses"},
		{"components-bad-name", check.CodeComponentName, "/components/responses/default cors"},
		{"response-key-default-cors", "schema-forbidden-property", "/paths/~1http~1{userId}/get/responses/default-cors"},
		{"openapi-3.1.0", "schema-pattern", "/openapi"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "mutations-oas3", tc.file+".json"))
			if err != nil {
				t.Fatal(err)
			}
			valid, why, fs, _ := oas3Verdict(t, doc)
			if valid || why != "" {
				t.Fatalf("valid=%v, handed over: %q; want a %s finding", valid, why, tc.code)
			}
			if !slices.ContainsFunc(fs, func(f check.Finding) bool { return f.Code == tc.code && f.Path == tc.path }) {
				t.Errorf("findings %v; want %s at %s", fs, tc.code, tc.path)
			}
		})
	}
}

// TestDraft4Keywords: what CompileDraft4 runs differently from the
// Swagger 2.0 mode, and maxProperties.
func TestDraft4Keywords(t *testing.T) {
	schema := `{"type": "object", "properties": {
		"n": {"type": "string"},
		"o": {"maxProperties": 1},
		"u": {"format": "uri"}, "r": {"format": "uri-reference"}, "e": {"format": "email"}, "x": {"format": "regex"},
		"k": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
		"t": {"not": {"type": "string"}}
	}, "patternProperties": {"^x-": {}}, "additionalProperties": false}`
	s4, err := check.CompileDraft4([]byte(schema), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		doc  string
		code string // "" valid
	}{
		{`{"n": "a"}`, ""},
		{`{"n": null}`, "schema-type"},
		{`{"o": {"a": 1}}`, ""},
		{`{"o": {"a": 1, "b": 2}}`, "schema-max-properties"},
		{`{"u": "https://a.b/c"}`, ""},
		{`{"u": "/relative"}`, "schema-format"},
		{`{"r": "/relative"}`, ""},
		{`{"r": "a\\b"}`, "schema-format"},
		{`{"e": "a@b.com"}`, ""},
		{`{"e": "a.@b.com"}`, "schema-format"},
		{`{"x": "^a+$"}`, ""},
		{`{"x": "(["}`, "schema-format"},
		{`{"k": 1}`, ""},
		{`{"k": true}`, "schema-one-of"},
		{`{"t": 1}`, ""},
		{`{"t": "s"}`, "schema-not"},
		{`{"x-any": {"type": "array"}}`, ""},
		{`{"id": "x"}`, "schema-forbidden-property"},
	} {
		v, err := tree.Decode([]byte(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		fs := check.OAS3Document(v, check.Options{Schema: s4}).SchemaErrors()
		got := ""
		if len(fs) > 0 {
			got = fs[0].Code
		}
		if got != tc.code {
			t.Errorf("%s: %v; want %q", tc.doc, fs, tc.code)
		}
	}
}

// FuzzOAS3Differential: structure-aware mutations of the corpus's base
// document (a member dropped, replaced by a value of another type or
// duplicated under another key; one or two of them), then the checker
// against the oracle.
func FuzzOAS3Differential(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "mutations-oas3", "base.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	raw, err := engine.ToJSON(base)
	if err != nil {
		f.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		f.Fatal(err)
	}
	for i := range 16 {
		f.Add(uint64(i*7919), uint8(i%5), uint8(i))
		f.Add(uint64(i*104729+13), uint8(5+i%20), uint8(3*i))
	}
	f.Fuzz(func(t *testing.T, pick uint64, op, val uint8) {
		d := clone(doc)
		mutate(&d, pick, op, val)
		if op >= 5 { // a second mutation, elsewhere
			mutate(&d, pick>>20, op/5, val/3)
		}
		b, err := json.Marshal(d)
		if err != nil {
			return
		}
		valid, why, fs, ok := oas3Verdict(t, b)
		if !ok {
			return
		}
		v, err := oracle.Check(b)
		if err != nil {
			return
		}
		if valid != v.Valid() {
			t.Errorf("%s\nthe checker says valid=%v (%v, handed over: %q), the oracle %s", b, valid, fs, why, v)
		}
	})
}

func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// values are what a mutation puts in place of a member.
var values = []any{nil, "", "x", "{id}", "/p/{id}", 0.0, 1.0, -1.0, 1.5, true, false, []any{}, []any{"a"},
	map[string]any{}, map[string]any{"type": "string"}, map[string]any{"$ref": "#/components/responses/default-cors"},
	"#/components/responses/nope", "path", "query", "header", "cookie", "apiKey", "integer", "number", "string",
	"http://{h}", "https://abc.com", "^[a-z]+$", "([", map[string]any{"description": "d"}}

// mutate picks one place of the document, in a fixed walk order, and
// changes it: op 0 drops a member or item, 1 replaces a value, 2 copies a
// member under a new key (or appends a copy of an item), 3 renames a
// member, 4 replaces the value with one of another member.
func mutate(d *any, pick uint64, op, val uint8) {
	type place struct {
		parent any
		key    string
		index  int
	}
	var places []place
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range x {
					if !yield(k) {
						return
					}
				}
			}) {
				places = append(places, place{x, k, -1})
				walk(x[k])
			}
		case []any:
			for i, e := range x {
				places = append(places, place{x, "", i})
				walk(e)
			}
		}
	}
	walk(*d)
	if len(places) == 0 {
		return
	}
	p := places[pick%uint64(len(places))]
	nv := clone(values[int(val)%len(values)])
	switch parent := p.parent.(type) {
	case map[string]any:
		switch op % 5 {
		case 0:
			delete(parent, p.key)
		case 1:
			parent[p.key] = nv
		case 2:
			parent[p.key+"2"] = clone(parent[p.key])
		case 3:
			names := []string{"x-a", "name", "in", "schema", "default", "example", "get", "/q/{id}", "description", "required"}
			parent[names[int(val)%len(names)]] = parent[p.key]
			delete(parent, p.key)
		case 4:
			other := places[(pick/7+uint64(val))%uint64(len(places))]
			if o, ok := other.parent.(map[string]any); ok {
				parent[p.key] = clone(o[other.key])
			}
		}
	case []any:
		switch op % 5 {
		case 0:
			parent[p.index] = map[string]any{}
		case 1, 3, 4:
			parent[p.index] = nv
		case 2:
			parent[p.index] = clone(parent[(p.index+1)%len(parent)])
		}
	}
}

func readOAS3(t *testing.T, name string) (raw []byte, v any) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "mutations-oas3", name))
	if err != nil {
		t.Fatal(err)
	}
	raw, v, _, err = tree.Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	return raw, v
}

// TestOAS3Verdict: without a reference a document outside the fast path
// is one not-checked warning; the strict checker (Fast false) reports the
// schema's findings and the reference's; the verdict of a root and its
// Path Items fed one by one is the whole document's.
func TestOAS3Verdict(t *testing.T) {
	raw, v := readOAS3(t, "server-variable-undefined.json")
	fs := check.OAS3Document(v, check.Options{Schema: oas3Schema(), Fast: true}).Verdict(func() []byte { return raw })
	if len(fs) != 1 || fs[0].Code != check.CodeNotChecked || !strings.Contains(fs[0].Message, "a server URL with variables") {
		t.Errorf("no reference: %v; want one not-checked warning", fs)
	}
	fs = check.OAS3Document(v, check.Options{Schema: oas3Schema(), Fast: true, Reference: kin}).Verdict(func() []byte { return raw })
	if !check.HasErrors(fs) {
		t.Errorf("kin-openapi: %v; want its refusal", fs)
	}

	raw, v = readOAS3(t, "response-key-default-cors.json")
	fs = check.OAS3Document(v, check.Options{Schema: oas3Schema(), Reference: kin}).Verdict(func() []byte { return raw })
	if len(fs) != 1 || fs[0].Code != "schema-forbidden-property" {
		t.Errorf("strict: %v; want the schema's one refusal (kin-openapi accepts)", fs)
	}
	raw, v = readOAS3(t, "duplicate-operation-id.json")
	fs = check.OAS3Document(v, check.Options{Schema: oas3Schema(), Reference: kin}).Verdict(func() []byte { return raw })
	if len(fs) != 1 || fs[0].Code != "openapi-invalid" {
		t.Errorf("strict: %v; want kin-openapi's one refusal", fs)
	}

	raw, v = readOAS3(t, "path-conflict.json")
	doc := v.(tree.Obj)
	root := slices.Clone(doc)
	for i := range root {
		if root[i].Key == "paths" {
			root[i].Val = tree.Obj{}
		}
	}
	var s check.Stream = check.NewOAS3(root, check.Options{Schema: oas3Schema(), Fast: true, Reference: kin})
	for _, m := range doc.Get("paths").(tree.Obj).Sorted() {
		s.Item(m.Key, m.Val)
	}
	streamed := s.Verdict(func() []byte { return raw })
	whole := check.OAS3Document(v, check.Options{Schema: oas3Schema(), Fast: true, Reference: kin}).Verdict(func() []byte { return raw })
	if !slices.Equal(streamed, whole) || !check.HasErrors(whole) {
		t.Errorf("streamed %v, whole %v", streamed, whole)
	}
}

// TestOAS3Places: the APIG rules read x-apigateway-ratelimits and
// x-apigateway-access-controls in components, else at the root, and the
// security schemes in components.securitySchemes.
func TestOAS3Places(t *testing.T) {
	limits := `{"t1": {"api-limit": 10, "interval": 1, "unit": "SECOND"}}`
	acls := `{"a1": {"acl-type": "PERMIT", "entity-type": "IP", "value": "1.2.3.4"}}`
	for _, tc := range []struct {
		name, root, components string
		want                   []string // codes of the APIG findings
	}{
		{"in components", ``, `, "x-apigateway-ratelimits": ` + limits + `, "x-apigateway-access-controls": ` + acls, nil},
		{"at the root", `, "x-apigateway-ratelimits": ` + limits + `, "x-apigateway-access-controls": ` + acls, ``, nil},
		{"nowhere", ``, ``, []string{"apig-access-control-undefined", "apig-ratelimit-undefined"}},
		{"bad unit in components", ``, `, "x-apigateway-ratelimits": {"t1": {"api-limit": 10, "interval": 1, "unit": "WEEK"}}, "x-apigateway-access-controls": ` + acls, []string{"apig-enum"}},
	} {
		doc := `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}` + tc.root + `,
			"components": {"securitySchemes": {"k": {"type": "apiKey", "name": "a", "in": "header"}}` + tc.components + `},
			"paths": {"/a": {"x-apigateway-any-method": {"security": [{"k": []}, {"nosuch": []}],
				"x-apigateway-ratelimit": "t1", "x-apigateway-access-control": "a1", "responses": {"default": {"description": "d"}}}}}}`
		v, err := tree.Decode([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		fs := check.OAS3Document(v, check.Options{Schema: oas3Schema(), Fast: true}).Verdict(func() []byte { return []byte(doc) })
		var got []string
		for _, f := range fs {
			if f.Code == "apig-security-undeclared" {
				if f.Path != "/paths/~1a/x-apigateway-any-method/security/1/nosuch" || !strings.Contains(f.Message, "components.securitySchemes") {
					t.Errorf("%s: %v", tc.name, f)
				}
				continue
			}
			got = append(got, f.Code)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v; want %v", tc.name, fs, tc.want)
		}
	}
}

// BenchmarkOAS3Document: the fast checker on the corpus's base document
// with its Path Items repeated 250 times (1,000 Path Items).
func BenchmarkOAS3Document(b *testing.B) {
	base, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "mutations-oas3", "base.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	_, v, _, err := tree.Read(base)
	if err != nil {
		b.Fatal(err)
	}
	doc := slices.Clone(v.(tree.Obj))
	var paths tree.Obj
	for i := range 250 {
		for _, m := range doc.Get("paths").(tree.Obj) {
			op := tree.AsObj(m.Val)
			// A distinct operationId per copy.
			item := tree.Obj{}
			for _, im := range op {
				o := tree.AsObj(im.Val)
				if id, ok := o.Get("operationId").(string); ok {
					o = slices.Clone(o)
					for j := range o {
						if o[j].Key == "operationId" {
							o[j].Val = id + strconv.Itoa(i)
						}
					}
				}
				item = append(item, tree.Member{Key: im.Key, Val: o})
			}
			paths = append(paths, tree.Member{Key: "/v" + strconv.Itoa(i) + m.Key, Val: item})
		}
	}
	paths = paths.Sorted()
	for i := range doc {
		if doc[i].Key == "paths" {
			doc[i].Val = paths
		}
	}
	opts := check.Options{Schema: oas3Schema(), Fast: true}
	if fs, why := check.OAS3Document(doc, opts).FastFindings(); len(fs) > 0 || why != "" {
		b.Fatalf("%v %q", fs, why)
	}
	b.ReportAllocs()
	for b.Loop() {
		check.OAS3Document(doc, opts).Verdict(func() []byte { return nil })
	}
}
