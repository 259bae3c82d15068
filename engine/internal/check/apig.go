package check

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

//go:generate go test -tags acceptgen -run ^TestAcceptGenerated$ -update .

// The APIG rules check what Swagger validators cannot: the x-apigateway-*
// extensions, against the types and values of the gateway's extension
// catalogue (docs/reference.md §2), and the references between them. They
// run on exports and on any file a user brings, operations under
// x-apigateway-any-method included. Enumerations that the gateway's own
// import samples write in either case (scheme, method, parameter location
// and origin) are compared without case.

// shape describes the JSON a value must have.
type shape struct {
	kind   string // string, boolean, integer, number, object, array ("" any)
	enum   []string
	fold   bool              // compare enum without case
	fields map[string]*shape // known fields of an object
	// byLen is fields by the length of their names, which lookups scan
	// (see indexShapes): objects have a few fields, and in the browser a
	// scan costs less than hashing.
	byLen [][]namedShape
	// leaf is set for a shape that asks for a kind and nothing else;
	// enumLeaf for one that asks for a string of enum, compared with
	// case, and nothing else.
	leaf, enumLeaf bool
	code           kindCode // kind, for leafOK
	values         *shape   // every value of a map-like object
	items          *shape   // every item of an array
	required       []string
	// gen is accepts compiled for this shape (accept_gen.go, written by
	// TestAcceptGenerated from the tables below): a switch on the key and
	// the leaves' kinds inline, where acceptsSlow, gen until then,
	// interprets the shape.
	gen func(any) bool
}

var (
	stringShape = &shape{kind: "string"}
	boolShape   = &shape{kind: "boolean"}
	intShape    = &shape{kind: "integer"}
	stringList  = &shape{kind: "array", items: stringShape}

	backendParamsShape = &shape{kind: "array", items: &shape{kind: "object", required: []string{"name", "in", "origin"}, fields: map[string]*shape{
		"name": stringShape, "value": stringShape, "description": stringShape,
		"in":     {kind: "string", enum: []string{"HEADER", "QUERY", "PATH"}, fold: true},
		"origin": {kind: "string", enum: []string{"REQUEST", "CONSTANT", "SYSTEM"}, fold: true},
	}}}
	webEndpoint = map[string]*shape{
		"address": stringShape, "path": stringShape, "description": stringShape, "name": stringShape, "host": stringShape,
		"scheme":  {kind: "string", enum: []string{"http", "https"}, fold: true},
		"method":  {kind: "string", enum: model.Methods, fold: true},
		"timeout": intShape, "enableClientSsl": boolShape, "enableSmChannel": boolShape, "retryCount": stringShape, "cascade_flag": boolShape,
	}
	endpoints = map[string]*shape{
		"httpEndpoints":    {kind: "object", fields: webEndpoint, required: []string{"address"}},
		"httpVpcEndpoints": {kind: "object", fields: webEndpoint, required: []string{"name"}},
		"functionEndpoints": {kind: "object", required: []string{"function-urn"}, fields: map[string]*shape{
			"function-urn": stringShape, "version": stringShape, "alias-urn": stringShape, "description": stringShape, "timeout": intShape,
			"invocation-type": {kind: "string", enum: []string{"async", "sync"}},
			"network-type":    {kind: "string", enum: []string{"V1", "V2"}},
		}},
		"mockEndpoints":               {kind: "object", fields: map[string]*shape{"result-content": stringShape, "description": stringShape}},
		"httpVpcMemberGroupEndpoints": {kind: "object"},
	}
	// endpointOf is the endpoints key each backend type takes.
	EndpointOf = map[string]string{"HTTP": "httpEndpoints", "HTTP-VPC": "httpVpcEndpoints", "FUNCTION": "functionEndpoints",
		"MOCK": "mockEndpoints", "HTTP-VPC-MEMBER-GROUP": "httpVpcMemberGroupEndpoints"}

	backendShape = func() *shape {
		s := &shape{kind: "object", required: []string{"type"}, fields: map[string]*shape{
			"type":       {kind: "string", enum: []string{"HTTP", "HTTP-VPC", "FUNCTION", "MOCK", "HTTP-VPC-MEMBER-GROUP"}},
			"parameters": backendParamsShape,
		}}
		for k, v := range endpoints {
			s.fields[k] = v
		}
		return s
	}()
	policyShape = func() *shape {
		s := &shape{kind: "object", required: []string{"name", "type", "conditions"}, fields: map[string]*shape{
			"name":       stringShape,
			"type":       {kind: "string", enum: []string{"HTTP", "HTTP-VPC", "FUNCTION", "MOCK"}},
			"effectMode": {kind: "string", enum: []string{"ALL", "ANY"}},
			"parameters": backendParamsShape,
			"conditions": {kind: "array", items: &shape{kind: "object", fields: map[string]*shape{
				"origin":    {kind: "string", enum: []string{"param", "source", "system", "cookie", "frontend_authorizer", "request", "orchestration"}},
				"parameter": stringShape, "parameter_name": stringShape, "value": stringShape,
				"type": {kind: "string", enum: []string{"", "exact", "equal", "enum", "pattern"}},
			}}},
		}}
		for k, v := range endpoints {
			s.fields[k] = v
		}
		return s
	}()

	// operationExt are the extensions of an Operation Object.
	operationExt = map[string]*shape{
		"x-apigateway-request-type":           {kind: "string", enum: []string{"public", "private"}},
		"x-apigateway-match-mode":             {kind: "string", enum: []string{"NORMAL", "SWA"}},
		"x-apigateway-cors":                   boolShape,
		"x-apigateway-is-send-fg-body-base64": boolShape,
		"x-apigateway-content-type":           {kind: "string", enum: []string{"application/json", "application/xml", "multipart/form-data", "text/plain"}},
		"x-apigateway-response":               stringShape,
		"x-apigateway-ratelimit":              stringShape,
		"x-apigateway-access-control":         stringShape,
		"x-apigateway-plugins":                stringList,
		"x-apigateway-roma-app":               stringShape,
		"x-apigateway-backend":                backendShape,
		"x-apigateway-backend-policies":       {kind: "array", items: policyShape},
	}
	responsesExt = map[string]*shape{
		"x-apigateway-result-normal-sample":  stringShape,
		"x-apigateway-result-failure-sample": stringShape,
	}
	parameterExt = map[string]*shape{
		"x-apigateway-pass-through":   {kind: "string", enum: []string{"always", "never"}},
		"x-apigateway-sample":         stringShape,
		"x-apigateway-orchestrations": stringList,
	}
	schemeExt = map[string]*shape{
		"x-apigateway-auth-type": {kind: "string", enum: []string{"AppSigv1", "IAM", "IAM_NONE", "AUTHORIZER"}},
		"x-apigateway-auth-opt": {kind: "object", fields: map[string]*shape{
			"appcode-auth-type": {kind: "string", enum: []string{"header", "disable"}},
		}},
		"x-apigateway-authorizer": {kind: "object", fields: map[string]*shape{
			"type":            {kind: "string", enum: []string{"FRONTEND", "BACKEND"}},
			"authorizer_type": {kind: "string", enum: []string{"FUNC", "LD"}},
			"network_type":    {kind: "string", enum: []string{"V1", "V2"}},
			"authorizer_uri":  stringShape, "authorizer_version": stringShape, "authorizer_alias_uri": stringShape,
			"need_body": boolShape, "auth_downgrade_enabled": boolShape, "ttl": intShape, "timeout": intShape, "retry_attempts": intShape,
			"identities": {kind: "array", items: &shape{kind: "object", required: []string{"name", "location"}, fields: map[string]*shape{
				"name": stringShape, "validation": stringShape,
				"location": {kind: "string", enum: []string{"HEADER", "QUERY"}},
			}}},
		}},
	}
	rootExt = map[string]*shape{
		"x-apigateway-ratelimits": {kind: "object", values: &shape{kind: "object", required: []string{"api-limit", "interval", "unit"}, fields: map[string]*shape{
			"api-limit": intShape, "user-limit": intShape, "app-limit": intShape, "ip-limit": intShape, "interval": intShape, "shared": boolShape,
			"unit": {kind: "string", enum: []string{"SECOND", "MINUTE", "HOUR", "DAY"}},
			"special": {kind: "array", items: &shape{kind: "object", required: []string{"type", "limit", "instance"}, fields: map[string]*shape{
				"type": {kind: "string", enum: []string{"APP", "USER"}}, "limit": intShape, "instance": stringShape,
			}}},
		}}},
		"x-apigateway-access-controls": {kind: "object", values: &shape{kind: "object", required: []string{"acl-type", "entity-type", "value"}, fields: map[string]*shape{
			"acl-type":    {kind: "string", enum: []string{"PERMIT", "DENY"}},
			"entity-type": {kind: "string", enum: []string{"IP", "DOMAIN", "DOMAIN_ID"}},
			"value":       stringShape,
		}}},
		"x-apigateway-responses": {kind: "object", values: &shape{kind: "object", values: &shape{kind: "object", fields: map[string]*shape{
			"status": intShape, "body": {kind: "object"}, "headers": {kind: ""},
		}}}},
	}
)

type apigRun struct {
	findings []Finding
	// stack is the path to the current value, made into a JSON pointer
	// only for a finding.
	stack []string
	// The root's maps, which operations name.
	schemes, limits, acls tree.Obj
	// inResponses: the result samples are in each Response Object
	// (Places.SamplesInResponses).
	inResponses bool
	schemesAt   string // where the schemes are, for messages (securityDefinitions)
}

func (r *apigRun) push(seg ...string) {
	for _, s := range seg {
		r.stack = append(r.stack, s)
	}
}
func (r *apigRun) pop(n int) { r.stack = r.stack[:len(r.stack)-n] }

// here is the JSON pointer of the current value, with extra segments.
func (r *apigRun) here(extra ...string) string {
	var b strings.Builder
	for _, seg := range append(r.stack, extra...) {
		b.WriteByte('/')
		b.WriteString(tree.Escape(seg))
	}
	return b.String()
}

func (r *apigRun) add(sev, code, path, format string, args ...any) {
	r.findings = append(r.findings, Finding{sev, code, path, fmt.Sprintf(format, args...)})
}

// check checks v, at the stack's path, against s.
func (r *apigRun) check(v any, s *shape) {
	if s.kind != "" && !kindOK(s.kind, v) {
		r.add(SeverityError, "apig-type", r.here(), "expected %s, got %s", article(s.kind), jsonType(v))
		return
	}
	if len(s.enum) > 0 {
		str, _ := v.(string)
		if !slices.Contains(s.enum, str) && !(s.fold && slices.ContainsFunc(s.enum, func(e string) bool { return strings.EqualFold(e, str) })) {
			r.add(SeverityError, "apig-enum", r.here(), "expected one of %s, got %q", strings.Join(s.enum, ", "), str)
		}
	}
	switch v := v.(type) {
	case tree.Obj:
		for _, k := range s.required {
			if ok := v.Has(k); !ok {
				r.add(SeverityError, "apig-required", r.here(), "%s is required", k)
			}
		}
		for _, e := range v {
			k, val := e.Key, e.Val
			f := s.field(k)
			if f == nil {
				f = s.values
			}
			if f != nil && !f.accepts(val) {
				r.push(k)
				r.check(val, f)
				r.pop(1)
			}
		}
	case tree.Arr:
		if s.items != nil {
			for i, e := range v {
				r.push(strconv.Itoa(i))
				r.check(e, s.items)
				r.pop(1)
			}
		}
	}
}

type namedShape struct {
	name string
	s    *shape
}

// field returns the shape of the field k, or nil, looking among the
// fields of k's length only.
func (s *shape) field(k string) *shape {
	if len(k) >= len(s.byLen) {
		return nil
	}
	// Names of one length often share a prefix (x-apigateway-): their
	// last and middle bytes tell them apart before a comparison.
	last, mid := len(k)-1, len(k)/2
	for _, f := range s.byLen[len(k)] {
		if last >= 0 && (f.name[last] != k[last] || f.name[mid] != k[mid]) {
			continue
		}
		if f.name == k {
			return f.s
		}
	}
	return nil
}

// indexShapes fills byLen in s and every shape below it. It runs
// while the package initialises.
func indexShapes(s *shape) *shape {
	seen := map[*shape]bool{}
	var walk func(*shape)
	walk = func(s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		s.code = kindCodes[s.kind]
		s.gen = s.acceptsSlow // until accept_gen.go's init compiles it
		s.leaf = s.kind != "" && s.enum == nil && s.fields == nil && s.values == nil && s.items == nil && s.required == nil
		s.enumLeaf = s.kind == "string" && s.enum != nil && !s.fold && s.fields == nil && s.values == nil && s.items == nil && s.required == nil
		s.byLen = s.byLen[:0]
		for _, k := range slices.Sorted(maps.Keys(s.fields)) {
			for len(s.byLen) <= len(k) {
				s.byLen = append(s.byLen, nil)
			}
			s.byLen[len(k)] = append(s.byLen[len(k)], namedShape{k, s.fields[k]})
			walk(s.fields[k])
		}
		walk(s.values)
		walk(s.items)
	}
	walk(s)
	return s
}

// The extensions each kind of object may have, as shapes whose fields
// they are.
var (
	rootExts      = indexShapes(&shape{fields: rootExt})
	schemeExts    = indexShapes(&shape{fields: schemeExt})
	operationExts = indexShapes(&shape{fields: operationExt})
	responsesExts = indexShapes(&shape{fields: responsesExt})
	parameterExts = indexShapes(&shape{fields: parameterExt})
	pathItemExts  = indexShapes(&shape{fields: map[string]*shape{AnyMethodKey: {kind: "object"}}})
)

// accepts reports whether check finds nothing in v, as check would walk
// it but without keeping the path (pushing a segment per value and
// writing array indices costs, in the browser above all); false: check
// must run to say what it finds (TestShapeAccepts holds the two together).
func (s *shape) accepts(v any) bool { return s.gen(v) }

// acceptsSlow is accepts interpreting the shape and those below it: the
// generated code's way out for anything but the common case (a value of
// another kind, an enumeration compared without case). It calls only
// itself, so that accepts, which calls it, is inlined where it is called.
func (s *shape) acceptsSlow(v any) bool {
	switch {
	case s.leaf:
		return s.leafOK(v)
	case s.enumLeaf:
		str, ok := v.(string)
		return ok && slices.Contains(s.enum, str)
	}
	if s.kind != "" && !kindOK(s.kind, v) {
		return false
	}
	if len(s.enum) > 0 {
		str, _ := v.(string)
		if !slices.Contains(s.enum, str) && !(s.fold && slices.ContainsFunc(s.enum, func(e string) bool { return strings.EqualFold(e, str) })) {
			return false
		}
	}
	switch v := v.(type) {
	case tree.Obj:
		for _, k := range s.required {
			if !v.Has(k) {
				return false
			}
		}
		for _, e := range v {
			f := s.field(e.Key)
			if f == nil {
				f = s.values
			}
			// A leaf here, without the call.
			if f != nil && !(f.leaf && f.leafOK(e.Val) || !f.leaf && f.acceptsSlow(e.Val)) {
				return false
			}
		}
	case tree.Arr:
		if it := s.items; it != nil {
			for _, e := range v {
				if !(it.leaf && it.leafOK(e) || !it.leaf && it.acceptsSlow(e)) {
					return false
				}
			}
		}
	}
	return true
}

// kindCode is a shape's kind as a number, which leafOK compares without
// comparing strings.
type kindCode uint8

const (
	kindOther kindCode = iota // any, or a kind that kindOK decides
	kindString
	kindBoolean
	kindInteger
	kindNumber
	kindObject
	kindArray
)

var kindCodes = map[string]kindCode{"string": kindString, "boolean": kindBoolean, "integer": kindInteger,
	"number": kindNumber, "object": kindObject, "array": kindArray}

// leafOK reports whether v has the kind of s, a leaf, without a call for
// the common cases.
func (s *shape) leafOK(v any) bool {
	switch v := v.(type) {
	case string:
		return s.code == kindString
	case bool:
		return s.code == kindBoolean
	case tree.Number:
		return s.code == kindNumber || s.code == kindInteger && isInteger(v)
	case tree.Obj:
		return s.code == kindObject
	case tree.Arr:
		return s.code == kindArray
	}
	return kindOK(s.kind, v)
}

// kindOK is typeMatches(kind, jsonType(v)), parsing a number only when
// integer is the question, and then only when it is not a few plain
// digits.
func kindOK(kind string, v any) bool {
	switch v := v.(type) {
	case tree.Obj:
		return kind == "object"
	case tree.Arr:
		return kind == "array"
	case string:
		return kind == "string"
	case bool:
		return kind == "boolean"
	case tree.Number:
		return kind == "number" || (kind == "integer" && isInteger(v))
	}
	return typeMatches(kind, jsonType(v))
}

func article(kind string) string {
	switch kind {
	case "object", "array", "integer":
		return "an " + kind
	}
	return "a " + kind
}

// extensions checks the x-apigateway-* keys of the object at the stack's
// path against known, with a warning for those it does not know.
func (r *apigRun) extensions(o tree.Obj, known *shape) {
	for _, e := range o {
		r.extension(e.Key, e.Val, known)
	}
}

// extension checks one member of the object at the stack's path, if it
// is an x-apigateway-* key.
// The test of the prefix is inlined where it is called: most members
// are not extensions, and in the browser each call costs.
func (r *apigRun) extension(k string, v any, known *shape) {
	if len(k) >= len("x-apigateway-") && k[2] == 'a' && k[:13] == "x-apigateway-" {
		r.apigExtension(k, v, known)
	}
}

// apigExtension checks one x-apigateway-* member k of the object at the
// stack's path.
func (r *apigRun) apigExtension(k string, v any, known *shape) {
	s := known.field(k)
	if s == nil {
		r.add(SeverityWarning, "apig-unknown-extension", r.here(k), "%s is not an extension the gateway knows here", k)
		return
	}
	if s.accepts(v) {
		return
	}
	r.push(k)
	r.check(v, s)
	r.pop(1)
}

// root checks the root of a document but its Paths Object, and keeps the
// maps that operations name.
func (r *apigRun) root(doc tree.Obj, at Places) {
	r.extensions(doc, rootExts)
	if at.Extensions != nil {
		r.push(at.Extensions...)
		r.extensions(tree.AsObj(lookup(doc, at.Extensions)), rootExts)
		r.pop(len(at.Extensions))
	}
	r.inResponses = at.SamplesInResponses
	r.schemes = tree.AsObj(lookup(doc, at.SecuritySchemes))
	r.schemesAt = strings.Join(at.SecuritySchemes, ".")
	for _, e := range r.schemes {
		if s := tree.AsObj(e.Val); s != nil {
			r.push(at.SecuritySchemes...)
			r.push(e.Key)
			r.extensions(s, schemeExts)
			r.pop(len(at.SecuritySchemes) + 1)
		}
	}
	r.limits = tree.AsObj(lookup(doc, at.RateLimits))
	r.acls = tree.AsObj(lookup(doc, at.AccessControls))
}

// Places says where a version of the document keeps what the APIG rules
// read from its root, each as the reference tokens from the root.
type Places struct {
	SecuritySchemes []string // the security schemes, by name
	RateLimits      []string // x-apigateway-ratelimits, the throttles that operations name
	AccessControls  []string // x-apigateway-access-controls, the ACLs that operations name
	// Extensions is an object beside the root whose x-apigateway-* members
	// are the root's too (OpenAPI 3.0: components); nil for none.
	Extensions []string
	// SamplesInResponses: an operation's result samples are in each
	// Response Object (OpenAPI 3.0), not in the Responses Object.
	SamplesInResponses bool
}

// Swagger2 is where Swagger 2.0 keeps them.
var Swagger2 = Places{
	SecuritySchemes: []string{"securityDefinitions"},
	RateLimits:      []string{"x-apigateway-ratelimits"},
	AccessControls:  []string{"x-apigateway-access-controls"},
}

// lookup is the value at the tokens from o, or nil.
func lookup(o tree.Obj, tokens []string) any {
	var v any = o
	for _, t := range tokens {
		v = tree.AsObj(v).Get(t)
	}
	return v
}

// httpMethod is the index of k in HTTPMethods, or -1: HTTPMethods is
// OAS3Methods without its last, trace, and oas3Method a switch, which
// compares lengths and bytes, rather than a scan that compares k with each
// method (TestHTTPMethod holds it to HTTPMethods).
func httpMethod(k string) int {
	if i := oas3Method(k); i < len(HTTPMethods) {
		return i
	}
	return -1
}

// pathItem checks the Path Item of path p.
func (r *apigRun) pathItem(p string, item tree.Obj) {
	r.push("paths", p)
	// One pass for the extensions and the members read below: the first
	// of each key, as Obj.Get reads them.
	var ops [len(HTTPMethods) + 1]any // the last: AnyMethodKey's
	var params any
	var seen seen
	for _, e := range item {
		r.extension(e.Key, e.Val, pathItemExts)
		i := httpMethod(e.Key)
		switch {
		case i >= 0:
		case e.Key == AnyMethodKey:
			i = len(HTTPMethods)
		case e.Key == "parameters":
			if seen.first(uint(len(ops))) {
				params = e.Val
			}
			continue
		default:
			continue
		}
		if seen.first(uint(i)) {
			ops[i] = e.Val
		}
	}
	for i, v := range ops {
		if op := tree.AsObj(v); op != nil {
			anyMethod := i == len(HTTPMethods)
			if anyMethod {
				r.push(AnyMethodKey)
			} else {
				r.push(HTTPMethods[i])
			}
			r.operation(op, anyMethod)
			r.pop(1)
		}
	}
	r.parameters(params)
	r.pop(2)
}

// parameters checks the extensions and locations of a parameter list.
func (r *apigRun) parameters(list any) {
	for i, prm := range tree.AsArr(list) {
		pm := tree.AsObj(prm)
		if pm == nil || r.parameterClean(pm) {
			continue
		}
		r.push("parameters", strconv.Itoa(i))
		var in any
		found := false
		for _, e := range pm {
			r.extension(e.Key, e.Val, parameterExts)
			if !found && e.Key == "in" {
				in, found = e.Val, true
			}
		}
		if in, _ := in.(string); in == "body" || in == "formData" {
			r.add(SeverityError, "apig-parameter-location", r.here("in"), "the gateway takes no %s parameters", in)
		}
		r.pop(2)
	}
}

// parameterClean reports whether parameters surely finds nothing in the
// parameter pm, so that it need not make its path.
func (r *apigRun) parameterClean(pm tree.Obj) bool {
	found := false
	for _, e := range pm {
		if k := e.Key; len(k) >= len("x-apigateway-") && k[2] == 'a' && k[:13] == "x-apigateway-" {
			if s := parameterExts.field(k); s == nil || !s.accepts(e.Val) {
				return false
			}
		}
		if !found && e.Key == "in" {
			found = true
			if in, _ := e.Val.(string); in == "body" || in == "formData" {
				return false
			}
		}
	}
	return true
}

// operation checks the operation at the stack's path.
func (r *apigRun) operation(op tree.Obj, anyMethod bool) {
	// One pass over the members for the extensions and the fields read
	// below (keys are unique in the tree).
	var responses, params, security, limit, acl, backendVal, policies any
	for _, e := range op {
		switch e.Key {
		case "responses":
			responses = e.Val
		case "parameters":
			params = e.Val
		case "security":
			security = e.Val
		case "x-apigateway-ratelimit":
			limit = e.Val
		case "x-apigateway-access-control":
			acl = e.Val
		case "x-apigateway-backend":
			backendVal = e.Val
		case "x-apigateway-backend-policies":
			policies = e.Val
		}
		r.extension(e.Key, e.Val, operationExts)
	}
	if resp := tree.AsObj(responses); resp != nil {
		r.push("responses")
		r.extensions(resp, responsesExts)
		if r.inResponses {
			for _, m := range resp {
				if ro := tree.AsObj(m.Val); ro != nil && !strings.HasPrefix(m.Key, "x-") {
					r.push(m.Key)
					r.extensions(ro, responsesExts)
					r.pop(1)
				}
			}
		}
		r.pop(1)
	}
	r.parameters(params)
	if name, ok := limit.(string); ok {
		if ok := r.limits.Has(name); !ok {
			r.add(SeverityError, "apig-ratelimit-undefined", r.here("x-apigateway-ratelimit"), "throttling policy %q is not in x-apigateway-ratelimits", name)
		}
	}
	if name, ok := acl.(string); ok {
		if ok := r.acls.Has(name); !ok {
			r.add(SeverityError, "apig-access-control-undefined", r.here("x-apigateway-access-control"), "access control policy %q is not in x-apigateway-access-controls", name)
		}
	}
	if anyMethod {
		// Validators do not see this operation: check its security here.
		for i, req := range tree.AsArr(security) {
			ro := tree.AsObj(req)
			if !slices.ContainsFunc(ro, func(m tree.Member) bool { return !r.schemes.Has(m.Key) }) {
				continue // every scheme declared: no need for the names sorted
			}
			for _, name := range ro.Keys() {
				if ok := r.schemes.Has(name); !ok {
					r.add(SeverityError, "apig-security-undeclared", r.here("security", strconv.Itoa(i), name),
						"security scheme %s is not declared in %s", name, r.schemesAt)
				}
			}
		}
	}
	backend := tree.AsObj(backendVal)
	if backend != nil {
		r.push("x-apigateway-backend")
		r.backend(backend)
		r.pop(1)
	}
	for i, pol := range tree.AsArr(policies) {
		pm := tree.AsObj(pol)
		if pm == nil {
			continue
		}
		r.push("x-apigateway-backend-policies", strconv.Itoa(i))
		r.backend(pm)
		if backend != nil {
			def, _ := backend.Get("type").(string)
			typ, _ := pm.Get("type").(string)
			if !PolicyAllowed(def, typ) {
				r.add(SeverityError, "apig-policy-type", r.here("type"), "a %s backend takes no %s policy", def, typ)
			}
		}
		r.pop(2)
	}
}

// policyAllowed: HTTP and HTTP-VPC backends take HTTP and HTTP-VPC
// policies; FUNCTION and MOCK backends take policies of their own type.
func PolicyAllowed(backend, policy string) bool {
	web := func(t string) bool { return t == "HTTP" || t == "HTTP-VPC" }
	switch {
	case web(backend):
		return web(policy)
	case backend == "FUNCTION" || backend == "MOCK":
		return policy == backend
	}
	return true
}

// endpointOf is EndpointOf[typ], or "": a switch, which costs less than
// a map lookup in the browser (TestEndpointOf).
func endpointOf(typ string) string {
	switch typ {
	case "HTTP":
		return "httpEndpoints"
	case "HTTP-VPC":
		return "httpVpcEndpoints"
	case "FUNCTION":
		return "functionEndpoints"
	case "MOCK":
		return "mockEndpoints"
	case "HTTP-VPC-MEMBER-GROUP":
		return "httpVpcMemberGroupEndpoints"
	}
	return ""
}

// backend checks the endpoints of the backend or policy at the stack's
// path: the one its type names must be there, and a backend path has no
// {name+} capture.
func (r *apigRun) backend(b tree.Obj) {
	typ, _ := b.Get("type").(string)
	if key := endpointOf(typ); key != "" {
		if has := b.Has(key); !has {
			r.add(SeverityError, "apig-backend-endpoints", r.here(), "a %s backend needs %s", typ, key)
		}
	}
	for _, m := range b {
		switch m.Key {
		case "httpEndpoints", "httpVpcEndpoints", "functionEndpoints", "mockEndpoints", "httpVpcMemberGroupEndpoints":
		default:
			continue
		}
		if path, ok := tree.AsObj(m.Val).Get("path").(string); ok && strings.Contains(path, "+}") {
			r.add(SeverityError, "apig-backend-prefix-path", r.here(m.Key, "path"), "backend path %s has a {name+} capture, which only frontend paths may have", path)
		}
	}
}
