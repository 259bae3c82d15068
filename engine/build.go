package engine

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/model"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// The predefined security schemes, present in every export.
const (
	schemeApp       = "apig-auth-app"
	schemeAppHeader = "apig-auth-app-header"
	schemeIAM       = "apig-auth-iam"
	schemeCustom    = "apig-auth-custom-" // + authorizer name
)

// methodOrder is the order of operations in a Path Item (go-openapi's);
// methodKeys are their keys.
var (
	methodOrder = [...]string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"}
	methodKeys  = [...]string{"get", "put", "post", "delete", "options", "head", "patch"}
)

// anyMethodKey is the Path Item key of an API whose method is ANY.
const anyMethodKey = "x-apigateway-any-method"

var (
	variableRE = regexp.MustCompile(`#([^#\s]+)#`)
)

// templateParams returns the names of a path's {name} and {name+}
// parameters ("name+" for the latter), in order.
func templateParams(path string) []string {
	var names []string
	pathParamSpans(path, func(i, j int) { names = append(names, path[i+1:j-1]) })
	return names
}

// pathShape is a path with its parameters' names left out: paths with the
// same shape are the same path to Swagger.
func pathShape(path string) string { return replacePathParams(path, "{}") }

// replacePathParams replaces each {name} token of s with repl.
func replacePathParams(s, repl string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	last := 0
	pathParamSpans(s, func(i, j int) {
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = j
	})
	b.WriteString(s[last:])
	return b.String()
}

// unsupported is the error for an API that the document's version
// (Swagger 2.0, or OpenAPI 3.0: x.kind) cannot express.
func (x *export) unsupported(a *model.API, what string) *Error {
	return invalidParamBecause("apis", "API %s (%s) %s, which %s export cannot express; leave it out with the apis filter", a.Name, a.ID, what, x.kind())
}

// The document is built in two parts, so that an export can check and
// write each Path Item as soon as it is built and then let it go: root, the
// document but its Path Items, then pathItems, which hands them over one
// by one.

// root builds the document with an empty Paths Object. It reads every
// selected API for what the root depends on: the custom authorizers they
// use, the policies bound to them (define=all) and whether any has a
// method that validators see.
func (x *export) root() (obj, error) {
	if err := x.checkConflicts(); err != nil {
		return nil, err
	}
	authorizers := map[string]*model.Authorizer{}
	for _, a := range x.apis {
		if slices.Contains(methodOrder[:], a.ReqMethod) {
			x.standard = true
		}
		if a.AuthType == "AUTHORIZER" {
			au := x.authorizer(a.AuthorizerID)
			authorizers[au.Name] = au
		}
		if x.define == DefineAll {
			x.bind(a)
		}
	}

	info := obj{}
	info.set("description", str(x.group.Remark))
	info.set("title", x.group.Name)
	info.set("version", x.version)

	doc := obj{{"swagger", "2.0"}, {"info", info}}
	doc.set("host", str(x.host()))
	doc.set("paths", obj{})
	if x.standard {
		doc.set("responses", obj{{"default", obj{{"description", "response example"}}}})
	}
	doc.set("securityDefinitions", x.securityDefinitions(authorizers))
	if x.define == DefineAll {
		if acls := x.accessControls(); len(acls) > 0 {
			doc.set("x-apigateway-access-controls", acls)
		}
		if limits := x.rateLimits(); len(limits) > 0 {
			doc.set("x-apigateway-ratelimits", limits)
		}
	}
	responses, err := x.gatewayResponses()
	if err != nil {
		return nil, err
	}
	doc.set("x-apigateway-responses", responses)
	return doc, nil
}

// pathItems builds the Path Items, in byte order of their paths, and hands
// each to emit as soon as it is built. It must follow root.
func (x *export) pathItems(emit func(path string, item obj)) error {
	byPath := map[string][]*model.API{}
	for _, a := range x.apis {
		byPath[a.ReqURI] = append(byPath[a.ReqURI], a)
	}
	for _, p := range sortedKeys(byPath) {
		var ops [len(methodOrder)]obj // by method, in methodOrder
		var anyOp obj
		var anyParams arr // declared path parameters of the ANY operation
		for _, a := range byPath[p] {
			op, params, err := x.operation(a)
			if err != nil {
				return err
			}
			if a.ReqMethod == "ANY" {
				anyOp, anyParams = op, params
			} else if i := slices.Index(methodOrder[:], a.ReqMethod); i >= 0 {
				ops[i] = op
			}
		}
		item := x.mem.obj(len(byPath[p]) + 1)
		for i, op := range ops {
			if op != nil {
				item.set(methodKeys[i], op)
			}
		}
		if op := anyOp; op != nil {
			// Validators do not see x-apigateway-any-method: when it is the
			// only operation, its path parameters must be declared on the
			// Path Item too, or the document is invalid.
			if len(item) == 0 && len(anyParams) > 0 {
				item.set("parameters", anyParams)
			}
			if !x.standard && x.oas3 == nil {
				// A root response that no visible operation references
				// draws a validator warning, so when no operation is
				// visible, ANY operations carry it inline instead.
				resp := op.get("responses").(obj)
				resp[0].val = obj{{"description", "response example"}}
			}
			item.set(anyMethodKey, op)
		}
		if x.oas3 != nil {
			item = item.sorted() // OpenAPI 3.0 objects have sorted keys
		}
		emit(p, item)
	}
	return nil
}

// host is the first bound independent domain, else the group's subdomain.
func (x *export) host() string {
	for _, d := range x.group.URLDomains {
		if d.Domain != "" {
			return d.Domain
		}
	}
	return x.group.SLDomain
}

// checkConflicts finds selected APIs that cannot share one document.
func (x *export) checkConflicts() error {
	byShape := map[string]*model.API{}
	byName := map[string]*model.API{}
	for _, a := range x.apis {
		switch {
		case a.BackendType == "GRPC":
			return x.unsupported(a, "has a GRPC backend")
		case a.ReqProtocol == "GRPCS":
			return x.unsupported(a, "uses the GRPCS protocol")
		}
		if err := x.checkBackends(a); err != nil {
			return err
		}
		for _, p := range a.ReqParams {
			if p.Location == "COOKIE" && x.oas3 == nil {
				return x.unsupported(a, sprintf("has the COOKIE parameter %s", p.Name))
			}
		}
		names := templateParams(a.ReqURI)
		for i, n := range names {
			if slices.Contains(names[:i], n) {
				return x.unsupported(a, sprintf("has the path parameter {%s} twice in %s", n, a.ReqURI))
			}
		}
		// Swagger treats paths that differ only in parameter names as the
		// same path; one map finds both that and the same path twice,
		// since each shape has at most one API in it.
		shape := a.ReqMethod + " " + pathShape(a.ReqURI)
		if b := byShape[shape]; b != nil {
			if b.ReqURI == a.ReqURI {
				return invalidParamBecause("apis", "APIs %s (%s) and %s (%s) both answer %s and cannot share one Swagger document; export them separately with the apis filter", b.Name, b.ID, a.Name, a.ID, a.ReqMethod+" "+a.ReqURI)
			}
			return invalidParamBecause("apis", "APIs %s (%s) on %s and %s (%s) on %s differ only in path parameter names, which Swagger treats as the same path; export them separately with the apis filter", b.Name, b.ID, b.ReqURI, a.Name, a.ID, a.ReqURI)
		}
		byShape[shape] = a
		if b := byName[a.Name]; b != nil {
			return invalidParamBecause("apis", "APIs %s and %s share the name %s, and an operationId must be unique; export them separately with the apis filter", b.ID, a.ID, a.Name)
		}
		byName[a.Name] = a
	}
	return nil
}

// checkBackends refuses an API whose backends the document would carry
// (every scope but spec) in a form the gateway's extensions have none for:
// the member-group and livedata channels (vpc_channel_status 4 and 3),
// which an httpEndpoints or httpVpcEndpoints object cannot name, the GRPC
// and GRPCS protocols, whose scheme those objects do not take, and
// functions called with GRPCS, which functionEndpoints cannot say.
func (x *export) checkBackends(a *model.API) error {
	if x.define == DefineSpec {
		return nil
	}
	web := func(w *model.WebBackend, what string) error {
		switch ch := w.Channel(); {
		case ch == 3:
			return x.unsupported(a, sprintf("has %s with vpc_channel_status 3 (a livedata backend)", what))
		case ch == 4:
			return x.unsupported(a, sprintf("has %s with vpc_channel_status 4 (a member-group VPC channel)", what))
		case ch > 2:
			return x.unsupported(a, sprintf("has %s with vpc_channel_status %d", what, ch))
		}
		if p := w.ReqProtocol; !strings.EqualFold(p, "HTTP") && !strings.EqualFold(p, "HTTPS") {
			return x.unsupported(a, sprintf("has %s with the %s protocol", what, p))
		}
		return nil
	}
	if a.BackendType == "HTTP" && a.BackendAPI != nil {
		if err := web(a.BackendAPI, "a backend"); err != nil {
			return err
		}
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		if err := web(p.Web(), "backend policy "+p.Name); err != nil {
			return err
		}
	}
	if a.BackendType == "FUNCTION" && a.FuncInfo != nil && a.FuncInfo.ReqProtocol == "GRPCS" {
		return x.unsupported(a, "has a function backend called with the GRPCS protocol")
	}
	for _, p := range a.PolicyFunctions {
		if p.ReqProtocol == "GRPCS" {
			return x.unsupported(a, sprintf("has backend policy %s, a function called with the GRPCS protocol", p.Name))
		}
	}
	return nil
}

func (x *export) authorizer(id string) *model.Authorizer {
	for i := range x.b.Authorizers {
		if x.b.Authorizers[i].ID == id {
			return &x.b.Authorizers[i]
		}
	}
	// model.Load checks that the authorizer exists; a hand-built bundle
	// may not have been checked.
	return &model.Authorizer{ID: id, Name: id, Type: "FRONTEND"}
}

// Values that many operations hold. The tree is not changed once built, so
// operations share them, held as any so that setting one allocates
// nothing.
var (
	securityApp        any = arr{obj{{schemeApp, arr{}}}}
	securityAppHeader  any = arr{obj{{schemeAppHeader, arr{}}}}
	securityIAM        any = arr{obj{{schemeIAM, arr{}}}}
	schemesHTTP        any = arr{"http"}
	schemesHTTPS       any = arr{"https"}
	schemesBoth        any = arr{"http", "https"}
	defaultResponseRef any = obj{{"$ref", "#/responses/default"}}
)

// boxed returns s as any, without allocating for the backend parameters'
// locations and origins, the values most parameters repeat.
func boxed(s string) any {
	switch s {
	case "HEADER":
		return "HEADER"
	case "QUERY":
		return "QUERY"
	case "PATH":
		return "PATH"
	case "REQUEST":
		return "REQUEST"
	case "CONSTANT":
		return "CONSTANT"
	case "SYSTEM":
		return "SYSTEM"
	}
	return s
}

// lowerConst is strings.ToLower for the parameter types and locations,
// which it answers with constants: boxing a constant allocates nothing.
func lowerConst(s string) any {
	switch s {
	case "STRING":
		return "string"
	case "NUMBER":
		return "number"
	case "PATH":
		return "path"
	case "QUERY":
		return "query"
	case "HEADER":
		return "header"
	}
	return strings.ToLower(s)
}

// operation maps one API to an Operation Object and also returns its path
// parameters.
func (x *export) operation(a *model.API) (obj, arr, error) {
	if x.oas3 != nil {
		return x.operationOAS3(a)
	}
	op := x.mem.obj(20)
	op.set("security", x.security(a))
	op.set("description", str(a.Remark))
	switch a.ReqProtocol {
	case "HTTP":
		op.set("schemes", schemesHTTP)
	case "HTTPS":
		op.set("schemes", schemesHTTPS)
	case "BOTH":
		op.set("schemes", schemesBoth)
	}
	if tags := x.tags(a); tags != nil {
		op.set("tags", tags)
	}
	op.set("operationId", a.Name)
	params, pathParams := x.parameters(a)
	if len(params) > 0 {
		op.set("parameters", params)
	}
	op.set("responses", obj{
		{"default", defaultResponseRef},
		{"x-apigateway-result-failure-sample", a.ResultFailureSample},
		{"x-apigateway-result-normal-sample", a.ResultNormalSample},
	})

	ext, err := x.operationExtensions(a)
	if err != nil {
		return nil, nil, err
	}
	op = append(op, ext.sorted()...)
	return op, pathParams, nil
}

// security is an operation's security requirement, or nil for none.
func (x *export) security(a *model.API) any {
	switch a.AuthType {
	case "APP":
		if a.AuthOpt != nil && a.AuthOpt.AppCodeAuthType == "HEADER" {
			return securityAppHeader
		}
		return securityApp
	case "IAM":
		return securityIAM
	case "AUTHORIZER":
		return arr{obj{{schemeCustom + x.authorizer(a.AuthorizerID).Name, arr{}}}}
	}
	return nil
}

// tags are an operation's tags, each once, or nil for none.
func (x *export) tags(a *model.API) arr {
	if len(a.Tags) == 0 {
		return nil
	}
	tags := x.mem.arr(len(a.Tags))[:0]
	for _, t := range a.Tags {
		if slices.Contains(tags, any(t)) {
			// Swagger wants the tags unique; the gateway may not.
			x.warn("API %s (%s) has the tag %s twice; the document lists it once", a.Name, a.ID, t)
			continue
		}
		tags = append(tags, t)
	}
	return tags
}

// operationExtensions are an operation's x-apigateway-* keys, unsorted;
// the same in both versions.
func (x *export) operationExtensions(a *model.API) (obj, error) {
	ext := x.mem.obj(12)
	ext.set("x-apigateway-content-type", str(a.ContentType))
	ext.set("x-apigateway-cors", a.CORS)
	if a.IsSendFgBodyBase64 != nil {
		ext.set("x-apigateway-is-send-fg-body-base64", *a.IsSendFgBodyBase64)
	}
	mode := a.MatchMode
	if mode == "" {
		mode = "NORMAL"
	}
	ext.set("x-apigateway-match-mode", mode)
	if a.Type == 2 {
		ext.set("x-apigateway-request-type", "private")
	} else {
		ext.set("x-apigateway-request-type", "public")
	}
	if a.ResponseID != "" {
		ext.set("x-apigateway-response", x.responseName(a.ResponseID))
	}
	if x.define != DefineSpec {
		backend, err := x.backend(a)
		if err != nil {
			return nil, err
		}
		ext.set("x-apigateway-backend", backend)
		policies, err := x.policies(a)
		if err != nil {
			return nil, err
		}
		if len(policies) > 0 {
			ext.set("x-apigateway-backend-policies", policies)
		}
	}
	if x.define == DefineAll {
		x.setBound(a, &ext)
	}
	return ext, nil
}

// parameters maps the request parameters, declaring every path template
// parameter: {name+} is declared as "name+", which validators accept.
func (x *export) parameters(a *model.API) (all, path arr) {
	// A path has a handful of parameters: slices cost less than maps.
	var order []string // template names, with any "+", without repeats
	for _, name := range templateParams(a.ReqURI) {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	var declared []string
	all = x.mem.arr(len(a.ReqParams) + len(order))[:0]
	for i := range a.ReqParams {
		p := &a.ReqParams[i]
		name := p.Name
		if p.Location == "PATH" {
			if !slices.Contains(order, name) && slices.Contains(order, name+"+") {
				name += "+"
			}
			if !slices.Contains(order, name) {
				x.warn("API %s (%s): path parameter %s does not appear in %s and is left out", a.Name, a.ID, p.Name, a.ReqURI)
				continue
			}
			declared = append(declared, name)
		}
		po := x.parameter(a, p, name)
		all = append(all, po)
		if p.Location == "PATH" {
			path = append(path, po)
		}
	}
	for _, name := range order {
		if slices.Contains(declared, name) {
			continue
		}
		x.warn("API %s (%s): path parameter %s of %s has no definition; it is declared as a required string", a.Name, a.ID, name, a.ReqURI)
		var po obj
		if x.oas3 != nil {
			po = x.undeclaredPathParamOAS3(name)
		} else {
			po = x.mem.objOf(member{"type", "string"}, member{"name", name}, member{"in", "path"}, member{"required", true})
		}
		all = append(all, po)
		path = append(path, po)
	}
	return all, path
}

func (x *export) parameter(a *model.API, p *model.ReqParam, name string) obj {
	if x.oas3 != nil {
		return x.parameterOAS3(a, p, name)
	}
	o := x.mem.obj(12)
	value := func(s string) any {
		if p.Type == "NUMBER" {
			return number(s)
		}
		return s
	}
	if p.ValidEnable == 1 {
		if p.Type == "NUMBER" {
			if p.MaxNum != 0 {
				o.set("maximum", integer(p.MaxNum))
			}
			if p.MinNum != 0 {
				o.set("minimum", integer(p.MinNum))
			}
		} else {
			if p.MaxSize != 0 {
				o.set("maxLength", integer(p.MaxSize))
			}
			if p.MinSize != 0 {
				o.set("minLength", integer(p.MinSize))
			}
		}
		if enums := p.Enums(); len(enums) > 0 {
			e := x.mem.arr(len(enums))[:0]
			for i, v := range enums {
				if slices.ContainsFunc(enums[:i], func(w string) bool { return model.SameValue(p.Type, v, w) }) {
					// Swagger wants the values unique; the gateway may not.
					x.warn("API %s (%s): parameter %s lists the enumeration %s twice; the document lists it once", a.Name, a.ID, p.Name, v)
					continue
				}
				e = append(e, value(v))
			}
			o.set("enum", e)
		}
	}
	o.set("type", lowerConst(p.Type))
	if p.DefaultValue != "" {
		o.set("default", value(p.DefaultValue))
	}
	if len(p.Orchestrations) > 0 {
		names := x.mem.arr(len(p.Orchestrations))
		for i, id := range p.Orchestrations {
			names[i] = x.orchestrationName(a, id)
		}
		o.set("x-apigateway-orchestrations", names)
	}
	switch p.PassThrough {
	case 1:
		o.set("x-apigateway-pass-through", "always")
	case 2:
		o.set("x-apigateway-pass-through", "never")
	}
	o.set("x-apigateway-sample", str(p.SampleValue))
	o.set("description", str(p.Remark))
	o.set("name", name)
	o.set("in", lowerConst(p.Location))
	if p.Location == "PATH" || p.Required == 1 {
		o.set("required", true)
	}
	return o
}

func (x *export) orchestrationName(a *model.API, id string) string {
	for _, o := range x.b.Orchestrations {
		if o.OrchestrationID == id {
			return o.OrchestrationName
		}
	}
	x.warn("API %s (%s): orchestration rule %s is not in the bundle; its ID is exported instead of its name", a.Name, a.ID, id)
	return id
}

func (x *export) responseName(id string) string {
	for _, r := range x.b.Responses {
		if r.ID == id {
			return r.Name
		}
	}
	return id // model.Load checks that it exists
}

// resolve substitutes environment variables when asked to.
func (x *export) resolve(a *model.API, s string) (string, error) {
	if !x.opts.ResolveVars || !strings.Contains(s, "#") {
		return s, nil
	}
	var missing string
	out := variableRE.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		for _, v := range x.b.Variables {
			if v.VariableName == name && v.GroupID == x.group.ID && v.EnvID == x.env.ID {
				return v.VariableValue
			}
		}
		if missing == "" {
			missing = name
		}
		return m
	})
	if missing != "" {
		return "", newError(statusBadRequest, CodeInvalidParam,
			sprintf("Environment variable %s used by API %s (%s) has no value in environment %s", missing, a.Name, a.ID, x.env.Name))
	}
	return out, nil
}

// backendParams maps backend parameters, in model order.
func (x *export) backendParams(params []model.BackendParam) arr {
	out := x.mem.arr(len(params))
	for i, p := range params {
		out[i] = x.mem.objOf(member{"description", p.Remark}, member{"in", boxed(p.Location)}, member{"name", p.Name}, member{"origin", boxed(p.Origin)}, member{"value", p.Value})
	}
	return out
}

// webEndpoint maps an HTTP or HTTP-VPC backend. The main backend writes
// its scheme in lower case and has a description; policies keep the
// scheme as the model has it, as the gateway's sample shows.
func (x *export) webEndpoint(a *model.API, w *model.WebBackend, main bool) (typ, key string, ep obj, err error) {
	path, err := x.resolve(a, w.ReqURI)
	if err != nil {
		return "", "", nil, err
	}
	ep = x.mem.obj(10)
	scheme := w.ReqProtocol
	if main {
		scheme = strings.ToLower(scheme)
	}
	if w.Channel() == 1 {
		typ, key = "HTTP-VPC", "httpVpcEndpoints"
		info := w.VPCChannelInfo
		if info.CascadeFlag != nil {
			ep.set("cascade_flag", *info.CascadeFlag)
		}
		ep.set("host", str(info.VPCChannelProxyHost))
		ep.set("name", x.channelName(a, info.VPCChannelID))
	} else {
		typ, key = "HTTP", "httpEndpoints"
		addr, err := x.resolve(a, w.URLDomain)
		if err != nil {
			return "", "", nil, err
		}
		ep.set("address", addr)
	}
	if main {
		ep.set("description", w.Remark)
	}
	if w.EnableClientSSL != nil {
		ep.set("enableClientSsl", *w.EnableClientSSL)
	}
	ep.set("method", w.ReqMethod)
	ep.set("path", path)
	if w.EnableSMChannel != nil {
		ep.set("enableSmChannel", *w.EnableSMChannel)
	}
	if w.RetryCount != nil {
		ep.set("retryCount", *w.RetryCount)
	}
	ep.set("scheme", scheme)
	if w.Timeout != 0 {
		// Only a policy may leave its timeout out (model.Load).
		ep.set("timeout", integer(w.Timeout))
	}
	return typ, key, ep.sorted(), nil
}

func (x *export) channelName(a *model.API, id string) string {
	for _, c := range x.b.VPCChannels {
		if c.ID == id {
			return c.Name
		}
	}
	x.warn("API %s (%s): VPC channel %s is not in the bundle; its ID is exported instead of its name", a.Name, a.ID, id)
	return id
}

func (x *export) functionEndpoint(urn, version, invocation, network, alias string, timeout int, description *string) obj {
	ep := x.mem.obj(7)
	ep = append(ep, member{"alias-urn", alias})
	if description != nil {
		ep.set("description", *description)
	}
	ep.set("function-urn", urn)
	ep.set("invocation-type", invocation)
	ep.set("network-type", str(network))
	if timeout != 0 {
		ep.set("timeout", integer(timeout))
	}
	ep.set("version", version)
	return ep
}

// backend maps the default backend: x-apigateway-backend.
func (x *export) backend(a *model.API) (obj, error) {
	b := x.mem.obj(3)
	if len(a.BackendParams) > 0 {
		b.set("parameters", x.backendParams(a.BackendParams))
	}
	switch a.BackendType {
	case "HTTP":
		typ, key, ep, err := x.webEndpoint(a, a.BackendAPI, true)
		if err != nil {
			return nil, err
		}
		b.set(key, ep)
		b.set("type", typ)
	case "FUNCTION":
		f := a.FuncInfo
		b.set("functionEndpoints", x.functionEndpoint(f.FunctionURN, f.Version, f.InvocationType, f.NetworkType, f.AliasURN, f.Timeout, &f.Remark))
		b.set("type", "FUNCTION")
	case "MOCK":
		m := a.MockInfo
		if m == nil {
			m = &model.MockBackend{}
		}
		b.set("mockEndpoints", x.mem.objOf(member{"description", m.Remark}, member{"result-content", m.ResultContent}))
		b.set("type", "MOCK")
	}
	return b.sorted(), nil
}

// policies maps the backend policies: x-apigateway-backend-policies.
func (x *export) policies(a *model.API) (arr, error) {
	var out arr
	policy := func(p *model.PolicyBase, typ, key string, ep obj) {
		o := x.mem.obj(6)
		o = append(o, member{"conditions", x.conditions(p.Conditions)}, member{"effectMode", p.EffectMode}, member{key, ep}, member{"name", p.Name})
		if len(p.BackendParams) > 0 {
			o.set("parameters", x.backendParams(p.BackendParams))
		}
		o.set("type", typ)
		out = append(out, o.sorted())
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		typ, key, ep, err := x.webEndpoint(a, p.Web(), false)
		if err != nil {
			return nil, err
		}
		policy(&p.PolicyBase, typ, key, ep)
	}
	for i := range a.PolicyFunctions {
		p := &a.PolicyFunctions[i]
		policy(&p.PolicyBase, "FUNCTION", "functionEndpoints",
			x.functionEndpoint(p.FunctionURN, p.Version, p.InvocationType, p.NetworkType, p.AliasURN, p.Timeout, nil))
	}
	for i := range a.PolicyMocks {
		p := &a.PolicyMocks[i]
		policy(&p.PolicyBase, "MOCK", "mockEndpoints", x.mem.objOf(member{"result-content", p.ResultContent}))
	}
	return out, nil
}

// conditions maps policy conditions. The parameter of a condition is the
// name its origin tests: the request parameter (param), the system
// parameter (system), the cookie (cookie) or the authorizer output
// (frontend_authorizer) or the parameter an orchestration rule maps to
// (orchestration); "" for source.
func (x *export) conditions(cs []model.Condition) arr {
	out := x.mem.arr(len(cs))
	for i, c := range cs {
		param := ""
		switch c.ConditionOrigin {
		case "param":
			param = c.ReqParamName
		case "system":
			param = c.SysParamName
		case "cookie":
			param = c.CookieParamName
		case "frontend_authorizer":
			param = c.FrontendAuthorizerParamName
		case "orchestration":
			param = c.MappedParamName
		}
		out[i] = x.mem.objOf(member{"origin", c.ConditionOrigin}, member{"parameter", param}, member{"type", c.ConditionType}, member{"value", c.ConditionValue})
	}
	return out
}

// bindings are the policies bound in the export's environment, by API ID.
type bindings struct {
	throttles map[string][]*model.Throttle
	acls      map[string][]*model.ACL
	plugins   map[string][]string
}

// indexBindings reads the bindings of the environment once, so that each
// API's lookup costs what it binds, not what the bundle holds.
func (x *export) indexBindings() *bindings {
	if x.bindingIndex != nil {
		return x.bindingIndex
	}
	bs := &bindings{throttles: map[string][]*model.Throttle{}, acls: map[string][]*model.ACL{}, plugins: map[string][]string{}}
	throttles := map[string]*model.Throttle{}
	for i := range x.b.Throttles {
		throttles[x.b.Throttles[i].ID] = &x.b.Throttles[i]
	}
	acls := map[string]*model.ACL{}
	for i := range x.b.ACLs {
		acls[x.b.ACLs[i].ID] = &x.b.ACLs[i]
	}
	plugins := map[string]string{}
	for _, p := range x.b.Plugins {
		plugins[p.PluginID] = p.PluginName
	}
	for _, b := range x.b.ThrottleBindings {
		if t := throttles[b.ThrottleID]; t != nil && b.EnvID == x.env.ID {
			bs.throttles[b.APIID] = append(bs.throttles[b.APIID], t)
		}
	}
	for _, b := range x.b.ACLBindings {
		if a := acls[b.ACLID]; a != nil && b.EnvID == x.env.ID {
			bs.acls[b.APIID] = append(bs.acls[b.APIID], a)
		}
	}
	for _, b := range x.b.PluginBindings {
		if name, ok := plugins[b.PluginID]; ok && b.EnvID == x.env.ID {
			bs.plugins[b.APIID] = append(bs.plugins[b.APIID], name)
		}
	}
	x.bindingIndex = bs
	return bs
}

// bind picks what is bound to the API in the environment (define=all):
// one throttle and one ACL, which the root lists, and the plugins.
func (x *export) bind(a *model.API) {
	bs := x.indexBindings()
	var b bound
	names, throttle := pick(bs.throttles[a.ID], func(t *model.Throttle) string { return t.Name })
	if b.throttle = x.one(a, "throttling policies", names); b.throttle != "" {
		if x.throttles == nil {
			x.throttles = map[string]*model.Throttle{}
		}
		x.throttles[b.throttle] = throttle
	}
	names, acl := pick(bs.acls[a.ID], func(a *model.ACL) string { return a.ACLName })
	if b.acl = x.one(a, "access control policies", names); b.acl != "" {
		if x.acls == nil {
			x.acls = map[string]*model.ACL{}
		}
		x.acls[b.acl] = acl
	}
	if plugins := slices.Sorted(slices.Values(bs.plugins[a.ID])); len(plugins) > 0 {
		b.plugins = make(arr, len(plugins))
		for i, n := range plugins {
			b.plugins[i] = n
		}
	}
	if b.throttle != "" || b.acl != "" || b.plugins != nil {
		if x.bound == nil {
			x.bound = map[*model.API]bound{}
		}
		x.bound[a] = b
	}
}

// setBound adds the extensions of what bind picked for the API.
func (x *export) setBound(a *model.API, ext *obj) {
	b := x.bound[a]
	ext.set("x-apigateway-ratelimit", str(b.throttle))
	ext.set("x-apigateway-access-control", str(b.acl))
	if b.plugins != nil {
		ext.set("x-apigateway-plugins", b.plugins)
	}
}

// pick returns the distinct names of the policies bound to an API, sorted,
// and the policy of the first name (the last bound, when several share
// it). An API has one or two policies of a kind: no map is needed.
func pick[P any](policies []P, name func(P) string) (names []string, first P) {
	for _, p := range policies {
		names = append(names, name(p))
	}
	slices.Sort(names)
	names = slices.Compact(names)
	for _, p := range slices.Backward(policies) {
		if len(names) > 0 && name(p) == names[0] {
			return names, p
		}
	}
	return names, first
}

// one picks the first of the sorted names when an API has several policies
// of a kind bound, and says so: the extension holds a single name.
func (x *export) one(a *model.API, what string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	if len(names) > 1 {
		x.warn("API %s (%s) has %d %s bound in environment %s (%s); the extension holds one, %s is exported",
			a.Name, a.ID, len(names), what, x.env.Name, strings.Join(names, ", "), names[0])
	}
	return names[0]
}

// rateLimits is x-apigateway-ratelimits: the throttles that the exported
// operations name.
func (x *export) rateLimits() obj {
	out := obj{}
	for _, name := range sortedKeys(x.throttles) {
		t := x.throttles[name]
		o := obj{{"api-limit", integer(t.APICallLimits)}}
		if t.AppCallLimits != nil {
			o.set("app-limit", integer(*t.AppCallLimits))
		}
		o.set("interval", integer(t.TimeInterval))
		if t.IPCallLimits != nil {
			o.set("ip-limit", integer(*t.IPCallLimits))
		}
		o.set("shared", t.Type == 2)
		var specials []model.ThrottleSpecial
		for _, s := range x.b.ThrottleSpecials {
			if s.ThrottleID == t.ID {
				specials = append(specials, s)
			}
		}
		slices.SortFunc(specials, func(a, b model.ThrottleSpecial) int {
			return strings.Compare(a.ObjectType+"\x00"+a.ObjectID, b.ObjectType+"\x00"+b.ObjectID)
		})
		if len(specials) > 0 {
			sp := make(arr, len(specials))
			for i, s := range specials {
				sp[i] = obj{{"instance", s.ObjectID}, {"limit", integer(s.CallLimits)}, {"type", s.ObjectType}}
			}
			o.set("special", sp)
		}
		o.set("unit", t.TimeUnit)
		if t.UserCallLimits != nil {
			o.set("user-limit", integer(*t.UserCallLimits))
		}
		out.set(name, o)
	}
	return out
}

// accessControls is x-apigateway-access-controls: the ACL policies that the
// exported operations name.
func (x *export) accessControls() obj {
	out := obj{}
	for _, name := range sortedKeys(x.acls) {
		a := x.acls[name]
		out.set(name, obj{{"acl-type", a.ACLType}, {"entity-type", a.EntityType}, {"value", a.ACLValue}})
	}
	return out
}

// securityDefinitions lists the three predefined schemes and one per custom
// authorizer that an exported API uses.
func (x *export) securityDefinitions(authorizers map[string]*model.Authorizer) obj {
	defs := obj{
		{schemeApp, obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{schemeAppHeader, obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"},
			{"x-apigateway-auth-opt", obj{{"appcode-auth-type", "header"}}}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{schemeIAM, obj{{"type", "apiKey"}, {"name", "unused"}, {"in", "header"}, {"x-apigateway-auth-type", "IAM"}}},
	}
	for _, name := range sortedKeys(authorizers) {
		s := obj{{"type", "apiKey"}, {"name", "unused"}, {"in", "header"}, {"x-apigateway-auth-type", "AUTHORIZER"}}
		if x.define == DefineAll {
			s.set("x-apigateway-authorizer", authorizerObj(authorizers[name]))
		}
		defs.set(schemeCustom+name, s)
	}
	return defs.sorted()
}

func authorizerObj(au *model.Authorizer) obj {
	o := obj{}
	if au.AuthDowngradeEnabled != nil {
		o.set("auth_downgrade_enabled", *au.AuthDowngradeEnabled)
	}
	o.set("authorizer_alias_uri", au.AuthorizerAliasURI)
	o.set("authorizer_type", au.AuthorizerType)
	o.set("authorizer_uri", au.AuthorizerURI)
	o.set("authorizer_version", au.AuthorizerVersion)
	ids := arr{}
	for _, id := range au.Identities {
		ids = append(ids, obj{{"location", id.Location}, {"name", id.Name}, {"validation", id.Validation}})
	}
	o.set("identities", ids)
	o.set("need_body", au.NeedBody)
	network := au.NetworkType
	if network == "" {
		// The gateway's default, which its own list responses may leave
		// out.
		network = "V1"
	}
	o.set("network_type", network)
	if au.RetryAttempts != nil {
		o.set("retry_attempts", integer(*au.RetryAttempts))
	}
	if au.Timeout != nil {
		o.set("timeout", integer(*au.Timeout))
	}
	o.set("ttl", integer(au.TTL))
	o.set("type", au.Type)
	return o
}

// gatewayResponses is x-apigateway-responses: the group's gateway
// responses by name, with the error types that differ from the gateway's
// defaults (a response that customises none exports as {}).
func (x *export) gatewayResponses() (obj, error) {
	out := obj{}
	byName := map[string]string{}
	for _, r := range x.b.Responses {
		if r.GroupID != x.group.ID {
			continue
		}
		if id, dup := byName[r.Name]; dup {
			return nil, newError(statusBadRequest, CodeInvalidParam,
				sprintf("Gateway responses %s and %s of group %s share the name %s", id, r.ID, x.group.Name, r.Name))
		}
		byName[r.Name] = r.ID
		types := obj{}
		for _, k := range sortedKeys(r.Responses) {
			e := r.Responses[k]
			if e.Default {
				continue
			}
			o := obj{{"body", obj{{"application/json", e.Body}}}}
			if len(e.Headers) > 0 {
				hs := make(arr, len(e.Headers))
				for i, h := range e.Headers {
					hs[i] = obj{{"key", h.Key}, {"value", h.Value}}
				}
				o.set("headers", hs)
			}
			o.set("status", integer(e.Status))
			types.set(k, o)
		}
		out.set(r.Name, types)
	}
	return out.sorted(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
