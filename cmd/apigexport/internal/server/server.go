// Package server answers the export endpoint of Huawei Cloud ROMA Connect
// and API Gateway from bundles kept on disk, as the project's
// docs/service.md describes: the routes and answers of the gateway, token
// and AK/SK (SDK-HMAC-SHA256) authentication, per-project authorisation,
// and one structured log line per request. The official SDKs work against
// it unchanged.
package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine"
)

// Config is what a Server serves and how.
type Config struct {
	// DataDir holds the bundles, DIR/{project_id}/{instance_id}/*.json.
	// Empty: no instance exists.
	DataDir string
	// Credentials lists who may call the export routes. Nil: anybody may
	// (the command allows that only on loopback, with -insecure).
	Credentials *Credentials
	// Web serves GET requests outside the export routes (the web page).
	// Nil: 404.
	Web http.Handler
	// Log receives one line per request, and load failures. Nil: discard.
	Log *slog.Logger
	// Now is the clock, for the default version and signature dates.
	// Nil: time.Now.
	Now func() time.Time
}

// Server is the HTTP handler of apigexport serve.
type Server struct {
	cfg   Config
	store *store
	auth  *authenticator
}

// New returns a Server; Close releases its data folder.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg}
	if cfg.DataDir != "" {
		st, err := openStore(cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("-data: %w", err)
		}
		s.store = st
	}
	if cfg.Credentials != nil {
		s.auth = newAuthenticator(cfg.Credentials)
	}
	return s, nil
}

// Close closes the data folder.
func (s *Server) Close() error {
	if s.store != nil {
		return s.store.Close()
	}
	return nil
}

// The answers of docs/service.md that the engine does not give.
const (
	codeUnauthenticated = "APIG.1002"
	codeForbidden       = "APIG.1005"
	codeNoInstance      = "APIG.3030"
	codeNoRoute         = "APIG.0101"
	msgUnauthenticated  = "Incorrect token or token resolution failed"
	msgForbidden        = "No permissions to request this method"
	msgSystemError      = "System error"
)

// call is one request as the access log records it.
type call struct {
	id, route, project, instance, principal, code string
	warnings                                      []string
}

// ServeHTTP answers one request. Whatever happens, the answer carries an
// X-Request-Id and the log gets one line.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	c := &call{id: newRequestID()}
	w.Header().Set("X-Request-Id", c.id)
	rec := &recorder{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Log.Error("panic", "request_id", c.id, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if !rec.wrote {
				s.writeError(rec, c, http.StatusInternalServerError, engine.CodeInternal, msgSystemError)
			}
		}
		attrs := []any{"request_id", c.id, "method", r.Method, "route", c.route, "status", rec.status,
			"bytes", rec.bytes, "duration_ms", float64(time.Since(start).Microseconds()) / 1000}
		for _, kv := range [][2]string{{"project", c.project}, {"instance", c.instance}, {"principal", c.principal}, {"error_code", c.code}} {
			if kv[1] != "" {
				attrs = append(attrs, kv[0], kv[1])
			}
		}
		if len(c.warnings) > 0 {
			attrs = append(attrs, "warnings", c.warnings)
		}
		s.cfg.Log.Info("request", attrs...)
	}()

	path := r.URL.EscapedPath()
	switch {
	case strings.HasPrefix(path, "/v2/"):
		s.serveExport(rec, r, c)
	case path == "/healthz":
		c.route = "healthz"
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			http.Error(rec, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		rec.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(rec, "ok\n")
	default:
		c.route = "web"
		if s.cfg.Web == nil {
			http.NotFound(rec, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			http.Error(rec, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.cfg.Web.ServeHTTP(rec, r)
	}
}

// route parses /v2/{project_id}/{apic|apigw}/instances/{instance_id}/openapi/export.
// ok is false when the path has another shape; the IDs are decoded but not
// checked.
func route(escaped string) (product, project, instance string, segments []string, ok bool) {
	segments, err := pathSegments(escaped)
	if err != nil || len(segments) != 8 || segments[0] != "" || segments[1] != "v2" ||
		segments[3] != "apic" && segments[3] != "apigw" || segments[4] != "instances" ||
		segments[6] != "openapi" || segments[7] != "export" {
		return "", "", "", nil, false
	}
	return segments[3], segments[2], segments[5], segments, true
}

// pathSegments splits an escaped path at its slashes and decodes each
// segment, so that an encoded slash stays inside its segment.
func pathSegments(escaped string) ([]string, error) {
	segments := strings.Split(escaped, "/")
	for i, seg := range segments {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return nil, err
		}
		segments[i] = dec
	}
	return segments, nil
}

func (s *Server) serveExport(w *recorder, r *http.Request, c *call) {
	product, project, instanceID, segments, ok := route(r.URL.EscapedPath())
	if !ok {
		c.route = "unknown"
		s.writeError(w, c, http.StatusNotFound, codeNoRoute, "No API matches "+r.Method+" "+r.URL.EscapedPath())
		return
	}
	c.route = product + "-export"
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		s.writeError(w, c, http.StatusMethodNotAllowed, codeNoRoute, "The export API is called with POST, not "+r.Method)
		return
	}
	// Path IDs that could never name a folder are no instance, before
	// anything else is looked at; they never reach the file system.
	if !validID(project) || !validID(instanceID) {
		s.writeError(w, c, http.StatusNotFound, codeNoInstance, fmt.Sprintf("Instance %s does not exist", printable(instanceID)))
		return
	}
	c.project, c.instance = project, instanceID

	tooLarge := engine.InvalidParam("body", "the body is larger than %d bytes", maxBody)
	if r.ContentLength > maxBody {
		s.writeEngineError(w, c, tooLarge)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		s.writeEngineError(w, c, engine.InvalidParam("body", "the body could not be read"))
		return
	}
	if len(body) > maxBody {
		s.writeEngineError(w, c, tooLarge)
		return
	}

	if s.auth != nil {
		p, why := s.authenticate(r, segments, body)
		if p == nil {
			s.cfg.Log.Info("unauthenticated", "request_id", c.id, "reason", why)
			s.writeError(w, c, http.StatusUnauthorized, codeUnauthenticated, msgUnauthenticated)
			return
		}
		c.principal = p.Name
		if !p.mayCall(project) {
			s.writeError(w, c, http.StatusForbidden, codeForbidden, msgForbidden)
			return
		}
	}

	if s.store == nil {
		s.writeError(w, c, http.StatusNotFound, codeNoInstance, fmt.Sprintf("Instance %s does not exist", instanceID))
		return
	}
	bundle, changed, err := s.store.Bundle(project, instanceID)
	if errors.Is(err, errNoInstance) {
		s.writeError(w, c, http.StatusNotFound, codeNoInstance, fmt.Sprintf("Instance %s does not exist", instanceID))
		return
	}
	if err != nil {
		if changed {
			s.cfg.Log.Error("bundle", "project", project, "instance", instanceID, "error", err.Error())
		}
		s.writeError(w, c, http.StatusInternalServerError, engine.CodeInternal, msgSystemError)
		return
	}

	req, rerr := decodeRequest(body)
	if rerr != nil {
		s.writeEngineError(w, c, rerr)
		return
	}
	if product == "apigw" {
		if vals, ok := r.URL.Query()["oas_version"]; ok {
			if len(vals) != 1 {
				s.writeEngineError(w, c, engine.InvalidParam("oas_version", "give it once"))
				return
			}
			req.OASVersion = vals[0]
		}
	}
	res, err := engine.Export(bundle, req, engine.Options{Now: s.cfg.Now()})
	var ee *engine.Error
	if errors.As(err, &ee) {
		s.writeEngineError(w, c, ee)
		return
	}
	if err != nil {
		s.cfg.Log.Error("export", "request_id", c.id, "error", err.Error())
		s.writeError(w, c, http.StatusInternalServerError, engine.CodeInternal, msgSystemError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", res.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": res.FileName}))
	h.Set("Content-Length", strconv.Itoa(len(res.Body)))
	if len(res.Warnings) > 0 {
		c.warnings = res.Warnings
		h.Set("X-Apigexport-Warnings", asciiJSON(res.Warnings))
	}
	w.WriteHeader(http.StatusOK)
	w.Write(res.Body)
}

// authenticate finds the principal of a request by its token or its
// signature; why says what failed, for the log.
func (s *Server) authenticate(r *http.Request, segments []string, body []byte) (p *Principal, why string) {
	if tokens := r.Header.Values("X-Auth-Token"); len(tokens) > 0 {
		if len(tokens) > 1 {
			return nil, "more than one X-Auth-Token"
		}
		if p := s.auth.byToken(tokens[0]); p != nil {
			return p, ""
		}
		return nil, "unknown token"
	}
	if r.Header.Get("Authorization") == "" {
		return nil, "no X-Auth-Token and no Authorization header"
	}
	p, err := s.auth.bySignature(&signedRequest{
		Method: r.Method, Segments: segments, Query: r.URL.Query(),
		Header: r.Header, Host: r.Host, Body: body,
	}, s.cfg.Now())
	if err != nil {
		return nil, err.Error()
	}
	return p, ""
}

func (s *Server) writeEngineError(w *recorder, c *call, e *engine.Error) {
	s.writeError(w, c, e.Status, e.Code, e.Message)
}

// writeError writes the gateway's error body.
func (s *Server) writeError(w *recorder, c *call, status int, code, msg string) {
	c.code = code
	body, _ := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{code, msg})
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// recorder remembers what was written, for the log and for recovery.
type recorder struct {
	http.ResponseWriter
	status, bytes int
	wrote         bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// asciiJSON is v as JSON with every non-ASCII character escaped, fit for
// a header value.
func asciiJSON(v any) string {
	raw, _ := json.Marshal(v)
	var b strings.Builder
	for _, r := range string(raw) {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// printable quotes an ID from the path for a message when it holds
// anything but printable ASCII.
func printable(id string) string {
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] >= 0x7f {
			return strconv.QuoteToASCII(id)
		}
	}
	return id
}
