package engine

import "sync/atomic"

// Reference is a Swagger 2.0 validator independent of the fast one, with
// the format checks it uses: go-openapi/validate and go-openapi/strfmt, in
// package [github.com/apigexport/apigexport/engine/reference], which
// registers itself when it is imported (see [RegisterReference]).
type Reference struct {
	// Validate checks a document given as JSON and returns its findings,
	// errors and warnings, turning its own failures (a panic in
	// third-party code) into findings.
	Validate func(doc []byte) []Finding
	// Format reports whether s is of the string format name (date,
	// uuid, ...), and known whether the validator knows that format at
	// all. Engine checks uri, email, password, ipv4 and ipv6 itself, as
	// go-openapi/strfmt does; a parameter default of another format that
	// go-openapi/strfmt knows needs Format, and without it the fast
	// validator hands the document over (to nothing: not-checked).
	Format func(name, s string) (valid, known bool)
}

// reference is the registered reference validator, or nil.
var reference atomic.Pointer[Reference]

// RegisterReference makes r the reference validator of [ValidateStrict],
// Options.StrictValidation and [CompareValidators], and the one that
// [Validate] hands the documents outside the fast validator's part of
// Swagger 2.0 to. Package github.com/apigexport/apigexport/engine/reference
// calls it when it is imported; an embedder imports that package rather
// than calling this. A later call replaces r; the zero Reference removes
// it.
func RegisterReference(r Reference) {
	if r.Validate == nil {
		reference.Store(nil)
		return
	}
	reference.Store(&r)
}

// haveReference says whether a reference validator is registered.
func haveReference() bool { return reference.Load() != nil }

// referenceFindings runs the registered reference validator on a JSON
// document; callers check haveReference first.
func referenceFindings(raw []byte) []Finding {
	return sortFindings(reference.Load().Validate(raw))
}
