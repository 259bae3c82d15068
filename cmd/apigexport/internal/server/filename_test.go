package server

import (
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestContentDispositionIsSafe: a version or group name that holds a path
// gives a download name without one (the engine's Result.FileName).
func TestContentDispositionIsSafe(t *testing.T) {
	dir := t.TempDir()
	inst := filepath.Join(dir, "p1", "i1")
	if err := os.MkdirAll(inst, 0o755); err != nil {
		t.Fatal(err)
	}
	bundle := `{"groups": [{"id": "g1", "name": "a/b?c"}]}`
	if err := os.WriteFile(filepath.Join(inst, "b.json"), []byte(bundle), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	body := `{"group_id": "g1", "define": "dev", "version": "../../etc/passwd"}`
	req := httptest.NewRequest(http.MethodPost, "/v2/p1/apic/instances/i1/openapi/export", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	_, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := params["filename"], "a_b_c-dev-.._.._etc_passwd.json"; got != want {
		t.Errorf("Content-Disposition filename %q, want %q", got, want)
	}
}
