package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

// The OpenAPI 3.0 import: the gateway's rules for an `openapi: 3.0.x`
// document, on the importer of import.go, which maps everything the two
// versions share (the x-apigateway-* extensions, IDs, findings and the
// final load and export). What differs is here: servers for host and
// protocol, components for the securitySchemes, parameters, schemas and
// the x-apigateway-* maps, parameters with a schema, example and in:
// cookie, and requestBody refused.

// oas3State is what an OpenAPI 3.0 import keeps beside the importer's.
type oas3State struct {
	components  tree.Obj
	schemas     tree.Obj        // components.schemas, for a parameter schema's $ref
	usedSchemas map[string]bool // the schemas a parameter's $ref reached
	rootServers tree.Arr
	item        tree.Obj // the Path Item being read, for its servers
	itemAt      string   // its pointer
	host        string   // the group's host, from the first server
	hostAt      string   // that server's pointer
}

// The keys of an OpenAPI 3.0 root, components, operation, parameter and
// parameter schema that the gateway takes; others are reported as ignored.
var (
	oas3RootKeys = []string{"openapi", "info", "servers", "paths", "components", "security",
		"x-apigateway-ratelimits", "x-apigateway-access-controls", "x-apigateway-responses"}
	oas3ComponentKeys = []string{"responses", "securitySchemes", "parameters", "schemas",
		"x-apigateway-ratelimits", "x-apigateway-access-controls", "x-apigateway-responses"}
	oas3OperationKeys = append(slices.DeleteFunc(slices.Clone(importedOperationKeys), func(k string) bool { return k == "schemes" }),
		"servers", "requestBody")
	oas3ParameterKeys = []string{"name", "in", "description", "required", "schema", "content", "example",
		"x-apigateway-sample", "x-apigateway-pass-through", "x-apigateway-orchestrations"}
	oas3SchemaKeys = []string{"type", "format", "default", "enum", "maximum", "minimum", "maxLength", "minLength", "pattern", "example"}
)

// gatewayMaps are the x-apigateway-* maps that an OpenAPI 3.0 document
// may hold at its root or under components (one of the two).
var gatewayMaps = []string{"x-apigateway-ratelimits", "x-apigateway-access-controls", "x-apigateway-responses"}

// isOAS30 reports whether v is an OpenAPI 3.0 version, 3.0.N.
func isOAS30(v string) bool {
	patch, ok := strings.CutPrefix(v, "3.0.")
	if !ok || patch == "" {
		return false
	}
	_, err := strconv.ParseUint(patch, 10, 32)
	return err == nil
}

// document3 maps an OpenAPI 3.0 root; the document's openapi is there.
func (im *importer) document3(root tree.Obj) {
	switch v, isStr := root.Get("openapi").(string); {
	case !isStr:
		im.fail("import-version", "/openapi", "expected the OpenAPI version as a string such as \"3.0.3\", got %s", jsonKind(root.Get("openapi")))
		return
	case strings.HasPrefix(v, "3.") && !isOAS30(v):
		im.fail("import-version", "/openapi", "OpenAPI %s is not imported: the gateway imports OpenAPI 3.0.x and Swagger 2.0", v)
		return
	case !isOAS30(v):
		im.fail("import-version", "/openapi", "OpenAPI version %q is not one the gateway imports: OpenAPI 3.0.x (such as 3.0.3) or Swagger 2.0", v)
		return
	}
	st := &oas3State{usedSchemas: map[string]bool{}}
	im.oas3 = st
	im.ignoreOthers(root, "", oas3RootKeys)
	st.components, _ = im.object(root, "components", "")
	im.ignoreOthers(st.components, "/components", oas3ComponentKeys)
	st.rootServers, _ = im.array(root, "servers", "")
	// The host comes from the root's servers; failing those, from the
	// first operation's (operation3).
	im.serverList(st.rootServers, "/servers")
	im.newGroup(root, st.host)

	im.schemes, _ = im.object(st.components, "securitySchemes", "/components")
	im.rootParams, _ = im.object(st.components, "parameters", "/components")
	st.schemas, _ = im.object(st.components, "schemas", "/components")
	if rs, ok := im.object(st.components, "responses", "/components"); ok {
		for _, k := range rs.Keys() {
			if k != "default" && k != "default-cors" {
				im.warn("import-ignored", tree.Pointer("/components/responses", k), "the gateway does not import responses")
			}
		}
	}
	holders := map[string]struct {
		o  tree.Obj
		at string
	}{}
	for _, k := range gatewayMaps {
		holder, at := root, ""
		if st.components.Has(k) {
			if root.Has(k) {
				im.fail("import-duplicate", tree.Pointer("/components", k), "%s is both at the root and under components; write it in one place", k)
			}
			holder, at = st.components, "/components"
		}
		holders[k] = struct {
			o  tree.Obj
			at string
		}{holder, at}
	}
	im.rateLimits(holders["x-apigateway-ratelimits"].o, holders["x-apigateway-ratelimits"].at)
	im.accessControls(holders["x-apigateway-access-controls"].o, holders["x-apigateway-access-controls"].at)
	im.gatewayResponses(holders["x-apigateway-responses"].o, holders["x-apigateway-responses"].at)
	im.securityDefinitions("/components/securitySchemes")

	im.paths(root, "")
	for _, k := range st.schemas.Keys() {
		if !st.usedSchemas[k] {
			im.warn("import-ignored", tree.Pointer("/components/schemas", k), "the gateway does not import schemas; only a parameter's schema is read")
		}
	}
}

// schemesName names where the security schemes are, for messages.
func (im *importer) schemesName() string {
	if im.oas3 != nil {
		return "components.securitySchemes"
	}
	return "securityDefinitions"
}

// paramRefPrefix is what a parameter's $ref starts with.
func (im *importer) paramRefPrefix() string {
	if im.oas3 != nil {
		return "#/components/parameters/"
	}
	return "#/parameters/"
}

// serverList reads a list of Server Objects and answers the protocols
// they serve; the first server's host becomes the group's, and a server
// with another host is refused (the group has one).
func (im *importer) serverList(list tree.Arr, at string) (http, https bool) {
	st := im.oas3
	im.eachItem(list, at, "a Server Object", func(s tree.Obj, sat string) {
		im.ignoreOthers(s, sat, []string{"url", "description"})
		u, ok := im.str(s, "url", sat)
		if !ok {
			if !s.Has("url") {
				im.fail("import-required", tree.Pointer(sat, "url"), "a server needs a url")
			}
			return
		}
		scheme, host, ok := im.serverURL(u, tree.Pointer(sat, "url"))
		if !ok {
			return
		}
		switch {
		case st.hostAt == "":
			st.host, st.hostAt = host, tree.Pointer(sat, "url")
			if im.group != nil {
				im.group.SLDomain = host
			}
		case host != st.host:
			im.fail("import-servers", tree.Pointer(sat, "url"), "Parse Servers error: the group has one host, and this server's %s is not %s (%s)", host, st.host, st.hostAt)
			return
		}
		if scheme == "http" {
			http = true
		} else {
			https = true
		}
	})
	return http, https
}

// serverURL splits a server url of the form the gateway takes,
// http(s)://host[:port] with at most a final slash.
func (im *importer) serverURL(u, at string) (scheme, host string, ok bool) {
	scheme, rest, found := strings.Cut(u, "://")
	scheme = strings.ToLower(scheme)
	if !found || scheme != "http" && scheme != "https" {
		im.fail("import-servers", at, "Parse Servers error: expected http://HOST or https://HOST, got %q", u)
		return "", "", false
	}
	host = strings.TrimSuffix(rest, "/")
	switch {
	case strings.ContainsAny(host, "{}"):
		im.fail("import-servers", at, "Parse Servers error: the gateway takes no server variables, got %q", u)
		return "", "", false
	case strings.Contains(host, "/"):
		im.fail("import-servers", at, "Parse Servers error: the gateway takes a server without a path (the paths hold the whole request path), got %q", u)
		return "", "", false
	case host == "" || strings.IndexFunc(host, func(r rune) bool {
		return !(r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_:[]", r)))
	}) >= 0:
		im.fail("import-servers", at, "Parse Servers error: expected a host name after %s://, got %q", scheme, u)
		return "", "", false
	}
	return scheme, host, true
}

// operation3 maps what an OpenAPI 3.0 operation has in its own way: the
// protocol from its servers (or its Path Item's, or the root's), the
// result samples from its responses, and a requestBody, refused.
func (im *importer) operation3(a *model.API, op tree.Obj, at string) {
	st := im.oas3
	if op.Has("requestBody") {
		im.fail("import-parameter", tree.Pointer(at, "requestBody"), "the gateway takes no request body, as it takes no body or formData parameter of Swagger 2.0; leave requestBody out")
	}
	var http, https bool
	switch {
	case op.Has("servers"):
		list, _ := im.array(op, "servers", at)
		http, https = im.serverList(list, tree.Pointer(at, "servers"))
	case st.item.Has("servers"):
		list, _ := im.array(st.item, "servers", st.itemAt)
		http, https = im.serverList(list, tree.Pointer(st.itemAt, "servers"))
	default:
		http, https = im.serverList(st.rootServers, "/servers")
	}
	switch {
	case http && https:
		a.ReqProtocol = "BOTH"
	case http:
		a.ReqProtocol = "HTTP"
	case https:
		a.ReqProtocol = "HTTPS"
	default:
		a.ReqProtocol = "HTTPS"
		im.warn("import-default-protocol", at, "no servers: the API is served over HTTPS")
	}
	im.responses3(a, op, at)
}

// responses3 reads the result samples: in the gateway's form inside the
// operation's default-cors (or default) response, or beside the
// responses, as Swagger 2.0 has them, where default is a $ref to
// #/components/responses/default-cors. Other responses are ignored.
func (im *importer) responses3(a *model.API, op tree.Obj, at string) {
	rs, ok := im.object(op, "responses", at)
	if !ok {
		return
	}
	rat := tree.Pointer(at, "responses")
	seen := map[string]string{} // sample key -> where it was read
	sample := func(holder tree.Obj, hat, key string, target *string) {
		if !holder.Has(key) {
			return
		}
		if other, dup := seen[key]; dup {
			im.warn("import-ignored", tree.Pointer(hat, key), "%s is also at %s, which is used; this one is left out", key, other)
			return
		}
		seen[key] = tree.Pointer(hat, key)
		*target, _ = im.str(holder, key, hat)
	}
	const normal, failure = "x-apigateway-result-normal-sample", "x-apigateway-result-failure-sample"
	sample(rs, rat, normal, &a.ResultNormalSample)
	sample(rs, rat, failure, &a.ResultFailureSample)
	for _, k := range rs.Keys() {
		switch {
		case strings.HasPrefix(k, "x-apigateway-result-"):
		case k == "default-cors" || k == "default":
			r, ok := im.object(rs, k, rat)
			if !ok || r.Has("$ref") {
				continue
			}
			kat := tree.Pointer(rat, k)
			sample(r, kat, normal, &a.ResultNormalSample)
			sample(r, kat, failure, &a.ResultFailureSample)
		default:
			im.warn("import-ignored", tree.Pointer(rat, k), "the gateway does not import responses; every API answers with its backend's response")
		}
	}
}

// parameterSchema3 checks an OpenAPI 3.0 parameter's own keys and
// answers its schema, with its $refs to components.schemas resolved, and
// the schema's pointer; ok is false when the parameter is refused.
func (im *importer) parameterSchema3(p tree.Obj, at string) (s tree.Obj, sat string, ok bool) {
	im.ignoreOthers(p, at, oas3ParameterKeys)
	name, _ := p.Get("name").(string)
	if p.Has("content") {
		im.fail("import-parameter", tree.Pointer(at, "content"), "parameter %s has content instead of schema; the gateway takes a schema of type string or number", name)
		return nil, "", false
	}
	sat = tree.Pointer(at, "schema")
	if !p.Has("schema") {
		return tree.Obj{}, sat, true
	}
	if s, ok = im.object(p, "schema", at); !ok {
		return nil, "", false
	}
	seen := map[string]bool{}
	for {
		ref, isRef := s.Get("$ref").(string)
		if !isRef {
			break
		}
		target, found := strings.CutPrefix(ref, "#/components/schemas/")
		resolved, isObj := im.oas3.schemas.Get(target).(tree.Obj)
		switch {
		case !found || !isObj:
			im.fail("import-reference", tree.Pointer(sat, "$ref"), "$ref %s names no schema of the document's components.schemas", ref)
			return nil, "", false
		case seen[target]:
			im.fail("import-reference", tree.Pointer(sat, "$ref"), "the $refs of parameter %s's schema lead round in a circle", name)
			return nil, "", false
		}
		seen[target] = true
		im.oas3.usedSchemas[target] = true
		s, sat = resolved, tree.Pointer("/components/schemas", target)
	}
	im.ignoreOthers(s, sat, oas3SchemaKeys)
	return s, sat, true
}

// example3 reads an OpenAPI 3.0 parameter's example (or its schema's)
// as the sample value: a string or a number, as text.
func (im *importer) example3(p tree.Obj, at string, s tree.Obj, sat string) (string, bool) {
	holder, hat := p, at
	if !p.Has("example") {
		if !s.Has("example") {
			return "", false
		}
		holder, hat = s, sat
	}
	switch v := holder.Get("example").(type) {
	case string:
		return v, true
	case tree.Number:
		return string(v), true
	default:
		im.fail("import-type", tree.Pointer(hat, "example"), "expected a sample value, a string or a number, got %s", jsonKind(v))
		return "", false
	}
}
