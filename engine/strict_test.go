package engine_test

import (
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestStrictSwaggerVersion: the reference validator is not given a
// document whose swagger is a string other than "2.0" (go-openapi/validate
// fails on it inside with a nil pointer dereference): the finding says
// what is wrong, and the fast validator agrees where. swagger given twice
// is refused before either validator reads it, as any duplicate key is.
func TestStrictSwaggerVersion(t *testing.T) {
	needReference(t)
	cases := []struct{ doc, want string }{
		{`{"swagger": "2.0", "swagger": "3.0", "info": {"title": "t", "version": "1"}, "paths": {}}`,
			`the key "swagger" is given twice`},
		{"swagger: '3.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", `swagger is "3.0": only Swagger 2.0 documents`},
		{`{"swagger": "2", "info": {"title": "t", "version": "1"}, "paths": {}}`, `swagger is "2": only Swagger 2.0 documents`},
	}
	for _, c := range cases {
		findings, err := engine.ValidateStrict([]byte(c.doc))
		if err != nil {
			t.Fatal(err)
		}
		if len(findings) != 1 || findings[0].Path != "/swagger" || !strings.Contains(findings[0].Message, c.want) {
			t.Errorf("%s: got %v, want one finding at /swagger saying %q", c.doc, findings, c.want)
		}
		if msg := disagreement([]byte(c.doc)); msg != "" {
			t.Errorf("%s: %s", c.doc, msg)
		}
	}
}
