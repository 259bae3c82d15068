package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// The OpenAPI 3.0 checker gives the verdict of the OpenAPI 3.0 oracle
// (kin-openapi's T.Validate and the official OpenAPI 3.0 JSON Schema, both
// of which must accept; docs/openapi3-validity.md) on the documents the
// gateway works with, without kin-openapi. It runs
//
//  1. the official OpenAPI 3.0 JSON Schema, with the draft-4 engine run
//     as draft 4 says (CompileDraft4); the fast checker skips the run on
//     a Path Item that the fast accept proves it valid (oas3accept.go),
//     which the gateway's exports all are;
//  2. the checks of kin-openapi's T.Validate that the schema does not
//     make, for the part of OpenAPI 3.0 the gateway can express: non-empty
//     info.title, info.version, root server URLs, parameter and apiKey
//     names; component names; path templates against the path
//     parameters of each operation; paths that differ only in their
//     parameters' names; duplicate parameters; unique operationIds;
//     response $refs that resolve; security requirements that name
//     schemes; a Responses Object with a response code; patterns that
//     compile; defaults and examples against their schema (type, enum,
//     lengths, bounds, pattern).
//
// That part is: parameters (path, query, header, cookie) of a primitive
// schema without $ref, format, style or examples; responses with a
// description, extensions and headers of such schemas, and $refs to
// #/components/responses/NAME; components with responses and apiKey
// securitySchemes only; server URLs without variables at the root; no
// requestBody, callbacks, links, tags, externalDocs, contact or licence.
// A document outside it is handed to the reference (kin-openapi) once the
// schema accepts it, so the verdict is the oracle's either way; a program
// without the reference reports it not-checked. outsideWhy says why.
//
// Like the Swagger 2.0 checker it is fed the root with an empty Paths
// Object (NewOAS3), then each member of the Paths Object in byte order of
// the keys (Item), then asked for the verdict; OAS3Document does the same
// for a whole document.
type OAS3 struct {
	fast bool // run the fast checks; false: the schema and the reference

	schema      schemaRun
	pathsSchema *jschema
	why         string // why the document needs the reference, or ""

	errs []Finding // stage 2's findings

	responses tree.Obj       // components.responses
	schemes   tree.Obj       // components.securitySchemes
	ids       Firsts[opUse]  // operationId -> the first operation
	shapes    Firsts[string] // path with its parameters' names left out -> first path

	// The path of the value at hand, written out only for a finding, and
	// buffers for a Path Item's checks.
	at            []string
	vars, defined []string
	params        []paramKey
	arena         []byte // the bytes of the keys of shapes (arenaReplaceParams)

	apig      apigRun
	reference func(raw []byte) []Finding

	pats patterns // the document's patterns, compiled
}

// OAS3Methods are the operation keys of an OpenAPI 3.0 Path Item, sorted.
var OAS3Methods = [...]string{"delete", "get", "head", "options", "patch", "post", "put", "trace"}

// OpenAPI3Places is where an OpenAPI 3.0 document keeps what the APIG rules
// read: the security schemes in components.securitySchemes, and
// x-apigateway-ratelimits and x-apigateway-access-controls in components
// when it has them there, else at the root (the gateway's reference does
// not say which; both are read).
func OpenAPI3Places(root tree.Obj) Places {
	p := Places{
		SecuritySchemes:    []string{"components", "securitySchemes"},
		Extensions:         []string{"components"},
		SamplesInResponses: true,
	}
	comp := tree.AsObj(root.Get("components"))
	p.RateLimits = []string{"x-apigateway-ratelimits"}
	if comp.Has("x-apigateway-ratelimits") {
		p.RateLimits = []string{"components", "x-apigateway-ratelimits"}
	}
	p.AccessControls = []string{"x-apigateway-access-controls"}
	if comp.Has("x-apigateway-access-controls") {
		p.AccessControls = []string{"components", "x-apigateway-access-controls"}
	}
	return p
}

// NewOAS3 starts an OpenAPI 3.0 document from its root, whose Paths Object
// is not read: its members come through Item. opts.Schema is the official
// OpenAPI 3.0 schema compiled with CompileDraft4; opts.Reference is
// kin-openapi's findings on a JSON document; a zero opts.Places is
// OpenAPI3Places(root).
func NewOAS3(root tree.Obj, opts Options) *OAS3 {
	c := &OAS3{fast: opts.Fast, reference: opts.Reference}
	if opts.Schema != nil {
		c.schema.draft4 = opts.Schema.draft4
		c.schema.validate(opts.Schema.root, root)
		c.pathsSchema = opts.Schema.defs["Paths"]
	}
	if c.fast {
		c.ids.Init(opts.SizeHint)
		c.shapes.Init(opts.SizeHint)
		c.root(root)
	}
	places := opts.Places
	if places.SecuritySchemes == nil {
		places = OpenAPI3Places(root)
	}
	c.apig.root(root, places)
	return c
}

// OAS3Document checks a whole decoded OpenAPI 3.0 document.
func OAS3Document(v any, opts Options) *OAS3 {
	doc, ok := v.(tree.Obj)
	if !ok {
		c := &OAS3{fast: opts.Fast, reference: opts.Reference}
		if opts.Schema != nil {
			c.schema.draft4 = opts.Schema.draft4
			c.schema.validate(opts.Schema.root, v)
		}
		return c
	}
	return whole(doc, opts, NewOAS3)
}

// fail records a finding at the current path (c.at) with the extra
// segments of at. The path is written out only here: most documents have
// no finding, and the checks pass through every value.
func (c *OAS3) fail(code string, at []string, format string, args ...any) {
	n := len(c.at)
	c.at = append(c.at, at...)
	c.errs = append(c.errs, Finding{SeverityError, code, tree.Pointer("", c.at...), fmt.Sprintf(format, args...)})
	c.at = c.at[:n]
}

func (c *OAS3) push(segs ...string) {
	for _, seg := range segs {
		c.at = append(c.at, seg)
	}
}
func (c *OAS3) pop(n int) { c.at = c.at[:len(c.at)-n] }

// here is no extra segment, for fail.
var here []string

// outside records the first reason the document leaves the fast path.
func (c *OAS3) outside(format string, args ...any) {
	if c.why == "" {
		c.why = fmt.Sprintf(format, args...)
	}
}

// allowed reports, as outside, the first key of o that is neither an
// extension nor one of keys; the schema has already refused unknown keys,
// so such a key is a field the fast path leaves to the reference. (The
// objects below the root, which every Path Item has many of, are read in
// one pass with a switch instead: see unknown.)
func (c *OAS3) allowed(o tree.Obj, what string, keys ...string) {
	for _, m := range o {
		if !strings.HasPrefix(m.Key, "x-") && !slices.Contains(keys, m.Key) {
			c.outside("%s with %s", what, m.Key)
			return
		}
	}
}

// unknown reports, as outside, the key k of the object what that the
// fast path does not take (the first one: the callers stop at it).
func (c *OAS3) unknown(what, k string) {
	if c.why == "" {
		c.why = what + " with " + k
	}
}

// Codes of the OpenAPI 3.0 checks that the Swagger 2.0 checker has no
// equivalent for.
const (
	CodeEmptyValue           = "empty-value"
	CodeExampleInvalid       = "example-invalid"
	CodeResponsesWithoutCode = "responses-without-code"
	CodeComponentName        = "component-name-invalid"
	CodeOpenAPIVersion       = "openapi-version"
)

func (c *OAS3) root(root tree.Obj) {
	c.allowed(root, "a root", "openapi", "info", "servers", "paths", "components", "security")
	if info := tree.AsObj(root.Get("info")); info != nil {
		c.allowed(info, "an info", "title", "version", "description", "termsOfService")
		for _, k := range []string{"version", "title"} {
			if s, ok := info.Get(k).(string); ok && s == "" {
				c.fail(CodeEmptyValue, []string{"info", k}, "info.%s is empty", k)
			}
		}
	}
	for i, s := range tree.AsArr(root.Get("servers")) {
		so := tree.AsObj(s)
		c.allowed(so, "a server", "url", "description")
		u, _ := so.Get("url").(string)
		if strings.ContainsAny(u, "{}") {
			c.outside("a server URL with variables")
		}
		if so.Has("url") && u == "" {
			c.fail(CodeEmptyValue, []string{"servers", strconv.Itoa(i), "url"}, "the server URL is empty")
		}
	}
	comp := tree.AsObj(root.Get("components"))
	c.allowed(comp, "components", "responses", "securitySchemes")
	c.responses = tree.AsObj(comp.Get("responses"))
	c.schemes = tree.AsObj(comp.Get("securitySchemes"))
	for _, m := range c.responses {
		c.push("components", "responses", m.Key)
		r := tree.AsObj(m.Val)
		switch {
		case !componentName(m.Key):
			c.fail(CodeComponentName, here, "component name %q has characters other than A-Z a-z 0-9 . - _", m.Key)
		case r.Has("$ref"):
			c.outside("a components response $ref")
		default:
			c.response(r)
		}
		c.pop(3)
	}
	for _, m := range c.schemes {
		at := []string{"components", "securitySchemes", m.Key}
		if !componentName(m.Key) {
			c.fail(CodeComponentName, at, "component name %q has characters other than A-Z a-z 0-9 . - _", m.Key)
			continue
		}
		s := tree.AsObj(m.Val)
		if s.Has("$ref") {
			c.outside("a security scheme $ref")
			continue
		}
		if s.Get("type") != "apiKey" {
			c.outside("a security scheme of type %v", s.Get("type"))
			continue
		}
		c.allowed(s, "a security scheme", "type", "name", "in", "description")
		if name, ok := s.Get("name").(string); ok && name == "" {
			c.fail(CodeEmptyValue, append(at, "name"), "the apiKey security scheme %s has an empty name", m.Key)
		}
	}
	c.push("security")
	c.security(root.Get("security"))
	c.pop(1)
}

// componentName is kin-openapi's identifier: ^[a-zA-Z0-9._-]+$.
func componentName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9', b == '.', b == '_', b == '-':
		default:
			return false
		}
	}
	return true
}

// security checks the security requirements at the current path.
func (c *OAS3) security(reqs any) {
	for i, req := range tree.AsArr(reqs) {
		for _, m := range tree.AsObj(req) {
			if !c.schemes.Has(m.Key) {
				c.fail("security-scheme-undeclared", []string{strconv.Itoa(i), m.Key},
					"security scheme %s is not declared in components.securitySchemes", m.Key)
			}
		}
	}
}

// Item checks one member of the Paths Object; members come in byte order
// of their keys. As with Checker.Item, nothing of v may be kept once Item
// returns: the next Path Item is built over its memory.
func (c *OAS3) Item(p string, v any) {
	// The schema run, unless the fast accept proves it would find nothing
	// (oas3accept.go); the strict checker always runs it.
	if c.pathsSchema != nil && !(c.fast && c.pats.acceptPathItem(p, v)) {
		c.schema.stack = append(c.schema.stack[:0], "paths")
		c.schema.member(c.pathsSchema, p, v)
	}
	if !strings.HasPrefix(p, "/") {
		return
	}
	item := tree.AsObj(v)
	if c.fast {
		c.at = append(c.at[:0], "paths", p)
		c.pathItem(p, item)
	}
	if item != nil {
		c.apig.pathItem(p, item)
	}
}

// appendTemplateVars appends the names of a path's {name} variables to
// vars, or reports ok false for a template that the fast path leaves to
// the reference: a brace that does not open or close a variable, an
// empty name, or a name that kin-openapi reads its own way (with ":" or a
// trailing "*").
func appendTemplateVars(vars []string, p string) (_ []string, ok bool) {
	open := -1
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '{':
			if open >= 0 {
				return vars, false
			}
			open = i
		case '}':
			if open < 0 || i == open+1 {
				return vars, false
			}
			name := p[open+1 : i]
			if strings.Contains(name, ":") || strings.HasSuffix(name, "*") {
				return vars, false
			}
			vars = append(vars, name)
			open = -1
		}
	}
	return vars, open < 0
}

// oas3Method is the index of k in OAS3Methods, or -1.
func oas3Method(k string) int {
	switch k {
	case "delete":
		return 0
	case "get":
		return 1
	case "head":
		return 2
	case "options":
		return 3
	case "patch":
		return 4
	case "post":
		return 5
	case "put":
		return 6
	case "trace":
		return 7
	}
	return -1
}

// oas3MethodNames are OAS3Methods in capitals, for messages.
var oas3MethodNames = func() (names [len(OAS3Methods)]string) {
	for i, m := range OAS3Methods {
		names[i] = strings.ToUpper(m)
	}
	return names
}()

// opUse is the first operation of an operationId, for a message.
type opUse struct {
	method int // in OAS3Methods
	path   string
}

// opFields are the members of an Operation Object that the checks read,
// in one pass (the first of each, as Obj.Get reads them).
type opFields struct {
	params    tree.Arr
	responses tree.Obj
	security  any
	id        any
	unknown   string // the first key the fast path does not take
}

func readOp(op tree.Obj) (f opFields) {
	var s seen
	for _, m := range op {
		switch m.Key {
		case "parameters":
			if s.first(0) {
				f.params, _ = m.Val.(tree.Arr)
			}
		case "responses":
			if s.first(1) {
				f.responses, _ = m.Val.(tree.Obj)
			}
		case "security":
			if s.first(2) {
				f.security = m.Val
			}
		case "operationId":
			if s.first(3) {
				f.id = m.Val
			}
		case "tags", "summary", "description", "deprecated", "servers":
		default:
			if f.unknown == "" && !strings.HasPrefix(m.Key, "x-") {
				f.unknown = m.Key
			}
		}
	}
	return f
}

// pathItem runs the fast checks on the Path Item of p, at c.at.
func (c *OAS3) pathItem(p string, item tree.Obj) {
	// One pass over the members: the operations, the parameters, and what
	// the fast path does not take.
	var ops [len(OAS3Methods)]any
	var opSeen, s seen
	var itemParams tree.Arr
	ref, unknown := false, ""
	for _, m := range item {
		if i := oas3Method(m.Key); i >= 0 {
			if opSeen.first(uint(i)) {
				ops[i] = m.Val
			}
			continue
		}
		switch m.Key {
		case "$ref":
			ref = true
		case "parameters":
			if s.first(0) {
				itemParams, _ = m.Val.(tree.Arr)
			}
		case "summary", "description", "servers":
		default:
			if unknown == "" && !strings.HasPrefix(m.Key, "x-") {
				unknown = m.Key
			}
		}
	}
	if ref {
		c.outside("a Path Item $ref")
		return
	}
	if unknown != "" {
		c.unknown("a Path Item", unknown)
	}
	vars, ok := appendTemplateVars(c.vars[:0], p)
	c.vars = vars
	if !ok {
		c.outside("the path template %s", p)
		return
	}
	shape := p
	if len(vars) > 0 {
		shape = arenaReplaceParams(&c.arena, p, false, "{}")
	}
	if first, dup := c.shapes.Add(shape, p); dup {
		c.fail("path-overlap", here, "path %s overlaps with %s", *first, p)
		return
	}
	for i, v := range ops {
		op, _ := v.(tree.Obj)
		if op == nil {
			continue
		}
		c.push(OAS3Methods[i])
		f := readOp(op)
		// The path parameters the operation has, its own and the Path
		// Item's, each name once.
		defined := c.defined[:0]
		for _, list := range [2]tree.Arr{itemParams, f.params} {
			for _, prm := range list {
				po, _ := prm.(tree.Obj)
				if po.Get("in") == "path" {
					name, _ := po.Get("name").(string)
					if !slices.Contains(defined, name) {
						defined = append(defined, name)
					}
				}
			}
		}
		c.defined = defined
		for _, v := range vars {
			if !slices.Contains(defined, v) {
				c.fail("path-param-undeclared", here, "operation %s %s has no path parameter %s", oas3MethodNames[i], p, v)
			}
		}
		if !slices.Equal(defined, vars) {
			c.notInPath(i, p, defined, vars)
		}
		c.operation(i, p, &f)
		c.pop(1)
	}
	c.push("parameters")
	c.parameters(itemParams)
	c.pop(1)
}

// notInPath reports, by name, the path parameters of an operation that
// the path does not have.
func (c *OAS3) notInPath(method int, p string, defined, vars []string) {
	var extra []string
	for _, name := range defined {
		if !slices.Contains(vars, name) {
			extra = append(extra, name)
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		c.fail("path-param-not-in-path", here, "operation %s %s declares the path parameter %s, which the path does not have", oas3MethodNames[method], p, name)
	}
}

// operation checks the operation method of the path p, at c.at.
func (c *OAS3) operation(method int, p string, f *opFields) {
	if f.unknown != "" {
		c.unknown("an operation", f.unknown)
	}
	c.push("parameters")
	c.parameters(f.params)
	c.pop(1)
	codes := 0
	c.push("responses")
	for _, m := range f.responses {
		if strings.HasPrefix(m.Key, "x-") {
			continue
		}
		codes++
		c.push(m.Key)
		r, _ := m.Val.(tree.Obj)
		c.response(r)
		c.pop(1)
	}
	if f.responses != nil && codes == 0 {
		c.fail(CodeResponsesWithoutCode, here, "the Responses Object has no response code, only extensions")
	}
	c.pop(1)
	if f.security != nil {
		c.push("security")
		c.security(f.security)
		c.pop(1)
	}
	if id, ok := f.id.(string); ok && id != "" {
		if first, dup := c.ids.Add(id, opUse{method, p}); dup {
			c.fail("duplicate-operation-id", []string{"operationId"}, "operationId %q is used by %s %s and %s %s", id,
				oas3MethodNames[first.method], first.path, oas3MethodNames[method], p)
		}
	}
}

// response checks a Response Object of an operation or of components, at
// c.at.
func (c *OAS3) response(r tree.Obj) {
	var ref, headers any
	var s seen
	unknown := ""
	for _, m := range r {
		switch m.Key {
		case "$ref":
			if s.first(0) {
				ref = m.Val
			}
		case "headers":
			if s.first(1) {
				headers = m.Val
			}
		case "description":
		default:
			if unknown == "" && !strings.HasPrefix(m.Key, "x-") {
				unknown = m.Key
			}
		}
	}
	if ref, ok := ref.(string); ok {
		name, found := strings.CutPrefix(ref, "#/components/responses/")
		if !found || strings.Contains(name, "/") || !plainRef(ref) {
			c.outside("the reference %s", ref)
			return
		}
		if !c.responses.Has(tree.Unescape(name)) {
			c.fail("unresolved-ref", []string{"$ref"}, "the reference %s does not resolve", ref)
		}
		return
	}
	if s&1 != 0 {
		c.outside("a $ref that is not a string")
		return
	}
	if unknown != "" {
		c.unknown("a response", unknown)
	}
	for _, m := range tree.AsObj(headers) {
		h := tree.AsObj(m.Val)
		if h.Has("$ref") {
			c.outside("a header $ref")
			continue
		}
		c.allowed(h, "a header", "description", "required", "deprecated", "schema")
		if !h.Has("schema") {
			c.outside("a header without a schema")
			continue
		}
		c.push("headers", m.Key, "schema")
		var ps prim
		c.schemaObject(tree.AsObj(h.Get("schema")), &ps)
		c.pop(3)
	}
}

// paramKey is a parameter's location and name, which the parameters of
// one list may not share.
type paramKey struct{ in, name string }

// parameters checks a parameter list, at c.at.
func (c *OAS3) parameters(list tree.Arr) {
	seenParams := c.params[:0]
	for i, prm := range list {
		po, _ := prm.(tree.Obj)
		var inV, nameV, schema, example any
		var s seen
		ref, unknown := false, ""
		for _, m := range po {
			switch m.Key {
			case "$ref":
				ref = true
			case "in":
				if s.first(0) {
					inV = m.Val
				}
			case "name":
				if s.first(1) {
					nameV = m.Val
				}
			case "schema":
				if s.first(2) {
					schema = m.Val
				}
			case "example":
				if s.first(3) {
					example = m.Val
				}
			case "description", "required", "deprecated":
			default:
				if unknown == "" && !strings.HasPrefix(m.Key, "x-") {
					unknown = m.Key
				}
			}
		}
		if ref {
			c.outside("a parameter $ref")
			continue
		}
		if unknown != "" {
			c.unknown("a parameter", unknown)
		}
		c.push(strconv.Itoa(i))
		in, _ := inV.(string)
		name, _ := nameV.(string)
		key := paramKey{in, name}
		if slices.Contains(seenParams, key) {
			c.fail("duplicate-parameter", here, "parameter %s in %s is declared twice", name, in)
		}
		seenParams = append(seenParams, key)
		if name == "" {
			c.fail(CodeEmptyValue, []string{"name"}, "the parameter's name is empty")
		}
		if s&4 == 0 {
			c.outside("a parameter without a schema")
			c.pop(1)
			continue
		}
		var ps prim
		c.push("schema")
		c.schemaObject(tree.AsObj(schema), &ps)
		c.pop(1)
		if example != nil && c.why == "" {
			if msgs := c.checkValue3(&ps, example); len(msgs) > 0 {
				c.fail(CodeExampleInvalid, []string{"example"}, "example of parameter %s: %s", name, strings.Join(msgs, "; "))
			}
		}
		c.pop(1)
	}
	c.params = seenParams
}

// prim is a parameter's or header's Schema Object, read in one pass: the
// first value of each keyword (Obj.Get's), nil for none.
type prim struct {
	typ, enum, def, example, maximum, minimum, exclMax, exclMin, maxLength, minLength, pattern any
	ref                                                                                        bool
	unknown                                                                                    string // the first key the fast path does not take
}

func (p *prim) read(s tree.Obj) {
	var seenKeys seen
	for _, m := range s {
		var dst *any
		var bit uint
		switch m.Key {
		case "type":
			dst, bit = &p.typ, 0
		case "enum":
			dst, bit = &p.enum, 1
		case "default":
			dst, bit = &p.def, 2
		case "example":
			dst, bit = &p.example, 3
		case "maximum":
			dst, bit = &p.maximum, 4
		case "minimum":
			dst, bit = &p.minimum, 5
		case "exclusiveMaximum":
			dst, bit = &p.exclMax, 6
		case "exclusiveMinimum":
			dst, bit = &p.exclMin, 7
		case "maxLength":
			dst, bit = &p.maxLength, 8
		case "minLength":
			dst, bit = &p.minLength, 9
		case "pattern":
			dst, bit = &p.pattern, 10
		case "$ref":
			p.ref = true
			continue
		case "description", "title":
			continue
		default:
			if p.unknown == "" && !strings.HasPrefix(m.Key, "x-") {
				p.unknown = m.Key
			}
			continue
		}
		if seenKeys.first(bit) {
			*dst = m.Val
		}
	}
}

// schemaObject checks a parameter's or header's Schema Object, at c.at,
// and leaves it read in p.
func (c *OAS3) schemaObject(s tree.Obj, p *prim) {
	p.read(s)
	if p.ref {
		c.outside("a schema $ref")
		return
	}
	if p.unknown != "" {
		c.unknown("a schema", p.unknown)
	}
	switch p.typ {
	case "string", "number", "integer", "boolean":
	default:
		c.outside("a schema of type %v", p.typ)
		return
	}
	// A length must be an integer below 2^53, which isInteger's integers
	// all are (within ±(2^53-1)): no need to parse it again.
	for _, k := range [...]struct {
		name string
		v    any
	}{{"maxLength", p.maxLength}, {"minLength", p.minLength}} {
		if n, ok := k.v.(tree.Number); ok && !isInteger(n) {
			c.outside("a schema with %s %s", k.name, n)
		}
	}
	if pat, ok := p.pattern.(string); ok {
		if strings.Contains(pat, `\u`) {
			c.outside("a pattern with \\u")
			return
		}
		if _, err := c.pats.compile(pat); err != nil {
			c.fail("parameter-pattern-invalid", []string{"pattern"}, "pattern %q does not compile: %v", pat, err)
			return
		}
	}
	if c.why != "" {
		return
	}
	if p.def != nil {
		if msgs := c.checkValue3(p, p.def); len(msgs) > 0 {
			c.fail("default-invalid", []string{"default"}, "default: %s", strings.Join(msgs, "; "))
		}
	}
	if p.example != nil {
		if msgs := c.checkValue3(p, p.example); len(msgs) > 0 {
			c.fail(CodeExampleInvalid, []string{"example"}, "example: %s", strings.Join(msgs, "; "))
		}
	}
}

// isInteger is tree.Number.IsInteger, without parsing a number of a few
// plain digits (most are).
func isInteger(n tree.Number) bool {
	s := string(n)
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	if s == "" || len(s) > 15 {
		return n.IsInteger()
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return n.IsInteger()
		}
	}
	return true
}

// number is the value of a numeric keyword, as floatKeyword reads it;
// a few plain digits (most bounds) are read without ParseFloat.
func number(v any) (float64, bool) {
	n, ok := v.(tree.Number)
	if !ok {
		return 0, false
	}
	if len(n) > 0 && len(n) <= 15 {
		var x int64
		for i := 0; i < len(n); i++ {
			if n[i] < '0' || n[i] > '9' {
				goto parse
			}
			x = x*10 + int64(n[i]-'0')
		}
		return float64(x), true // exact: below 2^53
	}
parse:
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

// checkValue3 checks a value against a primitive Schema Object as
// kin-openapi's Schema.VisitJSON does (formats aside: the fast path has
// none).
func (c *OAS3) checkValue3(s *prim, v any) []string {
	typ, _ := s.typ.(string)
	var msgs []string
	switch x := v.(type) {
	case string:
		if typ != "string" {
			return []string{"expected " + typ + ", got a string"}
		}
		if s.maxLength != nil || s.minLength != nil {
			n := int64(utf8.RuneCountInString(x))
			if m, ok := number(s.maxLength); ok && n > int64(m) {
				msgs = append(msgs, fmt.Sprintf("longer than %d", int64(m)))
			}
			if m, ok := number(s.minLength); ok && n < int64(m) {
				msgs = append(msgs, fmt.Sprintf("shorter than %d", int64(m)))
			}
		}
		if pat, ok := s.pattern.(string); ok {
			if re, err := c.pats.compile(pat); err == nil && !re.MatchString(x) {
				msgs = append(msgs, fmt.Sprintf("does not match %s", pat))
			}
		}
	case tree.Number:
		if typ != "number" && !(typ == "integer" && isInteger(x)) {
			return []string{fmt.Sprintf("expected %s, got %s", typ, x)}
		}
		if s.maximum != nil || s.minimum != nil {
			f, _ := number(x) // x.Float(), without ParseFloat for plain digits
			if m, ok := number(s.maximum); ok {
				if ex, _ := s.exclMax.(bool); f > m || (ex && f == m) {
					msgs = append(msgs, fmt.Sprintf("greater than the maximum %v", m))
				}
			}
			if m, ok := number(s.minimum); ok {
				if ex, _ := s.exclMin.(bool); f < m || (ex && f == m) {
					msgs = append(msgs, fmt.Sprintf("less than the minimum %v", m))
				}
			}
		}
	case bool:
		if typ != "boolean" {
			return []string{"expected " + typ + ", got a boolean"}
		}
	default:
		return []string{fmt.Sprintf("expected %s, got %s", typ, jsonType(v))}
	}
	if enum, ok := s.enum.(tree.Arr); ok && len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		msgs = append(msgs, "not one of the enum values")
	}
	return msgs
}

// SchemaErrors reports whether the official schema refused the document.
func (c *OAS3) SchemaErrors() []Finding {
	var fs []Finding
	for _, e := range c.schema.errs {
		fs = append(fs, Finding{SeverityError, e.code, e.path, e.msg})
	}
	return fs
}

// FastFindings is the fast checker's verdict: the schema's refusals, or
// else the semantic checks' findings; or, instead, why the document needs
// the reference.
func (c *OAS3) FastFindings() (fs []Finding, fallback string) {
	if fs := c.SchemaErrors(); len(fs) > 0 {
		return fs, ""
	}
	if c.why != "" {
		return nil, c.why
	}
	return slices.Clone(c.errs), ""
}

// Verdict is the document's findings, sorted: the fast checker's (or,
// for a document outside its fast path or a checker without it, the
// schema's and the reference's on raw) and the APIG rules'.
func (c *OAS3) Verdict(raw func() []byte) []Finding {
	var fs []Finding
	if c.fast {
		fast, why := c.FastFindings()
		fs = handOver(fast, why, c.reference, raw, "the reference validator (kin-openapi)", "OpenAPI 3.0")
	} else {
		fs = c.SchemaErrors()
		if c.reference != nil {
			fs = append(fs, c.reference(raw())...)
		}
	}
	return Sort(append(fs, c.apig.findings...))
}

// Stream is a checker fed a root, then its Path Items one by one, then
// asked for the verdict: the Swagger 2.0 checker and the OpenAPI 3.0 one.
type Stream interface {
	Item(p string, v any)
	Verdict(raw func() []byte) []Finding
}

var (
	_ Stream = (*Checker)(nil)
	_ Stream = (*OAS3)(nil)
)
