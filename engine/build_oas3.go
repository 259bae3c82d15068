package engine

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/apigexport/apigexport/model"
)

// The OpenAPI 3.0 mapping (docs/export.md §4b): the same selection, scopes
// and x-apigateway-* values as Swagger 2.0 (build.go builds them), in
// OpenAPI 3.0's places, every object with its keys sorted as the gateway's
// OpenAPI files have them.

// oas3Export is what an OpenAPI 3.0 export keeps beside the Swagger one:
// the servers that operations share.
type oas3Export struct {
	// The servers of the root and of HTTP, HTTPS and BOTH operations; nil
	// when the group has no host.
	both, http, https any
}

// defaultCORS is the name of the gateway's response component.
const defaultCORS = "default-cors"

// kind names the document's version in refusals.
func (x *export) kind() string {
	if x.oas3 != nil {
		return "an OpenAPI 3.0"
	}
	return "a Swagger 2.0"
}

// rootOAS3 is root for OpenAPI 3.0: components (responses,
// securitySchemes and the gateway's named maps), info, openapi, an empty
// Paths Object and servers.
func (x *export) rootOAS3() (obj, error) {
	for _, a := range x.apis {
		if a.AuthType != "AUTHORIZER" {
			continue
		}
		if name := x.authorizer(a.AuthorizerID).Name; !isComponentName(schemeCustom + name) {
			return nil, x.unsupported(a, sprintf("uses the custom authorizer %s, and its security scheme %s%s is not a component name (letters, digits, '.', '-' and '_')", name, schemeCustom, name))
		}
	}
	// root reads the selected APIs and builds the Swagger 2.0 parts that
	// 3.0 keeps (security schemes, policies, gateway responses).
	swagger, err := x.root()
	if err != nil {
		return nil, err
	}
	if host := x.host(); host != "" {
		httpURL, httpsURL := obj{{"url", "http://" + host}}, obj{{"url", "https://" + host}}
		x.oas3.both, x.oas3.http, x.oas3.https = arr{httpURL, httpsURL}, arr{httpURL}, arr{httpsURL}
	}
	schemes := asObj(swagger.get("securityDefinitions"))
	for _, m := range schemes {
		asObj(m.val).sorted()
	}
	components := obj{
		{"responses", obj{{defaultCORS, obj{
			{"description", "response example"},
			{"headers", obj{{"Access-Control-Allow-Origin", obj{{"schema", obj{{"default", "*"}, {"type", "string"}}}}}}},
		}}}},
		{"securitySchemes", schemes},
	}
	// The policies live with x-apigateway-responses, which the gateway
	// moves from the root into components (docs/export.md §4b).
	components.set("x-apigateway-access-controls", swagger.get("x-apigateway-access-controls"))
	components.set("x-apigateway-ratelimits", swagger.get("x-apigateway-ratelimits"))
	components.set("x-apigateway-responses", swagger.get("x-apigateway-responses"))

	doc := obj{{"components", components}, {"info", swagger.get("info")}, {"openapi", "3.0.0"}, {"paths", obj{}}}
	doc.set("servers", x.oas3.both)
	return doc, nil
}

// operationOAS3 is operation for OpenAPI 3.0.
func (x *export) operationOAS3(a *model.API) (obj, arr, error) {
	op := x.mem.obj(20)
	op.set("description", str(a.Remark))
	op.set("operationId", a.Name)
	params, pathParams := x.parameters(a)
	if len(params) > 0 {
		op.set("parameters", params)
	}
	// The gateway's key is default-cors, which the Responses Object does
	// not allow (docs/export.md §4b): default, with the gateway's value.
	op.set("responses", x.mem.objOf(member{"default", x.mem.objOf(
		member{"description", "response example"},
		member{"x-apigateway-result-failure-sample", a.ResultFailureSample},
		member{"x-apigateway-result-normal-sample", a.ResultNormalSample},
	)}))
	op.set("security", x.security(a))
	switch a.ReqProtocol {
	case "HTTP":
		op.set("servers", x.oas3.http)
	case "HTTPS":
		op.set("servers", x.oas3.https)
	case "BOTH":
		op.set("servers", x.oas3.both)
	}
	if tags := x.tags(a); tags != nil {
		op.set("tags", tags)
	}
	ext, err := x.operationExtensions(a)
	if err != nil {
		return nil, nil, err
	}
	op = append(op, ext.sorted()...)
	return op, pathParams, nil
}

// parameterOAS3 is parameter for OpenAPI 3.0: the type, default,
// enumeration and bounds in a schema, the sample as the example.
func (x *export) parameterOAS3(a *model.API, p *model.ReqParam, name string) obj {
	value := func(s string) any {
		if p.Type == "NUMBER" {
			return number(s)
		}
		return s
	}
	schema := x.mem.obj(7)
	if p.DefaultValue != "" {
		schema.set("default", value(p.DefaultValue))
	}
	var enums []string
	if p.ValidEnable == 1 {
		if enums = p.Enums(); len(enums) > 0 {
			e := x.mem.arr(len(enums))[:0]
			for i, v := range enums {
				if slices.ContainsFunc(enums[:i], func(w string) bool { return model.SameValue(p.Type, v, w) }) {
					x.warn("API %s (%s): parameter %s lists the enumeration %s twice; the document lists it once", a.Name, a.ID, p.Name, v)
					continue
				}
				e = append(e, value(v))
			}
			schema.set("enum", e)
		}
		if p.Type == "NUMBER" {
			if p.MaxNum != 0 {
				schema.set("maximum", integer(p.MaxNum))
			}
			if p.MinNum != 0 {
				schema.set("minimum", integer(p.MinNum))
			}
		} else {
			if p.MaxSize != 0 {
				schema.set("maxLength", integer(p.MaxSize))
			}
			if p.MinSize != 0 {
				schema.set("minLength", integer(p.MinSize))
			}
		}
	}
	schema.set("type", lowerConst(p.Type))
	schema.sorted()

	o := x.mem.obj(9)
	o.set("description", str(p.Remark))
	// Validators check an example against the schema: the sample is the
	// example when it fits, as the gateway's "" does for an unbounded
	// string; one that does not fit keeps the Swagger 2.0 extension.
	sample := p.SampleValue
	fits := fitsParam(p, enums, sample)
	switch {
	case fits: // a NUMBER fits only when it is a number, so not ""
		o.set("example", value(sample))
	case !fits && sample != "":
		x.warn("API %s (%s): the sample value %q of parameter %s does not fit its schema, so it is exported as x-apigateway-sample rather than example", a.Name, a.ID, sample, p.Name)
	}
	o.set("in", lowerConst(p.Location))
	o.set("name", name)
	if p.Location == "PATH" || p.Required == 1 {
		o.set("required", true)
	}
	o.set("schema", schema)
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
	if !fits && sample != "" {
		o.set("x-apigateway-sample", sample)
	}
	return o
}

// fitsParam reports whether v is a value of the parameter's schema: its
// type, enumeration and bounds (enabled ones only, as exported).
func fitsParam(p *model.ReqParam, enums []string, v string) bool {
	if p.Type == "NUMBER" && !model.IsJSONNumber(v) {
		return false
	}
	if p.ValidEnable != 1 {
		return true
	}
	if len(enums) > 0 && !slices.ContainsFunc(enums, func(e string) bool { return model.SameValue(p.Type, e, v) }) {
		return false
	}
	if p.Type == "NUMBER" {
		f, err := strconv.ParseFloat(v, 64)
		return err == nil && (p.MinNum == 0 || f >= float64(p.MinNum)) && (p.MaxNum == 0 || f <= float64(p.MaxNum))
	}
	n := int64(utf8.RuneCountInString(v))
	return (p.MinSize == 0 || n >= p.MinSize) && (p.MaxSize == 0 || n <= p.MaxSize)
}

// isComponentName reports whether s may name a component: the OpenAPI
// 3.0 specification says the keys of components.securitySchemes (and of
// the other component maps) MUST match ^[a-zA-Z0-9\.\-_]+$, and
// kin-openapi refuses any other.
func isComponentName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// undeclaredPathParamOAS3 declares a path template parameter that the
// model does not define: a required string.
func (x *export) undeclaredPathParamOAS3(name string) obj {
	return x.mem.objOf(member{"in", "path"}, member{"name", name}, member{"required", true}, member{"schema", obj{{"type", "string"}}})
}
