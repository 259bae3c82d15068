package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/apigexport/apigexport/web"
)

func firefox(t *testing.T) string {
	t.Helper()
	return browserPath(t, "Firefox", "FIREFOX", "/usr/bin/firefox-esr", "/usr/bin/firefox", "firefox-esr", "firefox")
}

// TestFirefox loads the page in headless Firefox with ?selftest, which makes
// the page load the sample and export it as a user would, then report what
// it shows to the server; the report must match the golden: the document's
// Blob (what Copy and Download give), the text shown and the summary.
func TestFirefox(t *testing.T) {
	firefoxBin := firefox(t)
	if !web.HasEngine() {
		t.Fatal("web/apigexport.wasm is missing: run make wasm first")
	}
	reports := make(chan []byte, 1)
	mux := http.NewServeMux()
	mux.Handle("GET /", web.Handler())
	mux.HandleFunc("POST /selftest-report", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		select {
		case reports <- b:
		default:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile := t.TempDir()
	cmd := exec.CommandContext(ctx, firefoxBin, "--headless", "--no-remote", "--profile", profile, srv.URL+"/?selftest")
	cmd.Env = append(os.Environ(), "HOME="+profile, "MOZ_CRASHREPORTER_DISABLE=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()

	var report struct {
		OK       bool   `json:"ok"`
		Filename string `json:"filename"`
		Length   int    `json:"length"`
		SHA256   string `json:"sha256"`
		// Preview is whether the text shown is the whole document (it
		// is, at the sample's size); Operations the summary's rows.
		Preview    bool   `json:"preview"`
		Operations int    `json:"operations"`
		Error      string `json:"error"`
	}
	select {
	case b := <-reports:
		if err := json.Unmarshal(b, &report); err != nil {
			t.Fatalf("report %q: %v", b, err)
		}
	case <-ctx.Done():
		t.Fatal("Firefox sent no report")
	}
	want := golden(t, "sample-all.yaml")
	sum := sha256.Sum256(want)
	if !report.OK || report.SHA256 != hex.EncodeToString(sum[:]) || report.Length != len(want) || !report.Preview || report.Operations != 10 ||
		report.Filename != "shop_api-RELEASE-all-2026-11-27-09_30_00.yaml" {
		t.Errorf("Firefox shows %+v; want the golden sample-all.yaml (%d characters)", report, len(want))
	}
}
