package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The npm package (make npm) as two tools use it: one bundled with esbuild
// (TestPackageBundled), one loading it without a bundler through an import
// map (TestPackageImportMap). Each is a page in testdata/npm, served from a
// project that has installed the tarball; each exports the sample, checks
// a rejection's code and lists the globals it finds that are not its own.

// tarball is make npm's output.
var tarball = filepath.Join("..", "..", "bin", "apigexport-engine.tgz")

// packageResult is what the pages leave in globalThis.result.
type packageResult struct {
	Error    string
	Body     string
	Same     *bool
	Filename string
	Code     string
	Version  string
	Called   string
	Globals  []string
}

// consumer makes a project that has installed the tarball from the file,
// with the files of testdata/npm/page copied in, and returns its folder.
func consumer(t *testing.T, page string) string {
	t.Helper()
	chromium(t) // skip before installing without a browser
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			missingBrowser(t, "no "+tool+" (make deps installs nodejs as root)")
		}
	}
	tgz, err := filepath.Abs(tarball)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tgz); err != nil {
		t.Fatalf("%s is missing: run make npm first", tarball)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "npm", page))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name": "tool", "private": true, "type": "module"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "npm", "install", "--offline", "--no-audit", "--no-fund", "--cache", filepath.Join(dir, ".npm"), tgz)
	return dir
}

func run(t *testing.T, dir, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if e, ok := err.(*exec.ExitError); ok {
			stderr = e.Stderr
		}
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, out, stderr)
	}
	return out
}

// tools installs the package's test tools (wasm/js/tools) and returns
// their paths.
func tools(t *testing.T) (tsc, esbuild string) {
	t.Helper()
	var paths struct{ TSC, ESBuild string }
	out := run(t, ".", "node", filepath.Join("..", "..", "wasm", "js", "tools", "tools.mjs"))
	if err := json.Unmarshal(out, &paths); err != nil {
		t.Fatalf("wasm/js/tools/tools.mjs: %v\n%s", err, out)
	}
	return paths.TSC, paths.ESBuild
}

// openTool serves dir on loopback, opens path in Chromium and returns what
// the page leaves in globalThis.result.
func openTool(t *testing.T, dir, path string) packageResult {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	ctx := newBrowser(t, time.Minute)
	var res packageResult
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+path),
		chromedp.Poll("globalThis.result", &res, chromedp.WithPollingTimeout(45*time.Second)),
	); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	if res.Error != "" {
		t.Fatalf("the tool failed: %s", res.Error)
	}
	return res
}

func checkTool(t *testing.T, res packageResult, code string) {
	t.Helper()
	if want := string(golden(t, "sample-all.yaml")); res.Body != want {
		t.Errorf("the export is not the golden sample-all.yaml:\n%s", res.Body)
	}
	if want := "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml"; res.Filename != want {
		t.Errorf("filename %q, want %q", res.Filename, want)
	}
	if res.Code != code {
		t.Errorf("the rejection says %q, want %q", res.Code, code)
	}
	if res.Version == "" {
		t.Error("no version")
	}
	if len(res.Globals) != 0 {
		t.Errorf("the package left globals behind: %q", res.Globals)
	}
}

func TestPackageBundled(t *testing.T) {
	dir := consumer(t, "bundled")
	_, esbuild := tools(t)
	run(t, dir, "node", esbuild, "app.js", "--bundle", "--format=esm", "--platform=browser", "--outfile=dist/app.js", "--log-level=warning")
	// esbuild copies no assets: the tool puts the module beside its bundle,
	// where the package looks for it (its README says so).
	wasm, err := os.ReadFile(filepath.Join(dir, "node_modules", "@apigexport", "engine", "apigexport.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dist", "apigexport.wasm"), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	res := openTool(t, dir, "/index.html")
	checkTool(t, res, "APIG.2012 400 define")
}

func TestPackageImportMap(t *testing.T) {
	dir := consumer(t, "importmap")
	res := openTool(t, dir, "/index.html")
	checkTool(t, res, "APIG.2001 400 env_id")
	if want := "13 true true bundle nothing is kept"; res.Called != want {
		t.Errorf("the tool's worker answered %q, want %q (its function's count, the module's version, its own refusal)", res.Called, want)
	}
	if res.Same == nil || !*res.Same {
		t.Error("the worker's engine and the page's do not export the same document")
	}
}
