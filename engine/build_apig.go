package engine

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

var (
	variableRE = regexp.MustCompile(`#([^#\s]+)#`)
)

// The document is built in two parts, so that an export can check and
// write each Path Item as soon as it is built and then let it go: root, the
// document but its Path Items, then pathItems, which hands them over one
// by one.

func (x *exporter) authorizer(id string) *model.Authorizer {
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

// security is an operation's security requirement, or nil for none; the
// same in both versions.
func (x *exporter) security(a *model.API) any {
	switch a.AuthType {
	case "APP":
		if a.AuthOpt != nil && a.AuthOpt.AppCodeAuthType == "HEADER" {
			return securityAppHeader
		}
		return securityApp
	case "IAM":
		return securityIAM
	case "AUTHORIZER":
		s, ok := x.customSecurity[a.AuthorizerID]
		if !ok {
			s = tree.Arr{tree.Obj{{check.SchemeCustom + x.authorizer(a.AuthorizerID).Name, tree.Arr{}}}}
			if x.customSecurity == nil {
				x.customSecurity = map[string]any{}
			}
			x.customSecurity[a.AuthorizerID] = s
		}
		return s
	}
	return nil
}

// number is tree.Integer(n) as a value of the tree. The APIs repeat the
// same few integers (bounds, timeouts), so each is formatted and boxed
// once and then shared (the tree is not changed once built), through a
// small cache rather than a map: a map grew with the bundle and hashes in
// software in WASM. The cache is two-way (a number goes in one of two
// neighbouring slots, by a multiplicative hash): a number that misses is
// only boxed again.
func (x *exporter) number(n int64) any {
	const bits = 7 // log2 of len(x.numbers)
	i := (uint64(n) * 0x9e3779b97f4a7c15 >> (64 - bits)) &^ 1
	s := &x.numbers[i]
	if s.v != nil && s.n == n {
		return s.v
	}
	if t := &x.numbers[i+1]; t.v != nil && t.n == n {
		return t.v
	} else if s.v != nil {
		s = t // keep the first
	}
	s.n, s.v = n, tree.Integer(n)
	return s.v
}

// tags are an operation's tags, each once, or nil for none; the same in
// both versions.
func (x *exporter) tags(a *model.API) tree.Arr {
	if len(a.Tags) == 0 {
		return nil
	}
	tags := x.mem.Arr(len(a.Tags))[:0]
	for i, t := range a.Tags {
		if slices.Contains(a.Tags[:i], t) {
			// Swagger wants the tags unique; the gateway may not.
			x.warn("API %s (%s) has the tag %s twice; the document lists it once", a.Name, a.ID, t)
			continue
		}
		tags = append(tags, tree.StrAt(&a.Tags[i]))
	}
	return tags
}

// paramValue is *s, a value of parameter p held by the bundle, as the
// document holds it (see tree.StrAt).
func paramValue(p *model.ReqParam, s *string) any {
	if p.Type == "NUMBER" {
		return tree.NumberAt(s)
	}
	return tree.StrAt(s)
}

// paramValueOf is paramValue for a value the bundle does not hold.
func (x *exporter) paramValueOf(p *model.ReqParam, s string) any {
	if p.Type == "NUMBER" {
		return x.mem.Number(s)
	}
	return x.mem.String(s)
}

// paramBounds sets a parameter's bounds and enumeration, when its
// validation is enabled, on o (Swagger 2.0's parameter, OpenAPI 3.0's
// schema), and returns the enumeration as the model has it.
func (x *exporter) paramBounds(a *model.API, p *model.ReqParam, o *tree.Obj) (enums []string) {
	if p.ValidEnable != 1 {
		return nil
	}
	if p.Type == "NUMBER" {
		if p.MaxNum != 0 {
			o.Set("maximum", x.number(p.MaxNum))
		}
		if p.MinNum != 0 {
			o.Set("minimum", x.number(p.MinNum))
		}
	} else {
		if p.MaxSize != 0 {
			o.Set("maxLength", x.number(p.MaxSize))
		}
		if p.MinSize != 0 {
			o.Set("minLength", x.number(p.MinSize))
		}
	}
	if enums = p.Enums(); len(enums) > 0 {
		e := x.mem.Arr(len(enums))[:0]
		for i, v := range enums {
			if slices.ContainsFunc(enums[:i], func(w string) bool { return model.SameValue(p.Type, v, w) }) {
				// Swagger wants the values unique; the gateway may not.
				x.warn("API %s (%s): parameter %s lists the enumeration %s twice; the document lists it once", a.Name, a.ID, p.Name, v)
				continue
			}
			e = append(e, x.paramValueOf(p, v))
		}
		o.Set("enum", x.mem.BoxArr(e))
	}
	return enums
}

// paramExtensions sets a parameter's x-apigateway-orchestrations and
// x-apigateway-pass-through on o, the same in both versions.
func (x *exporter) paramExtensions(a *model.API, p *model.ReqParam, o *tree.Obj) {
	if len(p.Orchestrations) > 0 {
		names := x.mem.Arr(len(p.Orchestrations))
		for i, id := range p.Orchestrations {
			names[i] = x.orchestrationName(a, id)
		}
		o.Set("x-apigateway-orchestrations", x.mem.BoxArr(names))
	}
	switch p.PassThrough {
	case 1:
		o.Set("x-apigateway-pass-through", "always")
	case 2:
		o.Set("x-apigateway-pass-through", "never")
	}
}

// lowerConst is strings.ToLower for the parameter types and locations
// and the backend protocols, which it answers with constants: boxing a
// constant allocates nothing.
func lowerConst(s string) any {
	switch s {
	case "HTTP":
		return "http"
	case "HTTPS":
		return "https"
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

// orchestrationName is the name of orchestration rule id as a value of
// the tree.
func (x *exporter) orchestrationName(a *model.API, id string) any {
	if o := x.b.Orchestration(id); o != nil {
		return tree.StrAt(&o.OrchestrationName)
	}
	x.warn("API %s (%s): orchestration rule %s is not in the bundle; its ID is exported instead of its name", a.Name, a.ID, id)
	return x.mem.String(id)
}

// responseName is the name of gateway response id as a value of the
// tree.
func (x *exporter) responseName(id string) any {
	for i := range x.b.Responses {
		if r := &x.b.Responses[i]; r.ID == id {
			return tree.StrAt(&r.Name)
		}
	}
	return x.mem.String(id) // model.Load checks that it exists
}

// resolve substitutes environment variables when asked to.
func (x *exporter) resolve(a *model.API, s string) (string, error) {
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
			fmt.Sprintf("Environment variable %s used by API %s (%s) has no value in environment %s", missing, a.Name, a.ID, x.env.Name))
	}
	return out, nil
}

// resolveAt is resolve for *s, a string of the bundle, as a value of the
// tree: *s itself when nothing is substituted (see tree.StrAt).
func (x *exporter) resolveAt(a *model.API, s *string) (any, error) {
	if !x.opts.ResolveVars || !strings.Contains(*s, "#") {
		return tree.StrAt(s), nil
	}
	out, err := x.resolve(a, *s)
	if err != nil {
		return nil, err
	}
	return x.mem.String(out), nil
}

// backendParams maps backend parameters, in model order.
func (x *exporter) backendParams(params []model.BackendParam) tree.Arr {
	out := x.mem.Arr(len(params))
	for i := range params {
		p := &params[i]
		// Appended in place rather than through ObjOf, whose copy of its
		// arguments is a bulk write barrier, dear in WASM.
		out[i] = x.mem.Box(append(x.mem.Obj(5), tree.Member{"description", tree.StrAt(&p.Remark)}, tree.Member{"in", tree.StrAt(&p.Location)},
			tree.Member{"name", tree.StrAt(&p.Name)}, tree.Member{"origin", tree.StrAt(&p.Origin)}, tree.Member{"value", tree.StrAt(&p.Value)}))
	}
	return out
}

// webEndpoint maps an HTTP or HTTP-VPC backend. The main backend writes
// its scheme in lower case and has a description; policies keep the
// scheme as the model has it, as the gateway's sample shows. typ is HTTP
// or HTTP-VPC, as a value of the tree.
func (x *exporter) webEndpoint(a *model.API, w *model.WebBackend, main bool) (typ any, key string, ep tree.Obj, err error) {
	path, err := x.resolveAt(a, &w.ReqURI)
	if err != nil {
		return nil, "", nil, err
	}
	var scheme any
	if main {
		scheme = lowerConst(w.ReqProtocol)
	} else {
		scheme = tree.StrAt(&w.ReqProtocol)
	}
	// The members are set in byte order of their keys, so that Sorted
	// has nothing to move: each move is write barriers, dear in WASM.
	ep = x.mem.Obj(10)
	var info *model.VPCInfo
	if w.Channel() == 1 {
		typ, key = "HTTP-VPC", "httpVpcEndpoints"
		info = w.VPCChannelInfo
	} else {
		typ, key = "HTTP", "httpEndpoints"
		addr, err := x.resolveAt(a, &w.URLDomain)
		if err != nil {
			return nil, "", nil, err
		}
		ep.Set("address", addr)
	}
	if info != nil && info.CascadeFlag != nil {
		ep.Set("cascade_flag", *info.CascadeFlag)
	}
	if main {
		ep.Set("description", tree.StrAt(&w.Remark))
	}
	if w.EnableClientSSL != nil {
		ep.Set("enableClientSsl", *w.EnableClientSSL)
	}
	if w.EnableSMChannel != nil {
		ep.Set("enableSmChannel", *w.EnableSMChannel)
	}
	if info != nil {
		ep.Set("host", tree.StrAtOrNil(&info.VPCChannelProxyHost))
	}
	ep.Set("method", tree.StrAt(&w.ReqMethod))
	if info != nil {
		ep.Set("name", x.channelName(a, info.VPCChannelID))
	}
	ep.Set("path", path)
	if w.RetryCount != nil {
		ep.Set("retryCount", tree.StrAt(w.RetryCount))
	}
	ep.Set("scheme", scheme)
	if w.Timeout != 0 {
		// Only a policy may leave its timeout out (model.Load).
		ep.Set("timeout", x.number(int64(w.Timeout)))
	}
	return typ, key, ep.Sorted(), nil
}

// channelName is the name of VPC channel id as a value of the tree.
func (x *exporter) channelName(a *model.API, id string) any {
	if c := x.b.VPCChannel(id); c != nil {
		return tree.StrAt(&c.Name)
	}
	x.warn("API %s (%s): VPC channel %s is not in the bundle; its ID is exported instead of its name", a.Name, a.ID, id)
	return x.mem.String(id)
}

// functionEndpoint maps a FunctionGraph backend, the main one (with its
// description) or a policy's: the fields of the bundle it reads are
// boxed where they are (tree.StrAt).
func (x *exporter) functionEndpoint(urn, version, invocation, network, alias *string, timeout int, description *string) any {
	ep := x.mem.Obj(7)
	ep = append(ep, tree.Member{"alias-urn", tree.StrAt(alias)})
	if description != nil {
		ep.Set("description", tree.StrAt(description))
	}
	ep.Set("function-urn", tree.StrAt(urn))
	ep.Set("invocation-type", tree.StrAt(invocation))
	ep.Set("network-type", tree.StrAtOrNil(network))
	if timeout != 0 {
		ep.Set("timeout", x.number(int64(timeout)))
	}
	ep.Set("version", tree.StrAt(version))
	return x.mem.Box(ep)
}

// backend maps the default backend: x-apigateway-backend.
func (x *exporter) backend(a *model.API) (tree.Obj, error) {
	// The endpoint's key sorts before parameters, which sorts before
	// type: set in that order, Sorted has nothing to move (each move is
	// write barriers, dear in WASM).
	var key string
	var ep, typ any
	switch a.BackendType {
	case "HTTP":
		t, k, o, err := x.webEndpoint(a, a.BackendAPI, true)
		if err != nil {
			return nil, err
		}
		key, ep, typ = k, x.mem.Box(o), t
	case "FUNCTION":
		f := a.FuncInfo
		key, typ = "functionEndpoints", "FUNCTION"
		ep = x.functionEndpoint(&f.FunctionURN, &f.Version, &f.InvocationType, &f.NetworkType, &f.AliasURN, f.Timeout, &f.Remark)
	case "MOCK":
		m := a.MockInfo
		if m == nil {
			m = &noMock
		}
		key, typ = "mockEndpoints", "MOCK"
		ep = x.mem.Box(x.mem.ObjOf(tree.Member{"description", tree.StrAt(&m.Remark)}, tree.Member{"result-content", tree.StrAt(&m.ResultContent)}))
	}
	b := x.mem.Obj(3)
	b.Set(key, ep)
	if len(a.BackendParams) > 0 {
		b.Set("parameters", x.mem.BoxArr(x.backendParams(a.BackendParams)))
	}
	b.Set("type", typ)
	return b.Sorted(), nil
}

// noMock stands for a MOCK backend without mock_info; nothing writes to
// it.
var noMock model.MockBackend

// policies maps the backend policies: x-apigateway-backend-policies.
func (x *exporter) policies(a *model.API) (tree.Arr, error) {
	out := x.mem.Arr(len(a.PolicyHTTPs) + len(a.PolicyFunctions) + len(a.PolicyMocks))[:0]
	policy := func(p *model.PolicyBase, typ any, key string, ep any) {
		o := x.mem.Obj(6)
		o = append(o, tree.Member{"conditions", x.mem.BoxArr(x.conditions(p.Conditions))}, tree.Member{"effectMode", tree.StrAt(&p.EffectMode)},
			tree.Member{key, ep}, tree.Member{"name", tree.StrAt(&p.Name)})
		if len(p.BackendParams) > 0 {
			o.Set("parameters", x.mem.BoxArr(x.backendParams(p.BackendParams)))
		}
		o.Set("type", typ)
		out = append(out, x.mem.Box(o.Sorted()))
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		typ, key, ep, err := x.webEndpoint(a, p.Web(), false)
		if err != nil {
			return nil, err
		}
		policy(&p.PolicyBase, typ, key, x.mem.Box(ep))
	}
	for i := range a.PolicyFunctions {
		p := &a.PolicyFunctions[i]
		policy(&p.PolicyBase, "FUNCTION", "functionEndpoints",
			x.functionEndpoint(&p.FunctionURN, &p.Version, &p.InvocationType, &p.NetworkType, &p.AliasURN, p.Timeout, nil))
	}
	for i := range a.PolicyMocks {
		p := &a.PolicyMocks[i]
		policy(&p.PolicyBase, "MOCK", "mockEndpoints", x.mem.Box(x.mem.ObjOf(tree.Member{"result-content", tree.StrAt(&p.ResultContent)})))
	}
	return out, nil
}

// conditions maps policy conditions. The parameter of a condition is the
// name its origin tests: the request parameter (param), the system
// parameter (system), the cookie (cookie) or the authorizer output
// (frontend_authorizer) or the parameter an orchestration rule maps to
// (orchestration); "" for source.
func (x *exporter) conditions(cs []model.Condition) tree.Arr {
	out := x.mem.Arr(len(cs))
	for i := range cs {
		c := &cs[i]
		var param any = ""
		switch c.ConditionOrigin {
		case "param":
			param = tree.StrAt(&c.ReqParamName)
		case "system":
			param = tree.StrAt(&c.SysParamName)
		case "cookie":
			param = tree.StrAt(&c.CookieParamName)
		case "frontend_authorizer":
			param = tree.StrAt(&c.FrontendAuthorizerParamName)
		case "orchestration":
			param = tree.StrAt(&c.MappedParamName)
		}
		// Appended in place, as in backendParams.
		out[i] = x.mem.Box(append(x.mem.Obj(4), tree.Member{"origin", tree.StrAt(&c.ConditionOrigin)}, tree.Member{"parameter", param},
			tree.Member{"type", tree.StrAt(&c.ConditionType)}, tree.Member{"value", tree.StrAt(&c.ConditionValue)}))
	}
	return out
}

// bindings are the policies bound in the export's environment, by API ID:
// one table, so that an API's bindings cost one lookup (a table rather
// than a map: see check.Firsts).
type bindings struct{ byAPI check.Firsts[apiBindings] }

// apiBindings are the policies bound to one API.
type apiBindings struct {
	throttles []*model.Throttle
	acls      []*model.ACL
	plugins   []string
}

// of returns the bindings of API id, adding them. They are held in the
// table, not each allocated: the pointer is valid until the next call.
func (bs *bindings) of(id string) *apiBindings {
	b, _ := bs.byAPI.Add(id, apiBindings{})
	return b
}

// get returns the bindings of API id, or nil.
func (bs *bindings) get(id string) *apiBindings { return bs.byAPI.Get(id) }

// indexBindings reads the bindings of the environment once, so that each
// API's lookup costs what it binds, not what the bundle holds.
func (x *exporter) indexBindings() *bindings {
	if x.bindingIndex != nil {
		return x.bindingIndex
	}
	bs := &bindings{}
	bs.byAPI.Init(len(x.apis))
	throttles := make(map[string]*model.Throttle, len(x.b.Throttles))
	for i := range x.b.Throttles {
		throttles[x.b.Throttles[i].ID] = &x.b.Throttles[i]
	}
	acls := make(map[string]*model.ACL, len(x.b.ACLs))
	for i := range x.b.ACLs {
		acls[x.b.ACLs[i].ID] = &x.b.ACLs[i]
	}
	plugins := make(map[string]string, len(x.b.Plugins))
	for _, p := range x.b.Plugins {
		plugins[p.PluginID] = p.PluginName
	}
	for _, b := range x.b.ThrottleBindings {
		if t := throttles[b.ThrottleID]; t != nil && b.EnvID == x.env.ID {
			ab := bs.of(b.APIID)
			ab.throttles = append(ab.throttles, t)
		}
	}
	for _, b := range x.b.ACLBindings {
		if a := acls[b.ACLID]; a != nil && b.EnvID == x.env.ID {
			ab := bs.of(b.APIID)
			ab.acls = append(ab.acls, a)
		}
	}
	for _, b := range x.b.PluginBindings {
		if name, ok := plugins[b.PluginID]; ok && b.EnvID == x.env.ID {
			ab := bs.of(b.APIID)
			ab.plugins = append(ab.plugins, name)
		}
	}
	x.bindingIndex = bs
	return bs
}

// bind picks what is bound to the API, x.apis[at], in the environment
// (define=all): one throttle and one ACL, which the root lists, and the
// plugins.
func (x *exporter) bind(a *model.API, at int) {
	ab := x.indexBindings().get(a.ID)
	if ab == nil {
		return
	}
	var b bound
	var buf [2]string // room for the names of pick
	names, throttle := pick(buf[:0], ab.throttles, func(t *model.Throttle) string { return t.Name })
	if name := x.one(a, "throttling policies", names); name != "" {
		if x.throttles == nil {
			x.throttles = map[string]*model.Throttle{}
		}
		x.throttles[name] = throttle
		b.throttle = x.boxedName(name)
	}
	names, acl := pick(buf[:0], ab.acls, func(a *model.ACL) string { return a.ACLName })
	if name := x.one(a, "access control policies", names); name != "" {
		if x.acls == nil {
			x.acls = map[string]*model.ACL{}
		}
		x.acls[name] = acl
		b.acl = x.boxedName(name)
	}
	if plugins := ab.plugins; len(plugins) == 1 {
		b.plugins = x.onePlugin(plugins[0])
	} else if len(plugins) > 1 {
		arr := make(tree.Arr, len(plugins))
		for i, n := range plugins {
			arr[i] = x.boxedName(n) // boxed once per export: APIs share plugins
		}
		slices.SortFunc(arr, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
		b.plugins = arr // boxed once, here
	}
	if b.throttle != nil || b.acl != nil || b.plugins != nil {
		if x.bound == nil {
			x.bound = make([]bound, len(x.apis))
		}
		x.bound[at] = b
	}
}

// onePlugin is the x-apigateway-plugins list of an API bound to the one
// plugin name, boxed once per export and shared by the APIs bound to it
// alone, as most are: a list each cost two allocations per API, and at
// 10,000 APIs a cache miss where the writer reads it, in path order.
func (x *exporter) onePlugin(name string) any {
	v, ok := x.pluginLists[name]
	if !ok {
		v = tree.Arr{x.boxedName(name)}
		if x.pluginLists == nil {
			x.pluginLists = map[string]any{}
		}
		x.pluginLists[name] = v
	}
	return v
}

// boxedName is the name of a policy as a value of the tree, boxed once
// per export: many APIs share a policy.
func (x *exporter) boxedName(name string) any {
	v, ok := x.policyNames[name]
	if !ok {
		v = name
		if x.policyNames == nil {
			x.policyNames = map[string]any{}
		}
		x.policyNames[name] = v
	}
	return v
}

// pick returns the distinct names of the policies bound to an API, sorted,
// and the policy of the first name (the last bound, when several share
// it), appending the names to names. An API has one or two policies of
// a kind: no map is needed.
func pick[P any](names []string, policies []P, name func(P) string) (_ []string, first P) {
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
func (x *exporter) one(a *model.API, what string, names []string) string {
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
func (x *exporter) rateLimits() tree.Obj {
	out := tree.Obj{}
	for _, name := range slices.Sorted(maps.Keys(x.throttles)) {
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
func (x *exporter) accessControls() tree.Obj {
	out := tree.Obj{}
	for _, name := range slices.Sorted(maps.Keys(x.acls)) {
		a := x.acls[name]
		out.Set(name, tree.Obj{{"acl-type", a.ACLType}, {"entity-type", a.EntityType}, {"value", a.ACLValue}})
	}
	return out
}

// gatewayResponses is x-apigateway-responses: the group's gateway
// responses by name, with the error types that differ from the gateway's
// defaults (a response that customises none exports as {}).
func (x *exporter) gatewayResponses() (tree.Obj, error) {
	out := tree.Obj{}
	byName := map[string]string{}
	for _, r := range x.b.Responses {
		if r.GroupID != x.group.ID {
			continue
		}
		if id, dup := byName[r.Name]; dup {
			return nil, newError(statusBadRequest, CodeInvalidParam,
				fmt.Sprintf("Gateway responses %s and %s of group %s share the name %s", id, r.ID, x.group.Name, r.Name))
		}
		byName[r.Name] = r.ID
		types := tree.Obj{}
		for _, k := range slices.Sorted(maps.Keys(r.Responses)) {
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

// operationExtensions appends the x-apigateway-* members of the
// operation of an API, x.apis[at], to op, sorted, the same in every
// version of the document. They are set in byte order of their keys,
// rather than sorted after, and straight into op, which has room for
// them: copying them there after cost a bulk write barrier per
// operation, dear in WASM.
func (x *exporter) operationExtensions(a *model.API, at int, op *tree.Obj) error {
	var backend, policies, throttle, acl, plugins any
	if x.define != DefineSpec {
		b, err := x.backend(a)
		if err != nil {
			return err
		}
		backend = x.mem.Box(b)
		ps, err := x.policies(a)
		if err != nil {
			return err
		}
		if len(ps) > 0 {
			policies = x.mem.BoxArr(ps)
		}
	}
	if x.define == DefineAll {
		if x.bound != nil {
			b := &x.bound[at]
			throttle, acl, plugins = b.throttle, b.acl, b.plugins
		}
	}
	ext := op
	ext.Set("x-apigateway-access-control", acl)
	ext.Set("x-apigateway-backend", backend)
	ext.Set("x-apigateway-backend-policies", policies)
	ext.Set("x-apigateway-content-type", tree.StrAtOrNil(&a.ContentType))
	ext.Set("x-apigateway-cors", a.CORS)
	if a.IsSendFgBodyBase64 != nil {
		ext.Set("x-apigateway-is-send-fg-body-base64", *a.IsSendFgBodyBase64)
	}
	if a.MatchMode == "" {
		ext.Set("x-apigateway-match-mode", "NORMAL")
	} else {
		ext.Set("x-apigateway-match-mode", tree.StrAt(&a.MatchMode))
	}
	ext.Set("x-apigateway-plugins", plugins)
	ext.Set("x-apigateway-ratelimit", throttle)
	if a.Type == 2 {
		ext.Set("x-apigateway-request-type", "private")
	} else {
		ext.Set("x-apigateway-request-type", "public")
	}
	if a.ResponseID != "" {
		ext.Set("x-apigateway-response", x.responseName(a.ResponseID))
	}
	return nil
}
