package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model/bundlegen"
)

func TestAdmission(t *testing.T) {
	a := newAdmission(100, 2)
	ctx := context.Background()
	expired, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := a.acquire(ctx, 101, false); !errors.Is(err, errTooBig) {
		t.Fatalf("more than the budget: %v", err)
	}
	big, _ := a.acquire(ctx, 60, true)
	small, _ := a.acquire(ctx, 10, true)
	// No slot left: an export waits, and gives up when its context ends.
	if _, err := a.acquire(expired, 1, true); !errors.Is(err, errBusy) {
		t.Fatalf("no slot: %v", err)
	}
	// Memory only, while an export waits for a slot: not held up by it.
	queued := make(chan struct{}, 1)
	a.queued = func() { queued <- struct{}{} }
	waiting := make(chan *ticket)
	go func() { t, _ := a.acquire(ctx, 20, true); waiting <- t }()
	<-queued
	a.queued = nil
	body, err := a.acquire(ctx, 25, false)
	if err != nil {
		t.Fatalf("memory only behind a waiting export: %v", err)
	}
	// 95 of 100 in use: the export waits for memory too, then gets both.
	small.release()
	body.release()
	third := <-waiting
	if mem, slots := a.inUse(); mem != 80 || slots != 2 {
		t.Errorf("in use %d bytes, %d slots; want 80, 2", mem, slots)
	}
	// Shrinking gives back the slot and the difference.
	big.shrink(5)
	if mem, slots := a.inUse(); mem != 25 || slots != 1 {
		t.Errorf("after shrink: %d bytes, %d slots; want 25, 1", mem, slots)
	}
	big.release()
	third.release()
	a.hold(30)
	a.drop(30)
	if mem, slots := a.inUse(); mem != 0 || slots != 0 {
		t.Errorf("after all: %d bytes, %d slots", mem, slots)
	}
}

// TestBusyAnswers: an export that finds no slot within QueueWait is 429
// APIG.0308 with Retry-After; one that could never fit the budget is 503.
func TestBusyAnswers(t *testing.T) {
	dir := t.TempDir()
	bundle, err := json.Marshal(bundlegen.Generate(1000, 1))
	if err != nil {
		t.Fatal(err)
	}
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": bundle})
	// A group that could never fit the smallest budget (96 MiB handed
	// out): 29.6 MB of bundle, five times that to load it.
	big, err := json.Marshal(bundlegen.Generate(20000, 1))
	if err != nil {
		t.Fatal(err)
	}
	writeInstance(t, dir, project, instanceID+"-big", map[string][]byte{"bundle.json": big})
	srv := quietServer(t, dir, Limits{MaxMemory: MinMemory, MaxExports: 1, QueueWait: 20 * time.Millisecond})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	f := &fixture{dir: dir, srv: srv, url: hs.URL}
	path := exportPath("apic", project, instanceID)
	body := func(typ string) string {
		return `{"group_id":"` + bundlegen.GroupID + `","env_id":"` + release + `","define":"dev","type":"` + typ + `","version":"1"}`
	}
	if got := f.post(t, path, body("json"), withToken(tokenCI)); got.status != 200 {
		t.Fatalf("json: %d %s", got.status, got.body)
	}
	if got := f.post(t, path, body("yaml"), withToken(tokenCI)); got.status != 200 {
		t.Fatalf("yaml: %d %.200s", got.status, got.body)
	}
	got := f.post(t, exportPath("apic", project, instanceID+"-big"), body("json"), withToken(tokenCI))
	if code, msg := got.errorBody(t); got.status != 503 || code != codeUnavailable || !strings.Contains(msg, "-max-memory") {
		t.Errorf("over the budget: %d %.200s", got.status, got.body)
	}
	hold, err := srv.admit.acquire(context.Background(), 1, true)
	if err != nil {
		t.Fatal(err)
	}
	got = f.post(t, path, body("json"), withToken(tokenCI))
	if code, msg := got.errorBody(t); got.status != 429 || code != codeThrottled || got.header.Get("Retry-After") != "1" ||
		!strings.HasPrefix(msg, "The throttling threshold has been reached") {
		t.Errorf("no slot: %d %v %s", got.status, got.header, got.body)
	}
	hold.release()
	if got := f.post(t, path, body("json"), withToken(tokenCI)); got.status != 200 {
		t.Errorf("after the slot is free: %d %s", got.status, got.body)
	}
	// Everything but the base and the cached bundle is given back (a
	// handler releases just after its answer is out: wait for it).
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rest, err := srv.admit.acquire(ctx, admitted(MinMemory)-BaseMemory-int64(len(bundle)), true)
	if err != nil {
		mem, slots := srv.admit.inUse()
		t.Fatalf("after the requests, %d bytes and %d slots are still in use", mem, slots)
	}
	rest.release()
}

// TestConnectionCap: past max connections, a new one waits and is then
// answered 503 with the gateway's body; once one closes, the next is
// served.
func TestConnectionCap(t *testing.T) {
	f := newFixture(t, nil)
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := LimitListener(inner, 2, 20*time.Millisecond, slog.New(slog.DiscardHandler))
	hs := &http.Server{Handler: f.srv}
	go hs.Serve(ln)
	defer hs.Close()
	addr := inner.Addr().String()
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	// The held ones are accepted first (the kernel's queue is in order), so
	// the third finds no slot.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	c.Close()
	var e struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	if res.StatusCode != 503 || res.Header.Get("Retry-After") != "1" || res.Header.Get("X-Request-Id") == "" ||
		json.Unmarshal(raw, &e) != nil || e.Code != codeUnavailable || !strings.Contains(e.Msg, "-max-conns") {
		t.Errorf("over the cap: %d %v %s", res.StatusCode, res.Header, raw)
	}
	held[0].Close()
	res2, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res2.StatusCode != 200 {
		t.Errorf("after one closed: %d", res2.StatusCode)
	}
	held[1].Close()
}

// TestConnectionCapWaits: a connection over the cap that finds a slot
// within the wait is served, not refused.
func TestConnectionCapWaits(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := LimitListener(inner, 1, time.Minute, nil).(*limitListener)
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })}
	go hs.Serve(ln)
	defer hs.Close()
	held, err := net.Dial("tcp", inner.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan int, 1)
	go func() {
		res, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Get("http://" + inner.Addr().String() + "/")
		if err != nil {
			got <- 0
			return
		}
		res.Body.Close()
		got <- res.StatusCode
	}()
	// The second connection is queued once pending counts it; then the
	// held one closes and frees its slot.
	for ln.pending.Load() == 0 {
		runtime.Gosched()
	}
	held.Close()
	if code := <-got; code != 200 {
		t.Errorf("a queued connection, once a slot freed: %d", code)
	}
}

// TestRefusalReadsTheRequest: a connection refused over the cap is
// answered only after its request's head has come in. On a pipe, whose
// writes wait for the other side's reads, an answer written first leaves
// the request unsent until the refusal gives up and closes.
func TestRefusalReadsTheRequest(t *testing.T) {
	l := LimitListener(nil, 1, time.Millisecond, nil).(*limitListener)
	for _, writes := range [][]string{
		{"POST /v2/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"},
		{"GET / HTTP/1.1\nHost: x\n\n"},
		{"GET /" + strings.Repeat("a", 10000) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
		// A line that fills the reader's buffer twice and ends just
		// after it, alone in its write: its last "\r\n" is no blank line.
		{"GET /" + strings.Repeat("a", 2*4096-5), "\r\n", "Host: x\r\n\r\n"},
		{"GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n"},
	} {
		head := strings.Join(writes, "")
		server, client := net.Pipe()
		l.pending.Add(1)
		go l.refuse(server, false)
		for _, w := range writes {
			if _, err := io.WriteString(client, w); err != nil {
				t.Fatalf("%.20q: the request could not be sent before the answer: %v", head, err)
			}
		}
		res, err := http.ReadResponse(bufio.NewReader(client), nil)
		if err != nil {
			t.Fatalf("%.20q: %v", head, err)
		}
		raw, _ := io.ReadAll(res.Body)
		client.Close()
		if res.StatusCode != 503 || !strings.Contains(string(raw), codeUnavailable) {
			t.Errorf("%.20q: %d %s", head, res.StatusCode, raw)
		}
	}
}
