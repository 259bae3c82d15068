package engine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
)

// kinSizes are the sizes of BenchmarkKinOAS3: the budget is at 1,000 APIs;
// 10,000 shows how it grows.
var kinSizes = []int{1000, 10000}

// BenchmarkKinOAS3 is kin-openapi's own cost of the OpenAPI 3.0 document
// that BenchmarkExportValidateOAS3 writes, from the same bundle: our
// Swagger 2.0 export (benchDoc, the JSON of ExportValidate) decoded into an
// openapi2.T, then timed: openapi2conv.ToV3, T.Validate with kin-openapi's
// defaults, and json.MarshalIndent of the result, which is the pair of
// convert + validate + marshal set against our export + validation (both
// start from a model held in memory). The decoding into openapi2.T is done
// again before each operation, untimed, so that no operation reuses what
// another converted or validated; its time is reported apart as
// unmarshal-ns/op. kin-openapi stays in test code: TestDeps
// (engine/internal/embedder) keeps it out of what an embedder links.
func BenchmarkKinOAS3(b *testing.B) {
	for _, n := range kinSizes {
		b.Run(fmt.Sprintf("apis=%d", n), func(b *testing.B) {
			doc := benchDoc(b, n)
			ctx := context.Background()
			load := func() *openapi2.T {
				var doc2 openapi2.T
				if err := json.Unmarshal(doc, &doc2); err != nil {
					b.Fatal(err)
				}
				return &doc2
			}
			run := func(doc2 *openapi2.T) int {
				doc3, err := openapi2conv.ToV3(doc2)
				if err != nil {
					b.Fatal(err)
				}
				if err := doc3.Validate(ctx); err != nil {
					b.Fatalf("kin-openapi refuses the converted document: %v", err)
				}
				out, err := json.MarshalIndent(doc3, "", "\t")
				if err != nil {
					b.Fatal(err)
				}
				return len(out)
			}
			settle(func() { run(load()) })
			b.ReportAllocs()
			var size int
			var unmarshal time.Duration
			ops := 0
			for b.Loop() {
				b.StopTimer()
				start := time.Now()
				doc2 := load()
				unmarshal += time.Since(start)
				ops++
				b.StartTimer()
				size = run(doc2)
			}
			b.ReportMetric(float64(size), "doc-bytes")
			b.ReportMetric(float64(unmarshal.Nanoseconds())/float64(ops), "unmarshal-ns/op")
		})
	}
}
