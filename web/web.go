// Package web holds the static page that runs the engine in the browser,
// and serves it. The page has no build step: index.html, app.js, worker.js
// and style.css as they are, plus what make wasm puts beside them: the
// module, apigexport.wasm (and its gzip copy, apigexport.wasm.gz), and the
// npm package's loader (wasm/js), which the page uses: engine.js, core.js,
// serve.js and the Go toolchain's wasm_exec.js wrapped as a module.
package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

// files is every file in this folder; *.* leaves out the test folders (e2e
// is a module of its own, which embed refuses). The pattern must match on a
// fresh checkout, where the wasm files are not built yet, so it names no
// file; Handler serves only the page's own kinds of file.
//
//go:embed *.*
var files embed.FS

// served are the extensions Handler serves.
var served = map[string]bool{".html": true, ".js": true, ".css": true, ".wasm": true, ".png": true}

// Files is the page's files.
func Files() fs.FS { return files }

// HasEngine reports whether the WebAssembly engine was built into the
// binary (make wasm before go build).
func HasEngine() bool {
	_, err := fs.Stat(files, "apigexport.wasm")
	return err == nil
}

func init() {
	// Some systems' MIME tables lack it, and instantiateStreaming needs it.
	_ = mime.AddExtensionType(".wasm", "application/wasm")
}

// The engine's files: built by make wasm, ignored by git, so that a
// binary built with a plain go build or go install has none: the module
// and the loader (engineFiles).
const (
	engineFile  = "apigexport.wasm"
	gzipSuffix  = ".gz"
	noEngineMsg = "This apigexport binary was built without the web page's engine (apigexport.wasm, which make wasm builds and git does not keep): " +
		"a plain go build or go install cannot make it. Clone the repository and run make build, then serve with bin/apigexport serve, or run make serve."
)

// engineFiles are the module and the npm package's loader, as make wasm
// puts them beside the page.
var engineFiles = []string{engineFile, "wasm_exec.js", "engine.js", "core.js", "serve.js"}

// Handler serves the page's files. A file with a gzip copy beside it
// (make wasm writes apigexport.wasm.gz) is sent compressed to a client that
// accepts gzip, with Vary: Accept-Encoding. Without the engine, the page
// carries a notice that says how to build it, and the engine's files are
// 404 with a JSON body that says the same.
func Handler() http.Handler { return handler(files) }

func handler(fsys fs.FS) http.Handler {
	_, err := fs.Stat(fsys, engineFile)
	hasEngine := err == nil
	fileServer := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case r.URL.Path != "/" && !served[path.Ext(r.URL.Path)]:
			http.NotFound(w, r)
			return
		case !hasEngine && slices.Contains(engineFiles, name):
			body, _ := json.Marshal(map[string]string{"error_code": "APIG.0101", "error_msg": noEngineMsg})
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			w.Write(body)
			return
		case !hasEngine && name == "":
			serveWithNotice(w, r, fsys)
			return
		}
		if gz, err := fsys.Open(name + gzipSuffix); err == nil {
			defer gz.Close()
			w.Header().Add("Vary", "Accept-Encoding")
			if rs, ok := gz.(io.ReadSeeker); ok && acceptsGzip(r.Header.Get("Accept-Encoding")) {
				w.Header().Set("Content-Encoding", "gzip")
				http.ServeContent(w, r, name, time.Time{}, rs)
				return
			}
		}
		fileServer.ServeHTTP(w, r)
	})
}

// serveWithNotice serves index.html with a notice at the top of its body
// that the engine is missing and how to get it.
func serveWithNotice(w http.ResponseWriter, r *http.Request, fsys fs.FS) {
	page, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	notice := `<p id="no-engine" class="error" role="alert"><strong>The engine is missing.</strong> ` +
		html.EscapeString(noEngineMsg) + "</p>\n"
	if i := bytes.Index(page, []byte("<body>")); i >= 0 {
		i += len("<body>\n")
		page = slices.Concat(page[:i], []byte(notice), page[i:])
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(page)
}

// acceptsGzip reports whether an Accept-Encoding value admits gzip: gzip
// or * listed without q=0.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || strings.HasPrefix(q, "q=0.") && strings.Trim(q[len("q=0."):], "0") == "" {
			return false
		}
		return true
	}
	return false
}
