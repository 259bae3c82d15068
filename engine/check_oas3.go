package engine

import (
	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

// newOAS3Checker starts checking an OpenAPI 3.0 export from its root,
// whose Paths Object is not read: its members come through Item. sizeHint
// is the number of operations expected; strict asks for the reference
// validator (kin-openapi) instead of the fast checks. It is the one place
// an export's OpenAPI 3.0 document is checked; [Validate] checks a user's
// document with the same options (openAPI3).
func newOAS3Checker(root tree.Obj, strict bool, sizeHint int) check.Stream {
	return check.NewOAS3(root, openAPI3(!strict, sizeHint))
}

// checkOAS3 checks a whole decoded OpenAPI 3.0 document, fast.
func checkOAS3(doc any) []Finding {
	return check.OAS3Document(doc, openAPI3(true, 0)).Verdict(func() []byte { return tree.EncodeJSON(doc, 0) })
}
