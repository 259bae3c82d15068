// Command benchreport reads the output of make bench (five rounds of the
// engine's benchmarks, natively and in the WASM build, in turns) on stdin
// and prints the median of each benchmark as a Markdown
// table, then the budgets of the validation, whole-request (15) and
// OpenAPI 3.0 (14) issues as ratios measured in that one run. It exits 1
// when a budget is not held.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout))
}

// result is one benchmark's samples, by unit (ns/op, B/op, ...).
type result map[string][]float64

var lineRE = regexp.MustCompile(`^Benchmark(\w+)/apis=(\d+)(?:-\d+)?\s+\d+\s+(.*)$`)

// sizeRE is a size of the module that make bench prints: wasm-bytes N
// (as built), wasm-gzip-bytes N (gzip -9), wasm-brotli-bytes N (the .br
// copy that make wasm writes).
var sizeRE = regexp.MustCompile(`^wasm-((?:gzip-|brotli-)?)bytes\s+(\S+)\s*$`)

// parse reads benchmark lines into name -> APIs -> samples.
func parse(r io.Reader) (map[string]map[int]result, []string, error) {
	out := map[string]map[int]result{}
	var header []string
	wasmSize := result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "goos:") || strings.HasPrefix(line, "goarch:") || strings.HasPrefix(line, "cpu:") {
			if !slices.Contains(header, line) {
				header = append(header, line)
			}
			continue
		}
		if m := sizeRE.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%q: %v", line, err)
			}
			unit := m[1] + "bytes" // wasm-bytes, wasm-gzip-bytes, wasm-brotli-bytes
			wasmSize[unit] = append(wasmSize[unit], v)
			continue
		}
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		if out[m[1]] == nil {
			out[m[1]] = map[int]result{}
		}
		if out[m[1]][n] == nil {
			out[m[1]][n] = result{}
		}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%q: %v", line, err)
			}
			out[m[1]][n][fields[i+1]] = append(out[m[1]][n][fields[i+1]], v)
		}
	}
	if len(wasmSize) > 0 {
		out["WasmModule"] = map[int]result{0: wasmSize}
	}
	return out, header, sc.Err()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// wasmBudget is the largest the gzipped WebAssembly module may be: 2.2 MB
// (issue 15).
const wasmBudget float64 = 2_200_000

// wasmBudgetOAS3 is issue 14's bound on the gzipped module with OpenAPI
// 3.0 in it: 3 MB (issue 15's 2.2 MB above is the tighter one).
const wasmBudgetOAS3 float64 = 3_000_000

// order is the order of the table's rows.
var order = []string{"RequestFloor", "Request", "RequestYAML", "RequestOAS3", "RequestYAMLOAS3", "WasmRequest", "WasmRequestYAML", "WasmRequestOAS3", "WasmRequestYAMLOAS3", "Floor", "Export", "ExportValidate", "ExportYAML", "ExportYAMLNoValidate", "ExportOAS3", "ExportValidateOAS3", "ExportYAMLOAS3", "KinOAS3", "Validate", "Reference", "PeakHeap", "WasmExportValidate", "WasmExportValidateOAS3"}

func run(in io.Reader, out io.Writer) int {
	res, header, err := parse(in)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		return 2
	}
	med := func(name string, n int, unit string) float64 { return median(res[name][n][unit]) }
	for _, h := range header {
		fmt.Fprintf(out, "%s  \n", h)
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| benchmark | APIs | samples | ns/op | B/op | allocs/op | peak heap |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|")
	for _, name := range order {
		sizes := make([]int, 0, len(res[name]))
		for n := range res[name] {
			sizes = append(sizes, n)
		}
		slices.Sort(sizes)
		for _, n := range sizes {
			peak := "—"
			if p := med(name, n, "peak-heap-bytes"); p > 0 {
				peak = fmt.Sprintf("%.0f", p)
			}
			fmt.Fprintf(out, "| %s | %d | %d | %.0f | %.0f | %.0f | %s |\n", name, n, len(res[name][n]["ns/op"]),
				med(name, n, "ns/op"), med(name, n, "B/op"), med(name, n, "allocs/op"), peak)
		}
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| budget | measured | limit | verdict |")
	fmt.Fprintln(out, "|---|---:|---:|---|")
	over := false
	budget := func(what string, num, den, limit float64) {
		if num == 0 || den == 0 {
			fmt.Fprintf(out, "| %s | not measured | %g× | — |\n", what, limit)
			return
		}
		r := num / den
		verdict := "held"
		if limit > 0 && r > limit {
			verdict, over = "**not held**", true
		}
		if limit == 0 {
			fmt.Fprintf(out, "| %s | %.2f× | — | (information) |\n", what, r)
			return
		}
		fmt.Fprintf(out, "| %s | %.2f× | %g× | %s |\n", what, r, limit, verdict)
	}
	// atLeast is budget for a ratio that must be at least limit.
	atLeast := func(what string, num, den, limit float64) {
		if num == 0 || den == 0 {
			fmt.Fprintf(out, "| %s | not measured | ≥ %g× | — |\n", what, limit)
			return
		}
		r := num / den
		verdict := "held"
		if r < limit {
			verdict, over = "**not held**", true
		}
		fmt.Fprintf(out, "| %s | %.2f× | ≥ %g× | %s |\n", what, r, limit, verdict)
	}
	wasmSize := func(what string, limit float64) {
		if size := med("WasmModule", 0, "gzip-bytes"); size > 0 {
			verdict := "held"
			if size > limit {
				verdict, over = "**not held**", true
			}
			fmt.Fprintf(out, "| %s | %.0f bytes | %.0f bytes | %s |\n", what, size, limit, verdict)
		} else {
			fmt.Fprintf(out, "| %s | not measured | %.0f bytes | — |\n", what, limit)
		}
	}
	// Issue 15: the whole request (read, load, export, validate).
	for _, n := range []int{1000, 10000, 100000} {
		budget(fmt.Sprintf("whole request JSON / floor, time, %s APIs", thousands(n)), med("Request", n, "ns/op"), med("RequestFloor", n, "ns/op"), 1)
		budget(fmt.Sprintf("whole request JSON / floor, peak heap, %s APIs", thousands(n)), med("Request", n, "peak-heap-bytes"), med("RequestFloor", n, "peak-heap-bytes"), 1)
	}
	for _, n := range []int{1000, 10000, 100000} {
		budget(fmt.Sprintf("whole request YAML / JSON, time, %s APIs", thousands(n)), med("RequestYAML", n, "ns/op"), med("Request", n, "ns/op"), 1.5)
		budget(fmt.Sprintf("whole request YAML / JSON, bytes allocated, %s APIs", thousands(n)), med("RequestYAML", n, "B/op"), med("Request", n, "B/op"), 1.5)
	}
	for _, n := range []int{1000, 10000} {
		budget(fmt.Sprintf("whole request JSON, WASM under node / native, %s APIs", thousands(n)), med("WasmRequest", n, "ns/op"), med("Request", n, "ns/op"), 3)
	}
	if med("WasmRequest", 100000, "ns/op") > 0 {
		fmt.Fprintf(out, "| whole request JSON, 100,000 APIs, in the WASM build under node | exported in %.1f s | exports | held |\n", med("WasmRequest", 100000, "ns/op")/1e9)
	} else {
		fmt.Fprintf(out, "| whole request JSON, 100,000 APIs, in the WASM build under node | not measured | exports | — |\n")
	}
	for _, name := range []string{"Request", "RequestYAML"} {
		budget(fmt.Sprintf("growth of %s time, 100,000 / 10,000 APIs", name), med(name, 100000, "ns/op"), med(name, 10000, "ns/op"), 11)
		budget(fmt.Sprintf("growth of %s bytes allocated, 100,000 / 10,000 APIs", name), med(name, 100000, "B/op"), med(name, 10000, "B/op"), 11)
	}
	// Earlier budgets: export of a loaded bundle.
	budget("export + validation, 1,000 APIs, / floor", med("ExportValidate", 1000, "ns/op"), med("Floor", 1000, "ns/op"), 10)
	budget("export without validation, 1,000 APIs, / floor", med("Export", 1000, "ns/op"), med("Floor", 1000, "ns/op"), 3)
	budget("export + validation time, 10,000 / 1,000 APIs", med("ExportValidate", 10000, "ns/op"), med("ExportValidate", 1000, "ns/op"), 12)
	budget("export + validation bytes, 10,000 / 1,000 APIs", med("ExportValidate", 10000, "B/op"), med("ExportValidate", 1000, "B/op"), 12)
	for _, n := range []int{1000, 10000} {
		for _, unit := range []string{"ns/op", "B/op"} {
			budget(fmt.Sprintf("YAML / JSON export + validation %s, %d APIs", unit, n), med("ExportYAML", n, unit), med("ExportValidate", n, unit), 1.5)
		}
	}
	budget("peak heap of export + validation, 10,000 APIs, / document size", med("PeakHeap", 10000, "peak-heap-bytes"), med("PeakHeap", 10000, "doc-bytes"), 20)
	budget("WASM export + validation under node / native, 1,000 APIs", med("WasmExportValidate", 1000, "ns/op"), med("ExportValidate", 1000, "ns/op"), 4)
	wasmSize("WASM module after gzip -9", wasmBudget)
	if size := med("WasmModule", 0, "bytes"); size > 0 {
		fmt.Fprintf(out, "| WASM module as built | %.0f bytes | — | (information) |\n", size)
	}
	if size := med("WasmModule", 0, "brotli-bytes"); size > 0 {
		fmt.Fprintf(out, "| WASM module after brotli (quality 11, the .br that serve sends) | %.0f bytes | — | (information) |\n", size)
		budget("WASM module, brotli / gzip -9", size, med("WasmModule", 0, "gzip-bytes"), 0)
	}
	// Issue 14: OpenAPI 3.0, against Swagger 2.0 and kin-openapi in the same
	// run. KinOAS3 is openapi2conv.ToV3 of our Swagger 2.0 export, T.Validate
	// and json.MarshalIndent, timed from a decoded openapi2.T; its decoding
	// is reported apart (unmarshal-ns/op).
	budget("OpenAPI 3.0 / Swagger 2.0 export + validation, time, 1,000 APIs", med("ExportValidateOAS3", 1000, "ns/op"), med("ExportValidate", 1000, "ns/op"), 1.25)
	// The budget's ratio is KinPairOAS3's: the two sides timed in pairs, in
	// turns, the median of the pairs' ratios (of each round's median, the
	// median); the same ratio of the KinOAS3 and ExportValidateOAS3 rows,
	// which run a second or more apart, is information.
	atLeast("kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, in pairs", med("KinPairOAS3", 1000, "kin/ours"), 1, 20)
	budget("OpenAPI 3.0 export + validation time, 10,000 / 1,000 APIs", med("ExportValidateOAS3", 10000, "ns/op"), med("ExportValidateOAS3", 1000, "ns/op"), 12)
	budget("OpenAPI 3.0 export + validation bytes, 10,000 / 1,000 APIs", med("ExportValidateOAS3", 10000, "B/op"), med("ExportValidateOAS3", 1000, "B/op"), 12)
	wasmSize("WASM module after gzip -9, with OpenAPI 3.0 (issue 14)", wasmBudgetOAS3)
	kinWhole := 0.0
	if k, u := med("KinOAS3", 1000, "ns/op"), med("KinOAS3", 1000, "unmarshal-ns/op"); k > 0 && u > 0 {
		kinWhole = k + u
	}
	budget("kin-openapi unmarshal + convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs", kinWhole, med("ExportValidateOAS3", 1000, "ns/op"), 0)
	budget("kin-openapi convert + validate + marshal / OpenAPI 3.0 export + validation, time, 1,000 APIs, the KinOAS3 and ExportValidateOAS3 rows", med("KinOAS3", 1000, "ns/op"), med("ExportValidateOAS3", 1000, "ns/op"), 0)
	if k, o := med("KinPairOAS3", 1000, "kin-ns/op"), med("KinPairOAS3", 1000, "ours-ns/op"); k > 0 && o > 0 {
		fmt.Fprintf(out, "| the pairs' sides, medians: kin-openapi, ours (1,000 APIs) | %.1f ms, %.2f ms | — | (information) |\n", k/1e6, o/1e6)
	}
	budget("OpenAPI 3.0 / Swagger 2.0 export + validation, time, 10,000 APIs", med("ExportValidateOAS3", 10000, "ns/op"), med("ExportValidate", 10000, "ns/op"), 0)
	budget("OpenAPI 3.0 / Swagger 2.0 export without validation, time, 1,000 APIs", med("ExportOAS3", 1000, "ns/op"), med("Export", 1000, "ns/op"), 0)
	budget("OpenAPI 3.0 YAML / JSON export + validation, time, 1,000 APIs", med("ExportYAMLOAS3", 1000, "ns/op"), med("ExportValidateOAS3", 1000, "ns/op"), 0)
	for _, n := range []int{1000, 10000} {
		budget(fmt.Sprintf("whole request, OpenAPI 3.0 / Swagger 2.0, JSON, time, %s APIs", thousands(n)), med("RequestOAS3", n, "ns/op"), med("Request", n, "ns/op"), 0)
		budget(fmt.Sprintf("whole request, OpenAPI 3.0 / Swagger 2.0, YAML, time, %s APIs", thousands(n)), med("RequestYAMLOAS3", n, "ns/op"), med("RequestYAML", n, "ns/op"), 0)
		budget(fmt.Sprintf("whole request OpenAPI 3.0 JSON / floor, time, %s APIs", thousands(n)), med("RequestOAS3", n, "ns/op"), med("RequestFloor", n, "ns/op"), 0)
		budget(fmt.Sprintf("whole request OpenAPI 3.0, WASM under node / native, JSON, %s APIs", thousands(n)), med("WasmRequestOAS3", n, "ns/op"), med("RequestOAS3", n, "ns/op"), 0)
	}
	budget("growth of RequestOAS3 time, 10,000 / 1,000 APIs", med("RequestOAS3", 10000, "ns/op"), med("RequestOAS3", 1000, "ns/op"), 0)
	budget("WASM OpenAPI 3.0 export + validation under node / native, 1,000 APIs", med("WasmExportValidateOAS3", 1000, "ns/op"), med("ExportValidateOAS3", 1000, "ns/op"), 0)
	budget("go-openapi/validate alone, 1,000 APIs, / floor", med("Reference", 1000, "ns/op"), med("Floor", 1000, "ns/op"), 0)
	budget("go-openapi/validate / our validation (Validate), 1,000 APIs", med("Reference", 1000, "ns/op"), med("Validate", 1000, "ns/op"), 0)
	if over {
		return 1
	}
	return 0
}

// thousands writes n with commas: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
