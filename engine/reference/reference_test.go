package reference

import (
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestValidateFiles: the reference reads the files it is given, by their
// paths from the document's folder, and nothing else, even where engine's
// own check has been bypassed.
func TestValidateFiles(t *testing.T) {
	const doc = `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {
		"parameters": [{"$ref": "%s"}], "responses": {"200": {"description": "ok"}}}}}}`
	param := []byte(`{"limit": {"name": "limit", "in": "query", "type": "integer"}}`)
	for _, c := range []struct {
		name, ref string
		files     map[string][]byte
		valid     bool
	}{
		{"beside", "params.json#/limit", map[string][]byte{"params.json": param}, true},
		{"in a subfolder", "./shared/params.json#/limit", map[string][]byte{"shared/params.json": param}, true},
		{"not given", "params.json#/limit", nil, false},
		{"outside", "/etc/passwd#/limit", nil, false},
		{"climbing out", "../../../../../../etc/passwd#/limit", nil, false},
	} {
		raw := []byte(strings.Replace(doc, "%s", c.ref, 1))
		files := map[string][]byte{"api.json": raw}
		for k, v := range c.files {
			files[k] = v
		}
		findings := Validate(raw, "api.json", files)
		if engine.HasErrors(findings) == c.valid {
			t.Errorf("%s: %v", c.name, findings)
		}
		for _, f := range findings {
			if strings.Contains(f.Message, "root:") || strings.Contains(f.Message, "apigexport-reference-") {
				t.Errorf("%s: the finding shows a file's content or the temporary folder: %v", c.name, f)
			}
		}
	}
}
