// Package e2e drives Debian's Chromium through the page that apigexport
// serve serves: a module of its own (which uses the library's bundle
// generator through a replace directive), so that the browser driver never
// becomes a dependency of the library. Run it with make test (after make
// wasm). A test whose browser is missing (Chromium: /usr/bin/chromium or
// $CHROMIUM; Firefox: /usr/bin/firefox-esr or $FIREFOX) is skipped with the
// reason, or fails when APIGEXPORT_REQUIRE_BROWSERS is set, as in CI.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/apigexport/apigexport/model/sample"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

var screenshot = flag.String("screenshot", "", "also save a screenshot of the page with an export to this PNG file")

// requireBrowsers is set in CI (.ci/run sets APIGEXPORT_REQUIRE_BROWSERS=1):
// there a browser test whose browser is missing fails instead of being
// skipped, so that CI cannot pass without running them all.
var requireBrowsers = os.Getenv("APIGEXPORT_REQUIRE_BROWSERS") != ""

// browserPath finds a browser: the environment variable env when it is set
// (then only there, so that env=/nonexistent stands for a machine without
// the browser), else the first of candidates that exists (a path, or a
// name looked up on PATH). Without one, the test is skipped, naming the
// browser and how to get it, or fails under APIGEXPORT_REQUIRE_BROWSERS.
func browserPath(t *testing.T, name, env string, candidates ...string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if isExecutable(p) {
			return p
		}
		missingBrowser(t, fmt.Sprintf("%s=%s: no %s there", env, p, name))
		return ""
	}
	for _, c := range candidates {
		if !strings.Contains(c, "/") {
			if p, err := exec.LookPath(c); err == nil {
				return p
			}
		} else if isExecutable(c) {
			return c
		}
	}
	missingBrowser(t, fmt.Sprintf("no %s (looked for %s; make deps installs it as root, or set %s to its binary)",
		name, strings.Join(candidates, ", "), env))
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// missingBrowser skips the test with reason, or fails it when CI requires
// every browser test to run.
func missingBrowser(t *testing.T, reason string) {
	t.Helper()
	if requireBrowsers {
		t.Fatalf("%s, and APIGEXPORT_REQUIRE_BROWSERS is set: browser tests must run here", reason)
	}
	t.Skipf("browser missing, test skipped: %s", reason)
}

func chromium(t *testing.T) string {
	t.Helper()
	return browserPath(t, "Chromium", "CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium", "chromium-browser")
}

// newBrowser starts headless Chromium as this machine needs it (root, no
// sandbox, no background networking) and returns its context.
// leftProfiles are the Chromium profiles that a helper process was still
// writing to when their test ended; TestMain removes them once every test
// has run.
var leftProfiles sync.Map

func TestMain(m *testing.M) {
	code := m.Run()
	leftProfiles.Range(func(dir, _ any) bool {
		if err := os.RemoveAll(dir.(string)); err != nil {
			fmt.Fprintf(os.Stderr, "Chromium's profile is left: %v\n", err)
		}
		return true
	})
	os.Exit(code)
}

func newBrowser(t *testing.T, timeout time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	// Not t.TempDir: when the browser is stopped, its helper processes
	// (the network service) can outlive it for a moment and go on writing
	// to the profile, and t.TempDir's cleanup fails the test on a folder
	// that is not yet empty. What is left then is removed at the end.
	profile, err := os.MkdirTemp("", "apigexport-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if os.RemoveAll(profile) != nil {
			leftProfiles.Store(profile, true) // TestMain tries again
		}
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelTimeout)
	return ctx
}

// serve builds apigexport and starts "apigexport serve" on a free loopback
// port, returning its base URL.
func serve(t *testing.T) string {
	chromium(t) // the tests that serve drive Chromium: skip before building without it
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "web", "apigexport.wasm")); err != nil {
		t.Fatal("web/apigexport.wasm is missing: run make wasm first")
	}
	bin := filepath.Join(t.TempDir(), "apigexport")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "./cmd/apigexport")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "-insecure", "-addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	// The server logs one JSON line per event; the first "serving" line has
	// the address.
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		var entry struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "serving" {
			go func() {
				for lines.Scan() {
				}
			}()
			return entry.Addr
		}
	}
	t.Fatal("apigexport serve stopped before serving")
	return ""
}

func golden(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "golden", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sampleRows are the operations table's rows for the sample's define=all
// export, Swagger 2.0 and OpenAPI 3.0 alike: one row each, in the
// document's order, with its authentication, backend and policies.
var sampleRows = []string{
	"POST | /echo | EchoPost | NONE | MOCK | — | — | none",
	"ANY | /echo | Echo | NONE | MOCK | — | — | none",
	"ANY | /files/{path+} | Files | APP | HTTP-VPC | — | — | none",
	"GET | /health | HealthCheck | NONE | MOCK | — | — | none",
	"POST | /orders | CreateOrder | IAM | FUNCTION | orders_limit | block_abusers | none",
	"GET | /orders/{order_id} | GetOrder | AUTHORIZER: shop_token_auth | HTTP | orders_limit | block_abusers | none",
	"GET | /products | ListProducts | APP | HTTP | catalogue_limit | — | none",
	"GET | /products/{product_id} | GetProduct | APP+AppCode | HTTP-VPC | — | — | none",
	"PUT | /products/{product_id} | UpdateProduct | APP | HTTP | — | partners_only | none",
	"GET | /search | SearchProducts | NONE | FUNCTION | catalogue_limit | — | none",
}

func TestPage(t *testing.T) {
	base := serve(t)
	baseURL, _ := url.Parse(base)
	downloads := t.TempDir()

	ctx := newBrowser(t, time.Minute, chromedp.WindowSize(1280, 1600))

	// Every request the page makes, to check that it talks to nothing but
	// its own server, and the download's completion.
	var mu sync.Mutex
	var requested []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	})
	dl := watchDownloads(t, ctx)
	if err := chromedp.Run(ctx,
		network.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(base),
		chromedp.WaitVisible("#engine-status"),
		waitText("#engine-status", "Engine ready"),
	); err != nil {
		t.Fatalf("loading the page: %v", err)
	}

	// Chromium asks for the module with br and gets the brotli copy, which
	// it decodes to the module: as the page's worker fetches it.
	var got struct {
		Encoding string
		Decoded  int
		Encoded  int
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(async () => {
		const url = new URL("apigexport.wasm", location.href).href;
		const res = await fetch(url, { cache: "no-store" });
		const decoded = (await res.arrayBuffer()).byteLength;
		const entry = performance.getEntriesByName(url).at(-1);
		return { Encoding: res.headers.get("content-encoding") ?? "", Decoded: decoded, Encoded: entry ? entry.encodedBodySize : -1 };
	})()`, &got, awaitPromise)); err != nil {
		t.Fatalf("fetching the module: %v", err)
	}
	module, errModule := os.Stat(filepath.Join("..", "apigexport.wasm"))
	br, errBr := os.Stat(filepath.Join("..", "apigexport.wasm.br"))
	if errModule != nil || errBr != nil {
		t.Fatal(errModule, errBr)
	}
	if got.Encoding != "br" || got.Decoded != int(module.Size()) || got.Encoded != int(br.Size()) {
		t.Errorf("the module reached Chromium as %+v, want br, %d bytes decoded from %d", got, module.Size(), br.Size())
	}

	// Load the sample and export define=all as YAML.
	var output, info string
	if err := chromedp.Run(ctx,
		chromedp.Click("#load-sample"),
		waitText("#bundle-info", "1 group(s)"),
		chromedp.SetValue("#define", "all"),
		chromedp.SetValue("#type", "yaml"),
		chromedp.SetValue("#version", "2026-11-27-09:30:00"),
		chromedp.Click("#export"),
		waitText("#result-info", "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml"),
		waitIdle(),
		chromedp.Text("#result-info", &info),
		chromedp.TextContent("#output", &output),
	); err != nil {
		t.Fatalf("exporting: %v", err)
	}
	if output != string(golden(t, "sample-all.yaml")) {
		t.Errorf("the page shows a document that differs from testdata/golden/sample-all.yaml (%s)", info)
	}

	// Beside the text, the operations: one row each, in the document's
	// order, with its authentication, backend and policies.
	var rows []string
	var summaryInfo, previewInfo string
	if err := chromedp.Run(ctx,
		chromedp.Text("#summary-info", &summaryInfo),
		chromedp.Text("#preview-info", &previewInfo),
		chromedp.Evaluate(`[...document.querySelectorAll("#summary-body [role=row]")].sort((a, b) => a.ariaRowIndex - b.ariaRowIndex)
			.map((r) => [...r.querySelectorAll("[role=cell]")].map((c) => c.textContent).join(" | "))`, &rows),
	); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows, "\n") != strings.Join(sampleRows, "\n") {
		t.Errorf("operations table:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(sampleRows, "\n"))
	}
	if want := "10 operation(s). Valid Swagger 2.0; the APIG rules hold."; summaryInfo != want {
		t.Errorf("summary %q, want %q", summaryInfo, want)
	}
	if want := "The whole document: 575 lines, 15.9 KB."; previewInfo != want {
		t.Errorf("preview note %q, want %q", previewInfo, want)
	}
	if *screenshot != "" {
		var png []byte
		// A viewport tall enough for the form, the table and the start
		// of the text: the preview lays out only what is in view.
		if err := chromedp.Run(ctx,
			chromedp.EmulateViewport(1280, 2200),
			chromedp.Evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`, nil, awaitPromise),
			chromedp.CaptureScreenshot(&png),
			chromedp.EmulateViewport(1280, 1600),
		); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Download it: the file has the engine's name and the same bytes.
	if err := chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Click("#download"),
	); err != nil {
		t.Fatal(err)
	}
	select {
	case guid := <-dl.done:
		got, err := os.ReadFile(filepath.Join(downloads, guid))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, golden(t, "sample-all.yaml")) {
			t.Error("the downloaded file differs from the golden")
		}
		// Chromium turns the ':' of the engine's name into '_'.
		if got, want := dl.name(), "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml"; got != want {
			t.Errorf("downloaded as %q, want %q", got, want)
		}
	case <-ctx.Done():
		t.Fatal("the download did not complete")
	}

	// A broken bundle: the error shows by the bundle, not in the console.
	var bundleErr string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("details").open = true`, nil),
		chromedp.SetValue("#paste", `{"groups": [{"id": "g1", "name": 42}]}`),
		chromedp.Click("#use-paste"),
		chromedp.WaitVisible("#error-bundle"),
		chromedp.Text("#error-bundle", &bundleErr),
	); err != nil {
		t.Fatalf("loading a broken bundle: %v", err)
	}
	if want := "the pasted JSON: groups[0].name: expected a string, got a number"; !strings.Contains(bundleErr, want) {
		t.Errorf("bundle error %q does not say %q", bundleErr, want)
	}
	// and the document exported from the bundle before is gone.
	var cleared bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("#copy").disabled && document.querySelector("#download").disabled &&
		document.querySelector("#output").textContent === "" && document.querySelector("#summary").hidden &&
		document.querySelector("#result-info").textContent === "Nothing exported yet."`, &cleared)); err != nil {
		t.Fatal(err)
	}
	if !cleared {
		t.Error("after a failed load, the document exported before is still shown or can be copied")
	}

	// Ticking APIs through the filter exports only those.
	var ticked, only string
	if err := chromedp.Run(ctx,
		chromedp.Click("#load-sample"),
		waitText("#bundle-info", "1 group(s)"),
		chromedp.SendKeys("#apis-filter", "get order"),
		waitText("#apis-count", "1 of 13"),
		chromedp.Click("#apis-all"),
		waitText("#apis-count", "1 ticked"),
		chromedp.Text("#apis-count", &ticked),
		chromedp.SetValue("#version", "2026-11-27-09:30:00"),
		chromedp.Click("#export"),
		waitText("#summary-info", "operation(s)"),
		waitIdle(),
		chromedp.Text("#summary-info", &only),
	); err != nil {
		t.Fatalf("exporting ticked APIs: %v", err)
	}
	if want := "1 of 13 API(s) shown; 1 ticked: the export has only those."; ticked != want {
		t.Errorf("API count %q, want %q", ticked, want)
	}
	if !strings.HasPrefix(only, "1 operation(s).") {
		t.Errorf("the export of 1 ticked API: %q", only)
	}

	// An export error shows by its field.
	var envErr string
	if err := chromedp.Run(ctx,
		chromedp.Click("#load-sample"),
		waitText("#bundle-info", "1 group(s)"),
		chromedp.SetValue("#version", strings.Repeat("v", 64)+"x"),
		chromedp.Evaluate(`document.querySelector("#version").removeAttribute("maxlength")`, nil),
		chromedp.SetValue("#version", strings.Repeat("v", 65)),
		chromedp.Click("#export"),
		chromedp.WaitVisible("#error-version"),
		chromedp.Text("#error-version", &envErr),
	); err != nil {
		t.Fatalf("exporting with a bad version: %v", err)
	}
	if !strings.Contains(envErr, "APIG.2012: Invalid parameter value,parameterName:version") {
		t.Errorf("version error: %q", envErr)
	}

	// A finding shows on its operation's row: a required parameter with a
	// default is a warning on CreateOrder.
	b, err := model.Load([]model.File{{Name: "sample", Data: sample.Bundle}}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.APIs {
		for j := range b.APIs[i].ReqParams {
			if b.APIs[i].Name == "CreateOrder" && b.APIs[i].ReqParams[j].Name == "X-Region" {
				b.APIs[i].ReqParams[j].Required = 1
			}
		}
	}
	warned, err := model.Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	var summaryWarn, finding, detail string
	var flagged []string
	warnCtx, cancelWarn := context.WithTimeout(ctx, 30*time.Second)
	defer cancelWarn()
	if err := chromedp.Run(warnCtx,
		chromedp.SetValue("#version", "2026-11-27-09:30:00"),
		chromedp.SetValue("#paste", string(warned)),
		chromedp.Click("#use-paste"),
		waitText("#bundle-info", "the pasted JSON: 1 group(s)"),
		chromedp.Click("#export"),
		waitText("#summary-info", "operation(s)"),
		waitIdle(),
		chromedp.Text("#summary-info", &summaryWarn),
		chromedp.Evaluate(`[...document.querySelectorAll("#summary-body .has-warning")].map((r) => r.children[2].textContent)`, &flagged),
		chromedp.Text("#summary-body .has-warning .finding", &finding),
		chromedp.Click("#summary-body .has-warning .finding"),
		chromedp.WaitVisible("#summary-detail"),
		chromedp.Text("#summary-detail", &detail),
	); err != nil {
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`["bundle-info", "error-bundle", "result-info", "summary-info", "error-request", "error-version"].map((id) => id + ": " + document.getElementById(id).textContent).join("\n")`, &state))
		t.Fatalf("exporting a bundle with a warning: %v\n%s", err, state)
	}
	if want := "10 operation(s). 1 finding(s), 0 of them errors; 1 operation(s) have some, shown on their rows."; summaryWarn != want {
		t.Errorf("summary %q, want %q", summaryWarn, want)
	}
	if len(flagged) != 1 || flagged[0] != "CreateOrder" || finding != "1 warning: required-with-default" ||
		!strings.Contains(detail, "warning required-with-default /paths/~1orders/post/parameters/") {
		t.Errorf("rows with findings %v, cell %q, detail %q", flagged, finding, detail)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requested) == 0 {
		t.Fatal("no request was seen")
	}
	for _, u := range requested {
		p, err := url.Parse(u)
		if err != nil {
			t.Errorf("request to %q", u)
			continue
		}
		if p.Scheme == "blob" || p.Scheme == "data" {
			continue
		}
		if p.Host != baseURL.Host {
			t.Errorf("the page requested %s, which is not its own server", u)
		}
	}
}

// waitIdle waits until the page has no work under way (it checks the
// exported document after showing it, with the buttons disabled).
func waitIdle() chromedp.Action {
	return chromedp.Poll(`!document.body.hasAttribute("aria-busy")`, nil, chromedp.WithPollingTimeout(time.Minute))
}

// waitText waits until the element's text contains want.
func waitText(sel, want string) chromedp.Action {
	return chromedp.Poll(`(document.querySelector(`+jsString(sel)+`)?.textContent || "").includes(`+jsString(want)+`)`, nil,
		chromedp.WithPollingTimeout(time.Minute))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestLargeBundle: a 1,000-API bundle exports in the page, and the page's
// own thread keeps running while the engine works in its worker.
func TestLargeBundle(t *testing.T) {
	data, err := json.Marshal(bundlegen.Generate(1000, 7))
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t)
	ctx := newBrowser(t, 2*time.Minute)

	var info string
	var ticks, length, rendered int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base),
		waitText("#engine-status", "Engine ready"),
		chromedp.Evaluate(`document.querySelector("details").open = true`, nil),
		chromedp.SetValue("#paste", string(data)),
		chromedp.Click("#use-paste"),
		waitText("#bundle-info", "1000 API(s)"),
		chromedp.SetValue("#define", "all"),
		// Count the page's timer ticks while the engine works: a page whose
		// thread the export held would count none.
		chromedp.Evaluate(`window.ticks = 0; setInterval(() => { if (document.body.hasAttribute("aria-busy")) window.ticks++; }, 5)`, nil),
		chromedp.Click("#export"),
		waitText("#result-info", "generated_api-RELEASE-all-"),
		waitIdle(),
		chromedp.Text("#result-info", &info),
		chromedp.Evaluate(`window.ticks`, &ticks),
		chromedp.Evaluate(`Number(document.querySelector("#result-info").textContent.match(/([\d,]+) bytes/)[1].replaceAll(",", ""))`, &length),
		chromedp.Evaluate(`document.querySelector("#output").textContent.length`, &rendered),
	); err != nil {
		t.Fatalf("exporting 1,000 APIs: %v", err)
	}
	if length < 1_000_000 || rendered == 0 || rendered >= length {
		t.Errorf("the document has %d bytes, the preview %d characters (%s)", length, rendered, info)
	}
	if ticks == 0 {
		t.Error("the page's thread did not run while the engine worked")
	}
	t.Logf("%s; %d timer ticks while busy", info, ticks)
}

// downloadWatch follows the page's downloads.
type downloadWatch struct {
	mu        sync.Mutex
	suggested string      // the file name of the last download that began
	done      chan string // the GUID of a completed download
}

// watchDownloads listens for the downloads of the browser of ctx. Chromium
// reports a download's progress to the page's target or to the browser,
// depending on the version: it listens on both.
func watchDownloads(t *testing.T, ctx context.Context) *downloadWatch {
	d := &downloadWatch{done: make(chan string, 1)}
	on := func(ev any) {
		if os.Getenv("E2E_DEBUG") != "" {
			if e, ok := ev.(*browser.EventDownloadProgress); ok {
				t.Logf("download %s %s", e.GUID, e.State)
			}
			if e, ok := ev.(*browser.EventDownloadWillBegin); ok {
				t.Logf("will begin %s %s", e.GUID, e.SuggestedFilename)
			}
		}
		switch e := ev.(type) {
		case *browser.EventDownloadWillBegin:
			d.mu.Lock()
			d.suggested = e.SuggestedFilename
			d.mu.Unlock()
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				select {
				case d.done <- e.GUID:
				default:
				}
			}
		}
	}
	chromedp.ListenTarget(ctx, on)
	chromedp.ListenBrowser(ctx, on)
	return d
}

// name is the file name Chromium gave the last download.
func (d *downloadWatch) name() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.suggested
}
