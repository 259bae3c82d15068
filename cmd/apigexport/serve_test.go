package main

import (
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestServeMux(t *testing.T) {
	srv := httptest.NewServer(newServeMux())
	defer srv.Close()
	get := func(path string) (int, string, string) {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(body)
	}
	if code, _, body := get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, ctype, body := get("/"); code != 200 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `<script type="module" src="app.js">`) {
		t.Errorf("/: %d %s", code, ctype)
	}
	if code, ctype, _ := get("/app.js"); code != 200 || !strings.Contains(ctype, "javascript") {
		t.Errorf("/app.js: %d %s", code, ctype)
	}
	// Only the page's own kinds of file are served: not its Go source.
	for _, p := range []string{"/web.go", "/e2e/go.mod", "/../go.mod", "/nosuch.js"} {
		if code, _, _ := get(p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	if got := mime.TypeByExtension(".wasm"); got != "application/wasm" {
		t.Errorf(".wasm is served as %q", got)
	}
}
