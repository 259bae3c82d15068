// Package web holds the static page that runs the engine in the browser,
// and serves it. The page has no build step: index.html, app.js, worker.js
// and style.css as they are, plus apigexport.wasm and wasm_exec.js, which
// make wasm builds from the engine and copies from the Go toolchain.
package web

import (
	"embed"
	"io/fs"
	"mime"
	"net/http"
	"path"
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

// Handler serves the page's files.
func Handler() http.Handler {
	fileServer := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && !served[path.Ext(r.URL.Path)] {
			http.NotFound(w, r)
			return
		}
		fileServer.ServeHTTP(w, r)
	})
}
