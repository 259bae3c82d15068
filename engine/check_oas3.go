package engine

import (
	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
)

// newOAS3Checker starts checking an OpenAPI 3.0 document from its root,
// whose Paths Object is not read: its members come through Item. sizeHint
// is the number of operations expected; strict asks for the reference
// validator (kin-openapi).
//
// For now it runs what already exists and applies to OpenAPI 3.0: the
// APIG rules, with the root's maps read from their OpenAPI 3.0 places
// (oas3Places); strict changes nothing yet. The OpenAPI 3.0 checker of
// package check (its JSON Schema and semantic checks, and the reference)
// is to be wired here: newOAS3Checker is the one place an OpenAPI 3.0
// document is checked, for exports and (checkOAS3) whole documents alike.
func newOAS3Checker(root tree.Obj, strict bool, sizeHint int) docChecker {
	return check.New(root, check.Options{SizeHint: sizeHint, Places: oas3Places(root)})
}

// oas3Places is where an OpenAPI 3.0 document keeps what the APIG rules
// read from its root: the security schemes in components, the policies
// in components, where exports write them beside x-apigateway-responses,
// else at the root, where Swagger 2.0 has them (docs/export.md §4b).
func oas3Places(root tree.Obj) check.Places {
	at := check.Places{
		SecuritySchemes:    []string{"components", "securitySchemes"},
		RateLimits:         []string{"components", "x-apigateway-ratelimits"},
		AccessControls:     []string{"components", "x-apigateway-access-controls"},
		Extensions:         []string{"components"},
		SamplesInResponses: true,
	}
	components := tree.AsObj(root.Get("components"))
	if tree.AsObj(components.Get("x-apigateway-ratelimits")) == nil {
		at.RateLimits = []string{"x-apigateway-ratelimits"}
	}
	if tree.AsObj(components.Get("x-apigateway-access-controls")) == nil {
		at.AccessControls = []string{"x-apigateway-access-controls"}
	}
	return at
}

// checkOAS3 checks a whole decoded OpenAPI 3.0 document.
func checkOAS3(doc any) []Finding {
	root, _ := doc.(tree.Obj)
	paths := tree.AsObj(root.Get("paths"))
	top := make(tree.Obj, len(root))
	for i, m := range root {
		if m.Key == "paths" {
			m.Val = tree.Obj{}
		}
		top[i] = m
	}
	c := newOAS3Checker(top, false, len(paths))
	for _, m := range paths {
		c.Item(m.Key, m.Val)
	}
	return c.Verdict(nil)
}
