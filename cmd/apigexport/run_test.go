package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/internal/version"
	"github.com/apigexport/apigexport/model/sample"
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
	envIDMissing     = "apigexport: -env: needed for -define all (only dev exports without one); the bundle's environments: RELEASE (DEFAULT_ENVIRONMENT_RELEASE_ID), TEST (5e0b7a2c9d3f4a18b6c4e1f2a3b4c5d6) (APIG.2001)\n"
	sampleEnvs       = "RELEASE (DEFAULT_ENVIRONMENT_RELEASE_ID), TEST (5e0b7a2c9d3f4a18b6c4e1f2a3b4c5d6)"
	sampleAPIs       = "CancelOrder, CreateOrder, Echo, EchoPost, Files, GetOrder, GetProduct, GetReport, HealthCheck, ListProducts, PatchBetaFeature, SearchProducts, UpdateProduct"
	swaggerNotBundle = `: a Swagger/OpenAPI document, not a bundle: export reads the gateway's model of an API group; check the document with "apigexport validate %[1]s", or turn it into a bundle with "apigexport import %[1]s"` + "\n"
)

// TestRun: every message of the command, its stream and exit code.
func TestRun(t *testing.T) {
	sampleAll := string(golden(t, "sample-all.json"))
	dir := t.TempDir()
	swaggerJSON := filepath.Join("..", "..", "testdata", "golden", "sample-all.json")
	swaggerYAML := filepath.Join("..", "..", "testdata", "golden", "sample-all.yaml")
	yamlBundle := filepath.Join(dir, "bundle.yaml")
	if err := os.WriteFile(yamlBundle, []byte("groups:\n  - id: g1\n    name: tiny\napis:\n  - id: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	grpc := filepath.Join(dir, "grpc.json")
	if err := os.WriteFile(grpc, bytes.Replace(sample.Bundle, []byte(`"req_protocol": "HTTPS"`), []byte(`"req_protocol": "GRPCS"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
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
		{name: "oas 3.0", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "all", "-oas", "3.0", "-version", "2026-11-27-09:30:00"},
			stdout: string(golden(t, "sample-all.oas3.json"))},
		{name: "oas 3.0 yaml", args: []string{"export", "-sample", "-define", "dev", "-type", "yaml", "-oas", "3.0", "-version", "2026-11-27-09:30:00"},
			stdout: string(golden(t, "sample-dev.oas3.yaml"))},
		{name: "oas 2.0", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "all", "-oas", "2.0"}, stdout: sampleAll},

		// Flags: the flag, its valid values, the gateway's code; exit 2.
		{name: "env missing lists the environments", args: []string{"export", "-sample", "-define", "all"}, code: 2, stderr: envIDMissing},
		{name: "env missing, default define", args: []string{"export", "-sample"}, code: 2,
			stderr: "apigexport: -env: needed for -define spec (only dev exports without one); the bundle's environments: " + sampleEnvs + " (APIG.2001)\n"},
		{name: "define invalid", args: []string{"export", "-sample", "-env", "RELEASE", "-define", "everything"}, code: 2,
			stderr: "apigexport: -define: \"everything\" is not one of spec, proxy, all, dev (APIG.2012)\n"},
		{name: "define invalid before reading stdin", stdin: "not read", args: []string{"export", "-define", "full"}, code: 2,
			stderr: "apigexport: -define: \"full\" is not one of spec, proxy, all, dev (APIG.2012)\n"},
		{name: "type invalid", args: []string{"export", "-sample", "-env", "RELEASE", "-type", "xml"}, code: 2,
			stderr: "apigexport: -type: \"xml\" is not one of json, yaml, yml (APIG.2012)\n"},
		{name: "oas invalid", args: []string{"export", "-sample", "-env", "RELEASE", "-oas", "3.1"}, code: 2,
			stderr: "apigexport: -oas: \"3.1\" is not one of 2.0, 3.0 (APIG.2012)\n"},
		{name: "version too long", args: []string{"export", "-sample", "-env", "RELEASE", "-version", strings.Repeat("v", 65)}, code: 2,
			stderr: "apigexport: -version: 65 characters, at most 64 (APIG.2012)\n"},
		{name: "resolve vars without env", args: []string{"export", "-sample", "-define", "dev", "-resolve-vars"}, code: 2,
			stderr: "apigexport: -resolve-vars: needs -env, the environment whose variables are used (APIG.2012)\n"},
		{name: "several groups need -group", stdin: `{"groups": [{"id": "g1", "name": "a"}, {"id": "g2", "name": "b"}]}`, args: []string{"export", "-define", "dev"}, code: 2,
			stderr: "apigexport: -group: needed, the bundle has 2 API groups: a (g1), b (g2)\n"},
		{name: "apis names nothing", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", " , "}, code: 2,
			stderr: "apigexport: -apis: no API named; give IDs or names, comma-separated\n"},
		{name: "bad flag", args: []string{"export", "-bogus"}, code: 2, stderrHas: "flag provided but not defined: -bogus\nUsage: apigexport export"},

		// What the bundle does not have: what exists, a suggestion; exit 1.
		{name: "group unknown", args: []string{"export", "-sample", "-group", "nosuch", "-env", "RELEASE"}, code: 1,
			stderr: "apigexport: -group: no API group \"nosuch\" in the bundle; its groups: shop_api (7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01) (APIG.3001)\n"},
		{name: "group in another case", args: []string{"export", "-sample", "-group", "Shop_API", "-env", "RELEASE"}, code: 1,
			stderr: "apigexport: -group: no API group \"Shop_API\" in the bundle; did you mean \"shop_api\"? Its groups: shop_api (7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01) (APIG.3001)\n"},
		{name: "env unknown", args: []string{"export", "-sample", "-env", "PROD"}, code: 1,
			stderr: "apigexport: -env: no environment \"PROD\" in the bundle; its environments: " + sampleEnvs + " (APIG.3003)\n"},
		{name: "env in another case", args: []string{"export", "-sample", "-env", "release"}, code: 1,
			stderr: "apigexport: -env: no environment \"release\" in the bundle; did you mean \"RELEASE\"? Its environments: " + sampleEnvs + " (APIG.3003)\n"},
		{name: "env unknown with dev", args: []string{"export", "-sample", "-define", "dev", "-env", "tes"}, code: 1,
			stderr: "apigexport: -env: no environment \"tes\" in the bundle; did you mean \"TEST\"? Its environments: " + sampleEnvs + " (APIG.3003)\n"},
		{name: "api unknown", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", "a1000000000000000000000000000001,zz,healthcheck"}, code: 1,
			stderr: "apigexport: -apis: no API \"zz\" in group shop_api; its APIs: " + sampleAPIs + " (APIG.3002)\n" +
				"apigexport: -apis: no API \"healthcheck\" in group shop_api; did you mean \"HealthCheck\"? Its APIs: " + sampleAPIs + " (APIG.3002)\n"},
		{name: "apis by ID", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", "a1000000000000000000000000000010"},
			stdoutHas: `"operationId": "HealthCheck"`},
		{name: "apis by name, spaces trimmed", args: []string{"export", "-sample", "-env", "RELEASE", "-apis", " HealthCheck , ListProducts,"},
			stdoutHas: `"operationId": "HealthCheck"`, stderr: ""},
		{name: "api not published anywhere", args: []string{"export", "-sample", "-env", "TEST", "-apis", "a1000000000000000000000000000012"}, code: 1,
			stderr: "apigexport: -apis: API GetReport (a1000000000000000000000000000012) is not published in environment TEST; it is not published in any environment (-define dev exports it)\n"},
		{name: "api published elsewhere", args: []string{"export", "-sample", "-env", "TEST", "-apis", "HealthCheck,CreateOrder"}, code: 1,
			stderr: "apigexport: -apis: API CreateOrder (a1000000000000000000000000000004) is not published in environment TEST; it is published in RELEASE\n"},
		{name: "dev exports unpublished apis", args: []string{"export", "-sample", "-define", "dev", "-apis", "GetReport"},
			stdoutHas: `"operationId": "GetReport"`, stderr: ""},

		// The engine's refusals, in the command line's words.
		{name: "refused API", args: []string{"export", "-env", "RELEASE", grpc}, code: 1,
			stderr: "apigexport: API ListProducts (a1000000000000000000000000000001) uses the GRPCS protocol, which a Swagger 2.0 export cannot express; leave it out with -apis (APIG.2012)\n"},
		{name: "refused API, OpenAPI 3.0", args: []string{"export", "-env", "RELEASE", "-oas", "3.0", grpc}, code: 1,
			stderr: "apigexport: API ListProducts (a1000000000000000000000000000001) uses the GRPCS protocol, which an OpenAPI 3.0 export cannot express; leave it out with -apis (APIG.2012)\n"},
		{name: "refused API left out", args: []string{"export", "-env", "RELEASE", "-apis", "HealthCheck", grpc}, stdoutHas: `"operationId": "HealthCheck"`, stderr: ""},

		// Input.
		{name: "bundle from stdin", stdin: `{"group": {"id": "g1", "name": "tiny"}}`, args: []string{"export", "-define", "dev", "-version", "1"},
			stdoutHas: `"title": "tiny"`, stderr: "apigexport: warning: no API of group tiny was selected: the document has no paths\n"},
		{name: "YAML bundle from stdin", stdin: "group:\n  id: g1\n  name: tiny\n", args: []string{"export", "-define", "dev", "-version", "1"},
			stdoutHas: `"title": "tiny"`, stderr: "apigexport: warning: no API of group tiny was selected: the document has no paths\n"},
		{name: "YAML bundle error names file and path", args: []string{"export", "-define", "dev", yamlBundle}, code: 1,
			stderr: "apigexport: " + yamlBundle + ": apis[0].id: expected a string, got a number\n"},
		{name: "YAML syntax error", stdin: "groups: [\n", args: []string{"export", "-define", "dev"}, code: 1,
			stderrHas: "apigexport: <stdin>: invalid YAML: line "},
		{name: "Swagger JSON given to export", args: []string{"export", "-env", "RELEASE", swaggerJSON}, code: 1,
			stderr: "apigexport: " + swaggerJSON + fmt.Sprintf(swaggerNotBundle, swaggerJSON)},
		{name: "Swagger YAML given to export", args: []string{"export", "-env", "RELEASE", swaggerYAML}, code: 1,
			stderr: "apigexport: " + swaggerYAML + fmt.Sprintf(swaggerNotBundle, swaggerYAML)},
		{name: "empty object", stdin: "{}", args: []string{"export", "-env", "RELEASE"}, code: 1,
			stderr: "apigexport: <stdin>: no API group in the bundle; expected \"group\": {...} or \"groups\": [...] beside the APIs\n"},
		{name: "empty input", stdin: " \n", args: []string{"export", "-define", "dev"}, code: 1,
			stderr: "apigexport: <stdin>: empty; expected a bundle, the gateway's JSON (or YAML) model of an API group\n"},
		{name: "JSON error with line and column", stdin: "{\n  \"groups\": [\n    {\"id\": \"g1\" \"name\": \"a\"}]}", args: []string{"export", "-define", "dev"}, code: 1,
			stderr: "apigexport: <stdin>: groups[0]: invalid JSON at line 3, column 17: invalid character '\"' after object key:value pair\n"},
		{name: "bad bundle names file and path", stdin: `{"groups": [{"id": "g1", "name": 5}]}`, args: []string{"export", "-define", "dev", "-"}, code: 1,
			stderr: "apigexport: <stdin>: groups[0].name: expected a string, got a number\n"},
		{name: "strict", stdin: `{"groups": [{"id": "g1", "name": "n", "x": 1}]}`, args: []string{"export", "-strict", "-define", "dev"}, code: 1,
			stderr: "apigexport: <stdin>: groups[0].x: unknown field (strict mode)\n"},
		{name: "missing file", args: []string{"export", "nosuchfile.json"}, code: 1, stderrHas: "nosuchfile.json: no such file or directory"},

		// Output.
		{name: "-o in a missing folder", args: []string{"export", "-sample", "-env", "RELEASE", "-o", filepath.Join(dir, "nosuch", "doc.json")}, code: 1,
			stderr: "apigexport: -o " + filepath.Join(dir, "nosuch", "doc.json") + ": the folder " + filepath.Join(dir, "nosuch") + " does not exist\n"},
		{name: "-o a folder", args: []string{"export", "-sample", "-env", "RELEASE", "-o", dir}, code: 1,
			stderr: "apigexport: -o " + dir + ": is a directory\n"},
		{name: "import -o in a missing folder", args: []string{"import", "-o", filepath.Join(dir, "nosuch", "b.json"), swaggerJSON}, code: 1,
			stderr: "apigexport: -o " + filepath.Join(dir, "nosuch", "b.json") + ": the folder " + filepath.Join(dir, "nosuch") + " does not exist\n"},

		// Help and version: stdout, exit 0.
		{name: "export -h", args: []string{"export", "-h"}, stdoutHas: "Usage: apigexport export [flags] [FILE...]", stderr: ""},
		{name: "export -help", args: []string{"export", "-sample", "-help"}, stdoutHas: "-define string\n    \tscope: spec, proxy, all, dev", stderr: ""},
		{name: "validate -h", args: []string{"validate", "-h"}, stdoutHas: "Usage: apigexport validate [flags] FILE...", stderr: ""},
		{name: "import -h", args: []string{"import", "-h"}, stdoutHas: "Usage: apigexport import [flags] FILE", stderr: ""},
		{name: "serve -h", args: []string{"serve", "-h"}, stdoutHas: "Usage: apigexport serve -data DIR", stderr: ""},
		{name: "help export", args: []string{"help", "export"}, stdoutHas: "Usage: apigexport export [flags] [FILE...]", stderr: ""},
		{name: "help serve", args: []string{"help", "serve"}, stdoutHas: "Usage: apigexport serve", stderr: ""},
		{name: "help version", args: []string{"help", "version"}, stdoutHas: "apigexport version", stderr: ""},
		{name: "help unknown", args: []string{"help", "frobnicate"}, code: 2,
			stderr: "apigexport: help: unknown command \"frobnicate\"; the commands are export, validate, import, serve, version, help\n"},
		{name: "no command", args: nil, code: 2, stderrHas: "Usage:"},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderrHas: `apigexport: unknown command "frobnicate"`},
		{name: "help", args: []string{"help"}, code: 0, stdoutHas: "apigexport export [flags] [FILE...]"},
		{name: "--help", args: []string{"--help"}, code: 0, stdoutHas: "apigexport export [flags] [FILE...]"},
		{name: "version", args: []string{"version"}, stdout: "apigexport " + version.String() + "\n"},
		{name: "--version", args: []string{"--version"}, stdout: "apigexport " + version.String() + "\n"},
		{name: "-version", args: []string{"-version"}, stdout: "apigexport " + version.String() + "\n"},

		// validate.
		{name: "validate needs files", args: []string{"validate"}, code: 2, stderr: "apigexport: validate needs at least one FILE (- for stdin)\n"},
		{name: "validate golden", args: []string{"validate", "../../testdata/golden/sample-all.json", "../../testdata/golden/sample-all.yaml"}, code: 0, stdout: ""},
		{name: "validate broken", stdin: "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {default: {description: d}}\n",
			args: []string{"validate", "-"}, code: 1, stdoutHas: `<stdin>: error path-param-undeclared /paths/~1a~1{id}: path parameter {id} has no parameter definition`},
		{name: "validate a bundle", args: []string{"validate", "../../model/sample/bundle.json"}, code: 1, stdoutHas: "error schema-required /: swagger is required",
			stderr: "apigexport: ../../model/sample/bundle.json: a bundle (the gateway's model of an API group), not a Swagger document: \"apigexport export ../../model/sample/bundle.json\" exports it\n"},
		{name: "import a bundle", stdin: `{"groups": [{"id": "g1", "name": "tiny"}]}`, args: []string{"import", "-"}, code: 1,
			stderr: "<stdin>: error import-version /swagger: the Swagger file version must be 2.0\n" +
				"apigexport: <stdin>: a bundle (the gateway's model of an API group), not a Swagger document: \"apigexport export -\" exports it\n"},
		{name: "validate OpenAPI 3.0", stdin: "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {default: {description: d}}\n",
			args: []string{"validate", "-"}, code: 1, stdoutHas: `<stdin>: error path-param-undeclared /paths/~1a~1{id}/get: operation GET /a/{id} has no path parameter id`},
		{name: "validate OpenAPI 3.0 -strict", stdin: "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {default: {description: d}}\n",
			args: []string{"validate", "-strict", "-"}, code: 1, stdoutHas: `<stdin>: error openapi-invalid /: `},
		{name: "validate OpenAPI 3.1", stdin: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
			args: []string{"validate", "-"}, code: 1, stdoutHas: `<stdin>: error openapi-version /openapi: openapi is "3.1.0": apigexport validates Swagger 2.0`},
		{name: "validate unreadable", stdin: "{not json", args: []string{"validate", "-"}, code: 1,
			stdout: "<stdin>: error unreadable /: invalid JSON at line 1, column 2: invalid character 'n' looking for beginning of object key string\n"},
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
	if code, _, _ := runCmd("", "export", "-sample", "-env", "PROD", "-o", failed); code != 1 {
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
// of testdata/mutations and testdata/mutations-oas3, none for the
// goldens, and on the gateway's own examples it gives the reference's
// verdict (go-openapi/validate's, or for OpenAPI 3.0 the official schema's
// and kin-openapi's).
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
	oas3, _ := filepath.Glob("../../testdata/mutations-oas3/*.json")
	if len(oas3) < 100 {
		t.Fatalf("%d OpenAPI 3.0 mutations, want the corpus's", len(oas3))
	}
	for _, m := range oas3 {
		code, stdout, stderr := runCmd("", "validate", m)
		valid := strings.HasPrefix(filepath.Base(m), "valid-") || strings.HasPrefix(filepath.Base(m), "accepted-")
		if filepath.Base(m) == "accepted-any-method-only-broken.json" {
			// Valid OpenAPI 3.0, which does not look into an
			// x-apigateway-any-method; the APIG rules do.
			valid = false
			if strings.Count(stdout, " error apig-") != strings.Count(stdout, " error ") {
				t.Errorf("%s: errors other than the APIG rules': %s", m, stdout)
			}
		}
		if stderr != "" || (code == 0) != valid || (!valid && stdout == "") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", m, code, stdout, stderr)
		}
	}
	goldens, _ := filepath.Glob("../../testdata/golden/*")
	for _, g := range goldens {
		if strings.Contains(filepath.Base(g), "oas3") {
			continue // validate reads Swagger 2.0; the OpenAPI 3.0 goldens are kin-openapi's (engine TestGoldenOAS3)
		}
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
		if strings.Contains(e, "oas3") {
			// OpenAPI 3.0: the reference is the official schema and
			// kin-openapi, which ValidateStrict runs.
			ref, err = engine.ValidateStrict(doc)
		}
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
	if err := os.WriteFile(bad, []byte("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "none.json")
	code, out, errOut = runCmd("", "import", "-o", target, bad)
	if code != 1 || out != "" || errOut != bad+": error import-version /openapi: OpenAPI 3.1.0 is not imported: the gateway imports OpenAPI 3.0.x and Swagger 2.0\n" {
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

// TestMultiFileCommands: validate, validate -strict and import read a
// document's relative $refs from the document's own folder, not from the
// working directory; a $ref that leaves the folder is refused by name.
func TestMultiFileCommands(t *testing.T) {
	doc, err := filepath.Abs(filepath.Join("..", "..", "engine", "testdata", "multifile", "api.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	escape, err := filepath.Abs(filepath.Join("..", "..", "engine", "testdata", "multifile-escape", "api.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{"validate", doc}, {"validate", "-strict", doc}} {
		if code, out, errOut := runCmd("", args...); code != 0 || out != "" || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args[:len(args)-1], code, out, errOut)
		}
	}
	if code, out, errOut := runCmd("", "import", doc); code != 0 || !strings.Contains(out, `"name": "GetPet"`) || strings.Contains(errOut, "error") {
		t.Errorf("import: exit %d, stderr %q, stdout %.200q", code, errOut, out)
	}
	for _, args := range [][]string{{"validate", escape}, {"validate", "-strict", escape}} {
		code, out, _ := runCmd("", args...)
		if code != 1 || !strings.Contains(out, "api.yaml: error external-ref /paths/~1a/get/parameters/0/$ref: $ref ../../../../../../etc/passwd#/x leaves the document's folder") {
			t.Errorf("%v: exit %d, stdout %q", args[:len(args)-1], code, out)
		}
	}
	if code, _, errOut := runCmd("", "import", escape); code != 1 || !strings.Contains(errOut, "error import-external-ref /paths/~1b/get/parameters/0/$ref: $ref /etc/passwd#/x is not a relative file path") {
		t.Errorf("import: exit %d, stderr %q", code, errOut)
	}
}

// TestStrictDuplicateSwagger: a JSON document with swagger twice, 2.0 then
// 3.0, gets a finding that says so under -strict (the duplicate key is
// refused before go-openapi, which would dereference nil, reads it).
func TestStrictDuplicateSwagger(t *testing.T) {
	code, out, _ := runCmd(`{"swagger": "2.0", "swagger": "3.0", "info": {"title": "t", "version": "1"}, "paths": {}}`, "validate", "-strict", "-")
	if code != 1 || strings.Contains(out, "runtime error") ||
		!strings.Contains(out, `<stdin>: error duplicate-key /swagger: the key "swagger" is given twice`) {
		t.Errorf("exit %d, stdout %q", code, out)
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
