package engine

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"

	"github.com/apigexport/apigexport/engine/internal/tree"

	"github.com/apigexport/apigexport/model"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

var (
	variableRE = regexp.MustCompile(`#([^#\s]+)#`)
)

func unsupported(a *model.API, what string) *Error {
	return invalidParamBecause("apis", "API %s (%s) %s, which a Swagger 2.0 export cannot express; leave it out with the apis filter", a.Name, a.ID, what)
}

// The document is built in two parts, so that an export can check and
// write each Path Item as soon as it is built and then let it go: root, the
// document but its Path Items, then pathItems, which hands them over one
// by one.

// root builds the document with an empty Paths Object. It reads every
// selected API for what the root depends on: the custom authorizers they
// use, the policies bound to them (define=all) and whether any has a
// method that validators see.
func (x *export) root() (tree.Obj, error) {
	if err := x.checkConflicts(); err != nil {
		return nil, err
	}
	authorizers := map[string]*model.Authorizer{}
	for _, a := range x.apis {
		if slices.Contains(check.MethodOrder[:], a.ReqMethod) {
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

	info := tree.Obj{}
	info.Set("description", tree.Str(x.group.Remark))
	info.Set("title", x.group.Name)
	info.Set("version", x.version)

	doc := tree.Obj{{"swagger", "2.0"}, {"info", info}}
	doc.Set("host", tree.Str(x.host()))
	doc.Set("paths", tree.Obj{})
	if x.standard {
		doc.Set("responses", tree.Obj{{"default", tree.Obj{{"description", "response example"}}}})
	}
	doc.Set("securityDefinitions", x.securityDefinitions(authorizers))
	if x.define == DefineAll {
		if acls := x.accessControls(); len(acls) > 0 {
			doc.Set("x-apigateway-access-controls", acls)
		}
		if limits := x.rateLimits(); len(limits) > 0 {
			doc.Set("x-apigateway-ratelimits", limits)
		}
	}
	responses, err := x.gatewayResponses()
	if err != nil {
		return nil, err
	}
	doc.Set("x-apigateway-responses", responses)
	return doc, nil
}

// pathItems builds the Path Items, in byte order of their paths, and hands
// each to emit as soon as it is built. It must follow root.
func (x *export) pathItems(emit func(path string, item tree.Obj)) error {
	byPath := map[string][]*model.API{}
	for _, a := range x.apis {
		byPath[a.ReqURI] = append(byPath[a.ReqURI], a)
	}
	for _, p := range sortedKeys(byPath) {
		var ops [len(check.MethodOrder)]tree.Obj // by method, in methodOrder
		var anyOp tree.Obj
		var anyParams tree.Arr // declared path parameters of the ANY operation
		for _, a := range byPath[p] {
			op, params, err := x.operation(a)
			if err != nil {
				return err
			}
			if a.ReqMethod == "ANY" {
				anyOp, anyParams = op, params
			} else if i := slices.Index(check.MethodOrder[:], a.ReqMethod); i >= 0 {
				ops[i] = op
			}
		}
		item := x.mem.Obj(len(byPath[p]) + 1)
		for i, op := range ops {
			if op != nil {
				item.Set(check.MethodKeys[i], op)
			}
		}
		if op := anyOp; op != nil {
			// Validators do not see x-apigateway-any-method: when it is the
			// only operation, its path parameters must be declared on the
			// Path Item too, or the document is invalid.
			if len(item) == 0 && len(anyParams) > 0 {
				item.Set("parameters", anyParams)
			}
			if !x.standard {
				// A root response that no visible operation references
				// draws a validator warning, so when no operation is
				// visible, ANY operations carry it inline instead.
				resp := op.Get("responses").(tree.Obj)
				resp[0].Val = tree.Obj{{"description", "response example"}}
			}
			item.Set(check.AnyMethodKey, op)
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
			return unsupported(a, "has a GRPC backend")
		case a.ReqProtocol == "GRPCS":
			return unsupported(a, "uses the GRPCS protocol")
		}
		if err := x.checkBackends(a); err != nil {
			return err
		}
		for _, p := range a.ReqParams {
			if p.Location == "COOKIE" {
				return unsupported(a, sprintf("has the COOKIE parameter %s", p.Name))
			}
		}
		names := check.TemplateParams(a.ReqURI)
		for i, n := range names {
			if slices.Contains(names[:i], n) {
				return unsupported(a, sprintf("has the path parameter {%s} twice in %s", n, a.ReqURI))
			}
		}
		// Swagger treats paths that differ only in parameter names as the
		// same path; one map finds both that and the same path twice,
		// since each shape has at most one API in it.
		shape := a.ReqMethod + " " + check.PathShape(a.ReqURI)
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
			return unsupported(a, sprintf("has %s with vpc_channel_status 3 (a livedata backend)", what))
		case ch == 4:
			return unsupported(a, sprintf("has %s with vpc_channel_status 4 (a member-group VPC channel)", what))
		case ch > 2:
			return unsupported(a, sprintf("has %s with vpc_channel_status %d", what, ch))
		}
		if p := w.ReqProtocol; !strings.EqualFold(p, "HTTP") && !strings.EqualFold(p, "HTTPS") {
			return unsupported(a, sprintf("has %s with the %s protocol", what, p))
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
		return unsupported(a, "has a function backend called with the GRPCS protocol")
	}
	for _, p := range a.PolicyFunctions {
		if p.ReqProtocol == "GRPCS" {
			return unsupported(a, sprintf("has backend policy %s, a function called with the GRPCS protocol", p.Name))
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
	securityApp        any = tree.Arr{tree.Obj{{check.SchemeApp, tree.Arr{}}}}
	securityAppHeader  any = tree.Arr{tree.Obj{{check.SchemeAppHeader, tree.Arr{}}}}
	securityIAM        any = tree.Arr{tree.Obj{{check.SchemeIAM, tree.Arr{}}}}
	schemesHTTP        any = tree.Arr{"http"}
	schemesHTTPS       any = tree.Arr{"https"}
	schemesBoth        any = tree.Arr{"http", "https"}
	defaultResponseRef any = tree.Obj{{"$ref", "#/responses/default"}}
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
func (x *export) operation(a *model.API) (tree.Obj, tree.Arr, error) {
	op := x.mem.Obj(20)
	switch a.AuthType {
	case "APP":
		name := check.SchemeApp
		if a.AuthOpt != nil && a.AuthOpt.AppCodeAuthType == "HEADER" {
			name = check.SchemeAppHeader
		}
		if name == check.SchemeApp {
			op.Set("security", securityApp)
		} else {
			op.Set("security", securityAppHeader)
		}
	case "IAM":
		op.Set("security", securityIAM)
	case "AUTHORIZER":
		op.Set("security", tree.Arr{tree.Obj{{check.SchemeCustom + x.authorizer(a.AuthorizerID).Name, tree.Arr{}}}})
	}
	op.Set("description", tree.Str(a.Remark))
	switch a.ReqProtocol {
	case "HTTP":
		op.Set("schemes", schemesHTTP)
	case "HTTPS":
		op.Set("schemes", schemesHTTPS)
	case "BOTH":
		op.Set("schemes", schemesBoth)
	}
	if len(a.Tags) > 0 {
		tags := x.mem.Arr(len(a.Tags))[:0]
		for _, t := range a.Tags {
			if slices.Contains(tags, any(t)) {
				// Swagger wants the tags unique; the gateway may not.
				x.warn("API %s (%s) has the tag %s twice; the document lists it once", a.Name, a.ID, t)
				continue
			}
			tags = append(tags, t)
		}
		op.Set("tags", tags)
	}
	op.Set("operationId", a.Name)
	params, pathParams := x.parameters(a)
	if len(params) > 0 {
		op.Set("parameters", params)
	}
	op.Set("responses", tree.Obj{
		{"default", defaultResponseRef},
		{"x-apigateway-result-failure-sample", a.ResultFailureSample},
		{"x-apigateway-result-normal-sample", a.ResultNormalSample},
	})

	ext := x.mem.Obj(12)
	ext.Set("x-apigateway-content-type", tree.Str(a.ContentType))
	ext.Set("x-apigateway-cors", a.CORS)
	if a.IsSendFgBodyBase64 != nil {
		ext.Set("x-apigateway-is-send-fg-body-base64", *a.IsSendFgBodyBase64)
	}
	mode := a.MatchMode
	if mode == "" {
		mode = "NORMAL"
	}
	ext.Set("x-apigateway-match-mode", mode)
	if a.Type == 2 {
		ext.Set("x-apigateway-request-type", "private")
	} else {
		ext.Set("x-apigateway-request-type", "public")
	}
	if a.ResponseID != "" {
		ext.Set("x-apigateway-response", x.responseName(a.ResponseID))
	}
	if x.define != DefineSpec {
		backend, err := x.backend(a)
		if err != nil {
			return nil, nil, err
		}
		ext.Set("x-apigateway-backend", backend)
		policies, err := x.policies(a)
		if err != nil {
			return nil, nil, err
		}
		if len(policies) > 0 {
			ext.Set("x-apigateway-backend-policies", policies)
		}
	}
	if x.define == DefineAll {
		x.setBound(a, &ext)
	}
	op = append(op, ext.Sorted()...)
	return op, pathParams, nil
}

// parameters maps the request parameters, declaring every path template
// parameter: {name+} is declared as "name+", which validators accept.
func (x *export) parameters(a *model.API) (all, path tree.Arr) {
	// A path has a handful of parameters: slices cost less than maps.
	var order []string // template names, with any "+", without repeats
	for _, name := range check.TemplateParams(a.ReqURI) {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	var declared []string
	all = x.mem.Arr(len(a.ReqParams) + len(order))[:0]
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
		po := x.mem.ObjOf(tree.Member{"type", "string"}, tree.Member{"name", name}, tree.Member{"in", "path"}, tree.Member{"required", true})
		all = append(all, po)
		path = append(path, po)
	}
	return all, path
}

func (x *export) parameter(a *model.API, p *model.ReqParam, name string) tree.Obj {
	o := x.mem.Obj(12)
	value := func(s string) any {
		if p.Type == "NUMBER" {
			return tree.Number(s)
		}
		return s
	}
	if p.ValidEnable == 1 {
		if p.Type == "NUMBER" {
			if p.MaxNum != 0 {
				o.Set("maximum", tree.Integer(p.MaxNum))
			}
			if p.MinNum != 0 {
				o.Set("minimum", tree.Integer(p.MinNum))
			}
		} else {
			if p.MaxSize != 0 {
				o.Set("maxLength", tree.Integer(p.MaxSize))
			}
			if p.MinSize != 0 {
				o.Set("minLength", tree.Integer(p.MinSize))
			}
		}
		if enums := p.Enums(); len(enums) > 0 {
			e := x.mem.Arr(len(enums))[:0]
			for i, v := range enums {
				if slices.ContainsFunc(enums[:i], func(w string) bool { return model.SameValue(p.Type, v, w) }) {
					// Swagger wants the values unique; the gateway may not.
					x.warn("API %s (%s): parameter %s lists the enumeration %s twice; the document lists it once", a.Name, a.ID, p.Name, v)
					continue
				}
				e = append(e, value(v))
			}
			o.Set("enum", e)
		}
	}
	o.Set("type", lowerConst(p.Type))
	if p.DefaultValue != "" {
		o.Set("default", value(p.DefaultValue))
	}
	if len(p.Orchestrations) > 0 {
		names := x.mem.Arr(len(p.Orchestrations))
		for i, id := range p.Orchestrations {
			names[i] = x.orchestrationName(a, id)
		}
		o.Set("x-apigateway-orchestrations", names)
	}
	switch p.PassThrough {
	case 1:
		o.Set("x-apigateway-pass-through", "always")
	case 2:
		o.Set("x-apigateway-pass-through", "never")
	}
	o.Set("x-apigateway-sample", tree.Str(p.SampleValue))
	o.Set("description", tree.Str(p.Remark))
	o.Set("name", name)
	o.Set("in", lowerConst(p.Location))
	if p.Location == "PATH" || p.Required == 1 {
		o.Set("required", true)
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
func (x *export) backendParams(params []model.BackendParam) tree.Arr {
	out := x.mem.Arr(len(params))
	for i, p := range params {
		out[i] = x.mem.ObjOf(tree.Member{"description", p.Remark}, tree.Member{"in", boxed(p.Location)}, tree.Member{"name", p.Name}, tree.Member{"origin", boxed(p.Origin)}, tree.Member{"value", p.Value})
	}
	return out
}

// webEndpoint maps an HTTP or HTTP-VPC backend. The main backend writes
// its scheme in lower case and has a description; policies keep the
// scheme as the model has it, as the gateway's sample shows.
func (x *export) webEndpoint(a *model.API, w *model.WebBackend, main bool) (typ, key string, ep tree.Obj, err error) {
	path, err := x.resolve(a, w.ReqURI)
	if err != nil {
		return "", "", nil, err
	}
	ep = x.mem.Obj(10)
	scheme := w.ReqProtocol
	if main {
		scheme = strings.ToLower(scheme)
	}
	if w.Channel() == 1 {
		typ, key = "HTTP-VPC", "httpVpcEndpoints"
		info := w.VPCChannelInfo
		if info.CascadeFlag != nil {
			ep.Set("cascade_flag", *info.CascadeFlag)
		}
		ep.Set("host", tree.Str(info.VPCChannelProxyHost))
		ep.Set("name", x.channelName(a, info.VPCChannelID))
	} else {
		typ, key = "HTTP", "httpEndpoints"
		addr, err := x.resolve(a, w.URLDomain)
		if err != nil {
			return "", "", nil, err
		}
		ep.Set("address", addr)
	}
	if main {
		ep.Set("description", w.Remark)
	}
	if w.EnableClientSSL != nil {
		ep.Set("enableClientSsl", *w.EnableClientSSL)
	}
	ep.Set("method", w.ReqMethod)
	ep.Set("path", path)
	if w.EnableSMChannel != nil {
		ep.Set("enableSmChannel", *w.EnableSMChannel)
	}
	if w.RetryCount != nil {
		ep.Set("retryCount", *w.RetryCount)
	}
	ep.Set("scheme", scheme)
	if w.Timeout != 0 {
		// Only a policy may leave its timeout out (model.Load).
		ep.Set("timeout", tree.Integer(w.Timeout))
	}
	return typ, key, ep.Sorted(), nil
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

func (x *export) functionEndpoint(urn, version, invocation, network, alias string, timeout int, description *string) tree.Obj {
	ep := x.mem.Obj(7)
	ep = append(ep, tree.Member{"alias-urn", alias})
	if description != nil {
		ep.Set("description", *description)
	}
	ep.Set("function-urn", urn)
	ep.Set("invocation-type", invocation)
	ep.Set("network-type", tree.Str(network))
	if timeout != 0 {
		ep.Set("timeout", tree.Integer(timeout))
	}
	ep.Set("version", version)
	return ep
}

// backend maps the default backend: x-apigateway-backend.
func (x *export) backend(a *model.API) (tree.Obj, error) {
	b := x.mem.Obj(3)
	if len(a.BackendParams) > 0 {
		b.Set("parameters", x.backendParams(a.BackendParams))
	}
	switch a.BackendType {
	case "HTTP":
		typ, key, ep, err := x.webEndpoint(a, a.BackendAPI, true)
		if err != nil {
			return nil, err
		}
		b.Set(key, ep)
		b.Set("type", typ)
	case "FUNCTION":
		f := a.FuncInfo
		b.Set("functionEndpoints", x.functionEndpoint(f.FunctionURN, f.Version, f.InvocationType, f.NetworkType, f.AliasURN, f.Timeout, &f.Remark))
		b.Set("type", "FUNCTION")
	case "MOCK":
		m := a.MockInfo
		if m == nil {
			m = &model.MockBackend{}
		}
		b.Set("mockEndpoints", x.mem.ObjOf(tree.Member{"description", m.Remark}, tree.Member{"result-content", m.ResultContent}))
		b.Set("type", "MOCK")
	}
	return b.Sorted(), nil
}

// policies maps the backend policies: x-apigateway-backend-policies.
func (x *export) policies(a *model.API) (tree.Arr, error) {
	var out tree.Arr
	policy := func(p *model.PolicyBase, typ, key string, ep tree.Obj) {
		o := x.mem.Obj(6)
		o = append(o, tree.Member{"conditions", x.conditions(p.Conditions)}, tree.Member{"effectMode", p.EffectMode}, tree.Member{key, ep}, tree.Member{"name", p.Name})
		if len(p.BackendParams) > 0 {
			o.Set("parameters", x.backendParams(p.BackendParams))
		}
		o.Set("type", typ)
		out = append(out, o.Sorted())
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
		policy(&p.PolicyBase, "MOCK", "mockEndpoints", x.mem.ObjOf(tree.Member{"result-content", p.ResultContent}))
	}
	return out, nil
}

// conditions maps policy conditions. The parameter of a condition is the
// name its origin tests: the request parameter (param), the system
// parameter (system), the cookie (cookie) or the authorizer output
// (frontend_authorizer) or the parameter an orchestration rule maps to
// (orchestration); "" for source.
func (x *export) conditions(cs []model.Condition) tree.Arr {
	out := x.mem.Arr(len(cs))
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
		out[i] = x.mem.ObjOf(tree.Member{"origin", c.ConditionOrigin}, tree.Member{"parameter", param}, tree.Member{"type", c.ConditionType}, tree.Member{"value", c.ConditionValue})
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
		b.plugins = make(tree.Arr, len(plugins))
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
func (x *export) setBound(a *model.API, ext *tree.Obj) {
	b := x.bound[a]
	ext.Set("x-apigateway-ratelimit", tree.Str(b.throttle))
	ext.Set("x-apigateway-access-control", tree.Str(b.acl))
	if b.plugins != nil {
		ext.Set("x-apigateway-plugins", b.plugins)
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
func (x *export) rateLimits() tree.Obj {
	out := tree.Obj{}
	for _, name := range sortedKeys(x.throttles) {
		t := x.throttles[name]
		o := tree.Obj{{"api-limit", tree.Integer(t.APICallLimits)}}
		if t.AppCallLimits != nil {
			o.Set("app-limit", tree.Integer(*t.AppCallLimits))
		}
		o.Set("interval", tree.Integer(t.TimeInterval))
		if t.IPCallLimits != nil {
			o.Set("ip-limit", tree.Integer(*t.IPCallLimits))
		}
		o.Set("shared", t.Type == 2)
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
			sp := make(tree.Arr, len(specials))
			for i, s := range specials {
				sp[i] = tree.Obj{{"instance", s.ObjectID}, {"limit", tree.Integer(s.CallLimits)}, {"type", s.ObjectType}}
			}
			o.Set("special", sp)
		}
		o.Set("unit", t.TimeUnit)
		if t.UserCallLimits != nil {
			o.Set("user-limit", tree.Integer(*t.UserCallLimits))
		}
		out.Set(name, o)
	}
	return out
}

// accessControls is x-apigateway-access-controls: the ACL policies that the
// exported operations name.
func (x *export) accessControls() tree.Obj {
	out := tree.Obj{}
	for _, name := range sortedKeys(x.acls) {
		a := x.acls[name]
		out.Set(name, tree.Obj{{"acl-type", a.ACLType}, {"entity-type", a.EntityType}, {"value", a.ACLValue}})
	}
	return out
}

// securityDefinitions lists the three predefined schemes and one per custom
// authorizer that an exported API uses.
func (x *export) securityDefinitions(authorizers map[string]*model.Authorizer) tree.Obj {
	defs := tree.Obj{
		{check.SchemeApp, tree.Obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{check.SchemeAppHeader, tree.Obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"},
			{"x-apigateway-auth-opt", tree.Obj{{"appcode-auth-type", "header"}}}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{check.SchemeIAM, tree.Obj{{"type", "apiKey"}, {"name", "unused"}, {"in", "header"}, {"x-apigateway-auth-type", "IAM"}}},
	}
	for _, name := range sortedKeys(authorizers) {
		s := tree.Obj{{"type", "apiKey"}, {"name", "unused"}, {"in", "header"}, {"x-apigateway-auth-type", "AUTHORIZER"}}
		if x.define == DefineAll {
			s.Set("x-apigateway-authorizer", authorizerObj(authorizers[name]))
		}
		defs.Set(check.SchemeCustom+name, s)
	}
	return defs.Sorted()
}

func authorizerObj(au *model.Authorizer) tree.Obj {
	o := tree.Obj{}
	if au.AuthDowngradeEnabled != nil {
		o.Set("auth_downgrade_enabled", *au.AuthDowngradeEnabled)
	}
	o.Set("authorizer_alias_uri", au.AuthorizerAliasURI)
	o.Set("authorizer_type", au.AuthorizerType)
	o.Set("authorizer_uri", au.AuthorizerURI)
	o.Set("authorizer_version", au.AuthorizerVersion)
	ids := tree.Arr{}
	for _, id := range au.Identities {
		ids = append(ids, tree.Obj{{"location", id.Location}, {"name", id.Name}, {"validation", id.Validation}})
	}
	o.Set("identities", ids)
	o.Set("need_body", au.NeedBody)
	network := au.NetworkType
	if network == "" {
		// The gateway's default, which its own list responses may leave
		// out.
		network = "V1"
	}
	o.Set("network_type", network)
	if au.RetryAttempts != nil {
		o.Set("retry_attempts", tree.Integer(*au.RetryAttempts))
	}
	if au.Timeout != nil {
		o.Set("timeout", tree.Integer(*au.Timeout))
	}
	o.Set("ttl", tree.Integer(au.TTL))
	o.Set("type", au.Type)
	return o
}

// gatewayResponses is x-apigateway-responses: the group's gateway
// responses by name, with the error types that differ from the gateway's
// defaults (a response that customises none exports as {}).
func (x *export) gatewayResponses() (tree.Obj, error) {
	out := tree.Obj{}
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
		types := tree.Obj{}
		for _, k := range sortedKeys(r.Responses) {
			e := r.Responses[k]
			if e.Default {
				continue
			}
			o := tree.Obj{{"body", tree.Obj{{"application/json", e.Body}}}}
			if len(e.Headers) > 0 {
				hs := make(tree.Arr, len(e.Headers))
				for i, h := range e.Headers {
					hs[i] = tree.Obj{{"key", h.Key}, {"value", h.Value}}
				}
				o.Set("headers", hs)
			}
			o.Set("status", tree.Integer(e.Status))
			types.Set(k, o)
		}
		out.Set(r.Name, types)
	}
	return out.Sorted(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
