package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/model"
)

// ImportOptions tune [Import].
type ImportOptions struct {
	// EnvID is the environment the imported APIs are published in and
	// their throttles, ACLs and plugins bound in: RELEASE when neither it
	// nor EnvName is given, else derived from EnvName.
	EnvID string `json:"env_id,omitempty"`
	// EnvName is that environment's name, when it is not RELEASE; the
	// ID by default.
	EnvName string `json:"env_name,omitempty"`
	// GroupID is the group's ID; by default one derived from info.title.
	GroupID string `json:"group_id,omitempty"`
	// Source is where the document's relative $refs lead: each $ref to
	// another file is replaced by what it names before the import reads
	// the document. The zero Source follows none (import-external-ref).
	Source Source `json:"-"`
}

// ImportResult is an imported document.
type ImportResult struct {
	// Bundle is the group, its APIs and everything they name. Nil when
	// the import failed.
	Bundle *model.Bundle `json:"bundle"`
	// Version is the document's info.version, which the bundle does not
	// keep: an export with it as version gives the document back.
	Version string `json:"version"`
	// FileName is a name for the bundle file: {title}.bundle.json made one
	// safe file name, by the rule of [Result.FileName].
	FileName string `json:"filename"`
	// Findings are what the gateway would refuse (errors, and then there
	// is no bundle) and what it would ignore (warnings), sorted by path.
	Findings []Finding `json:"findings"`
}

// importCodes are the codes of [Import]'s findings, with their meaning.
var importCodes = map[string]string{
	CodeDuplicateKey:               "an object has a key twice (JSON or YAML): the file is refused, as Validate refuses it",
	"import-version":               "the document is neither Swagger 2.0 (swagger: \"2.0\") nor OpenAPI 3.0 (openapi: 3.0.x)",
	"import-type":                  "a value has a JSON type the import cannot take",
	"import-value":                 "a value is not one the gateway allows",
	"import-required":              "a value the gateway needs is missing",
	"import-parameter":             "a parameter the gateway cannot take: in body or formData (or cookie in Swagger 2.0), of a type other than string and number, with content instead of schema (OpenAPI 3.0), or an OpenAPI 3.0 requestBody",
	"import-duplicate":             "two APIs share a method and path or a name, or two parameters a name (header names are case-insensitive), or an OpenAPI 3.0 document has an x-apigateway-* map both at its root and under components",
	"import-security":              "a security requirement names no scheme, or a scheme the gateway does not know",
	"import-reference":             "an x-apigateway-* value names an entry that the document does not define",
	"import-servers":               "an OpenAPI 3.0 server the gateway cannot parse (its APIG.2045, Parse Servers error): not http:// or https:// and a host, with a path, variables or another host than the document's other servers",
	"import-external-ref":          "a $ref to another file that is not followed: it leaves the document's folder, names a URL, or names a file that cannot be read or holds nothing at its pointer",
	"import-policy-type":           "a backend policy's type is not allowed for the default backend's type",
	"import-backend":               "a backend of unknown type, or without the endpoints its type needs",
	"import-not-exportable":        "the imported group cannot be exported again as valid Swagger (the message says why)",
	"import-ignored":               "something the gateway does not import (warning)",
	"import-base-path":             "basePath is merged into the paths (warning)",
	"import-number-as-string":      "a number parameter's default or enum value is written as a string (warning)",
	"import-mock-backend":          "an operation without x-apigateway-backend gets a MOCK backend (warning)",
	"import-generated-name":        "an operation without operationId is named after its method and path (warning)",
	"import-default-protocol":      "an operation without schemes is served over HTTPS (warning)",
	"import-authorizer-incomplete": "a custom authorizer's scheme lacks x-apigateway-authorizer; the authorizer is created by name only (warning)",
	"import-created-reference":     "x-apigateway-response names a gateway response the document does not define; an empty one is created (warning)",
}

// ImportCodes returns every code of [Import]'s findings with its meaning.
func ImportCodes() map[string]string { return maps.Clone(importCodes) }

// deriveID is the ID of a named object that the Swagger file does not
// carry: 32 hex digits of a SHA-256 of its kind and names, so that the
// same file always imports to the same bundle.
func deriveID(kind string, names ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, n := range names {
		h.Write([]byte{0})
		h.Write([]byte(n))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Import reads a Swagger 2.0 or OpenAPI 3.0 (openapi: 3.0.x) document with
// the gateway's x-apigateway-* extensions, JSON or YAML, back into the
// gateway's model (import_oas3.go has the 3.0 rules): the group, its
// APIs with their parameters, backends and policies, and the throttles,
// ACLs, authorizers, gateway responses, VPC channels, plugins and
// orchestration rules they name, published and bound in the chosen
// environment. What the gateway refuses on import is an error finding with
// the JSON pointer of the value; what it ignores is a warning. IDs the
// file does not carry are derived from names, so the same file imports to
// the same bundle. The error is an [*Error]: APIG.3600 for a document that
// cannot be read, APIG.3602 when a finding is an error.
func Import(doc []byte, opts ImportOptions) (*ImportResult, error) {
	_, tree, dups, err := readDocument(doc)
	if err != nil {
		return nil, err
	}
	if dups != nil {
		// Keeping one of the two silently would drop an operation.
		return &ImportResult{Findings: dups}, newError(statusBadRequest, "APIG.3602", "the Swagger file cannot be imported: "+dups[0].String())
	}
	tree, refFindings := inlineRefs(tree, opts.Source)
	im := newImporter(opts)
	im.findings = append(im.findings, refFindings...)
	im.document(asObjOrNil(tree))
	res := &ImportResult{Version: im.version}
	if !HasErrors(im.findings) {
		im.checkExportable(im.exportCheckBundle())
	}
	res.Findings = sortFindings(im.findings)
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	if HasErrors(res.Findings) {
		first := res.Findings[slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Severity == SeverityError })]
		return res, newError(statusBadRequest, "APIG.3602", "the Swagger file cannot be imported: "+first.String())
	}
	res.Bundle = &im.b
	res.FileName = bundleFileName(im.group.Name)
	return res, nil
}

func asObjOrNil(v any) obj {
	o, _ := v.(obj)
	return o
}

// importer is one import in progress.
type importer struct {
	opts     ImportOptions
	b        model.Bundle
	group    *model.Group
	version  string
	findings []Finding

	root         obj
	schemes      obj               // securityDefinitions
	rootParams   obj               // parameters, for $ref
	oas3         *oas3State        // the OpenAPI 3.0 document's state; nil for Swagger 2.0
	throttles    map[string]string // name -> ID
	acls         map[string]string
	responses    map[string]string
	channels     map[string]string
	plugins      map[string]string
	orchestrated map[string]string
	authorizers  map[string]string
	apiNames     map[string]string // name -> pointer of its operation
	routes       map[string]string // METHOD path -> pointer
}

func newImporter(opts ImportOptions) *importer {
	switch {
	case opts.EnvID == "" && (opts.EnvName == "" || opts.EnvName == model.DefaultEnvName):
		opts.EnvID = model.DefaultEnvID
	case opts.EnvID == "":
		opts.EnvID = deriveID("env", opts.EnvName)
	}
	if opts.EnvName == "" {
		opts.EnvName = opts.EnvID
		if opts.EnvID == model.DefaultEnvID {
			opts.EnvName = model.DefaultEnvName
		}
	}
	return &importer{opts: opts, throttles: map[string]string{}, acls: map[string]string{}, responses: map[string]string{},
		channels: map[string]string{}, plugins: map[string]string{}, orchestrated: map[string]string{},
		authorizers: map[string]string{}, apiNames: map[string]string{}, routes: map[string]string{}}
}

func (im *importer) add(sev, code, path, format string, args ...any) {
	im.findings = append(im.findings, Finding{sev, code, path, sprintf(format, args...)})
}

func (im *importer) fail(code, path, format string, args ...any) {
	im.add(SeverityError, code, path, format, args...)
}

func (im *importer) warn(code, path, format string, args ...any) {
	im.add(SeverityWarning, code, path, format, args...)
}

// ptr joins JSON pointer segments, escaping ~ and /.
func ptr(base string, segs ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(s))
	}
	return b.String()
}

// The typed getters report a value of the wrong type and answer the zero
// value; ok is false when the key is absent or of the wrong type.

// field reads o[key] as a T, reporting any other type as wanting want.
func field[T any](im *importer, o obj, key, at, want string) (T, bool) {
	var zero T
	v := o.get(key)
	if v == nil {
		return zero, false
	}
	t, ok := v.(T)
	if !ok {
		im.fail("import-type", ptr(at, key), "expected %s, got %s", want, jsonKind(v))
	}
	return t, ok
}

func (im *importer) str(o obj, key, at string) (string, bool) {
	return field[string](im, o, key, at, "a string")
}

func (im *importer) boolean(o obj, key, at string) (bool, bool) {
	return field[bool](im, o, key, at, "a boolean")
}

func (im *importer) object(o obj, key, at string) (obj, bool) {
	return field[obj](im, o, key, at, "an object")
}

func (im *importer) array(o obj, key, at string) (arr, bool) {
	return field[arr](im, o, key, at, "an array")
}

// eachMember calls fn for every member of o that is an object, reporting
// the others as not being what (an article and a noun).
func (im *importer) eachMember(o obj, at, what string, fn func(name string, v obj, at string)) {
	for _, m := range o {
		mat := ptr(at, m.key)
		v, ok := m.val.(obj)
		if !ok {
			im.fail("import-type", mat, "expected %s, got %s", what, jsonKind(m.val))
			continue
		}
		fn(m.key, v, mat)
	}
}

// eachItem calls fn for every item of a that is an object, reporting the
// others as not being what.
func (im *importer) eachItem(a arr, at, what string, fn func(v obj, at string)) {
	for i, item := range a {
		iat := ptr(at, strconv.Itoa(i))
		v, ok := item.(obj)
		if !ok {
			im.fail("import-type", iat, "expected %s, got %s", what, jsonKind(item))
			continue
		}
		fn(v, iat)
	}
}

// integer reads an integer number that fits the model's int64 (or, with
// small, an int); a whole number written with a fraction (5000.0) is one.
func (im *importer) integer(o obj, key, at string) (int64, bool) {
	v := o.get(key)
	if v == nil {
		return 0, false
	}
	n, ok := v.(number)
	if !ok {
		im.fail("import-type", ptr(at, key), "expected an integer, got %s", jsonKind(v))
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(string(n), 64)
		if ferr != nil || f != float64(int64(f)) || f > 1<<53 || f < -(1<<53) {
			im.fail("import-value", ptr(at, key), "expected an integer the gateway can keep, got %s", n)
			return 0, false
		}
		i = int64(f)
	}
	return i, true
}

func (im *importer) smallInt(o obj, key, at string) (int, bool) {
	i, ok := im.integer(o, key, at)
	if ok && (i > 1<<31-1 || i < -(1<<31)) {
		im.fail("import-value", ptr(at, key), "expected an integer below 2^31, got %d", i)
		return 0, false
	}
	return int(i), ok
}

func jsonKind(v any) string {
	switch v.(type) {
	case obj:
		return "an object"
	case arr:
		return "an array"
	case string:
		return "a string"
	case number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a value"
}

// oneOf checks a string against the values the gateway allows.
func (im *importer) oneOf(s, at string, allowed ...string) bool {
	if slices.Contains(allowed, s) {
		return true
	}
	im.fail("import-value", at, "expected one of %s, got %q", strings.Join(allowed, ", "), s)
	return false
}

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

func (im *importer) ignoreOthers(o obj, at string, known []string) {
	for _, k := range o.keys() {
		if !slices.Contains(known, k) {
			im.warn("import-ignored", ptr(at, k), "the gateway does not import %s here; it is left out", k)
		}
	}
}

// document maps the root.
func (im *importer) document(root obj) {
	if root == nil {
		im.fail("import-type", "", "expected a Swagger 2.0 object")
		return
	}
	im.root = root
	if v, _ := root.get("swagger").(string); v != "2.0" {
		if root.has("openapi") {
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
	if rs, ok := im.object(root, "responses", ""); ok && len(rs) > 0 && !(len(rs) == 1 && rs.has("default")) {
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

// paths maps the Path Items, with base before each path.
func (im *importer) paths(root obj, base string) {
	paths, ok := im.object(root, "paths", "")
	if !ok {
		if !root.has("paths") {
			im.fail("import-required", "/paths", "the document needs paths")
		}
		return
	}
	for _, m := range paths {
		at := ptr("/paths", m.key)
		item, ok := m.val.(obj)
		if !ok {
			im.fail("import-type", at, "expected a Path Item object, got %s", jsonKind(m.val))
			continue
		}
		if strings.HasPrefix(m.key, "x-") {
			im.warn("import-ignored", at, "the gateway does not import %s here; it is left out", m.key)
			continue
		}
		im.pathItem(base+m.key, item, at)
	}
}

// newGroup creates the group from info (title, version, description)
// with host as its subdomain, and the environment.
func (im *importer) newGroup(root obj, host string) {
	info, _ := im.object(root, "info", "")
	title, _ := im.str(info, "title", "/info")
	if strings.TrimSpace(title) == "" {
		im.fail("import-required", "/info/title", "the group's name comes from info.title, which is missing or empty")
	}
	im.version, _ = im.str(info, "version", "/info")
	remark, _ := im.str(info, "description", "/info")
	id := im.opts.GroupID
	if id == "" {
		id = deriveID("group", title)
	}
	im.b.Groups = []model.Group{{ID: id, Name: title, Remark: remark, SLDomain: host}}
	im.group = &im.b.Groups[0]
	if im.opts.EnvID != model.DefaultEnvID || im.opts.EnvName != model.DefaultEnvName {
		// RELEASE under another name too, or the bundle would name it
		// RELEASE and the export's file name would change.
		im.b.Envs = []model.Env{{ID: im.opts.EnvID, Name: im.opts.EnvName}}
	}
}

// pathItem maps the operations of one path.
func (im *importer) pathItem(path string, item obj, at string) {
	if !strings.HasPrefix(path, "/") {
		im.fail("import-value", at, "expected a path starting with /, got %q", path)
		return
	}
	shared, _ := im.array(item, "parameters", at)
	if im.oas3 != nil {
		im.oas3.item, im.oas3.itemAt = item, at
	}
	for _, k := range item.keys() {
		switch k {
		case "parameters":
		case "servers":
			if im.oas3 == nil {
				im.warn("import-ignored", ptr(at, k), "the gateway does not import %s here; it is left out", k)
			}
		case "get", "put", "post", "delete", "options", "head", "patch", anyMethodKey:
		default:
			im.warn("import-ignored", ptr(at, k), "the gateway does not import %s here; it is left out", k)
		}
	}
	for _, method := range append(slices.Clone(methodOrder[:]), "ANY") {
		key := strings.ToLower(method)
		if method == "ANY" {
			key = anyMethodKey
		}
		if !item.has(key) {
			continue
		}
		opAt := ptr(at, key)
		op, ok := im.object(item, key, at)
		if !ok {
			continue
		}
		im.operation(path, method, op, shared, opAt, ptr(at, "parameters"))
	}
}

// operation maps one operation to an API.
func (im *importer) operation(path, method string, op obj, shared arr, at, sharedAt string) {
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
		im.fail("import-duplicate", ptr(at, "operationId"), "the API name %s is also the operationId at %s", name, other)
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
				im.fail("import-type", ptr(at, "tags", strconv.Itoa(i)), "expected a string, got %s", jsonKind(t))
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

	if t, ok := im.str(op, "x-apigateway-request-type", at); ok && im.oneOf(t, ptr(at, "x-apigateway-request-type"), "public", "private") && t == "private" {
		a.Type = 2
	}
	a.CORS, _ = im.boolean(op, "x-apigateway-cors", at)
	if m, ok := im.str(op, "x-apigateway-match-mode", at); ok && im.oneOf(m, ptr(at, "x-apigateway-match-mode"), "NORMAL", "SWA") {
		a.MatchMode = m
	}
	if ct, ok := im.str(op, "x-apigateway-content-type", at); ok && ct != "" &&
		im.oneOf(ct, ptr(at, "x-apigateway-content-type"), "application/json", "application/xml", "multipart/form-data", "text/plain") {
		a.ContentType = ct
	}
	if b, ok := im.boolean(op, "x-apigateway-is-send-fg-body-base64", at); ok {
		a.IsSendFgBodyBase64 = &b
	}
	if r, ok := im.str(op, "x-apigateway-response", at); ok && r != "" {
		id, known := im.responses[r]
		if !known {
			id = im.addResponse(r, nil)
			im.warn("import-created-reference", ptr(at, "x-apigateway-response"), "gateway response %s is not in x-apigateway-responses; an empty one is created", r)
		}
		a.ResponseID = id
	}
	if rs, ok := im.object(op, "responses", at); ok && im.oas3 == nil {
		rat := ptr(at, "responses")
		a.ResultNormalSample, _ = im.str(rs, "x-apigateway-result-normal-sample", rat)
		a.ResultFailureSample, _ = im.str(rs, "x-apigateway-result-failure-sample", rat)
		for _, k := range rs.keys() {
			if k != "default" && !strings.HasPrefix(k, "x-apigateway-result-") {
				im.warn("import-ignored", ptr(rat, k), "the gateway does not import responses; every API answers with its backend's response")
			}
		}
	}

	im.parameters(&a, op, shared, at, sharedAt)
	if backend, ok := im.object(op, "x-apigateway-backend", at); ok {
		im.backend(&a, backend, ptr(at, "x-apigateway-backend"))
	} else if !op.has("x-apigateway-backend") {
		im.warn("import-mock-backend", at, "no x-apigateway-backend: the API gets a MOCK backend")
		a.BackendType = "MOCK"
		a.MockInfo = &model.MockBackend{}
	}
	if policies, ok := im.array(op, "x-apigateway-backend-policies", at); ok {
		im.policies(&a, policies, ptr(at, "x-apigateway-backend-policies"))
	}
	im.bindings(&a, op, at)
	im.b.APIs = append(im.b.APIs, a)
	im.b.Publications = append(im.b.Publications, model.Publication{APIID: a.ID, EnvID: im.opts.EnvID})
}

// generatedName names an operation without operationId: method and path
// with every run of other characters as one underscore.
func generatedName(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	under := true
	for _, r := range path {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			if under {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			under = false
		} else {
			under = true
		}
	}
	return b.String()
}

func (im *importer) protocol(a *model.API, op obj, at string) {
	list, ok := im.array(op, "schemes", at)
	where := ptr(at, "schemes")
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
			im.fail("import-value", ptr(where, strconv.Itoa(i)), "expected http or https, got %v", s)
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
func (im *importer) security(a *model.API, op obj, at string) {
	reqs, ok := im.array(op, "security", at)
	where := ptr(at, "security")
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
		im.warn("import-ignored", ptr(where, "1"), "an API has one authentication: the first security requirement is used, the others are left out")
	}
	req, isObj := reqs[0].(obj)
	if !isObj || len(req) == 0 {
		if !isObj {
			im.fail("import-type", ptr(where, "0"), "expected a security requirement object")
		}
		return
	}
	if len(req) > 1 {
		im.warn("import-ignored", ptr(where, "0"), "an API has one authentication: %s is used, the other schemes of the requirement are left out", req[0].key)
	}
	name := req[0].key
	at0 := ptr(where, "0", name)
	scheme, _ := im.schemes.get(name).(obj)
	if scheme == nil {
		im.fail("import-security", at0, "security scheme %s is not in %s", name, im.schemesName())
		return
	}
	typ, _ := scheme.get("x-apigateway-auth-type").(string)
	switch {
	case typ == "AppSigv1" || typ == "" && (name == schemeApp || name == schemeAppHeader):
		a.AuthType = "APP"
		opt, _ := scheme.get("x-apigateway-auth-opt").(obj)
		if code, _ := opt.get("appcode-auth-type").(string); strings.EqualFold(code, "header") {
			a.AuthOpt = &model.AuthOpt{AppCodeAuthType: "HEADER"}
		}
	case typ == "IAM" || typ == "IAM_NONE" || typ == "" && name == schemeIAM:
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
	im.eachMember(im.schemes, at, "a security scheme object", func(key string, s obj, at string) {
		if t, _ := s.get("x-apigateway-auth-type").(string); t != "AUTHORIZER" {
			return
		}
		name := strings.TrimPrefix(key, schemeCustom)
		au := model.Authorizer{ID: deriveID("authorizer", name), Name: name, Type: "FRONTEND", AuthorizerType: "FUNC"}
		if def, ok := im.object(s, "x-apigateway-authorizer", at); ok {
			im.authorizer(&au, def, ptr(at, "x-apigateway-authorizer"))
		}
		if !s.has("x-apigateway-authorizer") {
			au.NetworkType = "V1"
			im.warn("import-authorizer-incomplete", at, "custom authorizer %s has no x-apigateway-authorizer (exports carry it only with define=all); it is created by name, without its function, with the default network type V1", name)
		}
		im.authorizers[key] = au.ID
		im.b.Authorizers = append(im.b.Authorizers, au)
	})
}

func (im *importer) authorizer(au *model.Authorizer, o obj, at string) {
	if t, ok := im.str(o, "type", at); ok && im.oneOf(t, ptr(at, "type"), "FRONTEND", "BACKEND") {
		au.Type = t
	}
	if t, ok := im.str(o, "authorizer_type", at); ok && im.oneOf(t, ptr(at, "authorizer_type"), "FUNC", "LD") {
		au.AuthorizerType = t
	}
	au.AuthorizerURI, _ = im.str(o, "authorizer_uri", at)
	au.AuthorizerVersion, _ = im.str(o, "authorizer_version", at)
	au.AuthorizerAliasURI, _ = im.str(o, "authorizer_alias_uri", at)
	if n, ok := im.str(o, "network_type", at); ok && n != "" && im.oneOf(n, ptr(at, "network_type"), "V1", "V2") {
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
	im.eachItem(ids, ptr(at, "identities"), "an identity object", func(id obj, iat string) {
		var x model.Identity
		x.Name, _ = im.str(id, "name", iat)
		if l, ok := im.str(id, "location", iat); ok && im.oneOf(l, ptr(iat, "location"), "HEADER", "QUERY") {
			x.Location = l
		}
		x.Validation, _ = im.str(id, "validation", iat)
		au.Identities = append(au.Identities, x)
	})
}

// parameters maps the operation's parameters, after the Path Item's
// (an operation's parameter of the same name and location wins).
func (im *importer) parameters(a *model.API, op obj, shared arr, at, sharedAt string) {
	type param struct {
		o  obj
		at string
	}
	var list []param
	index := map[string]int{} // in + lower-case name for headers
	addAll := func(items arr, where string) {
		for i, v := range items {
			pat := ptr(where, strconv.Itoa(i))
			p, ok := v.(obj)
			if !ok {
				im.fail("import-type", pat, "expected a parameter object, got %s", jsonKind(v))
				continue
			}
			if ref, ok := p.get("$ref").(string); ok {
				target, found := strings.CutPrefix(ref, im.paramRefPrefix())
				resolved, isObj := im.rootParams.get(target).(obj)
				if !found || !isObj {
					im.fail("import-reference", ptr(pat, "$ref"), "$ref %s names no parameter of the document's %s", ref, strings.Trim(strings.ReplaceAll(im.paramRefPrefix(), "/", "."), "#."))
					continue
				}
				p = resolved
			}
			in, _ := p.get("in").(string)
			name, _ := p.get("name").(string)
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
		addAll(ps, ptr(at, "parameters"))
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
func (im *importer) parameter(a *model.API, p obj, at string) (model.ReqParam, bool) {
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
		im.fail("import-required", ptr(at, "name"), "a parameter needs a name")
		return rp, false
	}
	switch in {
	case "path", "query", "header":
	case "cookie":
		if im.oas3 == nil {
			im.fail("import-parameter", ptr(at, "in"), "parameter %s is in %s, which the gateway does not take", name, in)
			return rp, false
		}
	case "body", "formData":
		im.fail("import-parameter", ptr(at, "in"), "parameter %s is in %s, which the gateway does not take", name, in)
		return rp, false
	default:
		im.fail("import-value", ptr(at, "in"), "expected path, query or header, got %q", in)
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
		im.fail("import-parameter", ptr(sat, "type"), "parameter %s is of type %s; the gateway takes string and number (integer, long, float, double)", name, typ)
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
	if pt, ok := im.str(p, "x-apigateway-pass-through", at); ok && im.oneOf(pt, ptr(at, "x-apigateway-pass-through"), "always", "never") {
		rp.PassThrough = map[string]int{"always": 1, "never": 2}[pt]
	}
	if names, ok := im.array(p, "x-apigateway-orchestrations", at); ok {
		for i, v := range names {
			n, ok := v.(string)
			if !ok || n == "" {
				im.fail("import-type", ptr(at, "x-apigateway-orchestrations", strconv.Itoa(i)), "expected an orchestration rule's name")
				continue
			}
			rp.Orchestrations = append(rp.Orchestrations, im.orchestration(n))
		}
	}
	if s.has("pattern") {
		im.warn("import-ignored", ptr(sat, "pattern"), "the gateway does not support pattern validation; it is left out")
	}
	// A value of the parameter's type, as the model's text.
	value := func(v any, vat string) (string, bool) {
		switch v := v.(type) {
		case string:
			if rp.Type == "NUMBER" {
				if _, err := strconv.ParseFloat(v, 64); err != nil || !isJSONNumber(v) {
					im.fail("import-value", vat, "expected a number for number parameter %s, got %q", name, v)
					return "", false
				}
				im.warn("import-number-as-string", vat, "number parameter %s has the number %q written as a string", name, v)
			}
			return v, true
		case number:
			if rp.Type != "NUMBER" {
				im.fail("import-value", vat, "expected a string for string parameter %s, got %s", name, v)
				return "", false
			}
			return string(v), true
		}
		im.fail("import-type", vat, "expected a %s, got %s", strings.ToLower(rp.Type), jsonKind(v))
		return "", false
	}
	if d := s.get("default"); d != nil {
		if v, ok := value(d, ptr(sat, "default")); ok {
			rp.DefaultValue = v
		}
	}
	valid := false
	if enum, ok := im.array(s, "enum", sat); ok && len(enum) > 0 {
		var vals []string
		for i, v := range enum {
			eat := ptr(sat, "enum", strconv.Itoa(i))
			ev, ok := value(v, eat)
			if !ok {
				continue
			}
			if strings.Contains(ev, ",") || ev == "" {
				im.fail("import-value", eat, "the gateway keeps enumerations comma-separated, so a value cannot be empty or hold a comma: %q", ev)
				continue
			}
			vals = append(vals, ev)
		}
		rp.Enumerations = strings.Join(vals, ",")
		valid = true
	}
	bound := func(key string, target *int64) {
		if n, ok := im.integer(s, key, sat); ok && n != 0 {
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
	return rp, true
}

// isJSONNumber reports whether s is written as a JSON number.
func isJSONNumber(s string) bool {
	return json.Valid([]byte(s)) && s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9')
}

// byName returns the ID of the object of kind called name, derived from
// the name and created with add the first time a document names it.
func byName(ids map[string]string, kind, name string, add func(id string)) string {
	if id, ok := ids[name]; ok {
		return id
	}
	id := deriveID(kind, name)
	ids[name] = id
	add(id)
	return id
}

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
func (im *importer) backendParams(o obj, at string) []model.BackendParam {
	list, _ := im.array(o, "parameters", at)
	var out []model.BackendParam
	im.eachItem(list, ptr(at, "parameters"), "a backend parameter object", func(p obj, pat string) {
		var bp model.BackendParam
		bp.Name, _ = im.str(p, "name", pat)
		bp.Value, _ = im.str(p, "value", pat)
		bp.Remark, _ = im.str(p, "description", pat)
		if in, ok := im.str(p, "in", pat); ok && im.oneOf(strings.ToUpper(in), ptr(pat, "in"), "PATH", "QUERY", "HEADER") {
			bp.Location = strings.ToUpper(in)
		}
		if origin, ok := im.str(p, "origin", pat); ok && im.oneOf(origin, ptr(pat, "origin"), "REQUEST", "CONSTANT", "SYSTEM") {
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
func (im *importer) typedEndpoints(o obj, at, what string) (typ string, ep obj, eat string, ok bool) {
	typ, _ = im.str(o, "type", at)
	key, known := endpointOf[typ]
	if !known || typ == "HTTP-VPC-MEMBER-GROUP" {
		im.fail("import-backend", ptr(at, "type"), "expected a %s type of HTTP, HTTP-VPC, FUNCTION or MOCK, got %q", what, typ)
		return "", nil, "", false
	}
	if ep, ok = im.object(o, key, at); !ok {
		if !o.has(key) {
			im.fail("import-backend", at, "a %s %s needs %s", typ, what, key)
		}
		return "", nil, "", false
	}
	return typ, ep, ptr(at, key), true
}

// webBackend reads httpEndpoints or httpVpcEndpoints.
func (im *importer) webBackend(typ string, ep obj, at string, main bool) *model.WebBackend {
	w := &model.WebBackend{VPCChannelStatus: 2}
	w.ReqMethod, _ = im.str(ep, "method", at)
	if w.ReqMethod != "" {
		im.oneOf(w.ReqMethod, ptr(at, "method"), "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY")
	}
	w.ReqURI, _ = im.str(ep, "path", at)
	scheme, _ := im.str(ep, "scheme", at)
	if im.oneOf(strings.ToUpper(scheme), ptr(at, "scheme"), "HTTP", "HTTPS") {
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
	if v := ep.get("retryCount"); v != nil {
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case number:
			s = string(v)
		default:
			im.fail("import-type", ptr(at, "retryCount"), "expected a string, got %s", jsonKind(v))
		}
		if n, err := strconv.Atoi(s); s != "" && (err != nil || n < -1 || n > 10) {
			im.fail("import-value", ptr(at, "retryCount"), "expected an integer from -1 to 10, got %q", s)
		} else if s != "" {
			w.RetryCount = &s
		}
	}
	if typ == "HTTP-VPC" {
		name, _ := im.str(ep, "name", at)
		if name == "" {
			im.fail("import-required", ptr(at, "name"), "an HTTP-VPC backend names its VPC channel")
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
			im.fail("import-required", ptr(at, "address"), "an HTTP backend needs an address")
		}
	}
	return w
}

// function reads functionEndpoints.
func (im *importer) function(ep obj, at string) *model.FunctionBackend {
	f := &model.FunctionBackend{}
	f.FunctionURN, _ = im.str(ep, "function-urn", at)
	if f.FunctionURN == "" {
		im.fail("import-required", ptr(at, "function-urn"), "a FUNCTION backend needs its function-urn")
	}
	if t, ok := im.str(ep, "invocation-type", at); ok && im.oneOf(t, ptr(at, "invocation-type"), "async", "sync") {
		f.InvocationType = t
	}
	if n, ok := im.str(ep, "network-type", at); ok && n != "" && im.oneOf(n, ptr(at, "network-type"), "V1", "V2") {
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
func (im *importer) backend(a *model.API, b obj, at string) {
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
func (im *importer) policies(a *model.API, list arr, at string) {
	mainType := a.BackendType
	if mainType == "HTTP" && a.BackendAPI != nil && a.BackendAPI.VPCChannelStatus == 1 {
		mainType = "HTTP-VPC"
	}
	im.eachItem(list, at, "a backend policy object", func(p obj, pat string) {
		typ, ep, eat, ok := im.typedEndpoints(p, pat, "policy")
		if !ok {
			return
		}
		if !policyAllowed(mainType, typ) {
			im.fail("import-policy-type", ptr(pat, "type"), "a %s backend takes no %s policy", mainType, typ)
			return
		}
		var base model.PolicyBase
		base.Name, _ = im.str(p, "name", pat)
		if base.Name == "" {
			im.fail("import-required", ptr(pat, "name"), "a backend policy needs a name")
		}
		if m, ok := im.str(p, "effectMode", pat); ok && im.oneOf(m, ptr(pat, "effectMode"), "ALL", "ANY") {
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
func (im *importer) conditions(p obj, at string) []model.Condition {
	list, _ := im.array(p, "conditions", at)
	var out []model.Condition
	im.eachItem(list, ptr(at, "conditions"), "a condition object", func(c obj, cat string) {
		var mc model.Condition
		origin, _ := im.str(c, "origin", cat)
		if origin == "request" { // the import docs' spelling
			origin = "param"
		}
		if !im.oneOf(origin, ptr(cat, "origin"), model.ConditionOrigins...) {
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
			im.oneOf(typ, ptr(cat, "type"), model.ConditionTypes...)
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
func (im *importer) bindings(a *model.API, op obj, at string) {
	if name, ok := im.str(op, "x-apigateway-ratelimit", at); ok && name != "" {
		if id, known := im.throttles[name]; known {
			im.b.ThrottleBindings = append(im.b.ThrottleBindings, model.ThrottleBinding{APIID: a.ID, EnvID: im.opts.EnvID, ThrottleID: id})
		} else {
			im.fail("import-reference", ptr(at, "x-apigateway-ratelimit"), "throttle %s is not in x-apigateway-ratelimits", name)
		}
	}
	if name, ok := im.str(op, "x-apigateway-access-control", at); ok && name != "" {
		if id, known := im.acls[name]; known {
			im.b.ACLBindings = append(im.b.ACLBindings, model.ACLBinding{APIID: a.ID, EnvID: im.opts.EnvID, ACLID: id})
		} else {
			im.fail("import-reference", ptr(at, "x-apigateway-access-control"), "access control policy %s is not in x-apigateway-access-controls", name)
		}
	}
	if names, ok := im.array(op, "x-apigateway-plugins", at); ok {
		for i, v := range names {
			name, ok := v.(string)
			if !ok || name == "" {
				im.fail("import-type", ptr(at, "x-apigateway-plugins", strconv.Itoa(i)), "expected a plugin's name")
				continue
			}
			id := im.plugin(name)
			im.b.PluginBindings = append(im.b.PluginBindings, model.PluginBinding{APIID: a.ID, EnvID: im.opts.EnvID, PluginID: id})
		}
	}
}

// rateLimits maps x-apigateway-ratelimits to throttles and their specials.
func (im *importer) rateLimits(holder obj, holderAt string) {
	limits, _ := im.object(holder, "x-apigateway-ratelimits", holderAt)
	im.eachMember(limits, ptr(holderAt, "x-apigateway-ratelimits"), "a throttle object", func(name string, o obj, at string) {
		t := model.Throttle{ID: deriveID("throttle", name), Name: name, Type: 1}
		t.APICallLimits, _ = im.integer(o, "api-limit", at)
		t.TimeInterval, _ = im.integer(o, "interval", at)
		if u, ok := im.str(o, "unit", at); ok && im.oneOf(u, ptr(at, "unit"), "SECOND", "MINUTE", "HOUR", "DAY") {
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
		im.eachItem(specials, ptr(at, "special"), "a special throttle object", func(s obj, sat string) {
			sp := model.ThrottleSpecial{ThrottleID: t.ID}
			sp.CallLimits, _ = im.integer(s, "limit", sat)
			sp.ObjectID, _ = im.str(s, "instance", sat)
			if typ, ok := im.str(s, "type", sat); ok && im.oneOf(typ, ptr(sat, "type"), "APP", "USER") {
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
func (im *importer) accessControls(holder obj, holderAt string) {
	acls, _ := im.object(holder, "x-apigateway-access-controls", holderAt)
	im.eachMember(acls, ptr(holderAt, "x-apigateway-access-controls"), "an access control object", func(name string, o obj, at string) {
		acl := model.ACL{ID: deriveID("acl", name), ACLName: name}
		if t, ok := im.str(o, "acl-type", at); ok && im.oneOf(t, ptr(at, "acl-type"), "PERMIT", "DENY") {
			acl.ACLType = t
		}
		if t, ok := im.str(o, "entity-type", at); ok && im.oneOf(t, ptr(at, "entity-type"), "IP", "DOMAIN", "DOMAIN_ID") {
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
func (im *importer) gatewayResponses(holder obj, holderAt string) {
	rs, _ := im.object(holder, "x-apigateway-responses", holderAt)
	im.eachMember(rs, ptr(holderAt, "x-apigateway-responses"), "a gateway response object", func(name string, o obj, at string) {
		types := map[string]model.ErrorResponse{}
		im.eachMember(o, at, "an error response object", func(errorType string, e obj, tat string) {
			var er model.ErrorResponse
			if s, ok := im.smallInt(e, "status", tat); ok {
				er.Status = s
			}
			if er.Status < 200 || er.Status > 599 {
				im.fail("import-value", ptr(tat, "status"), "expected an HTTP status from 200 to 599")
			}
			if body, ok := im.object(e, "body", tat); ok {
				er.Body, _ = im.str(body, "application/json", ptr(tat, "body"))
			}
			hs, _ := im.array(e, "headers", tat)
			im.eachItem(hs, ptr(tat, "headers"), "a header object", func(h obj, hat string) {
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

// checkExportable loads the bundle as a user would and exports it: what
// the import accepts must give a valid document.
func (im *importer) checkExportable(b *model.Bundle) {
	data, err := json.Marshal(b)
	if err != nil {
		im.fail("import-not-exportable", "", "%v", err)
		return
	}
	loaded, err := model.Load([]model.File{{Name: "imported bundle", Data: data}}, model.LoadOptions{Strict: true})
	if err != nil {
		im.fail("import-not-exportable", "", "the imported bundle does not load: %v", err)
		return
	}
	_, err = Export(loaded, Request{GroupID: im.group.ID, EnvID: im.opts.EnvID, Define: DefineAll, Version: "import"}, Options{})
	if err != nil {
		im.fail("import-not-exportable", "", "the imported group does not export: %v", err)
	}
}

// bundleFileName is {title}.bundle.json made a safe file name (see
// safeFileName), "group.bundle.json" when the title leaves nothing.
func bundleFileName(title string) string {
	return safeFileName(strings.TrimSpace(title), "bundle.json", "group")
}
