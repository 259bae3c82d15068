package check

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// This file is a small JSON Schema (draft 4) validator, enough for the
// official Swagger 2.0 schema, which it compiles once from go-openapi/spec's
// copy, the one go-openapi/validate checks against (embedded: schemadata.go). It
// works on the engine's document tree (obj, arr, number, string, bool, nil;
// see tree.go) and checks formats as go-openapi/strfmt's registry does, as
// the reference does (formats.go).

// jschema is a compiled schema.
type jschema struct {
	ref      string
	resolved *jschema

	types         []string
	required      []string
	properties    []property // in byte order of the names
	patternProps  []patternProp
	additional    *jschema // nil: anything
	noAdditional  bool
	items         *jschema
	enum          []any
	allOf         []*jschema
	anyOf         []*jschema
	oneOf         []*jschema
	not           *jschema
	minItems      int // -1: none
	uniqueItems   bool
	minProperties int // -1: none
	maxProperties int // -1: none
	minimum       *float64
	exclusiveMin  bool
	pattern       *matcher
	format        string
	// anything is set for a schema that constrains nothing (a vendor
	// extension's), which validation skips.
	anything bool

	// Derived once every schema is linked (see derive), for speed only.
	enumStrings []string     // enum, when every value is a string
	rejects     []property   // properties whose schema is an enum of strings
	target      *jschema     // the schema with its $refs followed
	typeOnly    bool         // the schema asks for a type and nothing else
	byLen       [][]property // properties by the length of their names
	// extensionsFree is set when the one pattern property is ^x- and
	// allows anything, and no property starts with x-: the object's
	// vendor extensions need no check.
	extensionsFree bool
}

// property is a named property's schema. Objects have a handful of
// properties: a scan costs less than a map, in the browser above all.
type property struct {
	name string
	s    *jschema
}

// property returns the schema of the property k, looking among the
// properties of k's length only.
func (s *jschema) property(k string) (*jschema, bool) {
	if len(k) >= len(s.byLen) {
		return nil, false
	}
	for _, p := range s.byLen[len(k)] {
		if p.name == k {
			return p.s, true
		}
	}
	return nil, false
}

// derive fills the derived fields of every schema once everything is
// linked: first the enums, then the properties that hold them.
func derive(all []*jschema) {
	for _, s := range all {
		s.target = s
		for s.target.ref != "" {
			s.target = s.target.resolved
		}
		s.typeOnly = len(s.types) > 0 && s.required == nil && s.properties == nil && s.patternProps == nil &&
			s.additional == nil && !s.noAdditional && s.items == nil && s.enum == nil && s.allOf == nil &&
			s.anyOf == nil && s.oneOf == nil && s.not == nil && s.minItems < 0 && !s.uniqueItems &&
			s.minProperties < 0 && s.maxProperties < 0 && s.minimum == nil && s.pattern == nil && s.format == ""
	}
	for _, s := range all {
		if len(s.enum) > 0 && !slices.ContainsFunc(s.enum, func(e any) bool { _, ok := e.(string); return !ok }) {
			for _, e := range s.enum {
				s.enumStrings = append(s.enumStrings, e.(string))
			}
		}
	}
	for _, s := range all {
		s.extensionsFree = len(s.patternProps) == 1 && s.patternProps[0].m.prefix == "x-" &&
			s.patternProps[0].m.re == nil && s.patternProps[0].m.fn == nil && s.patternProps[0].s.target.anything &&
			!slices.ContainsFunc(s.properties, func(p property) bool { return strings.HasPrefix(p.name, "x-") })
		for _, p := range s.properties {
			for len(s.byLen) <= len(p.name) {
				s.byLen = append(s.byLen, nil)
			}
			s.byLen[len(p.name)] = append(s.byLen[len(p.name)], p)
		}
		for _, p := range s.properties {
			ps := p.s
			for ps.ref != "" {
				ps = ps.resolved
			}
			if ps.enumStrings != nil {
				s.rejects = append(s.rejects, property{p.name, ps})
			}
		}
	}
}

// rejectsObj reports whether the object o certainly fails s, by the cheap
// checks: a required property missing, or a property whose schema is an
// enum of strings holding anything else. oneOf trials start with it: most
// alternatives of a Swagger parameter differ in the enum of "in".
func (s *jschema) rejectsObj(o tree.Obj) bool {
	for _, req := range s.required {
		if !o.Has(req) {
			return true
		}
	}
	for _, p := range s.rejects {
		for _, m := range o {
			if m.Key == p.name {
				str, ok := m.Val.(string)
				if !ok || !slices.Contains(p.s.enumStrings, str) {
					return true
				}
			}
		}
	}
	return false
}

type patternProp struct {
	m *matcher
	s *jschema
}

// matcher is a compiled pattern, with a fast path for "^literal".
type matcher struct {
	prefix string
	re     *regexp.Regexp
	fn     func(string) bool
}

func newMatcher(p string) *matcher {
	if lit := strings.TrimPrefix(p, "^"); lit != p && regexp.QuoteMeta(lit) == lit {
		return &matcher{prefix: lit}
	}
	m := &matcher{re: regexp.MustCompile(p)}
	if p == responseCodePattern {
		m.fn = isResponseCode
	}
	if fn, ok := patternFuncs[p]; ok {
		m.fn = fn
	}
	return m
}

// patternFuncs match the official OpenAPI 3.0 schema's patterns without
// regexp, for speed (TestPatternFuncs proves each equal to its pattern).
var patternFuncs = map[string]func(string) bool{
	`^\$ref$`:             componentRef,
	`^\/`:                 func(s string) bool { return strings.HasPrefix(s, "/") },
	`^[a-zA-Z0-9\.\-_]+$`: componentName,
	`^[1-5](?:\d{2}|XX)$`: isOAS3ResponseCode,
	`^(get|put|post|delete|options|head|patch|trace)$`: func(s string) bool { return slices.Contains(OAS3Methods[:], s) },
}

func componentRef(s string) bool { return s == "$ref" }

// isOAS3ResponseCode is ^[1-5](?:\d{2}|XX)$ (\d is ASCII in Go's RE2).
func isOAS3ResponseCode(s string) bool {
	if len(s) != 3 || s[0] < '1' || s[0] > '5' {
		return false
	}
	digit := func(b byte) bool { return '0' <= b && b <= '9' }
	return (digit(s[1]) && digit(s[2])) || s[1:] == "XX"
}

// responseCodePattern is the Swagger schema's pattern for the keys of a
// Responses Object, which every operation has: matched without regexp.
const responseCodePattern = `^([0-9]{3})$|^(default)$`

func isResponseCode(s string) bool {
	if s == "default" {
		return true
	}
	return len(s) == 3 && '0' <= s[0] && s[0] <= '9' && '0' <= s[1] && s[1] <= '9' && '0' <= s[2] && s[2] <= '9'
}

func (m *matcher) match(s string) bool {
	switch {
	case m.fn != nil:
		return m.fn(s)
	case m.re == nil:
		return strings.HasPrefix(s, m.prefix)
	}
	return m.re.MatchString(s)
}

const Draft04ID = "http://json-schema.org/draft-04/schema#"

// compiler turns schema JSON into jschemas, resolving $ref against the
// Swagger schema or the draft 4 meta-schema.
type compiler struct {
	roots map[string]any // "" (the Swagger schema) and draft04ID
	cache map[string]*jschema
	all   []*jschema // every schema compiled
}

// Schema is a compiled JSON Schema and its definitions by name.
type Schema struct {
	root *jschema
	defs map[string]*jschema
	// draft4 runs the schema as JSON Schema draft 4 says, with the formats
	// draft 4 implementations assert (CompileDraft4); otherwise as
	// go-openapi/validate runs the Swagger 2.0 schema (CompileSchema).
	draft4 bool
}

// CompileDraft4 is [CompileSchema] for a schema run as JSON Schema draft 4
// itself says, not as go-openapi/validate runs the Swagger 2.0 schema: a
// null is checked against every keyword, no object is prechecked for
// items, draft 4's id and $schema are properties like any other, and the
// formats uri, uri-reference, email and regex are asserted as
// santhosh-tekuri/jsonschema asserts them (draft4.go). The official
// OpenAPI 3.0 schema is run so.
func CompileDraft4(doc []byte, refs map[string][]byte) (*Schema, error) {
	s, err := CompileSchema(doc, refs)
	if err != nil {
		return nil, err
	}
	s.draft4 = true
	return s, nil
}

// CompileSchema compiles the JSON Schema doc; refs are the schemas its
// $refs may lead to, by ID (draft04ID for the draft 4 meta-schema).
func CompileSchema(doc []byte, refs map[string][]byte) (*Schema, error) {
	roots := make(map[string]any, 1+len(refs))
	read := func(id string, raw []byte) error {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("the schema %q is not JSON: %w", id, err)
		}
		roots[id] = v
		return nil
	}
	if err := read("", doc); err != nil {
		return nil, err
	}
	for id, raw := range refs {
		if err := read(id, raw); err != nil {
			return nil, err
		}
	}
	c := &compiler{roots: roots, cache: map[string]*jschema{}}
	root := c.compile(c.roots[""], "")
	c.cache["#"] = root
	c.link(root)
	out := &Schema{root: root, defs: map[string]*jschema{}}
	defs, _ := c.roots[""].(map[string]any)["definitions"].(map[string]any)
	for name := range defs {
		out.defs[name] = c.resolve("#/definitions/" + name)
	}
	derive(c.all)
	return out, nil
}

func (c *compiler) compile(v any, base string) *jschema {
	m, _ := v.(map[string]any)
	s := &jschema{minItems: -1, minProperties: -1, maxProperties: -1}
	c.all = append(c.all, s)
	if ref, ok := m["$ref"].(string); ok {
		s.ref = c.absolute(ref, base)
		return s
	}
	switch t := m["type"].(type) {
	case string:
		s.types = []string{t}
	case []any:
		for _, e := range t {
			s.types = append(s.types, e.(string))
		}
	}
	for _, r := range asList(m["required"]) {
		s.required = append(s.required, r.(string))
	}
	if props, ok := m["properties"].(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(props)) {
			s.properties = append(s.properties, property{k, c.compile(props[k], base)})
		}
	}
	if pp, ok := m["patternProperties"].(map[string]any); ok {
		keys := make([]string, 0, len(pp))
		for k := range pp {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s.patternProps = append(s.patternProps, patternProp{newMatcher(k), c.compile(pp[k], base)})
		}
	}
	switch a := m["additionalProperties"].(type) {
	case bool:
		s.noAdditional = !a
	case map[string]any:
		s.additional = c.compile(a, base)
	}
	if it, ok := m["items"].(map[string]any); ok {
		s.items = c.compile(it, base)
	}
	s.enum = asList(m["enum"])
	for _, k := range []struct {
		key string
		dst *[]*jschema
	}{{"allOf", &s.allOf}, {"anyOf", &s.anyOf}, {"oneOf", &s.oneOf}} {
		for _, sub := range asList(m[k.key]) {
			*k.dst = append(*k.dst, c.compile(sub, base))
		}
	}
	if n, ok := m["not"]; ok {
		s.not = c.compile(n, base)
	}
	if n, ok := m["minItems"].(float64); ok {
		s.minItems = int(n)
	}
	if n, ok := m["minProperties"].(float64); ok {
		s.minProperties = int(n)
	}
	if n, ok := m["maxProperties"].(float64); ok {
		s.maxProperties = int(n)
	}
	s.uniqueItems, _ = m["uniqueItems"].(bool)
	if n, ok := m["minimum"].(float64); ok {
		s.minimum = &n
	}
	s.exclusiveMin, _ = m["exclusiveMinimum"].(bool)
	if p, ok := m["pattern"].(string); ok {
		s.pattern = newMatcher(p)
	}
	s.format, _ = m["format"].(string)
	s.anything = len(s.types) == 0 && s.required == nil && s.properties == nil && s.patternProps == nil &&
		s.additional == nil && !s.noAdditional && s.items == nil && s.enum == nil && s.allOf == nil &&
		s.anyOf == nil && s.oneOf == nil && s.not == nil && s.minItems < 0 && !s.uniqueItems &&
		s.minProperties < 0 && s.maxProperties < 0 && s.minimum == nil && s.pattern == nil && s.format == ""
	return s
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func (c *compiler) absolute(ref, base string) string {
	if strings.HasPrefix(ref, "#") {
		if base != "" {
			return base + ref[1:]
		}
		return ref
	}
	return ref
}

// link resolves the $refs below s.
func (c *compiler) link(s *jschema) {
	if s == nil || s.resolved != nil {
		return
	}
	if s.ref != "" {
		s.resolved = c.resolve(s.ref)
		return
	}
	for _, p := range s.properties {
		c.link(p.s)
	}
	for _, p := range s.patternProps {
		c.link(p.s)
	}
	c.link(s.additional)
	c.link(s.items)
	for _, l := range [][]*jschema{s.allOf, s.anyOf, s.oneOf} {
		for _, sub := range l {
			c.link(sub)
		}
	}
	c.link(s.not)
}

func (c *compiler) resolve(ref string) *jschema {
	if s, ok := c.cache[ref]; ok {
		return s
	}
	root, pointer := "", ref
	if strings.HasPrefix(ref, Draft04ID) {
		root, pointer = Draft04ID, strings.TrimPrefix(ref, Draft04ID)
	}
	pointer = strings.TrimPrefix(pointer, "#")
	v := c.roots[root]
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		if part == "" {
			continue
		}
		v = v.(map[string]any)[part]
	}
	base := ""
	if root != "" {
		base = Draft04ID
	}
	s := c.compile(v, base)
	c.cache[ref] = s
	c.link(s)
	return s
}

// schemaError is a schema finding in the making.
type schemaError struct {
	code, path, msg string
}

// schemaRun validates one document.
type schemaRun struct {
	draft4    bool // the schema's draft4
	errs      []schemaError
	prechecks []schemaError // precheck's, kept apart from trials
	quiet     int           // > 0 inside oneOf/anyOf/not trials: only the verdict counts
	fail      bool          // a trial failed
	// stack is the path to the value being validated, turned into a JSON
	// pointer only when there is something to report.
	stack []string
}

func (r *schemaRun) push(seg string) { r.stack = append(r.stack, seg) }
func (r *schemaRun) pop()            { r.stack = r.stack[:len(r.stack)-1] }

func (r *schemaRun) pointer() string { return tree.Pointer("", r.stack...) }

func (r *schemaRun) report(code, format string, args ...any) {
	r.fail = true
	if r.quiet > 0 {
		return
	}
	r.errs = append(r.errs, schemaError{code, r.pointer(), fmt.Sprintf(format, args...)})
}

// try reports whether v validates s, without recording errors.
func (r *schemaRun) try(s *jschema, v any) bool {
	for s.ref != "" {
		s = s.resolved
	}
	if o, ok := v.(tree.Obj); ok && s.rejectsObj(o) {
		return false
	}
	saved := r.fail
	r.fail = false
	r.quiet++
	r.validate(s, v)
	r.quiet--
	ok := !r.fail
	r.fail = saved
	return ok
}

// jsonType is the JSON Schema type of v: tree.Kind, with integer for a
// whole number.
func jsonType(v any) string {
	if n, ok := v.(tree.Number); ok && n.IsInteger() {
		return "integer"
	}
	if k := tree.Kind(v); k != "" {
		return k
	}
	return fmt.Sprintf("%T", v)
}

// typeOK reports whether v has one of the types, parsing a number only
// when integer is the question.
func typeOK(types []string, v any) bool {
	n, isNumber := v.(tree.Number)
	var t string
	for _, w := range types {
		switch {
		case isNumber && w == "number":
			return true
		case isNumber && w == "integer":
			if n.IsInteger() {
				return true
			}
		case isNumber:
		default:
			if t == "" {
				t = jsonType(v)
			}
			if w == t {
				return true
			}
		}
	}
	return false
}

// inEnum reports whether v is one of the schema's enum values.
func inEnum(s *jschema, v any) bool {
	if s.enumStrings != nil {
		str, ok := v.(string)
		return ok && slices.Contains(s.enumStrings, str)
	}
	return slices.ContainsFunc(s.enum, func(e any) bool { return jsonEqual(e, v) })
}

func typeMatches(want, got string) bool {
	return want == got || (want == "number" && got == "integer")
}

func (r *schemaRun) validate(s *jschema, v any) {
	for s.ref != "" {
		s = s.resolved
	}
	if s.anything {
		if o, ok := v.(tree.Obj); ok {
			r.precheck(o)
		}
		return
	}
	if r.quiet > 0 && r.fail {
		return
	}
	if v == nil && !r.draft4 {
		r.null(s)
		return
	}
	if len(s.types) > 0 && !typeOK(s.types, v) {
		if r.quiet > 0 { // a trial: spare the message
			r.fail = true
			return
		}
		r.report("schema-type", "expected %s, got %s", strings.Join(s.types, " or "), jsonType(v))
		return
	}
	if s.enum != nil && !inEnum(s, v) {
		if r.quiet > 0 {
			r.fail = true
			return
		}
		r.report("schema-enum", "expected one of %s", formatEnum(s.enum))
	}
	switch v := v.(type) {
	case tree.Obj:
		r.object(s, v)
	case tree.Arr:
		if s.minItems >= 0 && len(v) < s.minItems {
			r.report("schema-min-items", "expected at least %d items, got %d", s.minItems, len(v))
		}
		if s.uniqueItems && !unique(v) {
			r.report("schema-unique-items", "expected unique items")
		}
		if s.items != nil {
			for i, e := range v {
				r.push(strconv.Itoa(i))
				r.validate(s.items, e)
				r.pop()
			}
		}
	case string:
		if s.pattern != nil && !s.pattern.match(v) {
			r.report("schema-pattern", "%q does not match the pattern", v)
		}
		if s.format != "" && r.formatInvalid(s.format, v) {
			r.report("schema-format", "%q is not a valid %s", v, s.format)
		}
	case tree.Number:
		if s.minimum != nil {
			f := v.Float()
			if f < *s.minimum || (s.exclusiveMin && f == *s.minimum) {
				r.report("schema-minimum", "expected at least %v, got %s", *s.minimum, v)
			}
		}
	}
	for _, sub := range s.allOf {
		r.validate(sub, v)
	}
	if len(s.anyOf) > 0 && !slices.ContainsFunc(s.anyOf, func(sub *jschema) bool { return r.try(sub, v) }) {
		r.report("schema-any-of", "does not match any allowed form")
	}
	if len(s.oneOf) > 0 {
		n := 0
		for _, sub := range s.oneOf {
			if r.try(sub, v) {
				n++
			}
		}
		switch {
		case n == 0 && r.quiet == 0:
			r.closest(s.oneOf, v)
		case n != 1:
			r.report("schema-one-of", "must match exactly one allowed form, matches %d", n)
		}
	}
	if s.not != nil && r.try(s.not, v) {
		r.report("schema-not", "has a form that is not allowed")
	}
}

// null validates a null value as the reference does, which is not JSON
// Schema's way: a null is checked against the schema's type and enum and
// nothing else (no allOf, anyOf, oneOf, not, required...), and no enum
// holds it. So `'200':` with no value is a valid response (its schema is
// a oneOf without a type), while `title:` with no value is not a string.
func (r *schemaRun) null(s *jschema) {
	if len(s.types) > 0 && !slices.Contains(s.types, "null") {
		if r.quiet > 0 {
			r.fail = true
			return
		}
		r.report("schema-type", "expected %s, got null", strings.Join(s.types, " or "))
		return
	}
	if len(s.enum) > 0 {
		r.report("schema-enum", "expected one of %s, got null", formatEnum(s.enum))
	}
}

// closest reports that v matches none of the forms and, when one form is
// closest (the fewest errors), why it fails that one.
func (r *schemaRun) closest(forms []*jschema, v any) {
	var best []schemaError
	tie := false
	for _, sub := range forms {
		trial := &schemaRun{draft4: r.draft4, stack: r.stack}
		trial.validate(sub, v)
		switch {
		case best == nil || len(trial.errs) < len(best):
			best, tie = trial.errs, false
		case len(trial.errs) == len(best):
			tie = true
		}
	}
	r.report("schema-one-of", "matches none of the allowed forms")
	if !tie {
		r.errs = append(r.errs, best...)
	}
}

func (r *schemaRun) object(s *jschema, v tree.Obj) {
	r.precheck(v)
	if s.minProperties >= 0 && len(v) < s.minProperties {
		r.report("schema-min-properties", "expected at least %d properties, got %d", s.minProperties, len(v))
	}
	if s.maxProperties >= 0 && len(v) > s.maxProperties {
		r.report("schema-max-properties", "expected at most %d properties, got %d", s.maxProperties, len(v))
	}
	for _, req := range s.required {
		if !v.Has(req) {
			if r.quiet > 0 { // a trial: spare the message
				r.fail = true
				return
			}
			r.report("schema-required", "%s is required", req)
		}
	}
	if r.quiet > 0 && r.fail {
		return
	}
	for _, m := range v {
		if s.extensionsFree && strings.HasPrefix(m.Key, "x-") {
			// A vendor extension: anything goes, but for the
			// reference's two checks of every object.
			if o, ok := m.Val.(tree.Obj); ok {
				r.push(m.Key)
				r.precheck(o)
				r.pop()
			}
			continue
		}
		r.member(s, m.Key, m.Val)
		if r.quiet > 0 && r.fail {
			return
		}
	}
}

// leaf is validate, with the commonest cases inline: a schema that allows
// anything (a vendor extension's) or only asks for a type the value has.
// In the browser each call costs, and most members are such leaves.
func (r *schemaRun) leaf(s *jschema, v any) {
	s = s.target
	if s.anything || (s.typeOnly && typeOK(s.types, v)) {
		if o, ok := v.(tree.Obj); ok {
			r.precheck(o)
		}
		return
	}
	r.validate(s, v)
}

// precheck is what go-openapi/validate checks of every object it validates
// against any schema of the Swagger schema, vendor extensions' values
// included (its SwaggerSchema option): an object with "type": "array" has
// "items"; and one with "items" has "type": "array", unless it sits (maybe
// in an array) right below "properties", "default", "example" or
// "examples". Their errors count whatever trial is under way: they make
// every alternative fail alike.
func (r *schemaRun) precheck(o tree.Obj) {
	if r.draft4 {
		return
	}
	var typ any
	hasType, hasItems := false, false
	for _, m := range o {
		switch m.Key {
		case "type":
			typ, hasType = m.Val, true
		case "items":
			hasItems = true
		}
	}
	if !hasType && !hasItems {
		return
	}
	if typ == "array" && !hasItems {
		r.prechecked("schema-required", "items is required when type is array")
	}
	if !hasItems || typ == "array" {
		return
	}
	end := len(r.stack)
	for end > 0 && isIndexSegment(r.stack[end-1]) {
		end--
	}
	last, before := "", ""
	if end > 0 {
		last = r.stack[end-1]
	}
	if end > 1 {
		before = r.stack[end-2]
	}
	switch {
	case last == "properties" && before != "properties",
		last == "default" && before != "default",
		(last == "example" || last == "examples") && before != "example":
		return
	}
	if !hasType {
		r.prechecked("schema-required", "type is required with items")
	} else {
		r.prechecked("schema-type", "type must be array with items, got %s", formatEnum([]any{typ}))
	}
}

// prechecked records a precheck error once per place, trial or not.
func (r *schemaRun) prechecked(code, format string, args ...any) {
	e := schemaError{code, r.pointer(), fmt.Sprintf(format, args...)}
	if !slices.Contains(r.prechecks, e) {
		r.prechecks = append(r.prechecks, e)
	}
	r.fail = true
}

// isIndexSegment says whether a path segment is all digits, which the
// reference takes for an array index (a response code too).
func isIndexSegment(seg string) bool {
	if seg == "" {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] < '0' || seg[i] > '9' {
			return false
		}
	}
	return true
}

// member validates one member of an object that s describes, below the
// stack's path.
func (r *schemaRun) member(s *jschema, k string, val any) {
	s = s.target
	r.push(k)
	matched := false
	if p, ok := s.property(k); ok {
		matched = true
		r.leaf(p, val)
	}
	for _, pp := range s.patternProps {
		if pp.m.match(k) {
			matched = true
			r.leaf(pp.s, val)
		}
	}
	if !matched {
		if s.noAdditional && !r.draft4 && (k == "id" || k == "$schema") {
			// The reference lets draft 4's "id" and "$schema" through
			// wherever additional properties are forbidden: a Schema
			// Object (or any other object) may have them.
		} else if s.noAdditional && r.quiet > 0 { // a trial: spare the message
			r.fail = true
		} else if s.noAdditional {
			r.report("schema-forbidden-property", "%s is not allowed here", k)
		} else if s.additional != nil {
			r.validate(s.additional, val)
		}
	}
	r.pop()
}

// jsonEqual compares JSON values, numbers by value and objects without
// regard to key order. Either side may be a document value (obj, arr,
// number) or a schema value (map, []any, float64).
func jsonEqual(a, b any) bool {
	if fa, ok := numberValue(a); ok {
		fb, ok := numberValue(b)
		return ok && fa == fb
	}
	switch a := a.(type) {
	case tree.Obj:
		if b, ok := b.(tree.Obj); ok {
			return treeObjEqual(a, b)
		}
		return objEqual(a.Map(), b)
	case map[string]any:
		return objEqual(a, b)
	case tree.Arr:
		return listEqual([]any(a), b)
	case []any:
		return listEqual(a, b)
	}
	switch b.(type) {
	case tree.Obj, map[string]any, tree.Arr, []any, tree.Number, float64, json.Number:
		return false
	}
	return a == b
}

func numberValue(v any) (float64, bool) {
	switch v := v.(type) {
	case tree.Number:
		return v.Float(), true
	case float64:
		return v, true
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	}
	return 0, false
}

func objEqual(a map[string]any, b any) bool {
	var m map[string]any
	switch b := b.(type) {
	case tree.Obj:
		m = b.Map()
	case map[string]any:
		m = b
	default:
		return false
	}
	if len(m) != len(a) {
		return false
	}
	for k, v := range a {
		w, ok := m[k]
		if !ok || !jsonEqual(v, w) {
			return false
		}
	}
	return true
}

func listEqual(a []any, b any) bool {
	var l []any
	switch b := b.(type) {
	case tree.Arr:
		l = b
	case []any:
		l = b
	default:
		return false
	}
	if len(l) != len(a) {
		return false
	}
	for i := range a {
		if !jsonEqual(a[i], l[i]) {
			return false
		}
	}
	return true
}

// treeObjEqual compares two objects of the tree without building maps:
// keys are unique within an object, so same length and every key of a
// equal in b is equality.
func treeObjEqual(a, b tree.Obj) bool {
	if len(a) != len(b) {
		return false
	}
	for _, m := range a {
		i := slices.IndexFunc(b, func(n tree.Member) bool { return n.Key == m.Key })
		if i < 0 || !jsonEqual(m.Val, b[i].Val) {
			return false
		}
	}
	return true
}

func unique(l tree.Arr) bool {
	for i := range l {
		for j := range i {
			if jsonEqual(l[i], l[j]) {
				return false
			}
		}
	}
	return true
}

func formatEnum(values []any) string {
	parts := make([]string, len(values))
	for i, v := range values {
		b, _ := json.Marshal(v)
		parts[i] = string(b)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
