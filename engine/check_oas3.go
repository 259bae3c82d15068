package engine

import "strings"

// oas3Checker checks an OpenAPI 3.0 document from its root and its Path
// Items, one by one, as [checker] does for Swagger 2.0.
//
// For now it runs what already exists and applies to OpenAPI 3.0: the
// APIG rules (apig.go), with the root's maps read from their OpenAPI 3.0
// places (components.securitySchemes, components.x-apigateway-*). The
// OpenAPI 3.0 JSON Schema and kin-openapi's semantic checks are to be
// wired here: newOAS3Checker is the one place an OpenAPI 3.0 document is
// checked, for exports and (checkOAS3) whole documents alike.
type oas3Checker struct {
	// strict asks for the reference validator (kin-openapi), which is not
	// wired yet: the same checks run either way.
	strict bool
	apig   apigRun
}

// newOAS3Checker starts a document from its root, whose Paths Object is
// not read: its members come through item. sizeHint is the number of
// operations expected.
func newOAS3Checker(root obj, strict bool, sizeHint int) *oas3Checker {
	c := &oas3Checker{strict: strict}
	r := &c.apig
	r.extensions(root, rootExts)
	components := asObj(root.get("components"))
	r.push("components")
	r.extensions(components, rootExts)
	r.pop(1)
	r.schemes = asObj(components.get("securitySchemes"))
	for _, e := range r.schemes {
		if s := asObj(e.val); s != nil {
			r.push("components", "securitySchemes", e.key)
			r.extensions(s, schemeExts)
			r.pop(3)
		}
	}
	// The policies are read from components, where exports write them,
	// else from the root, where Swagger 2.0 has them (docs/export.md §4b).
	for _, at := range []obj{components, root} {
		if r.limits == nil {
			r.limits = asObj(at.get("x-apigateway-ratelimits"))
		}
		if r.acls == nil {
			r.acls = asObj(at.get("x-apigateway-access-controls"))
		}
	}
	return c
}

// item checks one member of the Paths Object.
func (c *oas3Checker) item(p string, v any) {
	item := asObj(v)
	if item == nil {
		return
	}
	r := &c.apig
	r.pathItem(p, item)
	// The result samples are in the Response Objects, where the gateway
	// writes them, not in the Responses Object as in Swagger 2.0.
	for _, m := range item {
		if !strings.HasPrefix(m.key, "x-") || m.key == anyMethodKey {
			for _, resp := range asObj(asObj(m.val).get("responses")) {
				if ro := asObj(resp.val); ro != nil {
					r.push("paths", p, m.key, "responses", resp.key)
					r.extensions(ro, responsesExts)
					r.pop(5)
				}
			}
		}
	}
}

// verdict is the document's findings, sorted.
func (c *oas3Checker) verdict(func() []byte) []Finding {
	return sortFindings(c.apig.findings)
}

// checkOAS3 checks a whole decoded OpenAPI 3.0 document.
func checkOAS3(doc any) []Finding {
	root, _ := doc.(obj)
	paths := asObj(root.get("paths"))
	top := make(obj, len(root))
	for i, m := range root {
		if m.key == "paths" {
			m.val = obj{}
		}
		top[i] = m
	}
	c := newOAS3Checker(top, false, len(paths))
	for _, m := range paths {
		c.item(m.key, m.val)
	}
	return c.verdict(nil)
}
