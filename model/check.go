package model

import (
	"fmt"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The enumerations the export relies on (docs/reference.md §1), which
// [Catalogue] shares.
var (
	APITypes          = []int{1, 2}
	FrontendProtocols = []string{"HTTP", "HTTPS", "BOTH", "GRPCS"}
	Methods           = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY"}
	AuthTypes         = []string{"NONE", "APP", "IAM", "AUTHORIZER"}
	AppCodeAuthTypes  = []string{"DISABLE", "HEADER"}
	MatchModes        = []string{"NORMAL", "SWA"}
	BackendTypes      = []string{"HTTP", "FUNCTION", "MOCK", "GRPC"}
	ContentTypes      = []string{"application/json", "application/xml", "multipart/form-data", "text/plain"}
	ParamTypes        = []string{"STRING", "NUMBER"}
	ParamLocations    = []string{"PATH", "QUERY", "HEADER", "COOKIE"}
	BackendLocations  = []string{"PATH", "QUERY", "HEADER"}
	BackendOrigins    = []string{"REQUEST", "CONSTANT", "SYSTEM"}
	BackendProtocols  = []string{"HTTP", "HTTPS", "GRPC", "GRPCS"}
	// Channels are the vpc_channel_status values of a web backend or
	// policy: 1 through a VPC channel, 2 direct, 3 a livedata backend
	// (which the reference lists for policies), 4 through a channel's
	// member groups.
	Channels          = []int{1, 2, 3, 4}
	InvocationTypes   = []string{"async", "sync"}
	FunctionProtocols = []string{"HTTPS", "GRPCS"}
	NetworkTypes      = []string{"V1", "V2"}
	EffectModes       = []string{"ALL", "ANY"}
	ConditionOrigins  = []string{"param", "source", "system", "cookie", "frontend_authorizer", "orchestration"}
	MappedLocations   = []string{"header", "query"}
	SysParamNames     = []string{"req_path", "req_method", "reqPath", "reqMethod"}
	ConditionTypes    = []string{"exact", "enum", "pattern"}
	TimeUnits         = []string{"SECOND", "MINUTE", "HOUR", "DAY"}
	SpecialTypes      = []string{"APP", "USER"}
	ACLTypes          = []string{"PERMIT", "DENY"}
	ACLEntityTypes    = []string{"IP", "DOMAIN", "DOMAIN_ID"}
	AuthorizerKinds   = []string{"FRONTEND", "BACKEND"}
	AuthorizerTypes   = []string{"FUNC", "LD"}
	IdentityLocations = []string{"HEADER", "QUERY"}
	PluginTypes       = []string{"cors", "set_resp_headers", "kafka_log", "breaker", "rate_limit", "third_auth",
		"proxy_cache", "proxy_mirror", "oidc_auth", "jwt_auth"}
	OrchestrationStrategies = []string{"list", "hash", "range", "hash_range", "none_value", "default", "head_n", "tail_n"}
	// MockStatusCodes are the statuses a ROMA mock backend may answer.
	MockStatusCodes = []int{200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 306, 307,
		400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 450, 451,
		500, 501, 502, 503, 504, 505}
)

// checker checks a merged bundle.
type checker struct {
	m    *merger
	b    *Bundle
	errs ErrorList

	groups, apis, envs, throttles, acls, authorizers, responses, plugins map[string]int
}

func newChecker(m *merger) *checker {
	c := &checker{m: m, b: &m.b}
	c.groups = index(c.b.Groups, func(g Group) string { return g.ID })
	c.apis = index(c.b.APIs, func(a API) string { return a.ID })
	c.envs = index(c.b.Envs, func(e Env) string { return e.ID })
	c.throttles = index(c.b.Throttles, func(t Throttle) string { return t.ID })
	c.acls = index(c.b.ACLs, func(a ACL) string { return a.ID })
	c.authorizers = index(c.b.Authorizers, func(a Authorizer) string { return a.ID })
	c.responses = index(c.b.Responses, func(r GatewayResponse) string { return r.ID })
	c.plugins = index(c.b.Plugins, func(p Plugin) string { return p.PluginID })
	return c
}

func index[T any](list []T, id func(T) string) map[string]int {
	m := make(map[string]int, len(list))
	for i, v := range list {
		m[id(v)] = i
	}
	return m
}

// at is a position in the bundle: a loc and a path below it, kept in
// segments and made into a string only for an error.
type at struct {
	c    *checker
	l    loc
	segs [8]seg
	n    int
}

// seg is a segment of a path: a key or keys (i < 0), or key[i].
type seg struct {
	s string
	i int
}

func (c *checker) at(key string, i int) at {
	return at{c: c, l: c.m.locs[key][i]}
}

func (a at) push(s seg) at {
	if a.n == len(a.segs) {
		a.segs[0], a.n = seg{s: a.path(), i: -1}, 1
	}
	a.segs[a.n] = s
	a.n++
	return a
}

// sub is the position of s (keys, or [i]) below a.
func (a at) sub(s string) at { return a.push(seg{s: s, i: -1}) }

// index is the position of key[i] below a.
func (a at) index(key string, i int) at { return a.push(seg{s: key, i: i}) }

// path joins the segments, a dot before each but an index.
func (a at) path() string {
	var path string
	for _, sg := range a.segs[:a.n] {
		s := sg.s
		if sg.i >= 0 {
			s += "[" + strconv.Itoa(sg.i) + "]"
		}
		if path == "" || strings.HasPrefix(s, "[") {
			path += s
		} else {
			path += "." + s
		}
	}
	return path
}

func (a at) fail(format string, args ...any) {
	if len(a.c.errs) >= maxErrors {
		return
	}
	file, path := a.l.at(a.path())
	a.c.errs = append(a.c.errs, &Error{File: file, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (a *at) required(field, v string) {
	if v == "" {
		a.sub(field).fail("required, expected a non-empty string")
	}
}

func (a *at) oneOf(field, v string, allowed []string, optional bool) {
	if v == "" && optional {
		return
	}
	if !slices.Contains(allowed, v) {
		a.sub(field).fail("expected one of %s, got %q", strings.Join(allowed, ", "), v)
	}
}

func (a *at) intOneOf(field string, v int, allowed []int, optional bool) {
	if v == 0 && optional {
		return
	}
	if !slices.Contains(allowed, v) {
		strs := make([]string, len(allowed))
		for i, n := range allowed {
			strs[i] = strconv.Itoa(n)
		}
		a.sub(field).fail("expected one of %s, got %d", strings.Join(strs, ", "), v)
	}
}

// hostRE is what Swagger 2.0 allows in host: a name or address and an
// optional port, without a scheme, path or white space.
var hostRE = regexp.MustCompile(`^[^{}/ :\\]+(?::\d+)?$`)

// host checks a domain that becomes the document's host.
func (a *at) host(field, v string) {
	if !hostRE.MatchString(v) {
		a.sub(field).fail("expected a domain name with an optional :port, got %q", v)
	}
}

func (a *at) ref(field, id string, known map[string]int, what string) {
	if id == "" {
		a.sub(field).fail("required, expected the ID of %s", what)
		return
	}
	if _, ok := known[id]; !ok {
		a.sub(field).fail("%s %q is not in the bundle", what, id)
	}
}

func (c *checker) envRef(a *at, field, id string) {
	if id == DefaultEnvID {
		return
	}
	a.ref(field, id, c.envs, "environment")
}

func (c *checker) check() {
	b := c.b
	for i, g := range b.Groups {
		a := c.at("groups", i)
		a.required("id", g.ID)
		a.required("name", g.Name)
		if g.SLDomain != "" {
			a.host("sl_domain", g.SLDomain)
		}
		for j, d := range g.URLDomains {
			if d.Domain != "" {
				da := a.index("url_domains", j)
				da.host("domain", d.Domain)
			}
		}
	}
	for i := range b.APIs {
		a := c.at("apis", i)
		c.checkAPI(&a, &b.APIs[i])
	}
	for i, e := range b.Envs {
		a := c.at("envs", i)
		a.required("id", e.ID)
		a.required("name", e.Name)
	}
	for i, v := range b.Variables {
		a := c.at("variables", i)
		a.required("variable_name", v.VariableName)
		a.ref("group_id", v.GroupID, c.groups, "group")
		c.envRef(&a, "env_id", v.EnvID)
	}
	for i, v := range b.VPCChannels {
		a := c.at("vpc_channels", i)
		a.required("id", v.ID)
		a.required("name", v.Name)
	}
	for i, t := range b.Throttles {
		a := c.at("throttles", i)
		a.required("id", t.ID)
		a.required("name", t.Name)
		a.oneOf("time_unit", t.TimeUnit, TimeUnits, false)
		if t.TimeInterval <= 0 {
			a.sub("time_interval").fail("expected a positive integer, got %d", t.TimeInterval)
		}
		a.intOneOf("type", t.Type, []int{1, 2}, true)
	}
	for i, s := range b.ThrottleSpecials {
		a := c.at("throttle_specials", i)
		a.ref("throttle_id", s.ThrottleID, c.throttles, "throttle")
		a.oneOf("object_type", s.ObjectType, SpecialTypes, false)
		a.required("object_id", s.ObjectID)
	}
	for i, acl := range b.ACLs {
		a := c.at("acls", i)
		a.required("id", acl.ID)
		a.required("acl_name", acl.ACLName)
		a.oneOf("acl_type", acl.ACLType, ACLTypes, false)
		a.oneOf("entity_type", acl.EntityType, ACLEntityTypes, false)
	}
	for i, au := range b.Authorizers {
		a := c.at("authorizers", i)
		a.required("id", au.ID)
		a.required("name", au.Name)
		a.oneOf("type", au.Type, AuthorizerKinds, false)
		a.oneOf("authorizer_type", au.AuthorizerType, AuthorizerTypes, false)
		a.oneOf("network_type", au.NetworkType, NetworkTypes, true)
		for j, id := range au.Identities {
			ia := a.index("identities", j)
			ia.required("name", id.Name)
			ia.oneOf("location", id.Location, IdentityLocations, false)
		}
	}
	for i, r := range b.Responses {
		a := c.at("responses", i)
		a.required("id", r.ID)
		a.required("name", r.Name)
		a.ref("group_id", r.GroupID, c.groups, "group")
		for _, k := range slices.Sorted(maps.Keys(r.Responses)) {
			if s := r.Responses[k].Status; s < 200 || s > 599 {
				a.sub("responses").sub(k).sub("status").fail("expected an HTTP status from 200 to 599, got %d", s)
			}
		}
	}
	for i, p := range b.Plugins {
		a := c.at("plugins", i)
		a.required("plugin_id", p.PluginID)
		a.required("plugin_name", p.PluginName)
	}
	for i, o := range b.Orchestrations {
		a := c.at("orchestrations", i)
		a.required("orchestration_id", o.OrchestrationID)
		a.required("orchestration_name", o.OrchestrationName)
	}
	for i := range b.Publications {
		p := &b.Publications[i]
		a := c.at("publications", i)
		a.ref("api_id", p.APIID, c.apis, "API")
		c.envRef(&a, "env_id", p.EnvID)
		if p.API != nil {
			if p.API.ID == "" {
				p.API.ID = p.APIID
			}
			if p.API.ID != p.APIID {
				a.sub("api.id").fail("expected the publication's api_id %q, got %q", p.APIID, p.API.ID)
			}
			aa := a.sub("api")
			c.checkAPI(&aa, p.API)
		}
	}
	for i, x := range b.ThrottleBindings {
		a := c.at("throttle_bindings", i)
		a.ref("api_id", x.APIID, c.apis, "API")
		c.envRef(&a, "env_id", x.EnvID)
		a.ref("throttle_id", x.ThrottleID, c.throttles, "throttle")
	}
	for i, x := range b.ACLBindings {
		a := c.at("acl_bindings", i)
		a.ref("api_id", x.APIID, c.apis, "API")
		c.envRef(&a, "env_id", x.EnvID)
		a.ref("acl_id", x.ACLID, c.acls, "ACL policy")
	}
	for i, x := range b.PluginBindings {
		a := c.at("plugin_bindings", i)
		a.ref("api_id", x.APIID, c.apis, "API")
		c.envRef(&a, "env_id", x.EnvID)
		a.ref("plugin_id", x.PluginID, c.plugins, "plugin")
	}
	// The export keys these by name, as the gateway, which keeps names
	// unique, does.
	uniqueNames(c, "throttles", "name", b.Throttles, func(t Throttle) string { return t.Name })
	uniqueNames(c, "acls", "acl_name", b.ACLs, func(a ACL) string { return a.ACLName })
	uniqueNames(c, "authorizers", "name", b.Authorizers, func(a Authorizer) string { return a.Name })
	if len(c.errs) == 0 {
		c.addRunEnvPublications()
	}
}

func uniqueNames[T any](c *checker, key, field string, list []T, name func(T) string) {
	seen := map[string]int{}
	for i, v := range list {
		n := name(v)
		if j, dup := seen[n]; dup {
			c.at(key, i).sub(field).fail("name %q is also used by %s[%d]", n, key, j)
		}
		seen[n] = i
	}
}

// addRunEnvPublications turns each API's pipe-joined run_env_id into
// publications, unless a publication for that API and environment is given.
func (c *checker) addRunEnvPublications() {
	b := c.b
	named := false
	for i := range b.APIs {
		named = named || b.APIs[i].RunEnvID != ""
	}
	if !named {
		return // the map below costs an allocation per API
	}
	// The environments each API is published in, by API ID: an API has
	// one or two, and a map keyed by a string hashes less than one keyed
	// by a pair (in the browser, in software).
	have := make(map[string][]string, len(b.Publications)+len(b.APIs))
	for _, p := range b.Publications {
		have[p.APIID] = append(have[p.APIID], p.EnvID)
	}
	pubLocs := c.m.locs["publications"]
	added := 0
	for i, api := range b.APIs {
		if api.RunEnvID == "" {
			continue
		}
		a := c.at("apis", i)
		envs := strings.Split(api.RunEnvID, "|")
		ids := splitAligned(&a, "publish_id", api.PublishID, len(envs))
		times := splitAligned(&a, "publish_time", api.PublishTime, len(envs))
		published := have[api.ID]
		had := len(published)
		for j, env := range envs {
			if _, known := c.envs[env]; env == "" || (!known && env != DefaultEnvID) {
				c.envRef(&a, fmt.Sprintf("run_env_id (element %d)", j), env)
			}
			if slices.Contains(published, env) {
				continue
			}
			published = append(published, env)
			b.Publications = append(b.Publications, Publication{APIID: api.ID, EnvID: env, PublishID: ids[j], PublishTime: times[j]})
			pubLocs = append(pubLocs, a.l)
			added++
		}
		if len(published) > had {
			have[api.ID] = published
		}
	}
	if added > 0 {
		c.m.locs["publications"] = pubLocs
	}
}

func splitAligned(a *at, field, v string, n int) []string {
	if v == "" {
		return make([]string, n)
	}
	parts := strings.Split(v, "|")
	if len(parts) != n {
		a.sub(field).fail("expected %d pipe-separated elements, one per run_env_id element, got %d", n, len(parts))
		return make([]string, n)
	}
	return parts
}

// pathParams calls f with each {name} template of a path (the whole
// template and the name), as the regular expression \{([^{}]*)\} finds
// them: a scan, as regexp is slow in the browser (TestPathParams).
func pathParams(uri string, f func(template, name string)) {
	for i := 0; i < len(uri); i++ {
		if uri[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(uri) && uri[j] != '{' && uri[j] != '}' {
			j++
		}
		if j == len(uri) {
			return
		}
		if uri[j] == '}' {
			f(uri[i:j+1], uri[i+1:j])
			i = j
		} else {
			i = j - 1 // a new template may start at the "{"
		}
	}
}

func (c *checker) checkAPI(a *at, api *API) {
	a.required("id", api.ID)
	a.required("name", api.Name)
	a.ref("group_id", api.GroupID, c.groups, "group")
	a.intOneOf("type", api.Type, APITypes, false)
	a.oneOf("req_protocol", api.ReqProtocol, FrontendProtocols, false)
	a.oneOf("req_method", api.ReqMethod, Methods, false)
	if !strings.HasPrefix(api.ReqURI, "/") {
		a.sub("req_uri").fail("expected a path starting with /, got %q", api.ReqURI)
	}
	pathParams(api.ReqURI, func(template, name string) {
		if name := strings.TrimSuffix(name, "+"); name == "" || strings.ContainsAny(name, "+/") {
			a.sub("req_uri").fail("expected {name} or {name+} path parameters, got %q", template)
		}
	})
	a.oneOf("auth_type", api.AuthType, AuthTypes, false)
	if api.AuthOpt != nil {
		a.oneOf("auth_opt.app_code_auth_type", api.AuthOpt.AppCodeAuthType, AppCodeAuthTypes, true)
	}
	if api.AuthType == "AUTHORIZER" {
		a.ref("authorizer_id", api.AuthorizerID, c.authorizers, "authorizer")
		if i, ok := c.authorizers[api.AuthorizerID]; ok && c.b.Authorizers[i].Type != "FRONTEND" {
			a.sub("authorizer_id").fail("authorizer %q is a %s authorizer, expected a FRONTEND one", api.AuthorizerID, c.b.Authorizers[i].Type)
		}
	}
	a.oneOf("match_mode", api.MatchMode, MatchModes, true)
	a.oneOf("content_type", api.ContentType, ContentTypes, true)
	if api.ResponseID != "" {
		a.ref("response_id", api.ResponseID, c.responses, "gateway response")
	}
	a.oneOf("backend_type", api.BackendType, BackendTypes, false)
	switch api.BackendType {
	case "HTTP":
		if api.BackendAPI == nil {
			a.sub("backend_api").fail("required when backend_type is HTTP")
		} else {
			ba := a.sub("backend_api")
			c.checkWeb(&ba, api.BackendAPI, false)
		}
	case "FUNCTION":
		if api.FuncInfo == nil {
			a.sub("func_info").fail("required when backend_type is FUNCTION")
		} else {
			f := api.FuncInfo
			fa := a.sub("func_info")
			c.checkFunction(&fa, f.FunctionURN, f.InvocationType, f.NetworkType, f.Timeout, false)
			a.oneOf("func_info.req_protocol", f.ReqProtocol, FunctionProtocols, true)
		}
	case "MOCK":
		if api.MockInfo == nil {
			a.sub("mock_info").fail("required when backend_type is MOCK")
		}
	}
	var allowed string
	switch api.BackendType {
	case "HTTP":
		allowed = "policy_https"
	case "FUNCTION":
		allowed = "policy_functions"
	case "MOCK":
		allowed = "policy_mocks"
	}
	for _, p := range []struct {
		key string
		n   int
	}{{"policy_https", len(api.PolicyHTTPs)}, {"policy_functions", len(api.PolicyFunctions)}, {"policy_mocks", len(api.PolicyMocks)}} {
		if p.n > 0 && allowed != "" && p.key != allowed {
			a.sub(p.key).fail("a %s backend takes only %s policies", api.BackendType, allowed)
		}
	}
	for i := range api.PolicyHTTPs {
		p := &api.PolicyHTTPs[i]
		pa := a.index("policy_https", i)
		c.checkPolicy(&pa, &p.PolicyBase)
		c.checkWeb(&pa, p.Web(), true)
	}
	for i := range api.PolicyFunctions {
		p := &api.PolicyFunctions[i]
		pa := a.index("policy_functions", i)
		c.checkPolicy(&pa, &p.PolicyBase)
		c.checkFunction(&pa, p.FunctionURN, p.InvocationType, p.NetworkType, p.Timeout, true)
		pa.oneOf("req_protocol", p.ReqProtocol, FunctionProtocols, true)
	}
	for i := range api.PolicyMocks {
		pa := a.index("policy_mocks", i)
		c.checkPolicy(&pa, &api.PolicyMocks[i].PolicyBase)
	}
	for i := range api.ReqParams {
		p := &api.ReqParams[i]
		pa := a.index("req_params", i)
		c.checkParam(&pa, p)
		if j := sameParamBefore(api.ReqParams, i); j >= 0 {
			pa.sub("name").fail("parameter %q in %s is also req_params[%d]", p.Name, p.Location, j)
		}
	}
	c.checkBackendParams(a, api.BackendParams)
}

// paramKey is what makes two request parameters one: the location and
// name, without case for a header (both lowered, when the location is
// HEADER).
func paramKey(p *ReqParam) string {
	key := p.Location + "\x00" + p.Name
	if p.Location == "HEADER" {
		key = strings.ToLower(key)
	}
	return key
}

// sameParamBefore is the index of the last of params before i with the
// key of params[i], or -1. An API has a handful of parameters: a scan
// costs less than a map, and keys of ASCII without a NUL are compared
// without being made (TestSameParamBefore holds it to paramKey).
func sameParamBefore(params []ReqParam, i int) int {
	p := &params[i]
	plain := plainKeyPart(p.Location) && plainKeyPart(p.Name)
	for j := i - 1; j >= 0; j-- {
		q := &params[j]
		if plain && plainKeyPart(q.Location) && plainKeyPart(q.Name) {
			fp, fq := p.Location == "HEADER", q.Location == "HEADER"
			if foldEqual(p.Location, q.Location, fp, fq) && foldEqual(p.Name, q.Name, fp, fq) {
				return j
			}
			continue
		}
		if paramKey(p) == paramKey(q) {
			return j
		}
	}
	return -1
}

// plainKeyPart: ASCII without a NUL, which paramKey joins and lowers as
// it stands.
func plainKeyPart(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 || s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldEqual reports whether a and b, ASCII, are equal once a is lowered
// if lowerA and b if lowerB.
func foldEqual(a, b string, lowerA, lowerB bool) bool {
	if len(a) != len(b) {
		return false
	}
	if !lowerA && !lowerB {
		return a == b
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if lowerA && 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if lowerB && 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// checkWeb checks an HTTP or HTTP-VPC backend, or (policy set) the
// backend of a policy, whose timeout may be left out.
func (c *checker) checkWeb(a *at, w *WebBackend, policy bool) {
	a.oneOf("req_protocol", w.ReqProtocol, BackendProtocols, false)
	a.oneOf("req_method", w.ReqMethod, Methods, false)
	a.required("req_uri", w.ReqURI)
	checkTimeout(a, w.Timeout, policy)
	if w.RetryCount != nil {
		if n, err := strconv.Atoi(*w.RetryCount); err != nil || n < -1 || n > 10 {
			a.sub("retry_count").fail(`expected a string holding an integer from -1 to 10, got %q`, *w.RetryCount)
		}
	}
	a.intOneOf("vpc_channel_status", w.VPCChannelStatus, Channels, true)
	switch w.Channel() {
	case 1:
		if w.VPCChannelInfo == nil || w.VPCChannelInfo.VPCChannelID == "" {
			a.sub("vpc_channel_info.vpc_channel_id").fail("required when vpc_channel_status is 1")
		}
	case 2:
		a.required("url_domain", w.URLDomain)
	}
}

// checkTimeout checks a backend timeout in milliseconds, which a policy
// may leave out (0).
func checkTimeout(a *at, ms int, optional bool) {
	if ms < 0 || (ms == 0 && !optional) {
		a.sub("timeout").fail("expected a positive number of milliseconds, got %d", ms)
	}
}

func (c *checker) checkFunction(a *at, urn, invocation, network string, timeout int, policy bool) {
	a.required("function_urn", urn)
	a.oneOf("invocation_type", invocation, InvocationTypes, false)
	a.oneOf("network_type", network, NetworkTypes, true)
	checkTimeout(a, timeout, policy)
}

func (c *checker) checkPolicy(a *at, p *PolicyBase) {
	a.required("name", p.Name)
	a.oneOf("effect_mode", p.EffectMode, EffectModes, false)
	if len(p.Conditions) == 0 {
		a.sub("conditions").fail("expected at least one condition")
	}
	for i, cond := range p.Conditions {
		ca := a.index("conditions", i)
		ca.oneOf("condition_origin", cond.ConditionOrigin, ConditionOrigins, false)
		ca.required("condition_value", cond.ConditionValue)
		switch cond.ConditionOrigin {
		case "source":
		case "orchestration":
			// The reference requires a type of the other origins only.
			ca.oneOf("condition_type", cond.ConditionType, ConditionTypes, true)
			ca.oneOf("mapped_param_location", cond.MappedParamLocation, MappedLocations, true)
		default:
			ca.oneOf("condition_type", cond.ConditionType, ConditionTypes, false)
		}
		switch cond.ConditionOrigin {
		case "param":
			ca.required("req_param_name", cond.ReqParamName)
		case "system":
			ca.required("sys_param_name", cond.SysParamName)
		case "cookie":
			ca.required("cookie_param_name", cond.CookieParamName)
		case "frontend_authorizer":
			ca.required("frontend_authorizer_param_name", cond.FrontendAuthorizerParamName)
		}
	}
	c.checkBackendParams(a, p.BackendParams)
}

func (c *checker) checkBackendParams(a *at, params []BackendParam) {
	for i, p := range params {
		pa := a.index("backend_params", i)
		pa.required("name", p.Name)
		pa.oneOf("location", p.Location, BackendLocations, false)
		pa.oneOf("origin", p.Origin, BackendOrigins, false)
	}
}

func (c *checker) checkParam(a *at, p *ReqParam) {
	a.required("name", p.Name)
	a.oneOf("type", p.Type, ParamTypes, false)
	a.oneOf("location", p.Location, ParamLocations, false)
	a.intOneOf("required", p.Required, []int{1, 2}, true)
	a.intOneOf("valid_enable", p.ValidEnable, []int{1, 2}, true)
	a.intOneOf("pass_through", p.PassThrough, []int{1, 2}, true)
	if p.Type == "NUMBER" {
		if p.DefaultValue != "" && !IsJSONNumber(p.DefaultValue) {
			a.sub("default_value").fail("expected a number for a NUMBER parameter, got %q", p.DefaultValue)
		}
		for e := range p.enumSeq() {
			if !IsJSONNumber(e) {
				a.sub("enumerations").fail("expected comma-separated numbers for a NUMBER parameter, got %q", e)
				break
			}
		}
	}
	if p.ValidEnable != 1 {
		return
	}
	if p.MaxNum != 0 && p.MinNum > p.MaxNum {
		a.sub("min_num").fail("min_num %d is greater than max_num %d", p.MinNum, p.MaxNum)
	}
	if p.MaxSize != 0 && p.MinSize > p.MaxSize {
		a.sub("min_size").fail("min_size %d is greater than max_size %d", p.MinSize, p.MaxSize)
	}
	if p.MinSize < 0 || p.MaxSize < 0 {
		a.sub("min_size").fail("expected non-negative lengths")
	}
	if p.DefaultValue == "" {
		return
	}
	if p.hasEnums() && !p.anyEnum(func(e string) bool { return SameValue(p.Type, e, p.DefaultValue) }) {
		a.sub("default_value").fail("default %q is not one of the enumerations %q", p.DefaultValue, p.Enumerations)
	}
	switch p.Type {
	case "STRING":
		n := int64(len([]rune(p.DefaultValue)))
		if (p.MinSize != 0 && n < p.MinSize) || (p.MaxSize != 0 && n > p.MaxSize) {
			a.sub("default_value").fail("default %q has length %d, outside min_size %d and max_size %d", p.DefaultValue, n, p.MinSize, p.MaxSize)
		}
	case "NUMBER":
		if f, err := strconv.ParseFloat(p.DefaultValue, 64); err == nil {
			if (p.MinNum != 0 && f < float64(p.MinNum)) || (p.MaxNum != 0 && f > float64(p.MaxNum)) {
				a.sub("default_value").fail("default %s is outside min_num %d and max_num %d", p.DefaultValue, p.MinNum, p.MaxNum)
			}
		}
	}
}

// SameValue reports whether two values of a parameter of the type (STRING
// or NUMBER) are one, as a Swagger validator sees them: the same text, or
// for a NUMBER the same number (1 and 1.0).
func SameValue(typ, a, b string) bool {
	if a == b {
		return true
	}
	if typ != "NUMBER" {
		// Not parsed: a failed parse allocates its error, and an
		// export asks this of every value of every enumeration.
		return false
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && x == y
}

// Enums splits Enumerations at commas, trimming spaces; nil when empty.
func (p *ReqParam) Enums() []string {
	if strings.TrimSpace(p.Enumerations) == "" {
		return nil
	}
	parts := strings.Split(p.Enumerations, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// enumSeq is Enums one by one, without making the list (the checker
// asks it of every parameter; TestEnumSeq).
func (p *ReqParam) enumSeq() iter.Seq[string] {
	return func(yield func(string) bool) {
		if !p.hasEnums() {
			return
		}
		rest := p.Enumerations
		for {
			part, after, found := strings.Cut(rest, ",")
			if !yield(strings.TrimSpace(part)) || !found {
				return
			}
			rest = after
		}
	}
}

// hasEnums reports whether Enums has any.
func (p *ReqParam) hasEnums() bool { return strings.TrimSpace(p.Enumerations) != "" }

// anyEnum reports whether f holds for one of Enums.
func (p *ReqParam) anyEnum(f func(string) bool) bool {
	for e := range p.enumSeq() {
		if f(e) {
			return true
		}
	}
	return false
}

// IsJSONNumber reports whether s is a number in JSON syntax,
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else: a scan,
// as regexp is slow in the browser (TestIsJSONNumber).
func IsJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() bool {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > start
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
