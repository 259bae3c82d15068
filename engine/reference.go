//go:build !js

package engine

import (
	"encoding/json"
	"fmt"

	"github.com/go-openapi/loads"
	"github.com/go-openapi/strfmt"
	"github.com/go-openapi/validate"
)

// haveReference says whether this build has the reference validator,
// go-openapi/validate. The GOOS=js build leaves it out: it would take the
// module past its size budget, and exports never need it (see
// fastvalidate.go).
const haveReference = true

// referenceFindings runs go-openapi/validate on a JSON document.
func referenceFindings(raw []byte) (findings []Finding) {
	defer func() {
		// The validator is third-party code fed with user documents: a
		// panic in it is a finding about the document, not a crash.
		if r := recover(); r != nil {
			findings = []Finding{{SeverityError, CodeSwaggerInvalid, "", fmt.Sprintf("the validator failed on this document: %v", r)}}
		}
	}()
	d, err := loads.Analyzed(json.RawMessage(raw), "")
	if err != nil {
		return []Finding{{SeverityError, CodeSwaggerInvalid, "", "cannot analyze the document: " + err.Error()}}
	}
	// The second result holds the warnings again, as errors.
	errs, _ := validate.NewSpecValidator(d.Schema(), strfmt.Default).Validate(d)
	for _, l := range errs.LocatedErrors() {
		findings = append(findings, Finding{SeverityError, CodeSwaggerInvalid, l.Pointer, l.Err.Error()})
	}
	for _, l := range errs.LocatedWarnings() {
		findings = append(findings, Finding{SeverityWarning, CodeSwaggerInvalid, l.Pointer, l.Err.Error()})
	}
	return sortFindings(findings)
}
