// Package server answers the export endpoint of Huawei Cloud ROMA Connect
// and API Gateway from bundles kept on disk, as the project's
// docs/service.md describes: the routes and answers of the gateway, token
// and AK/SK (SDK-HMAC-SHA256) authentication, per-project authorisation,
// and one structured log line per request. The official SDKs work against
// it unchanged. It keeps a memory budget (Limits): exports are admitted by
// their estimated cost, connections capped (LimitListener), and every
// write of an answer has its own deadline.
package server

import (
	"context"
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
	"sync"
	"sync/atomic"
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
	// RequireSignedHost refuses AK/SK signatures that do not cover the
	// host header. The official SDK does not sign it (it signs the headers
	// it sets, and host is not one), so this is off by default.
	RequireSignedHost bool
	// Web serves GET requests outside the export routes (the web page).
	// Nil: 404.
	Web http.Handler
	// Log receives one line per request, and load failures. Nil: discard.
	Log *slog.Logger
	// Now is the clock, for the default version and signature dates.
	// Nil: time.Now.
	Now func() time.Time
	Limits
}

// Limits bound what the server holds at once. The zero value has no
// limits; the command sets its flags' values.
type Limits struct {
	// MaxMemory is the memory budget in bytes: an export is admitted when
	// its estimated peak fits what the running ones, the bodies being read
	// and the cached bundles leave of three quarters of it (BaseMemory is
	// taken off first; the last quarter is the garbage collector's room,
	// for the runtime's memory limit, which the command sets to the whole
	// budget). 0: no budget; otherwise at least MinMemory.
	MaxMemory int64
	// MaxExports is how many exports may run at once. 0: no limit.
	MaxExports int
	// QueueWait is how long a request waits for its room before it is
	// answered 429.
	QueueWait time.Duration
	// WriteTimeout is how long one write of the answer may take (64 KiB at
	// most are written at a time): a client that reads steadily gets any
	// size of document, one that stops reading is cut off. 0: no limit.
	WriteTimeout time.Duration
}

// Server is the HTTP handler of apigexport serve.
type Server struct {
	cfg   Config
	store *store
	auth  *authenticator
	admit *admission

	mu       sync.Mutex
	active   map[*call]struct{}
	inflight sync.WaitGroup // the handlers running, for tests
}

// New returns a Server; Close releases its data folder.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxMemory != 0 && cfg.MaxMemory < MinMemory {
		return nil, fmt.Errorf("-max-memory: %d MiB is too small; the server needs at least %d MiB", cfg.MaxMemory>>20, MinMemory>>20)
	}
	s := &Server{cfg: cfg, active: map[*call]struct{}{}}
	s.admit = newAdmission(admitted(cfg.MaxMemory), cfg.MaxExports)
	if cfg.MaxMemory != 0 {
		s.admit.hold(BaseMemory)
	}
	if cfg.DataDir != "" {
		st, err := openStore(cfg.DataDir, s.admit)
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
	codeBadRequest      = "APIG.0201"
	codeThrottled       = "APIG.0308"
	codeUnavailable     = "APIG.0202"
	msgUnauthenticated  = "Incorrect token or token resolution failed"
	msgForbidden        = "No permissions to request this method"
	msgSystemError      = "System error"
)

// call is one request as the access log records it.
type call struct {
	id, method, route, project, instance, principal, code string
	warnings                                              []string
	rec                                                   *recorder
	// cut says why the answer was not written whole; shutdown is set when
	// the shutdown's grace period ran out with the request in flight.
	cut      string
	shutdown atomic.Bool
	// unread is a request body that was not read: the answer closes the
	// connection rather than wait for it (net/http would read a small one
	// before it sent the answer).
	unread bool
}

// ServeHTTP answers one request. Whatever happens, the answer carries an
// X-Request-Id and the log gets one line.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, rc: http.NewResponseController(w), timeout: s.cfg.WriteTimeout}
	c := &call{id: newRequestID(), method: r.Method, rec: rec}
	w.Header().Set("X-Request-Id", c.id)
	s.inflight.Add(1)
	s.mu.Lock()
	s.active[c] = struct{}{}
	s.mu.Unlock()
	rec.deadline()
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				s.finish(c, start)
				panic(v)
			}
			s.cfg.Log.Error("panic", "request_id", c.id, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if !rec.wrote {
				s.writeError(rec, c, http.StatusInternalServerError, engine.CodeInternal, msgSystemError)
			}
		}
		rec.deadline() // for what the server flushes after the handler
		s.finish(c, start)
	}()

	path := r.URL.EscapedPath()
	switch {
	case strings.HasPrefix(path, "/v2/"):
		s.serveExport(rec, r, c)
	case path == "/healthz":
		c.route = "healthz"
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			s.writeError(rec, c, http.StatusMethodNotAllowed, codeNoRoute, "/healthz is called with GET or HEAD, not "+r.Method)
			return
		}
		rec.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(rec, "ok\n")
	case s.cfg.Web == nil || strings.HasPrefix(path, "//"):
		// "//v2/..." is no route of the page's either.
		c.route = "unknown"
		s.writeError(rec, c, http.StatusNotFound, codeNoRoute, "No API matches "+r.Method+" "+printable(path))
	default:
		c.route = "web"
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			rec.Header().Set("Allow", "GET, HEAD")
			s.writeError(rec, c, http.StatusMethodNotAllowed, codeNoRoute, "The web page is read with GET or HEAD, not "+r.Method)
			return
		}
		s.cfg.Web.ServeHTTP(&gatewayErrors{recorder: rec, s: s, c: c, r: r}, r)
	}
}

// finish logs the request's line and forgets it.
func (s *Server) finish(c *call, start time.Time) {
	defer s.inflight.Done()
	s.mu.Lock()
	delete(s.active, c)
	s.mu.Unlock()
	rec := c.rec
	attrs := []any{"request_id", c.id, "method", c.method, "route", c.route, "status", rec.status,
		"bytes", rec.bytes.Load(), "duration_ms", float64(time.Since(start).Microseconds()) / 1000}
	for _, kv := range [][2]string{{"project", c.project}, {"instance", c.instance}, {"principal", c.principal}, {"error_code", c.code}} {
		if kv[1] != "" {
			attrs = append(attrs, kv[0], kv[1])
		}
	}
	if len(c.warnings) > 0 {
		attrs = append(attrs, "warnings", c.warnings)
	}
	cut := c.cut
	if cut == "" && rec.err != nil {
		cut = "the write failed: " + rec.err.Error()
	}
	if cut == "" && rec.length >= 0 && rec.bytes.Load() < rec.length && c.method != http.MethodHead &&
		rec.status != http.StatusNotModified && rec.status != http.StatusNoContent {
		cut = "the handler wrote less than its Content-Length"
	}
	if c.shutdown.Load() && cut == "" {
		cut = "the shutdown's grace period ran out"
	}
	if cut != "" {
		attrs = append(attrs, "complete", false, "cut", cut)
		if rec.length >= 0 {
			attrs = append(attrs, "length", rec.length)
		}
		s.cfg.Log.Warn("request", attrs...)
		return
	}
	s.cfg.Log.Info("request", attrs...)
}

// CutInFlight logs a line for each request still in flight, saying that
// the shutdown cuts it, and marks it so that its own line, if it gets to
// write one, says so too. The command calls it when the shutdown's grace
// period runs out, before it closes the connections.
func (s *Server) CutInFlight(why string) int {
	s.mu.Lock()
	calls := make([]*call, 0, len(s.active))
	for c := range s.active {
		calls = append(calls, c)
	}
	s.mu.Unlock()
	for _, c := range calls {
		c.shutdown.Store(true)
		s.cfg.Log.Warn("request cut", "request_id", c.id, "method", c.method, "bytes", c.rec.bytes.Load(), "cut", why)
	}
	return len(calls)
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
		s.writeError(w, c, http.StatusNotFound, codeNoRoute, "No API matches "+r.Method+" "+printable(r.URL.EscapedPath()))
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
	c.unread = r.ContentLength != 0
	// An answer given before the body is read (a caller that cannot pass)
	// goes out at once; the body is then read and thrown away, without
	// holding it, so that closing the connection does not reset it before
	// the caller has read the answer.
	w.rc.EnableFullDuplex()
	defer func() {
		// A client that sent Expect: 100-continue waits for a go-ahead it
		// does not get, and sends no body: nothing to drain.
		if c.unread && w.wrote && !strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
			w.rc.Flush()
			w.rc.SetReadDeadline(time.Now().Add(drainTime))
			io.Copy(io.Discard, io.LimitReader(r.Body, maxBody))
		}
	}()

	tooLarge := engine.InvalidParam("body", "the body is larger than %d bytes", maxBody)
	if r.ContentLength > maxBody {
		s.writeEngineError(w, c, tooLarge)
		return
	}

	// Who calls is known before the body is read: a token wholly, a
	// signature by all but the body's hash. A caller without a credential
	// that could pass costs no memory (the body is never read).
	var sig *signer
	if s.auth != nil {
		p, sg, why := s.authenticate(r)
		if why != "" {
			s.unauthenticated(w, c, why)
			return
		}
		if p != nil && !s.authorize(w, c, p, project) {
			return
		}
		sig = sg
	}

	// The body's memory, then the body. Each wait for room (here, for a
	// load of the bundle, for the export) is at most QueueWait.
	queue := func() (context.Context, context.CancelFunc) { return context.WithTimeout(r.Context(), s.cfg.QueueWait) }
	ctx, cancel := queue()
	defer cancel()
	want := r.ContentLength
	if want < 0 {
		want = 2 * maxBody // read by growing a buffer
	}
	bodyTicket, err := s.admit.acquire(ctx, want, false)
	if err != nil {
		s.busy(w, c, err, want)
		return
	}
	body, err := readBody(r)
	c.unread = err != nil || len(body) > maxBody
	if err != nil {
		bodyTicket.release()
		s.writeEngineError(w, c, engine.InvalidParam("body", "the body could not be read"))
		return
	}
	if len(body) > maxBody {
		bodyTicket.release()
		s.writeEngineError(w, c, tooLarge)
		return
	}
	if sig != nil {
		p, err := sig.verify(&signedRequest{Method: r.Method, Segments: segments, Query: r.URL.Query(),
			Header: r.Header, Host: r.Host, Body: body})
		if err != nil {
			bodyTicket.release()
			s.unauthenticated(w, c, err.Error())
			return
		}
		if !s.authorize(w, c, p, project) {
			bodyTicket.release()
			return
		}
	}
	req, rerr := decodeRequest(body)
	bodyTicket.release()
	body = nil

	if s.store == nil {
		s.writeError(w, c, http.StatusNotFound, codeNoInstance, fmt.Sprintf("Instance %s does not exist", instanceID))
		return
	}
	ctx, cancel = queue()
	defer cancel()
	found, err := s.store.Bundle(ctx, project, instanceID)
	var why *notInstance
	if errors.As(err, &why) {
		s.cfg.Log.Warn("not an instance", "request_id", c.id, "project", project, "instance", instanceID, "why", why.Error())
	}
	switch {
	case errors.Is(err, errNoInstance):
		s.writeError(w, c, http.StatusNotFound, codeNoInstance, fmt.Sprintf("Instance %s does not exist", instanceID))
		return
	case errors.Is(err, errBusy):
		s.busy(w, c, err, 0)
		return
	}
	if found.failed != nil {
		attrs := []any{"request_id", c.id, "project", project, "instance", instanceID, "error", found.failed.Error()}
		if found.stale {
			attrs = append(attrs, "serving", "the last bundle that loaded")
		}
		s.cfg.Log.Error("bundle", attrs...)
	}
	if big, ok := errors.AsType[*loadTooBig](err); ok {
		s.busy(w, c, err, big.need)
		return
	}
	if err != nil {
		s.writeError(w, c, http.StatusInternalServerError, engine.CodeInternal, msgSystemError)
		return
	}

	if rerr != nil {
		s.writeEngineError(w, c, rerr)
		return
	}
	// API Gateway documents oas_version; ROMA Connect's route takes it
	// too, so that both export OpenAPI 3.0.
	if vals, ok := r.URL.Query()["oas_version"]; ok {
		if len(vals) != 1 {
			s.writeEngineError(w, c, engine.InvalidParam("oas_version", "give it once"))
			return
		}
		req.OASVersion = vals[0]
	}
	cost := exportCost(found.size)
	ctx, cancel = queue()
	defer cancel()
	t, err := s.admit.acquire(ctx, cost, true)
	if err != nil {
		s.busy(w, c, err, cost)
		return
	}
	defer t.release()
	res, err := engine.Export(found.bundle, req, engine.Options{Now: s.cfg.Now()})
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
	t.shrink(int64(len(res.Body)))
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

// readBody reads a body of at most maxBody+1 bytes (one more tells that
// it is too large) into a buffer of its announced size, or a growing one.
func readBody(r *http.Request) ([]byte, error) {
	if n := r.ContentLength; n >= 0 && n <= maxBody {
		body := make([]byte, n)
		if _, err := io.ReadFull(r.Body, body); err != nil {
			return nil, err
		}
		return body, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, maxBody+1))
}

// authenticate finds the principal of a token, or checks all of a
// signature but the body: then p is nil and sig verifies the rest once
// the body is read. why is a kind of failure (authFailure), for the log:
// never anything the caller sent.
func (s *Server) authenticate(r *http.Request) (p *Principal, sig *signer, why string) {
	if tokens := r.Header.Values("X-Auth-Token"); len(tokens) > 0 {
		if len(tokens) > 1 {
			return nil, nil, failTokens
		}
		if p := s.auth.byToken(tokens[0]); p != nil {
			return p, nil, ""
		}
		return nil, nil, failToken
	}
	if len(r.Header.Values("Authorization")) == 0 {
		return nil, nil, failNoCredential
	}
	sig, err := s.auth.checkHeader(r.Header, s.cfg.Now(), s.cfg.RequireSignedHost)
	if err != nil {
		return nil, nil, err.Error()
	}
	return nil, sig, ""
}

func (s *Server) unauthenticated(w *recorder, c *call, why string) {
	s.cfg.Log.Info("unauthenticated", "request_id", c.id, "reason", why)
	s.writeError(w, c, http.StatusUnauthorized, codeUnauthenticated, msgUnauthenticated)
}

// authorize answers 403 unless p may call the project.
func (s *Server) authorize(w *recorder, c *call, p *Principal, project string) bool {
	c.principal = p.Name
	if !p.mayCall(project) {
		s.writeError(w, c, http.StatusForbidden, codeForbidden, msgForbidden)
		return false
	}
	return true
}

// busy answers a request that found no room: 429 with Retry-After when
// it waited its time, 503 when it could never fit the budget.
func (s *Server) busy(w *recorder, c *call, err error, need int64) {
	if errors.Is(err, errTooBig) {
		s.writeError(w, c, http.StatusServiceUnavailable, codeUnavailable, fmt.Sprintf(
			"Backend unavailable: this export needs about %d MiB, more than the %d MiB that the server's memory budget (-max-memory %d MiB) admits",
			need>>20, (admitted(s.cfg.MaxMemory)-BaseMemory)>>20, s.cfg.MaxMemory>>20))
		return
	}
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter(s.cfg.QueueWait)))
	s.writeError(w, c, http.StatusTooManyRequests, codeThrottled, fmt.Sprintf(
		"The throttling threshold has been reached: the server is running all the exports its limits allow (-max-exports %d, -max-memory %d MiB); retry later",
		s.cfg.MaxExports, s.cfg.MaxMemory>>20))
}

// retryAfter is the Retry-After of a 429 or 503, in seconds: the time a
// request waits, at least one second.
func retryAfter(wait time.Duration) int {
	return max(1, int((wait+time.Second-1)/time.Second))
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
	if c.unread {
		h.Set("Connection", "close")
	}
	w.WriteHeader(status)
	w.Write(body)
}

// recorder remembers what was written, for the log and for recovery, and
// gives every write its own deadline: a steady reader gets an answer of
// any size, one that stops reading is cut off after timeout.
type recorder struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	status  int
	bytes   atomic.Int64
	length  int64 // the Content-Length sent, or -1
	wrote   bool
	err     error // the first write error
}

// drainTime is how long an unread body is drained after the answer.
const drainTime = 10 * time.Second

// writeChunk is the most that one write with its own deadline carries.
const writeChunk = 64 << 10

// deadline gives the next write its time.
func (r *recorder) deadline() {
	if r.timeout > 0 {
		r.rc.SetWriteDeadline(time.Now().Add(r.timeout)) // not supported by a test recorder: no deadline
	}
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote, r.length = code, true, -1
		if n, err := strconv.ParseInt(r.Header().Get("Content-Length"), 10, 64); err == nil {
			r.length = n
		}
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	if r.err != nil {
		return 0, r.err
	}
	written := 0
	for len(b) > 0 {
		chunk := b[:min(len(b), writeChunk)]
		r.deadline()
		n, err := r.ResponseWriter.Write(chunk)
		written += n
		r.bytes.Add(int64(n))
		if errors.Is(err, http.ErrBodyNotAllowed) { // HEAD, 304: no body is the whole answer
			return written, err
		}
		if err != nil {
			r.err = err
			return written, err
		}
		b = b[n:]
	}
	return written, nil
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// gatewayErrors turns the web page handler's error answers (a plain-text
// 404 from the file server) into the gateway's JSON error body; answers
// that are JSON already pass through.
type gatewayErrors struct {
	*recorder
	s       *Server
	c       *call
	r       *http.Request
	replace bool
}

func (g *gatewayErrors) WriteHeader(code int) {
	if code < 400 || g.recorder.wrote || strings.HasPrefix(g.Header().Get("Content-Type"), "application/json") {
		g.recorder.WriteHeader(code)
		return
	}
	g.replace = true
	for _, k := range []string{"Content-Type", "Content-Length", "X-Content-Type-Options", "Content-Encoding"} {
		g.Header().Del(k)
	}
	errCode, msg := codeBadRequest, fmt.Sprintf("API request error: %s %s is answered %d", g.r.Method, printable(g.r.URL.EscapedPath()), code)
	switch {
	case code == http.StatusNotFound:
		errCode, msg = codeNoRoute, "No file or API matches "+g.r.Method+" "+printable(g.r.URL.EscapedPath())
	case code >= 500:
		errCode, msg = engine.CodeInternal, msgSystemError
	}
	g.s.writeError(g.recorder, g.c, code, errCode, msg)
}

func (g *gatewayErrors) Write(b []byte) (int, error) {
	if !g.recorder.wrote {
		g.WriteHeader(http.StatusOK)
	}
	if g.replace {
		return len(b), nil
	}
	return g.recorder.Write(b)
}

func (g *gatewayErrors) Unwrap() http.ResponseWriter { return g.recorder }

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
