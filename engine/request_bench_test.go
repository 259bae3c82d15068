package engine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// requestSizes are the sizes of BenchmarkRequest and BenchmarkRequestFloor.
var requestSizes = []int{1000, 10000}

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

// BenchmarkRequest: the whole request of a user, as `apigexport export`
// makes it: read the bundle file, model.Load (tolerant, the default),
// engine.Export as JSON with its default validation. BENCHMARKS.md
// ("Bundle decoder") compares it with BenchmarkRequestFloor.
func BenchmarkRequest(b *testing.B) {
	for _, n := range requestSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			name := requestFile(b, n)
			req := benchRequest("json")
			run := func() int {
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
			settle(func() { run() })
			b.ReportAllocs()
			var size int
			for b.Loop() {
				size = run()
			}
			b.ReportMetric(float64(size), "doc-bytes")
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
			run := func() int {
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
			}
			settle(func() { run() })
			b.ReportAllocs()
			var size int
			for b.Loop() {
				size = run()
			}
			b.ReportMetric(float64(size), "doc-bytes")
		})
	}
}
