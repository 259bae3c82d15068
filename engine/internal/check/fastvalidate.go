package check

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// The fast validator gives go-openapi/validate's verdicts on the documents
// the gateway works with, at a fraction of its cost. It runs the same
// stages in the same order, stopping where the reference stops:
//
//  1. the official Swagger 2.0 JSON Schema (schema.go);
//  2. $ref resolution;
//  3. operation IDs, parameters, path templates, security requirements;
//  4. defaults against their parameter, empty path parameter names, and
//     (warnings) root responses nobody references.
//
// Stages 2 to 4 are written for the part of Swagger 2.0 that API Gateway
// can express: parameters in path, query or header of a primitive type, no
// body, formData, arrays, schemas, definitions, root parameters, response
// headers or examples, and $ref only from an operation's responses to
// #/responses/NAME. A document outside that part is handed to
// go-openapi/validate whole (rootOutsideFastPath and itemOutsideFastPath
// say why), so the verdict is
// the reference's either way.

// Checker validates one document a part at a time, so that an export can
// check each Path Item right after building it, while the item is still in
// the processor's caches, and then write it out and let it go: first the
// root with an empty Paths Object (newChecker), then each member of the
// Paths Object in byte order of the keys (item), then the verdict. A whole
// document goes through the same steps (checkDocument), so a document
// gets the same findings however it is fed.
//
// The reference stops at the first stage that has errors, and so does the
// verdict: the findings of each stage are kept apart until the end.
// Everything that needs the whole document is a small map: operationIds,
// path shapes by method, the responses that operations reference.
type Checker struct {
	fast bool // run the fast validator; false: the APIG rules only

	// Stage 1: the Swagger 2.0 JSON Schema.
	schema      schemaRun
	pathsSchema *jschema
	// Why the document needs the reference validator: the root's reason,
	// else the first Path Item's.
	rootWhy, itemWhy string
	// Stage 2: $ref resolution.
	responses  tree.Obj // the root responses
	unresolved *Finding // the first $ref that does not resolve
	used       map[string]bool
	// Stage 3: operation IDs, parameters, path templates, security.
	secDefs tree.Obj
	ids     Firsts[opIDUse] // by operationId (or method and path)
	shared  bool            // an operationId is used twice
	// stripped is, for each path without its parameters, the index in
	// owners of the first path of each method that has it: one lookup
	// per Path Item, in a table sized from the paths.
	stripped Firsts[int32]
	owners   [][len(HTTPMethods)]string
	stage3   []Finding
	// Stage 4: defaults, empty path parameter names, unused responses,
	// and a Paths Object without paths.
	stage4  []Finding
	anyPath bool // a member of the Paths Object starts with "/"

	// Buffers for the parameters of the Path Item and operation at hand.
	itemParams, opParams []param
	// Buffers for the parameters in the path at hand, and the names of
	// the operation's path parameters.
	inPath, names []string
	// arena holds the bytes of the stripped paths (see stripPath).
	arena []byte
	// patterns holds the parameters' patterns compiled so far: the
	// parameters of a document repeat a few, and a compilation costs
	// more than the rest of a parameter's checks.
	patterns patterns

	// The APIG rules, which run whatever the stages find.
	apig apigRun

	// The reference validator, for a document outside the fast path or a
	// checker without it.
	reference func(raw []byte) []Finding
}

// opIDUse counts the operations that share an operationId.
type opIDUse struct {
	n            int
	path, method string // of the first
	named        bool
}

// Options are what a checker is given.
type Options struct {
	Schema    *Schema                    // the Swagger 2.0 JSON Schema
	Fast      bool                       // run the fast validator; false: the reference (if any) and the APIG rules
	SizeHint  int                        // the number of operations expected
	Reference func(raw []byte) []Finding // the reference validator; without it and Fast, the APIG rules only
	// Places is where the APIG rules find the root's maps; the zero
	// Places is Swagger2.
	Places Places
}

// New starts a document from its root, whose Paths Object is not
// read: its members come through item.
func New(root tree.Obj, opts Options) *Checker {
	c := &Checker{fast: opts.Fast, reference: opts.Reference}
	if c.fast {
		c.schema.validate(opts.Schema.root, root)
		c.pathsSchema = opts.Schema.defs["paths"]
		c.rootWhy = rootOutsideFastPath(root)
		c.responses = tree.AsObj(root.Get("responses"))
		c.used = map[string]bool{}
		c.secDefs = tree.AsObj(root.Get("securityDefinitions"))
		c.ids.Init(opts.SizeHint)
		c.stripped.Init(opts.SizeHint)
		// A stripped path per Path Item at most: grown by appending, the
		// list was copied at every doubling.
		c.owners = make([][len(HTTPMethods)]string, 0, opts.SizeHint)
		c.security(func() string { return "/security" }, root.Get("security"))
	}
	places := opts.Places
	if places.SecuritySchemes == nil {
		places = Swagger2
	}
	c.apig.root(root, places)
	return c
}

// Document checks a whole decoded document.
func Document(v any, opts Options) *Checker {
	doc, ok := v.(tree.Obj)
	if !ok {
		c := &Checker{fast: opts.Fast, reference: opts.Reference}
		if c.fast {
			c.schema.validate(opts.Schema.root, v)
		}
		return c
	}
	return whole(doc, opts, New)
}

// whole feeds a decoded document to a streaming checker that start makes:
// the root with an empty Paths Object, then each Path Item.
func whole[C Stream](doc tree.Obj, opts Options, start func(tree.Obj, Options) C) C {
	paths, ok := doc.Get("paths").(tree.Obj)
	if !ok {
		return start(doc, opts)
	}
	root := slices.Clone(doc)
	for i := range root {
		if root[i].Key == "paths" {
			root[i].Val = tree.Obj{}
		}
	}
	opts.SizeHint = len(paths)
	c := start(root, opts)
	// The reference walks the paths sorted: decoded documents have them
	// so already, and a copy is sorted only when they do not.
	if !slices.IsSortedFunc(paths, func(a, b tree.Member) int { return strings.Compare(a.Key, b.Key) }) {
		paths = slices.Clone(paths).Sorted()
	}
	for _, m := range paths {
		c.Item(m.Key, m.Val)
	}
	return c
}

func (c *Checker) add(stage *[]Finding, sev, code, path, format string, args ...any) {
	*stage = append(*stage, Finding{sev, code, path, fmt.Sprintf(format, args...)})
}

// Item checks one member of the Paths Object; members come in byte order
// of their keys. Nothing of v may be kept once Item returns: an export
// builds its next Path Item in the same arena (tree.Arena), over v's
// objects, arrays and boxed headers; a finding copies what it says, and a
// string taken out of v (its header copied) stays valid.
func (c *Checker) Item(p string, v any) {
	item := tree.AsObj(v)
	if c.fast {
		// The schema runs where the fast accept (swaggeraccept.go)
		// cannot prove it would find nothing; so does
		// itemOutsideFastPath where it cannot prove that says "".
		accepted, outside := swaggerAcceptPathItem(p, v)
		if !accepted {
			c.schema.stack = append(c.schema.stack[:0], "paths")
			c.schema.member(c.pathsSchema, p, v)
		}
		if strings.HasPrefix(p, "/") {
			c.anyPath = true
			if c.itemWhy == "" && (!accepted || outside) {
				c.itemWhy = itemOutsideFastPath(item)
			}
			c.operations(p, item)
			if strings.Contains(p, "{}") {
				c.add(&c.stage4, SeverityError, "path-param-empty", tree.Pointer("", "paths", p), "path %s has an empty parameter name", p)
			}
		}
	}
	if item != nil && strings.HasPrefix(p, "/") {
		c.apig.pathItem(p, item)
	}
}

// operations runs stages 2 to 4 on the visible operations of a Path Item.
func (c *Checker) operations(p string, item tree.Obj) {
	var pathAt string // made when needed
	at := func() string {
		if pathAt == "" {
			pathAt = tree.Pointer("", "paths", p)
		}
		return pathAt
	}
	// One pass over the item for its operations and parameters (keys are
	// unique in the tree), instead of a lookup of each method.
	var ops [len(HTTPMethods)]tree.Obj
	var itemParams any
	n := 0
	for _, m := range item {
		if m.Key == "parameters" {
			itemParams = m.Val
			continue
		}
		if i := httpMethod(m.Key); i >= 0 {
			if op, ok := m.Val.(tree.Obj); ok && op != nil {
				ops[i] = op
				n++
			}
		}
	}
	if n == 0 {
		return
	}
	c.itemParams = paramsOf(c.itemParams[:0], itemParams)
	c.inPath = appendPathParams(c.inPath[:0], p)
	shape := pathShapeInfo{stripped: c.stripPath(p), params: c.inPath, itemParams: c.itemParams}
	i, found := c.stripped.Add(shape.stripped, int32(len(c.owners)))
	shape.owners = *i
	if !found {
		c.owners = append(c.owners, [len(HTTPMethods)]string{})
	}
	for mi, op := range ops {
		if op == nil {
			continue
		}
		m := HTTPMethods[mi]
		var responses, opParams, security any
		id, named := "", false
		for _, e := range op {
			switch e.Key {
			case "responses":
				responses = e.Val
			case "parameters":
				opParams = e.Val
			case "security":
				security = e.Val
			case "operationId":
				id, _ = e.Val.(string)
				named = id != ""
			}
		}
		c.references(p, m, tree.AsObj(responses))
		c.operationID(p, m, id, named)
		c.opParams = paramsOf(c.opParams[:0], opParams)
		own := c.opParams
		params := effectiveParams(shape.itemParams, own)
		c.parameters(mi, p, m, at, &shape, item, op, own, params)
		if security != nil {
			c.security(func() string { return tree.Pointer("", "paths", p, m, "security") }, security)
		}
		c.defaults(p, m, item, op, params)
	}
}

// FastFindings is the fast validator's verdict, stage by stage, stopping
// at the first with errors as the reference does; or, instead, why the
// document needs the reference validator.
func (c *Checker) FastFindings() (fs []Finding, fallback string) {
	if len(c.schema.errs) > 0 || len(c.schema.prechecks) > 0 {
		for _, e := range append(c.schema.errs, c.schema.prechecks...) {
			fs = append(fs, Finding{SeverityError, e.code, e.path, e.msg})
		}
		return fs, ""
	}
	if c.rootWhy != "" {
		return nil, c.rootWhy
	}
	if c.itemWhy != "" {
		return nil, c.itemWhy
	}
	if c.unresolved != nil {
		return []Finding{*c.unresolved}, ""
	}
	fs = slices.Clone(c.stage3)
	// The IDs are sorted only when one is shared: an export has
	// thousands, and none twice.
	for _, id := range c.sharedIDs() {
		if s := c.ids.Get(id); s.n > 1 {
			at := tree.Pointer("", "paths", s.path, s.method)
			if s.named {
				at += "/operationId"
			}
			c.add(&fs, SeverityError, "duplicate-operation-id", at, "operationId %q is used by %d operations", id, s.n)
		}
	}
	if HasErrors(fs) {
		return fs, ""
	}
	fs = append(fs, c.stage4...)
	if !c.anyPath {
		// The reference reads only the members that start with "/".
		c.add(&fs, SeverityWarning, "paths-empty", "/paths", "the Paths Object has no path")
	}
	for _, name := range c.responses.Keys() {
		if !c.used[name] {
			c.add(&fs, SeverityWarning, "unused-response", tree.Pointer("", "responses", name), "response %s is not used", name)
		}
	}
	return fs, ""
}

// Verdict is the document's findings, sorted: the fast validator's (or
// the reference's, on raw, for a checker without it or a document outside
// its fast path) and the APIG rules'.
func (c *Checker) Verdict(raw func() []byte) []Finding {
	var fs []Finding
	if c.fast {
		fast, why := c.FastFindings()
		fs = handOver(fast, why, c.reference, raw, "the reference validator", "Swagger 2.0")
	} else if c.reference != nil {
		fs = c.reference(raw())
	}
	return Sort(append(fs, c.apig.findings...))
}

// handOver is the fast checks' findings, or, for a document outside
// their fast path (why says what of it), the reference's on raw, or,
// without one, a not-checked warning saying what only the reference,
// named ref, checks beyond the version's JSON Schema.
func handOver(fs []Finding, why string, reference func([]byte) []Finding, raw func() []byte, ref, version string) []Finding {
	switch {
	case why == "":
		return fs
	case reference != nil:
		return reference(raw())
	}
	return []Finding{{SeverityWarning, CodeNotChecked, "", "the document has " + why +
		", which only " + ref + " checks beyond the " + version + " JSON Schema, and this build has none; run apigexport validate for the full check"}}
}

// rootOutsideFastPath says what in the root takes a document out of the
// fast path, or "".
func rootOutsideFastPath(doc tree.Obj) string {
	for _, k := range []string{"definitions", "parameters"} {
		if m := tree.AsObj(doc.Get(k)); len(m) > 0 {
			return "root " + k
		}
	}
	for _, e := range tree.AsObj(doc.Get("responses")) {
		if why := plainResponse(tree.AsObj(e.Val)); why != "" {
			return "root response " + e.Key + ": " + why
		}
	}
	return ""
}

// itemOutsideFastPath says what in a Path Item takes a document out of
// the fast path, or "".
func itemOutsideFastPath(item tree.Obj) string {
	if item.Has("$ref") {
		return "a Path Item $ref"
	}
	if why := plainParams(item.Get("parameters")); why != "" {
		return why
	}
	for _, m := range HTTPMethods {
		op := tree.AsObj(item.Get(m))
		if op == nil {
			continue
		}
		if why := plainParams(op.Get("parameters")); why != "" {
			return why
		}
		for _, e := range tree.AsObj(op.Get("responses")) {
			if strings.HasPrefix(e.Key, "x-") {
				continue
			}
			rm := tree.AsObj(e.Val)
			if ref, ok := rm.Get("$ref").(string); ok {
				if !strings.HasPrefix(ref, "#/responses/") || strings.Count(ref, "/") != 2 || !plainRef(ref) {
					return "the reference " + ref
				}
				continue
			}
			if why := plainResponse(rm); why != "" {
				return why
			}
		}
	}
	return ""
}

// plainRef reports whether a $ref holds only characters that a URI
// fragment keeps as they are. The reference reads a $ref as a URI: it
// decodes %XX escapes (and refuses the document for a bad one), and it
// counts a root response as used by comparing names with the fragment as
// a URI writes it, so a name with a space or an é is never used.
func plainRef(ref string) bool {
	for i := 1; i < len(ref); i++ { // after the "#"
		switch c := ref[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '_' || c == '.' || c == '~' || c == '/':
		default:
			return false
		}
	}
	return true
}

func plainResponse(resp tree.Obj) string {
	for _, k := range []string{"schema", "headers", "examples", "$ref"} {
		if ok := resp.Has(k); ok {
			return "a response with " + k
		}
	}
	return ""
}

func plainParams(v any) string {
	for _, p := range tree.AsArr(v) {
		// One pass over the members, then the reasons in a fixed order.
		var ref bool
		var in, typ any
		var with string // the first of the keys below, in their order
		withRank := len(arrayKeys)
		for _, m := range tree.AsObj(p) {
			switch m.Key {
			case "$ref":
				ref = true
			case "in":
				in = m.Val
			case "type":
				typ = m.Val
			default:
				if i := slices.Index(arrayKeys[:], m.Key); i >= 0 && i < withRank {
					with, withRank = m.Key, i
				}
			}
		}
		if ref {
			return "a parameter $ref"
		}
		switch in {
		case "path", "query", "header":
		default:
			return fmt.Sprintf("a parameter in %v", in)
		}
		switch typ {
		case "string", "number", "integer", "boolean":
		default:
			return fmt.Sprintf("a parameter of type %v", typ)
		}
		if with != "" {
			return "a parameter with " + with
		}
	}
	return ""
}

// arrayKeys are the parameter keys the fast path leaves to the reference.
var arrayKeys = [...]string{"items", "collectionFormat", "maxItems", "minItems", "uniqueItems", "allowEmptyValue"}

// references: every operation response $ref must resolve (stage 2). Like
// the reference, only the first unresolvable one is reported: the first in
// the order of paths, methods and response codes.
func (c *Checker) references(path, method string, resps tree.Obj) {
	if !sortedKeys(resps) {
		resps = slices.Clone(resps).Sorted()
	}
	for _, e := range resps {
		ref, ok := tree.AsObj(e.Val).Get("$ref").(string)
		if !ok {
			continue
		}
		name := tree.Unescape(strings.TrimPrefix(ref, "#/responses/"))
		if !c.used[name] {
			c.used[name] = true
		}
		if c.unresolved == nil && !c.responses.Has(name) {
			c.unresolved = &Finding{SeverityError, "unresolved-ref", tree.Pointer("", "paths", path, method, "responses", e.Key),
				fmt.Sprintf("the reference %s does not resolve", ref)}
		}
	}
}

// sortedKeys reports whether o's keys are in byte order.
func sortedKeys(o tree.Obj) bool {
	for i := 1; i < len(o); i++ {
		if o[i].Key < o[i-1].Key {
			return false
		}
	}
	return true
}

// operationID counts the operation's operationId (id, when named), or
// its method and path when it has none (stage 3).
func (c *Checker) operationID(path, method, id string, named bool) {
	if !named {
		id = strings.ToUpper(method) + " " + path
	}
	if use, found := c.ids.Add(id, opIDUse{1, path, method, named}); found {
		use.n++
		c.shared = true
	}
}

// sharedIDs are the operationIds in byte order, or none when no two
// operations share one.
func (c *Checker) sharedIDs() []string {
	if !c.shared {
		return nil
	}
	ids := make([]string, c.ids.Len())
	for i := range ids {
		ids[i], _ = c.ids.At(i)
	}
	slices.Sort(ids)
	return ids
}

// sameParam reports whether two parameters have the same location and
// name (paramOf's view: absent or not a string counts as "").
func sameParam(a, b tree.Obj) bool {
	ain, _ := a.Get("in").(string)
	bin, _ := b.Get("in").(string)
	an, _ := a.Get("name").(string)
	bn, _ := b.Get("name").(string)
	return ain == bin && an == bn
}

// param is a parameter with the fields the checks read, found in one pass
// over its members (keys are unique in the tree: its reader keeps the
// last of a key given twice).
type param struct {
	o              tree.Obj
	in, name, typ  string // "" when absent or not a string
	inVal, nameVal any    // as they are, for messages
	pattern        string
	hasPattern     bool // a pattern of any type
	patternString  bool // a pattern that is a string
	numeric        bool // maximum, minimum or multipleOf
	lengths        bool // maxLength or minLength
	def            any
	required       bool
	// What checkValue reads, as they are (nil when absent).
	format                         string // "" when absent or not a string
	hasFormat                      bool   // a format that is a string
	maximum, minimum, multipleOf   any
	maxLength, minLength           any
	exclusiveMaximum, exclusiveMin bool
	enum                           any
}

// same reports whether p and q have the same location and name: the
// same parameter to Swagger.
func (p *param) same(q *param) bool { return p.in == q.in && p.name == q.name }

// The params are large: they are passed and scanned by pointer, not
// copied (which costs in the browser).

func paramOf(o tree.Obj) param {
	var p param
	p.read(o)
	return p
}

// read fills p, a zero param, from o.
func (p *param) read(o tree.Obj) {
	p.o = o
	for _, m := range o {
		switch m.Key {
		case "in":
			p.inVal = m.Val
			p.in, _ = m.Val.(string)
		case "name":
			p.nameVal = m.Val
			p.name, _ = m.Val.(string)
		case "type":
			p.typ, _ = m.Val.(string)
		case "pattern":
			p.hasPattern = true
			p.pattern, p.patternString = m.Val.(string)
		case "maximum":
			p.numeric, p.maximum = true, m.Val
		case "minimum":
			p.numeric, p.minimum = true, m.Val
		case "multipleOf":
			p.numeric, p.multipleOf = true, m.Val
		case "maxLength":
			p.lengths, p.maxLength = true, m.Val
		case "minLength":
			p.lengths, p.minLength = true, m.Val
		case "default":
			p.def = m.Val
		case "required":
			p.required, _ = m.Val.(bool)
		case "format":
			p.format, p.hasFormat = m.Val.(string)
		case "exclusiveMaximum":
			p.exclusiveMaximum, _ = m.Val.(bool)
		case "exclusiveMinimum":
			p.exclusiveMin, _ = m.Val.(bool)
		case "enum":
			p.enum = m.Val
		}
	}
}

// paramsOf reads a list of parameters, appending them to buf.
func paramsOf(buf []param, list any) []param {
	for _, v := range tree.AsArr(list) {
		buf = append(buf, param{})
		buf[len(buf)-1].read(tree.AsObj(v))
	}
	return buf
}

// indexParam is the index of the first of ps that is the same parameter
// as p, or -1.
func indexParam(ps []param, p *param) int {
	for i := range ps {
		if ps[i].same(p) {
			return i
		}
	}
	return -1
}

func hasDuplicateParams(ps []param) bool {
	for i := range ps {
		if indexParam(ps[:i], &ps[i]) >= 0 {
			return true
		}
	}
	return false
}

// effectiveParams merges the Path Item's parameters with the operation's,
// which win for the same name and location. Operations have a handful of
// parameters: a scan costs less than a map.
func effectiveParams(itemParams, opParams []param) []param {
	if len(itemParams) == 0 && !hasDuplicateParams(opParams) {
		return opParams
	}
	var out []param
	for _, list := range [2][]param{itemParams, opParams} {
		for j := range list {
			p := &list[j]
			if i := indexParam(out, p); i >= 0 {
				out[i] = *p
				continue
			}
			out = append(out, *p)
		}
	}
	return out
}

func paramPointer(path, method string, item, op tree.Obj, p tree.Obj) string {
	for i, q := range tree.AsArr(op.Get("parameters")) {
		if sameParam(tree.AsObj(q), p) {
			return tree.Pointer("", "paths", path, method, "parameters", strconv.Itoa(i))
		}
	}
	for i, q := range tree.AsArr(item.Get("parameters")) {
		if sameParam(tree.AsObj(q), p) {
			return tree.Pointer("", "paths", path, "parameters", strconv.Itoa(i))
		}
	}
	return tree.Pointer("", "paths", path, method)
}

// pathShapeInfo is what the checks of every operation of a Path Item read
// from its path: the path with its parameters stripped, and the
// parameters.
type pathShapeInfo struct {
	stripped   string
	owners     int32 // the index in Checker.owners of stripped's first paths
	params     []string
	itemParams []param // the Path Item's own
}

// parameters checks an operation's parameters against each other and its
// path (stage 3); params are its effective parameters. mi is the method's
// index: paths overlap per method.
func (c *Checker) parameters(mi int, path, method string, pathAt func() string, shape *pathShapeInfo, item, op tree.Obj, own, params []param) {
	s := shape.stripped
	if garbledPath(s) {
		c.add(&c.stage3, SeverityWarning, "path-garbled", pathAt(), "path %s still has braces or spaces once its parameters are stripped (%s)", path, s)
	}
	if owner := &c.owners[shape.owners][mi]; *owner != "" {
		other := *owner
		a, b := other, path
		if path < other {
			a, b = path, other
		}
		c.add(&c.stage3, SeverityError, "path-overlap", pathAt(), "path %s overlaps with %s", a, b)
	} else {
		*owner = path
	}
	for i := range own {
		p := &own[i]
		if p.name == "" {
			continue
		}
		if indexParam(own[:i], p) >= 0 {
			c.add(&c.stage3, SeverityError, "duplicate-parameter", tree.Pointer("", "paths", path, method, "parameters", strconv.Itoa(i)),
				"parameter %v in %v is declared twice", p.nameVal, p.inVal)
		}
	}
	names := c.names[:0]
	for i := range params {
		p := &params[i]
		at := func() string { return paramPointer(path, method, item, op, p.o) }
		if p.patternString {
			if !c.patterns.compiles(p.pattern) {
				c.add(&c.stage3, SeverityError, "parameter-pattern-invalid", at(), "pattern %q of parameter %v does not compile", p.pattern, p.nameVal)
			}
		}
		if p.in == "path" {
			name := p.name
			if _, ok := p.nameVal.(string); !ok {
				name = fmt.Sprint(p.nameVal)
			}
			names = append(names, name)
		}
		if (p.typ != "number" && p.typ != "integer" && p.numeric) || (p.typ != "string" && (p.lengths || p.hasPattern)) {
			c.add(&c.stage3, SeverityWarning, "validation-type-mismatch", at(), "parameter %v of type %s has validations for another type", p.nameVal, p.typ)
		}
	}
	inPath := shape.params
	for i, p := range inPath {
		if slices.Contains(inPath[:i], p) {
			c.add(&c.stage3, SeverityError, "path-param-duplicate", pathAt(), "path %s has the parameter %s twice", path, p)
		}
	}
	for _, p := range inPath {
		if garbledParam(p) {
			c.add(&c.stage3, SeverityWarning, "path-param-garbled", pathAt(), "path %s has a garbled parameter %s", path, p)
		}
	}
	for _, p := range inPath {
		if !slices.ContainsFunc(names, func(n string) bool { return braced(p, n) }) {
			c.add(&c.stage3, SeverityError, "path-param-undeclared", pathAt(), "path parameter %s has no parameter definition", p)
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(inPath, func(p string) bool { return braced(p, n) }) {
			c.add(&c.stage3, SeverityError, "path-param-not-in-path", pathAt(), "path parameter %s is declared but not in path %s", n, path)
		}
	}
	c.names = names
}

// braced reports whether token is "{" + name + "}".
func braced(token, name string) bool {
	return len(token) == len(name)+2 && token[0] == '{' && token[len(token)-1] == '}' && token[1:len(token)-1] == name
}

// appendPathParams appends the {name} tokens of each segment of path
// (extractPathParams without a call per token).
func appendPathParams(out []string, path string) []string {
	for i := 0; i < len(path); i++ {
		if path[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(path) && path[j] != '{' && path[j] != '}' && path[j] != '/' {
			j++
		}
		if j < len(path) && path[j] == '}' && j > i+1 {
			out = append(out, path[i:j+1])
			i = j
		}
	}
	return out
}

// stripPath is stripPathParams(path), its bytes kept in the checker's
// arena: the stripped paths live as long as the checker, and one
// allocation for many costs less, above all in the browser.
func (c *Checker) stripPath(path string) string {
	return arenaReplaceParams(&c.arena, path, true, "X")
}

// arenaReplaceParams is ReplaceParams(s, inSegment, repl) for a repl no
// longer than a token ("{" + a name + "}"), written into *arena, which a
// new chunk replaces when it has no room: a chunk is only appended to,
// so the strings given out of it stay as they are.
func arenaReplaceParams(arena *[]byte, s string, inSegment bool, repl string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	if cap(*arena)-len(*arena) < len(s) {
		*arena = make([]byte, 0, max(16<<10, len(s)))
	}
	b := *arena
	start := len(b)
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '{' && s[j] != '}' && !(inSegment && s[j] == '/') {
			j++
		}
		if j < len(s) && s[j] == '}' && j > i+1 {
			b = append(append(b, s[last:i]...), repl...)
			last = j + 1
			i = j
		}
	}
	b = append(b, s[last:]...)
	*arena = b
	if len(b) == start {
		return ""
	}
	return unsafe.String(&b[start], len(b)-start)
}

// security checks a list of security requirements against the schemes of
// securityDefinitions (stage 3); at gives the list's pointer.
func (c *Checker) security(at func() string, reqs any) {
	for i, req := range tree.AsArr(reqs) {
		rm := tree.AsObj(req)
		// The order does not matter: the verdict sorts the findings.
		for _, m := range rm {
			name, scopes := m.Key, tree.AsArr(m.Val)
			schemeAt := func() string { return tree.Pointer(at(), strconv.Itoa(i), name) }
			scheme := tree.AsObj(c.secDefs.Get(name))
			if scheme == nil {
				c.add(&c.stage3, SeverityError, "security-scheme-undeclared", schemeAt(), "security scheme %s is not declared in securityDefinitions", name)
				continue
			}
			if scheme.Get("type") != "oauth2" {
				if len(scopes) > 0 {
					c.add(&c.stage3, SeverityError, "security-scopes-not-empty", schemeAt(), "security scheme %s of type %v takes no scopes", name, scheme.Get("type"))
				}
				continue
			}
			known := tree.AsObj(scheme.Get("scopes"))
			for _, s := range scopes {
				if !known.Has(fmt.Sprint(s)) {
					c.add(&c.stage3, SeverityWarning, "security-scope-undeclared", schemeAt(), "scope %v is not declared by security scheme %s", s, name)
				}
			}
		}
	}
}

// defaults: a parameter's default must satisfy the parameter; a required
// parameter with a default draws a warning (stage 4).
func (c *Checker) defaults(path, method string, item, op tree.Obj, params []param) {
	for i := range params {
		p := &params[i]
		if p.def == nil {
			continue
		}
		if p.required {
			c.add(&c.stage4, SeverityWarning, "required-with-default", paramPointer(path, method, item, op, p.o), "parameter %v is required and has a default", p.nameVal)
		}
		if p.hasFormat && c.itemWhy == "" {
			if s, ok := p.def.(string); ok && checkFormat(p.format, s) == formatUndecided {
				// Only the reference checks this format; there is none.
				c.itemWhy = "a default of format " + p.format
			}
		}
		if msgs := c.checkValue(p, p.def); len(msgs) > 0 {
			c.add(&c.stage4, SeverityError, "default-invalid", paramPointer(path, method, item, op, p.o), "default of parameter %v: %s", p.nameVal, strings.Join(msgs, "; "))
		}
	}
}

// checkValue checks a value against a parameter's type and validations.
func (c *Checker) checkValue(p *param, v any) []string {
	var msgs []string
	typ := p.typ
	if !kindOK(typ, v) { // typeMatches(typ, jsonType(v)), without a parse of most numbers
		return []string{fmt.Sprintf("expected %s, got %s", typ, jsonType(v))}
	}
	switch x := v.(type) {
	case string:
		if p.lengths {
			n := int64(utf8.RuneCountInString(x))
			if m, ok := floatValue(p.maxLength); ok && n > int64(m) {
				msgs = append(msgs, fmt.Sprintf("longer than %d", int64(m)))
			}
			if m, ok := floatValue(p.minLength); ok && n < int64(m) {
				msgs = append(msgs, fmt.Sprintf("shorter than %d", int64(m)))
			}
		}
		if p.patternString {
			if re, err := c.patterns.compile(p.pattern); err == nil && !re.MatchString(x) {
				msgs = append(msgs, fmt.Sprintf("does not match %s", p.pattern))
			}
		}
		if p.hasFormat && checkFormat(p.format, x) == formatInvalid {
			msgs = append(msgs, fmt.Sprintf("is not a valid %s", p.format))
		}
	case tree.Number:
		f := numberFloat(x)
		format := p.format
		if !inNumericRange(typ, format, f) {
			msgs = append(msgs, fmt.Sprintf("%s is not a valid %s", x, numericKind(typ, format)))
		}
		if !p.numeric {
			break
		}
		maximum, hasMax := floatValue(p.maximum)
		minimum, hasMin := floatValue(p.minimum)
		multipleOf, hasMult := floatValue(p.multipleOf)
		for _, k := range [...]struct {
			name string
			m    float64
			ok   bool
		}{{"maximum", maximum, hasMax}, {"minimum", minimum, hasMin}, {"multipleOf", multipleOf, hasMult}} {
			if k.ok && !inNumericRange(typ, format, k.m) {
				msgs = append(msgs, fmt.Sprintf("its %s %v is not a valid %s", k.name, k.m, numericKind(typ, format)))
			}
		}
		if hasMax {
			if m := maximum; f > m || (p.exclusiveMaximum && f == m) {
				msgs = append(msgs, fmt.Sprintf("greater than the maximum %v", m))
			}
		}
		if hasMin {
			if m := minimum; f < m || (p.exclusiveMin && f == m) {
				msgs = append(msgs, fmt.Sprintf("less than the minimum %v", m))
			}
		}
		if m := multipleOf; hasMult && m > 0 {
			// The reference's arithmetic (go-openapi/validate's
			// MultipleOf), so that 0.3 is a multiple of 0.1.
			q := f / m
			if m < 1 {
				q = 1 / m * f
			}
			if !nearlyInteger(q) {
				msgs = append(msgs, fmt.Sprintf("not a multiple of %v", m))
			}
		}
	}
	if enum, ok := p.enum.(tree.Arr); ok && len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		msgs = append(msgs, "not one of the enum values")
	}
	return msgs
}

// nearlyInteger is go-openapi/swag's IsFloat64AJSONInteger: within
// ±(2^53-1), and whole or within a relative 1e-9 of a whole number.
func nearlyInteger(f float64) bool {
	const maxJSONInt = 1<<53 - 1
	if math.IsNaN(f) || f < -maxJSONInt || f > maxJSONInt {
		return false
	}
	r := math.Round(f)
	return f == r || (r != 0 && math.Abs(f-r) < 1e-9*math.Abs(r))
}

// inNumericRange is the reference's check of a parameter's value, and of
// its bounds, against the parameter's type and format (go-openapi/validate's
// IsValueValidAgainstRange): the number written out in full must parse as
// an integer of the format's size, or, for float, as a float32. A whole
// number below 2^53 or a float32 in range is decided without writing it
// out (TestInNumericRange holds this to slowNumericRange).
func inNumericRange(typ, format string, f float64) bool {
	switch {
	case typ == "integer":
		if f != math.Trunc(f) {
			return false // a fraction (written with a point) or NaN
		}
		if -1<<53 < f && f < 1<<53 {
			// -0 is written "-0", which ParseUint refuses.
			unsigned := f > 0 || f == 0 && !math.Signbit(f)
			switch format {
			case "int32":
				return -1<<31 <= f && f <= 1<<31-1
			case "uint32":
				return unsigned && f <= 1<<32-1
			case "uint64":
				return unsigned
			}
			return true
		}
	case format == "float" || format == "float32":
		if math.Abs(f) <= math.MaxFloat32 {
			return true
		}
	default:
		return true
	}
	return slowNumericRange(typ, format, f)
}

// slowNumericRange is inNumericRange as the reference does it.
func slowNumericRange(typ, format string, f float64) bool {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	var err error
	switch {
	case typ == "integer" && format == "int32":
		_, err = strconv.ParseInt(s, 10, 32)
	case typ == "integer" && format == "uint32":
		_, err = strconv.ParseUint(s, 10, 32)
	case typ == "integer" && format == "uint64":
		_, err = strconv.ParseUint(s, 10, 64)
	case typ == "integer":
		_, err = strconv.ParseInt(s, 10, 64)
	case format == "float" || format == "float32":
		_, err = strconv.ParseFloat(s, 32)
	}
	return err == nil
}

func numericKind(typ, format string) string {
	if format != "" {
		return typ + " of format " + format
	}
	return typ
}

// floatValue is a numeric keyword's value: v's when it is a number that
// parses (a few plain digits, most bounds, without ParseFloat).
func floatValue(v any) (float64, bool) {
	n, ok := v.(tree.Number)
	if !ok {
		return 0, false
	}
	if f, ok := plainInteger(n); ok {
		return f, true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

// numberFloat is n.Float(), without ParseFloat for a few plain digits.
func numberFloat(n tree.Number) float64 {
	if f, ok := plainInteger(n); ok {
		return f
	}
	return n.Float()
}

// plainInteger is the value of n when it is at most 15 digits, with or
// without a minus sign: exactly what ParseFloat gives, as such a number
// is below 2^53.
func plainInteger(n tree.Number) (float64, bool) {
	s := string(n)
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 15 {
		return 0, false
	}
	var x int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int64(c-'0')
	}
	f := float64(x)
	if neg {
		f = -f
	}
	return f, true
}
