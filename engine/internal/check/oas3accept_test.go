package check_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// generatedOAS3 is the OpenAPI 3.0 export of generated bundles, every
// scope: the gateway's shapes at scale.
var generatedOAS3 = sync.OnceValues(func() (map[string][]byte, error) {
	docs := map[string][]byte{}
	for _, g := range []struct {
		n    int
		seed uint64
	}{{300, 1}, {120, 7}, {40, 42}} {
		data, err := json.Marshal(bundlegen.Generate(g.n, g.seed))
		if err != nil {
			return nil, err
		}
		b, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
		if err != nil {
			return nil, err
		}
		for _, define := range []string{"all", "spec", "proxy", "dev"} {
			req := engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: define, Version: "v", OASVersion: "3.0"}
			res, err := engine.Export(b, req, engine.Options{SkipValidation: true})
			if err != nil {
				return nil, fmt.Errorf("generated n=%d seed=%d %s: %w", g.n, g.seed, define, err)
			}
			docs[fmt.Sprintf("generated-%d-%d-%s.json", g.n, g.seed, define)] = res.Body
		}
	}
	return docs, nil
})

// pathItems is the Paths Object of a document, or nil.
func pathItems(t testing.TB, name string, doc []byte) tree.Obj {
	t.Helper()
	_, v, _, err := tree.Read(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tree.AsObj(tree.AsObj(v).Get("paths"))
}

// TestOAS3FastAcceptSound: on every Path Item of the corpus (mutations,
// samples, goldens) and of generated exports, a fast accept means the
// official schema finds nothing there.
func TestOAS3FastAcceptSound(t *testing.T) {
	docs := oas3Corpus(t)
	gen, err := generatedOAS3()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range gen {
		docs[k] = v
	}
	items, accepted, refused := 0, 0, 0
	for name, doc := range docs {
		for _, m := range pathItems(t, name, doc) {
			items++
			fs := check.OAS3ItemSchemaErrors(oas3Schema(), m.Key, m.Val)
			if len(fs) > 0 {
				refused++
			}
			if !check.FastAcceptOAS3(m.Key, m.Val) {
				continue
			}
			accepted++
			if len(fs) > 0 {
				t.Errorf("%s: %s is fast-accepted, but the schema finds %v", name, m.Key, fs)
			}
		}
	}
	t.Logf("%d documents, %d Path Items: %d fast-accepted, %d refused by the schema", len(docs), items, accepted, refused)
	if refused == 0 {
		t.Error("no Path Item the schema refuses: the corpus proves nothing")
	}
}

// TestOAS3FastAcceptComplete: every Path Item of the gateway's exports
// (the OpenAPI 3.0 goldens and generated exports) and of the corpus's base
// document is fast-accepted; else the schema runs on it and the speed-up
// is lost without a word.
func TestOAS3FastAcceptComplete(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata")
	names, err := filepath.Glob(filepath.Join(root, "golden", "*.oas3.*"))
	if err != nil {
		t.Fatal(err)
	}
	names = append(names, filepath.Join(root, "mutations-oas3", "base.yaml"))
	docs := map[string][]byte{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = b
	}
	gen, err := generatedOAS3()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range gen {
		docs[k] = v
	}
	n := 0
	for name, doc := range docs {
		for _, m := range pathItems(t, name, doc) {
			n++
			if !check.FastAcceptOAS3(m.Key, m.Val) {
				t.Errorf("%s: %s is not fast-accepted: %s", name, m.Key, tree.EncodeJSON(m.Val, 0))
			}
		}
	}
	if n < 1000 {
		t.Errorf("%d Path Items, want the goldens' and the generated exports' (more than 1,000)", n)
	}
}

// TestOAS3FastAcceptRows: Path Items one change away from the gateway's
// shape. Each row says whether the fast accept takes it; a row it takes
// must pass the schema, and a row the schema refuses must not be taken.
func TestOAS3FastAcceptRows(t *testing.T) {
	const param = `{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}`
	op := func(extra string) string {
		return `{"get": {"operationId": "a", "responses": {"default": {"description": "d"}}` + extra + `}}`
	}
	for _, tc := range []struct {
		name, item string
		accept     bool // the fast accept takes it
		schemaOK   bool // the schema accepts it
	}{
		{"gateway shape", op(`, "parameters": [` + param + `], "servers": [{"url": "https://a.b"}], "security": [{"k": []}], "tags": ["t"], "x-apigateway-cors": true`), true, true},
		{"any-method only", `{"x-apigateway-any-method": {"anything": [1]}}`, true, true},
		{"empty item", `{}`, true, true},
		{"item not an object", `[]`, false, false},
		{"item $ref", `{"$ref": "#/x"}`, false, true},
		{"unknown item key", `{"foo": 1}`, false, false},
		{"summary not a string", `{"summary": 1}`, false, false},
		{"no responses", `{"get": {"operationId": "a"}}`, false, false},
		{"empty responses", `{"get": {"responses": {}}}`, false, false},
		{"responses only extensions", `{"get": {"responses": {"x-a": 1}}}`, true, true},
		{"response code 2XX", `{"get": {"responses": {"2XX": {"description": "d"}}}}`, true, true},
		{"response code 600", `{"get": {"responses": {"600": {"description": "d"}}}}`, false, false},
		{"response key default-cors", `{"get": {"responses": {"default-cors": {"description": "d"}}}}`, false, false},
		{"response without description", `{"get": {"responses": {"default": {}}}}`, false, false},
		{"response null", `{"get": {"responses": {"default": null}}}`, false, false},
		{"response $ref", `{"get": {"responses": {"default": {"$ref": "#/components/responses/r"}}}}`, true, true},
		{"response $ref not a string", `{"get": {"responses": {"default": {"$ref": 1}}}}`, false, false},
		{"response $ref not a uri-reference", `{"get": {"responses": {"default": {"$ref": "a\\b"}}}}`, false, false},
		{"response content", `{"get": {"responses": {"default": {"description": "d", "content": {}}}}}`, false, true},
		{"header with schema", `{"get": {"responses": {"default": {"description": "d", "headers": {"h": {"schema": {"type": "string", "default": "*"}}}}}}}`, true, true},
		{"header without schema", `{"get": {"responses": {"default": {"description": "d", "headers": {"h": {"description": "x"}}}}}}`, false, false},
		{"path parameter not required", op(`, "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}]`), false, false},
		{"path parameter required false", op(`, "parameters": [{"name": "id", "in": "path", "required": false, "schema": {"type": "string"}}]`), false, false},
		{"query parameter not required", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string"}}]`), true, true},
		{"cookie parameter", op(`, "parameters": [{"name": "id", "in": "cookie", "required": false, "schema": {"type": "string"}}]`), true, true},
		{"parameter in body", op(`, "parameters": [{"name": "id", "in": "body", "schema": {"type": "string"}}]`), false, false},
		{"parameter without name", op(`, "parameters": [{"in": "query", "schema": {"type": "string"}}]`), false, false},
		{"parameter name not a string", op(`, "parameters": [{"name": 1, "in": "query", "schema": {"type": "string"}}]`), false, false},
		{"parameter without schema", op(`, "parameters": [{"name": "id", "in": "query"}]`), false, false},
		{"parameter with style", op(`, "parameters": [{"name": "id", "in": "query", "style": "form", "schema": {"type": "string"}}]`), false, true},
		{"parameters twice alike", op(`, "parameters": [` + param + `, ` + param + `]`), false, false},
		{"parameters same in and name", op(`, "parameters": [` + param + `, {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]`), false, true},
		{"parameter $ref", op(`, "parameters": [{"$ref": "#/components/parameters/p"}]`), false, true},
		{"schema type long", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "long"}}]`), false, false},
		{"schema maxLength -1", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "maxLength": -1}}]`), false, false},
		{"schema maxLength 1.5", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "maxLength": 1.5}}]`), false, false},
		{"schema maxLength 0", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "maxLength": 0}}]`), true, true},
		{"schema minimum a string", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "integer", "minimum": "1"}}]`), false, false},
		{"schema exclusiveMaximum a number", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "integer", "maximum": 2, "exclusiveMaximum": 1}}]`), false, false},
		{"schema enum empty", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "enum": []}}]`), false, false},
		{"schema pattern compiles", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "pattern": "^[a-z]+$"}}]`), true, true},
		{"schema pattern does not compile", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "pattern": "(["}}]`), false, false},
		{"schema unknown keyword", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"type": "string", "foo": 1}}]`), false, false},
		{"schema $ref", op(`, "parameters": [{"name": "id", "in": "query", "schema": {"$ref": "#/components/schemas/s"}}]`), true, true},
		{"server without url", op(`, "servers": [{"description": "d"}]`), false, false},
		{"server url not a string", op(`, "servers": [{"url": 1}]`), false, false},
		{"server variables", op(`, "servers": [{"url": "https://{h}", "variables": {"h": {"default": "a"}}}]`), false, true},
		{"security not a list of strings", op(`, "security": [{"k": [1]}]`), false, false},
		{"tags not strings", op(`, "tags": [1]`), false, false},
		{"requestBody", op(`, "requestBody": {"content": {}}`), false, true},
		{"operation unknown key", op(`, "consumes": ["a"]`), false, false},
		{"deprecated not a boolean", op(`, "deprecated": "yes"`), false, false},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			v, err := tree.Decode([]byte(tc.item))
			if err != nil {
				t.Fatal(err)
			}
			fs := check.OAS3ItemSchemaErrors(oas3Schema(), "/a/{id}", v)
			if got := len(fs) == 0; got != tc.schemaOK {
				t.Fatalf("the schema says valid=%v (%v), the row %v", got, fs, tc.schemaOK)
			}
			if got := check.FastAcceptOAS3("/a/{id}", v); got != tc.accept {
				t.Errorf("fast accept %v, want %v", got, tc.accept)
			}
		})
	}
	// A known key twice in one object (a tree from YAML or JSON with
	// duplicate keys): not taken, whatever the schema says.
	str := tree.Obj{{"type", "string"}}
	for _, prm := range []tree.Obj{
		{{"name", "id"}, {"in", "path"}, {"in", "query"}, {"required", true}, {"schema", str}},
		{{"name", "id"}, {"name", 1}, {"in", "query"}, {"schema", str}},
		{{"name", "id"}, {"in", "path"}, {"required", true}, {"required", false}, {"schema", str}},
		{{"name", "id"}, {"in", "query"}, {"schema", str}, {"schema", tree.Obj{{"type", "long"}}}},
	} {
		item := tree.Obj{{"get", tree.Obj{{"parameters", tree.Arr{prm}}, {"responses", tree.Obj{{"default", tree.Obj{{"description", "d"}}}}}}}}
		if check.FastAcceptOAS3("/a/{id}", item) {
			t.Errorf("%s: fast-accepted", tree.EncodeJSON(prm, 0))
		}
	}
	// A member of the Paths Object that is not a path is no Path Item.
	if check.FastAcceptOAS3("a", tree.Obj{}) || len(check.OAS3ItemSchemaErrors(oas3Schema(), "a", tree.Obj{})) == 0 {
		t.Error("the member a of the Paths Object: fast-accepted, or the schema takes it")
	}
}

// FuzzOAS3FastAccept: structural mutations of the Paths Object of the
// corpus's base document (one to three of mutate's), then on each Path
// Item: a fast accept means the official schema finds nothing.
func FuzzOAS3FastAccept(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "mutations-oas3", "base.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	raw, err := engine.ToJSON(base)
	if err != nil {
		f.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		f.Fatal(err)
	}
	paths := doc["paths"]
	fastAcceptSeeds(f)
	f.Fuzz(func(t *testing.T, pick uint64, op, val, more uint8) {
		for _, m := range mutatedPaths(paths, pick, op, val, more) {
			if check.FastAcceptOAS3(m.Key, m.Val) {
				if fs := check.OAS3ItemSchemaErrors(oas3Schema(), m.Key, m.Val); len(fs) > 0 {
					t.Errorf("%s: fast-accepted, but the schema finds %v\n%s", m.Key, fs, tree.EncodeJSON(m.Val, 0))
				}
			}
		}
	})
}

// fastAcceptSeeds adds the seeds of the fast accepts' fuzz targets.
func fastAcceptSeeds(f *testing.F) {
	for i := range 16 {
		f.Add(uint64(i*7919), uint8(i%5), uint8(i), uint8(0))
		f.Add(uint64(i*104729+13), uint8(5+i%20), uint8(3*i), uint8(i))
	}
}

// mutatedPaths applies one to three of mutate's structural mutations to a
// copy of a decoded Paths Object and gives it back as the engine's tree,
// or nil when the result is no longer JSON.
func mutatedPaths(paths any, pick uint64, op, val, more uint8) tree.Obj {
	d := clone(paths)
	mutate(&d, pick, op, val)
	for i := range more % 3 {
		mutate(&d, pick>>(13*(i+1)), op>>(i+1)+more, val^more)
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil
	}
	v, err := tree.Decode(b)
	if err != nil {
		return nil
	}
	return tree.AsObj(v)
}
