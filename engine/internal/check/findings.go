// Package check validates documents for package engine: the findings
// and their order ([Finding], [Sort]); the draft-4 JSON Schema engine,
// which compiles the schema it is given ([CompileSchema]); the Swagger 2.0
// checker, fed a root and then its Path Items one by one ([New],
// [Checker.Item], [Checker.Verdict]) or a whole document ([Document]),
// whose verdicts are go-openapi/validate's; the APIG rules on the
// x-apigateway-* values; and the gateway's dialect: method keys, the ANY
// method, the predefined security schemes and path templates
// ([ParamSpans], [ReplaceParams]).
package check

import (
	"fmt"
	"slices"
	"strings"
)

// Severity of a [Finding].
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Finding is one problem in a Swagger document.
type Finding struct {
	// Severity is error or warning.
	Severity string `json:"severity"`
	// Code is a stable kebab-case code.
	Code string `json:"code"`
	// Path is the JSON pointer of the value concerned ("" for the root or
	// when unknown).
	Path string `json:"path"`
	// Message says what is wrong.
	Message string `json:"message"`
}

func (f Finding) String() string {
	path := f.Path
	if path == "" {
		path = "/"
	}
	return fmt.Sprintf("%s %s %s: %s", f.Severity, f.Code, path, f.Message)
}

// HasErrors reports whether any finding is an error.
func HasErrors(findings []Finding) bool {
	return slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == SeverityError })
}

// Sort sorts findings by pointer, severity, code and message, and
// drops repeats.
func Sort(fs []Finding) []Finding {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := strings.Compare(a.Severity, b.Severity); c != 0 {
			return c
		}
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	// go-openapi can report the same finding twice.
	return slices.Compact(fs)
}

// CodeNotChecked marks, in a program without the reference validator (the
// WebAssembly module; see engine.RegisterReference), a document that needed it.
const CodeNotChecked = "not-checked"
