package engine_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// The benchmarks of make bench. BENCHMARKS.md explains them and records a
// run; engine/internal/benchreport turns the output into its table.

var benchSizes = []int{10, 100, 1000, 10000}

// referenceMax bounds the sizes the reference validator is run at: it
// takes minutes and gigabytes at 10,000 APIs.
const referenceMax = 1000

var (
	benchMu      sync.Mutex
	benchBundles = map[int]*model.Bundle{}
)

func benchBundle(b *testing.B, n int) *model.Bundle {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if bb, ok := benchBundles[n]; ok {
		return bb
	}
	data, err := json.Marshal(bundlegen.Generate(n, 1))
	if err != nil {
		b.Fatal(err)
	}
	bb, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
	if err != nil {
		b.Fatal(err)
	}
	benchBundles[n] = bb
	return bb
}

func benchRequest(typ string) engine.Request {
	return engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: "all", Type: typ, Version: "bench"}
}

// benchRequestOAS3 is benchRequest for OpenAPI 3.0.
func benchRequestOAS3(typ string) engine.Request {
	req := benchRequest(typ)
	req.OASVersion = "3.0"
	return req
}

func benchDoc(b *testing.B, n int) []byte {
	b.Helper()
	res, err := engine.Export(benchBundle(b, n), benchRequest("json"), engine.Options{SkipValidation: true})
	if err != nil {
		b.Fatal(err)
	}
	return res.Body
}

// settle runs one operation untimed, then collects the garbage that
// setting up left, so that the timed loop does not pay for either. The
// warm-up matters for the growth budget: b.Loop times its ramp-up too, so
// without it the first operation, which grows the heap from the operating
// system, is one of two or three samples at 10,000 APIs and one of
// twenty-five at 1,000, and the ratio measures the ramp.
func settle(warmUp func()) {
	warmUp()
	runtime.GC()
}

func runExport(b *testing.B, n int, req engine.Request, opts engine.Options) {
	bb := benchBundle(b, n)
	settle(func() {
		if _, err := engine.Export(bb, req, opts); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportAllocs()
	var size int
	for b.Loop() {
		res, err := engine.Export(bb, req, opts)
		if err != nil {
			b.Fatal(err)
		}
		size = len(res.Body)
	}
	b.ReportMetric(float64(size), "doc-bytes")
}

// BenchmarkExport: export without validation.
func BenchmarkExport(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequest("json"), engine.Options{SkipValidation: true}) })
	}
}

// BenchmarkExportValidate: export with the default validation.
func BenchmarkExportValidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequest("json"), engine.Options{}) })
	}
}

// BenchmarkExportYAML: export with validation, as YAML.
func BenchmarkExportYAML(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequest("yaml"), engine.Options{}) })
	}
}

// BenchmarkExportYAMLNoValidate: export without validation, as YAML, to
// set against BenchmarkExport: the writers alone.
func BenchmarkExportYAMLNoValidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequest("yaml"), engine.Options{SkipValidation: true}) })
	}
}

// BenchmarkExportOAS3: Export as OpenAPI 3.0 (oas_version 3.0), on the
// same bundles.
func BenchmarkExportOAS3(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			runExport(b, n, benchRequestOAS3("json"), engine.Options{SkipValidation: true})
		})
	}
}

// BenchmarkExportValidateOAS3: ExportValidate as OpenAPI 3.0, the export
// with the validation every OpenAPI 3.0 export gets.
func BenchmarkExportValidateOAS3(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequestOAS3("json"), engine.Options{}) })
	}
}

// BenchmarkExportYAMLOAS3: ExportYAML as OpenAPI 3.0.
func BenchmarkExportYAMLOAS3(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) { runExport(b, n, benchRequestOAS3("yaml"), engine.Options{}) })
	}
}

// BenchmarkValidate: engine.Validate on the exported JSON bytes, as the
// validate command runs it (reading the JSON included).
func BenchmarkValidate(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			doc := benchDoc(b, n)
			settle(func() { _, _ = engine.Validate(doc) })
			b.ReportAllocs()
			for b.Loop() {
				if fs, err := engine.Validate(doc); err != nil || engine.HasErrors(fs) {
					b.Fatal(err, fs)
				}
			}
		})
	}
}

// BenchmarkReference: go-openapi/validate alone on the same bytes.
func BenchmarkReference(b *testing.B) {
	for _, n := range benchSizes {
		if n > referenceMax {
			continue
		}
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			doc := benchDoc(b, n)
			// No warm-up: one operation takes seconds, and the figure is
			// for information.
			settle(func() {})
			b.ReportAllocs()
			for b.Loop() {
				if fs, err := engine.ValidateStrict(doc); err != nil || engine.HasErrors(fs) {
					b.Fatal(err, fs)
				}
			}
		})
	}
}

// BenchmarkFloor: encoding/json writing the same document held as a
// generic value, the least any export can cost.
func BenchmarkFloor(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			var v any
			if err := json.Unmarshal(benchDoc(b, n), &v); err != nil {
				b.Fatal(err)
			}
			settle(func() { _, _ = json.MarshalIndent(v, "", "\t") })
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.MarshalIndent(v, "", "\t"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPeakHeap: the largest live heap during one export + validation
// of 10,000 APIs, sampled, against the document's size.
func BenchmarkPeakHeap(b *testing.B) {
	b.Run("apis=10000", peakHeap)
}

func peakHeap(b *testing.B) {
	const n = 10000
	bb := benchBundle(b, n)
	req := benchRequest("json")
	var peak, size uint64
	for b.Loop() {
		runtime.GC()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		metrics.Read(sample)
		base := sample[0].Value.Uint64()
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() {
			var max uint64
			t := time.NewTicker(200 * time.Microsecond)
			defer t.Stop()
			for {
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > max {
					max = v
				}
				select {
				case <-stop:
					done <- max
					return
				case <-t.C:
				}
			}
		}()
		res, err := engine.Export(bb, req, engine.Options{})
		close(stop)
		m := <-done
		if err != nil {
			b.Fatal(err)
		}
		if m > base && m-base > peak {
			peak = m - base
		}
		size = uint64(len(res.Body))
	}
	b.ReportMetric(float64(peak), "peak-heap-bytes")
	b.ReportMetric(float64(size), "doc-bytes")
	b.ReportMetric(float64(peak)/float64(size), "peak/doc")
}
