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
		"| WASM module after gzip -9, with OpenAPI 3.0 (issue 14) | 2500000 bytes | 3000000 bytes | held |",
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

// oas3Held is make bench output with only the rows of the OpenAPI 3.0
// budgets (issue 14), every one of them held; the other budgets are not
// measured, which fails none.
const oas3Held = `BenchmarkExportValidate/apis=1000-2  10  40000000 ns/op  100 B/op  1 allocs/op
BenchmarkExportValidateOAS3/apis=1000-2  10  48000000 ns/op  100 B/op  1 allocs/op
BenchmarkExportValidateOAS3/apis=1000-2  10  44000000 ns/op  100 B/op  1 allocs/op
BenchmarkExportValidateOAS3/apis=1000-2  10  46000000 ns/op  100 B/op  1 allocs/op
BenchmarkExportValidateOAS3/apis=10000-2  10  506000000 ns/op  1100 B/op  1 allocs/op
BenchmarkKinOAS3/apis=1000-2  1  1150000000 ns/op  5 doc-bytes  350000000 unmarshal-ns/op  900 B/op  9 allocs/op
BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  160000000 kin-ns/op  21.00 kin/ours  7600000 ours-ns/op
BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  150000000 kin-ns/op  23.00 kin/ours  7000000 ours-ns/op
BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  170000000 kin-ns/op  19.00 kin/ours  8000000 ours-ns/op
BenchmarkRequest/apis=1000-2  10  50000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
BenchmarkRequestOAS3/apis=1000-2  10  55000000 ns/op  5 doc-bytes  1200 peak-heap-bytes  100 B/op  1 allocs/op
BenchmarkWasmRequestOAS3/apis=1000  10  165000000 ns/op  5 doc-bytes  100 B/op  1 allocs/op
wasm-gzip-bytes 2100000
`

func TestReportOAS3(t *testing.T) {
	for _, c := range []struct {
		name string
		// from, to: a line of oas3Held replaced, to fail one budget.
		from, to string
		want     []string
		code     int
	}{
		{"all held", "", "", []string{
			"| OpenAPI 3.0 / Swagger 2.0 export + validation, time, 1,000 APIs | 1.15× | 1.25× | held |",                                         // the median of three, 46 ms
			"| kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, in pairs | 21.00× | ≥ 20× | held |", // the median of the rounds
			"| kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, the KinOAS3 and ExportValidateOAS3 rows | 25.00× | — | (information) |",
			"| the pairs' sides, medians: kin-openapi, ours (1,000 APIs) | 160.0 ms, 7.60 ms | — | (information) |",
			"| OpenAPI 3.0 export + validation time, 10,000 / 1,000 APIs | 11.00× | 12× | held |",
			"| OpenAPI 3.0 export + validation bytes, 10,000 / 1,000 APIs | 11.00× | 12× | held |",
			"| WASM module after gzip -9, with OpenAPI 3.0 (issue 14) | 2100000 bytes | 3000000 bytes | held |",
			"| kin-openapi unmarshal + convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs | 32.61× | — | (information) |",
			"| whole request, OpenAPI 3.0 / Swagger 2.0, JSON, time, 1,000 APIs | 1.10× | — | (information) |",
			"| whole request OpenAPI 3.0, WASM under node / native, JSON, 1,000 APIs | 3.00× | — | (information) |",
			"| whole request, OpenAPI 3.0 / Swagger 2.0, JSON, time, 10,000 APIs | not measured |",
			"| RequestOAS3 | 1000 | 1 | 55000000 | 100 | 1 | 1200 |",
			"| WasmRequestOAS3 | 1000 | 1 | 165000000 | 100 | 1 | — |",
			"| KinOAS3 | 1000 | 1 | 1150000000 | 900 | 9 | — |",
		}, 0},
		{"3.0 over 1.25× Swagger 2.0",
			"BenchmarkExportValidate/apis=1000-2  10  40000000 ns/op", "BenchmarkExportValidate/apis=1000-2  10  30000000 ns/op",
			[]string{"| OpenAPI 3.0 / Swagger 2.0 export + validation, time, 1,000 APIs | 1.53× | 1.25× | **not held** |"}, 1},
		{"kin-openapi less than 20× slower in pairs",
			"21.00 kin/ours", "18.00 kin/ours",
			[]string{"| kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, in pairs | 19.00× | ≥ 20× | **not held** |"}, 1},
		{"the rows alone less than 20× apart: information",
			"BenchmarkKinOAS3/apis=1000-2  1  1150000000 ns/op", "BenchmarkKinOAS3/apis=1000-2  1  460000000 ns/op",
			[]string{"| kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, the KinOAS3 and ExportValidateOAS3 rows | 10.00× | — | (information) |"}, 0},
		{"growth over 12×",
			"BenchmarkExportValidateOAS3/apis=10000-2  10  506000000 ns/op  1100 B/op", "BenchmarkExportValidateOAS3/apis=10000-2  10  598000000 ns/op  1300 B/op",
			[]string{
				"| OpenAPI 3.0 export + validation time, 10,000 / 1,000 APIs | 13.00× | 12× | **not held** |",
				"| OpenAPI 3.0 export + validation bytes, 10,000 / 1,000 APIs | 13.00× | 12× | **not held** |",
			}, 1},
		{"module over 3 MB", "wasm-gzip-bytes 2100000", "wasm-gzip-bytes 3000001",
			[]string{"| WASM module after gzip -9, with OpenAPI 3.0 (issue 14) | 3000001 bytes | 3000000 bytes | **not held** |"}, 1},
		{"kin-openapi not measured", "BenchmarkKinOAS3/apis=1000-2  1  1150000000 ns/op  5 doc-bytes  350000000 unmarshal-ns/op  900 B/op  9 allocs/op", "",
			[]string{
				"| kin-openapi unmarshal + convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs | not measured |",
			}, 0},
		{"the pairs not measured", "BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  160000000 kin-ns/op  21.00 kin/ours  7600000 ours-ns/op\n" +
			"BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  150000000 kin-ns/op  23.00 kin/ours  7000000 ours-ns/op\n" +
			"BenchmarkKinPairOAS3/apis=1000-2  9  300000000 ns/op  170000000 kin-ns/op  19.00 kin/ours  8000000 ours-ns/op\n", "",
			[]string{
				"| kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, in pairs | not measured | ≥ 20× | — |",
			}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := oas3Held
			if c.from != "" {
				if !strings.Contains(in, c.from) {
					t.Fatalf("the sample lacks %q", c.from)
				}
				in = strings.Replace(in, c.from, c.to, 1)
			}
			var out bytes.Buffer
			code := run(strings.NewReader(in), &out)
			got := out.String()
			for _, want := range c.want {
				if !strings.Contains(got, want) {
					t.Errorf("report lacks %q:\n%s", want, got)
				}
			}
			if code != c.code {
				t.Errorf("exit code %d, want %d:\n%s", code, c.code, got)
			}
		})
	}
}
