package engine

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

// The OpenAPI 3.0 mapping (docs/export.md §4b): the same selection, scopes
// and x-apigateway-* values as Swagger 2.0 (build_apig.go builds them), in
// OpenAPI 3.0's places, every object with its keys sorted as the gateway's
// OpenAPI files have them.

// oas3Export is what an OpenAPI 3.0 export keeps beside the Swagger one:
// the servers that operations share.
type oas3Export struct {
	// The servers of the root and of HTTP, HTTPS and BOTH operations; nil
	// when the group has no host.
	both, http, https any
}

// stringSchema is the schema of a path parameter that the model does not
// define, shared: the tree is not changed once built.
var stringSchema any = tree.Obj{{"type", "string"}}

// defaultCORS is the name of the gateway's response component.
const defaultCORS = "default-cors"

// rootOAS3 is root for OpenAPI 3.0: components (responses,
// securitySchemes and the gateway's named maps), info, openapi, an empty
// Paths Object and servers.
func (x *exporter) rootOAS3() (tree.Obj, error) {
	// root reads the selected APIs (readAPIs, which refuses a custom
	// authorizer whose scheme is not a component name) and builds the
	// Swagger 2.0 parts that 3.0 keeps (security schemes, policies,
	// gateway responses).
	swagger, err := x.root()
	if err != nil {
		return nil, err
	}
	if host := x.host(); host != "" {
		httpURL, httpsURL := tree.Obj{{"url", "http://" + host}}, tree.Obj{{"url", "https://" + host}}
		x.oas3.both, x.oas3.http, x.oas3.https = tree.Arr{httpURL, httpsURL}, tree.Arr{httpURL}, tree.Arr{httpsURL}
	}
	schemes := tree.AsObj(swagger.Get("securityDefinitions"))
	for _, m := range schemes {
		tree.AsObj(m.Val).Sorted()
	}
	components := tree.Obj{
		{"responses", tree.Obj{{defaultCORS, tree.Obj{
			{"description", "response example"},
			{"headers", tree.Obj{{"Access-Control-Allow-Origin", tree.Obj{{"schema", tree.Obj{{"default", "*"}, {"type", "string"}}}}}}},
		}}}},
		{"securitySchemes", schemes},
	}
	// The policies live with x-apigateway-responses, which the gateway
	// moves from the root into components (docs/export.md §4b).
	components.Set("x-apigateway-access-controls", swagger.Get("x-apigateway-access-controls"))
	components.Set("x-apigateway-ratelimits", swagger.Get("x-apigateway-ratelimits"))
	components.Set("x-apigateway-responses", swagger.Get("x-apigateway-responses"))

	doc := tree.Obj{{"components", components}, {"info", swagger.Get("info")}, {"openapi", "3.0.0"}, {"paths", tree.Obj{}}}
	doc.Set("servers", x.oas3.both)
	return doc, nil
}

// operationOAS3 is operation for OpenAPI 3.0.
func (x *exporter) operationOAS3(a *model.API, at int) (tree.Obj, tree.Arr, error) {
	op := x.mem.Obj(20)
	op.Set("description", tree.StrAtOrNil(&a.Remark))
	op.Set("operationId", tree.StrAt(&a.Name))
	params, pathParams := x.parameters(a)
	if len(params) > 0 {
		op.Set("parameters", x.mem.BoxArr(params))
	}
	// The gateway's key is default-cors, which the Responses Object does
	// not allow (docs/export.md §4b): default, with the gateway's value.
	op.Set("responses", x.mem.Box(x.mem.ObjOf(tree.Member{"default", x.mem.Box(x.mem.ObjOf(
		tree.Member{"description", "response example"},
		tree.Member{"x-apigateway-result-failure-sample", tree.StrAt(&a.ResultFailureSample)},
		tree.Member{"x-apigateway-result-normal-sample", tree.StrAt(&a.ResultNormalSample)},
	))})))
	op.Set("security", x.security(a))
	switch a.ReqProtocol {
	case "HTTP":
		op.Set("servers", x.oas3.http)
	case "HTTPS":
		op.Set("servers", x.oas3.https)
	case "BOTH":
		op.Set("servers", x.oas3.both)
	}
	if tags := x.tags(a); tags != nil {
		op.Set("tags", x.mem.BoxArr(tags))
	}
	if err := x.operationExtensions(a, at, &op); err != nil {
		return nil, nil, err
	}
	return op, pathParams, nil
}

// parameterOAS3 is parameter for OpenAPI 3.0: the type, default,
// enumeration and bounds in a schema, the sample as the example.
func (x *exporter) parameterOAS3(a *model.API, p *model.ReqParam, name string) tree.Obj {
	schema := x.mem.Obj(7)
	if p.DefaultValue != "" {
		schema.Set("default", paramValue(p, &p.DefaultValue))
	}
	enums := x.paramBounds(a, p, &schema)
	schema.Set("type", lowerConst(p.Type))
	schema.Sorted()

	o := x.mem.Obj(9)
	o.Set("description", tree.StrAtOrNil(&p.Remark))
	// Validators check an example against the schema: the sample is the
	// example when it fits, as the gateway's "" does for an unbounded
	// string; one that does not fit keeps the Swagger 2.0 extension.
	sample := p.SampleValue
	fits := fitsParam(p, enums, sample)
	switch {
	case fits: // a NUMBER fits only when it is a number, so not ""
		o.Set("example", paramValue(p, &p.SampleValue))
	case !fits && sample != "":
		x.warn("API %s (%s): the sample value %q of parameter %s does not fit its schema, so it is exported as x-apigateway-sample rather than example", a.Name, a.ID, sample, p.Name)
	}
	o.Set("in", lowerConst(p.Location))
	o.Set("name", x.paramName(p, name))
	if p.Location == "PATH" || p.Required == 1 {
		o.Set("required", true)
	}
	o.Set("schema", x.mem.Box(schema))
	x.paramExtensions(a, p, &o)
	if !fits && sample != "" {
		o.Set("x-apigateway-sample", tree.StrAt(&p.SampleValue))
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
// model does not define: a required string, written as parameterOAS3
// writes a path parameter of type STRING with nothing else, example ""
// included, so that its import, which defines it, exports the same bytes.
func (x *exporter) undeclaredPathParamOAS3(name string) tree.Obj {
	return x.mem.ObjOf(tree.Member{"example", ""}, tree.Member{"in", "path"}, tree.Member{"name", x.mem.String(name)}, tree.Member{"required", true}, tree.Member{"schema", stringSchema})
}
