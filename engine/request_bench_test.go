package engine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// requestSizes are the sizes of BenchmarkRequest, BenchmarkRequestYAML and
// BenchmarkRequestFloor. make bench runs 100,000 APIs apart, once
// (-benchtime 1x, three times), and the smaller sizes once in each of five rounds.
var requestSizes = []int{1000, 10000, 100000}

// requestSizesOAS3 are the sizes of BenchmarkRequestOAS3 and
// BenchmarkRequestYAMLOAS3: the budgets of OpenAPI 3.0 go to 10,000 APIs.
var requestSizesOAS3 = []int{1000, 10000}

// requestFile writes bundlegen's bundle of n APIs to a file of the
// benchmark's temporary directory and returns its name.
func requestFile(b *testing.B, n int) string {
	b.Helper()
	data, err := json.Marshal(bundlegen.Generate(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(b.TempDir(), "bundle.json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return name
}

// benchWholeRequest times run, the whole of one request, and reports the
// document's size and the request's peak heap.
//
// The peak heap is measured in one more request after the timed loop, so
// that measuring it costs the timed loop nothing: after a runtime.GC, a
// goroutine reads runtime/metrics' /memory/classes/heap/objects:bytes (the
// bytes of live and not yet swept objects) every 200 µs while the request
// runs; peak-heap-bytes is the largest reading less the reading before the
// request. Floor and request are measured alike, under the same GOGC. The
// sampler needs a second thread: under GOOS=js, where a goroutine runs only
// when the running one blocks, it is not reported.
func benchWholeRequest(b *testing.B, run func() int) {
	settle(func() { run() })
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = run()
	}
	b.ReportMetric(float64(size), "doc-bytes")
	if runtime.GOOS != "js" {
		b.StopTimer()
		b.ReportMetric(float64(peakOf(func() { run() })), "peak-heap-bytes")
	}
}

// peakOf runs fn once and returns the largest growth of the heap's objects
// over their size before fn, sampled every 200 µs.
func peakOf(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- peak
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	peak := <-done
	if peak < base {
		return 0
	}
	return peak - base
}

// request is the whole request of a user, as `apigexport export` makes it:
// read the bundle file, model.Load (tolerant, the default), engine.Export
// of req with its default validation; it returns the document's size.
func request(b *testing.B, name string, req engine.Request) func() int {
	return func() int {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		bb, err := model.Load([]model.File{{Name: name, Data: data}}, model.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := engine.Export(bb, req, engine.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return len(res.Body)
	}
}

// BenchmarkRequest: the whole request, JSON. BENCHMARKS.md compares it
// with BenchmarkRequestFloor.
func BenchmarkRequest(b *testing.B) {
	for _, n := range requestSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			benchWholeRequest(b, request(b, requestFile(b, n), benchRequest("json")))
		})
	}
}

// BenchmarkRequestYAML: the whole request, YAML.
func BenchmarkRequestYAML(b *testing.B) {
	for _, n := range requestSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			benchWholeRequest(b, request(b, requestFile(b, n), benchRequest("yaml")))
		})
	}
}

// BenchmarkRequestOAS3: the whole request, OpenAPI 3.0 JSON (oas_version
// 3.0), on the same files.
func BenchmarkRequestOAS3(b *testing.B) {
	for _, n := range requestSizesOAS3 {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			benchWholeRequest(b, request(b, requestFile(b, n), benchRequestOAS3("json")))
		})
	}
}

// BenchmarkRequestYAMLOAS3: the whole request, OpenAPI 3.0 YAML.
func BenchmarkRequestYAMLOAS3(b *testing.B) {
	for _, n := range requestSizesOAS3 {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			benchWholeRequest(b, request(b, requestFile(b, n), benchRequestOAS3("yaml")))
		})
	}
}

// BenchmarkRequestFloor: the floor of the whole request, on the same
// file: read it, encoding/json decodes it into any and writes that back
// indented.
func BenchmarkRequestFloor(b *testing.B) {
	for _, n := range requestSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			name := requestFile(b, n)
			benchWholeRequest(b, func() int {
				data, err := os.ReadFile(name)
				if err != nil {
					b.Fatal(err)
				}
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
				out, err := json.MarshalIndent(v, "", "\t")
				if err != nil {
					b.Fatal(err)
				}
				return len(out)
			})
		})
	}
}
