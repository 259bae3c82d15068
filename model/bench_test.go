package model_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// BenchmarkLoad: model.Load of a bundlegen bundle of N APIs, strict, and
// the decoder of a generic tree it replaced (Reference), in the same run.
// BENCHMARKS.md ("Bundle decoder") records a run.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		data, err := json.Marshal(bundlegen.Generate(n, 1))
		if err != nil {
			b.Fatal(err)
		}
		files := []model.File{{Name: "generated.json", Data: data}}
		for _, c := range []struct {
			name string
			load func([]model.File, model.LoadOptions) (*model.Bundle, error)
		}{{"OnePass", model.Load}, {"Reference", model.LoadReference}} {
			b.Run(fmt.Sprintf("%s/apis=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.load(files, model.LoadOptions{Strict: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
