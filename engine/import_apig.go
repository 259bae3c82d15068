package engine

import (
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

func (im *importer) orchestration(name string) string {
	return byName(im.orchestrated, "orchestration", name, func(id string) {
		im.b.Orchestrations = append(im.b.Orchestrations, model.Orchestration{OrchestrationID: id, OrchestrationName: name})
	})
}

func (im *importer) channel(name string) string {
	return byName(im.channels, "vpc_channel", name, func(id string) {
		im.b.VPCChannels = append(im.b.VPCChannels, model.VPCChannel{ID: id, Name: name})
	})
}

func (im *importer) plugin(name string) string {
	return byName(im.plugins, "plugin", name, func(id string) {
		im.b.Plugins = append(im.b.Plugins, model.Plugin{PluginID: id, PluginName: name})
	})
}

// backendParams maps the parameters of a backend or policy.
func (im *importer) backendParams(o tree.Obj, at string) []model.BackendParam {
	list, _ := im.array(o, "parameters", at)
	var out []model.BackendParam
	im.eachItem(list, tree.Pointer(at, "parameters"), "a backend parameter object", func(p tree.Obj, pat string) {
		var bp model.BackendParam
		bp.Name, _ = im.str(p, "name", pat)
		bp.Value, _ = im.str(p, "value", pat)
		bp.Remark, _ = im.str(p, "description", pat)
		if in, ok := im.str(p, "in", pat); ok && im.oneOf(strings.ToUpper(in), tree.Pointer(pat, "in"), "PATH", "QUERY", "HEADER") {
			bp.Location = strings.ToUpper(in)
		}
		if origin, ok := im.str(p, "origin", pat); ok && im.oneOf(origin, tree.Pointer(pat, "origin"), "REQUEST", "CONSTANT", "SYSTEM") {
			bp.Origin = origin
		}
		if bp.Name == "" || bp.Location == "" || bp.Origin == "" {
			im.fail("import-required", pat, "a backend parameter needs name, in and origin")
			return
		}
		out = append(out, bp)
	})
	return out
}

// typedEndpoints reads the type of a backend or policy (what) and the
// endpoints object that type takes (the APIG rules' endpointOf); ok is
// false, with a finding, when either is missing or not one the model has.
func (im *importer) typedEndpoints(o tree.Obj, at, what string) (typ string, ep tree.Obj, eat string, ok bool) {
	typ, _ = im.str(o, "type", at)
	key, known := check.EndpointOf[typ]
	if !known || typ == "HTTP-VPC-MEMBER-GROUP" {
		im.fail("import-backend", tree.Pointer(at, "type"), "expected a %s type of HTTP, HTTP-VPC, FUNCTION or MOCK, got %q", what, typ)
		return "", nil, "", false
	}
	if ep, ok = im.object(o, key, at); !ok {
		if !o.Has(key) {
			im.fail("import-backend", at, "a %s %s needs %s", typ, what, key)
		}
		return "", nil, "", false
	}
	return typ, ep, tree.Pointer(at, key), true
}

// webBackend reads httpEndpoints or httpVpcEndpoints.
func (im *importer) webBackend(typ string, ep tree.Obj, at string, main bool) *model.WebBackend {
	w := &model.WebBackend{VPCChannelStatus: 2}
	w.ReqMethod, _ = im.str(ep, "method", at)
	if w.ReqMethod != "" {
		im.oneOf(w.ReqMethod, tree.Pointer(at, "method"), model.Methods...)
	}
	w.ReqURI, _ = im.str(ep, "path", at)
	scheme, _ := im.str(ep, "scheme", at)
	if im.oneOf(strings.ToUpper(scheme), tree.Pointer(at, "scheme"), "HTTP", "HTTPS") {
		w.ReqProtocol = scheme
		if main {
			w.ReqProtocol = strings.ToUpper(scheme)
		}
	}
	if t, ok := im.smallInt(ep, "timeout", at); ok {
		w.Timeout = t
	}
	w.Remark, _ = im.str(ep, "description", at)
	if b, ok := im.boolean(ep, "enableClientSsl", at); ok {
		w.EnableClientSSL = &b
	}
	if b, ok := im.boolean(ep, "enableSmChannel", at); ok {
		w.EnableSMChannel = &b
	}
	if v := ep.Get("retryCount"); v != nil {
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case tree.Number:
			s = string(v)
		default:
			im.fail("import-type", tree.Pointer(at, "retryCount"), "expected a string, got %s", jsonKind(v))
		}
		if n, err := strconv.Atoi(s); s != "" && (err != nil || n < -1 || n > 10) {
			im.fail("import-value", tree.Pointer(at, "retryCount"), "expected an integer from -1 to 10, got %q", s)
		} else if s != "" {
			w.RetryCount = &s
		}
	}
	if typ == "HTTP-VPC" {
		name, _ := im.str(ep, "name", at)
		if name == "" {
			im.fail("import-required", tree.Pointer(at, "name"), "an HTTP-VPC backend names its VPC channel")
		}
		w.VPCChannelStatus = 1
		w.VPCChannelInfo = &model.VPCInfo{VPCChannelID: im.channel(name)}
		w.VPCChannelInfo.VPCChannelProxyHost, _ = im.str(ep, "host", at)
		if b, ok := im.boolean(ep, "cascade_flag", at); ok {
			w.VPCChannelInfo.CascadeFlag = &b
		}
	} else {
		w.URLDomain, _ = im.str(ep, "address", at)
		if w.URLDomain == "" {
			im.fail("import-required", tree.Pointer(at, "address"), "an HTTP backend needs an address")
		}
	}
	return w
}

// function reads functionEndpoints.
func (im *importer) function(ep tree.Obj, at string) *model.FunctionBackend {
	f := &model.FunctionBackend{}
	f.FunctionURN, _ = im.str(ep, "function-urn", at)
	if f.FunctionURN == "" {
		im.fail("import-required", tree.Pointer(at, "function-urn"), "a FUNCTION backend needs its function-urn")
	}
	if t, ok := im.str(ep, "invocation-type", at); ok && im.oneOf(t, tree.Pointer(at, "invocation-type"), "async", "sync") {
		f.InvocationType = t
	}
	if n, ok := im.str(ep, "network-type", at); ok && n != "" && im.oneOf(n, tree.Pointer(at, "network-type"), "V1", "V2") {
		f.NetworkType = n
	}
	f.Version, _ = im.str(ep, "version", at)
	f.AliasURN, _ = im.str(ep, "alias-urn", at)
	if t, ok := im.smallInt(ep, "timeout", at); ok {
		f.Timeout = t
	}
	f.Remark, _ = im.str(ep, "description", at)
	return f
}

// backend maps x-apigateway-backend to the API's default backend.
func (im *importer) backend(a *model.API, b tree.Obj, at string) {
	typ, ep, eat, ok := im.typedEndpoints(b, at, "backend")
	if !ok {
		return
	}
	a.BackendParams = im.backendParams(b, at)
	switch typ {
	case "HTTP", "HTTP-VPC":
		a.BackendType = "HTTP"
		a.BackendAPI = im.webBackend(typ, ep, eat, true)
	case "FUNCTION":
		a.BackendType = "FUNCTION"
		a.FuncInfo = im.function(ep, eat)
	case "MOCK":
		a.BackendType = "MOCK"
		a.MockInfo = &model.MockBackend{}
		a.MockInfo.ResultContent, _ = im.str(ep, "result-content", eat)
		a.MockInfo.Remark, _ = im.str(ep, "description", eat)
	}
}

// policies maps x-apigateway-backend-policies.
func (im *importer) policies(a *model.API, list tree.Arr, at string) {
	mainType := a.BackendType
	if mainType == "HTTP" && a.BackendAPI != nil && a.BackendAPI.VPCChannelStatus == 1 {
		mainType = "HTTP-VPC"
	}
	im.eachItem(list, at, "a backend policy object", func(p tree.Obj, pat string) {
		typ, ep, eat, ok := im.typedEndpoints(p, pat, "policy")
		if !ok {
			return
		}
		if !check.PolicyAllowed(mainType, typ) {
			im.fail("import-policy-type", tree.Pointer(pat, "type"), "a %s backend takes no %s policy", mainType, typ)
			return
		}
		var base model.PolicyBase
		base.Name, _ = im.str(p, "name", pat)
		if base.Name == "" {
			im.fail("import-required", tree.Pointer(pat, "name"), "a backend policy needs a name")
		}
		if m, ok := im.str(p, "effectMode", pat); ok && im.oneOf(m, tree.Pointer(pat, "effectMode"), "ALL", "ANY") {
			base.EffectMode = m
		}
		base.BackendParams = im.backendParams(p, pat)
		base.Conditions = im.conditions(p, pat)
		switch typ {
		case "HTTP", "HTTP-VPC":
			w := im.webBackend(typ, ep, eat, false)
			a.PolicyHTTPs = append(a.PolicyHTTPs, model.PolicyHTTP{PolicyBase: base, URLDomain: w.URLDomain,
				ReqProtocol: w.ReqProtocol, ReqMethod: w.ReqMethod, ReqURI: w.ReqURI, Timeout: w.Timeout,
				RetryCount: w.RetryCount, EnableClientSSL: w.EnableClientSSL, EnableSMChannel: w.EnableSMChannel, VPCChannelStatus: w.VPCChannelStatus,
				VPCChannelInfo: w.VPCChannelInfo})
		case "FUNCTION":
			f := im.function(ep, eat)
			a.PolicyFunctions = append(a.PolicyFunctions, model.PolicyFunction{PolicyBase: base, FunctionURN: f.FunctionURN,
				InvocationType: f.InvocationType, NetworkType: f.NetworkType, Version: f.Version, AliasURN: f.AliasURN, Timeout: f.Timeout})
		case "MOCK":
			pm := model.PolicyMock{PolicyBase: base}
			pm.ResultContent, _ = im.str(ep, "result-content", eat)
			a.PolicyMocks = append(a.PolicyMocks, pm)
		}
	})
}

// conditions maps a policy's conditions; the parameter goes to the field
// of the condition's origin.
func (im *importer) conditions(p tree.Obj, at string) []model.Condition {
	list, _ := im.array(p, "conditions", at)
	var out []model.Condition
	im.eachItem(list, tree.Pointer(at, "conditions"), "a condition object", func(c tree.Obj, cat string) {
		var mc model.Condition
		origin, _ := im.str(c, "origin", cat)
		if origin == "request" { // the import docs' spelling
			origin = "param"
		}
		if !im.oneOf(origin, tree.Pointer(cat, "origin"), model.ConditionOrigins...) {
			return
		}
		mc.ConditionOrigin = origin
		typ, _ := im.str(c, "type", cat)
		if typ == "equal" { // the import docs' spelling
			typ = "exact"
		}
		// A source condition has no type, and the reference requires one
		// of an orchestration condition neither (model.Load's rule).
		if origin != "source" && origin != "orchestration" || typ != "" {
			im.oneOf(typ, tree.Pointer(cat, "type"), model.ConditionTypes...)
		}
		mc.ConditionType = typ
		mc.ConditionValue, _ = im.str(c, "value", cat)
		param, _ := im.str(c, "parameter", cat)
		if param == "" {
			param, _ = im.str(c, "parameter_name", cat)
		}
		switch origin {
		case "param":
			mc.ReqParamName = param
		case "system":
			mc.SysParamName = param
		case "cookie":
			mc.CookieParamName = param
		case "frontend_authorizer":
			mc.FrontendAuthorizerParamName = param
		case "orchestration":
			// The parameter the rule maps to; the export does not carry
			// its location (mapped_param_location).
			mc.MappedParamName = param
		}
		out = append(out, mc)
	})
	return out
}

// bindings binds what define=all names to the API in the environment.
func (im *importer) bindings(a *model.API, op tree.Obj, at string) {
	if name, ok := im.str(op, "x-apigateway-ratelimit", at); ok && name != "" {
		if id, known := im.throttles[name]; known {
			im.b.ThrottleBindings = append(im.b.ThrottleBindings, model.ThrottleBinding{APIID: a.ID, EnvID: im.opts.EnvID, ThrottleID: id})
		} else {
			im.fail("import-reference", tree.Pointer(at, "x-apigateway-ratelimit"), "throttle %s is not in x-apigateway-ratelimits", name)
		}
	}
	if name, ok := im.str(op, "x-apigateway-access-control", at); ok && name != "" {
		if id, known := im.acls[name]; known {
			im.b.ACLBindings = append(im.b.ACLBindings, model.ACLBinding{APIID: a.ID, EnvID: im.opts.EnvID, ACLID: id})
		} else {
			im.fail("import-reference", tree.Pointer(at, "x-apigateway-access-control"), "access control policy %s is not in x-apigateway-access-controls", name)
		}
	}
	if names, ok := im.array(op, "x-apigateway-plugins", at); ok {
		for i, v := range names {
			name, ok := v.(string)
			if !ok || name == "" {
				im.fail("import-type", tree.Pointer(at, "x-apigateway-plugins", strconv.Itoa(i)), "expected a plugin's name")
				continue
			}
			id := im.plugin(name)
			im.b.PluginBindings = append(im.b.PluginBindings, model.PluginBinding{APIID: a.ID, EnvID: im.opts.EnvID, PluginID: id})
		}
	}
}

// rateLimits maps x-apigateway-ratelimits to throttles and their specials.
func (im *importer) rateLimits(holder tree.Obj, holderAt string) {
	limits, _ := im.object(holder, "x-apigateway-ratelimits", holderAt)
	im.eachMember(limits, tree.Pointer(holderAt, "x-apigateway-ratelimits"), "a throttle object", func(name string, o tree.Obj, at string) {
		t := model.Throttle{ID: deriveID("throttle", name), Name: name, Type: 1}
		t.APICallLimits, _ = im.integer(o, "api-limit", at)
		t.TimeInterval, _ = im.integer(o, "interval", at)
		if u, ok := im.str(o, "unit", at); ok && im.oneOf(u, tree.Pointer(at, "unit"), "SECOND", "MINUTE", "HOUR", "DAY") {
			t.TimeUnit = u
		}
		if t.APICallLimits <= 0 || t.TimeInterval <= 0 || t.TimeUnit == "" {
			im.fail("import-required", at, "a throttle needs a positive api-limit and interval and a unit")
		}
		for key, target := range map[string]**int64{"user-limit": &t.UserCallLimits, "app-limit": &t.AppCallLimits, "ip-limit": &t.IPCallLimits} {
			if n, ok := im.integer(o, key, at); ok {
				*target = &n
			}
		}
		if shared, _ := im.boolean(o, "shared", at); shared {
			t.Type = 2
		}
		specials, _ := im.array(o, "special", at)
		im.eachItem(specials, tree.Pointer(at, "special"), "a special throttle object", func(s tree.Obj, sat string) {
			sp := model.ThrottleSpecial{ThrottleID: t.ID}
			sp.CallLimits, _ = im.integer(s, "limit", sat)
			sp.ObjectID, _ = im.str(s, "instance", sat)
			if typ, ok := im.str(s, "type", sat); ok && im.oneOf(typ, tree.Pointer(sat, "type"), "APP", "USER") {
				sp.ObjectType = typ
			}
			sp.ID = deriveID("throttle_special", t.ID, sp.ObjectType, sp.ObjectID)
			im.b.ThrottleSpecials = append(im.b.ThrottleSpecials, sp)
		})
		im.throttles[name] = t.ID
		im.b.Throttles = append(im.b.Throttles, t)
	})
}

// accessControls maps x-apigateway-access-controls to ACL policies.
func (im *importer) accessControls(holder tree.Obj, holderAt string) {
	acls, _ := im.object(holder, "x-apigateway-access-controls", holderAt)
	im.eachMember(acls, tree.Pointer(holderAt, "x-apigateway-access-controls"), "an access control object", func(name string, o tree.Obj, at string) {
		acl := model.ACL{ID: deriveID("acl", name), ACLName: name}
		if t, ok := im.str(o, "acl-type", at); ok && im.oneOf(t, tree.Pointer(at, "acl-type"), "PERMIT", "DENY") {
			acl.ACLType = t
		}
		if t, ok := im.str(o, "entity-type", at); ok && im.oneOf(t, tree.Pointer(at, "entity-type"), "IP", "DOMAIN", "DOMAIN_ID") {
			acl.EntityType = t
		}
		acl.ACLValue, _ = im.str(o, "value", at)
		if acl.ACLType == "" || acl.EntityType == "" || acl.ACLValue == "" {
			im.fail("import-required", at, "an access control policy needs acl-type, entity-type and value")
		}
		im.acls[name] = acl.ID
		im.b.ACLs = append(im.b.ACLs, acl)
	})
}

// gatewayResponses maps x-apigateway-responses.
func (im *importer) gatewayResponses(holder tree.Obj, holderAt string) {
	rs, _ := im.object(holder, "x-apigateway-responses", holderAt)
	im.eachMember(rs, tree.Pointer(holderAt, "x-apigateway-responses"), "a gateway response object", func(name string, o tree.Obj, at string) {
		types := map[string]model.ErrorResponse{}
		im.eachMember(o, at, "an error response object", func(errorType string, e tree.Obj, tat string) {
			var er model.ErrorResponse
			if s, ok := im.smallInt(e, "status", tat); ok {
				er.Status = s
			}
			if er.Status < 200 || er.Status > 599 {
				im.fail("import-value", tree.Pointer(tat, "status"), "expected an HTTP status from 200 to 599")
			}
			if body, ok := im.object(e, "body", tat); ok {
				er.Body, _ = im.str(body, "application/json", tree.Pointer(tat, "body"))
			}
			hs, _ := im.array(e, "headers", tat)
			im.eachItem(hs, tree.Pointer(tat, "headers"), "a header object", func(h tree.Obj, hat string) {
				var rh model.ResponseHeader
				rh.Key, _ = im.str(h, "key", hat)
				rh.Value, _ = im.str(h, "value", hat)
				er.Headers = append(er.Headers, rh)
			})
			types[errorType] = er
		})
		im.addResponse(name, types)
	})
}

func (im *importer) addResponse(name string, types map[string]model.ErrorResponse) string {
	id := deriveID("response", im.group.ID, name)
	if len(types) == 0 {
		types = nil
	}
	im.responses[name] = id
	im.b.Responses = append(im.b.Responses, model.GatewayResponse{ID: id, GroupID: im.group.ID, Name: name, Responses: types})
	return id
}
