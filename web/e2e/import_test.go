package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestImportTab: the import tab turns an exported document into the bundle
// the engine makes of it, downloads it, and exports it back to the same
// document.
func TestImportTab(t *testing.T) {
	base := serve(t)
	downloads := t.TempDir()
	ctx := newBrowser(t, time.Minute, chromedp.WindowSize(1280, 1600))
	done := make(chan string, 1)
	onDownload := func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	}
	chromedp.ListenTarget(ctx, onDownload)
	chromedp.ListenBrowser(ctx, onDownload)

	doc := golden(t, "sample-all.json")
	res, err := engine.Import(doc, engine.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := model.Encode(res.Bundle)
	if err != nil {
		t.Fatal(err)
	}

	var shown, info string
	if err := chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(base),
		waitText("#engine-status", "Engine ready"),
		chromedp.Click("#tab-import"),
		chromedp.WaitVisible("#import-text"),
		chromedp.SetValue("#import-text", string(doc)),
		chromedp.Click("#import"),
		waitText("#import-info", "imported"),
		waitIdle(),
		chromedp.Text("#import-info", &info),
		chromedp.TextContent("#import-output", &shown),
	); err != nil {
		t.Fatalf("importing: %v", err)
	}
	if shown != string(want) {
		t.Errorf("the page shows another bundle than the engine's import (%s)", info)
	}

	if err := chromedp.Run(ctx, chromedp.Click("#import-download")); err != nil {
		t.Fatal(err)
	}
	select {
	case guid := <-done:
		got, err := os.ReadFile(filepath.Join(downloads, guid))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Error("the downloaded bundle differs from the engine's import")
		}
	case <-ctx.Done():
		t.Fatal("the download did not complete")
	}

	// Export it: the same document as at first.
	var output string
	if err := chromedp.Run(ctx,
		chromedp.Click("#import-use"),
		waitText("#bundle-info", "1 group(s)"),
		chromedp.SetValue("#define", "all"),
		chromedp.SetValue("#type", "json"),
		chromedp.Click("#export"),
		waitText("#result-info", "shop_api-RELEASE-all-2026-11-27-09_30_00.json"),
		waitIdle(),
		chromedp.TextContent("#output", &output),
	); err != nil {
		t.Fatalf("exporting the import: %v", err)
	}
	if output != string(doc) {
		t.Error("export of the imported bundle differs from the document imported")
	}

	// A document the gateway refuses shows its findings and no bundle.
	var findings string
	if err := chromedp.Run(ctx,
		chromedp.Click("#tab-import"),
		chromedp.SetValue("#import-text", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"),
		chromedp.Click("#import"),
		waitText("#import-info", "would refuse"),
		chromedp.Text("#import-findings", &findings),
	); err != nil {
		t.Fatal(err)
	}
	if want := "error import-version /openapi: OpenAPI 3.1.0 is not imported"; !bytes.Contains([]byte(findings), []byte(want)) {
		t.Errorf("findings %q", findings)
	}
}
