package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestPageOAS3: the page's OpenAPI version selector. OpenAPI 3.0 + YAML of
// the sample, define=all, shows and downloads testdata/golden's
// sample-all.oas3.yaml byte for byte, under the Swagger export's file name;
// its operations table has the Swagger export's rows; and Swagger 2.0
// chosen again gives sample-all.yaml.
func TestPageOAS3(t *testing.T) {
	base := serve(t)
	downloads := t.TempDir()
	ctx := newBrowser(t, time.Minute, chromedp.WindowSize(1280, 1600))

	dl := watchDownloads(t, ctx)

	const filename = "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml"
	var output, info, summaryInfo, selected string
	var rows []string
	if err := chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(base),
		waitText("#engine-status", "Engine ready"),
		chromedp.Evaluate(`document.querySelector("#oas_version").selectedOptions[0].textContent`, &selected),
		chromedp.Click("#load-sample"),
		waitText("#bundle-info", "1 group(s)"),
		chromedp.SetValue("#define", "all"),
		chromedp.SetValue("#type", "yaml"),
		chromedp.SetValue("#oas_version", "3.0"),
		chromedp.SetValue("#version", "2026-11-27-09:30:00"),
		chromedp.Click("#export"),
		waitText("#result-info", filename),
		waitText("#summary-info", "operation(s)"),
		waitIdle(),
		chromedp.Text("#result-info", &info),
		chromedp.TextContent("#output", &output),
		chromedp.Text("#summary-info", &summaryInfo),
		chromedp.Evaluate(`[...document.querySelectorAll("#summary-body [role=row]")].sort((a, b) => a.ariaRowIndex - b.ariaRowIndex)
			.map((r) => [...r.querySelectorAll("[role=cell]")].map((c) => c.textContent).join(" | "))`, &rows),
	); err != nil {
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`["result-info", "summary-info", "error-request", "error-oas_version"].map((id) => id + ": " + document.getElementById(id).textContent).join("\n")`, &state))
		t.Fatalf("exporting OpenAPI 3.0: %v\n%s", err, state)
	}
	if selected != "Swagger 2.0" {
		t.Errorf("the version selector starts at %q, want Swagger 2.0 (the gateway's default)", selected)
	}
	want := golden(t, "sample-all.oas3.yaml")
	if output != string(want) {
		t.Errorf("the page shows a document that differs from testdata/golden/sample-all.oas3.yaml (%s)", info)
	}
	if !strings.Contains(info, "application/yaml") {
		t.Errorf("result info %q: not YAML", info)
	}
	if strings.Join(rows, "\n") != strings.Join(sampleRows, "\n") {
		t.Errorf("operations table of the OpenAPI 3.0 export:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(sampleRows, "\n"))
	}
	// The table checks the document as OpenAPI 3.0 (the outline tells
	// the version): never Swagger 2.0's findings on a 3.0 document.
	if want := "10 operation(s). Valid OpenAPI 3.0; the APIG rules hold."; summaryInfo != want {
		t.Errorf("summary %q, want %q", summaryInfo, want)
	}
	t.Logf("summary: %s", summaryInfo)

	if err := chromedp.Run(ctx, chromedp.Click("#download")); err != nil {
		t.Fatal(err)
	}
	select {
	case guid := <-dl.done:
		got, err := os.ReadFile(filepath.Join(downloads, guid))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the downloaded file (%d bytes) differs from testdata/golden/sample-all.oas3.yaml (%d bytes)", len(got), len(want))
		}
		if got := dl.name(); got != filename {
			t.Errorf("downloaded as %q, want %q", got, filename)
		}
	case <-ctx.Done():
		t.Fatal("the download did not complete")
	}

	// Swagger 2.0 again: the Swagger golden, checked by the table.
	if err := chromedp.Run(ctx,
		chromedp.SetValue("#oas_version", "2.0"),
		chromedp.Click("#export"),
		waitText("#summary-info", "Valid Swagger 2.0"),
		waitIdle(),
		chromedp.TextContent("#output", &output),
	); err != nil {
		t.Fatalf("exporting Swagger 2.0 after OpenAPI 3.0: %v", err)
	}
	if output != string(golden(t, "sample-all.yaml")) {
		t.Error("Swagger 2.0 chosen again: the page shows a document that differs from testdata/golden/sample-all.yaml")
	}
}
