package engine

import (
	"regexp"
	"strings"
	"sync"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/engine/schemas"
)

// OpenAPI 3.0 validation: the official OpenAPI 3.0 JSON Schema run by the
// engine's draft-4 engine, kin-openapi's semantic checks for the part of
// OpenAPI 3.0 the gateway can express, and the APIG rules
// (engine/internal/check/oas3.go). A document outside that part goes to
// the registered reference's OpenAPI3 (kin-openapi), or, in a program
// without it, is reported not-checked.

// openAPI30Schema is the compiled official OpenAPI 3.0 schema.
var openAPI30Schema = sync.OnceValue(func() *check.Schema {
	s, err := check.CompileDraft4(schemas.OpenAPI30, nil)
	if err != nil {
		panic("engine: the embedded OpenAPI 3.0 schema: " + err.Error())
	}
	return s
})

// openAPI3 is what the checker of an OpenAPI 3.0 document is given: fast
// runs the fast checks (else the schema and the reference, for -strict);
// sizeHint is the number of Path Items expected. The export's pipeline
// makes its checker with check.NewOAS3(root, openAPI3(!strict, sizeHint)).
func openAPI3(fast bool, sizeHint int) check.Options {
	opts := check.Options{Schema: openAPI30Schema(), Fast: fast, SizeHint: sizeHint}
	if haveOpenAPI3Reference() {
		opts.Reference = openAPI3ReferenceFindings
	}
	return opts
}

// haveOpenAPI3Reference says whether the registered reference checks
// OpenAPI 3.0.
func haveOpenAPI3Reference() bool {
	r := reference.Load()
	return r != nil && r.OpenAPI3 != nil
}

// openAPI3ReferenceFindings runs the registered OpenAPI 3.0 reference on a
// JSON document. An OpenAPI 3.0 document is checked alone: a $ref to
// another file is an external-ref finding, and then the reference is not
// run (kin-openapi, which reads no file either, would only refuse it).
func openAPI3ReferenceFindings(raw []byte) []Finding {
	t, err := decodeTree(raw)
	if err != nil {
		return []Finding{{Severity: SeverityError, Code: CodeUnreadable, Message: err.Error()}}
	}
	var findings []Finding
	walkRefs(t, "", func(at, ref string) {
		if !strings.HasPrefix(ref, "#") {
			findings = append(findings, Finding{Severity: SeverityError, Code: CodeExternalRef, Path: at,
				Message: "$ref " + ref + " names another file: OpenAPI 3.0 documents are validated alone, and no other file is read"})
		}
	})
	if len(findings) > 0 {
		return check.Sort(findings)
	}
	return check.Sort(reference.Load().OpenAPI3(raw))
}

// The versions [Validate] tells apart.
const (
	versionSwagger2 = "2.0"
	versionOpenAPI3 = "3.0"
)

// openAPI30Version is the official schema's pattern for openapi.
var openAPI30Version = regexp.MustCompile(`^3\.0\.\d(-.+)?$`)

// documentVersion says which checker reads a decoded document: Swagger 2.0
// for a document with swagger (or with neither swagger nor openapi, which
// the Swagger 2.0 schema then refuses), OpenAPI 3.0 for one with openapi
// and no swagger. An openapi string that is not 3.0.x is a finding of its
// own, and nothing else is checked.
func documentVersion(v any) (string, []Finding) {
	doc, ok := v.(tree.Obj)
	if !ok || doc.Has("swagger") || !doc.Has("openapi") {
		return versionSwagger2, nil
	}
	if s, ok := doc.Get("openapi").(string); ok && !openAPI30Version.MatchString(s) {
		return "", []Finding{{Severity: SeverityError, Code: CodeOpenAPIVersion, Path: "/openapi",
			Message: "openapi is " + quote(s) + ": apigexport validates Swagger 2.0 (swagger: \"2.0\") and OpenAPI 3.0.x (openapi: 3.0.0 to 3.0.3) documents"}}
	}
	return versionOpenAPI3, nil
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// CodeOpenAPIVersion marks a document whose openapi is not 3.0.x.
const CodeOpenAPIVersion = check.CodeOpenAPIVersion

// CodeOpenAPI3Invalid marks a finding of kin-openapi, the reference
// OpenAPI 3.0 validator, whose findings have no codes or pointers of their
// own, as [CodeSwaggerInvalid] marks go-openapi/validate's.
const CodeOpenAPI3Invalid = "openapi-invalid"
