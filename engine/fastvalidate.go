package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
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
	doc      map[string]any
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
	doc := v.(map[string]any)
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

func obj_(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// operations calls f for each visible operation, paths and methods sorted.
func (r *fastRun) operations(f func(path, method string, item, op map[string]any)) {
	paths := obj_(r.doc["paths"])
	for _, p := range sortedKeys(paths) {
		if !strings.HasPrefix(p, "/") {
			continue
		}
		item := obj_(paths[p])
		for _, m := range httpMethods {
			if op := obj_(item[m]); op != nil {
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
func outsideFastPath(doc map[string]any) string {
	for _, k := range []string{"definitions", "parameters"} {
		if m := obj_(doc[k]); len(m) > 0 {
			return "root " + k
		}
	}
	for name, resp := range obj_(doc["responses"]) {
		if why := plainResponse(obj_(resp)); why != "" {
			return "root response " + name + ": " + why
		}
	}
	for p, it := range obj_(doc["paths"]) {
		item := obj_(it)
		if !strings.HasPrefix(p, "/") {
			continue
		}
		if _, ok := item["$ref"]; ok {
			return "a Path Item $ref"
		}
		if why := plainParams(item["parameters"]); why != "" {
			return why
		}
		for _, m := range httpMethods {
			op := obj_(item[m])
			if op == nil {
				continue
			}
			if why := plainParams(op["parameters"]); why != "" {
				return why
			}
			for code, resp := range obj_(op["responses"]) {
				if strings.HasPrefix(code, "x-") {
					continue
				}
				rm := obj_(resp)
				if ref, ok := rm["$ref"].(string); ok {
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

func plainResponse(resp map[string]any) string {
	for _, k := range []string{"schema", "headers", "examples", "$ref"} {
		if _, ok := resp[k]; ok {
			return "a response with " + k
		}
	}
	return ""
}

func plainParams(v any) string {
	for _, p := range asList(v) {
		pm := obj_(p)
		if _, ok := pm["$ref"]; ok {
			return "a parameter $ref"
		}
		switch pm["in"] {
		case "path", "query", "header":
		default:
			return fmt.Sprintf("a parameter in %v", pm["in"])
		}
		switch pm["type"] {
		case "string", "number", "integer", "boolean":
		default:
			return fmt.Sprintf("a parameter of type %v", pm["type"])
		}
		for _, k := range []string{"items", "collectionFormat", "maxItems", "minItems", "uniqueItems", "allowEmptyValue"} {
			if _, ok := pm[k]; ok {
				return "a parameter with " + k
			}
		}
	}
	return ""
}

// references: every operation response $ref must resolve (stage 2). Like
// the reference, only the first unresolvable one is reported.
func (r *fastRun) references() {
	responses := obj_(r.doc["responses"])
	r.operations(func(path, method string, _, op map[string]any) {
		if r.hasErrors() {
			return
		}
		resps := obj_(op["responses"])
		for _, code := range sortedKeys(resps) {
			ref, ok := obj_(resps[code])["$ref"].(string)
			if !ok {
				continue
			}
			name := unescapePointer(strings.TrimPrefix(ref, "#/responses/"))
			if _, ok := responses[name]; !ok {
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
	r.operations(func(path, method string, _, op map[string]any) {
		id, _ := op["operationId"].(string)
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
		var b strings.Builder
		last := 0
		pathParamSpans(seg, func(i, j int) {
			b.WriteString(seg[last:i])
			b.WriteByte('X')
			last = j
		})
		b.WriteString(seg[last:])
		segs[k] = b.String()
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
func paramKey(p map[string]any) string {
	in, _ := p["in"].(string)
	name, _ := p["name"].(string)
	return in + "#" + name
}

// effectiveParams merges the Path Item's parameters with the operation's,
// which win for the same name and location.
func effectiveParams(item, op map[string]any) []map[string]any {
	var out []map[string]any
	index := map[string]int{}
	for _, src := range [][]any{asList(item["parameters"]), asList(op["parameters"])} {
		for _, p := range src {
			pm := obj_(p)
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

func (r *fastRun) paramPointer(path, method string, item, op map[string]any, p map[string]any) string {
	key := paramKey(p)
	for i, q := range asList(op["parameters"]) {
		if paramKey(obj_(q)) == key {
			return pointer("paths", path, method, "parameters", fmt.Sprint(i))
		}
	}
	for i, q := range asList(item["parameters"]) {
		if paramKey(obj_(q)) == key {
			return pointer("paths", path, "parameters", fmt.Sprint(i))
		}
	}
	return pointer("paths", path, method)
}

func (r *fastRun) parameters() {
	for _, method := range httpMethods {
		stripped := map[string]string{}
		paths := obj_(r.doc["paths"])
		for _, path := range sortedKeys(paths) {
			item := obj_(paths[path])
			op := obj_(item[method])
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
			for i, p := range asList(op["parameters"]) {
				pm := obj_(p)
				if name, _ := pm["name"].(string); name == "" {
					continue
				}
				if seen[paramKey(pm)] {
					r.add(SeverityError, "duplicate-parameter", pointer("paths", path, method, "parameters", fmt.Sprint(i)),
						"parameter %v in %v is declared twice", pm["name"], pm["in"])
				}
				seen[paramKey(pm)] = true
			}
			var names []string
			for _, pm := range effectiveParams(item, op) {
				at := func() string { return r.paramPointer(path, method, item, op, pm) }
				if pat, ok := pm["pattern"].(string); ok {
					if _, err := regexp.Compile(pat); err != nil {
						r.add(SeverityError, "parameter-pattern-invalid", at(), "pattern %q of parameter %v does not compile", pat, pm["name"])
					}
				}
				if pm["in"] == "path" {
					names = append(names, fmt.Sprint(pm["name"]))
				}
				typ, _ := pm["type"].(string)
				_, hasMax := pm["maximum"]
				_, hasMin := pm["minimum"]
				_, hasMul := pm["multipleOf"]
				_, hasMaxLen := pm["maxLength"]
				_, hasMinLen := pm["minLength"]
				_, hasPat := pm["pattern"]
				if (typ != "number" && typ != "integer" && (hasMax || hasMin || hasMul)) || (typ != "string" && (hasMaxLen || hasMinLen || hasPat)) {
					r.add(SeverityWarning, "validation-type-mismatch", at(), "parameter %v of type %s has validations for another type", pm["name"], typ)
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
	defs := obj_(r.doc["securityDefinitions"])
	check := func(at string, reqs any) {
		for i, req := range asList(reqs) {
			rm := obj_(req)
			for _, name := range sortedKeys(rm) {
				scopes := asList(rm[name])
				schemeAt := at + "/" + fmt.Sprint(i) + "/" + escapePointer(name)
				scheme := obj_(defs[name])
				if scheme == nil {
					r.add(SeverityError, "security-scheme-undeclared", schemeAt, "security scheme %s is not declared in securityDefinitions", name)
					continue
				}
				if scheme["type"] != "oauth2" {
					if len(scopes) > 0 {
						r.add(SeverityError, "security-scopes-not-empty", schemeAt, "security scheme %s of type %v takes no scopes", name, scheme["type"])
					}
					continue
				}
				known := obj_(scheme["scopes"])
				for _, s := range scopes {
					if _, ok := known[fmt.Sprint(s)]; !ok {
						r.add(SeverityWarning, "security-scope-undeclared", schemeAt, "scope %v is not declared by security scheme %s", s, name)
					}
				}
			}
		}
	}
	check("/security", r.doc["security"])
	r.operations(func(path, method string, _, op map[string]any) {
		check(pointer("paths", path, method, "security"), op["security"])
	})
}

// defaults: a parameter's default must satisfy the parameter; a required
// parameter with a default draws a warning.
func (r *fastRun) defaults() {
	r.operations(func(path, method string, item, op map[string]any) {
		for _, pm := range effectiveParams(item, op) {
			def, ok := pm["default"]
			if !ok || def == nil {
				continue
			}
			at := r.paramPointer(path, method, item, op, pm)
			if req, _ := pm["required"].(bool); req {
				r.add(SeverityWarning, "required-with-default", at, "parameter %v is required and has a default", pm["name"])
			}
			if msgs := checkValue(pm, def); len(msgs) > 0 {
				r.add(SeverityError, "default-invalid", at, "default of parameter %v: %s", pm["name"], strings.Join(msgs, "; "))
			}
		}
	})
}

// checkValue checks a value against a parameter's type and validations.
func checkValue(p map[string]any, v any) []string {
	var msgs []string
	typ, _ := p["type"].(string)
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
		if pat, ok := p["pattern"].(string); ok {
			if re, err := regexp.Compile(pat); err == nil && !re.MatchString(x) {
				msgs = append(msgs, fmt.Sprintf("does not match %s", pat))
			}
		}
		if f, ok := p["format"].(string); ok && strfmt.Default.ContainsName(f) && !strfmt.Default.Validates(f, x) {
			msgs = append(msgs, fmt.Sprintf("is not a valid %s", f))
		}
	case json.Number:
		f := mustFloat(x)
		if m, ok := floatKeyword(p, "maximum"); ok {
			if ex, _ := p["exclusiveMaximum"].(bool); f > m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("greater than the maximum %v", m))
			}
		}
		if m, ok := floatKeyword(p, "minimum"); ok {
			if ex, _ := p["exclusiveMinimum"].(bool); f < m || (ex && f == m) {
				msgs = append(msgs, fmt.Sprintf("less than the minimum %v", m))
			}
		}
		if m, ok := floatKeyword(p, "multipleOf"); ok && m != 0 {
			if q := f / m; q != math.Trunc(q) {
				msgs = append(msgs, fmt.Sprintf("not a multiple of %v", m))
			}
		}
	}
	if enum, ok := p["enum"].([]any); ok && len(enum) > 0 && !slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(e, v) }) {
		msgs = append(msgs, "not one of the enum values")
	}
	return msgs
}

func floatKeyword(p map[string]any, k string) (float64, bool) {
	n, ok := p[k].(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func intKeyword(p map[string]any, k string) (int64, bool) {
	f, ok := floatKeyword(p, k)
	return int64(f), ok
}

func (r *fastRun) emptyPathParams() {
	paths := obj_(r.doc["paths"])
	for _, p := range sortedKeys(paths) {
		if strings.HasPrefix(p, "/") && strings.Contains(p, "{}") {
			r.add(SeverityError, "path-param-empty", pointer("paths", p), "path %s has an empty parameter name", p)
		}
	}
}

func (r *fastRun) unusedResponses() {
	responses := obj_(r.doc["responses"])
	if len(responses) == 0 {
		return
	}
	used := map[string]bool{}
	r.operations(func(_, _ string, _, op map[string]any) {
		for _, resp := range obj_(op["responses"]) {
			if ref, ok := obj_(resp)["$ref"].(string); ok {
				used[unescapePointer(strings.TrimPrefix(ref, "#/responses/"))] = true
			}
		}
	})
	for _, name := range sortedKeys(responses) {
		if !used[name] {
			r.add(SeverityWarning, "unused-response", pointer("responses", name), "response %s is not used", name)
		}
	}
}
