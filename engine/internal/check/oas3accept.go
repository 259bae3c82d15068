package check

import (
	"regexp"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// The fast accept proves, in one walk of a Path Item, that the official
// OpenAPI 3.0 schema (run with CompileDraft4) finds nothing in it, so that
// the checker can skip the schema run on the Path Items of the gateway's
// shape. It knows the definitions PathItem, Operation, Parameter (with
// ParameterLocation, SchemaXORContent and ExampleXORExamples), Responses,
// Response, Header, Schema, Server, SecurityRequirement and Reference, and
// accepts only what it can prove each of them accepts: a member or a
// keyword it does not know, a known key twice in one object, or anything
// else unusual makes it answer false, and then the schema runs as it
// always did. So its answer is one-way: true means the schema accepts;
// false means nothing (TestOAS3FastAcceptSound and FuzzOAS3FastAccept
// hold it to that, TestOAS3FastAcceptComplete to accepting the gateway's
// exports).

// patterns caches, for one document, whether each pattern compiles and
// its compiled form: the parameters of a document repeat a few patterns.
type patterns map[string]*regexp.Regexp

// compile is regexp.Compile of pat, cached (a nil result: it does not
// compile).
func (ps *patterns) compile(pat string) (*regexp.Regexp, error) {
	if re, ok := (*ps)[pat]; ok {
		if re == nil {
			return regexp.Compile(pat) // for its error, on a finding's path only
		}
		return re, nil
	}
	if *ps == nil {
		*ps = patterns{}
	}
	re, err := regexp.Compile(pat)
	(*ps)[pat] = re
	return re, err
}

// compiles reports whether pat compiles, as the schema's format regex
// asks.
func (ps *patterns) compiles(pat string) bool {
	_, err := ps.compile(pat)
	return err == nil
}

// seen marks the known keys of an object met so far: a key twice makes
// the walk give up, so every check below holds for every occurrence.
type seen uint32

// first marks bit and reports whether it was not marked yet.
func (s *seen) first(bit uint) bool {
	if *s&(1<<bit) != 0 {
		return false
	}
	*s |= 1 << bit
	return true
}

// acceptPathItem reports whether the schema's Paths Object surely
// accepts the member p: v, a PathItem.
func (ps *patterns) acceptPathItem(p string, v any) bool {
	item, ok := v.(tree.Obj)
	if !ok || !strings.HasPrefix(p, "/") {
		return false
	}
	var s seen
	for _, m := range item {
		k := m.Key
		switch {
		case strings.HasPrefix(k, "x-"):
		case k == "summary" || k == "description":
			if _, ok := m.Val.(string); !ok {
				return false
			}
		case k == "servers":
			if !s.first(0) || !acceptServers(m.Val) {
				return false
			}
		case k == "parameters":
			if !s.first(1) || !ps.acceptParameters(m.Val) {
				return false
			}
		case oas3Method(k) >= 0: // ^(get|put|post|delete|options|head|patch|trace)$
			if !ps.acceptOperation(m.Val) {
				return false
			}
		default: // $ref and anything the schema forbids
			return false
		}
	}
	return true
}

// acceptServers: an array of Server Objects with a string url and maybe a
// string description.
func acceptServers(v any) bool {
	list, ok := v.(tree.Arr)
	if !ok {
		return false
	}
	for _, e := range list {
		o, ok := e.(tree.Obj)
		if !ok {
			return false
		}
		var s seen
		for _, m := range o {
			switch {
			case strings.HasPrefix(m.Key, "x-"):
				continue
			case m.Key == "url":
				s.first(0)
			case m.Key != "description":
				return false // variables, or a key the schema forbids
			}
			if _, ok := m.Val.(string); !ok {
				return false
			}
		}
		if s == 0 {
			return false // url is required
		}
	}
	return true
}

// acceptOperation: an Operation Object with responses, and tags,
// summary, description, operationId, parameters, deprecated, security,
// servers and extensions.
func (ps *patterns) acceptOperation(v any) bool {
	op, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	var s seen
	for _, m := range op {
		switch k := m.Key; k {
		case "summary", "description", "operationId":
			if _, ok := m.Val.(string); !ok {
				return false
			}
		case "responses":
			if !s.first(0) || !ps.acceptResponses(m.Val) {
				return false
			}
		case "parameters":
			if !s.first(1) || !ps.acceptParameters(m.Val) {
				return false
			}
		case "tags":
			if !stringArray(m.Val) {
				return false
			}
		case "deprecated":
			if _, ok := m.Val.(bool); !ok {
				return false
			}
		case "security":
			list, ok := m.Val.(tree.Arr)
			if !ok {
				return false
			}
			for _, req := range list {
				ro, ok := req.(tree.Obj)
				if !ok {
					return false
				}
				for _, sm := range ro {
					if !stringArray(sm.Val) {
						return false
					}
				}
			}
		case "servers":
			if !acceptServers(m.Val) {
				return false
			}
		default: // an extension; requestBody, callbacks, externalDocs, or a forbidden key
			if !strings.HasPrefix(k, "x-") {
				return false
			}
		}
	}
	return s&1 != 0 // responses is required
}

func stringArray(v any) bool {
	list, ok := v.(tree.Arr)
	if !ok {
		return false
	}
	for _, e := range list {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return true
}

// acceptReference: a Reference Object, the one form of a oneOf of X and
// Reference that an object with $ref can take (X forbids $ref): every
// $ref a string that is a uri-reference.
func acceptReference(o tree.Obj) bool {
	for _, m := range o {
		if m.Key == "$ref" {
			ref, ok := m.Val.(string)
			if !ok {
				return false
			}
			// A fragment of unreserved characters and / is a
			// uri-reference without a parse.
			if !(strings.HasPrefix(ref, "#") && plainRef(ref)) && !draft4Formats["uri-reference"](ref) {
				return false
			}
		}
	}
	return true
}

// acceptParameters: an array of Parameter or Reference Objects, unique
// (proven by distinct in and name, which every Parameter has; first
// values, and a Parameter here has each once).
func (ps *patterns) acceptParameters(v any) bool {
	list, ok := v.(tree.Arr)
	if !ok {
		return false
	}
	var buf [16]paramKey
	keys := buf[:0]
	for _, e := range list {
		o, ok := e.(tree.Obj)
		if !ok {
			return false
		}
		if o.Has("$ref") {
			return false // uniqueness would need a deep comparison
		}
		key, ok := ps.acceptParameter(o)
		if !ok || slices.Contains(keys, key) {
			return false
		}
		keys = append(keys, key)
	}
	return true
}

// acceptParameter: a Parameter Object with a string name, an in of path,
// query, header or cookie (a path parameter with required true), a
// schema, and maybe a description, required, deprecated, an example and
// extensions.
func (ps *patterns) acceptParameter(o tree.Obj) (paramKey, bool) {
	var s seen
	var ok bool
	var in, name string
	required := false
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
			case "path", "query", "header", "cookie":
			default:
				return paramKey{}, false
			}
		case "schema":
			if !s.first(2) || !ps.acceptSchemaOrRef(m.Val) {
				return paramKey{}, false
			}
		case "description":
			if _, ok := m.Val.(string); !ok {
				return paramKey{}, false
			}
		case "required":
			if required, ok = m.Val.(bool); !ok || !s.first(3) {
				return paramKey{}, false
			}
		case "deprecated":
			if _, ok := m.Val.(bool); !ok {
				return paramKey{}, false
			}
		case "example":
		default: // an extension; style, content, examples..., or a forbidden key
			if !strings.HasPrefix(k, "x-") {
				return paramKey{}, false
			}
		}
	}
	// name, in and schema (SchemaXORContent) are there; ParameterLocation
	// asks a path parameter for required: true.
	return paramKey{in, name}, s&7 == 7 && (in != "path" || required)
}

// acceptSchemaOrRef: a Schema Object of the keywords below, or a
// Reference.
func (ps *patterns) acceptSchemaOrRef(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	if o.Has("$ref") {
		return acceptReference(o)
	}
	for _, m := range o {
		switch k := m.Key; k {
		case "type":
			switch m.Val {
			case "string", "number", "integer", "boolean", "array", "object":
			default:
				return false
			}
		case "title", "description":
			if _, ok := m.Val.(string); !ok {
				return false
			}
		case "default", "example":
		case "enum":
			if list, ok := m.Val.(tree.Arr); !ok || len(list) == 0 {
				return false
			}
		case "maximum", "minimum":
			if _, ok := m.Val.(tree.Number); !ok {
				return false
			}
		case "exclusiveMaximum", "exclusiveMinimum":
			if _, ok := m.Val.(bool); !ok {
				return false
			}
		case "maxLength", "minLength":
			n, ok := m.Val.(tree.Number)
			if !ok || !isInteger(n) || numberFloat(n) < 0 {
				return false
			}
		case "pattern":
			pat, ok := m.Val.(string)
			if !ok || !ps.compiles(pat) {
				return false
			}
		default: // an extension; items, properties, format..., or a forbidden key
			if !strings.HasPrefix(k, "x-") {
				return false
			}
		}
	}
	return true
}

// acceptResponses: a Responses Object of default, response codes and
// extensions, with at least one member.
func (ps *patterns) acceptResponses(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok || len(o) == 0 {
		return false
	}
	for _, m := range o {
		switch k := m.Key; {
		case strings.HasPrefix(k, "x-"):
		case k == "default" || isOAS3ResponseCode(k):
			if !ps.acceptResponse(m.Val) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// acceptResponse: a Response Object with a string description, headers
// and extensions, or a Reference.
func (ps *patterns) acceptResponse(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	if o.Has("$ref") {
		return acceptReference(o)
	}
	described := false
	for _, m := range o {
		switch k := m.Key; {
		case strings.HasPrefix(k, "x-"):
		case k == "description":
			if _, ok := m.Val.(string); !ok {
				return false
			}
			described = true
		case k == "headers":
			h, ok := m.Val.(tree.Obj)
			if !ok {
				return false
			}
			for _, hm := range h {
				if !ps.acceptHeader(hm.Val) {
					return false
				}
			}
		default: // content, links, or a forbidden key
			return false
		}
	}
	return described
}

// acceptHeader: a Header Object with a schema, and maybe a description,
// required, deprecated, an example and extensions; or a Reference.
func (ps *patterns) acceptHeader(v any) bool {
	o, ok := v.(tree.Obj)
	if !ok {
		return false
	}
	if o.Has("$ref") {
		return acceptReference(o)
	}
	var s seen
	for _, m := range o {
		switch k := m.Key; {
		case strings.HasPrefix(k, "x-"), k == "example":
		case k == "schema":
			if !s.first(0) || !ps.acceptSchemaOrRef(m.Val) {
				return false
			}
		case k == "description":
			if _, ok := m.Val.(string); !ok {
				return false
			}
		case k == "required" || k == "deprecated":
			if _, ok := m.Val.(bool); !ok {
				return false
			}
		default: // style, content, examples..., or a forbidden key
			return false
		}
	}
	return s != 0 // SchemaXORContent: schema, as content is not taken
}
