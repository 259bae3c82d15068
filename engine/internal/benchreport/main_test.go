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
BenchmarkRequestFloor/apis=1000-2  10  50000000 ns/op  5 doc-bytes  1000 peak-heap-bytes  100 B/op  1 allocs/op
BenchmarkRequest/apis=1000-2  10  40000000 ns/op  5 doc-bytes  1200 peak-heap-bytes  100 B/op  1 allocs/op
BenchmarkRequestYAML/apis=1000-2  10  50000000 ns/op  5 doc-bytes  1200 peak-heap-bytes  140 B/op  1 allocs/op
BenchmarkWasmRequest/apis=1000  10  100000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
BenchmarkWasmExportValidate/apis=1000  10  350000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
wasm-gzip-bytes 2500000
wasm-brotli-bytes 1800000
wasm-bytes 9000000
`

func TestReport(t *testing.T) {
	var out bytes.Buffer
	code := run(strings.NewReader(sample), &out)
	got := out.String()
	for _, want := range []string{
		"| Floor | 1000 | 3 | 20000000 | 100 | 1 |", // the median of three
		"| RequestFloor | 1000 | 1 | 50000000 | 100 | 1 | 1000 |",
		"| WasmRequest | 1000 | 1 | 100000000 | 100 | 1 | — |",
		"| whole request JSON / floor, time, 1,000 APIs | 0.80× | 1× | held |",
		"| whole request JSON / floor, peak heap, 1,000 APIs | 1.20× | 1× | **not held** |",
		"| whole request YAML / JSON, time, 1,000 APIs | 1.25× | 1.5× | held |",
		"| whole request YAML / JSON, bytes allocated, 1,000 APIs | 1.40× | 1.5× | held |",
		"| whole request JSON, WASM under node / native, 1,000 APIs | 2.50× | 3× | held |",
		"| whole request JSON, 100,000 APIs, in the WASM build under node | not measured |",
		"| growth of Request time, 100,000 / 10,000 APIs | not measured |",
		"| export + validation, 1,000 APIs, / floor | 5.00× | 10× | held |",
		"| export without validation, 1,000 APIs, / floor | 2.00× | 3× | held |",
		"| export + validation time, 10,000 / 1,000 APIs | 13.00× | 12× | **not held** |",
		"| peak heap of export + validation, 10,000 APIs, / document size | 18.00× | 20× | held |",
		"| go-openapi/validate alone, 1,000 APIs, / floor | not measured |",
		"| WASM export + validation under node / native, 1,000 APIs | 3.50× | 4× | held |",
		"| WASM module after gzip -9 | 2500000 bytes | 2200000 bytes | **not held** |",
		"| WASM module as built | 9000000 bytes | — | (information) |",
		"| WASM module after brotli (quality 11, the .br that serve sends) | 1800000 bytes | — | (information) |",
		"| WASM module, brotli / gzip -9 | 0.72× | — | (information) |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if code != 1 {
		t.Errorf("exit code %d, want 1 for a budget over its limit", code)
	}
}
