package reference

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apigexport/apigexport/engine"
	"github.com/getkin/kin-openapi/openapi3"
)

// CodeOpenAPI3Invalid marks a finding of kin-openapi, the reference
// OpenAPI 3.0 validator, as [engine.CodeSwaggerInvalid] marks
// go-openapi/validate's.
const CodeOpenAPI3Invalid = engine.CodeOpenAPI3Invalid

// OpenAPI3Options are the options of [ValidateOpenAPI3]'s T.Validate, for
// what OpenAPI 3.0.3 itself requires:
//   - examples are checked against their schema (kin-openapi's default;
//     the specification: an example "SHOULD match the specified schema"),
//   - schema defaults are checked against their schema (the default; "the
//     default value MUST conform to the defined type for the Schema
//     Object"),
//   - patterns must compile (the default; "This string SHOULD be a valid
//     regular expression, according to the ECMA 262 regular expression
//     dialect", Go's RE2 standing in for it),
//   - formats are not restricted to a known list (the default: the
//     specification says format "is an open string-valued property"),
//   - x- siblings of a $ref are allowed (the default; 3.0 ignores a Reference
//     Object's siblings),
//   - and every independent error is reported, not the first alone
//     (EnableMultiError; the verdict is the same either way).
//
// The defaults are named explicitly so that a kin-openapi upgrade that
// changes one does not change the verdicts silently.
func OpenAPI3Options() []openapi3.ValidationOption {
	return []openapi3.ValidationOption{
		openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(),
		openapi3.EnableSchemaPatternValidation(),
		openapi3.DisableSchemaFormatValidation(),
		openapi3.AllowExtensionsWithRef(),
		openapi3.EnableMultiError(),
	}
}

// ValidateOpenAPI3 runs kin-openapi (github.com/getkin/kin-openapi/openapi3),
// the reference OpenAPI 3.0 validator, on a JSON or YAML document:
// openapi3.NewLoader with no external $refs (IsExternalRefsAllowed false:
// nothing is read, neither files nor URLs), then T.Validate with
// [OpenAPI3Options]. The error is for a document that is not JSON or YAML
// at all ([engine.ToJSON]'s error, with a YAML mapping that has a key twice);
// everything kin-openapi objects to, in loading (an unresolved $ref, a
// value of the wrong type) or in validating, is a finding with the code
// [CodeOpenAPI3Invalid]. kin-openapi gives no JSON pointers: Path is "" and
// the message says where. A panic inside kin-openapi is a finding too.
//
// The package's init registers it with engine (engine.Reference.OpenAPI3),
// for [engine.ValidateStrict] and the documents outside the fast OpenAPI
// 3.0 checker's part.
func ValidateOpenAPI3(doc []byte) (findings []engine.Finding, err error) {
	raw, err := engine.ToJSON(doc)
	if err != nil {
		return nil, err
	}
	defer func() {
		// kin-openapi is third-party code fed with user documents.
		if r := recover(); r != nil {
			findings = []engine.Finding{openapi3Finding(fmt.Sprintf("the validator failed on this document: %v", r))}
		}
	}()
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.Context = context.Background()
	t, err := loader.LoadFromData(raw)
	if err != nil {
		return []engine.Finding{openapi3Finding("cannot load the document: " + err.Error())}, nil
	}
	if err := t.Validate(loader.Context, OpenAPI3Options()...); err != nil {
		var multi openapi3.MultiError
		if errors.As(err, &multi) {
			for _, e := range multi {
				findings = append(findings, openapi3Finding(e.Error()))
			}
		} else {
			findings = append(findings, openapi3Finding(err.Error()))
		}
	}
	return findings, nil
}

func openapi3Finding(msg string) engine.Finding {
	return engine.Finding{Severity: engine.SeverityError, Code: CodeOpenAPI3Invalid, Message: strings.TrimSpace(msg)}
}

// openAPI3 is [ValidateOpenAPI3] as engine.Reference.OpenAPI3: engine gives
// it JSON, which ToJSON always reads.
func openAPI3(doc []byte) []engine.Finding {
	findings, err := ValidateOpenAPI3(doc)
	if err != nil {
		return []engine.Finding{openapi3Finding("cannot read the document: " + err.Error())}
	}
	return findings
}
