package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
)

// clock matches the engine's golden files.
var clock = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	now = func() time.Time { return clock }
	os.Exit(m.Run())
}

func golden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func runCmd(stdin string, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	envIDMissing = "apigexport: APIG.2001: The request parameters must be specified,parameterName:env_id. Please refer to the support documentation\n"
)

func TestRun(t *testing.T) {
	sampleAll := string(golden(t, "sample-all.json"))
	cases := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		stdout     string
		stderr     string // exact, unless stderrHas is set
		stderrHas  string
		stdoutHas  string
		skipStdout bool
	}{
		{name: "sample all", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "all"}, stdout: sampleAll},
		{name: "env by ID, flags after files", args: []string{"export", "-sample", "-define", "all", "-env", "DEFAULT_ENVIRONMENT_RELEASE_ID"}, stdout: sampleAll},
		{name: "group by name", args: []string{"export", "-sample", "-group", "shop_api", "-env", "RELEASE", "-define", "all"}, stdout: sampleAll},
		{name: "yaml", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "dev", "-type", "yaml"}, stdout: string(golden(t, "sample-dev.yaml"))},
		{name: "resolve vars", args: []string{"export", "-sample", "-env", "TEST", "-define", "proxy", "-version", "1.0.0", "-resolve-vars"},
			stdout: string(golden(t, "sample-test-all-resolved.json"))},
		{name: "env_id missing", args: []string{"export", "-sample", "-define", "all"}, code: 1, stderr: envIDMissing},
		{name: "define invalid", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "full"}, code: 1,
			stderr: "apigexport: APIG.2012: Invalid parameter value,parameterName:define. Please refer to the support documentation\n"},
		{name: "group unknown", args: []string{"export", "-sample", "-group", "nosuch", "-env", "RELEASE"}, code: 1,
			stderr: "apigexport: APIG.3001: API group nosuch does not exist\n"},
		{name: "env unknown", args: []string{"export", "-sample", "-env", "PROD"}, code: 1,
			stderr: "apigexport: APIG.3003: Environment PROD does not exist\n"},
		{name: "api unknown", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", "a1000000000000000000000000000001,zz"}, code: 1,
			stderr: "apigexport: APIG.3002: API zz does not exist\n"},
		{name: "apis filter", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", "a1000000000000000000000000000010"},
			stdoutHas: `"operationId": "HealthCheck"`},
		{name: "no API selected warns", args: []string{"export", "-sample", "-env", "TEST", "-apis", "a1000000000000000000000000000012"},
			stdoutHas: `"paths": {}`, stderr: "apigexport: warning: no API of group shop_api is published in environment TEST: the document has no paths\n"},
		{name: "bundle from stdin", stdin: `{"group": {"id": "g1", "name": "tiny"}}`, args: []string{"export", "-define", "dev", "-version", "1"},
			stdoutHas: `"title": "tiny"`, stderrHas: "warning: no API of group tiny was selected"},
		{name: "bad bundle names file and path", stdin: `{"groups": [{"id": "g1", "name": 5}]}`, args: []string{"export", "-define", "dev", "-"}, code: 1,
			stderr: "apigexport: <stdin>: groups[0].name: expected a string, got a number\n"},
		{name: "strict", stdin: `{"groups": [{"id": "g1", "name": "n", "x": 1}]}`, args: []string{"export", "-strict", "-define", "dev"}, code: 1,
			stderr: "apigexport: <stdin>: groups[0].x: unknown field (strict mode)\n"},
		{name: "several groups need -group", stdin: `{"groups": [{"id": "g1", "name": "a"}, {"id": "g2", "name": "b"}]}`, args: []string{"export", "-define", "dev"}, code: 2,
			stderr: "apigexport: the bundle has 2 API groups, choose one with -group: a (g1), b (g2)\n"},
		{name: "missing file", args: []string{"export", "nosuchfile.json"}, code: 1, stderrHas: "nosuchfile.json: no such file or directory"},
		{name: "bad flag", args: []string{"export", "-bogus"}, code: 2, stderrHas: "flag provided but not defined: -bogus"},
		{name: "export help", args: []string{"export", "-h"}, code: 0, stderrHas: "Usage: apigexport export [flags] [FILE...]"},
		{name: "no command", args: nil, code: 2, stderrHas: "Usage:"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderrHas: `apigexport: unknown command "frobnicate"`},
		{name: "help", args: []string{"help"}, code: 0, stdoutHas: "apigexport export [flags] [FILE...]"},
		{name: "version", args: []string{"version"}, code: 0, stdoutHas: "apigexport "},
		{name: "validate needs files", args: []string{"validate"}, code: 2, stderr: "apigexport: validate needs at least one FILE (- for stdin)\n"},
		{name: "validate golden", args: []string{"validate", "../../testdata/golden/sample-all.json", "../../testdata/golden/sample-all.yaml"}, code: 0, stdout: ""},
		{name: "validate broken", stdin: "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {default: {description: d}}\n",
			args: []string{"validate", "-"}, code: 1, stdoutHas: `<stdin>: error path-param-undeclared /paths/~1a~1{id}: path parameter {id} has no parameter definition`},
		{name: "validate unreadable", stdin: "{not json", args: []string{"validate", "-"}, code: 1, stdoutHas: "<stdin>: error unreadable /: invalid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, c.code, stderr)
			}
			switch {
			case c.stdoutHas != "":
				if !strings.Contains(stdout, c.stdoutHas) {
					t.Errorf("stdout does not contain %q:\n%s", c.stdoutHas, stdout)
				}
			case stdout != c.stdout:
				t.Errorf("stdout:\n%s\nwant:\n%s", head(stdout), head(c.stdout))
			}
			switch {
			case c.stderrHas != "":
				if !strings.Contains(stderr, c.stderrHas) {
					t.Errorf("stderr does not contain %q:\n%s", c.stderrHas, stderr)
				}
			case stderr != c.stderr:
				t.Errorf("stderr %q, want %q", stderr, c.stderr)
			}
		})
	}
}

func head(s string) string {
	if len(s) > 400 {
		return s[:400] + "..."
	}
	return s
}

func TestExportToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "doc.yaml")
	code, stdout, stderr := runCmd("", "export", "-sample", "-env", "RELEASE", "-define", "all", "-type", "yaml", "-o", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, golden(t, "sample-all.yaml")) {
		t.Error("the written file differs from the golden")
	}
	// A failed export leaves neither a file nor a temporary one.
	dir := t.TempDir()
	failed := filepath.Join(dir, "failed.json")
	if code, _, _ := runCmd("", "export", "-sample", "-define", "all", "-o", failed); code != 1 {
		t.Fatalf("code %d, want 1", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left %v", entries)
	}
}

func TestValidateJSON(t *testing.T) {
	code, stdout, _ := runCmd("swagger: '3.0'\n", "validate", "-json", "-")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	var findings []map[string]string
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if len(findings) == 0 || findings[0]["file"] != "<stdin>" || findings[0]["severity"] != "error" || findings[0]["code"] == "" {
		t.Errorf("findings: %v", findings)
	}
	code, stdout, _ = runCmd("", "validate", "-json", "../../testdata/golden/sample-dev.json")
	if code != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Errorf("clean file: code %d, stdout %q", code, stdout)
	}
}

// TestValidateCorpus: validate reports findings for every broken document
// of testdata/mutations, none for the goldens, and on the gateway's own
// examples it gives go-openapi/validate's verdict.
func TestValidateCorpus(t *testing.T) {
	mutations, _ := filepath.Glob("../../testdata/mutations/*.json")
	if len(mutations) < 40 {
		t.Fatalf("%d mutations, want at least 40", len(mutations))
	}
	for _, m := range mutations {
		code, stdout, stderr := runCmd("", "validate", m)
		if stdout == "" || stderr != "" || (code != 0 && code != 1) {
			t.Errorf("%s: exit %d, no findings or stderr %q", m, code, stderr)
		}
	}
	goldens, _ := filepath.Glob("../../testdata/golden/*")
	for _, g := range goldens {
		if code, stdout, _ := runCmd("", "validate", g); code != 0 || stdout != "" {
			t.Errorf("%s: exit %d, findings %s", g, code, stdout)
		}
	}
	examples, _ := filepath.Glob("../../testdata/examples/*.yaml")
	more, _ := filepath.Glob("../../testdata/examples/apig-*-export-*.json")
	for _, e := range append(examples, more...) {
		if strings.HasSuffix(e, ".bundle.json") {
			continue
		}
		doc, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		_, ref, err := engine.CompareValidators(doc)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if engine.HasErrors(ref) {
			want = 1
		}
		if code, stdout, _ := runCmd("", "validate", e); code != want {
			t.Errorf("%s: exit %d, go-openapi/validate's verdict is %d:\n%s", e, code, want, stdout)
		}
	}
}

// TestImportCommand: import then export gives the golden back, through
// files, with the environment by name; a file the gateway would refuse
// exits 1 with its findings and writes nothing.
func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle.json")
	doc := filepath.Join("..", "..", "testdata", "golden", "sample-test-all.json")
	code, out, errOut := runCmd("", "import", "-env", "TEST", "-o", bundle, doc)
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runCmd("", "export", "-env", "TEST", "-define", "all", "-version", "1.0.0", bundle)
	if code != 0 || out != string(golden(t, "sample-test-all.json")) {
		t.Errorf("export of the import: exit %d, stderr %q, %d bytes, not the golden", code, errOut, len(out))
	}
	// stdin to stdout, YAML in.
	code, out, _ = runCmd(string(golden(t, "sample-all.yaml")), "import", "-")
	if code != 0 || !strings.HasPrefix(out, "{\n\t\"groups\": [") {
		t.Errorf("import from stdin: exit %d, %.100q", code, out)
	}
	// A spec export imports with warnings.
	code, _, errOut = runCmd("", "import", filepath.Join("..", "..", "testdata", "golden", "sample-spec.json"))
	if code != 0 || !strings.Contains(errOut, "sample-spec.json: warning import-mock-backend /paths/~1health/get: ") {
		t.Errorf("spec: exit %d, stderr %q", code, errOut)
	}
	// Refused: exit 1, the finding on stderr, no file.
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "none.json")
	code, out, errOut = runCmd("", "import", "-o", target, bad)
	if code != 1 || out != "" || errOut != bad+": error import-version /openapi: OpenAPI 3 documents are not imported yet; the Swagger file version must be 2.0\n" {
		t.Errorf("refused: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Error("a refused import wrote a file")
	}
	if code, _, _ = runCmd("", "import"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	if code, _, errOut = runCmd("", "import", filepath.Join(dir, "nosuch.yaml")); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
}

// TestImportJSON: import -json prints the findings to stderr as a JSON
// array, whose pointers stay whole when they hold spaces; the bundle still
// goes to stdout, and an unreadable file is a finding too.
func TestImportJSON(t *testing.T) {
	doc := `swagger: "2.0"
info: {title: shop, version: "1"}
securityDefinitions:
  OAuth2 Application: {type: oauth2, flow: application, tokenUrl: "https://auth.example.com/token", scopes: {}}
paths:
  /a:
    get:
      operationId: a
      schemes: [https]
      security: [{OAuth2 Application: []}]
      responses: {default: {description: d}}
      x-apigateway-backend: {type: MOCK, mockEndpoints: {result-content: ok}}
`
	decode := func(s string) []map[string]string {
		t.Helper()
		var fs []map[string]string
		if err := json.Unmarshal([]byte(s), &fs); err != nil {
			t.Fatalf("stderr is not a JSON array of findings: %v\n%s", err, s)
		}
		return fs
	}
	code, out, errOut := runCmd(doc, "import", "-json", "-")
	fs := decode(errOut)
	if code != 1 || out != "" || len(fs) == 0 {
		t.Fatalf("exit %d, stdout %q, findings %v", code, out, fs)
	}
	want := map[string]string{"file": "<stdin>", "severity": "error", "code": "import-security", "path": "/paths/~1a/get/security/0/OAuth2 Application"}
	found := false
	for _, f := range fs {
		if f["code"] == want["code"] {
			found = f["file"] == want["file"] && f["severity"] == want["severity"] && f["path"] == want["path"] && f["message"] != ""
		}
	}
	if !found {
		t.Errorf("no finding %v in %v", want, fs)
	}
	// A clean import: an empty array, and the bundle on stdout.
	code, out, errOut = runCmd("", "import", "-json", filepath.Join("..", "..", "testdata", "golden", "sample-all.json"))
	if code != 0 || !strings.HasPrefix(out, "{\n\t\"groups\": [") || errOut != "[]\n" {
		t.Errorf("clean import: exit %d, stderr %q, stdout %.40q", code, errOut, out)
	}
	// Unreadable, and a key given twice: findings as validate -json has them.
	for _, c := range []struct{ doc, code, path string }{
		{"{not json", "unreadable", ""},
		{`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {}, "/a": {}}}`, "duplicate-key", "/paths/~1a"},
	} {
		code, out, errOut = runCmd(c.doc, "import", "-json", "-")
		fs := decode(errOut)
		if code != 1 || out != "" || len(fs) != 1 || fs[0]["code"] != c.code || fs[0]["path"] != c.path {
			t.Errorf("%s: exit %d, stdout %q, findings %v", c.code, code, out, fs)
		}
		code, out, _ = runCmd(c.doc, "validate", "-json", "-")
		if vs := decode(out); code != 1 || len(vs) != 1 || vs[0]["code"] != c.code || vs[0]["path"] != c.path {
			t.Errorf("validate %s: exit %d, findings %v", c.code, code, vs)
		}
	}
}
