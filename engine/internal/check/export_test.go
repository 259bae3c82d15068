package check

import "github.com/apigexport/apigexport/engine/internal/tree"

// FastAcceptOAS3 is the fast accept of the member p: v of the Paths
// Object (oas3accept.go).
func FastAcceptOAS3(p string, v any) bool {
	var ps patterns
	return ps.acceptPathItem(p, v)
}

// OAS3ItemSchemaErrors is the official schema's run on one member p of
// the Paths Object, as the checker runs it when the fast accept does not
// prove it needless.
func OAS3ItemSchemaErrors(s *Schema, p string, v any) []Finding {
	r := schemaRun{draft4: s.draft4, stack: []string{"paths"}}
	r.member(s.defs["Paths"], p, v)
	var fs []Finding
	for _, e := range r.errs {
		fs = append(fs, Finding{SeverityError, e.code, e.path, e.msg})
	}
	return fs
}

// FastAcceptSwagger is the Swagger 2.0 fast accept of the member p: v of
// the Paths Object (swaggeraccept.go).
func FastAcceptSwagger(p string, v any) bool {
	accepted, _ := swaggerAcceptPathItem(p, v)
	return accepted
}

// SwaggerPlainProven reports whether the fast accept takes p: v and
// proves that itemOutsideFastPath says "" of it; and what that says.
func SwaggerPlainProven(p string, v any) (proven bool, why string) {
	accepted, outside := swaggerAcceptPathItem(p, v)
	return accepted && !outside, itemOutsideFastPath(tree.AsObj(v))
}

// SwaggerItemSchemaErrors is the Swagger 2.0 schema's run on one member p
// of the Paths Object, prechecks included, as the checker runs it when the
// fast accept does not prove it needless.
func SwaggerItemSchemaErrors(s *Schema, p string, v any) []Finding {
	r := schemaRun{draft4: s.draft4, stack: []string{"paths"}}
	r.member(s.defs["paths"], p, v)
	var fs []Finding
	for _, e := range append(r.errs, r.prechecks...) {
		fs = append(fs, Finding{SeverityError, e.code, e.path, e.msg})
	}
	return fs
}
