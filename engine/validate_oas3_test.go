package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestValidateOpenAPI3: Validate tells the version from the document and
// runs the OpenAPI 3.0 checker; an openapi that is not 3.0.x is one
// finding; ValidateStrict runs the official schema and kin-openapi.
func TestValidateOpenAPI3(t *testing.T) {
	needReference(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "mutations-oas3", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name      string
		doc       []byte
		strict    bool
		code, at  string // the finding wanted; "" for none
		errorFree bool
	}{
		{"base", read("base.yaml"), false, "", "", true},
		{"base strict", read("base.yaml"), true, "", "", true},
		{"duplicate operationId", read("duplicate-operation-id.json"), false, "duplicate-operation-id", "/paths/~1mock/get/operationId", false},
		{"duplicate operationId strict", read("duplicate-operation-id.json"), true, engine.CodeOpenAPI3Invalid, "", false},
		{"default-cors strict", read("response-key-default-cors.json"), true, "schema-forbidden-property", "/paths/~1http~1{userId}/get/responses/default-cors", false},
		{"handed to kin-openapi", read("server-variable-undefined.json"), false, engine.CodeOpenAPI3Invalid, "", false},
		{"external ref", read("external-ref.json"), false, engine.CodeExternalRef, "/paths/~1function~1{name}/get/responses/default/$ref", false},
		{"3.1", read("openapi-3.1.0.json"), false, engine.CodeOpenAPIVersion, "/openapi", false},
		{"3.1 strict", read("openapi-3.1.0.json"), true, engine.CodeOpenAPIVersion, "/openapi", false},
		{"openapi number", read("openapi-number.json"), false, "schema-type", "/openapi", false},
		{"APIG rule", []byte(strings.Replace(string(read("base.yaml")), "x-apigateway-match-mode: SWA", "x-apigateway-match-mode: ANY", 1)), false, "apig-enum", "/paths/~1http-vpc/x-apigateway-any-method/x-apigateway-match-mode", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, err := engine.ValidateWith(c.doc, engine.ValidateOptions{Strict: c.strict})
			if err != nil {
				t.Fatal(err)
			}
			if c.errorFree != !engine.HasErrors(fs) {
				t.Errorf("findings %v; want errors: %v", fs, !c.errorFree)
			}
			if c.code != "" && !slices.ContainsFunc(fs, func(f engine.Finding) bool { return f.Code == c.code && f.Path == c.at }) {
				t.Errorf("findings %v; want %s at %q", fs, c.code, c.at)
			}
		})
	}
}

// TestValidateOpenAPI3Samples: the gateway's OpenAPI 3.0 samples draw, of
// the official schema, the one refusal docs/openapi3-validity.md lists
// (the operation response key default-cors), and nothing else.
func TestValidateOpenAPI3Samples(t *testing.T) {
	needReference(t)
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*oas3*.yaml"))
	if len(names) < 4 {
		t.Fatalf("%d samples", len(names))
	}
	for _, name := range names {
		doc, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := engine.Validate(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Severity == engine.SeverityError && !(f.Code == "schema-forbidden-property" && strings.HasSuffix(f.Path, "/default-cors")) {
				t.Errorf("%s: %v", filepath.Base(name), f)
			}
		}
	}
}
