package check

import (
	"strings"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// The Swagger 2.0 fast accept proves, in one walk of a Path Item, that the
// official Swagger 2.0 schema, as schemaRun runs it for go-openapi/validate
// (prechecks, strfmt's formats, the reference's nulls), finds nothing in
// it, so that the checker can skip the schema run on the Path Items of the
// gateway's shape. It knows the definitions pathItem, operation,
// parametersList, the non-body parameters in header, query and path of a
// primitive type, responses, responseValue, response, jsonReference,
// security, schemesList, mediaTypeList and tags, and accepts only what it
// can prove each of them accepts: a member it does not know (items, a
// body or formData parameter, a $ref to a parameter, response headers or
// schemas...), a null, a known key twice in one object, or anything else
// unusual makes it answer false, and then the schema runs as it always
// did. So true means the schema accepts; false means nothing
// (TestSwaggerFastAcceptSound and FuzzSwaggerFastAccept hold it to that,
// TestSwaggerFastAcceptComplete to accepting the gateway's exports).

// swaggerWalk is one walk of a Path Item. Besides the proof it notes
// whether the item may be outside the fast path of stages 2 to 4
// (itemOutsideFastPath): a parameter with one of arrayKeys, or a
// response $ref other than a plain #/responses/NAME. When it notes
// neither, itemOutsideFastPath surely says "" and need not run.
type swaggerWalk struct {
	outside bool
}

// swaggerAcceptPathItem reports whether the schema's Paths Object surely
// accepts the member p: v, a pathItem, and whether itemOutsideFastPath
// may say something of it (only meaningful when accepted).
func swaggerAcceptPathItem(p string, v any) (accepted, outside bool) {
	var w swaggerWalk
	ok := w.pathItem(p, v)
	return ok, w.outside
}

func (w *swaggerWalk) pathItem(p string, v any) bool {
	item, ok := v.(tree.Obj)
	if !ok || !strings.HasPrefix(p, "/") {
		return false
	}
	var s seen
	for _, m := range item {
		// A switch on the key (by length, then bytes) rather than a
		// chain of comparisons: in the browser each costs a call.
		switch m.Key {
		case "parameters":
			if !s.first(0) || !w.swaggerAcceptParameters(m.Val) {
				return false
			}
		case "get", "put", "post", "delete", "options", "head", "patch":
			if !w.swaggerAcceptOperation(m.Val) {
				return false
			}
		default: // an extension; $ref, id, $schema, or a key the schema forbids
			if !strings.HasPrefix(m.Key, "x-") || !prechecksClean(m.Val) {
				return false
			}
		}
	}
	return true
}

// prechecksClean reports whether the reference's precheck surely finds
// nothing in v, a value it checks but the schema does not descend into (a
// vendor extension's, a default): no items, and no type array.
func prechecksClean(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok {
		return true
	}
	for _, m := range o {
		if m.Key == "items" || (m.Key == "type" && m.Val == "array") {
			return false
		}
	}
	return true
}

// swaggerAcceptOperation: an operation with responses, and tags, summary,
// description, operationId, consumes, produces, parameters, schemes,
// deprecated, security and extensions.
func (w *swaggerWalk) swaggerAcceptOperation(v any) bool {
	op, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	var s seen
	for _, m := range op {
		switch m.Key {
		case "summary", "description", "operationId":
			if _, ok := m.Val.(string); !ok {
				return false
			}
		case "responses":
			if !s.first(0) || !w.swaggerAcceptResponses(m.Val) {
				return false
			}
		case "parameters":
			if !s.first(1) || !w.swaggerAcceptParameters(m.Val) {
				return false
			}
		case "tags", "consumes", "produces":
			if !uniqueStrings(m.Val, nil) {
				return false
			}
		case "schemes":
			if !uniqueStrings(m.Val, func(s string) bool { return s == "http" || s == "https" || s == "ws" || s == "wss" }) {
				return false
			}
		case "deprecated":
			if _, ok := m.Val.(bool); !ok {
				return false
			}
		case "security":
			if !swaggerAcceptSecurity(m.Val) {
				return false
			}
		default: // an extension; externalDocs, id, $schema, or a key the schema forbids
			if !strings.HasPrefix(m.Key, "x-") || !prechecksClean(m.Val) {
				return false
			}
		}
	}
	return s&1 != 0 // responses is required
}

// uniqueStrings: an array of unique strings, each one that ok takes (nil:
// any).
func uniqueStrings(v any, ok func(string) bool) bool {
	list, isArr := v.(tree.Arr)
	if !isArr {
		return false
	}
	for i, e := range list {
		str, isStr := e.(string)
		if !isStr || (ok != nil && !ok(str)) {
			return false
		}
		for _, f := range list[:i] {
			if f.(string) == str {
				return false
			}
		}
	}
	return true
}

// swaggerAcceptSecurity: an array of unique security requirements, each an
// object of arrays of unique strings.
func swaggerAcceptSecurity(v any) bool {
	list, ok := v.(tree.Arr)
	if !ok {
		return false
	}
	for _, e := range list {
		req, ok := e.(tree.Obj)
		if !ok {
			return false
		}
		for _, m := range req {
			// A requirement is prechecked like any object: a scheme
			// named items or type could upset it.
			if m.Key == "items" || m.Key == "type" || !uniqueStrings(m.Val, nil) {
				return false
			}
		}
	}
	return len(list) < 2 || unique(list)
}

// swaggerAcceptParameters: a parametersList of parameters, unique (proven
// by distinct in and name, which every parameter here has once).
func (w *swaggerWalk) swaggerAcceptParameters(v any) bool {
	list, ok := v.(tree.Arr)
	if !ok {
		return false
	}
	var buf [16]paramKey
	keys := buf[:0]
	for _, e := range list {
		key, ok := w.swaggerAcceptParameter(e)
		if !ok {
			return false
		}
		for _, k := range keys {
			if k == key {
				return false
			}
		}
		keys = append(keys, key)
	}
	return true
}

// swaggerAcceptParameter: a nonBodyParameter in header, query or path (a
// path parameter with required true) with a string name and a primitive
// type, and the keywords of its sub-schema but items; not a
// jsonReference.
func (w *swaggerWalk) swaggerAcceptParameter(v any) (paramKey, bool) {
	o, ok := v.(tree.Obj)
	if !ok {
		return paramKey{}, false
	}
	var s seen
	var in, name, collection string
	required := false
	allowEmpty := false
	for _, m := range o {
		switch k := m.Key; k {
		case "name":
			if name, ok = m.Val.(string); !ok || !s.first(0) {
				return paramKey{}, false
			}
		case "in":
			if in, ok = m.Val.(string); !ok || !s.first(1) {
				return paramKey{}, false
			}
			switch in {
			case "header", "query", "path":
			default: // body, formData, or a location the schema forbids
				return paramKey{}, false
			}
		case "type":
			typ, ok := m.Val.(string)
			if !ok || !s.first(2) {
				return paramKey{}, false
			}
			switch typ {
			case "string", "number", "integer", "boolean":
			default: // array (which needs items), file, or a forbidden type
				return paramKey{}, false
			}
		case "required":
			if required, ok = m.Val.(bool); !ok || !s.first(3) {
				return paramKey{}, false
			}
		case "allowEmptyValue":
			if _, ok := m.Val.(bool); !ok {
				return paramKey{}, false
			}
			allowEmpty, w.outside = true, true
		case "collectionFormat":
			if collection, ok = m.Val.(string); !ok || !s.first(4) {
				return paramKey{}, false
			}
			w.outside = true
			switch collection {
			case "csv", "ssv", "tsv", "pipes", "multi":
			default:
				return paramKey{}, false
			}
		case "description", "format":
			if _, ok := m.Val.(string); !ok {
				return paramKey{}, false
			}
		case "pattern":
			pat, ok := m.Val.(string)
			if !ok || checkFormat("regex", pat) == formatInvalid {
				return paramKey{}, false
			}
		case "default":
			if !prechecksClean(m.Val) {
				return paramKey{}, false
			}
		case "enum":
			if list, ok := m.Val.(tree.Arr); !ok || len(list) == 0 || !unique(list) {
				return paramKey{}, false
			}
		case "maximum", "minimum":
			if _, ok := m.Val.(tree.Number); !ok {
				return paramKey{}, false
			}
		case "exclusiveMaximum", "exclusiveMinimum", "uniqueItems":
			if _, ok := m.Val.(bool); !ok {
				return paramKey{}, false
			}
			w.outside = w.outside || k == "uniqueItems"
		case "maxLength", "minLength", "maxItems", "minItems":
			n, ok := m.Val.(tree.Number)
			if !ok || !isInteger(n) || numberFloat(n) < 0 {
				return paramKey{}, false
			}
			w.outside = w.outside || k == "maxItems" || k == "minItems"
		case "multipleOf":
			n, ok := m.Val.(tree.Number)
			if !ok || !(numberFloat(n) > 0) {
				return paramKey{}, false
			}
		default: // an extension; items, schema, $ref, id, $schema, or a forbidden key
			if !strings.HasPrefix(k, "x-") || !prechecksClean(m.Val) {
				return paramKey{}, false
			}
		}
	}
	// name, in and type are there (nonBodyParameter); the sub-schema of
	// in asks a path parameter for required: true, takes allowEmptyValue
	// and multi only in query.
	switch {
	case s&7 != 7,
		in == "path" && !required,
		in != "query" && (allowEmpty || collection == "multi"):
		return paramKey{}, false
	}
	return paramKey{in, name}, true
}

// swaggerAcceptResponses: a responses object of default, response codes
// and extensions, with at least one response.
func (w *swaggerWalk) swaggerAcceptResponses(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	codes := false
	for _, m := range o {
		switch k := m.Key; {
		case strings.HasPrefix(k, "x-"):
			if !prechecksClean(m.Val) {
				return false
			}
		case isResponseCode(k):
			if !w.swaggerAcceptResponse(m.Val) {
				return false
			}
			codes = true
		default:
			return false
		}
	}
	return codes // minProperties 1, and not only extensions
}

// swaggerAcceptResponse: a responseValue that is a jsonReference (a
// string $ref and nothing else) or a response of a string description and
// extensions.
func (w *swaggerWalk) swaggerAcceptResponse(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok || len(o) == 0 {
		return false
	}
	if o[0].Key == "$ref" {
		ref, ok := o[0].Val.(string)
		if !strings.HasPrefix(ref, "#/responses/") || strings.Count(ref, "/") != 2 || !plainRef(ref) {
			w.outside = true // as itemOutsideFastPath sees it
		}
		return ok && len(o) == 1
	}
	described := false
	for _, m := range o {
		switch k := m.Key; {
		case strings.HasPrefix(k, "x-"):
			if !prechecksClean(m.Val) {
				return false
			}
		case k == "description":
			if _, ok := m.Val.(string); !ok {
				return false
			}
			described = true
		default: // headers, schema, examples, $ref, or a forbidden key
			return false
		}
	}
	return described
}
