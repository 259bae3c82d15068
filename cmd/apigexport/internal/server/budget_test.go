package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model/bundlegen"
)

var fullLoad = flag.Bool("load.full", false, "TestMemoryBudget at the size of make load: a 10,000-API group, 12 YAML and 50 JSON exports, 800 unauthenticated bodies")

// budgetShape is one size of TestMemoryBudget.
type budgetShape struct {
	apis, yaml, json, unauth int
	budget                   int64
	exports, conns           int
	queueWait                time.Duration
}

var (
	// make load: the figures.
	budgetFull = budgetShape{apis: 10000, yaml: 12, json: 50, unauth: 800, budget: 3 << 30, exports: 2, conns: 256, queueWait: 30 * time.Second}
	// go test: the same assertions, a tenth of the size.
	budgetSmall = budgetShape{apis: 1000, yaml: 3, json: 10, unauth: 100, budget: 320 << 20, exports: 2, conns: 32, queueWait: 10 * time.Second}
)

// memSampler records the peak of the memory the Go runtime holds from
// the system (mapped, less what it gave back), read every millisecond.
type memSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	done chan struct{}
}

func sampleMemory() *memSampler {
	m := &memSampler{stop: make(chan struct{}), done: make(chan struct{})}
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	read := func() {
		metrics.Read(samples)
		held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
		if held > m.peak.Load() {
			m.peak.Store(held)
		}
	}
	go func() {
		defer close(m.done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			read()
			select {
			case <-tick.C:
			case <-m.stop:
				read()
				return
			}
		}
	}()
	return m
}

func (m *memSampler) Stop() uint64 {
	close(m.stop)
	<-m.done
	return m.peak.Load()
}

// TestMemoryBudget runs YAML and JSON exports of a large group at once,
// with unauthenticated callers sending 1 MiB bodies, against a server
// with a memory budget, the runtime's memory limit set to it: the
// process's peak memory (read from the runtime by a sampling goroutine)
// stays within the budget, and every request gets its answer: 200 or
// 429 for an export, 401 or 503 (over the connection cap) for the
// others. It logs the figures that BENCHMARKS.md records; make load runs
// it at full size (-load.full).
func TestMemoryBudget(t *testing.T) {
	shape := budgetSmall
	if *fullLoad {
		shape = budgetFull
	} else if testing.Short() {
		t.Skip("a thousand-API group under load")
	}
	dir := t.TempDir()
	raw, err := json.Marshal(bundlegen.Generate(shape.apis, 1))
	if err != nil {
		t.Fatal(err)
	}
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": raw})
	bundleSize := len(raw)
	raw = nil

	defer debug.SetMemoryLimit(debug.SetMemoryLimit(shape.budget))
	srv := quietServer(t, dir, Limits{MaxMemory: shape.budget, MaxExports: shape.exports, QueueWait: shape.queueWait, WriteTimeout: 30 * time.Second})
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	go hs.Serve(LimitListener(inner, shape.conns, shape.queueWait, nil))
	defer hs.Close()
	url := "http://" + inner.Addr().String() + exportPath("apic", project, instanceID)

	// The server's own accounting, sampled alongside.
	var admitted atomic.Int64
	stopAdmitted := make(chan struct{})
	go func() {
		for {
			if m, _ := srv.admit.inUse(); m > admitted.Load() {
				admitted.Store(m)
			}
			select {
			case <-stopAdmitted:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute) // a bound, not a measure
	defer cancel()
	// A connection each: a kept-alive one that the server closes just as the
	// client reuses it fails the POST on the client's side (it is not
	// retried), which is no answer of the server's.
	exportClient := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	unauthClient := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	megabyte := bytes.Repeat([]byte(" "), maxBody)
	type outcome struct {
		kind   string
		status int
		code   string
		err    string
	}
	var mu sync.Mutex
	var outcomes []outcome
	record := func(o outcome) {
		mu.Lock()
		outcomes = append(outcomes, o)
		mu.Unlock()
	}
	send := func(kind string, client *http.Client, body io.Reader, n int64, token string) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, body)
		if err != nil {
			panic(err)
		}
		req.ContentLength = n
		req.Header.Set("Content-Type", "application/json;charset=UTF-8")
		if token != "" {
			req.Header.Set("X-Auth-Token", token)
		}
		res, err := client.Do(req)
		if err != nil {
			record(outcome{kind: kind, err: err.Error()})
			return
		}
		defer res.Body.Close()
		o := outcome{kind: kind, status: res.StatusCode}
		if res.StatusCode == 200 {
			if n, err := io.Copy(io.Discard, res.Body); err != nil || n != res.ContentLength {
				o.err = fmt.Sprintf("%d of %d bytes: %v", n, res.ContentLength, err)
			}
		} else {
			var e struct {
				Code string `json:"error_code"`
				Msg  string `json:"error_msg"`
			}
			b, _ := io.ReadAll(res.Body)
			if json.Unmarshal(b, &e) != nil || e.Code == "" || e.Msg == "" {
				o.err = fmt.Sprintf("not a gateway error body: %.200q", b)
			}
			o.code = e.Code
			if (res.StatusCode == 429 || res.StatusCode == 503) && res.Header.Get("Retry-After") == "" {
				o.err = "no Retry-After"
			}
		}
		record(o)
	}
	exportBody := func(typ string) string {
		return `{"group_id":"` + bundlegen.GroupID + `","env_id":"` + release + `","define":"dev","type":"` + typ + `","version":"load"}` + "\n"
	}

	runtime.GC()
	mem := sampleMemory()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range shape.yaml + shape.json + shape.unauth {
		wg.Go(func() {
			switch {
			case i < shape.yaml:
				b := exportBody("yaml")
				send("yaml", exportClient, strings.NewReader(b), int64(len(b)), tokenCI)
			case i < shape.yaml+shape.json:
				b := exportBody("json")
				send("json", exportClient, strings.NewReader(b), int64(len(b)), tokenCI)
			default:
				send("unauthenticated", unauthClient, bytes.NewReader(megabyte), int64(len(megabyte)), "")
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	peak := mem.Stop()
	close(stopAdmitted)

	// Every request got one of its documented answers.
	allowed := map[string][]string{
		"yaml":            {"200", "429 APIG.0308", "503 APIG.0202"},
		"json":            {"200", "429 APIG.0308", "503 APIG.0202"},
		"unauthenticated": {"401 APIG.1002", "503 APIG.0202"},
	}
	counts := map[string]map[string]int{}
	var failures []string
	for _, o := range outcomes {
		answer := fmt.Sprint(o.status)
		if o.code != "" {
			answer += " " + o.code
		}
		if o.err != "" || !slices.Contains(allowed[o.kind], answer) {
			failures = append(failures, fmt.Sprintf("%s: %s %s", o.kind, answer, o.err))
			continue
		}
		if counts[o.kind] == nil {
			counts[o.kind] = map[string]int{}
		}
		counts[o.kind][answer]++
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d requests did not get a documented answer; the first: %s", len(failures), len(outcomes),
			strings.Join(failures[:min(5, len(failures))], "\n"))
	}
	if counts["yaml"]["200"]+counts["json"]["200"] == 0 {
		t.Errorf("no export was served: %v", counts)
	}
	t.Logf("load: %d APIs (%.1f MB of bundle), budget %d MiB, -max-exports %d, -max-conns %d, -queue-wait %s, GOMAXPROCS %d",
		shape.apis, float64(bundleSize)/1e6, shape.budget>>20, shape.exports, shape.conns, shape.queueWait, runtime.GOMAXPROCS(0))
	for _, k := range []string{"yaml", "json", "unauthenticated"} {
		t.Logf("load: %-15s %v", k, counts[k])
	}
	t.Logf("load: peak memory %d MiB of the %d MiB budget (admitted at most %d MiB); %s for the %d requests",
		peak>>20, shape.budget>>20, admitted.Load()>>20, elapsed.Round(100*time.Millisecond), len(outcomes))
	if peak > uint64(shape.budget) {
		t.Errorf("the process held %d MiB at its peak, over the budget of %d MiB", peak>>20, shape.budget>>20)
	}
}
