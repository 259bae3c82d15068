package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
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

func brotlied(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// decoded is body decoded from coding ("" for none).
func decoded(t *testing.T, coding string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch coding {
	case "":
		return body
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	default:
		t.Fatalf("unexpected coding %q", coding)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", coding, err)
	}
	return got
}

// TestNegotiate: the coding chosen for each Accept-Encoding, with both
// copies and with the gzip one alone.
func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		header     string
		both, gzip string // the coding chosen from br and gzip, and from gzip alone
	}{
		{"", "", ""},
		{"identity", "", ""},
		{"gzip, deflate, br", "br", "gzip"},
		{"gzip, deflate, br, zstd", "br", "gzip"}, // Chromium's
		{"br", "br", ""},
		{"gzip", "gzip", "gzip"},
		{"x-gzip", "gzip", "gzip"},
		{"GZIP, BR", "br", "gzip"},
		{"*", "br", "gzip"},
		{"*;q=0", "", ""},
		{"br;q=1.0, gzip;q=0.8", "br", "gzip"},
		{"br;q=0.5, gzip;q=0.8", "gzip", "gzip"},
		{"gzip;q=0.8, br;q=0.8", "br", "gzip"}, // br at equal q, whatever the order
		{"br;q=0", "", ""},
		{"br;q=0, gzip", "gzip", "gzip"},
		{"br;q=0.000, *", "gzip", "gzip"},
		{"br;q=0, *;q=0.1", "gzip", "gzip"},
		{"*, br;q=0", "gzip", "gzip"}, // a coding's own q over *'s, wherever it stands
		{"gzip;q=0", "", ""},
		{"gzip;q=0.000", "", ""},
		{"gzip;q=0, *", "br", ""},
		{"br;q=0.001", "br", ""},
		{"br ; q=0.5 , gzip ; Q=0.4", "br", "gzip"},
		{"br;level=1;q=0.2, gzip;q=0.1", "br", "gzip"},
		{"br;q=2, gzip", "gzip", "gzip"}, // q out of range: the entry is left out
		{"br;q=high, gzip;q=0.1", "gzip", "gzip"},
		{"br;q=0.5, br;q=0", "br", ""}, // the first of two
		{"identity;q=1, br;q=0.5", "", ""},
		{"identity;q=0.5, br", "br", ""},
		{"identity;q=0", "", ""}, // nothing it takes: the file as it is
		{"deflate, zstd", "", ""},
		{",,, ;q=1, br", "br", ""},
	} {
		if got := negotiate(tc.header, []string{"br", "gzip"}); got != tc.both {
			t.Errorf("Accept-Encoding %q, br and gzip: %q, want %q", tc.header, got, tc.both)
		}
		if got := negotiate(tc.header, []string{"gzip"}); got != tc.gzip {
			t.Errorf("Accept-Encoding %q, gzip alone: %q, want %q", tc.header, got, tc.gzip)
		}
	}
}

// TestCompressedModule: the module goes as the copy the client prefers,
// whole to one that takes neither, always with Vary, the length of what is
// sent, and HEAD and Range as http.ServeContent gives them.
func TestCompressedModule(t *testing.T) {
	module := bytes.Repeat([]byte("\x00asm module bytes "), 4096)
	copies := map[string][]byte{"": module, "br": brotlied(t, module), "gzip": gzipped(t, module)}
	h := handler(fstest.MapFS{
		"index.html":         {Data: []byte(page)},
		"apigexport.wasm":    {Data: module},
		"apigexport.wasm.br": {Data: copies["br"]},
		"apigexport.wasm.gz": {Data: copies["gzip"]},
		"wasm_exec.js":       {Data: []byte("// go")},
	})
	if len(copies["br"]) >= len(copies["gzip"]) || len(copies["gzip"]) >= len(module) {
		t.Fatalf("sizes: %d br, %d gzip, %d module", len(copies["br"]), len(copies["gzip"]), len(module))
	}
	for _, tc := range []struct{ header, coding string }{
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=0.5, gzip;q=0.8", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"*", "br"},
		{"", ""},
		{"identity", ""},
		{"br;q=0, gzip;q=0", ""},
	} {
		rec := get(t, h, "/apigexport.wasm", tc.header)
		hd := rec.Header()
		if rec.Code != 200 || hd.Get("Content-Encoding") != tc.coding || hd.Get("Content-Type") != "application/wasm" ||
			hd.Get("Vary") != "Accept-Encoding" || hd.Get("Content-Length") != strconv.Itoa(len(copies[tc.coding])) {
			t.Fatalf("Accept-Encoding %q: %d %v", tc.header, rec.Code, hd)
		}
		if !bytes.Equal(rec.Body.Bytes(), copies[tc.coding]) || !bytes.Equal(decoded(t, tc.coding, rec.Body.Bytes()), module) {
			t.Fatalf("Accept-Encoding %q: the body is not the module's %q copy", tc.header, tc.coding)
		}

		req := httptest.NewRequest(http.MethodHead, "/apigexport.wasm", nil)
		req.Header.Set("Accept-Encoding", tc.header)
		head := httptest.NewRecorder()
		h.ServeHTTP(head, req)
		if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Encoding") != tc.coding ||
			head.Header().Get("Content-Length") != hd.Get("Content-Length") || head.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("HEAD, Accept-Encoding %q: %d %v, %d bytes", tc.header, head.Code, head.Header(), head.Body.Len())
		}

		req = httptest.NewRequest(http.MethodGet, "/apigexport.wasm", nil)
		req.Header.Set("Accept-Encoding", tc.header)
		req.Header.Set("Range", "bytes=10-19")
		part := httptest.NewRecorder()
		h.ServeHTTP(part, req)
		want := fmt.Sprintf("bytes 10-19/%d", len(copies[tc.coding]))
		if part.Code != 206 || !bytes.Equal(part.Body.Bytes(), copies[tc.coding][10:20]) || part.Header().Get("Content-Range") != want ||
			part.Header().Get("Content-Encoding") != tc.coding || part.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("Range, Accept-Encoding %q: %d %v", tc.header, part.Code, part.Header())
		}
	}
	for _, p := range []string{"/apigexport.wasm.gz", "/apigexport.wasm.br"} {
		if rec := get(t, h, p, "gzip, br"); rec.Code != 404 {
			t.Errorf("the copy itself, %s: %d", p, rec.Code)
		}
	}
	if rec := get(t, h, "/wasm_exec.js", "gzip, br"); rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Vary") != "" {
		t.Errorf("a file without copies: %d %v", rec.Code, rec.Header())
	}
	if rec := get(t, h, "/", "gzip"); rec.Code != 200 || strings.Contains(rec.Body.String(), "no-engine") {
		t.Errorf("/ with the engine: %d %q", rec.Code, rec.Body)
	}

	// With the gzip copy alone (a binary built before make wasm wrote the
	// brotli one), a client that takes br alone gets the module whole.
	h = handler(fstest.MapFS{"apigexport.wasm": {Data: module}, "apigexport.wasm.gz": {Data: copies["gzip"]}})
	for header, coding := range map[string]string{"gzip, deflate, br": "gzip", "br": ""} {
		rec := get(t, h, "/apigexport.wasm", header)
		if rec.Header().Get("Content-Encoding") != coding || !bytes.Equal(rec.Body.Bytes(), copies[coding]) || rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("gzip copy alone, Accept-Encoding %q: %v", header, rec.Header())
		}
	}
}

// TestBuiltModuleCompressed: make wasm builds the module and its copies
// together, so a binary that embeds the one embeds the others, and each
// decompresses to the module.
func TestBuiltModuleCompressed(t *testing.T) {
	if !HasEngine() {
		t.Skip("the engine is not built (make wasm)")
	}
	module, _ := fs.ReadFile(files, engineFile)
	for _, coding := range []string{"br", "gzip"} {
		rec := get(t, Handler(), "/apigexport.wasm", coding)
		if rec.Header().Get("Content-Encoding") != coding || rec.Body.Len() >= len(module)/2 ||
			rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Fatalf("%s: the built module is served with %v, %d bytes of %d (run make wasm, which writes its copies)", coding, rec.Header(), rec.Body.Len(), len(module))
		}
		if !bytes.Equal(decoded(t, coding, rec.Body.Bytes()), module) {
			t.Fatalf("the %s copy does not decompress to apigexport.wasm: run make wasm", coding)
		}
	}
	br, _ := fs.ReadFile(files, engineFile+".br")
	gz, _ := fs.ReadFile(files, engineFile+".gz")
	if len(br) >= len(gz) {
		t.Errorf("apigexport.wasm.br is %d bytes, its gzip copy %d", len(br), len(gz))
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
