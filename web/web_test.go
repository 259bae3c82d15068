package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func get(t *testing.T, h http.Handler, path, acceptEncoding string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const page = "<!doctype html>\n<html>\n<body>\n<h1>apigexport</h1>\n</body>\n</html>\n"

// TestCompressedModule: the module goes compressed to a client that
// accepts gzip, whole to one that does not, and says it varies.
func TestCompressedModule(t *testing.T) {
	module := bytes.Repeat([]byte("\x00asm module bytes "), 4096)
	h := handler(fstest.MapFS{
		"index.html":         {Data: []byte(page)},
		"apigexport.wasm":    {Data: module},
		"apigexport.wasm.gz": {Data: gzipped(t, module)},
		"wasm_exec.js":       {Data: []byte("// go")},
	})
	for _, ae := range []string{"gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "*"} {
		rec := get(t, h, "/apigexport.wasm", ae)
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Content-Type") != "application/wasm" ||
			rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Fatalf("Accept-Encoding %q: %d %v", ae, rec.Code, rec.Header())
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := io.ReadAll(zr); !bytes.Equal(got, module) {
			t.Fatalf("Accept-Encoding %q: the module does not decompress to itself", ae)
		}
		if rec.Body.Len() != 0 || len(gzipped(t, module)) >= len(module) {
			t.Fatal("not compressed")
		}
	}
	for _, ae := range []string{"", "identity", "br", "gzip;q=0", "gzip;q=0.000"} {
		rec := get(t, h, "/apigexport.wasm", ae)
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), module) ||
			rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: %d %v, %d bytes", ae, rec.Code, rec.Header(), rec.Body.Len())
		}
	}
	if rec := get(t, h, "/apigexport.wasm.gz", "gzip"); rec.Code != 404 {
		t.Errorf("the .gz itself: %d", rec.Code)
	}
	if rec := get(t, h, "/", "gzip"); rec.Code != 200 || strings.Contains(rec.Body.String(), "no-engine") {
		t.Errorf("/ with the engine: %d %q", rec.Code, rec.Body)
	}
}

// TestBuiltModuleCompressed: make wasm builds the module and its gzip
// copy together, so a binary that embeds the one embeds the other.
func TestBuiltModuleCompressed(t *testing.T) {
	if !HasEngine() {
		t.Skip("the engine is not built (make wasm)")
	}
	module, _ := fs.ReadFile(files, engineFile)
	rec := get(t, Handler(), "/apigexport.wasm", "gzip, deflate, br")
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() >= len(module)/2 {
		t.Fatalf("the built module is served with %v, %d bytes of %d", rec.Header(), rec.Body.Len(), len(module))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, module) {
		t.Fatal("apigexport.wasm.gz is not apigexport.wasm compressed: run make wasm")
	}
}

// TestWithoutEngine: a binary built with a plain go build serves a page
// that says how to get the engine, and the engine's files are 404 with a
// JSON body that says the same.
func TestWithoutEngine(t *testing.T) {
	h := handler(fstest.MapFS{"index.html": {Data: []byte(page)}, "app.js": {Data: []byte("//")}})
	rec := get(t, h, "/", "")
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `id="no-engine"`) || !strings.Contains(body, "make build") ||
		!strings.HasPrefix(body, "<!doctype html>\n<html>\n<body>\n<p id=\"no-engine\"") {
		t.Errorf("/: %d\n%s", rec.Code, body)
	}
	for _, p := range []string{"/apigexport.wasm", "/wasm_exec.js", "/engine.js", "/core.js", "/serve.js"} {
		rec := get(t, h, p, "gzip")
		var e struct {
			Code string `json:"error_code"`
			Msg  string `json:"error_msg"`
		}
		if rec.Code != 404 || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Code == "" || !strings.Contains(e.Msg, "make build") {
			t.Errorf("%s: %d %s", p, rec.Code, rec.Body)
		}
	}
	if rec := get(t, h, "/app.js", ""); rec.Code != 200 {
		t.Errorf("/app.js: %d", rec.Code)
	}
}
