package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestBinary builds the real command and runs it as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "apigexport")
	// Stamped as make build stamps it.
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-trimpath",
		"-ldflags=-X github.com/apigexport/apigexport/internal/version.stamp=v9.9.9-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	exe := func(stdin []byte, args ...string) (int, []byte, []byte) {
		cmd := exec.Command(bin, args...)
		cmd.Stdin = bytes.NewReader(stdin)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), out.Bytes(), errOut.Bytes()
	}

	// The README's first command, with a fixed version.
	code, out, errOut := exe(nil, "export", "-sample", "-env", "RELEASE", "-define", "all", "-version", "2026-11-27-09:30:00")
	if code != 0 || len(errOut) != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !bytes.Equal(out, golden(t, "sample-all.json")) {
		t.Error("the binary's export differs from the golden")
	}

	// Without -version the document carries the current time.
	code, out, _ = exe(nil, "export", "-sample", "-env", "RELEASE")
	if code != 0 || !bytes.Contains(out, []byte(`"version": "20`)) {
		t.Errorf("exit %d, no current-time version in %.200s", code, out)
	}

	// A bundle file and YAML to a file.
	dir := t.TempDir()
	bundle := filepath.Join("..", "..", "testdata", "examples", "apig-async-export-all.bundle.json")
	doc := filepath.Join(dir, "out.yml")
	code, _, errOut = exe(nil, "export", "-env", "RELEASE", "-define", "all", "-type", "yml", "-version", "v", "-o", doc, bundle)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if code, out, errOut = exe(nil, "validate", doc); code != 0 || len(out) != 0 {
		t.Errorf("validate of the export: exit %d, %s %s", code, out, errOut)
	}

	// An OpenAPI 3.0 file of the gateway's imports, and its bundle
	// exports (as Swagger 2.0) to a valid document with its API.
	imported := filepath.Join(dir, "oas3.bundle.json")
	oas3 := filepath.Join("..", "..", "testdata", "examples", "import-oas3-http-vpc.yaml")
	if code, out, errOut = exe(nil, "import", "-o", imported, oas3); code != 0 || len(out) != 0 || len(errOut) != 0 {
		t.Errorf("import of OpenAPI 3.0: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	again := filepath.Join(dir, "oas3.json")
	if code, _, errOut = exe(nil, "export", "-env", "RELEASE", "-define", "all", "-version", "1.0", "-o", again, imported); code != 0 {
		t.Errorf("export of the OpenAPI 3.0 import: exit %d: %s", code, errOut)
	} else if code, out, errOut = exe(nil, "validate", again); code != 0 || len(out) != 0 {
		t.Errorf("validate of that export: exit %d, %s %s", code, out, errOut)
	} else if data, _ := os.ReadFile(again); !bytes.Contains(data, []byte(`"operationId": "userOperation"`)) || !bytes.Contains(data, []byte(`"name": "userVpc"`)) {
		t.Errorf("the export lacks the 3.0 file's API: %.300s", data)
	}

	// OpenAPI 3.0: the gateway's sample is valid but for its response key
	// default-cors (docs/openapi3-validity.md), with and without -strict.
	sample := filepath.Join("..", "..", "testdata", "examples", "import-oas3-http-vpc.yaml")
	for _, args := range [][]string{{"validate", sample}, {"validate", "-strict", sample}} {
		if code, out, errOut = exe(nil, args...); code != 0 || len(out) != 0 || len(errOut) != 0 {
			t.Errorf("%v: exit %d, %s %s", args, code, out, errOut)
		}
	}
	sample = filepath.Join("..", "..", "testdata", "examples", "import-oas3-mock.yaml")
	for _, args := range [][]string{{"validate", sample}, {"validate", "-strict", sample}} {
		if code, out, _ = exe(nil, args...); code != 1 || !bytes.Contains(out, []byte("error schema-forbidden-property /paths/~1mock/get/responses/default-cors")) {
			t.Errorf("%v: exit %d, %s", args, code, out)
		}
	}

	// Failure and usage exit codes, on stderr.
	if code, out, errOut = exe(nil, "export", "-sample", "-define", "all"); code != 2 || len(out) != 0 || string(errOut) != envIDMissing {
		t.Errorf("env_id missing: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut = exe(nil, "export", "-nosuchflag"); code != 2 || !bytes.Contains(errOut, []byte("Usage: apigexport export")) {
		t.Errorf("bad flag: exit %d, stderr %q", code, errOut)
	}
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"apis": [{"id": 1}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut = exe(nil, "export", broken); code != 1 || !bytes.Contains(errOut, []byte(broken+": apis[0].id: expected a string, got a number")) {
		t.Errorf("broken bundle: exit %d, stderr %q", code, errOut)
	}

	// The version, as make build stamps it; help on stdout.
	if code, out, errOut = exe(nil, "--version"); code != 0 || string(out) != "apigexport v9.9.9-test\n" || len(errOut) != 0 {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, errOut = exe(nil, "help", "export"); code != 0 || !bytes.HasPrefix(out, []byte("Usage: apigexport export")) || len(errOut) != 0 {
		t.Errorf("help export: exit %d, stdout %.40q, stderr %q", code, out, errOut)
	}

	// Stdin that is not a terminal is read without a word; the null
	// device is no terminal either.
	if code, _, errOut = exe([]byte("{}"), "export", "-define", "dev"); code != 1 || bytes.Contains(errOut, []byte("reading standard input")) {
		t.Errorf("stdin from a pipe: exit %d, stderr %q", code, errOut)
	}
	null := exec.Command(bin, "export", "-define", "dev")
	nullErr, _ := null.CombinedOutput() // Stdin nil: the null device
	if want := "apigexport: <stdin>: empty; expected a bundle, the gateway's JSON (or YAML) model of an API group\n"; string(nullErr) != want {
		t.Errorf("stdin from %s: %q, want %q", os.DevNull, nullErr, want)
	}
	testTerminalStdin(t, bin)
}
