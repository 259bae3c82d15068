package engine_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// indentYAML puts pad before every line of s, a block of YAML lines
// (nothing when s is empty), for the documents of importDoc and oas3Doc.
func indentYAML(s, pad string) string {
	if s == "" {
		return ""
	}
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}

// importDoc is a small Swagger file: root and operation YAML lines are
// added at the right indentation.
func importDoc(root, op string, params ...string) string {
	return `swagger: "2.0"
info: {title: shop, version: "1"}
` + indentYAML(root, "") + `paths:
  /a/{id}:
    get:
      operationId: a
      schemes: [https]
      parameters:
      - {name: id, in: path, type: string, required: true}
` + indentYAML(strings.Join(params, "\n"), "      ") + `      responses: {default: {description: d}}
      x-apigateway-backend: {type: MOCK, mockEndpoints: {result-content: ok}}
` + indentYAML(op, "      ")
}

// findingRow is a row of the import's finding tables: a document, and
// the code, severity and JSON pointer of a finding it must draw.
type findingRow struct {
	name, doc, code, severity, path string
}

// TestImportFindings has a row for every import code: the document, the
// code, its severity and the JSON pointer it names.
func TestImportFindings(t *testing.T) {
	const op = "/paths/~1a~1{id}/get"
	cases := []findingRow{
		{"same path twice", strings.Replace(importDoc("", ""), "paths:\n", "paths:\n  /a/{id}:\n    post: {operationId: b}\n", 1), "duplicate-key", "error", "/paths/~1a~1{id}"},
		{"OpenAPI 3.1", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "import-version", "error", "/openapi"},
		{"OpenAPI 3.0 server with a path", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://a.example.com/v1'}]\npaths: {}\n", "import-servers", "error", "/servers/0/url"},
		{"Swagger 1.2", "swagger: '1.2'\ninfo: {title: t, version: '1'}\npaths: {}\n", "import-version", "error", "/swagger"},
		{"title missing", "swagger: '2.0'\ninfo: {version: '1'}\npaths: {}\n", "import-required", "error", "/info/title"},
		{"wrong type", importDoc("", "x-apigateway-cors: 'yes'"), "import-type", "error", op + "/x-apigateway-cors"},
		{"bad enum", importDoc("", "x-apigateway-match-mode: EXACT"), "import-value", "error", op + "/x-apigateway-match-mode"},
		// model.IsJSONNumber refuses "1 ", as strconv.ParseFloat does (json.Valid would take it).
		{"number string with a trailing space", importDoc("", "", `- {name: n, in: query, type: number, default: "1 "}`), "import-value", "error", op + "/parameters/1/default"},
		{"SM channel not a boolean", strings.Replace(importDoc("", ""), "{type: MOCK, mockEndpoints: {result-content: ok}}", "{type: HTTP, httpEndpoints: {address: b.example.com, scheme: https, method: GET, path: /b, timeout: 5000, enableSmChannel: 'yes'}}", 1), "import-type", "error", op + "/x-apigateway-backend/httpEndpoints/enableSmChannel"},
		{"orchestration condition of unknown type", importDoc("", "x-apigateway-backend-policies:\n- {name: p, type: MOCK, effectMode: ANY, conditions: [{origin: orchestration, parameter: region, type: like, value: eu}], mockEndpoints: {result-content: alt}}"), "import-value", "error", op + "/x-apigateway-backend-policies/0/conditions/0/type"},
		{"condition of unknown origin", importDoc("", "x-apigateway-backend-policies:\n- {name: p, type: MOCK, effectMode: ANY, conditions: [{origin: header, parameter: region, type: exact, value: eu}], mockEndpoints: {result-content: alt}}"), "import-value", "error", op + "/x-apigateway-backend-policies/0/conditions/0/origin"},
		{"body parameter", importDoc("", "", "- {name: b, in: body, schema: {type: object}}"), "import-parameter", "error", op + "/parameters/1/in"},
		{"formData parameter", importDoc("", "", "- {name: f, in: formData, type: string}"), "import-parameter", "error", op + "/parameters/1/in"},
		{"boolean parameter", importDoc("", "", "- {name: q, in: query, type: boolean}"), "import-parameter", "error", op + "/parameters/1/type"},
		{"header names differ in case", importDoc("", "", "- {name: X-A, in: header, type: string}", "- {name: x-a, in: header, type: string}"), "import-duplicate", "error", op + "/parameters/2"},
		{"operationId twice", strings.Replace(importDoc("", ""), "paths:\n", "paths:\n  /b:\n    get: {operationId: a, schemes: [https], x-apigateway-backend: {type: MOCK, mockEndpoints: {}}}\n", 1), "import-duplicate", "error", "/paths/~1b/get/operationId"},
		{"unknown scheme", importDoc("", "security: [{nosuch: []}]"), "import-security", "error", op + "/security/0/nosuch"},
		{"unknown auth type", importDoc("securityDefinitions:\n  s: {type: apiKey, name: k, in: header, x-apigateway-auth-type: LDAP}", "security: [{s: []}]"), "import-security", "error", op + "/security/0/s"},
		{"ratelimit undefined", importDoc("", "x-apigateway-ratelimit: nosuch"), "import-reference", "error", op + "/x-apigateway-ratelimit"},
		{"parameter in another file", importDoc("", "", "- $ref: 'params.yaml#/p'"), "import-external-ref", "error", op + "/parameters/1/$ref"},
		{"access control undefined", importDoc("", "x-apigateway-access-control: nosuch"), "import-reference", "error", op + "/x-apigateway-access-control"},
		{"policy of another type", importDoc("", "x-apigateway-backend-policies:\n- {name: p, type: FUNCTION, effectMode: ANY, conditions: [{origin: source, value: 1.0.0.0/8}], functionEndpoints: {function-urn: u, invocation-type: sync, timeout: 5000}}"), "import-policy-type", "error", op + "/x-apigateway-backend-policies/0/type"},
		{"backend without endpoints", strings.Replace(importDoc("", ""), "{type: MOCK, mockEndpoints: {result-content: ok}}", "{type: HTTP}", 1), "import-backend", "error", op + "/x-apigateway-backend"},
		{"member-group backend", strings.Replace(importDoc("", ""), "{type: MOCK, mockEndpoints: {result-content: ok}}", "{type: HTTP-VPC-MEMBER-GROUP, httpVpcMemberGroupEndpoints: {}}", 1), "import-backend", "error", op + "/x-apigateway-backend/type"},
		{"backend of unknown type", strings.Replace(importDoc("", ""), "{type: MOCK, mockEndpoints: {result-content: ok}}", "{type: GRPC}", 1), "import-backend", "error", op + "/x-apigateway-backend/type"},
		{"number default not a number", importDoc("", "", "- {name: n, in: query, type: number, default: abc}"), "import-value", "error", op + "/parameters/1/default"},
		{"not exportable: enum excludes the default", importDoc("", "", "- {name: n, in: query, type: string, default: c, enum: [a, b]}"), "import-not-exportable", "error", ""},
		{"definitions ignored", importDoc("definitions: {X: {type: object}}", ""), "import-ignored", "warning", "/definitions"},
		{"basePath", importDoc("basePath: /v1", ""), "import-base-path", "warning", "/basePath"},
		{"number as a string", importDoc("", "", "- {name: n, in: query, type: integer, default: '5'}"), "import-number-as-string", "warning", op + "/parameters/1/default"},
		{"no backend", strings.Replace(importDoc("", ""), "      x-apigateway-backend: {type: MOCK, mockEndpoints: {result-content: ok}}\n", "", 1), "import-mock-backend", "warning", op},
		{"no operationId", strings.Replace(importDoc("", ""), "operationId: a", "summary: s", 1), "import-generated-name", "warning", op},
		{"no schemes", strings.Replace(importDoc("", ""), "schemes: [https]", "tags: [t]", 1), "import-default-protocol", "warning", op},
		{"response undefined", importDoc("", "x-apigateway-response: custom"), "import-created-reference", "warning", op + "/x-apigateway-response"},
		{"authorizer without definition", importDoc("securityDefinitions:\n  apig-auth-custom-au: {type: apiKey, name: unused, in: header, x-apigateway-auth-type: AUTHORIZER}", "security: [{apig-auth-custom-au: []}]"), "import-authorizer-incomplete", "warning", "/securityDefinitions/apig-auth-custom-au"},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := engine.Import([]byte(c.doc), engine.ImportOptions{})
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			i := slices.IndexFunc(res.Findings, func(f engine.Finding) bool { return f.Code == c.code })
			if i < 0 {
				t.Fatalf("no %s finding in %v (error %v)", c.code, res.Findings, err)
			}
			f := res.Findings[i]
			if f.Severity != c.severity || f.Path != c.path || f.Message == "" {
				t.Errorf("got %v, want %s at %q", f, c.severity, c.path)
			}
			var e *engine.Error
			if c.severity == "error" {
				if !errors.As(err, &e) || e.Code != "APIG.3602" || e.Status != 400 || res.Bundle != nil {
					t.Errorf("an error finding must fail the import with APIG.3602 and no bundle: %v", err)
				}
			} else if err != nil || res.Bundle == nil {
				t.Errorf("a warning must not fail the import: %v", err)
			}
			seen[c.code] = true
		})
	}
	for code, meaning := range engine.ImportCodes() {
		if !seen[code] {
			t.Errorf("no row draws %s (%s)", code, meaning)
		}
		if !codeRE.MatchString(code) || meaning == "" {
			t.Errorf("code %q: not kebab-case or not documented", code)
		}
	}
	if _, err := engine.Import([]byte("{"), engine.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "APIG.3600") {
		t.Errorf("an unreadable document: %v", err)
	}
}
