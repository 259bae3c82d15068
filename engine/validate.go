package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

func findingsError(findings []Finding) error {
	var msgs []string
	for _, f := range findings {
		msgs = append(msgs, f.String())
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

// Validate checks a Swagger 2.0 or OpenAPI 3.0 document, JSON or YAML,
// told apart by its swagger ("2.0") or openapi (3.0.x) member; an openapi
// of another version is one openapi-version finding. A Swagger 2.0
// document is checked with the fast validator, whose verdicts are
// go-openapi/validate's (see engine/internal/check/fastvalidate.go), an
// OpenAPI 3.0 one with the fast OpenAPI 3.0 checker, whose verdicts are
// kin-openapi's and the official OpenAPI 3.0 schema's together
// (engine/internal/check/oas3.go), and both with the APIG rules. It returns the findings sorted by path; the
// error is for a document that cannot be read at all. A document outside
// the fast validator's part of Swagger 2.0 (definitions, body parameters,
// $refs to other files, ...) is checked by the registered [Reference],
// or, in a program without one, reported as not-checked. Its $refs to
// other files are not followed: see [ValidateWith].
//
// A document in which an object has a key twice is refused: its findings
// are one duplicate-key error per repeated key, and nothing is validated
// (see engine/internal/tree/dupkeys.go).
func Validate(doc []byte) ([]Finding, error) {
	return ValidateWith(doc, ValidateOptions{})
}

// ValidateStrict is [Validate] with the reference validator,
// github.com/go-openapi/validate, in place of the fast one: much slower, and
// the oracle the fast one is tested against. For OpenAPI 3.0 the reference
// is kin-openapi's T.Validate, run after the official OpenAPI 3.0 schema,
// and every finding of both is reported. It needs package
// github.com/apigexport/apigexport/engine/reference (see [RegisterReference]).
func ValidateStrict(doc []byte) ([]Finding, error) {
	return ValidateWith(doc, ValidateOptions{Strict: true})
}

// ValidateOptions tune [ValidateWith].
type ValidateOptions struct {
	// Strict checks with the reference validator in place of the fast
	// one, as [ValidateStrict].
	Strict bool
	// Source is where the document's relative $refs lead. The zero
	// Source follows none: a $ref to another file is an external-ref
	// finding.
	Source Source
}

// ValidateWith is [Validate], or [ValidateStrict], with options: among
// them the files that the document's relative $refs name. Only the
// reference validator follows $refs to other files (the fast validator
// hands such documents over), so without one such a document is
// not-checked.
func ValidateWith(doc []byte, opts ValidateOptions) ([]Finding, error) {
	raw, v, dups, err := readDocument(doc)
	if err != nil || dups != nil {
		if opts.Strict && !haveReference() {
			return nil, errNoReference
		}
		return dups, err
	}
	return validateTree(raw, v, opts)
}

// validateTree is [ValidateWith] of a document already read: raw its
// JSON, v its tree.
func validateTree(raw []byte, v any, opts ValidateOptions) ([]Finding, error) {
	version, fs := documentVersion(v)
	switch {
	case opts.Strict && version == versionOpenAPI3 && !haveOpenAPI3Reference():
		return nil, errNoOpenAPI3Reference
	case opts.Strict && version != versionOpenAPI3 && !haveReference():
		return nil, errNoReference
	case fs != nil:
		return fs, nil
	case version == versionOpenAPI3:
		c := check.OAS3Document(v, openAPI3(!opts.Strict, 0))
		return c.Verdict(func() []byte { return raw }), nil
	}
	c := check.Document(v, swagger2(!opts.Strict, 0, opts.Source))
	return c.Verdict(func() []byte { return raw }), nil
}

// readDocument reads a JSON or YAML document as JSON and as the tree. dups
// are the keys that an object has twice (the tree keeps the last).
func readDocument(doc []byte) (raw []byte, t any, dups []Finding, err error) {
	raw, t, keys, err := tree.Read(doc)
	if err != nil {
		return nil, nil, nil, readError(err)
	}
	return raw, t, check.Sort(duplicateFindings(keys)), nil
}

// decodeTree reads a JSON document into the tree.
func decodeTree(raw []byte) (any, error) {
	t, err := tree.Decode(raw)
	return t, readError(err)
}

// readError is the engine's error for a document the reader refused: an
// empty document is APIG.3609, any other APIG.3600.
func readError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tree.ErrEmpty):
		return newError(statusBadRequest, CodeEmptyDocument, err.Error())
	}
	return newError(statusBadRequest, CodeInvalidDocument, err.Error())
}

// CodeDuplicateKey marks an object key given twice.
const CodeDuplicateKey = "duplicate-key"

// duplicateFindings are the findings of the keys that an object has twice:
// see duplicateKey.
func duplicateFindings(keys []tree.DuplicateKey) []Finding {
	if keys == nil {
		return nil
	}
	fs := make([]Finding, len(keys))
	for i, k := range keys {
		fs[i] = Finding{Severity: SeverityError, Code: CodeDuplicateKey, Path: k.At, Message: k.Message()}
	}
	return fs
}

// ToJSON returns a JSON or YAML document as JSON. JSON input is returned
// as it is; YAML is converted, with an error for what JSON cannot hold
// (non-string keys, anchors that loop) and for a key that a mapping has
// twice.
func ToJSON(doc []byte) ([]byte, error) {
	out, dups, err := tree.ToJSON(doc)
	if err != nil {
		return nil, readError(err)
	}
	if dups != nil && !tree.IsJSON(doc) {
		return nil, newError(statusBadRequest, CodeInvalidDocument, "invalid YAML: "+dups[0].At+": "+dups[0].Message())
	}
	return out, nil
}

// CompareValidators returns the findings of the fast validator and of the
// reference validator on one document, without the APIG rules: the
// differential tests' view. A document that the fast validator hands over
// to the reference gets the reference's findings on both sides. A document
// with a key twice is an error: both Validate and ValidateStrict refuse it
// before any validator runs.
func CompareValidators(doc []byte) (fast, reference []Finding, err error) {
	if !haveReference() {
		return nil, nil, errNoReference
	}
	raw, v, dups, err := readDocument(doc)
	if err != nil {
		return nil, nil, err
	}
	if dups != nil {
		// Refused before either validator runs: see engine/internal/tree/dupkeys.go.
		return nil, nil, newError(statusBadRequest, CodeInvalidDocument, "the document is refused: "+dups[0].String())
	}
	reference = referenceFindings(raw, Source{})
	fast, why := check.Document(v, swagger2(true, 0, Source{})).FastFindings()
	if why != "" {
		return reference, reference, nil
	}
	return check.Sort(fast), reference, nil
}

// Finding is one problem in a document.
type Finding = check.Finding

// Severity of a [Finding].
const (
	SeverityError   = check.SeverityError
	SeverityWarning = check.SeverityWarning
)

// HasErrors reports whether any finding is an error.
func HasErrors(findings []Finding) bool { return check.HasErrors(findings) }

// CodeNotChecked marks, in a program without the reference validator (the
// WebAssembly module; see [RegisterReference]), a document that needed it.
const CodeNotChecked = check.CodeNotChecked
