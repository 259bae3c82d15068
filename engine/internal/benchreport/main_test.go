package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
cpu: Test CPU
BenchmarkFloor/apis=1000-2   10  10000000 ns/op  100 B/op  1 allocs/op
BenchmarkFloor/apis=1000-2   10  30000000 ns/op  100 B/op  1 allocs/op
BenchmarkFloor/apis=1000-2   10  20000000 ns/op  100 B/op  1 allocs/op
BenchmarkExport/apis=1000-2  10  40000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
BenchmarkExportValidate/apis=1000-2  10  100000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
BenchmarkExportValidate/apis=10000-2  10  1300000000 ns/op  5 doc-bytes  1000 B/op  1 allocs/op
BenchmarkPeakHeap/apis=10000-2  1  5 ns/op  50 doc-bytes  900 peak-heap-bytes  18 peak/doc
BenchmarkWasmExportValidate/apis=1000  10  350000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
wasm-gzip-bytes 2500000
`

func TestReport(t *testing.T) {
	var out bytes.Buffer
	code := run(strings.NewReader(sample), &out)
	got := out.String()
	for _, want := range []string{
		"| Floor | 1000 | 3 | 20000000 | 100 | 1 |", // the median of three
		"| export + validation, 1,000 APIs, / floor | 5.00× | 10× | within |",
		"| export without validation, 1,000 APIs, / floor | 2.00× | 3× | within |",
		"| export + validation time, 10,000 / 1,000 APIs | 13.00× | 12× | **over** |",
		"| peak heap of export + validation, 10,000 APIs, / document size | 18.00× | 20× | within |",
		"| go-openapi/validate alone, 1,000 APIs, / floor | not measured |",
		"| WASM export + validation under node / native, 1,000 APIs | 3.50× | 4× | within |",
		"| WASM module after gzip -9 | 2500000 bytes | 3000000 bytes | within |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1 for a budget over its limit", code)
	}
}
