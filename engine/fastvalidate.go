package engine

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-openapi/strfmt"
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
// go-openapi/validate whole (outsideFastPath says why), so the verdict is
// the reference's either way.

// httpMethods are the Path Item keys that validators see as operations.
var httpMethods = []string{"delete", "get", "head", "options", "patch", "post", "put"}

// fastResult is the outcome of the fast path.
type fastResult struct {
	findings []Finding
	// fallback, when set, says why the document needs the reference
	// validator.
	fallback string
}

type fastRun struct {
	doc      obj
	findings []Finding
}

func (r *fastRun) add(sev, code, path, format string, args ...any) {
	r.findings = append(r.findings, Finding{sev, code, path, fmt.Sprintf(format, args...)})
}

func (r *fastRun) hasErrors() bool { return HasErrors(r.findings) }

// validateFast validates a decoded document.
func validateFast(v any) fastResult {
	sr := &schemaRun{}
	sr.validate(swaggerSchema(), v)
	if len(sr.errs) > 0 {
		var fs []Finding
		for _, e := range sr.errs {
			fs = append(fs, Finding{SeverityError, e.code, e.path, e.msg})
		}
		return fastResult{findings: fs}
	}
	doc := v.(obj)
	if why := outsideFastPath(doc); why != "" {
		return fastResult{fallback: why}
	}
	r := &fastRun{doc: doc}
	r.references()
	if r.hasErrors() {
		return fastResult{findings: r.findings}
	}
	r.operationIDs()
	r.parameters()
	r.security()
	if r.hasErrors() {
		return fastResult{findings: r.findings}
	}
	r.defaults()
	r.emptyPathParams()
	r.unusedResponses()
	return fastResult{findings: r.findings}
}

// sortedPaths returns the Paths Object with its keys in byte order (the
// reference walks paths sorted): exports and decoded documents have them so
// already, and a copy is sorted only when they do not.
func (r *fastRun) sortedPaths() obj {
	paths := asObj(r.doc.get("paths"))
	if !slices.IsSortedFunc(paths, func(a, b member) int { return strings.Compare(a.key, b.key) }) {
		paths = slices.Clone(paths).sorted()
	}
	return paths
}

// operations calls f for each visible operation, paths and methods sorted.
func (r *fastRun) operations(f func(path, method string, item, op obj)) {
	for _, e := range r.sortedPaths() {
		p := e.key
		if !strings.HasPrefix(p, "/") {
			continue
		}
		item := asObj(e.val)
		for _, m := range httpMethods {
			if op := asObj(item.get(m)); op != nil {
				f(p, m, item, op)
			}
		}
	}
}

func pointer(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(escapePointer(p))
	}
	return b.String()
}

// outsideFastPath says what takes a document out of the fast path, or "".
func outsideFastPath(doc obj) string {
	for _, k := range []string{"definitions", "parameters"} {
		if m := asObj(doc.get(k)); len(m) > 0 {
			return "root " + k
		}
	}
	for _, e := range asObj(doc.get("responses")) {
		name, resp := e.key, e.val
		if why := plainResponse(asObj(resp)); why != "" {
			return "root response " + name + ": " + why
		}
	}
	for _, e := range asObj(doc.get("paths")) {
		p, it := e.key, e.val
		item := asObj(it)
		if !strings.HasPrefix(p, "/") {
			continue
		}
		if ok := item.has("$ref"); ok {
			return "a Path Item $ref"
		}
		if why := plainParams(item.get("parameters")); why != "" {
			return why
		}
		for _, m := range httpMethods {
			op := asObj(item.get(m))
			if op == nil {
				continue
			}
			if why := plainParams(op.get("parameters")); why != "" {
				return why
			}
			for _, e := range asObj(op.get("responses")) {
				code, resp := e.key, e.val
				if strings.HasPrefix(code, "x-") {
					continue
				}
				rm := asObj(resp)
				if ref, ok := rm.get("$ref").(string); ok {
					if !strings.HasPrefix(ref, "#/responses/") || strings.Count(ref, "/") != 2 {
						return "the reference " + ref
					}
					continue
				}
				if why := plainResponse(rm); why != "" {
					return why
				}
			}
		}
	}
	return ""
}

func plainResponse(resp obj) string {
	for _, k := range []string{"schema", "headers", "examples", "$ref"} {
		if ok := resp.has(k); ok {
			return "a response with " + k
		}
	}
	return ""
}

func plainParams(v any) string {
	for _, p := range asArr(v) {
		pm := asObj(p)
		if ok := pm.has("$ref"); ok {
			return "a parameter $ref"
		}
		switch pm.get("in") {
		case "path", "query", "header":
		default:
			return fmt.Sprintf("a parameter in %v", pm.get("in"))
		}
		switch pm.get("type") {
		case "string", "number", "integer", "boolean":
		default:
			return fmt.Sprintf("a parameter of type %v", pm.get("type"))
		}
		for _, k := range []string{"items", "collectionFormat", "maxItems", "minItems", "uniqueItems", "allowEmptyValue"} {
			if ok := pm.has(k); ok {
				return "a parameter with " + k
			}
		}
	}
	return ""
}

// references: every operation response $ref must resolve (stage 2). Like
// the reference, only the first unresolvable one is reported.
func (r *fastRun) references() {
	responses := asObj(r.doc.get("responses"))
	r.operations(func(path, method string, _, op obj) {
		if r.hasErrors() {
			return
		}
		resps := asObj(op.get("responses"))
		for _, code := range resps.keys() {
			ref, ok := asObj(resps.get(code)).get("$ref").(string)
			if !ok {
				continue
			}
			name := unescapePointer(strings.TrimPrefix(ref, "#/responses/"))
			if ok := responses.has(name); !ok {
				r.add(SeverityError, "unresolved-ref", pointer("paths", path, method, "responses", code),
					"the reference %s does not resolve", ref)
				return
			}
		}
	})
}

var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

func unescapePointer(s string) string { return pointerUnescaper.Replace(s) }

func (r *fastRun) operationIDs() {
	type seen struct {
		n            int
		path, method string // of the first
		named        bool
	}
	ids := map[string]*seen{}
	r.operations(func(path, method string, _, op obj) {
		id, _ := op.get("operationId").(string)
		named := id != ""
		if !named {
			id = strings.ToUpper(method) + " " + path
		}
		if s := ids[id]; s != nil {
			s.n++
			return
		}
		ids[id] = &seen{1, path, method, named}
	})
	for _, id := range sortedKeys(ids) {
		if s := ids[id]; s.n > 1 {
			at := pointer("paths", s.path, s.method)
			if s.named {
				at += "/operationId"
			}
			r.add(SeverityError, "duplicate-operation-id", at, "operationId %q is used by %d operations", id, s.n)
		}
	}
}

// The reference finds path parameters with the regular expression
// {[^{}]+?} in each segment, and calls a path or parameter garbled when it
// matches .*[{}\s]+.* or {.*[{}\s]+.*}. These scanners do the same without
// regexp, which is slow in the browser.

// pathParamSpans calls f with the start and end of each {name} token of a
// segment: a "{", then one or more characters that are not braces, then "}".
func pathParamSpans(seg string, f func(i, j int)) {
	for i := 0; i < len(seg); i++ {
		if seg[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(seg) && seg[j] != '{' && seg[j] != '}' {
			j++
		}
		if j < len(seg) && seg[j] == '}' && j > i+1 {
			f(i, j+1)
			i = j
		}
	}
}

func extractPathParams(path string) []string {
	var out []string
	for seg := range strings.SplitSeq(path, "/") {
		pathParamSpans(seg, func(i, j int) { out = append(out, seg[i:j]) })
	}
	return out
}

func stripPathParams(path string) string {
	if !strings.Contains(path, "{") {
		return path
	}
	segs := strings.Split(path, "/")
	for k, seg := range segs {
		segs[k] = replacePathParams(seg, "X")
	}
	return strings.Join(segs, "/")
}

// isSpaceRE is \s of Go's regexp: space, \t, \n, \f, \r.
func isSpaceRE(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// garbledPath is .*[{}\s]+.* : any brace or space.
func garbledPath(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '{' || c == '}' || isSpaceRE(c) {
			return true
		}
	}
	return false
}

// garbledParam is {.*[{}\s]+.*} : after a "{", a run of braces or spaces
// (newlines included), then a "}"; the .* parts hold no newline.
func garbledParam(s string) bool {
	class := func(c byte) bool { return c == '{' || c == '}' || isSpaceRE(c) }
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		for k := i + 1; k < len(s); k++ {
			if class(s[k]) {
				m := k
				for ; m < len(s) && class(s[m]); m++ {
					if s[m] == '}' && m > k {
						return true
					}
				}
				for j := m; j < len(s) && s[j] != '\n'; j++ {
					if s[j] == '}' {
						return true
					}
				}
			}
			if s[k] == '\n' {
				break
			}
		}
	}
	return false
}

// paramKey identifies a parameter within an operation.
func paramKey(p obj) string {
	in, _ := p.get("in").(string)
	name, _ := p.get("name").(string)
	return in + "#" + name
}

// effectiveParams merges the Path Item's parameters with the operation's,
// which win for the same name and location.
func effectiveParams(item, op obj) []obj {
	var out []obj
	index := map[string]int{}
	for _, src := range []arr{asArr(item.get("parameters")), asArr(op.get("parameters"))} {
		for _, p := range src {
			pm := asObj(p)
			if i, ok := index[paramKey(pm)]; ok {
				out[i] = pm
				continue
			}
			index[paramKey(pm)] = len(out)
			out = append(out, pm)
		}
	}
	return out
}

func (r *fastRun) paramPointer(path, method string, item, op obj, p obj) string {
	key := paramKey(p)
	for i, q := range asArr(op.get("parameters")) {
		if paramKey(asObj(q)) == key {
			return pointer("paths", path, method, "parameters", fmt.Sprint(i))
		}
	}
	for i, q := range asArr(item.get("parameters")) {
		if paramKey(asObj(q)) == key {
			return pointer("paths", path, "parameters", fmt.Sprint(i))
		}
	}
	return pointer("paths", path, method)
}

func (r *fastRun) parameters() {
	for _, method := range httpMethods {
		stripped := map[string]string{}
		for _, e := range r.sortedPaths() {
			path, item := e.key, asObj(e.val)
			op := asObj(item.get(method))
			if !strings.HasPrefix(path, "/") || op == nil {
				continue
			}
			pathAt := "/paths/" + escapePointer(path)
			s := stripPathParams(path)
			if garbledPath(s) {
				r.add(SeverityWarning, "path-garbled", pathAt, "path %s still has braces or spaces once its parameters are stripped (%s)", path, s)
			}
			if other, ok := stripped[s]; ok {
				a, b := other, path
				if path < other {
					a, b = path, other
				}
				r.add(SeverityError, "path-overlap", pathAt, "path %s overlaps with %s", a, b)
			} else {
				stripped[s] = path
			}
			seen := map[string]bool{}
			for i, p := range asArr(op.get("parameters")) {
				pm := asObj(p)
				if name, _ := pm.get("name").(string); name == "" {
					continue
				}
				if seen[paramKey(pm)] {
					r.add(SeverityError, "duplicate-parameter", pointer("paths", path, method, "parameters", fmt.Sprint(i)),
						"parameter %v in %v is declared twice", pm.get("name"), pm.get("in"))
				}
				seen[paramKey(pm)] = true
			}
			var names []string
			for _, pm := range effectiveParams(item, op) {
				at := func() string { return r.paramPointer(path, method, item, op, pm) }
				if pat, ok := pm.get("pattern").(string); ok {
					if _, err := regexp.Compile(pat); err != nil {
						r.add(SeverityError, "parameter-pattern-invalid", at(), "pattern %q of parameter %v does not compile", pat, pm.get("name"))
					}
				}
				if pm.get("in") == "path" {
					names = append(names, fmt.Sprint(pm.get("name")))
				}
				typ, _ := pm.get("type").(string)
				hasMax := pm.has("maximum")
				hasMin := pm.has("minimum")
				hasMul := pm.has("multipleOf")
				hasMaxLen := pm.has("maxLength")
				hasMinLen := pm.has("minLength")
				hasPat := pm.has("pattern")
				if (typ != "number" && typ != "integer" && (hasMax || hasMin || hasMul)) || (typ != "string" && (hasMaxLen || hasMinLen || hasPat)) {
					r.add(SeverityWarning, "validation-type-mismatch", at(), "parameter %v of type %s has validations for another type", pm.get("name"), typ)
				}
			}
			inPath := extractPathParams(path)
			for i, p := range inPath {
				if slices.Contains(inPath[:i], p) {
					r.add(SeverityError, "path-param-duplicate", pathAt, "path %s has the parameter %s twice", path, p)
				}
			}
			for _, p := range inPath {
				if garbledParam(p) {
					r.add(SeverityWarning, "path-param-garbled", pathAt, "path %s has a garbled parameter %s", path, p)
				}
			}
			for _, p := range inPath {
				if !slices.ContainsFunc(names, func(n string) bool { return "{"+n+"}" == p }) {
					r.add(SeverityError, "path-param-undeclared", pathAt, "path parameter %s has no parameter definition", p)
				}
			}
			for _, n := range names {
				if !slices.Contains(inPath, "{"+n+"}") {
					r.add(SeverityError, "path-param-not-in-path", pathAt, "path parameter %s is declared but not in path %s", n, path)
				}
			}
		}
	}
}

func (r *fastRun) security() {
	defs := asObj(r.doc.get("securityDefinitions"))
	check := func(at string, reqs any) {
		for i, req := range asArr(reqs) {
			rm := asObj(req)
			for _, name := range rm.keys() {
				scopes := asArr(rm.get(name))
				schemeAt := at + "/" + fmt.Sprint(i) + "/" + escapePointer(name)
				scheme := asObj(defs.get(name))
				if scheme == nil {
					r.add(SeverityError, "security-scheme-undeclared", schemeAt, "security scheme %s is not declared in securityDefinitions", name)
					continue
				}
				if scheme.get("type") != "oauth2" {
					if len(scopes) > 0 {
						r.add(SeverityError, "security-scopes-not-empty", schemeAt, "security scheme %s of type %v takes no scopes", name, scheme.get("type"))
					}
					continue
				}
				known := asObj(scheme.get("scopes"))
				for _, s := range scopes {
					if !known.has(fmt.Sprint(s)) {
						r.add(SeverityWarning, "security-scope-undeclared", schemeAt, "scope %v is not declared by security scheme %s", s, name)
					}
				}
			}
		}
	}
	check("/security", r.doc.get("security"))
	r.operations(func(path, method string, _, op obj) {
		check(pointer("paths", path, method, "security"), op.get("security"))
	})
}

// defaults: a parameter's default must satisfy the parameter; a required
// parameter with a default draws a warning.
func (r *fastRun) defaults() {
	r.operations(func(path, method string, item, op obj) {
		for _, pm := range effectiveParams(item, op) {
			def := pm.get("default")
			if def == nil {
				continue
			}
			at := r.paramPointer(path, method, item, op, pm)
			if req, _ := pm.get("required").(bool); req {
				r.add(SeverityWarning, "required-with-default", at, "parameter %v is required and has a default", pm.get("name"))
			}
			if msgs := checkValue(pm, def); len(msgs) > 0 {
				r.add(SeverityError, "default-invalid", at, "default of parameter %v: %s", pm.get("name"), strings.Join(msgs, "; "))
			}
		}
	})
}

// checkValue checks a value against a parameter's type and validations.
func checkValue(p obj, v any) []string {
	var msgs []string
	typ, _ := p.get("type").(string)
	got := jsonType(v)
	if !typeMatches(typ, got) {
		return []string{fmt.Sprintf("expected %s, got %s", typ, got)}
	}
	switch x := v.(type) {
	case string:
		n := int64(utf8.RuneCountInString(x))
		if m, ok := intKeyword(p, "maxLength"); ok && n > m {
			msgs = append(msgs, fmt.Sprintf("longer than %d", m))
		}
		if m, ok := intKeyword(p, "minLength"); ok && n < m {
			msgs = append(msgs, fmt.Sprintf("shorter than %d", m))
		}
		if pat, ok := p.get("pattern").(string); ok {
			if re, err := regexp.Compile(pat); err == nil && !re.MatchString(x) {
				msgs = append(msgs, fmt.Sprintf("does not match %s", pat))
			}
		}
		if f, ok := p.get("format").(string); ok && strfmt.Default.ContainsName(f) && !strfmt.Default.Validates(f, x) {
			msgs = append(msgs, fmt.Sprintf("is not a valid %s", f))
		}
	case number:
		f := x.float()
		if m, ok := floatKeyword(p, "maximum"); ok {
			if ex, _ := p.get("exclusiveMaximum").(bool); f > m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("greater than the maximum %v", m))
			}
		}
		if m, ok := floatKeyword(p, "minimum"); ok {
			if ex, _ := p.get("exclusiveMinimum").(bool); f < m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("less than the minimum %v", m))
			}
		}
		if m, ok := floatKeyword(p, "multipleOf"); ok && m != 0 {
			if q := f / m; q != math.Trunc(q) {
				msgs = append(msgs, fmt.Sprintf("not a multiple of %v", m))
			}
		}
	}
	if enum, ok := p.get("enum").(arr); ok && len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		msgs = append(msgs, "not one of the enum values")
	}
	return msgs
}

func floatKeyword(p obj, k string) (float64, bool) {
	n, ok := p.get(k).(number)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

func intKeyword(p obj, k string) (int64, bool) {
	f, ok := floatKeyword(p, k)
	return int64(f), ok
}

func (r *fastRun) emptyPathParams() {
	for _, e := range r.sortedPaths() {
		if p := e.key; strings.HasPrefix(p, "/") && strings.Contains(p, "{}") {
			r.add(SeverityError, "path-param-empty", pointer("paths", p), "path %s has an empty parameter name", p)
		}
	}
}

func (r *fastRun) unusedResponses() {
	responses := asObj(r.doc.get("responses"))
	if len(responses) == 0 {
		return
	}
	used := map[string]bool{}
	r.operations(func(_, _ string, _, op obj) {
		for _, e := range asObj(op.get("responses")) {
			if ref, ok := asObj(e.val).get("$ref").(string); ok {
				used[unescapePointer(strings.TrimPrefix(ref, "#/responses/"))] = true
			}
		}
	})
	for _, name := range responses.keys() {
		if !used[name] {
			r.add(SeverityWarning, "unused-response", pointer("responses", name), "response %s is not used", name)
		}
	}
}
