package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model/bundlegen"
)

// The load test's shape: the figures.
const (
	loadClients  = 50
	loadRequests = 5000
	loadAPIs     = 100
)

// loadKind is one kind of request of the load test and what must come
// back.
type loadKind struct {
	name   string
	path   string
	body   string
	auth   auth
	status int
	code   string // the error code, or "" for a document
	want   []byte // the CLI's bytes, for a document
}

// cliExports runs the built command for each request of a valid kind.
func cliExports(t *testing.T, bundleFile string, reqs [][2]string) map[[2]string][]byte {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "apigexport")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := map[[2]string][]byte{}
	for _, r := range reqs {
		doc, err := exec.Command(bin, "export", "-env", release, "-define", r[0], "-type", r[1], "-version", "load", bundleFile).Output()
		if err != nil {
			t.Fatalf("apigexport export %v: %v", r, err)
		}
		out[r] = doc
	}
	return out
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count file descriptors")
	}
	return len(entries)
}

// TestLoad sends 5,000 requests from 50 concurrent clients over loopback,
// mixing exports of a 100-API group in every scope and format with every
// kind of bad request: every answer must be the expected one, every
// document byte-identical to the command line's, and no goroutine or file
// descriptor may be left over once the clients close their connections.
// It logs the throughput and latencies that BENCHMARKS.md records.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 requests")
	}
	dir := t.TempDir()
	bundle, err := json.Marshal(bundlegen.Generate(loadAPIs, 1))
	if err != nil {
		t.Fatal(err)
	}
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": bundle})
	writeInstance(t, dir, project, "broken", map[string][]byte{"bundle.json": []byte(`{"apis": 1}`)})
	bundleFile := filepath.Join(dir, project, instanceID, "bundle.json")

	var valid [][2]string
	for _, d := range []string{"spec", "proxy", "all", "dev"} {
		for _, ty := range []string{"json", "yaml"} {
			valid = append(valid, [2]string{d, ty})
		}
	}
	want := cliExports(t, bundleFile, valid)

	ok := exportPath("apic", project, instanceID)
	reqBody := func(fields string) string {
		return `{"group_id":"` + bundlegen.GroupID + `","env_id":"` + release + `"` + fields + "}\n"
	}
	var kinds []loadKind
	for i, v := range valid {
		a := withToken(tokenCI)
		if i%2 == 1 {
			a = withSignature(akCI, skCI, clock)
		}
		product := []string{"apic", "apigw"}[i/2%2]
		kinds = append(kinds, loadKind{name: "export " + v[0] + " " + v[1], path: exportPath(product, project, instanceID),
			body: reqBody(`,"define":"` + v[0] + `","type":"` + v[1] + `","version":"load"`), auth: a, status: 200, want: want[v]})
	}
	tok := withToken(tokenCI)
	bad := []loadKind{
		{name: "no credential", path: ok, body: reqBody(""), auth: noAuth, status: 401, code: "APIG.1002"},
		{name: "unknown token", path: ok, body: reqBody(""), auth: withToken("forged"), status: 401, code: "APIG.1002"},
		{name: "wrong secret key", path: ok, body: reqBody(""), auth: withSignature(akCI, "forged", clock), status: 401, code: "APIG.1002"},
		{name: "stale signature", path: ok, body: reqBody(""), auth: withSignature(akCI, skCI, clock.Add(-time.Hour)), status: 401, code: "APIG.1002"},
		{name: "garbage signature", path: ok, body: reqBody(""), auth: func(_ testing.TB, r *http.Request, _ []byte) {
			r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=, ,,=")
		}, status: 401, code: "APIG.1002"},
		{name: "another project's token", path: ok, body: reqBody(""), auth: withToken(tokenOther), status: 403, code: "APIG.1005"},
		{name: "unknown instance", path: exportPath("apic", project, "nosuch"), body: reqBody(""), auth: tok, status: 404, code: "APIG.3030"},
		{name: "traversal", path: exportPath("apic", project, "..%2F..%2Fetc"), body: reqBody(""), auth: tok, status: 404, code: "APIG.3030"},
		{name: "malformed body", path: ok, body: `{"group_id"`, auth: tok, status: 400, code: "APIG.2012"},
		{name: "oversized body", path: ok, body: reqBody(`,"version":"` + strings.Repeat("v", maxBody) + `"`), auth: tok, status: 400, code: "APIG.2012"},
		{name: "unknown field", path: ok, body: reqBody(`,"x":1`), auth: tok, status: 400, code: "APIG.2012"},
		{name: "group_id missing", path: ok, body: `{}`, auth: tok, status: 400, code: "APIG.2001"},
		{name: "define invalid", path: ok, body: reqBody(`,"define":"full"`), auth: tok, status: 400, code: "APIG.2012"},
		{name: "group unknown", path: ok, body: `{"group_id":"nosuch","env_id":"` + release + `"}`, auth: tok, status: 404, code: "APIG.3001"},
		{name: "api unknown", path: ok, body: reqBody(`,"apis":["nosuch"]`), auth: tok, status: 404, code: "APIG.3002"},
		{name: "environment unknown", path: ok, body: `{"group_id":"` + bundlegen.GroupID + `","env_id":"nosuch"}`, auth: tok, status: 404, code: "APIG.3003"},
		{name: "broken bundle", path: exportPath("apic", project, "broken"), body: reqBody(""), auth: tok, status: 500, code: "APIG.9999"},
		{name: "unknown route", path: "/v2/" + project + "/apic/instances/" + instanceID + "/openapi/import", body: reqBody(""), auth: tok, status: 404, code: "APIG.0101"},
	}
	// One request in two is a valid export; the oversized body is rare.
	var schedule []loadKind
	for i := range loadRequests {
		switch {
		case i%2 == 0:
			schedule = append(schedule, kinds[i/2%len(kinds)])
		case i%50 == 1:
			schedule = append(schedule, bad[slices.IndexFunc(bad, func(k loadKind) bool { return k.name == "oversized body" })])
		default:
			schedule = append(schedule, bad[i/2%len(bad)])
		}
	}

	srv, err := New(Config{DataDir: dir, Credentials: testCredentials(t), Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewUnstartedServer(srv)
	var open atomic.Int64
	closed := make(chan struct{}, 1)
	hs.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			open.Add(1)
		case http.StateClosed, http.StateHijacked:
			if open.Add(-1) == 0 {
				select {
				case closed <- struct{}{}:
				default:
				}
			}
		}
	}
	hs.Start()
	defer hs.Close()

	baseGoroutines, baseFDs := runtime.NumGoroutine(), openFDs(t)
	transport := &http.Transport{MaxIdleConnsPerHost: loadClients}
	client := &http.Client{Transport: transport}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a bound, not a measure
	defer cancel()

	latencies := make([]time.Duration, len(schedule))
	var failures []string
	var mu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range loadClients {
		wg.Go(func() {
			for i := range next {
				k := schedule[i]
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, hs.URL, strings.NewReader(k.body))
				if err != nil {
					panic(err)
				}
				req.URL.Opaque = k.path
				req.Header.Set("Content-Type", "application/json;charset=UTF-8")
				k.auth(t, req, []byte(k.body))
				t0 := time.Now()
				res, err := client.Do(req)
				var body []byte
				if err == nil {
					body, err = io.ReadAll(res.Body)
					res.Body.Close()
				}
				latencies[i] = time.Since(t0)
				if msg := checkLoadAnswer(k, res, body, err); msg != "" {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("request %d (%s): %s", i, k.name, msg))
					mu.Unlock()
				}
			}
		})
	}
	for i := range schedule {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	if len(failures) > 0 {
		t.Fatalf("%d of %d answers were not the expected ones; the first: %s", len(failures), len(schedule), strings.Join(failures[:min(5, len(failures))], "\n"))
	}

	var exports, jsonExports, yamlExports []time.Duration
	for i, k := range schedule {
		if k.status == 200 {
			exports = append(exports, latencies[i])
			if strings.HasSuffix(k.name, "json") {
				jsonExports = append(jsonExports, latencies[i])
			} else {
				yamlExports = append(yamlExports, latencies[i])
			}
		}
	}
	for _, d := range [][]time.Duration{exports, jsonExports, yamlExports} {
		slices.Sort(d)
	}
	all := slices.Sorted(slices.Values(latencies))
	pct := func(d []time.Duration, p float64) time.Duration { return d[int(float64(len(d)-1)*p)] }
	r := func(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
	t.Logf("load: %d requests (%d exports of a %d-API group) from %d clients in %s: %.0f requests/s, GOMAXPROCS %d",
		len(schedule), len(exports), loadAPIs, loadClients, elapsed.Round(time.Millisecond), float64(len(schedule))/elapsed.Seconds(), runtime.GOMAXPROCS(0))
	for _, l := range []struct {
		name string
		d    []time.Duration
	}{{"all requests", all}, {"exports", exports}, {"JSON exports", jsonExports}, {"YAML exports", yamlExports}} {
		t.Logf("load: %-12s p50 %-9s p99 %s", l.name, r(pct(l.d, 0.5)), r(pct(l.d, 0.99)))
	}

	// Leaks: once the clients hang up, the server's connections close
	// (ConnState says when), and with them every goroutine and descriptor
	// the load made.
	transport.CloseIdleConnections()
	if open.Load() > 0 {
		select {
		case <-closed:
		case <-ctx.Done():
			t.Fatalf("%d connections still open", open.Load())
		}
	}
	if fds := openFDs(t); fds > baseFDs {
		t.Errorf("%d file descriptors open after the load, %d before", fds, baseFDs)
	}
	// The connections' goroutines end just after their close hook ran.
	goroutines := runtime.NumGoroutine()
	for i := 0; i < 100000 && goroutines > baseGoroutines; i++ {
		runtime.Gosched()
		goroutines = runtime.NumGoroutine()
	}
	if goroutines > baseGoroutines {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the load, %d before:\n%s", goroutines, baseGoroutines, buf[:runtime.Stack(buf, true)])
	}
}

func checkLoadAnswer(k loadKind, res *http.Response, body []byte, err error) string {
	if err != nil {
		return err.Error()
	}
	if res.StatusCode != k.status {
		return fmt.Sprintf("status %d, want %d: %.200s", res.StatusCode, k.status, body)
	}
	if res.Header.Get("X-Request-Id") == "" {
		return "no X-Request-Id"
	}
	if k.status == 200 {
		if !bytes.Equal(body, k.want) {
			return fmt.Sprintf("%d bytes, not the command line's %d", len(body), len(k.want))
		}
		return ""
	}
	var e struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	if json.Unmarshal(body, &e) != nil || e.Code != k.code || e.Msg == "" {
		return fmt.Sprintf("body %.200s, want %s", body, k.code)
	}
	return ""
}
