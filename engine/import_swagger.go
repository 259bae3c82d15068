package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

// The keys of a Swagger 2.0 root, operation and parameter that the
// gateway takes; others are reported as ignored.
var (
	importedRootKeys = []string{"swagger", "info", "host", "basePath", "paths", "schemes", "security", "securityDefinitions",
		"responses", "parameters", "x-apigateway-ratelimits", "x-apigateway-access-controls", "x-apigateway-responses"}
	importedOperationKeys = []string{"operationId", "description", "summary", "schemes", "tags", "security", "parameters", "responses",
		"x-apigateway-request-type", "x-apigateway-cors", "x-apigateway-match-mode", "x-apigateway-content-type",
		"x-apigateway-is-send-fg-body-base64", "x-apigateway-response", "x-apigateway-backend", "x-apigateway-backend-policies",
		"x-apigateway-ratelimit", "x-apigateway-access-control", "x-apigateway-plugins"}
)

// document maps the root.
func (im *importer) document(root tree.Obj) {
	if root == nil {
		im.fail("import-type", "", "expected a Swagger 2.0 object")
		return
	}
	im.root = root
	if v, _ := root.Get("swagger").(string); v != "2.0" {
		if root.Has("openapi") {
			im.document3(root) // import_oas3.go
		} else {
			im.fail("import-version", "/swagger", "the Swagger file version must be 2.0")
		}
		return
	}
	im.ignoreOthers(root, "", importedRootKeys)
	host, _ := im.str(root, "host", "")
	im.newGroup(root, host)
	im.schemes, _ = im.object(root, "securityDefinitions", "")
	im.rootParams, _ = im.object(root, "parameters", "")
	if rs, ok := im.object(root, "responses", ""); ok && len(rs) > 0 && !(len(rs) == 1 && rs.Has("default")) {
		im.warn("import-ignored", "/responses", "the gateway does not import responses")
	}

	im.rateLimits(root, "")
	im.accessControls(root, "")
	im.gatewayResponses(root, "")
	im.securityDefinitions("/securityDefinitions")

	base, _ := im.str(root, "basePath", "")
	base = strings.TrimSuffix(base, "/")
	if base != "" {
		im.warn("import-base-path", "/basePath", "basePath %s is merged into every path", base)
	}
	im.paths(root, base)
}

// pathItem maps the operations of one path.
func (im *importer) pathItem(path string, item tree.Obj, at string) {
	if !strings.HasPrefix(path, "/") {
		im.fail("import-value", at, "expected a path starting with /, got %q", path)
		return
	}
	shared, _ := im.array(item, "parameters", at)
	if im.oas3 != nil {
		im.oas3.item, im.oas3.itemAt = item, at
	}
	for _, k := range item.Keys() {
		if k != "parameters" && k != check.AnyMethodKey && !slices.Contains(check.MethodKeys[:], k) && (k != "servers" || im.oas3 == nil) {
			im.warn("import-ignored", tree.Pointer(at, k), "the gateway does not import %s here; it is left out", k)
		}
	}
	for _, method := range append(slices.Clone(check.MethodOrder[:]), "ANY") {
		key := strings.ToLower(method)
		if method == "ANY" {
			key = check.AnyMethodKey
		}
		if !item.Has(key) {
			continue
		}
		opAt := tree.Pointer(at, key)
		op, ok := im.object(item, key, at)
		if !ok {
			continue
		}
		im.operation(path, method, op, shared, opAt, tree.Pointer(at, "parameters"))
	}
}

// operation maps one operation to an API.
func (im *importer) operation(path, method string, op tree.Obj, shared tree.Arr, at, sharedAt string) {
	if im.oas3 != nil {
		im.ignoreOthers(op, at, oas3OperationKeys)
	} else {
		im.ignoreOthers(op, at, importedOperationKeys)
	}
	a := model.API{GroupID: im.group.ID, ReqMethod: method, ReqURI: path, Type: 1, AuthType: "NONE", MatchMode: "NORMAL"}
	route := method + " " + path
	if other, dup := im.routes[route]; dup {
		im.fail("import-duplicate", at, "%s is also defined at %s", route, other)
		return
	}
	im.routes[route] = at

	name, _ := im.str(op, "operationId", at)
	if name == "" {
		name = generatedName(method, path)
		im.warn("import-generated-name", at, "no operationId: the API is named %s", name)
	}
	if other, dup := im.apiNames[name]; dup {
		im.fail("import-duplicate", tree.Pointer(at, "operationId"), "the API name %s is also the operationId at %s", name, other)
		return
	}
	im.apiNames[name] = at
	a.Name = name
	a.ID = deriveID("api", im.group.ID, name)
	a.Remark, _ = im.str(op, "description", at)
	if a.Remark == "" {
		a.Remark, _ = im.str(op, "summary", at)
	}
	if tags, ok := im.array(op, "tags", at); ok {
		for i, t := range tags {
			s, ok := t.(string)
			if !ok {
				im.fail("import-type", tree.Pointer(at, "tags", strconv.Itoa(i)), "expected a string, got %s", jsonKind(t))
				continue
			}
			a.Tags = append(a.Tags, s)
		}
	}
	if im.oas3 != nil {
		im.operation3(&a, op, at) // servers, responses, requestBody
	} else {
		im.protocol(&a, op, at)
	}
	im.security(&a, op, at)

	if t, ok := im.str(op, "x-apigateway-request-type", at); ok && im.oneOf(t, tree.Pointer(at, "x-apigateway-request-type"), "public", "private") && t == "private" {
		a.Type = 2
	}
	a.CORS, _ = im.boolean(op, "x-apigateway-cors", at)
	if m, ok := im.str(op, "x-apigateway-match-mode", at); ok && im.oneOf(m, tree.Pointer(at, "x-apigateway-match-mode"), "NORMAL", "SWA") {
		a.MatchMode = m
	}
	if ct, ok := im.str(op, "x-apigateway-content-type", at); ok && ct != "" &&
		im.oneOf(ct, tree.Pointer(at, "x-apigateway-content-type"), "application/json", "application/xml", "multipart/form-data", "text/plain") {
		a.ContentType = ct
	}
	if b, ok := im.boolean(op, "x-apigateway-is-send-fg-body-base64", at); ok {
		a.IsSendFgBodyBase64 = &b
	}
	if r, ok := im.str(op, "x-apigateway-response", at); ok && r != "" {
		id, known := im.responses[r]
		if !known {
			id = im.addResponse(r, nil)
			im.warn("import-created-reference", tree.Pointer(at, "x-apigateway-response"), "gateway response %s is not in x-apigateway-responses; an empty one is created", r)
		}
		a.ResponseID = id
	}
	if rs, ok := im.object(op, "responses", at); ok && im.oas3 == nil {
		rat := tree.Pointer(at, "responses")
		a.ResultNormalSample, _ = im.str(rs, "x-apigateway-result-normal-sample", rat)
		a.ResultFailureSample, _ = im.str(rs, "x-apigateway-result-failure-sample", rat)
		for _, k := range rs.Keys() {
			if k != "default" && !strings.HasPrefix(k, "x-apigateway-result-") {
				im.warn("import-ignored", tree.Pointer(rat, k), "the gateway does not import responses; every API answers with its backend's response")
			}
		}
	}

	im.parameters(&a, op, shared, at, sharedAt)
	if backend, ok := im.object(op, "x-apigateway-backend", at); ok {
		im.backend(&a, backend, tree.Pointer(at, "x-apigateway-backend"))
	} else if !op.Has("x-apigateway-backend") {
		im.warn("import-mock-backend", at, "no x-apigateway-backend: the API gets a MOCK backend")
		a.BackendType = "MOCK"
		a.MockInfo = &model.MockBackend{}
	}
	if policies, ok := im.array(op, "x-apigateway-backend-policies", at); ok {
		im.policies(&a, policies, tree.Pointer(at, "x-apigateway-backend-policies"))
	}
	im.bindings(&a, op, at)
	im.b.APIs = append(im.b.APIs, a)
	im.b.Publications = append(im.b.Publications, model.Publication{APIID: a.ID, EnvID: im.opts.EnvID})
}

func (im *importer) protocol(a *model.API, op tree.Obj, at string) {
	list, ok := im.array(op, "schemes", at)
	where := tree.Pointer(at, "schemes")
	if !ok {
		list, ok = im.array(im.root, "schemes", "")
		where = "/schemes"
	}
	if !ok || len(list) == 0 {
		a.ReqProtocol = "HTTPS"
		im.warn("import-default-protocol", at, "no schemes: the API is served over HTTPS")
		return
	}
	http, https := false, false
	for i, s := range list {
		switch s {
		case "http":
			http = true
		case "https":
			https = true
		default:
			im.fail("import-value", tree.Pointer(where, strconv.Itoa(i)), "expected http or https, got %v", s)
		}
	}
	switch {
	case http && https:
		a.ReqProtocol = "BOTH"
	case http:
		a.ReqProtocol = "HTTP"
	default:
		a.ReqProtocol = "HTTPS"
	}
}

// security maps the operation's (or the document's) first security
// requirement to the API's authentication.
func (im *importer) security(a *model.API, op tree.Obj, at string) {
	reqs, ok := im.array(op, "security", at)
	where := tree.Pointer(at, "security")
	if !ok {
		if reqs, ok = im.array(im.root, "security", ""); !ok {
			return
		}
		where = "/security"
	}
	if len(reqs) == 0 {
		return
	}
	if len(reqs) > 1 {
		im.warn("import-ignored", tree.Pointer(where, "1"), "an API has one authentication: the first security requirement is used, the others are left out")
	}
	req, isObj := reqs[0].(tree.Obj)
	if !isObj || len(req) == 0 {
		if !isObj {
			im.fail("import-type", tree.Pointer(where, "0"), "expected a security requirement object")
		}
		return
	}
	if len(req) > 1 {
		im.warn("import-ignored", tree.Pointer(where, "0"), "an API has one authentication: %s is used, the other schemes of the requirement are left out", req[0].Key)
	}
	name := req[0].Key
	at0 := tree.Pointer(where, "0", name)
	scheme, _ := im.schemes.Get(name).(tree.Obj)
	if scheme == nil {
		im.fail("import-security", at0, "security scheme %s is not in %s", name, im.schemesName())
		return
	}
	typ, _ := scheme.Get("x-apigateway-auth-type").(string)
	switch {
	case typ == "AppSigv1" || typ == "" && (name == check.SchemeApp || name == check.SchemeAppHeader):
		a.AuthType = "APP"
		opt, _ := scheme.Get("x-apigateway-auth-opt").(tree.Obj)
		if code, _ := opt.Get("appcode-auth-type").(string); strings.EqualFold(code, "header") {
			a.AuthOpt = &model.AuthOpt{AppCodeAuthType: "HEADER"}
		}
	case typ == "IAM" || typ == "IAM_NONE" || typ == "" && name == check.SchemeIAM:
		a.AuthType = "IAM"
	case typ == "AUTHORIZER":
		a.AuthType = "AUTHORIZER"
		a.AuthorizerID = im.authorizers[name]
	default:
		im.fail("import-security", at0, "security scheme %s has x-apigateway-auth-type %q; the gateway knows AppSigv1, IAM and AUTHORIZER", name, typ)
	}
}

// securityDefinitions creates an authorizer for each AUTHORIZER scheme.
func (im *importer) securityDefinitions(at string) {
	im.eachMember(im.schemes, at, "a security scheme object", func(key string, s tree.Obj, at string) {
		if t, _ := s.Get("x-apigateway-auth-type").(string); t != "AUTHORIZER" {
			return
		}
		name := strings.TrimPrefix(key, check.SchemeCustom)
		au := model.Authorizer{ID: deriveID("authorizer", name), Name: name, Type: "FRONTEND", AuthorizerType: "FUNC"}
		if def, ok := im.object(s, "x-apigateway-authorizer", at); ok {
			im.authorizer(&au, def, tree.Pointer(at, "x-apigateway-authorizer"))
		}
		if !s.Has("x-apigateway-authorizer") {
			au.NetworkType = "V1"
			im.warn("import-authorizer-incomplete", at, "custom authorizer %s has no x-apigateway-authorizer (exports carry it only with define=all); it is created by name, without its function, with the default network type V1", name)
		}
		im.authorizers[key] = au.ID
		im.b.Authorizers = append(im.b.Authorizers, au)
	})
}

func (im *importer) authorizer(au *model.Authorizer, o tree.Obj, at string) {
	if t, ok := im.str(o, "type", at); ok && im.oneOf(t, tree.Pointer(at, "type"), "FRONTEND", "BACKEND") {
		au.Type = t
	}
	if t, ok := im.str(o, "authorizer_type", at); ok && im.oneOf(t, tree.Pointer(at, "authorizer_type"), "FUNC", "LD") {
		au.AuthorizerType = t
	}
	au.AuthorizerURI, _ = im.str(o, "authorizer_uri", at)
	au.AuthorizerVersion, _ = im.str(o, "authorizer_version", at)
	au.AuthorizerAliasURI, _ = im.str(o, "authorizer_alias_uri", at)
	if n, ok := im.str(o, "network_type", at); ok && n != "" && im.oneOf(n, tree.Pointer(at, "network_type"), "V1", "V2") {
		au.NetworkType = n
	}
	au.NeedBody, _ = im.boolean(o, "need_body", at)
	if ttl, ok := im.smallInt(o, "ttl", at); ok {
		au.TTL = ttl
	}
	if b, ok := im.boolean(o, "auth_downgrade_enabled", at); ok {
		au.AuthDowngradeEnabled = &b
	}
	if n, ok := im.smallInt(o, "retry_attempts", at); ok {
		au.RetryAttempts = &n
	}
	if n, ok := im.smallInt(o, "timeout", at); ok {
		au.Timeout = &n
	}
	ids, _ := im.array(o, "identities", at)
	im.eachItem(ids, tree.Pointer(at, "identities"), "an identity object", func(id tree.Obj, iat string) {
		var x model.Identity
		x.Name, _ = im.str(id, "name", iat)
		if l, ok := im.str(id, "location", iat); ok && im.oneOf(l, tree.Pointer(iat, "location"), "HEADER", "QUERY") {
			x.Location = l
		}
		x.Validation, _ = im.str(id, "validation", iat)
		au.Identities = append(au.Identities, x)
	})
}

// parameters maps the operation's parameters, after the Path Item's
// (an operation's parameter of the same name and location wins).
func (im *importer) parameters(a *model.API, op tree.Obj, shared tree.Arr, at, sharedAt string) {
	type param struct {
		o  tree.Obj
		at string
	}
	var list []param
	index := map[string]int{} // in + lower-case name for headers
	addAll := func(items tree.Arr, where string) {
		for i, v := range items {
			pat := tree.Pointer(where, strconv.Itoa(i))
			p, ok := v.(tree.Obj)
			if !ok {
				im.fail("import-type", pat, "expected a parameter object, got %s", jsonKind(v))
				continue
			}
			if ref, ok := p.Get("$ref").(string); ok {
				target, found := strings.CutPrefix(ref, im.paramRefPrefix())
				resolved, isObj := im.rootParams.Get(target).(tree.Obj)
				if !found || !isObj {
					im.fail("import-reference", tree.Pointer(pat, "$ref"), "$ref %s names no parameter of the document's %s", ref, strings.Trim(strings.ReplaceAll(im.paramRefPrefix(), "/", "."), "#."))
					continue
				}
				p = resolved
			}
			in, _ := p.Get("in").(string)
			name, _ := p.Get("name").(string)
			key := in + "\x00" + name
			if in == "header" {
				key = in + "\x00" + strings.ToLower(name)
			}
			if j, dup := index[key]; dup {
				if !strings.HasPrefix(list[j].at, sharedAt+"/") || where == sharedAt {
					im.fail("import-duplicate", pat, "parameter %s in %s is also %s (header names are case-insensitive)", name, in, list[j].at)
					continue
				}
				// The operation's wins over the Path Item's, in the
				// operation's order: an export declares an ANY
				// operation's path parameters on its Path Item too, and
				// the operation's list is the API's.
				list[j].o = nil
			}
			index[key] = len(list)
			list = append(list, param{p, pat})
		}
	}
	addAll(shared, sharedAt)
	if ps, ok := im.array(op, "parameters", at); ok {
		addAll(ps, tree.Pointer(at, "parameters"))
	}
	for _, p := range list {
		if p.o == nil {
			continue // replaced by the operation's
		}
		if rp, ok := im.parameter(a, p.o, p.at); ok {
			a.ReqParams = append(a.ReqParams, rp)
		}
	}
}

// parameter maps one Parameter Object to a request parameter.
func (im *importer) parameter(a *model.API, p tree.Obj, at string) (model.ReqParam, bool) {
	var rp model.ReqParam
	s, sat := p, at // where type, default, enum and the bounds are
	if im.oas3 != nil {
		var ok bool
		if s, sat, ok = im.parameterSchema3(p, at); !ok {
			return rp, false
		}
	} else {
		im.ignoreOthers(p, at, []string{"name", "in", "type", "format", "description", "required", "default", "enum", "maximum", "minimum",
			"maxLength", "minLength", "pattern", "x-apigateway-sample", "x-apigateway-pass-through", "x-apigateway-orchestrations"})
	}
	name, _ := im.str(p, "name", at)
	in, _ := im.str(p, "in", at)
	if name == "" {
		im.fail("import-required", tree.Pointer(at, "name"), "a parameter needs a name")
		return rp, false
	}
	switch in {
	case "path", "query", "header":
	case "cookie":
		if im.oas3 == nil {
			im.fail("import-parameter", tree.Pointer(at, "in"), "parameter %s is in %s, which the gateway does not take", name, in)
			return rp, false
		}
	case "body", "formData":
		im.fail("import-parameter", tree.Pointer(at, "in"), "parameter %s is in %s, which the gateway does not take", name, in)
		return rp, false
	default:
		im.fail("import-value", tree.Pointer(at, "in"), "expected path, query or header, got %q", in)
		return rp, false
	}
	rp.Name = strings.TrimSuffix(name, "+")
	rp.Location = strings.ToUpper(in)
	typ, _ := im.str(s, "type", sat)
	switch typ {
	case "string", "":
		rp.Type = "STRING"
	case "number", "integer", "long", "float", "double":
		rp.Type = "NUMBER"
	default:
		im.fail("import-parameter", tree.Pointer(sat, "type"), "parameter %s is of type %s; the gateway takes string and number (integer, long, float, double)", name, typ)
		return rp, false
	}
	rp.Remark, _ = im.str(p, "description", at)
	if req, ok := im.boolean(p, "required", at); ok && req || rp.Location == "PATH" {
		rp.Required = 1
	} else {
		rp.Required = 2
	}
	rp.SampleValue, _ = im.str(p, "x-apigateway-sample", at)
	if im.oas3 != nil {
		if v, ok := im.example3(p, at, s, sat); ok {
			rp.SampleValue = v
		}
	}
	if pt, ok := im.str(p, "x-apigateway-pass-through", at); ok && im.oneOf(pt, tree.Pointer(at, "x-apigateway-pass-through"), "always", "never") {
		rp.PassThrough = map[string]int{"always": 1, "never": 2}[pt]
	}
	if names, ok := im.array(p, "x-apigateway-orchestrations", at); ok {
		for i, v := range names {
			n, ok := v.(string)
			if !ok || n == "" {
				im.fail("import-type", tree.Pointer(at, "x-apigateway-orchestrations", strconv.Itoa(i)), "expected an orchestration rule's name")
				continue
			}
			rp.Orchestrations = append(rp.Orchestrations, im.orchestration(n))
		}
	}
	if s.Has("pattern") {
		im.warn("import-ignored", tree.Pointer(sat, "pattern"), "the gateway does not support pattern validation; it is left out")
	}
	im.parameterValues(&rp, s, name, sat)
	return rp, true
}

// parameterValues reads what a parameter's values may be (default, enum
// and bounds) into rp, whose Type is set, and turns ValidEnable on when
// there is an enumeration or a bound.
func (im *importer) parameterValues(rp *model.ReqParam, p tree.Obj, name, at string) {
	if d := p.Get("default"); d != nil {
		if s, ok := im.paramValue(rp, name, d, tree.Pointer(at, "default")); ok {
			rp.DefaultValue = s
		}
	}
	valid := false
	if enum, ok := im.array(p, "enum", at); ok && len(enum) > 0 {
		var vals []string
		for i, v := range enum {
			eat := tree.Pointer(at, "enum", strconv.Itoa(i))
			s, ok := im.paramValue(rp, name, v, eat)
			if !ok {
				continue
			}
			if strings.Contains(s, ",") || s == "" {
				im.fail("import-value", eat, "the gateway keeps enumerations comma-separated, so a value cannot be empty or hold a comma: %q", s)
				continue
			}
			vals = append(vals, s)
		}
		rp.Enumerations = strings.Join(vals, ",")
		valid = true
	}
	bound := func(key string, target *int64) {
		if n, ok := im.integer(p, key, at); ok && n != 0 {
			*target = n
			valid = true
		}
	}
	if rp.Type == "NUMBER" {
		bound("maximum", &rp.MaxNum)
		bound("minimum", &rp.MinNum)
	} else {
		bound("maxLength", &rp.MaxSize)
		bound("minLength", &rp.MinSize)
	}
	if valid {
		rp.ValidEnable = 1
	} else {
		rp.ValidEnable = 2
	}
}

// paramValue is v, a value of parameter name (of rp's type) at vat, as the
// model's text.
func (im *importer) paramValue(rp *model.ReqParam, name string, v any, vat string) (string, bool) {
	switch v := v.(type) {
	case string:
		if rp.Type == "NUMBER" {
			if _, err := strconv.ParseFloat(v, 64); err != nil || !model.IsJSONNumber(v) {
				im.fail("import-value", vat, "expected a number for number parameter %s, got %q", name, v)
				return "", false
			}
			im.warn("import-number-as-string", vat, "number parameter %s has the number %q written as a string", name, v)
		}
		return v, true
	case tree.Number:
		if rp.Type != "NUMBER" {
			im.fail("import-value", vat, "expected a string for string parameter %s, got %s", name, v)
			return "", false
		}
		return string(v), true
	}
	im.fail("import-type", vat, "expected a %s, got %s", strings.ToLower(rp.Type), jsonKind(v))
	return "", false
}
