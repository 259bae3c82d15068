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

// swaggerSchema is the official Swagger 2.0 schema, compiled as engine
// compiles it.
var swaggerSchema = sync.OnceValue(func() *check.Schema {
	dir := filepath.Join("..", "..", "schemas")
	doc, err := os.ReadFile(filepath.Join(dir, "swagger-2.0.json"))
	if err != nil {
		panic(err)
	}
	draft4, err := os.ReadFile(filepath.Join(dir, "draft-04.json"))
	if err != nil {
		panic(err)
	}
	s, err := check.CompileSchema(doc, map[string][]byte{check.Draft04ID: draft4})
	if err != nil {
		panic(err)
	}
	return s
})

// generatedSwagger is the Swagger 2.0 export of generated bundles, every
// scope: the gateway's shapes at scale.
var generatedSwagger = sync.OnceValues(func() (map[string][]byte, error) {
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
			req := engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: define, Version: "v"}
			res, err := engine.Export(b, req, engine.Options{SkipValidation: true})
			if err != nil {
				return nil, fmt.Errorf("generated n=%d seed=%d %s: %w", g.n, g.seed, define, err)
			}
			docs[fmt.Sprintf("generated-%d-%d-%s.json", g.n, g.seed, define)] = res.Body
		}
	}
	return docs, nil
})

// swaggerCorpus is every Swagger 2.0 document of testdata: the mutation
// corpus, the documents outside the gateway's shape, the gateway's samples
// and the Swagger 2.0 goldens.
func swaggerCorpus(t testing.TB) map[string][]byte {
	t.Helper()
	root := filepath.Join("..", "..", "..", "testdata")
	var names []string
	for _, pattern := range []string{"mutations/*.json", "outside/*.json", "outside/*.yml", "outside/*.yaml", "examples/*.json", "golden/*.json", "golden/*.yaml"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	docs := map[string][]byte{}
	for _, name := range names {
		if strings.HasSuffix(name, ".bundle.json") || strings.Contains(filepath.Base(name), ".oas3.") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		_, v, _, err := tree.Read(b)
		if err != nil || tree.AsObj(v).Get("swagger") == nil {
			continue // not a Swagger 2.0 document
		}
		rel, _ := filepath.Rel(root, name)
		docs[filepath.ToSlash(rel)] = b
	}
	return docs
}

// TestSwaggerFastAcceptSound: on every Path Item of the corpus (mutations,
// documents outside the gateway's shape, samples, goldens) and of
// generated exports, a fast accept means the official schema finds
// nothing there, prechecks included.
func TestSwaggerFastAcceptSound(t *testing.T) {
	docs := swaggerCorpus(t)
	gen, err := generatedSwagger()
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
			fs := check.SwaggerItemSchemaErrors(swaggerSchema(), m.Key, m.Val)
			if len(fs) > 0 {
				refused++
			}
			if !check.FastAcceptSwagger(m.Key, m.Val) {
				continue
			}
			accepted++
			if len(fs) > 0 {
				t.Errorf("%s: %s is fast-accepted, but the schema finds %v", name, m.Key, fs)
			}
			if proven, why := check.SwaggerPlainProven(m.Key, m.Val); proven && why != "" {
				t.Errorf("%s: %s is proven in the fast path, but it is outside: %s", name, m.Key, why)
			}
		}
	}
	t.Logf("%d documents, %d Path Items: %d fast-accepted, %d refused by the schema", len(docs), items, accepted, refused)
	if refused == 0 {
		t.Error("no Path Item the schema refuses: the corpus proves nothing")
	}
}

// TestSwaggerFastAcceptComplete: every Path Item of the gateway's exports
// (the Swagger 2.0 goldens and generated exports) is fast-accepted; else
// the schema runs on it and the speed-up is lost without a word.
func TestSwaggerFastAcceptComplete(t *testing.T) {
	docs := map[string][]byte{}
	for name, doc := range swaggerCorpus(t) {
		if strings.HasPrefix(name, "golden/") {
			docs[name] = doc
		}
	}
	gen, err := generatedSwagger()
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
			if !check.FastAcceptSwagger(m.Key, m.Val) {
				t.Errorf("%s: %s is not fast-accepted: %s", name, m.Key, tree.EncodeJSON(m.Val, 0))
			}
			if proven, why := check.SwaggerPlainProven(m.Key, m.Val); !proven && why == "" {
				t.Errorf("%s: %s is in the fast path, but the fast accept does not prove it", name, m.Key)
			}
		}
	}
	if n < 1000 {
		t.Errorf("%d Path Items, want the goldens' and the generated exports' (more than 1,000)", n)
	}
}

// TestSwaggerFastAcceptRows: Path Items one change away from the
// gateway's shape. Each row says whether the fast accept takes it; a row
// it takes must pass the schema, and a row the schema refuses must not be
// taken.
func TestSwaggerFastAcceptRows(t *testing.T) {
	const param = `{"name": "id", "in": "path", "required": true, "type": "string"}`
	op := func(extra string) string {
		return `{"get": {"operationId": "a", "responses": {"default": {"$ref": "#/responses/default"}}` + extra + `}}`
	}
	prm := func(p string) string { return op(`, "parameters": [` + p + `]`) }
	for _, tc := range []struct {
		name, item string
		accept     bool // the fast accept takes it
		schemaOK   bool // the schema accepts it
	}{
		{"gateway shape", op(`, "parameters": [` + param + `], "schemes": ["http", "https"], "security": [{"k": []}], "tags": ["t"], "x-apigateway-cors": true, "x-apigateway-backend": {"type": "MOCK"}`), true, true},
		{"item parameters", `{"parameters": [` + param + `], "x-apigateway-any-method": {"responses": {}}}`, true, true},
		{"empty item", `{}`, true, true},
		{"item not an object", `[]`, false, false},
		{"item $ref", `{"$ref": "#/x"}`, false, true},
		{"item trace", `{"trace": {"responses": {"default": {"description": "d"}}}}`, false, false},
		{"unknown item key", `{"foo": 1}`, false, false},
		{"extension type array", `{"x-a": {"type": "array"}}`, false, false},
		{"extension with items", `{"x-a": {"type": "string", "items": {}}}`, false, false},
		{"extension array of type array", `{"x-a": [{"type": "array"}]}`, true, true},
		{"no responses", `{"get": {"operationId": "a"}}`, false, false},
		{"empty responses", `{"get": {"responses": {}}}`, false, false},
		{"responses only extensions", `{"get": {"responses": {"x-a": 1}}}`, false, false},
		{"response code 2XX", `{"get": {"responses": {"2XX": {"description": "d"}}}}`, false, false},
		{"response code 600", `{"get": {"responses": {"600": {"description": "d"}}}}`, true, true},
		{"response without description", `{"get": {"responses": {"default": {}}}}`, false, false},
		{"response null", `{"get": {"responses": {"default": null}}}`, false, true},
		{"response $ref not a string", `{"get": {"responses": {"default": {"$ref": 1}}}}`, false, false},
		{"response $ref and description", `{"get": {"responses": {"default": {"$ref": "#/responses/a", "description": "d"}}}}`, false, false},
		{"response $ref and extension", `{"get": {"responses": {"default": {"$ref": "#/responses/a", "x-a": 1}}}}`, false, false},
		{"response description and extension", `{"get": {"responses": {"default": {"description": "d", "x-a": 1}}}}`, true, true},
		{"response headers", `{"get": {"responses": {"default": {"description": "d", "headers": {"h": {"type": "string"}}}}}}`, false, true},
		{"operationId not a string", op(`, "operationId": 1`), false, false},
		{"operationId null", op(`, "summary": null`), false, false},
		{"schemes unknown", op(`, "schemes": ["ftp"]`), false, false},
		{"schemes twice", op(`, "schemes": ["http", "http"]`), false, false},
		{"tags twice", op(`, "tags": ["t", "t"]`), false, false},
		{"consumes", op(`, "consumes": ["application/json"]`), true, true},
		{"security twice alike", op(`, "security": [{"k": []}, {"k": []}]`), false, false},
		{"security two", op(`, "security": [{"k": []}, {"l": []}]`), true, true},
		{"security scopes twice", op(`, "security": [{"k": ["a", "a"]}]`), false, false},
		{"security scheme items", op(`, "security": [{"items": []}]`), false, false},
		{"externalDocs", op(`, "externalDocs": {"url": "https://a.b"}`), false, true},
		{"requestBody", op(`, "requestBody": {}`), false, false},
		{"path parameter not required", prm(`{"name": "id", "in": "path", "type": "string"}`), false, false},
		{"path parameter required false", prm(`{"name": "id", "in": "path", "required": false, "type": "string"}`), false, false},
		{"query parameter not required", prm(`{"name": "id", "in": "query", "type": "integer", "default": 3, "maximum": 9, "minimum": 1, "exclusiveMaximum": true}`), true, true},
		{"query allowEmptyValue multi", prm(`{"name": "id", "in": "query", "type": "string", "allowEmptyValue": true, "collectionFormat": "multi"}`), true, true},
		{"header allowEmptyValue", prm(`{"name": "id", "in": "header", "type": "string", "allowEmptyValue": true}`), false, false},
		{"header multi", prm(`{"name": "id", "in": "header", "type": "string", "collectionFormat": "multi"}`), false, false},
		{"collectionFormat unknown", prm(`{"name": "id", "in": "query", "type": "string", "collectionFormat": "x"}`), false, false},
		{"parameter in body", prm(`{"name": "id", "in": "body", "schema": {"type": "string"}}`), false, true},
		{"parameter in formData", prm(`{"name": "id", "in": "formData", "type": "string"}`), false, true},
		{"parameter in cookie", prm(`{"name": "id", "in": "cookie", "type": "string"}`), false, false},
		{"parameter without name", prm(`{"in": "query", "type": "string"}`), false, false},
		{"parameter without type", prm(`{"name": "id", "in": "query"}`), false, false},
		{"parameter type long", prm(`{"name": "id", "in": "query", "type": "long"}`), false, false},
		{"parameter type array", prm(`{"name": "id", "in": "query", "type": "array"}`), false, false},
		{"parameter type array with items", prm(`{"name": "id", "in": "query", "type": "array", "items": {"type": "string"}}`), false, true},
		{"parameter items", prm(`{"name": "id", "in": "query", "type": "string", "items": {"type": "string"}}`), false, false},
		{"parameter $ref", prm(`{"$ref": "#/parameters/p"}`), false, true},
		{"parameter id", prm(`{"name": "id", "in": "query", "type": "string", "id": "x"}`), false, true},
		{"parameters twice alike", op(`, "parameters": [` + param + `, ` + param + `]`), false, false},
		{"parameters same in and name", op(`, "parameters": [` + param + `, {"name": "id", "in": "path", "required": true, "type": "integer"}]`), false, true},
		{"default type array", prm(`{"name": "id", "in": "query", "type": "string", "default": {"type": "array"}}`), false, false},
		{"default null", prm(`{"name": "id", "in": "query", "type": "string", "default": null}`), true, true},
		{"enum empty", prm(`{"name": "id", "in": "query", "type": "string", "enum": []}`), false, false},
		{"enum twice", prm(`{"name": "id", "in": "query", "type": "integer", "enum": [1, 1.0]}`), false, false},
		{"enum", prm(`{"name": "id", "in": "query", "type": "integer", "enum": [1, "1", {"a": 1}]}`), true, true},
		{"maxLength -1", prm(`{"name": "id", "in": "query", "type": "string", "maxLength": -1}`), false, false},
		{"maxLength 1.5", prm(`{"name": "id", "in": "query", "type": "string", "maxLength": 1.5}`), false, false},
		{"minLength 0", prm(`{"name": "id", "in": "query", "type": "string", "minLength": 0}`), true, true},
		{"minimum a string", prm(`{"name": "id", "in": "query", "type": "integer", "minimum": "1"}`), false, false},
		{"exclusiveMinimum a number", prm(`{"name": "id", "in": "query", "type": "integer", "exclusiveMinimum": 1}`), false, false},
		{"multipleOf 0", prm(`{"name": "id", "in": "query", "type": "integer", "multipleOf": 0}`), false, false},
		{"multipleOf 0.5", prm(`{"name": "id", "in": "query", "type": "number", "multipleOf": 0.5}`), true, true},
		{"pattern", prm(`{"name": "id", "in": "query", "type": "string", "pattern": "(["}`), true, true},
		{"pattern a number", prm(`{"name": "id", "in": "query", "type": "string", "pattern": 1}`), false, false},
		{"format", prm(`{"name": "id", "in": "query", "type": "string", "format": "uuid"}`), true, true},
		{"parameter extension with items", prm(`{"name": "id", "in": "query", "type": "string", "x-a": {"items": 1}}`), false, false},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			v, err := tree.Decode([]byte(tc.item))
			if err != nil {
				t.Fatal(err)
			}
			fs := check.SwaggerItemSchemaErrors(swaggerSchema(), "/a/{id}", v)
			if got := len(fs) == 0; got != tc.schemaOK {
				t.Fatalf("the schema says valid=%v (%v), the row %v", got, fs, tc.schemaOK)
			}
			if got := check.FastAcceptSwagger("/a/{id}", v); got != tc.accept {
				t.Errorf("fast accept %v, want %v", got, tc.accept)
			}
		})
	}
	// A known key twice in one object (a tree from YAML or JSON with
	// duplicate keys): not taken, whatever the schema says.
	for _, prm := range []tree.Obj{
		{{"name", "id"}, {"in", "path"}, {"in", "query"}, {"required", true}, {"type", "string"}},
		{{"name", "id"}, {"name", 1}, {"in", "query"}, {"type", "string"}},
		{{"name", "id"}, {"in", "path"}, {"required", true}, {"required", false}, {"type", "string"}},
		{{"name", "id"}, {"in", "query"}, {"type", "string"}, {"type", "long"}},
	} {
		resp := tree.Obj{{"default", tree.Obj{{"description", "d"}}}}
		item := tree.Obj{{"get", tree.Obj{{"parameters", tree.Arr{prm}}, {"responses", resp}}}}
		if check.FastAcceptSwagger("/a/{id}", item) {
			t.Errorf("%s: fast-accepted", tree.EncodeJSON(prm, 0))
		}
	}
	// A member of the Paths Object that is not a path is no Path Item.
	if check.FastAcceptSwagger("a", tree.Obj{}) || len(check.SwaggerItemSchemaErrors(swaggerSchema(), "a", tree.Obj{})) == 0 {
		t.Error("the member a of the Paths Object: fast-accepted, or the schema takes it")
	}
}

// FuzzSwaggerFastAccept: structural mutations of the Paths Object of a
// Swagger 2.0 golden (one to three of mutate's), then on each Path Item:
// a fast accept means the official schema finds nothing.
func FuzzSwaggerFastAccept(f *testing.F) {
	base, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "golden", "sample-all.json"))
	if err != nil {
		f.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		f.Fatal(err)
	}
	paths := doc["paths"]
	fastAcceptSeeds(f)
	f.Fuzz(func(t *testing.T, pick uint64, op, val, more uint8) {
		for _, m := range mutatedPaths(paths, pick, op, val, more) {
			if check.FastAcceptSwagger(m.Key, m.Val) {
				if fs := check.SwaggerItemSchemaErrors(swaggerSchema(), m.Key, m.Val); len(fs) > 0 {
					t.Errorf("%s: fast-accepted, but the schema finds %v\n%s", m.Key, fs, tree.EncodeJSON(m.Val, 0))
				}
			}
			if proven, why := check.SwaggerPlainProven(m.Key, m.Val); proven && why != "" {
				t.Errorf("%s: proven in the fast path, but it is outside: %s\n%s", m.Key, why, tree.EncodeJSON(m.Val, 0))
			}
		}
	})
}

// TestSwaggerPlainProven: the fast accept proves a Path Item inside the
// fast path of stages 2 to 4 only when itemOutsideFastPath says "".
func TestSwaggerPlainProven(t *testing.T) {
	resp := func(ref string) string { return `"responses": {"default": {"$ref": "` + ref + `"}}` }
	for _, tc := range []struct {
		name, item string
		proven     bool
	}{
		{"plain", `{"get": {` + resp("#/responses/default") + `}}`, true},
		{"inline response", `{"get": {"responses": {"200": {"description": "d"}}}}`, true},
		{"ref elsewhere", `{"get": {` + resp("#/definitions/a") + `}}`, false},
		{"ref deeper", `{"get": {` + resp("#/responses/a/b") + `}}`, false},
		{"ref escaped", `{"get": {` + resp("#/responses/a%20b") + `}}`, false},
		{"collectionFormat", `{"parameters": [{"name": "q", "in": "query", "type": "string", "collectionFormat": "csv"}]}`, false},
		{"allowEmptyValue", `{"get": {` + resp("#/responses/d") + `, "parameters": [{"name": "q", "in": "query", "type": "string", "allowEmptyValue": false}]}}`, false},
		{"maxItems", `{"parameters": [{"name": "q", "in": "query", "type": "string", "maxItems": 1}]}`, false},
		{"minItems", `{"parameters": [{"name": "q", "in": "query", "type": "string", "minItems": 1}]}`, false},
		{"uniqueItems", `{"parameters": [{"name": "q", "in": "query", "type": "string", "uniqueItems": true}]}`, false},
		{"maxLength", `{"parameters": [{"name": "q", "in": "query", "type": "string", "maxLength": 1}]}`, true},
	} {
		v, err := tree.Decode([]byte(tc.item))
		if err != nil {
			t.Fatal(err)
		}
		proven, why := check.SwaggerPlainProven("/a", v)
		if proven != tc.proven {
			t.Errorf("%s: proven %v, want %v (itemOutsideFastPath: %q)", tc.name, proven, tc.proven, why)
		}
		if (why == "") != tc.proven {
			t.Errorf("%s: itemOutsideFastPath says %q: the row is wrong", tc.name, why)
		}
	}
}
