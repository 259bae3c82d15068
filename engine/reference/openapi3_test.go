package reference

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateOpenAPI3: kin-openapi's verdict, for JSON and YAML alike;
// what it objects to is a finding with the code CodeOpenAPI3Invalid, not an
// error; an external $ref is refused without being read; only a document
// that is neither JSON nor YAML is an error.
func TestValidateOpenAPI3(t *testing.T) {
	const head = `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a/{id}": {"get": {"responses": {"default": %s},
		"parameters": [{"name": "id", "in": "path", "required": %s, "schema": {"type": "string"}}]}}}}`
	doc := func(response, required string) string {
		return strings.Replace(strings.Replace(head, "%s", response, 1), "%s", required, 1)
	}
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.json")
	if err := os.WriteFile(secret, []byte(`{"description": "read"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, doc string
		want      string // a piece of a finding's message; "" for valid
		err       bool
	}{
		{"valid JSON", doc(`{"description": "ok"}`, "true"), "", false},
		{"valid YAML", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n", "", false},
		{"path parameter not required", doc(`{"description": "ok"}`, "false"), `path parameter "id" must be required`, false},
		{"unresolved $ref", doc(`{"$ref": "#/components/responses/nope"}`, "true"), "cannot load the document", false},
		{"external file", doc(`{"$ref": "`+filepath.ToSlash(secret)+`"}`, "true"), "disallowed external reference", false},
		{"external URL", doc(`{"$ref": "http://127.0.0.1:1/r.json"}`, "true"), "disallowed external reference", false},
		{"wrong type", `{"openapi": 3, "info": {"title": "t", "version": "1"}, "paths": {}}`, "cannot unmarshal number", false},
		{"not a document", "{", "", true},
		{"YAML key twice", "openapi: 3.0.0\nopenapi: 3.0.1\n", "", true},
	} {
		findings, err := ValidateOpenAPI3([]byte(c.doc))
		if (err != nil) != c.err {
			t.Errorf("%s: error %v", c.name, err)
			continue
		}
		if c.want == "" && len(findings) > 0 {
			t.Errorf("%s: findings %v, want none", c.name, findings)
		}
		if c.want != "" && (len(findings) == 0 || !strings.Contains(findings[0].Message, c.want)) {
			t.Errorf("%s: findings %v, want one saying %q", c.name, findings, c.want)
		}
		for _, f := range findings {
			if f.Code != CodeOpenAPI3Invalid || f.Severity != "error" {
				t.Errorf("%s: %+v: want an error with the code %s", c.name, f, CodeOpenAPI3Invalid)
			}
		}
	}
}
