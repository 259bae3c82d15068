package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
			args: []string{"validate", "-"}, code: 1, stdoutHas: `<stdin>: error swagger-invalid /paths/~1a~1{id}: path param "{id}" has no parameter definition`},
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
