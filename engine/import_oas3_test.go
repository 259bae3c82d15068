package engine_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
)

// oas3Doc is a small OpenAPI 3.0 file, the twin of importDoc: root and
// operation YAML lines are added at the right indentation, params after
// the path parameter. root may hold a components: block of its own.
func oas3Doc(root, op string, params ...string) string {
	return `openapi: 3.0.3
info: {title: shop, version: "1"}
servers: [{url: 'https://api.example.com'}]
` + indentYAML(root, "") + `paths:
  /a/{id}:
    get:
      operationId: a
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
` + indentYAML(strings.Join(params, "\n"), "      ") + `      responses: {default: {description: d}}
      x-apigateway-backend: {type: MOCK, mockEndpoints: {result-content: ok}}
` + indentYAML(op, "      ")
}

// oas3Samples are the gateway's OpenAPI 3.0 files in testdata/examples
// (a .bundle.json beside them is the model one is exported from, not a
// document).
func oas3Samples(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*oas3*"))
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".bundle.json") })
	if len(files) < 4 {
		t.Fatalf("only %d OpenAPI 3.0 samples", len(files))
	}
	return files
}

// importExport imports doc (any version Import reads), loads the bundle
// as a user would and exports it with req, whose GroupID and Version
// (when empty) it fills from the import: the one step of the round trips
// (set req's OpenAPI version to get a 3.0 document back).
func importExport(t *testing.T, doc []byte, opts engine.ImportOptions, req engine.Request) (*model.Bundle, *engine.ImportResult, []byte) {
	t.Helper()
	b, res := reimport(t, doc, opts)
	req.GroupID = b.Groups[0].ID
	if req.EnvID == "" {
		req.EnvID = model.DefaultEnvID
	}
	if req.Define == "" {
		req.Define = engine.DefineAll
	}
	if req.Version == "" {
		req.Version = res.Version
	}
	out, err := engine.Export(b, req, engine.Options{})
	if err != nil {
		t.Fatalf("export of the import: %v", err)
	}
	return b, res, out.Body
}

// TestImportOAS3Findings has a row for every rule of the gateway's that
// an OpenAPI 3.0 document meets in its own way: the code, the severity
// and the JSON pointer into the 3.0 document.
func TestImportOAS3Findings(t *testing.T) {
	const op = "/paths/~1a~1{id}/get"
	doc := oas3Doc("", "")
	noServers := strings.Replace(doc, "servers: [{url: 'https://api.example.com'}]\n", "", 1)
	withServers := func(servers string) string {
		return strings.Replace(doc, "servers: [{url: 'https://api.example.com'}]", "servers: "+servers, 1)
	}
	cases := []findingRow{
		{"OpenAPI 3.1", strings.Replace(doc, "openapi: 3.0.3", "openapi: 3.1.0", 1), "import-version", "error", "/openapi"},
		{"OpenAPI 3.0 without a patch", strings.Replace(doc, "openapi: 3.0.3", "openapi: '3.0'", 1), "import-version", "error", "/openapi"},
		{"version a number", strings.Replace(doc, "openapi: 3.0.3", "openapi: 3.0", 1), "import-version", "error", "/openapi"},
		{"OpenAPI 4", strings.Replace(doc, "openapi: 3.0.3", "openapi: 4.0.0", 1), "import-version", "error", "/openapi"},
		{"requestBody", oas3Doc("", "requestBody: {content: {application/json: {schema: {type: object}}}}"), "import-parameter", "error", op + "/requestBody"},
		{"content instead of schema", oas3Doc("", "", "- {name: q, in: query, content: {application/json: {schema: {type: string}}}}"), "import-parameter", "error", op + "/parameters/1/content"},
		{"boolean schema", oas3Doc("", "", "- {name: q, in: query, schema: {type: boolean}}"), "import-parameter", "error", op + "/parameters/1/schema/type"},
		{"array schema by $ref", oas3Doc("components:\n  schemas:\n    L: {type: array, items: {type: string}}", "", "- {name: q, in: query, schema: {$ref: '#/components/schemas/L'}}"), "import-parameter", "error", "/components/schemas/L/type"},
		{"in body", oas3Doc("", "", "- {name: b, in: body, schema: {type: string}}"), "import-parameter", "error", op + "/parameters/1/in"},
		{"in nowhere", oas3Doc("", "", "- {name: b, in: matrix, schema: {type: string}}"), "import-value", "error", op + "/parameters/1/in"},
		{"schema $ref undefined", oas3Doc("", "", "- {name: q, in: query, schema: {$ref: '#/components/schemas/Nope'}}"), "import-reference", "error", op + "/parameters/1/schema/$ref"},
		{"schema $ref elsewhere", oas3Doc("", "", "- {name: q, in: query, schema: {$ref: '#/definitions/X'}}"), "import-reference", "error", op + "/parameters/1/schema/$ref"},
		{"schema $refs in a circle", oas3Doc("components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}", "", "- {name: q, in: query, schema: {$ref: '#/components/schemas/A'}}"), "import-reference", "error", "/components/schemas/B/$ref"},
		{"parameter $ref undefined", oas3Doc("", "", "- $ref: '#/components/parameters/Nope'"), "import-reference", "error", op + "/parameters/1/$ref"},
		{"parameter $ref in Swagger 2.0's place", oas3Doc("parameters:\n  Q: {name: q, in: query, type: string}", "", "- $ref: '#/parameters/Q'"), "import-reference", "error", op + "/parameters/1/$ref"},
		{"schema not an object", oas3Doc("", "", "- {name: q, in: query, schema: string}"), "import-type", "error", op + "/parameters/1/schema"},
		{"example an object", oas3Doc("", "", "- {name: q, in: query, schema: {type: string}, example: {a: 1}}"), "import-type", "error", op + "/parameters/1/example"},
		{"number default not a number", oas3Doc("", "", "- {name: n, in: query, schema: {type: integer, default: abc}}"), "import-value", "error", op + "/parameters/1/schema/default"},
		{"server of another scheme", withServers("[{url: 'ftp://api.example.com'}]"), "import-servers", "error", "/servers/0/url"},
		{"server relative", withServers("[{url: /v1}]"), "import-servers", "error", "/servers/0/url"},
		{"server with a path", withServers("[{url: 'https://api.example.com/v1'}]"), "import-servers", "error", "/servers/0/url"},
		{"server with variables", withServers("[{url: 'https://{env}.example.com', variables: {env: {default: api}}}]"), "import-servers", "error", "/servers/0/url"},
		{"server without a host", withServers("[{url: 'https://'}]"), "import-servers", "error", "/servers/0/url"},
		{"servers of two hosts", withServers("[{url: 'http://a.example.com'}, {url: 'https://b.example.com'}]"), "import-servers", "error", "/servers/1/url"},
		{"operation server of another host", oas3Doc("", "servers: [{url: 'https://b.example.com'}]"), "import-servers", "error", op + "/servers/0/url"},
		{"server without url", withServers("[{description: d}]"), "import-required", "error", "/servers/0/url"},
		{"server not an object", withServers("['https://api.example.com']"), "import-type", "error", "/servers/0"},
		{"ratelimits twice", oas3Doc("x-apigateway-ratelimits: {t: {api-limit: 1, interval: 1, unit: SECOND}}\ncomponents:\n  x-apigateway-ratelimits: {t: {api-limit: 1, interval: 1, unit: SECOND}}", ""), "import-duplicate", "error", "/components/x-apigateway-ratelimits"},
		{"access controls twice", oas3Doc("x-apigateway-access-controls: {}\ncomponents:\n  x-apigateway-access-controls: {}", ""), "import-duplicate", "error", "/components/x-apigateway-access-controls"},
		{"gateway responses twice", oas3Doc("x-apigateway-responses: {}\ncomponents:\n  x-apigateway-responses: {}", ""), "import-duplicate", "error", "/components/x-apigateway-responses"},
		{"ratelimit of the other place undefined", oas3Doc("components:\n  x-apigateway-access-controls: {}", "x-apigateway-ratelimit: t"), "import-reference", "error", op + "/x-apigateway-ratelimit"},
		{"unknown scheme", oas3Doc("", "security: [{nosuch: []}]"), "import-security", "error", op + "/security/0/nosuch"},
		{"scheme in Swagger 2.0's place", oas3Doc("securityDefinitions:\n  s: {type: apiKey, name: k, in: header, x-apigateway-auth-type: IAM}", "security: [{s: []}]"), "import-security", "error", op + "/security/0/s"},
		{"unknown auth type", oas3Doc("components:\n  securitySchemes:\n    s: {type: http, scheme: basic}", "security: [{s: []}]"), "import-security", "error", op + "/security/0/s"},
		// Warnings.
		{"schemas unused", oas3Doc("components:\n  schemas:\n    X: {type: object}", ""), "import-ignored", "warning", "/components/schemas/X"},
		{"another component", oas3Doc("components:\n  requestBodies:\n    B: {content: {}}", ""), "import-ignored", "warning", "/components/requestBodies"},
		{"a component response", oas3Doc("components:\n  responses:\n    NotFound: {description: n}", ""), "import-ignored", "warning", "/components/responses/NotFound"},
		{"an operation response", strings.Replace(doc, "responses: {default: {description: d}}", "responses: {'200': {description: ok}}", 1), "import-ignored", "warning", op + "/responses/200"},
		{"samples in both places", strings.Replace(doc, "responses: {default: {description: d}}", "responses: {default-cors: {description: d, x-apigateway-result-normal-sample: a}, x-apigateway-result-normal-sample: b}", 1), "import-ignored", "warning", op + "/responses/default-cors/x-apigateway-result-normal-sample"},
		{"root tags", oas3Doc("tags: [{name: t}]", ""), "import-ignored", "warning", "/tags"},
		{"server variables unused", withServers("[{url: 'https://api.example.com', variables: {}}]"), "import-ignored", "warning", "/servers/0/variables"},
		{"parameter style", oas3Doc("", "", "- {name: q, in: query, style: form, schema: {type: string}}"), "import-ignored", "warning", op + "/parameters/1/style"},
		{"schema nullable", oas3Doc("", "", "- {name: q, in: query, schema: {type: string, nullable: true}}"), "import-ignored", "warning", op + "/parameters/1/schema/nullable"},
		{"pattern", oas3Doc("", "", "- {name: q, in: query, schema: {type: string, pattern: '^a'}}"), "import-ignored", "warning", op + "/parameters/1/schema/pattern"},
		{"operation schemes", oas3Doc("", "schemes: [http]"), "import-ignored", "warning", op + "/schemes"},
		{"number as a string", oas3Doc("", "", "- {name: n, in: query, schema: {type: integer, default: '5'}}"), "import-number-as-string", "warning", op + "/parameters/1/schema/default"},
		{"no servers", noServers, "import-default-protocol", "warning", op},
		{"response undefined", oas3Doc("", "x-apigateway-response: custom"), "import-created-reference", "warning", op + "/x-apigateway-response"},
		{"authorizer without definition", oas3Doc("components:\n  securitySchemes:\n    apig-auth-custom-au: {type: apiKey, name: unused, in: header, x-apigateway-auth-type: AUTHORIZER}", "security: [{apig-auth-custom-au: []}]"), "import-authorizer-incomplete", "warning", "/components/securitySchemes/apig-auth-custom-au"},
		{"no operationId", strings.Replace(doc, "operationId: a", "summary: s", 1), "import-generated-name", "warning", op},
		{"no backend", strings.Replace(doc, "      x-apigateway-backend: {type: MOCK, mockEndpoints: {result-content: ok}}\n", "", 1), "import-mock-backend", "warning", op},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := engine.Import([]byte(c.doc), engine.ImportOptions{})
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			i := slices.IndexFunc(res.Findings, func(f engine.Finding) bool { return f.Code == c.code && f.Path == c.path })
			if i < 0 {
				t.Fatalf("no %s finding at %s in %v (error %v)", c.code, c.path, res.Findings, err)
			}
			f := res.Findings[i]
			if f.Severity != c.severity || f.Message == "" {
				t.Errorf("got %v, want %s", f, c.severity)
			}
			if _, known := engine.ImportCodes()[f.Code]; !known {
				t.Errorf("code %s is not in ImportCodes", f.Code)
			}
			var e *engine.Error
			if c.severity == "error" {
				if !errors.As(err, &e) || e.Code != "APIG.3602" || e.Status != 400 || res.Bundle != nil {
					t.Errorf("an error finding must fail the import with APIG.3602 and no bundle: %v", err)
				}
			} else if err != nil || res.Bundle == nil {
				t.Errorf("a warning must not fail the import: %v %v", err, res.Findings)
			}
		})
	}
}

// TestImportOAS3Messages: the refusals that name a version or a place say
// which, in the words a user needs.
func TestImportOAS3Messages(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{strings.Replace(oas3Doc("", ""), "openapi: 3.0.3", "openapi: 3.1.0", 1), "error import-version /openapi: OpenAPI 3.1.0 is not imported: the gateway imports OpenAPI 3.0.x and Swagger 2.0"},
		{"swagger: '1.2'\ninfo: {title: t, version: '1'}\npaths: {}\n", "error import-version /swagger: the Swagger file version must be 2.0"},
		{oas3Doc("", "security: [{nosuch: []}]"), "security scheme nosuch is not in components.securitySchemes"},
		{oas3Doc("", "", "- $ref: '#/parameters/Q'"), "$ref #/parameters/Q names no parameter of the document's components.parameters"},
		{importDoc("", "", "- $ref: '#/parameters/Q'"), "$ref #/parameters/Q names no parameter of the document's parameters"},
		{strings.Replace(oas3Doc("", ""), "https://api.example.com", "https://api.example.com/v1", 1), "Parse Servers error"},
	} {
		res, _ := engine.Import([]byte(c.doc), engine.ImportOptions{})
		if res == nil || !slices.ContainsFunc(res.Findings, func(f engine.Finding) bool { return strings.Contains(f.String(), c.want) }) {
			t.Errorf("no finding says %q: %v", c.want, res)
		}
	}
}

// TestImportOAS3Accepted: what an OpenAPI 3.0 document writes in its own
// way lands in the bundle where the Swagger 2.0 form does, one row per
// form; each row's check reads the bundle.
func TestImportOAS3Accepted(t *testing.T) {
	api := func(b *model.Bundle) *model.API { return &b.APIs[0] }
	param := func(b *model.Bundle, name string) *model.ReqParam {
		for i, p := range api(b).ReqParams {
			if p.Name == name {
				return &api(b).ReqParams[i]
			}
		}
		return nil
	}
	const sampled = "responses: {default-cors: {description: d, x-apigateway-result-normal-sample: n, x-apigateway-result-failure-sample: f}}"
	doc := oas3Doc("", "")
	cases := []struct {
		name  string
		doc   string
		check func(b *model.Bundle) bool
	}{
		{"root servers: host and both protocols", doc, func(b *model.Bundle) bool {
			return b.Groups[0].SLDomain == "api.example.com" && api(b).ReqProtocol == "HTTPS"
		}},
		{"root servers http and https", strings.Replace(doc, "[{url: 'https://api.example.com'}]", "[{url: 'http://api.example.com'}, {url: 'https://api.example.com/'}]", 1), func(b *model.Bundle) bool {
			return b.Groups[0].SLDomain == "api.example.com" && api(b).ReqProtocol == "BOTH"
		}},
		{"operation servers win", strings.Replace(oas3Doc("", "servers: [{url: 'http://api.example.com'}]"), "[{url: 'https://api.example.com'}]", "[{url: 'http://api.example.com'}, {url: 'https://api.example.com'}]", 1), func(b *model.Bundle) bool {
			return api(b).ReqProtocol == "HTTP"
		}},
		{"Path Item servers", strings.Replace(doc, "  /a/{id}:\n", "  /a/{id}:\n    servers: [{url: 'http://api.example.com'}]\n", 1), func(b *model.Bundle) bool {
			return api(b).ReqProtocol == "HTTP"
		}},
		{"host with a port, from the operation", strings.Replace(oas3Doc("", "servers: [{url: 'HTTPS://api.example.com:8443'}]"), "servers: [{url: 'https://api.example.com'}]\n", "", 1), func(b *model.Bundle) bool {
			return b.Groups[0].SLDomain == "api.example.com:8443" && api(b).ReqProtocol == "HTTPS"
		}},
		{"in: cookie", oas3Doc("", "", "- {name: c, in: cookie, schema: {type: string}}"), func(b *model.Bundle) bool {
			p := param(b, "c")
			return p != nil && p.Location == "COOKIE" && p.Type == "STRING"
		}},
		{"integer, long, float, double are numbers", oas3Doc("", "", "- {name: i, in: query, schema: {type: integer, format: int32}}",
			"- {name: l, in: query, schema: {type: long}}", "- {name: f, in: query, schema: {type: float}}", "- {name: d, in: query, schema: {type: double}}"), func(b *model.Bundle) bool {
			for _, n := range []string{"i", "l", "f", "d"} {
				if p := param(b, n); p == nil || p.Type != "NUMBER" {
					return false
				}
			}
			return true
		}},
		{"no schema is a string", oas3Doc("", "", "- {name: q, in: query}"), func(b *model.Bundle) bool {
			return param(b, "q") != nil && param(b, "q").Type == "STRING"
		}},
		{"schema values and bounds", oas3Doc("", "", "- {name: n, in: query, required: true, description: dd, schema: {type: number, default: 5, enum: [5, 6], minimum: 1, maximum: 9}}",
			"- {name: s, in: header, schema: {type: string, maxLength: 0, maximum: 0, minimum: 0}}"), func(b *model.Bundle) bool {
			n, s := param(b, "n"), param(b, "s")
			return n.DefaultValue == "5" && n.Enumerations == "5,6" && n.MinNum == 1 && n.MaxNum == 9 && n.ValidEnable == 1 && n.Required == 1 && n.Remark == "dd" &&
				s.MaxSize == 0 && s.ValidEnable == 2 && s.Required == 2
		}},
		{"example is the sample value", oas3Doc("", "", "- {name: q, in: query, schema: {type: string}, example: hello}", "- {name: n, in: query, schema: {type: integer, example: 7}}"), func(b *model.Bundle) bool {
			return param(b, "q").SampleValue == "hello" && param(b, "n").SampleValue == "7"
		}},
		{"x-apigateway-sample still read", oas3Doc("", "", "- {name: q, in: query, schema: {type: string}, x-apigateway-sample: s}"), func(b *model.Bundle) bool {
			return param(b, "q").SampleValue == "s"
		}},
		{"parameter $ref to components.parameters", oas3Doc("components:\n  parameters:\n    Q: {name: q, in: query, schema: {$ref: '#/components/schemas/Q'}}\n  schemas:\n    Q: {type: integer, maximum: 3}", "", "- $ref: '#/components/parameters/Q'"), func(b *model.Bundle) bool {
			p := param(b, "q")
			return p != nil && p.Type == "NUMBER" && p.MaxNum == 3
		}},
		{"default-cors response with the samples (the gateway's form)", strings.Replace(doc, "responses: {default: {description: d}}", sampled, 1), func(b *model.Bundle) bool {
			return api(b).ResultNormalSample == "n" && api(b).ResultFailureSample == "f"
		}},
		{"default $ref to components.responses, samples beside", strings.Replace(oas3Doc("components:\n  responses:\n    default-cors: {description: d}", ""), "responses: {default: {description: d}}",
			"responses: {default: {$ref: '#/components/responses/default-cors'}, x-apigateway-result-normal-sample: n, x-apigateway-result-failure-sample: f}", 1), func(b *model.Bundle) bool {
			return api(b).ResultNormalSample == "n" && api(b).ResultFailureSample == "f"
		}},
		{"ratelimits and access controls at the root", oas3Doc("x-apigateway-ratelimits: {t: {api-limit: 5, interval: 1, unit: SECOND}}\nx-apigateway-access-controls: {c: {acl-type: PERMIT, entity-type: IP, value: 10.0.0.1}}",
			"x-apigateway-ratelimit: t\nx-apigateway-access-control: c"), func(b *model.Bundle) bool {
			return len(b.Throttles) == 1 && len(b.ThrottleBindings) == 1 && len(b.ACLs) == 1 && len(b.ACLBindings) == 1
		}},
		{"ratelimits and access controls under components", oas3Doc("components:\n  x-apigateway-ratelimits: {t: {api-limit: 5, interval: 1, unit: SECOND}}\n  x-apigateway-access-controls: {c: {acl-type: PERMIT, entity-type: IP, value: 10.0.0.1}}",
			"x-apigateway-ratelimit: t\nx-apigateway-access-control: c"), func(b *model.Bundle) bool {
			return len(b.Throttles) == 1 && len(b.ThrottleBindings) == 1 && len(b.ACLs) == 1 && len(b.ACLBindings) == 1
		}},
		{"gateway responses under components or at the root", oas3Doc("x-apigateway-responses: {r: {AUTH_FAILURE: {status: 401}}}", "x-apigateway-response: r"), func(b *model.Bundle) bool {
			return len(b.Responses) == 1 && b.Responses[0].Name == "r" && api(b).ResponseID == b.Responses[0].ID
		}},
		{"security schemes: APP with app code in a header", oas3Doc("components:\n  securitySchemes:\n    apig-auth-app-header: {type: apiKey, name: Authorization, in: header, x-apigateway-auth-type: AppSigv1, x-apigateway-auth-opt: {appcode-auth-type: header}}", "security: [{apig-auth-app-header: []}]"), func(b *model.Bundle) bool {
			return api(b).AuthType == "APP" && api(b).AuthOpt != nil && api(b).AuthOpt.AppCodeAuthType == "HEADER"
		}},
		{"security schemes: a custom authorizer, from the root's security", oas3Doc("security: [{apig-auth-custom-au: []}]\ncomponents:\n  securitySchemes:\n    apig-auth-custom-au:\n      {type: apiKey, name: unused, in: header, x-apigateway-auth-type: AUTHORIZER, x-apigateway-authorizer: {type: FRONTEND, authorizer_type: FUNC, authorizer_uri: 'urn:fss:x', network_type: V1}}", ""), func(b *model.Bundle) bool {
			return api(b).AuthType == "AUTHORIZER" && len(b.Authorizers) == 1 && b.Authorizers[0].Name == "au" && api(b).AuthorizerID == b.Authorizers[0].ID
		}},
		{"ANY method", strings.Replace(doc, "    get:\n", "    x-apigateway-any-method:\n", 1), func(b *model.Bundle) bool {
			return api(b).ReqMethod == "ANY"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := engine.Import([]byte(c.doc), engine.ImportOptions{})
			if err != nil {
				t.Fatalf("%v\n%v", err, res.Findings)
			}
			if !c.check(res.Bundle) {
				t.Errorf("the bundle does not hold it: %+v", res.Bundle.APIs)
			}
		})
	}
}

// TestImportOAS3Samples: every OpenAPI 3.0 file of the gateway's imports
// without error; exported as Swagger 2.0 (the version the export writes
// today), the document holds what the 3.0 file said, by the mapping's
// rules (swaggerExpectation), value for value.
func TestImportOAS3Samples(t *testing.T) {
	for _, file := range oas3Samples(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, res, out := importExport(t, doc, engine.ImportOptions{}, engine.Request{})
			if engine.HasErrors(res.Findings) {
				t.Fatalf("errors: %v", res.Findings)
			}
			in, err := engine.ToJSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			want := swaggerExpectation(t, decodeJSON(t, in))
			var diffs []string
			jsonSubset(want, decodeJSON(t, out), "", &diffs)
			for _, d := range diffs {
				t.Errorf("the Swagger export of the import does not hold the 3.0 file's %s", d)
			}
		})
	}
}

// swaggerExpectation writes, from an OpenAPI 3.0 document of the
// gateway's, the parts of the Swagger 2.0 document that its import must
// export to, by the mapping's rules: the host of the servers, each
// operation's schemes from its servers, its parameters with the schema's
// type and bounds and the example as x-apigateway-sample, its
// x-apigateway-* keys as they are, the result samples of its default-cors
// response, and the security schemes and gateway responses of components.
// It is not a converter: what the mapping does not say is left out.
func swaggerExpectation(t *testing.T, doc any) map[string]any {
	t.Helper()
	root := doc.(map[string]any)
	info := root["info"].(map[string]any)
	out := map[string]any{"swagger": "2.0", "info": map[string]any{"title": info["title"], "version": info["version"]}}
	if d, ok := info["description"]; ok {
		out["info"].(map[string]any)["description"] = d
	}
	hostOf := func(servers any) (string, []any) {
		var host string
		var schemes []any
		for _, s := range servers.([]any) {
			scheme, rest, _ := strings.Cut(s.(map[string]any)["url"].(string), "://")
			host = strings.TrimSuffix(rest, "/")
			schemes = append(schemes, scheme)
		}
		return host, schemes
	}
	out["host"], _ = hostOf(root["servers"])
	comps, _ := root["components"].(map[string]any)
	if s, ok := comps["securitySchemes"]; ok {
		out["securityDefinitions"] = s
	}
	if r, ok := comps["x-apigateway-responses"]; ok {
		out["x-apigateway-responses"] = r
	}
	paths := map[string]any{}
	for path, item := range root["paths"].(map[string]any) {
		ops := map[string]any{}
		for method, o := range item.(map[string]any) {
			op := o.(map[string]any)
			want := map[string]any{}
			for k, v := range op {
				switch {
				case k == "servers":
					_, schemes := hostOf(v)
					want["schemes"] = schemes
				case k == "parameters":
					var ps []any
					for _, p := range v.([]any) {
						p := p.(map[string]any)
						wp := map[string]any{}
						for pk, pv := range p {
							switch pk {
							case "schema":
								for sk, sv := range pv.(map[string]any) {
									if n, ok := sv.(json.Number); ok && n == "0" {
										continue // the gateway's zero bounds: none
									}
									wp[sk] = sv
								}
							case "example":
								if pv != "" { // the model keeps no empty sample
									wp["x-apigateway-sample"] = pv
								}
							default:
								wp[pk] = pv
							}
						}
						ps = append(ps, wp)
					}
					want["parameters"] = ps
				case k == "responses":
					rs := map[string]any{}
					for _, r := range v.(map[string]any) {
						for rk, rv := range r.(map[string]any) {
							if strings.HasPrefix(rk, "x-apigateway-result-") {
								rs[rk] = rv
							}
						}
					}
					want["responses"] = rs
				case k == "operationId", k == "description", k == "security", strings.HasPrefix(k, "x-apigateway-"):
					want[k] = v
				default:
					t.Errorf("swaggerExpectation does not know operation key %s", k)
				}
			}
			ops[method] = want
		}
		paths[path] = ops
	}
	out["paths"] = paths
	return out
}

// jsonSubset lists the pointers where want has a value that got has not:
// every key of want's objects must be in got's with a value that holds
// it in turn; arrays must be as long, item for item.
func jsonSubset(want, got any, at string, out *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*out = append(*out, at)
			return
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for _, k := range sortedStrings(keys) {
			p := at + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			gv, ok := g[k]
			if !ok {
				*out = append(*out, p+" (missing)")
				continue
			}
			jsonSubset(w[k], gv, p, out)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*out = append(*out, at)
			return
		}
		for i := range w {
			jsonSubset(w[i], g[i], at+"/"+itoa(i), out)
		}
	default:
		var d []string
		jsonDiffs(want, got, at, &d)
		*out = append(*out, d...)
	}
}

// TestImportOAS3LikeSwagger: the same group written as Swagger 2.0 (an
// export of the sample bundle) and as OpenAPI 3.0 (that export with the
// mapping's changes made by hand here: servers, schema, example,
// components) imports to the same bundle.
func TestImportOAS3LikeSwagger(t *testing.T) {
	swagger := `swagger: "2.0"
info: {title: shop, version: "1", description: the shop}
host: shop.example.com
paths:
  /items/{id}:
    get:
      security: [{apig-auth-app: []}]
      description: one item
      schemes: [http, https]
      operationId: getItem
      parameters:
      - {type: string, name: id, in: path, required: true, x-apigateway-pass-through: always}
      - {maximum: 100, minimum: 1, type: number, default: 10, x-apigateway-sample: '20', name: limit, in: query}
      - {maxLength: 8, type: string, enum: [a, b], name: X-Kind, in: header, required: true, description: kind}
      responses:
        default: {$ref: '#/responses/default'}
        x-apigateway-result-failure-sample: 'no'
        x-apigateway-result-normal-sample: 'yes'
      x-apigateway-backend:
        type: HTTP
        httpEndpoints: {address: backend.example.com, scheme: https, method: GET, path: '/items/{id}', timeout: 5000, description: ''}
        parameters: [{name: id, value: id, in: PATH, origin: REQUEST, description: ''}]
      x-apigateway-cors: true
      x-apigateway-match-mode: NORMAL
      x-apigateway-ratelimit: slow
      x-apigateway-request-type: public
      x-apigateway-response: r
responses: {default: {description: response example}}
securityDefinitions:
  apig-auth-app: {type: apiKey, name: Authorization, in: header, x-apigateway-auth-type: AppSigv1}
x-apigateway-ratelimits: {slow: {api-limit: 10, interval: 1, unit: MINUTE}}
x-apigateway-responses: {r: {AUTH_FAILURE: {status: 401, body: {application/json: '{"e": 1}'}}}}
`
	oas3 := `openapi: 3.0.0
info: {title: shop, version: "1", description: the shop}
servers: [{url: 'http://shop.example.com'}, {url: 'https://shop.example.com'}]
paths:
  /items/{id}:
    get:
      security: [{apig-auth-app: []}]
      description: one item
      servers: [{url: 'http://shop.example.com'}, {url: 'https://shop.example.com'}]
      operationId: getItem
      parameters:
      - {schema: {type: string}, name: id, in: path, required: true, x-apigateway-pass-through: always}
      - {schema: {maximum: 100, minimum: 1, type: number, default: 10}, example: '20', name: limit, in: query}
      - {schema: {maxLength: 8, type: string, enum: [a, b]}, name: X-Kind, in: header, required: true, description: kind}
      responses:
        default-cors:
          description: response example
          x-apigateway-result-failure-sample: 'no'
          x-apigateway-result-normal-sample: 'yes'
      x-apigateway-backend:
        type: HTTP
        httpEndpoints: {address: backend.example.com, scheme: https, method: GET, path: '/items/{id}', timeout: 5000, description: ''}
        parameters: [{name: id, value: id, in: PATH, origin: REQUEST, description: ''}]
      x-apigateway-cors: true
      x-apigateway-match-mode: NORMAL
      x-apigateway-ratelimit: slow
      x-apigateway-request-type: public
      x-apigateway-response: r
components:
  responses:
    default-cors: {description: response example, headers: {Access-Control-Allow-Origin: {schema: {default: '*', type: string}}}}
  securitySchemes:
    apig-auth-app: {type: apiKey, name: Authorization, in: header, x-apigateway-auth-type: AppSigv1}
  x-apigateway-ratelimits: {slow: {api-limit: 10, interval: 1, unit: MINUTE}}
  x-apigateway-responses: {r: {AUTH_FAILURE: {status: 401, body: {application/json: '{"e": 1}'}}}}
`
	b2, res2, out2 := importExport(t, []byte(swagger), engine.ImportOptions{}, engine.Request{})
	b3, res3, out3 := importExport(t, []byte(oas3), engine.ImportOptions{}, engine.Request{})
	if len(res2.Findings) != 0 || len(res3.Findings) != 0 {
		t.Errorf("findings: Swagger %v, OpenAPI %v", res2.Findings, res3.Findings)
	}
	d2, _ := model.Encode(b2)
	d3, _ := model.Encode(b3)
	if string(d2) != string(d3) {
		t.Errorf("the bundles differ:\n%s", diffLines(d2, d3))
	}
	if string(out2) != string(out3) {
		t.Errorf("their exports differ:\n%s", diffLines(out2, out3))
	}
}

// TestImportOAS3CookieChecked: the import's final check exports an
// OpenAPI 3.0 document as OpenAPI 3.0, COOKIE parameters and all: a
// refusal in a cookie parameter is found (Swagger 2.0, which has no
// cookies, could not see it), a refusal elsewhere beside a cookie too, and
// a clean cookie parameter passes and comes back as in: cookie.
func TestImportOAS3CookieChecked(t *testing.T) {
	for _, params := range [][]string{
		{"- {name: c, in: cookie, schema: {type: string, default: c, enum: [a, b]}}"},
		{"- {name: c, in: cookie, schema: {type: string}}", "- {name: n, in: query, schema: {type: string, default: c, enum: [a, b]}}"},
	} {
		res, err := engine.Import([]byte(oas3Doc("", "", params...)), engine.ImportOptions{})
		if err == nil || res == nil || !slices.ContainsFunc(res.Findings, func(f engine.Finding) bool { return f.Code == "import-not-exportable" }) {
			t.Errorf("an enum without the default passed the check (%s): %v", strings.Join(params, " "), err)
		}
	}
	doc := oas3Doc("", "", "- {name: c, in: cookie, schema: {type: string}}")
	b, res, out := importExport(t, []byte(doc), engine.ImportOptions{}, engine.Request{OASVersion: "3.0"})
	if len(res.Findings) != 0 || len(b.APIs[0].ReqParams) != 2 {
		t.Fatalf("%v %+v", res.Findings, b.APIs[0].ReqParams)
	}
	if !strings.Contains(string(out), `"in": "cookie"`) {
		t.Errorf("the 3.0 export of the import has no cookie parameter:\n%s", out)
	}
	if _, err := engine.Export(b, engine.Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: "all", Version: "1"}, engine.Options{}); err == nil || !strings.Contains(err.Error(), "COOKIE") {
		t.Errorf("the Swagger 2.0 export of a COOKIE parameter is not refused by name: %v", err)
	}
}

// oas3FuzzSeeds are FuzzImport's OpenAPI 3.0 documents beside the
// gateway's samples: each form the import takes, small.
func oas3FuzzSeeds() []string {
	return []string{
		oas3Doc("components:\n  parameters:\n    Q: {name: q, in: query, schema: {$ref: '#/components/schemas/Q'}}\n  schemas:\n    Q: {type: integer, maximum: 3}\n  x-apigateway-ratelimits: {t: {api-limit: 5, interval: 1, unit: SECOND}}",
			"servers: [{url: 'http://api.example.com'}]\nx-apigateway-ratelimit: t", "- $ref: '#/components/parameters/Q'", "- {name: c, in: cookie, schema: {type: string}, example: x}"),
		strings.Replace(oas3Doc("x-apigateway-access-controls: {c: {acl-type: PERMIT, entity-type: IP, value: 10.0.0.1}}\ncomponents:\n  responses:\n    default-cors: {description: d}",
			"x-apigateway-access-control: c", "- {name: n, in: header, schema: {type: number, default: '5', enum: [5, 6]}}"),
			"responses: {default: {description: d}}", "responses: {default: {$ref: '#/components/responses/default-cors'}, x-apigateway-result-normal-sample: n}", 1),
	}
}

// TestOAS3FuzzSeedsImport: FuzzImport's OpenAPI 3.0 seeds are accepted, so
// that the fuzzer starts from documents that reach the whole import.
func TestOAS3FuzzSeedsImport(t *testing.T) {
	for i, seed := range oas3FuzzSeeds() {
		if res, err := engine.Import([]byte(seed), engine.ImportOptions{}); err != nil {
			t.Errorf("seed %d: %v %v", i, err, res.Findings)
		}
	}
}
