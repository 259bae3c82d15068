package check

import (
	"fmt"
	"regexp"
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
//     as draft 4 says (CompileDraft4);
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

	responses tree.Obj          // components.responses
	schemes   tree.Obj          // components.securitySchemes
	ids       map[string]string // operationId -> pointer of the first operation
	shapes    map[string]string // path with its parameters' names left out -> first path

	apig      apigRun
	reference func(raw []byte) []Finding

	pats patterns // the document's patterns, compiled
}

// OAS3Methods are the operation keys of an OpenAPI 3.0 Path Item, sorted.
var OAS3Methods = [...]string{"delete", "get", "head", "options", "patch", "post", "put", "trace"}

// pathItemKeys are the keys of a Path Item in the fast path.
var pathItemKeys = append(OAS3Methods[:], "summary", "description", "servers", "parameters")

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
		c.ids = make(map[string]string, opts.SizeHint)
		c.shapes = make(map[string]string, opts.SizeHint)
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

func (c *OAS3) fail(code string, at loc, format string, args ...any) {
	c.errs = append(c.errs, Finding{SeverityError, code, at.String(), fmt.Sprintf(format, args...)})
}

// loc is a JSON pointer in the making, written out only for a finding:
// most documents have none, and the checks pass through every value.
type loc struct {
	base string // a pointer
	segs [6]string
	n    int
}

func locOf(segs ...string) loc {
	var l loc
	for _, s := range segs {
		l = l.with(s)
	}
	return l
}

// with is l with one more segment (unescaped).
func (l loc) with(seg string) loc {
	if l.n == len(l.segs) {
		l = loc{base: l.String()}
	}
	l.segs[l.n] = seg
	l.n++
	return l
}

func (l loc) String() string { return tree.Pointer(l.base, l.segs[:l.n]...) }

// outside records the first reason the document leaves the fast path.
func (c *OAS3) outside(format string, args ...any) {
	if c.why == "" {
		c.why = fmt.Sprintf(format, args...)
	}
}

// allowed reports, as outside, the first key of o that is neither an
// extension nor one of keys; the schema has already refused unknown keys,
// so such a key is a field the fast path leaves to the reference.
func (c *OAS3) allowed(o tree.Obj, what string, keys ...string) {
	for _, m := range o {
		if !strings.HasPrefix(m.Key, "x-") && !slices.Contains(keys, m.Key) {
			c.outside("%s with %s", what, m.Key)
			return
		}
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
				c.fail(CodeEmptyValue, locOf("info", k), "info.%s is empty", k)
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
			c.fail(CodeEmptyValue, locOf("servers", strconv.Itoa(i), "url"), "the server URL is empty")
		}
	}
	comp := tree.AsObj(root.Get("components"))
	c.allowed(comp, "components", "responses", "securitySchemes")
	c.responses = tree.AsObj(comp.Get("responses"))
	c.schemes = tree.AsObj(comp.Get("securitySchemes"))
	for _, m := range c.responses {
		at := locOf("components", "responses", m.Key)
		if !componentName(m.Key) {
			c.fail(CodeComponentName, at, "component name %q has characters other than A-Z a-z 0-9 . - _", m.Key)
			continue
		}
		r := tree.AsObj(m.Val)
		if r.Has("$ref") {
			c.outside("a components response $ref")
			continue
		}
		c.response(at, r)
	}
	for _, m := range c.schemes {
		at := locOf("components", "securitySchemes", m.Key)
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
			c.fail(CodeEmptyValue, at.with("name"), "the apiKey security scheme %s has an empty name", m.Key)
		}
	}
	c.security(locOf("security"), root.Get("security"))
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

func (c *OAS3) security(at loc, reqs any) {
	for i, req := range tree.AsArr(reqs) {
		for _, m := range tree.AsObj(req) {
			if !c.schemes.Has(m.Key) {
				c.fail("security-scheme-undeclared", at.with(strconv.Itoa(i)).with(m.Key),
					"security scheme %s is not declared in components.securitySchemes", m.Key)
			}
		}
	}
}

// Item checks one member of the Paths Object; members come in byte order
// of their keys.
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
		c.pathItem(p, item)
	}
	if item != nil {
		c.apig.pathItem(p, item)
	}
}

// templateVars returns the names of a path's {name} variables, or ok
// false for a template that the fast path leaves to the reference: a
// brace that does not open or close a variable, an empty name, or a name
// that kin-openapi reads its own way (with ":" or a trailing "*").
func templateVars(p string) (vars []string, ok bool) {
	open := -1
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '{':
			if open >= 0 {
				return nil, false
			}
			open = i
		case '}':
			if open < 0 || i == open+1 {
				return nil, false
			}
			name := p[open+1 : i]
			if strings.Contains(name, ":") || strings.HasSuffix(name, "*") {
				return nil, false
			}
			vars = append(vars, name)
			open = -1
		}
	}
	return vars, open < 0
}

func (c *OAS3) pathItem(p string, item tree.Obj) {
	at := locOf("paths", p)
	if item.Has("$ref") {
		c.outside("a Path Item $ref")
		return
	}
	c.allowed(item, "a Path Item", pathItemKeys...)
	vars, ok := templateVars(p)
	if !ok {
		c.outside("the path template %s", p)
		return
	}
	shape := p
	if len(vars) > 0 {
		shape = ReplaceParams(p, false, "{}")
	}
	if first, dup := c.shapes[shape]; dup {
		c.fail("path-overlap", at, "path %s overlaps with %s", first, p)
		return
	}
	c.shapes[shape] = p
	itemParams := tree.AsArr(item.Get("parameters"))
	for _, m := range OAS3Methods {
		op := tree.AsObj(item.Get(m))
		if op == nil {
			continue
		}
		opAt := at.with(m)
		defined := map[string]bool{}
		for _, list := range []tree.Arr{itemParams, tree.AsArr(op.Get("parameters"))} {
			for _, prm := range list {
				po := tree.AsObj(prm)
				if po.Get("in") == "path" {
					name, _ := po.Get("name").(string)
					defined[name] = true
				}
			}
		}
		for _, v := range vars {
			if !defined[v] {
				c.fail("path-param-undeclared", opAt, "operation %s %s has no path parameter %s", strings.ToUpper(m), p, v)
			}
		}
		for _, name := range sortedKeys(defined) {
			if !slices.Contains(vars, name) {
				c.fail("path-param-not-in-path", opAt, "operation %s %s declares the path parameter %s, which the path does not have", strings.ToUpper(m), p, name)
			}
		}
		c.operation(opAt, m, p, op)
	}
	c.parameters(at.with("parameters"), itemParams)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (c *OAS3) operation(at loc, method, p string, op tree.Obj) {
	c.allowed(op, "an operation", "tags", "summary", "description", "operationId", "parameters", "responses", "deprecated", "security", "servers")
	c.parameters(at.with("parameters"), tree.AsArr(op.Get("parameters")))
	resps := tree.AsObj(op.Get("responses"))
	codes := 0
	for _, m := range resps {
		if strings.HasPrefix(m.Key, "x-") {
			continue
		}
		codes++
		c.response(at.with("responses").with(m.Key), tree.AsObj(m.Val))
	}
	if resps != nil && codes == 0 {
		c.fail(CodeResponsesWithoutCode, at.with("responses"), "the Responses Object has no response code, only extensions")
	}
	c.security(at.with("security"), op.Get("security"))
	if id, ok := op.Get("operationId").(string); ok && id != "" {
		if first, dup := c.ids[id]; dup {
			c.fail("duplicate-operation-id", at.with("operationId"), "operationId %q is used by %s and %s %s", id, first, strings.ToUpper(method), p)
		} else {
			c.ids[id] = strings.ToUpper(method) + " " + p
		}
	}
}

// response checks a Response Object of an operation or of components.
func (c *OAS3) response(at loc, r tree.Obj) {
	if ref, ok := r.Get("$ref").(string); ok {
		name, found := strings.CutPrefix(ref, "#/components/responses/")
		if !found || strings.Contains(name, "/") || !plainRef(ref) {
			c.outside("the reference %s", ref)
			return
		}
		if !c.responses.Has(tree.Unescape(name)) {
			c.fail("unresolved-ref", at.with("$ref"), "the reference %s does not resolve", ref)
		}
		return
	}
	if r.Has("$ref") {
		c.outside("a $ref that is not a string")
		return
	}
	c.allowed(r, "a response", "description", "headers")
	for _, m := range tree.AsObj(r.Get("headers")) {
		h := tree.AsObj(m.Val)
		hAt := at.with("headers").with(m.Key)
		if h.Has("$ref") {
			c.outside("a header $ref")
			continue
		}
		c.allowed(h, "a header", "description", "required", "deprecated", "schema")
		if !h.Has("schema") {
			c.outside("a header without a schema")
			continue
		}
		c.schemaObject(hAt.with("schema"), tree.AsObj(h.Get("schema")))
	}
}

func (c *OAS3) parameters(at loc, list tree.Arr) {
	type key struct{ in, name string }
	var seen []key
	for i, prm := range list {
		pAt := at.with(strconv.Itoa(i))
		po := tree.AsObj(prm)
		if po.Has("$ref") {
			c.outside("a parameter $ref")
			continue
		}
		c.allowed(po, "a parameter", "name", "in", "description", "required", "deprecated", "schema", "example")
		in, _ := po.Get("in").(string)
		name, _ := po.Get("name").(string)
		if slices.Contains(seen, key{in, name}) {
			c.fail("duplicate-parameter", pAt, "parameter %s in %s is declared twice", name, in)
		}
		seen = append(seen, key{in, name})
		if name == "" {
			c.fail(CodeEmptyValue, pAt.with("name"), "the parameter's name is empty")
		}
		if !po.Has("schema") {
			c.outside("a parameter without a schema")
			continue
		}
		s := tree.AsObj(po.Get("schema"))
		c.schemaObject(pAt.with("schema"), s)
		if ex := po.Get("example"); ex != nil && c.why == "" {
			if msgs := checkValue3(s, ex); len(msgs) > 0 {
				c.fail(CodeExampleInvalid, pAt.with("example"), "example of parameter %s: %s", name, strings.Join(msgs, "; "))
			}
		}
	}
}

// schemaObject checks a parameter's or header's Schema Object.
func (c *OAS3) schemaObject(at loc, s tree.Obj) {
	if s.Has("$ref") {
		c.outside("a schema $ref")
		return
	}
	c.allowed(s, "a schema", "type", "enum", "default", "example", "maximum", "minimum", "exclusiveMaximum",
		"exclusiveMinimum", "maxLength", "minLength", "pattern", "description", "title")
	switch s.Get("type") {
	case "string", "number", "integer", "boolean":
	default:
		c.outside("a schema of type %v", s.Get("type"))
		return
	}
	for _, k := range []string{"maxLength", "minLength"} {
		if n, ok := s.Get(k).(tree.Number); ok && !(n.IsInteger() && n.Float() < 1<<53) {
			c.outside("a schema with %s %s", k, n)
		}
	}
	if pat, ok := s.Get("pattern").(string); ok {
		if strings.Contains(pat, `\u`) {
			c.outside("a pattern with \\u")
			return
		}
		if _, err := regexp.Compile(pat); err != nil {
			c.fail("parameter-pattern-invalid", at.with("pattern"), "pattern %q does not compile: %v", pat, err)
			return
		}
	}
	if c.why != "" {
		return
	}
	for _, k := range []string{"default", "example"} {
		v := s.Get(k)
		if v == nil {
			continue
		}
		if msgs := checkValue3(s, v); len(msgs) > 0 {
			code := "default-invalid"
			if k == "example" {
				code = CodeExampleInvalid
			}
			c.fail(code, at.with(k), "%s: %s", k, strings.Join(msgs, "; "))
		}
	}
}

// checkValue3 checks a value against a primitive Schema Object as
// kin-openapi's Schema.VisitJSON does (formats aside: the fast path has
// none).
func checkValue3(s tree.Obj, v any) []string {
	typ, _ := s.Get("type").(string)
	var msgs []string
	switch x := v.(type) {
	case string:
		if typ != "string" {
			return []string{"expected " + typ + ", got a string"}
		}
		n := int64(utf8.RuneCountInString(x))
		if m, ok := intKeyword(s, "maxLength"); ok && n > m {
			msgs = append(msgs, fmt.Sprintf("longer than %d", m))
		}
		if m, ok := intKeyword(s, "minLength"); ok && n < m {
			msgs = append(msgs, fmt.Sprintf("shorter than %d", m))
		}
		if pat, ok := s.Get("pattern").(string); ok {
			if re, err := regexp.Compile(pat); err == nil && !re.MatchString(x) {
				msgs = append(msgs, fmt.Sprintf("does not match %s", pat))
			}
		}
	case tree.Number:
		if typ != "number" && !(typ == "integer" && x.IsInteger()) {
			return []string{fmt.Sprintf("expected %s, got %s", typ, x)}
		}
		f := x.Float()
		if m, ok := floatKeyword(s, "maximum"); ok {
			if ex, _ := s.Get("exclusiveMaximum").(bool); f > m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("greater than the maximum %v", m))
			}
		}
		if m, ok := floatKeyword(s, "minimum"); ok {
			if ex, _ := s.Get("exclusiveMinimum").(bool); f < m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("less than the minimum %v", m))
			}
		}
	case bool:
		if typ != "boolean" {
			return []string{"expected " + typ + ", got a boolean"}
		}
	default:
		return []string{fmt.Sprintf("expected %s, got %s", typ, jsonType(v))}
	}
	if enum, ok := s.Get("enum").(tree.Arr); ok && len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
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
