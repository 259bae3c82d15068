// Package web holds the static page that runs the engine in the browser,
// and serves it. The page has no build step: index.html, app.js, worker.js
// and style.css as they are, plus what make wasm puts beside them: the
// module, apigexport.wasm (and its compressed copies, apigexport.wasm.br
// and apigexport.wasm.gz), and the
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
	"strconv"
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
	noEngineMsg = "This apigexport binary was built without the web page's engine (apigexport.wasm, which make wasm builds and git does not keep): " +
		"a plain go build or go install cannot make it. Clone the repository and run make build, then serve with bin/apigexport serve, or run make serve."
)

// engineFiles are the module and the npm package's loader, as make wasm
// puts them beside the page.
var engineFiles = []string{engineFile, "wasm_exec.js", "engine.js", "core.js", "serve.js"}

// encodings are the compressed copies that a file may have beside it, in
// the order of preference at equal q: make wasm writes apigexport.wasm.br
// (brotli at quality 11, cmd/apigexport/internal/brotli) and
// apigexport.wasm.gz (gzip -9), and the binary embeds them as they are.
var encodings = []struct{ coding, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the page's files. A file with compressed copies beside
// it (make wasm writes apigexport.wasm.br and .gz) is sent as the copy
// whose coding the client's Accept-Encoding prefers (negotiate), with
// Content-Encoding, and whole when it accepts neither; every answer for
// it carries Vary: Accept-Encoding and the Content-Length of the bytes
// sent. HEAD and Range are http.ServeContent's, on those bytes (a range of
// a compressed copy is of its compressed bytes). No ETag is sent (an
// embedded file has no modification time either), so no validator is
// shared between the codings. Without the engine, the page
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
		if f, coding, ok := compressed(fsys, name, r.Header.Get("Accept-Encoding")); ok {
			w.Header().Add("Vary", "Accept-Encoding")
			if f != nil {
				defer f.Close()
				w.Header().Set("Content-Encoding", coding)
				// ServeContent leaves the length of a whole answer to
				// whoever set Content-Encoding, and sets it for a range.
				if info, err := f.Stat(); err == nil {
					w.Header().Set("Content-Length", strconv.FormatInt(info.Size(), 10))
				}
				http.ServeContent(w, r, name, time.Time{}, f)
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

// compressed reports whether name has compressed copies beside it (ok),
// and opens the one that an Accept-Encoding value prefers, with its
// coding; f is nil when the client takes none of them.
func compressed(fsys fs.FS, name, acceptEncoding string) (f seekableFile, coding string, ok bool) {
	var offered []string
	for _, e := range encodings {
		if _, err := fs.Stat(fsys, name+e.suffix); err == nil {
			offered = append(offered, e.coding)
		}
	}
	if len(offered) == 0 {
		return nil, "", false
	}
	coding = negotiate(acceptEncoding, offered)
	for _, e := range encodings {
		if e.coding != coding {
			continue
		}
		if file, err := fsys.Open(name + e.suffix); err == nil {
			if rs, isSeeker := file.(seekableFile); isSeeker {
				return rs, coding, true
			}
			file.Close()
		}
	}
	return nil, "", true
}

// seekableFile is what ServeContent needs of a file, and its size.
type seekableFile interface {
	fs.File
	io.Seeker
}

// negotiate returns the coding of offered (listed best first) that an
// Accept-Encoding value prefers (RFC 9110 §12.5.3), or "" for the file
// as it is. A coding's weight is its own q, or that of * when it is not
// listed; q=0 refuses it. The highest weight wins, the one listed first in
// offered at equal weight (so br before gzip); identity wins only when it
// is listed with a higher q than that, and is what a client that takes no
// offered coding gets (even one that refuses identity: it is what there
// is). No Accept-Encoding at all is the file as it is.
func negotiate(header string, offered []string) string {
	accept := acceptEncoding(header)
	star, hasStar := accept["*"]
	best, bestQ := "", 0.0
	for _, c := range offered {
		q, listed := accept[c]
		if !listed {
			q, listed = star, hasStar
		}
		if listed && q > bestQ {
			best, bestQ = c, q
		}
	}
	if q, listed := accept["identity"]; best != "" && listed && q > bestQ {
		return ""
	}
	return best
}

// acceptEncoding reads an Accept-Encoding value into the q of each coding
// it lists (lowercase; x-gzip is gzip). A coding listed twice keeps its
// first q; an entry whose q is not a number from 0 to 1 is left out.
func acceptEncoding(header string) map[string]float64 {
	accept := map[string]float64{}
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "x-gzip" {
			coding = "gzip"
		}
		if coding == "" {
			continue
		}
		q, ok := 1.0, true
		for param := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(param, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				var err error
				q, err = strconv.ParseFloat(strings.TrimSpace(v), 64)
				ok = err == nil && q >= 0 && q <= 1
			}
		}
		if _, seen := accept[coding]; ok && !seen {
			accept[coding] = q
		}
	}
	return accept
}
