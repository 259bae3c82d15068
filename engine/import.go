package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
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
	"import-not-exportable":        "the imported group cannot be exported again as a valid document of its version, Swagger 2.0 or OpenAPI 3.0 (the message says why)",
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
// the same bundle. The error is an [*Error]: APIG.3609
// ([CodeEmptyDocument]) for an empty document, APIG.3600
// ([CodeInvalidDocument]) for one that cannot be read or has a key twice,
// APIG.3602 ([CodeImportRefused]) when a finding is an error.
func Import(doc []byte, opts ImportOptions) (*ImportResult, error) {
	_, t, dups, err := readDocument(doc)
	if err != nil {
		return nil, err
	}
	if dups != nil {
		// Keeping one of the two silently would drop an operation.
		return &ImportResult{Findings: dups}, newError(statusBadRequest, CodeImportRefused, "the Swagger file cannot be imported: "+dups[0].String())
	}
	t, refFindings := inlineRefs(t, opts.Source)
	im := newImporter(opts)
	im.findings = append(im.findings, refFindings...)
	im.document(tree.AsObj(t))
	res := &ImportResult{Version: im.version}
	if !HasErrors(im.findings) {
		im.checkExportable(&im.b)
	}
	res.Findings = check.Sort(im.findings)
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	if HasErrors(res.Findings) {
		first := res.Findings[slices.IndexFunc(res.Findings, func(f Finding) bool { return f.Severity == SeverityError })]
		return res, newError(statusBadRequest, CodeImportRefused, "the Swagger file cannot be imported: "+first.String())
	}
	res.Bundle = &im.b
	res.FileName = bundleFileName(im.group.Name)
	return res, nil
}

// importer is one import in progress.
type importer struct {
	opts     ImportOptions
	b        model.Bundle
	group    *model.Group
	version  string
	findings []Finding

	root         tree.Obj
	schemes      tree.Obj          // securityDefinitions
	rootParams   tree.Obj          // parameters, for $ref
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
	im.findings = append(im.findings, Finding{Severity: sev, Code: code, Path: path, Message: fmt.Sprintf(format, args...)})
}

func (im *importer) fail(code, path, format string, args ...any) {
	im.add(SeverityError, code, path, format, args...)
}

func (im *importer) warn(code, path, format string, args ...any) {
	im.add(SeverityWarning, code, path, format, args...)
}

// The typed getters report a value of the wrong type and answer the zero
// value; ok is false when the key is absent or of the wrong type.

// field reads o[key] as a T, reporting any other type as wanting want.
func field[T any](im *importer, o tree.Obj, key, at, want string) (T, bool) {
	var zero T
	v := o.Get(key)
	if v == nil {
		return zero, false
	}
	t, ok := v.(T)
	if !ok {
		im.fail("import-type", tree.Pointer(at, key), "expected %s, got %s", want, jsonKind(v))
	}
	return t, ok
}

func (im *importer) str(o tree.Obj, key, at string) (string, bool) {
	return field[string](im, o, key, at, "a string")
}

func (im *importer) boolean(o tree.Obj, key, at string) (bool, bool) {
	return field[bool](im, o, key, at, "a boolean")
}

func (im *importer) object(o tree.Obj, key, at string) (tree.Obj, bool) {
	return field[tree.Obj](im, o, key, at, "an object")
}

func (im *importer) array(o tree.Obj, key, at string) (tree.Arr, bool) {
	return field[tree.Arr](im, o, key, at, "an array")
}

// eachMember calls fn for every member of o that is an object, reporting
// the others as not being what (an article and a noun).
func (im *importer) eachMember(o tree.Obj, at, what string, fn func(name string, v tree.Obj, at string)) {
	for _, m := range o {
		mat := tree.Pointer(at, m.Key)
		v, ok := m.Val.(tree.Obj)
		if !ok {
			im.fail("import-type", mat, "expected %s, got %s", what, jsonKind(m.Val))
			continue
		}
		fn(m.Key, v, mat)
	}
}

// eachItem calls fn for every item of a that is an object, reporting the
// others as not being what.
func (im *importer) eachItem(a tree.Arr, at, what string, fn func(v tree.Obj, at string)) {
	for i, item := range a {
		iat := tree.Pointer(at, strconv.Itoa(i))
		v, ok := item.(tree.Obj)
		if !ok {
			im.fail("import-type", iat, "expected %s, got %s", what, jsonKind(item))
			continue
		}
		fn(v, iat)
	}
}

// integer reads an integer number that fits the model's int64 (or, with
// small, an int); a whole number written with a fraction (5000.0) is one.
func (im *importer) integer(o tree.Obj, key, at string) (int64, bool) {
	v := o.Get(key)
	if v == nil {
		return 0, false
	}
	n, ok := v.(tree.Number)
	if !ok {
		im.fail("import-type", tree.Pointer(at, key), "expected an integer, got %s", jsonKind(v))
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(string(n), 64)
		if ferr != nil || f != float64(int64(f)) || f > 1<<53 || f < -(1<<53) {
			im.fail("import-value", tree.Pointer(at, key), "expected an integer the gateway can keep, got %s", n)
			return 0, false
		}
		i = int64(f)
	}
	return i, true
}

func (im *importer) smallInt(o tree.Obj, key, at string) (int, bool) {
	i, ok := im.integer(o, key, at)
	if ok && (i > 1<<31-1 || i < -(1<<31)) {
		im.fail("import-value", tree.Pointer(at, key), "expected an integer below 2^31, got %d", i)
		return 0, false
	}
	return int(i), ok
}

// jsonKind is the JSON type of v with its article, for messages ("an
// object", "null"): tree.Kind.
func jsonKind(v any) string {
	switch k := tree.Kind(v); k {
	case "null":
		return k
	case "":
		return "a value"
	case "object", "array":
		return "an " + k
	default:
		return "a " + k
	}
}

// oneOf checks a string against the values the gateway allows.
func (im *importer) oneOf(s, at string, allowed ...string) bool {
	if slices.Contains(allowed, s) {
		return true
	}
	im.fail("import-value", at, "expected one of %s, got %q", strings.Join(allowed, ", "), s)
	return false
}

func (im *importer) ignoreOthers(o tree.Obj, at string, known []string) {
	for _, k := range o.Keys() {
		if !slices.Contains(known, k) {
			im.warn("import-ignored", tree.Pointer(at, k), "the gateway does not import %s here; it is left out", k)
		}
	}
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

// newGroup creates the group from info (title, version, description)
// with host as its subdomain, and the environment.
func (im *importer) newGroup(root tree.Obj, host string) {
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

// paths maps the Path Items, with base before each path.
func (im *importer) paths(root tree.Obj, base string) {
	paths, ok := im.object(root, "paths", "")
	if !ok {
		if !root.Has("paths") {
			im.fail("import-required", "/paths", "the document needs paths")
		}
		return
	}
	for _, m := range paths {
		at := tree.Pointer("/paths", m.Key)
		item, ok := m.Val.(tree.Obj)
		if !ok {
			im.fail("import-type", at, "expected a Path Item object, got %s", jsonKind(m.Val))
			continue
		}
		if strings.HasPrefix(m.Key, "x-") {
			im.warn("import-ignored", at, "the gateway does not import %s here; it is left out", m.Key)
			continue
		}
		im.pathItem(base+m.Key, item, at)
	}
}

// checkExportable loads the bundle as a user would and exports it in the
// document's version (OpenAPI 3.0 for an OpenAPI 3.0 document, whose COOKIE
// parameters Swagger 2.0 cannot write): what the import accepts must give
// a valid document.
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
	req := Request{GroupID: im.group.ID, EnvID: im.opts.EnvID, Define: DefineAll, Version: "import"}
	if im.oas3 != nil {
		req.OASVersion = "3.0"
	}
	_, err = Export(loaded, req, Options{})
	if err != nil {
		im.fail("import-not-exportable", "", "the imported group does not export: %v", err)
	}
}

// bundleFileName is {title}.bundle.json made a safe file name (see
// safeFileName), "group.bundle.json" when the title leaves nothing.
func bundleFileName(title string) string {
	return safeFileName(strings.TrimSpace(title), "bundle.json", "group")
}
