package main

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// testOnly are the import path prefixes that only tests and the command may
// link.
var testOnly = []string{"github.com/go-openapi/", "golang.org/x/", "github.com/getkin/", "github.com/santhosh-tekuri/", "github.com/pb33f/", "github.com/apigexport/apigexport/engine/reference", "github.com/apigexport/apigexport/engine/internal/oracle"}

// TestDeps: a program that imports engine, and not engine/reference, links
// no go-openapi module, no golang.org/x module and not net/http; nor the
// OpenAPI 3.0 oracle's kin-openapi, santhosh-tekuri/jsonschema or
// libopenapi (the tests' alone).
func TestDeps(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command under GOOS=js")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	// The embedder, and the WebAssembly module, which must stay small too
	// (issue: net/http pulled its crypto into the module).
	for _, c := range []struct{ pkg, goos, goarch string }{
		{".", "", ""},
		{"github.com/apigexport/apigexport/wasm", "js", "wasm"},
	} {
		cmd := exec.Command(gobin, "list", "-deps", c.pkg)
		if c.goos != "" {
			cmd.Env = append(os.Environ(), "GOOS="+c.goos, "GOARCH="+c.goarch)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(c.pkg, err)
		}
		for dep := range strings.FieldsSeq(string(out)) {
			if dep == "net/http" || slices.ContainsFunc(testOnly, func(p string) bool { return strings.HasPrefix(dep, p) }) {
				t.Errorf("%s links %s", c.pkg, dep)
			}
		}
	}
}

// TestWithoutReference: without engine/reference, what only the reference
// checks is not-checked, strict validation is refused, and what the fast
// validator checks is checked as in the command.
func TestWithoutReference(t *testing.T) {
	const head = `{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, "parameters": [`
	cases := []struct {
		name, param, code string
	}{
		{"body parameter", `{"name": "b", "in": "body", "schema": {"type": "string"}}`, engine.CodeNotChecked},
		{"date default", `{"name": "d", "in": "query", "type": "string", "format": "date", "default": "2026-13-45"}`, engine.CodeNotChecked},
		{"uri default", `{"name": "u", "in": "query", "type": "string", "format": "uri", "default": "not a uri"}`, "default-invalid"},
		{"ipv4 default", `{"name": "i", "in": "query", "type": "string", "format": "ipv4", "default": "1.2.3.4"}`, ""},
	}
	for _, c := range cases {
		doc := []byte(head + c.param + `]}}}}`)
		findings, err := engine.Validate(doc)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, f := range findings {
			codes = append(codes, f.Code)
		}
		if c.code == "" && len(codes) != 0 || c.code != "" && !slices.Contains(codes, c.code) {
			t.Errorf("%s: findings %v, want %q", c.name, findings, c.code)
		}
		if _, err := engine.ValidateStrict(doc); err == nil || !strings.Contains(err.Error(), "engine/reference") {
			t.Errorf("%s: strict validation without the reference: %v", c.name, err)
		}
	}
}
