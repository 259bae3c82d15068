package engine

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
)

// Request is the body of the gateway's export call, plus the oas_version
// query parameter. The zero value of each optional field is its default.
type Request struct {
	// GroupID is the API group to export, by ID (the gateway's request
	// takes IDs; [model.Bundle.GroupByIDOrName] finds one from a name).
	// Required.
	GroupID string `json:"group_id"`
	// EnvID is the environment whose publications are exported, by ID
	// ([model.Bundle.EnvByIDOrName] finds one from a name); required for
	// spec, proxy and all, ignored by dev.
	EnvID string `json:"env_id,omitempty"`
	// Define is the scope: spec (default), proxy, all or dev.
	Define string `json:"define,omitempty"`
	// Type is the format: json (default), yaml or yml.
	Type string `json:"type,omitempty"`
	// Version becomes info.version (at most 64 characters); by default the
	// export time, [Options].Now, as 2006-01-02-15:04:05 in UTC.
	Version string `json:"version,omitempty"`
	// APIs limits the export to these API IDs ([model.Bundle.APIByIDOrName]
	// finds one from a name); empty means every API the scope selects. An
	// API of the list that is not published in the environment is left
	// out ([model.Bundle.IsPublished] tells).
	APIs []string `json:"apis,omitempty"`
	// OASVersion is the document's version: 2.0 (default, Swagger 2.0) or
	// 3.0 (OpenAPI 3.0.0, docs/export.md §4b).
	OASVersion string `json:"oas_version,omitempty"`
}

// Options tune an export beyond what the gateway's request carries.
type Options struct {
	// Now is the export time, used for the default version. The engine
	// never reads the clock: a request without a version needs a Now
	// (time.Now() for the gateway's behaviour), and a zero Now is then
	// refused with 500 APIG.9999 naming Options.Now, rather than giving
	// the version 0001-01-01-00:00:00.
	Now time.Time `json:"-"`
	// ResolveVars replaces #name# environment variables in backend
	// addresses and paths with the environment's values; one without a
	// value is then an error.
	ResolveVars bool `json:"resolve_vars,omitempty"`
	// SkipValidation returns the document without checking it. Meant for
	// benchmarks and for callers that validate themselves.
	SkipValidation bool `json:"skip_validation,omitempty"`
	// StrictValidation checks the document with the reference validator,
	// go-openapi/validate, instead of the fast one that gives the same
	// verdicts; it is many times slower, and needs package
	// github.com/apigexport/apigexport/engine/reference (see the package doc).
	StrictValidation bool `json:"strict_validation,omitempty"`
}

// Result is an exported document.
type Result struct {
	// Body is the document.
	Body []byte `json:"body"`
	// FileName is {group}-{env}-{define}-{version}.{ext}, the gateway's
	// own pattern ({group}-dev-{version}.{ext} for dev), made one safe
	// file name: no path separator, control character or character that
	// Windows refuses (each becomes _, the default version's colons
	// included), no leading dot, at most 200 bytes. The same rule as
	// [ImportResult.FileName].
	FileName string `json:"filename"`
	// ContentType is application/json or application/yaml.
	ContentType string `json:"contentType"`
	// Warnings are things the user should know that did not stop the
	// export, sorted.
	Warnings []string `json:"warnings"`
}

// The scopes of an export.
const (
	DefineSpec  = "spec"
	DefineProxy = "proxy"
	DefineAll   = "all"
	DefineDev   = "dev"
)

// VersionLayout is the time layout of the default info.version.
const VersionLayout = "2006-01-02-15:04:05"

// maxVersionLen is the longest request version, in characters.
const maxVersionLen = 64

// Export produces the Swagger 2.0 or OpenAPI 3.0 document of one API group as the gateway's
// export operation does. On failure the error is an [*Error].
func Export(b *model.Bundle, req Request, opts Options) (*Result, error) {
	x, err := newExporter(b, req, opts)
	if err != nil {
		return nil, err
	}
	defer x.release()
	if opts.StrictValidation && !opts.SkipValidation {
		if !haveReference() {
			return nil, errNoReference
		}
		if x.oas3 != nil && !haveOpenAPI3Reference() {
			return nil, errNoOpenAPI3Reference
		}
	}
	var root tree.Obj
	if x.oas3 != nil {
		root, err = x.rootOAS3()
	} else {
		root, err = x.root()
	}
	if err != nil {
		return nil, err
	}
	// Each Path Item is checked and written as soon as it is built, while
	// it is in the caches, and then let go: its memory holds the next one.
	out := &sink{mem: x.mem}
	if !opts.SkipValidation {
		// The tree is validated whatever the output format: both forms
		// come from it.
		if x.oas3 != nil {
			out.chk = newOAS3Checker(root, opts.StrictValidation, len(x.apis))
		} else {
			out.chk = check.New(root, swagger2(!opts.StrictValidation, len(x.apis), Source{}))
		}
	}
	if x.format == "json" {
		out.w = tree.NewJSONWriter(root, x.sizeHint())
	} else {
		out.w = tree.NewYAMLWriter(root, x.sizeHint())
	}
	if err := x.pathItems(out.item); err != nil {
		return nil, err
	}
	res := &Result{FileName: x.fileName(), Warnings: x.warnings, Body: out.w.Finish(root), ContentType: "application/json"}
	if x.format == "yaml" {
		res.ContentType = "application/yaml"
	}
	if chk := out.chk; chk != nil {
		// The reference validator, when it is asked for or the document
		// is outside the fast path, reads the JSON form: a YAML export
		// builds it again, the Path Items being gone (the reference
		// takes far longer than building).
		var rebuild error
		findings := chk.Verdict(func() []byte {
			if x.format == "json" {
				return res.Body
			}
			body, err := x.encodeJSON(root)
			rebuild = err
			return body
		})
		if rebuild != nil {
			return nil, rebuild
		}
		if HasErrors(findings) {
			return nil, newError(statusInternalServerError, CodeInternal,
				"System error: the exported document is not valid: "+findingsError(findings).Error())
		}
	}
	slices.Sort(res.Warnings)
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	return res, nil
}

// arenas keeps the arenas of finished exports for the next ones: an
// arena's blocks are the largest allocation of an export but its output,
// and each such allocation brings the next garbage collection closer.
// Nothing of an export refers to its arena once it returns.
var arenas = sync.Pool{New: func() any { return new(tree.Arena) }}

// release gives the export's arena back to arenas.
func (x *exporter) release() {
	x.mem.Reset()
	arenas.Put(x.mem)
	x.mem = nil
}

// docWriter writes a document from its root and its Path Items, one by
// one: [jsonWriter] or [yamlWriter].
type docWriter interface {
	PathItem(p string, item tree.Obj)
	Finish(root tree.Obj) []byte
}

// encodeJSON builds the Path Items again and writes the document as JSON,
// for the reference validator of a YAML export. The first build passed,
// so this one does too; its warnings are the first one's, and dropped.
func (x *exporter) encodeJSON(root tree.Obj) ([]byte, error) {
	out := &sink{w: tree.NewJSONWriter(root, x.sizeHint()), mem: x.mem}
	n := len(x.warnings)
	err := x.pathItems(out.item)
	x.warnings = x.warnings[:n]
	return out.w.Finish(root), err
}

// sink takes the Path Items of an export one by one, as they are built:
// the checker (when the export is validated) and the writer see each, and
// then the arena lets it go.
type sink struct {
	chk check.Stream // nil: the export is not validated
	w   docWriter
	mem *tree.Arena
}

func (s *sink) item(p string, item tree.Obj) {
	if s.chk != nil {
		// Boxed in the arena: converting it to an any allocated its
		// header, once per Path Item. The checker keeps nothing of an
		// item after Item returns (the arena lets all of it go).
		s.chk.Item(p, s.mem.Box(item))
	}
	s.w.PathItem(p, item)
	s.mem.Reset()
}

// exporter is one export in progress.
type exporter struct {
	b        *model.Bundle
	req      Request
	opts     Options
	define   string
	format   string // json or yaml
	ext      string // json, yaml or yml
	version  string
	group    *model.Group
	env      *model.Env // nil for dev without env_id
	apis     []*model.API
	warnings []string

	// The policies that exported operations name, by name (define=all).
	throttles    map[string]*model.Throttle
	acls         map[string]*model.ACL
	bindingIndex *bindings // see indexBindings
	// bound is what is bound to each API, by its position in apis; nil
	// when nothing is (a slice rather than a map by API: at 10,000 APIs
	// a map's lookups miss the caches).
	bound []bound

	// oas3 is set for an OpenAPI 3.0 export (oas_version 3.0).
	oas3 *oas3Export

	// standard is set when an operation has a method that validators
	// see (not ANY).
	standard bool

	// lines is prefetch's scratch space.
	lines lines

	// mem holds the Path Items' objects and arrays (see tree.Arena),
	// from arenas.
	mem *tree.Arena

	// Scratch space that each use writes over: see templateParams and
	// parameters.
	names, declared []string
	// numbers holds integers written so far as values of the tree,
	// which the APIs repeat (bounds, timeouts): see number.
	numbers [1 << 7]struct {
		n int64
		v any
	}
	// policyNames holds the policy names of boxedName, pluginLists the
	// lists of onePlugin.
	policyNames, pluginLists map[string]any
	// customSecurity holds the security requirements of custom
	// authorizers, by authorizer ID.
	customSecurity map[string]any
}

// bound is what is bound to an API in the export's environment.
type bound struct {
	// The names of the throttle and the ACL as values of the tree (see
	// boxedName); nil for none.
	throttle, acl any
	plugins       any // a tree.Arr
}

func (x *exporter) warn(format string, args ...any) {
	x.warnings = append(x.warnings, fmt.Sprintf(format, args...))
}

// newExporter checks the request against the contract (docs/export.md §2) in the
// gateway's order: required parameters, values, then what must exist.
func newExporter(b *model.Bundle, req Request, opts Options) (*exporter, error) {
	x := &exporter{b: b, req: req, opts: opts, mem: arenas.Get().(*tree.Arena)}
	if req.GroupID == "" {
		return nil, missingParam("group_id")
	}
	x.define = req.Define
	if x.define == "" {
		x.define = DefineSpec
	}
	switch x.define {
	case DefineSpec, DefineProxy, DefineAll, DefineDev:
	default:
		return nil, invalidParam("define")
	}
	if req.EnvID == "" && x.define != DefineDev {
		return nil, missingParam("env_id")
	}
	switch req.Type {
	case "", "json":
		x.format, x.ext = "json", "json"
	case "yaml", "yml":
		x.format, x.ext = "yaml", req.Type
	default:
		return nil, invalidParam("type")
	}
	x.version = req.Version
	if x.version == "" {
		if opts.Now.IsZero() {
			return nil, &Error{Status: statusInternalServerError, Code: CodeInternal, Param: "version",
				Message: "System error: the request has no version and Options.Now is zero: pass the export time (time.Now()) or a version"}
		}
		x.version = opts.Now.UTC().Format(VersionLayout)
	} else if utf8.RuneCountInString(x.version) > maxVersionLen || !utf8.ValidString(x.version) {
		return nil, invalidParam("version")
	}
	switch req.OASVersion {
	case "", "2.0":
	case "3.0":
		x.oas3 = &oas3Export{}
	default:
		return nil, invalidParam("oas_version")
	}
	if x.group = b.Group(req.GroupID); x.group == nil {
		return nil, notFound("group_id", CodeGroupNotFound, "API group %s does not exist", req.GroupID)
	}
	if req.EnvID != "" {
		if x.env = b.Env(req.EnvID); x.env == nil {
			return nil, notFound("env_id", CodeEnvNotFound, "Environment %s does not exist", req.EnvID)
		}
	}
	if opts.ResolveVars && x.env == nil {
		return nil, invalidParamBecause("env_id", "resolving environment variables needs an environment")
	}
	if err := x.selectAPIs(); err != nil {
		return nil, err
	}
	return x, nil
}

// selectAPIs picks the APIs and the definitions the scope exports.
func (x *exporter) selectAPIs() error {
	// The group's APIs by ID, the last of an ID (a table rather than a
	// map: see check.Firsts).
	var inGroup check.Firsts[*model.API]
	inGroup.Init(len(x.b.APIs))
	for i := range x.b.APIs {
		if a := &x.b.APIs[i]; a.GroupID == x.group.ID {
			if held, dup := inGroup.Add(a.ID, a); dup {
				*held = a
			}
		}
	}
	var want map[string]bool
	if len(x.req.APIs) > 0 {
		want = map[string]bool{}
		ids := slices.Clone(x.req.APIs)
		slices.Sort(ids)
		for _, id := range ids {
			if inGroup.Get(id) == nil {
				return notFound("apis", CodeAPINotFound, "API %s does not exist", id)
			}
			want[id] = true
		}
	}
	x.apis = make([]*model.API, 0, inGroup.Len())
	if x.define == DefineDev {
		for i := range inGroup.Len() {
			if id, a := inGroup.At(i); want == nil || want[id] {
				x.apis = append(x.apis, *a)
			}
		}
	} else {
		for i := range x.b.Publications {
			p := &x.b.Publications[i]
			if p.EnvID != x.env.ID || (want != nil && !want[p.APIID]) {
				continue
			}
			held := inGroup.Get(p.APIID)
			if held == nil {
				continue
			}
			a := *held
			if p.API != nil {
				a = p.API
			}
			x.apis = append(x.apis, a)
		}
	}
	slices.SortFunc(x.apis, func(a, b *model.API) int {
		return strings.Compare(a.ID, b.ID)
	})
	if len(x.apis) == 0 {
		if x.define == DefineDev {
			x.warn("no API of group %s was selected: the document has no paths", x.group.Name)
		} else {
			x.warn("no API of group %s is published in environment %s: the document has no paths", x.group.Name, x.env.Name)
		}
	}
	return nil
}

// sizeHint guesses the size of the JSON document, generously (a typical
// API takes about 2 KB), so that the buffer is allocated once.
func (x *exporter) sizeHint() int { return 8192 + 2560*len(x.apis) }

// fileName is the gateway's {group}-{env}-{define}-{version}.{ext} made
// a safe file name (see safeFileName): the default version's colons, for
// one, become _.
func (x *exporter) fileName() string {
	parts := []string{x.group.Name}
	if x.define != DefineDev {
		parts = append(parts, x.env.Name)
	}
	parts = append(parts, x.define, x.version)
	return safeFileName(strings.Join(parts, "-"), x.ext, "export")
}

// kind names the document's version in refusals.
func (x *exporter) kind() string {
	if x.oas3 != nil {
		return "an OpenAPI 3.0"
	}
	return "a Swagger 2.0"
}

// unsupported is the error for an API that the document's version
// (Swagger 2.0, or OpenAPI 3.0: x.kind) cannot express.
func (x *exporter) unsupported(a *model.API, what string) *Error {
	return invalidParamBecause("apis", "API %s (%s) %s, which %s export cannot express; leave it out with the apis filter", a.Name, a.ID, what, x.kind())
}

// pathItems builds the Path Items, in byte order of their paths, and hands
// each to emit as soon as it is built. It must follow root.
func (x *exporter) pathItems(emit func(path string, item tree.Obj)) error {
	all := x.byPath()
	byPath := all
	for len(byPath) > 0 {
		p := x.apis[byPath[0]].ReqURI
		n := 1
		for n < len(byPath) && x.apis[byPath[n]].ReqURI == p {
			n++
		}
		apis := byPath[:n]
		byPath = byPath[n:]
		var ops [len(check.MethodOrder)]tree.Obj // by method, in methodOrder
		var anyOp tree.Obj
		var anyParams tree.Arr // declared path parameters of the ANY operation
		for k, at := range apis {
			if prefetching {
				x.prefetch(all, len(all)-len(byPath)-n+k)
			}
			a := x.apis[at]
			op, params, err := x.operation(a, int(at))
			if err != nil {
				return err
			}
			if a.ReqMethod == "ANY" {
				anyOp, anyParams = op, params
			} else if i := slices.Index(check.MethodOrder[:], a.ReqMethod); i >= 0 {
				ops[i] = op
			}
		}
		item := x.mem.Obj(len(apis) + 1)
		for i, op := range ops {
			if op != nil {
				item.Set(check.MethodKeys[i], x.mem.Box(op))
			}
		}
		if op := anyOp; op != nil {
			// Validators do not see x-apigateway-any-method: when it is the
			// only operation, its path parameters must be declared on the
			// Path Item too, or the document is invalid.
			if len(item) == 0 && len(anyParams) > 0 {
				item.Set("parameters", x.mem.BoxArr(anyParams))
			}
			if !x.standard && x.oas3 == nil {
				// A root response that no visible operation references
				// draws a validator warning, so when no operation is
				// visible, ANY operations carry it inline instead.
				resp := op.Get("responses").(tree.Obj)
				resp[0].Val = tree.Obj{{"description", "response example"}}
			}
			item.Set(check.AnyMethodKey, x.mem.Box(op))
		}
		if x.oas3 != nil {
			item = item.Sorted() // OpenAPI 3.0 objects have sorted keys
		}
		emit(p, item)
	}
	return nil
}

// pathKey is an API's place in the sort by path: the 16 bytes of its
// path after the prefix that all share, as two big-endian words (zeros
// past its end), and its position in x.apis.
type pathKey struct {
	hi, lo uint64
	at     int32
}

// byPath returns the positions of the APIs in x.apis sorted by path,
// each path's in ID order: a sorted list rather than a map of slices, its
// runs the Path Items. x.apis is in ID order, so the positions order a
// path's APIs without comparing their IDs. The sort compares the paths'
// words, which sit side by side, rather than the paths, which are all
// over the bundle (at 10,000 APIs each comparison then missed the
// caches); only paths whose words are the same are compared. Words that
// differ order their paths as the paths do: the first byte that differs
// is either a byte of both, or the end of the shorter path, which is then
// a prefix of the other, against a byte that is not 0.
func (x *exporter) byPath() []int32 {
	if len(x.apis) == 0 {
		return nil
	}
	common := len(x.apis[0].ReqURI)
	first := x.apis[0].ReqURI
	for _, a := range x.apis[1:] {
		p := a.ReqURI
		n := min(common, len(p))
		i := 0
		for i < n && p[i] == first[i] {
			i++
		}
		common = i
	}
	keys := make([]pathKey, len(x.apis))
	for i, a := range x.apis {
		p := a.ReqURI[common:]
		keys[i] = pathKey{bigEndian(p), bigEndian(p[min(8, len(p)):]), int32(i)}
	}
	slices.SortFunc(keys, func(a, b pathKey) int {
		switch {
		case a.hi != b.hi:
			return cmp.Compare(a.hi, b.hi)
		case a.lo != b.lo:
			return cmp.Compare(a.lo, b.lo)
		}
		if c := strings.Compare(x.apis[a.at].ReqURI, x.apis[b.at].ReqURI); c != 0 {
			return c
		}
		return int(a.at - b.at)
	})
	out := make([]int32, len(keys))
	for i, k := range keys {
		out[i] = k.at
	}
	return out
}

// bigEndian is the first 8 bytes of s as a big-endian word, zeros past
// its end.
func bigEndian(s string) uint64 {
	var w uint64
	for i := range 8 {
		w <<= 8
		if i < len(s) {
			w |= uint64(s[i])
		}
	}
	return w
}

// checkWeb refuses w, a web backend of a (what+name says which), in a
// form that checkBackends refuses. A method rather than a closure, and
// what+name joined only for a refusal: w then does not escape, and
// neither the policy's WebBackend nor the words cost an allocation per
// API.
func (x *exporter) checkWeb(a *model.API, w *model.WebBackend, what, name string) error {
	switch ch := w.Channel(); {
	case ch == 3:
		return x.unsupported(a, fmt.Sprintf("has %s%s with vpc_channel_status 3 (a livedata backend)", what, name))
	case ch == 4:
		return x.unsupported(a, fmt.Sprintf("has %s%s with vpc_channel_status 4 (a member-group VPC channel)", what, name))
	case ch > 2:
		return x.unsupported(a, fmt.Sprintf("has %s%s with vpc_channel_status %d", what, name, ch))
	}
	if p := w.ReqProtocol; !strings.EqualFold(p, "HTTP") && !strings.EqualFold(p, "HTTPS") {
		return x.unsupported(a, fmt.Sprintf("has %s%s with the %s protocol", what, name, p))
	}
	return nil
}

// host is the first bound independent domain, else the group's subdomain.
func (x *exporter) host() string {
	for _, d := range x.group.URLDomains {
		if d.Domain != "" {
			return d.Domain
		}
	}
	return x.group.SLDomain
}

// conflicts finds selected APIs that cannot share one document, fed one
// API at a time (check) by readAPIs, in the order of x.apis.
type conflicts struct {
	x *exporter
	// Swagger treats paths that differ only in parameter names as the
	// same path; one index finds both that and the same path twice.
	shapes *shapeIndex
	byName check.Firsts[*model.API]
}

func (x *exporter) newConflicts() *conflicts {
	c := &conflicts{x: x, shapes: newShapeIndex(len(x.apis))}
	c.byName.Init(len(x.apis))
	return c
}

// check refuses a, the next API, if it cannot be exported or cannot share
// the document with an API checked before it.
func (c *conflicts) check(a *model.API) error {
	x := c.x
	switch {
	case a.BackendType == "GRPC":
		return x.unsupported(a, "has a GRPC backend")
	case a.ReqProtocol == "GRPCS":
		return x.unsupported(a, "uses the GRPCS protocol")
	}
	if err := x.checkBackends(a); err != nil {
		return err
	}
	if x.oas3 == nil { // OpenAPI 3.0 takes cookies: no need to read the parameters
		for i := range a.ReqParams {
			if p := &a.ReqParams[i]; p.Location == "COOKIE" {
				return x.unsupported(a, fmt.Sprintf("has the COOKIE parameter %s", p.Name))
			}
		}
	}
	names := x.templateParams(a.ReqURI)
	for i, n := range names {
		if slices.Contains(names[:i], n) {
			return x.unsupported(a, fmt.Sprintf("has the path parameter {%s} twice in %s", n, a.ReqURI))
		}
	}
	if b := c.shapes.add(a, shapeHash(a.ReqMethod, a.ReqURI)); b != nil {
		if b.ReqURI == a.ReqURI {
			return invalidParamBecause("apis", "APIs %s (%s) and %s (%s) both answer %s and cannot share one Swagger document; export them separately with the apis filter", b.Name, b.ID, a.Name, a.ID, a.ReqMethod+" "+a.ReqURI)
		}
		return invalidParamBecause("apis", "APIs %s (%s) on %s and %s (%s) on %s differ only in path parameter names, which Swagger treats as the same path; export them separately with the apis filter", b.Name, b.ID, b.ReqURI, a.Name, a.ID, a.ReqURI)
	}
	if b, dup := c.byName.Add(a.Name, a); dup {
		return invalidParamBecause("apis", "APIs %s and %s share the name %s, and an operationId must be unique; export them separately with the apis filter", (*b).ID, a.ID, a.Name)
	}
	return nil
}

// shapeIndex holds APIs by method and path shape (check.PathShape), so
// that one index finds both paths that Swagger takes for one and the same
// path twice, each shape holding at most one API. It is keyed by the
// shape's hash (shapeHash), which costs no allocation; an API whose hash
// is another shape's goes into the second map, by shape, which is rare.
type shapeIndex struct {
	byHash   map[uint64]*model.API
	collided map[string]*model.API
}

func newShapeIndex(n int) *shapeIndex {
	return &shapeIndex{byHash: make(map[uint64]*model.API, n)}
}

// add returns the API held for a's method and shape, or holds a and
// returns nil; h is shapeHash(a.ReqMethod, a.ReqURI).
func (s *shapeIndex) add(a *model.API, h uint64) *model.API {
	b := s.byHash[h]
	switch {
	case b == nil:
		s.byHash[h] = a
		return nil
	case b.ReqMethod == a.ReqMethod && check.PathShape(b.ReqURI) == check.PathShape(a.ReqURI):
		return b
	}
	key := a.ReqMethod + " " + check.PathShape(a.ReqURI)
	if b := s.collided[key]; b != nil {
		return b
	}
	if s.collided == nil {
		s.collided = map[string]*model.API{}
	}
	s.collided[key] = a
	return nil
}

// shapeHash is the FNV-1a hash of method, a zero byte and
// check.PathShape(path), computed without building the shape.
func shapeHash(method, path string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(method); i++ {
		h = (h ^ uint64(method[i])) * prime
	}
	h *= prime // the zero byte
	last := 0
	check.ParamSpans(path, false, func(i, j int) {
		for _, c := range []byte(path[last:i]) {
			h = (h ^ uint64(c)) * prime
		}
		h = (h ^ '{') * prime
		h = (h ^ '}') * prime
		last = j
	})
	for _, c := range []byte(path[last:]) {
		h = (h ^ uint64(c)) * prime
	}
	return h
}

// templateParams is check.TemplateParams(path) in x.names, which the next
// call writes over: the builders read a path's parameter names and let
// them go.
func (x *exporter) templateParams(path string) []string {
	names := x.names[:0]
	check.ParamSpans(path, false, func(i, j int) { names = append(names, path[i+1:j-1]) })
	x.names = names
	return names
}

// checkBackends refuses an API whose backends the document would carry
// (every scope but spec) in a form the gateway's extensions have none for:
// the member-group and livedata channels (vpc_channel_status 4 and 3),
// which an httpEndpoints or httpVpcEndpoints object cannot name, the GRPC
// and GRPCS protocols, whose scheme those objects do not take, and
// functions called with GRPCS, which functionEndpoints cannot say.
func (x *exporter) checkBackends(a *model.API) error {
	if x.define == DefineSpec {
		return nil
	}
	if a.BackendType == "HTTP" && a.BackendAPI != nil {
		if err := x.checkWeb(a, a.BackendAPI, "a backend", ""); err != nil {
			return err
		}
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		// p.Web() does not escape checkWeb, so it costs no allocation.
		if err := x.checkWeb(a, p.Web(), "backend policy ", p.Name); err != nil {
			return err
		}
	}
	if a.BackendType == "FUNCTION" && a.FuncInfo != nil && a.FuncInfo.ReqProtocol == "GRPCS" {
		return x.unsupported(a, "has a function backend called with the GRPCS protocol")
	}
	for _, p := range a.PolicyFunctions {
		if p.ReqProtocol == "GRPCS" {
			return x.unsupported(a, fmt.Sprintf("has backend policy %s, a function called with the GRPCS protocol", p.Name))
		}
	}
	return nil
}
