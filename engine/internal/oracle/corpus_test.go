package oracle_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/engine/internal/oracle"
)

var update = flag.Bool("update", false, "rewrite testdata/mutations-oas3 from the table")

// corpusDir is the mutation corpus of OpenAPI 3.0 documents.
var corpusDir = filepath.Join("..", "..", "..", "testdata", "mutations-oas3")

// A mutation changes the base document (testdata/mutations-oas3/base.yaml)
// in one way: ops are applied in order, each setting a JSON pointer to a
// value (del deletes it). kin and schema are the oracle's recorded verdicts
// (true: accepts); why is a piece of the verdict's text (a message of
// kin-openapi or of the official schema) that says the mutation is refused
// for the reason it was made, "" for a document both accept.
type mutation struct {
	name        string
	ops         []op
	kin, schema bool
	why         string
}

type op struct {
	ptr string
	val any
}

const del = "\x00delete"

const (
	user   = "/paths/~1http~1{userId}/get"
	fn     = "/paths/~1function~1{name}/get"
	anyOp  = "/paths/~1http-vpc/x-apigateway-any-method"
	mock   = "/paths/~1mock/get"
	scheme = "/components/securitySchemes"
)

type obj = map[string]any
type arr = []any

// defaultResponse is a response every added operation can use.
var defaultResponse = obj{"default": obj{"$ref": "#/components/responses/default-cors"}}

func pathParam(name string) obj {
	return obj{"name": name, "in": "path", "required": true, "schema": obj{"type": "string"}}
}

var mutations = []mutation{
	// What the official schema refuses.
	{name: "openapi-missing", kin: false, schema: false, why: "value of openapi must be a non-empty string", ops: []op{{"/openapi", del}}},
	{name: "openapi-2.0", kin: true, schema: false, why: "'2.0' does not match pattern", ops: []op{{"/openapi", "2.0"}}},
	{name: "openapi-3.1.0", kin: true, schema: false, why: "'3.1.0' does not match pattern", ops: []op{{"/openapi", "3.1.0"}}},
	{name: "openapi-number", kin: false, schema: false, why: "cannot unmarshal number into field T.openapi of type string", ops: []op{{"/openapi", 3.0}}},
	{name: "swagger-key", kin: false, schema: false, why: "extra sibling fields: [swagger]", ops: []op{{"/swagger", "2.0"}}},
	{name: "info-missing", kin: false, schema: false, why: "invalid info: must be an object", ops: []op{{"/info", del}}},
	{name: "info-title-missing", kin: false, schema: false, why: "value of title must be a non-empty string", ops: []op{{"/info/title", del}}},
	{name: "info-version-number", kin: false, schema: false, why: "cannot unmarshal number into field Info.version of type string", ops: []op{{"/info/version", 1}}},
	{name: "paths-missing", kin: false, schema: false, why: "invalid paths: must be an object", ops: []op{{"/paths", del}}},
	{name: "path-without-slash", kin: false, schema: false, why: `path "mock2" does not start with a forward slash (/)`, ops: []op{{"/paths/mock2", obj{}}}},
	{name: "root-unknown-key", kin: false, schema: false, why: "extra sibling fields: [apigateway-responses]", ops: []op{{"/apigateway-responses", obj{}}}},
	{name: "root-definitions", kin: false, schema: false, why: "extra sibling fields: [definitions]", ops: []op{{"/definitions", obj{}}}},
	{name: "responses-missing", kin: false, schema: false, why: "value of responses must be an object", ops: []op{{user + "/responses", del}}},
	{name: "responses-empty", kin: false, schema: false, why: "the responses object MUST contain at least one response code", ops: []op{{user + "/responses", obj{}}}},
	{name: "responses-only-extensions", kin: false, schema: true, why: "the responses object MUST contain at least one response code", ops: []op{{user + "/responses", obj{"x-a": 1}}}},
	{name: "response-without-description", kin: false, schema: false, why: "a short description of the response is required", ops: []op{{user + "/responses/default/description", del}}},
	{name: "response-key-default-cors", kin: true, schema: false, why: "additional properties 'default-cors' not allowed", ops: []op{{user + "/responses/default-cors", obj{"description": "response example"}}}},
	{name: "response-key-600", kin: true, schema: false, why: "additional properties '600' not allowed", ops: []op{{user + "/responses/600", obj{"description": "no such status"}}}},
	{name: "parameter-without-schema-or-content", kin: false, schema: false, why: "parameter must contain exactly one of content and schema", ops: []op{{user + "/parameters/0/schema", del}}},
	{name: "parameter-schema-and-content", kin: false, schema: false, why: "cannot contain both schema and content in a parameter", ops: []op{{user + "/parameters/0/content", obj{"text/plain": obj{"schema": obj{"type": "string"}}}}}},
	{name: "parameter-in-body", kin: false, schema: false, why: `parameter can't have 'in' value "body"`, ops: []op{{user + "/parameters/0/in", "body"}}},
	{name: "parameter-in-formdata", kin: false, schema: false, why: `parameter can't have 'in' value "formData"`, ops: []op{{user + "/parameters/0/in", "formData"}}},
	{name: "parameter-in-upper-case", kin: false, schema: false, why: `parameter can't have 'in' value "HEADER"`, ops: []op{{user + "/parameters/0/in", "HEADER"}}},
	{name: "parameter-without-name", kin: false, schema: false, why: "parameter name can't be blank", ops: []op{{user + "/parameters/0/name", del}}},
	{name: "parameter-without-in", kin: false, schema: false, why: `parameter can't have 'in' value ""`, ops: []op{{user + "/parameters/0/in", del}}},
	{name: "parameter-swagger-type", kin: false, schema: false, why: "extra sibling fields: [type]", ops: []op{{user + "/parameters/0/type", "string"}}},
	{name: "path-parameter-not-required", kin: false, schema: false, why: `path parameter "userId" must be required`, ops: []op{{user + "/parameters/1/required", false}}},
	{name: "path-parameter-required-missing", kin: false, schema: false, why: `path parameter "userId" must be required`, ops: []op{{user + "/parameters/1/required", del}}},
	{name: "query-style-matrix", kin: false, schema: false, why: `style="matrix" and explode=true is not supported by a query parameter`, ops: []op{{mock + "/parameters/0/style", "matrix"}}},
	{name: "header-style-form", kin: false, schema: false, why: `style="form" and explode=false is not supported by a header parameter`, ops: []op{{user + "/parameters/0/style", "form"}}},
	{name: "style-unknown", kin: false, schema: false, why: `style="tabular" and explode=true is not supported by a query parameter`, ops: []op{{mock + "/parameters/0/style", "tabular"}}},
	{name: "example-and-examples", kin: false, schema: false, why: `parameter "test" example and examples are mutually exclusive`, ops: []op{{user + "/parameters/0/examples", obj{"a": obj{"value": "x"}}}}},
	{name: "parameter-unknown-key", kin: false, schema: false, why: "extra sibling fields: [pass-through]", ops: []op{{user + "/parameters/0/pass-through", "always"}}},
	{name: "schema-type-long", kin: false, schema: false, why: `unsupported 'type' value "long"`, ops: []op{{mock + "/parameters/1/schema/type", "long"}}},
	{name: "schema-type-file", kin: false, schema: false, why: `unsupported 'type' value "file"`, ops: []op{{mock + "/parameters/1/schema/type", "file"}}},
	{name: "schema-max-length-negative", kin: false, schema: false, why: "cannot unmarshal number -1 into field Schema.maxLength of type uint64", ops: []op{{mock + "/parameters/0/schema/maxLength", -1}}},
	{name: "schema-enum-empty", kin: true, schema: false, why: "minItems: got 0, want 1", ops: []op{{mock + "/parameters/0/schema/enum", arr{}}}},
	{name: "schema-unknown-key", kin: false, schema: false, why: "extra sibling fields: [collectionFormat]", ops: []op{{mock + "/parameters/0/schema/collectionFormat", "csv"}}},
	{name: "schema-pattern-not-compiling", kin: false, schema: false, why: "error parsing regexp: missing closing ]", ops: []op{{mock + "/parameters/0/schema/pattern", "(["}}},
	{name: "operation-unknown-key", kin: false, schema: false, why: "extra sibling fields: [summaryy]", ops: []op{{user + "/summaryy", "s"}}},
	{name: "operation-id-number", kin: false, schema: false, why: "cannot unmarshal number into field Operation.operationId of type string", ops: []op{{user + "/operationId", 5}}},
	{name: "operation-schemes", kin: false, schema: false, why: "extra sibling fields: [schemes]", ops: []op{{user + "/schemes", arr{"https"}}}},
	{name: "security-scheme-bad-type", kin: false, schema: false, why: `security scheme 'type' can't be "token"`, ops: []op{{scheme + "/apig-auth-iam/type", "token"}}},
	{name: "security-scheme-basic", kin: false, schema: false, why: `security scheme 'type' can't be "basic"`, ops: []op{{scheme + "/apig-auth-iam", obj{"type": "basic"}}}},
	{name: "api-key-without-name", kin: false, schema: false, why: "security scheme of type 'apiKey' should have 'name'", ops: []op{{scheme + "/apig-auth-iam/name", del}}},
	{name: "api-key-in-body", kin: false, schema: false, why: `should have 'in'. It can be 'query', 'header' or 'cookie', not "body"`, ops: []op{{scheme + "/apig-auth-iam/in", "body"}}},
	{name: "http-scheme-without-scheme", kin: false, schema: false, why: `security scheme of type 'http' has invalid 'scheme' value ""`, ops: []op{{scheme + "/apig-auth-iam", obj{"type": "http"}}}},
	{name: "oauth2-without-flows", kin: false, schema: false, why: `security scheme of type "oauth2" should have 'flows'`, ops: []op{{scheme + "/apig-auth-iam", obj{"type": "oauth2"}}}},
	{name: "security-requirement-not-array", kin: false, schema: false, why: "cannot unmarshal string into field Operation.security", ops: []op{{user + "/security/0/apig-auth-iam", "all"}}},
	{name: "server-without-url", kin: false, schema: false, why: "value of url must be a non-empty string", ops: []op{{"/servers/0", obj{"description": "plain HTTP"}}}},
	{name: "servers-not-array", kin: false, schema: false, why: "cannot unmarshal object into field T.servers of type openapi3.Servers", ops: []op{{"/servers", obj{"url": "http://abc.com"}}}},
	{name: "operation-server-url-number", kin: false, schema: false, why: "cannot unmarshal number into field Server.url of type string", ops: []op{{user + "/servers/0/url", 443}}},
	{name: "server-variable-without-default", kin: false, schema: false, why: `field default is required in {"enum":["abc.com"]}`, ops: []op{{"/servers/0", obj{"url": "http://{host}", "variables": obj{"host": obj{"enum": arr{"abc.com"}}}}}}},
	{name: "accepted-ref-with-sibling-in-response", kin: true, schema: true, ops: []op{{fn + "/responses/default/description", "has a sibling"}}},
	{name: "ref-not-string", kin: false, schema: false, why: "a short description of the response is required", ops: []op{{fn + "/responses/default/$ref", 5}}},
	{name: "components-bad-name", kin: false, schema: true, why: `identifier "default cors" is not supported by OpenAPIv3 standard`, ops: []op{{"/components/responses/default cors", obj{"description": "space in the name"}}}},
	{name: "components-unknown-key", kin: false, schema: false, why: "invalid components: extra sibling fields: [definitions]", ops: []op{{"/components/definitions", obj{}}}},
	{name: "path-item-unknown-key", kin: false, schema: false, why: "extra sibling fields: [any]", ops: []op{{"/paths/~1mock/any", obj{"responses": defaultResponse}}}},
	{name: "extension-without-x", kin: false, schema: false, why: "extra sibling fields: [apigateway-cors]", ops: []op{{user + "/apigateway-cors", true}}},

	// What only the semantic checks refuse.
	{name: "duplicate-parameter", kin: false, schema: true, why: `more than one "query" parameter has name "category"`, ops: []op{{mock + "/parameters/1/name", "category"}}},
	{name: "path-parameter-not-in-template", kin: false, schema: true, why: "must define exactly all path parameters (missing: [uid userId])", ops: []op{{user + "/parameters/1/name", "uid"}}},
	{name: "template-variable-without-parameter", kin: false, schema: true, why: "operation GET /function/{name} must define exactly all path parameters (missing: [name])", ops: []op{{fn + "/parameters", del}}},
	{name: "accepted-template-variable-twice", kin: true, schema: true, ops: []op{{"/paths/~1a~1{id}~1{id}", obj{"get": obj{"parameters": arr{pathParam("id")}, "responses": defaultResponse}}}}},
	{name: "path-conflict", kin: false, schema: true, why: `conflicting paths "/http/{userId}" and "/http/{uid}"`, ops: []op{{"/paths/~1http~1{uid}", obj{"get": obj{"parameters": arr{pathParam("uid")}, "responses": defaultResponse}}}}},
	{name: "duplicate-operation-id", kin: false, schema: true, why: `have the same operation id "getUser3"`, ops: []op{{mock + "/operationId", "getUser3"}}},
	{name: "unresolved-response-ref", kin: false, schema: true, why: `map key "nope" not found`, ops: []op{{fn + "/responses/default/$ref", "#/components/responses/nope"}}},
	{name: "unresolved-schema-ref", kin: false, schema: true, why: `map key "Nope" not found`, ops: []op{{user + "/parameters/0/schema", obj{"$ref": "#/components/schemas/Nope"}}}},
	{name: "ref-to-wrong-component", kin: false, schema: true, why: "(expecting ref to response object)", ops: []op{{fn + "/responses/default/$ref", "#/components/securitySchemes/apig-auth-app"}}},
	{name: "external-ref", kin: false, schema: true, why: `encountered disallowed external reference: "responses.yaml#/default"`, ops: []op{{fn + "/responses/default/$ref", "responses.yaml#/default"}}},
	{name: "security-undefined-scheme", kin: false, schema: true, why: `refers to undefined security scheme "nosuch"`, ops: []op{{user + "/security/0", obj{"nosuch": arr{}}}}},
	{name: "accepted-security-scopes-on-api-key", kin: true, schema: true, ops: []op{{user + "/security/0/apig-auth-iam", arr{"read"}}}},
	{name: "server-variable-undefined", kin: false, schema: true, why: "server has undeclared variables", ops: []op{{"/servers/0/url", "http://{region}.abc.com"}}},
	{name: "accepted-server-variable-default-not-in-enum", kin: true, schema: true, ops: []op{{"/servers/0", obj{"url": "http://{host}", "variables": obj{"host": obj{"default": "xyz.com", "enum": arr{"abc.com"}}}}}}},
	{name: "example-not-in-enum", kin: false, schema: true, why: `value is not one of the allowed values ["books","music"]`, ops: []op{{mock + "/parameters/0/example", "games"}}},
	{name: "example-too-long", kin: false, schema: true, why: "maximum string length is 10", ops: []op{{mock + "/parameters/0/example", "books-and-more-books"}, {mock + "/parameters/0/schema/enum", del}}},
	{name: "example-not-number", kin: false, schema: true, why: "value must be a number", ops: []op{{mock + "/parameters/1/example", "one"}}},
	{name: "default-not-in-enum", kin: false, schema: true, why: `value is not one of the allowed values ["books","music"]`, ops: []op{{mock + "/parameters/0/schema/default", "games"}}},
	{name: "default-above-maximum", kin: false, schema: true, why: "number must be at most 1000", ops: []op{{mock + "/parameters/1/schema/default", 5000}}},
	{name: "default-not-number", kin: false, schema: true, why: "value must be a number", ops: []op{{mock + "/parameters/1/schema/default", "abc"}}},
	{name: "enum-wrong-type", kin: false, schema: true, why: `value is not one of the allowed values ["one","two"]`, ops: []op{{mock + "/parameters/1/schema/enum", arr{"one", "two"}}}},
	{name: "api-key-without-in", kin: false, schema: false, why: `should have 'in'. It can be 'query', 'header' or 'cookie', not ""`, ops: []op{{scheme + "/apig-auth-iam/in", del}}},
	{name: "accepted-path-parameter-with-space", kin: true, schema: true, ops: []op{{"/paths/~1a~1{b c}", obj{"get": obj{"parameters": arr{pathParam("b c")}, "responses": defaultResponse}}}}},
	{name: "accepted-path-with-stray-brace", kin: true, schema: true, ops: []op{{"/paths/~1a~1{b}}", obj{"get": obj{"parameters": arr{pathParam("b")}, "responses": defaultResponse}}}}},

	// Valid edge cases.
	{name: "valid-base", kin: true, schema: true},
	{name: "valid-cookie-parameter", kin: true, schema: true, ops: []op{{user + "/parameters/2", obj{"name": "session", "in": "cookie", "schema": obj{"type": "string"}}}}},
	{name: "valid-operation-servers", kin: true, schema: true, ops: []op{{user + "/servers", arr{obj{"url": "https://abc.com"}, obj{"url": "http://{host}:{port}", "variables": obj{"host": obj{"default": "abc.com"}, "port": obj{"default": "80", "enum": arr{"80", "8080"}}}}}}}},
	{name: "valid-server-relative-url", kin: true, schema: true, ops: []op{{"/servers", arr{obj{"url": "/v1"}}}}},
	{name: "valid-no-servers", kin: true, schema: true, ops: []op{{"/servers", del}, {user + "/servers", del}, {fn + "/servers", del}, {anyOp + "/servers", del}, {mock + "/servers", del}}},
	{name: "valid-default-response-only", kin: true, schema: true, ops: []op{{user + "/responses", obj{"default": obj{"description": "any"}}}}},
	{name: "valid-status-and-range-responses", kin: true, schema: true, ops: []op{{user + "/responses/200", obj{"description": "ok"}}, {user + "/responses/4XX", obj{"description": "client error"}}}},
	{name: "valid-any-method-beside-get", kin: true, schema: true, ops: []op{{"/paths/~1http-vpc/get", obj{"operationId": "getVpc", "responses": defaultResponse}}}},
	{name: "valid-path-level-parameters", kin: true, schema: true, ops: []op{{fn + "/parameters", del}, {"/paths/~1function~1{name}/parameters", arr{pathParam("name")}}}},
	{name: "valid-zero-bounds", kin: true, schema: true, ops: []op{{user + "/parameters/0/schema", obj{"type": "string", "maxLength": 0, "minLength": 0, "maximum": 0, "minimum": 0}}}},
	{name: "valid-zero-bounds-number", kin: true, schema: true, ops: []op{{mock + "/parameters/1/schema", obj{"type": "number", "maximum": 0, "minimum": 0}}}},
	{name: "default-beyond-zero-max-length", kin: false, schema: true, why: "invalid default: maximum string length is 0", ops: []op{{user + "/parameters/0/schema", obj{"type": "string", "maxLength": 0, "default": "token"}}}},
	{name: "valid-any-method-only-template", kin: true, schema: true, ops: []op{{"/paths/~1vpc~1{id}", obj{"x-apigateway-any-method": obj{"parameters": arr{pathParam("id")}, "responses": defaultResponse}}}}},
	{name: "valid-any-method-only-path-level-parameters", kin: true, schema: true, ops: []op{{"/paths/~1vpc~1{id}", obj{"parameters": arr{pathParam("id")}, "x-apigateway-any-method": obj{"parameters": arr{pathParam("id")}, "responses": defaultResponse}}}}},
	{name: "accepted-any-method-only-broken", kin: true, schema: true, ops: []op{{anyOp + "/parameters/0/in", "body"}, {anyOp + "/responses", obj{}}, {anyOp + "/security/0", obj{"nosuch": arr{}}}}},
	{name: "example-beyond-zero-max-length", kin: false, schema: true, why: "maximum string length is 0", ops: []op{{user + "/parameters/0/schema", obj{"type": "string", "maxLength": 0, "maximum": 0, "minimum": 0}}, {user + "/parameters/0/example", "token"}}},
	{name: "valid-x-keys-everywhere", kin: true, schema: true, ops: []op{{"/x-a", 1}, {"/info/x-a", 1}, {"/servers/0/x-a", 1}, {"/paths/x-a", 1}, {"/paths/~1mock/x-a", 1},
		{mock + "/x-a", 1}, {mock + "/responses/x-a", 1}, {mock + "/responses/default/x-a", 1}, {mock + "/parameters/0/schema/x-a", 1},
		{"/components/x-a", 1}, {scheme + "/apig-auth-iam/x-a", 1}, {fn + "/responses/default/x-a", 1}}},
	{name: "valid-oauth2-scopes", kin: true, schema: true, ops: []op{{scheme + "/oauth", obj{"type": "oauth2", "flows": obj{"implicit": obj{"authorizationUrl": "https://auth.abc.com/authorize", "scopes": obj{"read": "read"}}}}},
		{user + "/security", arr{obj{"oauth": arr{"read"}}}}}},
	{name: "valid-empty-security-requirement", kin: true, schema: true, ops: []op{{user + "/security", arr{obj{}}}}},
	{name: "valid-openapi-3.0.3", kin: true, schema: true, ops: []op{{"/openapi", "3.0.3"}}},
	{name: "valid-ref-in-parameter", kin: true, schema: true, ops: []op{{"/components/parameters", obj{"userId": pathParam("userId")}}, {user + "/parameters/1", obj{"$ref": "#/components/parameters/userId"}}}},
	{name: "valid-same-name-other-location", kin: true, schema: true, ops: []op{{mock + "/parameters/1", obj{"name": "category", "in": "header", "schema": obj{"type": "string"}}}}},
	{name: "greedy-path-parameter-name", kin: false, schema: true, why: "must define exactly all path parameters (missing: [path path+])", ops: []op{{"/paths/~1files~1{path+}", obj{"get": obj{"parameters": arr{pathParam("path")}, "responses": defaultResponse}}}}},
	{name: "accepted-greedy-path-parameter-name-plus", kin: true, schema: true, ops: []op{{"/paths/~1files~1{path+}", obj{"get": obj{"parameters": arr{pathParam("path+")}, "responses": defaultResponse}}}}},
}

func base(t testing.TB) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "base.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := engine.ToJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func mutate(t testing.TB, m mutation) []byte {
	t.Helper()
	doc := base(t)
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
					if _, ok := c[parts[0]]; !ok {
						t.Fatalf("%s: nothing to delete", ptr)
					}
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
			if err != nil || i > len(c) || i == len(c) && (len(parts) > 1 || val == del) {
				t.Fatalf("%s: bad index %q", ptr, parts[0])
			}
			if len(parts) == 1 {
				switch {
				case val == del:
					return slices.Delete(c, i, i+1)
				case i == len(c):
					return append(c, val)
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

// TestCorpusFiles keeps testdata/mutations-oas3 in step with the table
// (rewrite with go test ./engine/internal/oracle -run TestCorpusFiles -update).
func TestCorpusFiles(t *testing.T) {
	want := map[string]bool{"base.yaml": true, "README.md": true}
	broken, valid := 0, 0
	for _, m := range mutations {
		name := m.name + ".json"
		if want[name] {
			t.Errorf("%s is twice in the table", m.name)
		}
		want[name] = true
		if accepted(m.name) {
			valid++
		} else {
			broken++
		}
		got := mutate(t, m)
		if *update {
			if err := os.WriteFile(filepath.Join(corpusDir, name), got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		file, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil || !bytes.Equal(file, got) {
			t.Errorf("testdata/mutations-oas3/%s is missing or stale; run go test ./engine/internal/oracle -run TestCorpusFiles -update", name)
		}
	}
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("testdata/mutations-oas3/%s is not in the mutation table", e.Name())
		}
	}
	if broken < 40 || valid < 12 {
		t.Errorf("%d broken and %d valid documents, want at least 40 and 12", broken, valid)
	}
}

// accepted says whether a file's name says the oracle accepts it: valid-
// for an edge case of OpenAPI 3.0, accepted- for a document that OpenAPI
// 3.0.3's text forbids or leaves in doubt and that both halves of the
// oracle accept all the same (docs/openapi3-validity.md lists them).
func accepted(name string) bool {
	return strings.HasPrefix(name, "valid-") || strings.HasPrefix(name, "accepted-")
}

// TestCorpusVerdicts: the oracle's verdict on every file of the corpus is
// the table's, for each half, and a refusal says why.
func TestCorpusVerdicts(t *testing.T) {
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join(corpusDir, m.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			v, err := oracle.Check(doc)
			if err != nil {
				t.Fatal(err)
			}
			if v.KinValid() != m.kin || v.SchemaValid() != m.schema {
				t.Errorf("%s; the table says kin-openapi %v, official schema %v", v, m.kin, m.schema)
			}
			if accepted(m.name) != (m.kin && m.schema) {
				t.Errorf("a file is named valid- or accepted- when, and only when, both accept it")
			}
			if !v.Valid() && (m.why == "" || !strings.Contains(v.String(), m.why)) {
				t.Errorf("%s; want a message with %q", v, m.why)
			}
			if v.Valid() && m.why != "" {
				t.Errorf("valid, and the table says why it is not: %q", m.why)
			}
		})
	}
}
