package engine

import (
	"fmt"
	"maps"
	"slices"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

// root builds the document with an empty Paths Object. It reads every
// selected API for what the root depends on: the custom authorizers they
// use, the policies bound to them (define=all) and whether any has a
// method that validators see.
func (x *exporter) root() (tree.Obj, error) {
	authorizers, err := x.readAPIs()
	if err != nil {
		return nil, err
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

// readAPIs reads every selected API, in one pass, for what the root
// depends on: the checks of conflicts.check and, for OpenAPI 3.0, that
// each custom authorizer's scheme is a component name; the custom
// authorizers they use, by name; the policies bound to them
// (define=all); and whether any has a method that validators see. One
// pass rather than one per question: at 10,000 APIs the APIs leave the
// caches, and each pass over them costs misses. The refusals are those
// of the passes one after the other: an authorizer's name before any
// conflict, each the first API's.
func (x *exporter) readAPIs() (map[string]*model.Authorizer, error) {
	c := x.newConflicts()
	var conflict error
	authorizers := map[string]*model.Authorizer{}
	for i, a := range x.apis {
		var au *model.Authorizer
		if a.AuthType == "AUTHORIZER" {
			au = x.authorizer(a.AuthorizerID)
			if x.oas3 != nil && !isComponentName(check.SchemeCustom+au.Name) {
				return nil, x.unsupported(a, fmt.Sprintf("uses the custom authorizer %s, and its security scheme %s%s is not a component name (letters, digits, '.', '-' and '_')", au.Name, check.SchemeCustom, au.Name))
			}
		}
		if conflict != nil {
			continue // only an authorizer's name comes before it
		}
		if conflict = c.check(a); conflict != nil {
			continue
		}
		if !x.standard && slices.Contains(check.MethodOrder[:], a.ReqMethod) {
			x.standard = true
		}
		if au != nil {
			authorizers[au.Name] = au
		}
		if x.define == DefineAll {
			x.bind(a, i)
		}
	}
	if conflict != nil {
		return nil, conflict
	}
	return authorizers, nil
}

// operation maps one API, x.apis[at], to an Operation Object and also
// returns its path parameters.
func (x *exporter) operation(a *model.API, at int) (tree.Obj, tree.Arr, error) {
	if x.oas3 != nil {
		return x.operationOAS3(a, at)
	}
	op := x.mem.Obj(20)
	op.Set("security", x.security(a))
	op.Set("description", tree.StrAtOrNil(&a.Remark))
	switch a.ReqProtocol {
	case "HTTP":
		op.Set("schemes", schemesHTTP)
	case "HTTPS":
		op.Set("schemes", schemesHTTPS)
	case "BOTH":
		op.Set("schemes", schemesBoth)
	}
	if tags := x.tags(a); tags != nil {
		op.Set("tags", x.mem.BoxArr(tags))
	}
	op.Set("operationId", tree.StrAt(&a.Name))
	params, pathParams := x.parameters(a)
	if len(params) > 0 {
		op.Set("parameters", x.mem.BoxArr(params))
	}
	op.Set("responses", x.mem.Box(x.mem.ObjOf(
		tree.Member{"default", defaultResponseRef},
		tree.Member{"x-apigateway-result-failure-sample", tree.StrAt(&a.ResultFailureSample)},
		tree.Member{"x-apigateway-result-normal-sample", tree.StrAt(&a.ResultNormalSample)},
	)))

	if err := x.operationExtensions(a, at, &op); err != nil {
		return nil, nil, err
	}
	return op, pathParams, nil
}

// parameters maps the request parameters, declaring every path template
// parameter: {name+} is declared as "name+", which validators accept.
func (x *exporter) parameters(a *model.API) (all, path tree.Arr) {
	// A path has a handful of parameters: slices cost less than maps.
	// Both are the exporter's scratch space.
	names := x.templateParams(a.ReqURI)
	order := names[:0] // template names, with any "+", without repeats
	for _, name := range names {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	declared := x.declared[:0]
	all = x.mem.Arr(len(a.ReqParams) + len(order))[:0]
	path = x.mem.Arr(len(order))[:0]
	for i := range a.ReqParams {
		p := &a.ReqParams[i]
		name := p.Name
		if p.Location == "PATH" {
			if !slices.Contains(order, name) {
				if plus := slices.IndexFunc(order, func(o string) bool { return isPlusOf(o, name) }); plus >= 0 {
					name = order[plus] // name+"+", without building it
				}
			}
			if !slices.Contains(order, name) {
				x.warn("API %s (%s): path parameter %s does not appear in %s and is left out", a.Name, a.ID, p.Name, a.ReqURI)
				continue
			}
			declared = append(declared, name)
		}
		po := x.mem.Box(x.parameter(a, p, name)) // boxed once for both lists
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
		var po tree.Obj
		if x.oas3 != nil {
			po = x.undeclaredPathParamOAS3(name)
		} else {
			po = x.mem.ObjOf(tree.Member{"type", "string"}, tree.Member{"name", x.mem.String(name)}, tree.Member{"in", "path"}, tree.Member{"required", true})
		}
		boxed := x.mem.Box(po)
		all = append(all, boxed)
		path = append(path, boxed)
	}
	x.declared = declared
	return all, path
}

// parameter maps a request parameter, declared as name (p.Name, or
// p.Name+"+" for {name+}).
func (x *exporter) parameter(a *model.API, p *model.ReqParam, name string) tree.Obj {
	if x.oas3 != nil {
		return x.parameterOAS3(a, p, name)
	}
	o := x.mem.Obj(12)
	x.paramBounds(a, p, &o)
	o.Set("type", lowerConst(p.Type))
	if p.DefaultValue != "" {
		o.Set("default", paramValue(p, &p.DefaultValue))
	}
	x.paramExtensions(a, p, &o)
	o.Set("x-apigateway-sample", tree.StrAtOrNil(&p.SampleValue))
	o.Set("description", tree.StrAtOrNil(&p.Remark))
	o.Set("name", x.paramName(p, name))
	o.Set("in", lowerConst(p.Location))
	if p.Location == "PATH" || p.Required == 1 {
		o.Set("required", true)
	}
	return o
}

// isPlusOf reports whether o is name+"+".
func isPlusOf(o, name string) bool {
	return len(o) == len(name)+1 && o[len(name)] == '+' && o[:len(name)] == name
}

// paramName is name, p.Name or p.Name+"+", as a value of the tree.
func (x *exporter) paramName(p *model.ReqParam, name string) any {
	if name == p.Name {
		return tree.StrAt(&p.Name)
	}
	return x.mem.String(name)
}

// securityDefinitions lists the three predefined schemes and one per custom
// authorizer that an exported API uses.
func (x *exporter) securityDefinitions(authorizers map[string]*model.Authorizer) tree.Obj {
	defs := tree.Obj{
		{check.SchemeApp, tree.Obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{check.SchemeAppHeader, tree.Obj{{"type", "apiKey"}, {"name", "Authorization"}, {"in", "header"},
			{"x-apigateway-auth-opt", tree.Obj{{"appcode-auth-type", "header"}}}, {"x-apigateway-auth-type", "AppSigv1"}}},
		{check.SchemeIAM, tree.Obj{{"type", "apiKey"}, {"name", "unused"}, {"in", "header"}, {"x-apigateway-auth-type", "IAM"}}},
	}
	for _, name := range slices.Sorted(maps.Keys(authorizers)) {
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
