// Package reference is the reference validator of package engine:
// go-openapi/validate, the Swagger 2.0 validator whose verdicts engine's
// fast validator gives, and go-openapi/strfmt's format checks. It is a
// package of its own so that a program that imports engine alone links
// neither of them, nor net/http and their other dependencies (about 40%
// of an embedder's binary; BENCHMARKS.md).
//
// Import it for its side effect, as the apigexport command and engine's
// tests do:
//
//	import _ "github.com/apigexport/apigexport/engine/reference"
//
// Its init function registers [Validate] and [Format] with
// [engine.RegisterReference]. Then [engine.ValidateStrict],
// engine.Options.StrictValidation and [engine.CompareValidators] work, and
// [engine.Validate] gives the reference's verdict on the documents outside
// the fast validator's part of Swagger 2.0. Without it those calls answer
// that the program has no reference validator, and [engine.Validate]
// reports such a document as not-checked, as the WebAssembly module (which
// leaves this package out) does.
package reference

import (
	"encoding/json"
	"fmt"

	"github.com/apigexport/apigexport/engine"
	"github.com/go-openapi/loads"
	"github.com/go-openapi/strfmt"
	"github.com/go-openapi/validate"
)

func init() { engine.RegisterReference(engine.Reference{Validate: Validate, Format: Format}) }

// Validate runs go-openapi/validate on a JSON document. Its findings have
// the code [engine.CodeSwaggerInvalid]; a panic inside the validator is a
// finding about the document, not a crash.
func Validate(doc []byte) (findings []engine.Finding) {
	defer func() {
		// The validator is third-party code fed with user documents.
		if r := recover(); r != nil {
			findings = []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid,
				Message: fmt.Sprintf("the validator failed on this document: %v", r)}}
		}
	}()
	d, err := loads.Analyzed(json.RawMessage(doc), "")
	if err != nil {
		return []engine.Finding{{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid,
			Message: "cannot analyze the document: " + err.Error()}}
	}
	// The second result holds the warnings again, as errors.
	errs, _ := validate.NewSpecValidator(d.Schema(), strfmt.Default).Validate(d)
	for _, l := range errs.LocatedErrors() {
		findings = append(findings, engine.Finding{Severity: engine.SeverityError, Code: engine.CodeSwaggerInvalid, Path: l.Pointer, Message: l.Err.Error()})
	}
	for _, l := range errs.LocatedWarnings() {
		findings = append(findings, engine.Finding{Severity: engine.SeverityWarning, Code: engine.CodeSwaggerInvalid, Path: l.Pointer, Message: l.Err.Error()})
	}
	return findings
}

// Format checks s against a format of go-openapi/strfmt's default
// registry; known is false for a format it does not know.
func Format(name, s string) (valid, known bool) {
	if !strfmt.Default.ContainsName(name) {
		return false, false
	}
	return strfmt.Default.Validates(name, s), true
}
