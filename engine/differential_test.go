package engine_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// A mutation breaks the base document in one way. ops are applied in order:
// set a JSON pointer to a value (nil deletes it).
type mutation struct {
	name string
	ops  []op
	// apig is set when only the APIG rules object: go-openapi/validate
	// finds the document valid.
	apig bool
}

type op struct {
	ptr string
	val any
}

const del = "\x00delete"

const (
	health   = "/paths/~1health/get"
	products = "/paths/~1products/get"
	product  = "/paths/~1products~1{product_id}/get"
	orders   = "/paths/~1orders/post"
)

var mutations = []mutation{
	{name: "missing-responses", ops: []op{{health + "/responses", del}}},
	{name: "empty-responses", ops: []op{{health + "/responses", map[string]any{"x-a": 1}}}},
	{name: "response-code-2XX", ops: []op{{health + "/responses/2XX", map[string]any{"description": "ok"}}}},
	{name: "response-without-description", ops: []op{{health + "/responses/200", map[string]any{}}}},
	{name: "undeclared-path-parameter", ops: []op{{product + "/parameters", del}}},
	{name: "path-parameter-not-in-path", ops: []op{{product + "/parameters/0/name", "pid"}}},
	{name: "path-parameter-not-required", ops: []op{{product + "/parameters/0/required", false}}},
	{name: "duplicate-operation-id", ops: []op{{health + "/operationId", "ListProducts"}}},
	{name: "operation-id-not-string", ops: []op{{health + "/operationId", 5}}},
	{name: "parameter-in-cookie", ops: []op{{products + "/parameters/1/in", "cookie"}}},
	{name: "parameter-in-body", ops: []op{{products + "/parameters/1/in", "body"}}},
	{name: "parameter-in-formdata", apig: true, ops: []op{{products + "/parameters/1/in", "formData"}}},
	{name: "body-parameter-bad-schema-type", ops: []op{{orders + "/parameters/0", map[string]any{"name": "b", "in": "body", "schema": map[string]any{"type": 5}}}}},
	{name: "enum-empty", ops: []op{{products + "/parameters/1/enum", []any{}}}},
	{name: "responses-empty-object", ops: []op{{health + "/responses", map[string]any{}}}},
	{name: "path-parameter-with-space", ops: []op{{"/paths/~1a~1{b c}", map[string]any{"get": map[string]any{
		"parameters": []any{map[string]any{"name": "b c", "in": "path", "required": true, "type": "string"}},
		"responses":  map[string]any{"default": map[string]any{"$ref": "#/responses/default"}}}}}}},
	{name: "license-url-not-uri", ops: []op{{"/info/license", map[string]any{"name": "MIT", "url": "not a uri"}}}},
	{name: "path-with-stray-brace", ops: []op{{"/paths/~1a~1{b}}", map[string]any{"get": map[string]any{
		"parameters": []any{map[string]any{"name": "b", "in": "path", "required": true, "type": "string"}},
		"responses":  map[string]any{"default": map[string]any{"$ref": "#/responses/default"}}}}}}},
	{name: "oauth2-scope-undeclared", ops: []op{
		{"/securityDefinitions/oauth", map[string]any{"type": "oauth2", "flow": "implicit", "authorizationUrl": "https://auth.example.com/authorize", "scopes": map[string]any{"read": "read"}}},
		{health + "/security", []any{map[string]any{"oauth": []any{"write"}}}}}},
	{name: "backend-without-type", apig: true, ops: []op{{health + "/x-apigateway-backend/type", del}}},
	{name: "backend-without-endpoints", apig: true, ops: []op{{health + "/x-apigateway-backend/mockEndpoints", del}}},
	{name: "unknown-apigateway-extension", apig: true, ops: []op{{health + "/x-apigateway-colour", "blue"}}},
	{name: "parameter-type-file", ops: []op{{products + "/parameters/1/type", "file"}}},
	{name: "parameter-type-array-without-items", ops: []op{{products + "/parameters/1/type", "array"}, {products + "/parameters/1/enum", del}, {products + "/parameters/1/maxLength", del}}},
	{name: "parameter-without-name", ops: []op{{products + "/parameters/1/name", del}}},
	{name: "parameter-unknown-key", ops: []op{{products + "/parameters/1/example", "x"}}},
	{name: "duplicate-parameter", ops: []op{{products + "/parameters/2/name", "category"}, {products + "/parameters/2/in", "query"}}},
	{name: "swagger-3.0", ops: []op{{"/swagger", "3.0"}}},
	{name: "swagger-missing", ops: []op{{"/swagger", del}}},
	{name: "info-missing", ops: []op{{"/info", del}}},
	{name: "title-missing", ops: []op{{"/info/title", del}}},
	{name: "paths-missing", ops: []op{{"/paths", del}}},
	{name: "path-without-slash", ops: []op{{"/paths/health", map[string]any{}}}},
	{name: "bad-ref", ops: []op{{health + "/responses/default/$ref", "#/responses/nope"}}},
	{name: "ref-to-missing-definition", ops: []op{{health + "/responses/default/$ref", "#/definitions/Nope"}}},
	{name: "default-not-number", ops: []op{{products + "/parameters/0/default", "abc"}}},
	{name: "default-above-maximum", ops: []op{{products + "/parameters/0/default", 5000}}},
	{name: "default-not-in-enum", ops: []op{{products + "/parameters/1/default", "games"}}},
	{name: "enum-wrong-type", ops: []op{{products + "/parameters/0/enum", []any{"one", "two"}}}},
	{name: "enum-not-unique", ops: []op{{products + "/parameters/1/enum", []any{"books", "books"}}}},
	{name: "default-too-long", ops: []op{{products + "/parameters/1/default", "books-and-more-books"}, {products + "/parameters/1/enum", del}}},
	{name: "extension-without-x", ops: []op{{health + "/apigateway-cors", true}}},
	{name: "root-extension-without-x", ops: []op{{"/apigateway-responses", map[string]any{}}}},
	{name: "operation-unknown-key", ops: []op{{health + "/summaryy", "s"}}},
	{name: "security-undeclared-scheme", ops: []op{{products + "/security/0", map[string]any{"oauth": []any{}}}}},
	{name: "security-scopes-on-api-key", ops: []op{{products + "/security/0/apig-auth-app", []any{"read"}}}},
	{name: "security-scheme-bad-type", ops: []op{{"/securityDefinitions/apig-auth-iam/type", "token"}}},
	{name: "security-scheme-without-name", ops: []op{{"/securityDefinitions/apig-auth-iam/name", del}}},
	{name: "host-with-scheme", ops: []op{{"/host", "https://api.shop.example.com"}}},
	{name: "base-path-relative", ops: []op{{"/basePath", "api"}}},
	{name: "scheme-ftp", ops: []op{{health + "/schemes", []any{"ftp"}}}},
	{name: "tags-not-unique", ops: []op{{products + "/tags", []any{"a", "a"}}}},
	{name: "max-length-negative", ops: []op{{products + "/parameters/1/maxLength", -1}}},
	{name: "path-overlap", ops: []op{{"/paths/~1products~1{pid}", map[string]any{"get": map[string]any{"operationId": "Other",
		"parameters": []any{map[string]any{"name": "pid", "in": "path", "required": true, "type": "string"}},
		"responses":  map[string]any{"default": map[string]any{"$ref": "#/responses/default"}}}}}}},
	{name: "empty-path-parameter-name", ops: []op{{"/paths/~1a~1{}", map[string]any{}}}},
	{name: "path-parameter-twice-in-path", ops: []op{{"/paths/~1a~1{id}~1{id}", map[string]any{"get": map[string]any{
		"parameters": []any{map[string]any{"name": "id", "in": "path", "required": true, "type": "string"}},
		"responses":  map[string]any{"default": map[string]any{"$ref": "#/responses/default"}}}}}}},
	{name: "unused-root-response", ops: []op{{"/responses/unused", map[string]any{"description": "nobody"}}}},
	{name: "required-with-default", ops: []op{{products + "/parameters/0/required", true}}},
	{name: "maximum-on-string", ops: []op{{products + "/parameters/1/maximum", 5}}},
	{name: "pattern-not-compiling", ops: []op{{products + "/parameters/2/pattern", "(["}}},
	{name: "default-not-matching-pattern", ops: []op{{orders + "/parameters/0/pattern", "^[A-Z]+$"}}},
	// The same pattern twice: the checker compiles each pattern once.
	{name: "pattern-not-compiling-twice", ops: []op{{products + "/parameters/1/pattern", "(["}, {products + "/parameters/2/pattern", "(["}}},
	{name: "default-not-matching-pattern-twice", ops: []op{{orders + "/parameters/0/pattern", "^[A-Z]+$"},
		{products + "/parameters/2/pattern", "^[A-Z]+$"}, {products + "/parameters/2/default", "EU"}}},
	{name: "request-type-bad-value", apig: true, ops: []op{{health + "/x-apigateway-request-type", "internal"}}},
	{name: "match-mode-lower-case", apig: true, ops: []op{{health + "/x-apigateway-match-mode", "normal"}}},
	{name: "cors-not-boolean", apig: true, ops: []op{{health + "/x-apigateway-cors", "false"}}},
	{name: "ratelimit-not-in-root", apig: true, ops: []op{{products + "/x-apigateway-ratelimit", "nosuch_limit"}}},
	{name: "access-control-not-in-root", apig: true, ops: []op{{orders + "/x-apigateway-access-control", "nosuch_acl"}}},
	{name: "backend-type-unknown", apig: true, ops: []op{{health + "/x-apigateway-backend/type", "GRPC"}}},
	{name: "policy-type-for-backend", apig: true, ops: []op{{orders + "/x-apigateway-backend-policies/0/type", "MOCK"}}},
	{name: "backend-path-with-plus", apig: true, ops: []op{{products + "/x-apigateway-backend/httpEndpoints/path", "/all/{rest+}"}}},
	{name: "pass-through-bad-value", apig: true, ops: []op{{products + "/parameters/0/x-apigateway-pass-through", "sometimes"}}},
	{name: "auth-type-unknown", apig: true, ops: []op{{"/securityDefinitions/apig-auth-iam/x-apigateway-auth-type", "OAUTH"}}},
	{name: "any-method-undeclared-scheme", apig: true, ops: []op{{"/paths/~1files~1{path+}/x-apigateway-any-method/security/0", map[string]any{"nosuch": []any{}}}}},
	{name: "ratelimits-unit-bad", apig: true, ops: []op{{"/x-apigateway-ratelimits/catalogue_limit/unit", "WEEK"}}},
}

// mutationBase is the document every mutation starts from.
const mutationBase = "sample-all.json"

func mutate(t testing.TB, base []byte, m mutation) []byte {
	t.Helper()
	doc := decodeJSON(t, base)
	for _, o := range m.ops {
		doc = setAt(t, doc, o.ptr, o.val)
	}
	out, err := json.MarshalIndent(doc, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func setAt(t testing.TB, doc any, ptr string, val any) any {
	t.Helper()
	parts := strings.Split(ptr, "/")[1:]
	for i := range parts {
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(parts[i])
	}
	var walk func(cur any, parts []string) any
	walk = func(cur any, parts []string) any {
		switch c := cur.(type) {
		case map[string]any:
			if len(parts) == 1 {
				if val == del {
					delete(c, parts[0])
				} else {
					c[parts[0]] = val
				}
				return c
			}
			next, ok := c[parts[0]]
			if !ok {
				t.Fatalf("%s: no %q", ptr, parts[0])
			}
			c[parts[0]] = walk(next, parts[1:])
			return c
		case []any:
			i, err := strconv.Atoi(parts[0])
			if err != nil || i >= len(c) {
				t.Fatalf("%s: bad index %q", ptr, parts[0])
			}
			if len(parts) == 1 {
				if val == del {
					return slices.Delete(c, i, i+1)
				}
				c[i] = val
				return c
			}
			c[i] = walk(c[i], parts[1:])
			return c
		}
		t.Fatalf("%s: cannot descend into %T", ptr, cur)
		return nil
	}
	return walk(doc, parts)
}

// TestMutationCorpus keeps testdata/mutations in step with the table
// (rewrite with -update).
func TestMutationCorpus(t *testing.T) {
	base := goldenFile(t, mutationBase)
	dir := filepath.Join("..", "testdata", "mutations")
	want := map[string]bool{}
	for _, m := range mutations {
		name := m.name + ".json"
		want[name] = true
		got := mutate(t, base, m)
		if *update {
			if err := os.WriteFile(filepath.Join(dir, name), got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		file, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(file, got) {
			t.Errorf("testdata/mutations/%s is missing or stale; run go test ./engine -run TestMutationCorpus -update", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("testdata/mutations/%s is not in the mutation table", e.Name())
		}
	}
	if len(mutations) < 40 {
		t.Errorf("%d mutations, want at least 40", len(mutations))
	}
}

func goldenFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// corpus is every document the differential test checks: the goldens, the
// gateway's examples, the mutations, the Swagger files of other projects
// (testdata/outside) and the fuzz corpus of FuzzValidate.
func corpus(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for _, dir := range []string{"golden", "mutations", "examples", "outside"} {
		entries, err := os.ReadDir(filepath.Join("..", "testdata", dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !isDocumentName(e.Name()) {
				continue
			}
			b, err := os.ReadFile(filepath.Join("..", "testdata", dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			docs[dir+"/"+e.Name()] = b
		}
	}
	for name, b := range fuzzCorpus(t, "FuzzValidate") {
		docs["fuzz/"+name] = b
	}
	return docs
}

// isDocumentName says whether a file of testdata is a Swagger or OpenAPI
// document (not a bundle or a README).
func isDocumentName(name string) bool {
	switch filepath.Ext(name) {
	case ".json", ".yaml", ".yml":
		return !strings.HasSuffix(name, ".bundle.json")
	}
	return false
}

// outsideCorpus reads testdata/outside: Swagger 2.0 files of other
// projects (see its README), by file name.
func outsideCorpus(t testing.TB) map[string][]byte {
	t.Helper()
	dir := filepath.Join("..", "testdata", "outside")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if !isDocumentName(e.Name()) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// TestDifferential: the fast validator and go-openapi/validate agree on the
// whole corpus.
func TestDifferential(t *testing.T) {
	needReference(t)
	docs := corpus(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if msg := disagreement(docs[name]); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// needReference skips a test that needs go-openapi/validate in the
// GOOS=js build, which leaves it out.
func needReference(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("the GOOS=js build has no reference validator")
	}
}

// compared memoises engine.CompareValidators: the reference validator takes
// about half a second a document, and several tests ask about the same ones.
var compared sync.Map // string(doc) -> [2][]engine.Finding (nil: unreadable)

func compare(doc []byte) (fast, ref []engine.Finding, ok bool) {
	if v, hit := compared.Load(string(doc)); hit {
		pair := v.(*[2][]engine.Finding)
		if pair == nil {
			return nil, nil, false
		}
		return pair[0], pair[1], true
	}
	fast, ref, err := engine.CompareValidators(doc)
	var pair *[2][]engine.Finding
	if err == nil {
		pair = &[2][]engine.Finding{fast, ref}
	}
	compared.Store(string(doc), pair)
	return fast, ref, err == nil
}

// disagreement compares the fast validator with the reference on one
// document, without the APIG rules: the verdict, whether there are
// warnings, and where: every finding of one must have a finding of the
// other of the same severity on the same node, a node above or a node
// below it. It returns "" when they agree.
func disagreement(doc []byte) string {
	fast, ref, ok := compare(doc)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, sev := range []string{engine.SeverityError, engine.SeverityWarning} {
		f, r := bySeverity(fast, sev), bySeverity(ref, sev)
		for _, x := range f {
			if !related(x.Path, r) {
				b.WriteString("fast only: " + x.String() + "\n")
			}
		}
		for _, x := range r {
			if !related(x.Path, f) {
				b.WriteString("reference only: " + x.String() + "\n")
			}
		}
	}
	return b.String()
}

func bySeverity(fs []engine.Finding, sev string) []engine.Finding {
	var out []engine.Finding
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, f)
		}
	}
	return out
}

func related(p string, others []engine.Finding) bool {
	for _, o := range others {
		if p == o.Path || strings.HasPrefix(p, o.Path+"/") || strings.HasPrefix(o.Path, p+"/") || p == "" || o.Path == "" {
			return true
		}
	}
	return false
}

// fuzzCorpus reads a fuzz target's corpus in testdata/fuzz.
func fuzzCorpus(t *testing.T, target string) map[string][]byte {
	out := map[string][]byte{}
	dir := filepath.Join("testdata", "fuzz", target)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		// go test fuzz v1 files: one []byte("...") line per argument.
		lines := strings.Split(string(data), "\n")
		if len(lines) < 2 {
			continue
		}
		arg := strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")
		s, err := strconv.Unquote(arg)
		if err != nil {
			continue
		}
		out[e.Name()] = []byte(s)
	}
	return out
}
