// Package engine turns the gateway's JSON model of an API group (a
// [model.Bundle]) into the Swagger 2.0 or OpenAPI 3.0 document that Huawei
// Cloud API Gateway and ROMA Connect produce from their "Export APIs"
// operation, and validates Swagger documents.
//
// [Export] is a pure function: the bundle, the request and the options in,
// the document bytes out, or an [*Error] with the gateway's HTTP status,
// code and message. It reads no clock, file or environment; the caller
// passes the time. The same input gives the same bytes on every platform,
// including GOOS=js.
//
// Limits: an API that the document's version or the gateway's extensions
// cannot express (a GRPC backend or protocol, a member-group VPC channel,
// a COOKIE parameter in Swagger 2.0, ...) is refused with a 400 that names
// it and the apis filter, which exports the rest of the group. The
// mapping and every choice made where the gateway's documentation is
// silent are written down in the project's README and docs/export.md.
//
// [Import] goes the other way: a Swagger document with the gateway's
// extensions back to a bundle, with findings where the gateway would refuse
// or ignore something; it too is pure, and what it accepts exports again
// to the same document.
//
// Every document is validated before it is returned, by a fast validator
// that gives go-openapi/validate's verdicts (fastvalidate.go) and by the
// APIG rules (apig.go). [Validate] and [ValidateWith] check any Swagger
// 2.0 document the same way.
//
// # The reference validator
//
// go-openapi/validate itself, the reference, lives in package
// github.com/apigexport/apigexport/engine/reference, so that a program that
// imports engine alone stays small: it links neither go-openapi's modules
// nor net/http (BENCHMARKS.md gives the sizes). A program that wants the
// reference imports that package for its side effect, as the apigexport
// command does:
//
//	import _ "github.com/apigexport/apigexport/engine/reference"
//
// Without it, [ValidateStrict] and Options.StrictValidation are refused
// with APIG.2012, and [Validate] reports not-checked for the documents the
// fast validator hands to the reference (definitions, body parameters,
// $refs to other files, a default of a format such as date that only
// go-openapi/strfmt checks). Exports never need it. The WebAssembly module
// leaves it out.
//
// # Documents in several files
//
// A document's relative $refs ("./responses.yaml#/responses/BadRequest")
// are read through a [Source], an fs.FS and the document's name in it,
// given in [ValidateOptions] or [ImportOptions]: each $ref resolves from
// the folder of the file it is in, and one that leaves the document's
// folder, or names a URL, is refused with a finding. Nothing else reads
// files: without a Source, a $ref to another file is a finding.
package engine

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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

// Export produces the Swagger document of one API group as the gateway's
// export operation does. On failure the error is an [*Error].
func Export(b *model.Bundle, req Request, opts Options) (*Result, error) {
	x, err := plan(b, req, opts)
	if err != nil {
		return nil, err
	}
	if opts.StrictValidation && !opts.SkipValidation && !haveReference() {
		return nil, errNoReference
	}
	var root obj
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
	var chk docChecker
	if !opts.SkipValidation {
		// The tree is validated whatever the output format: both forms
		// come from it.
		if x.oas3 != nil {
			chk = newOAS3Checker(root, opts.StrictValidation, len(x.apis))
		} else {
			chk = newChecker(root, !opts.StrictValidation, len(x.apis))
		}
	}
	var w docWriter
	if x.format == "json" {
		w = newJSONWriter(root, x.sizeHint())
	} else {
		w = newYAMLWriter(root, x.sizeHint())
	}
	err = x.pathItems(func(p string, item obj) {
		if chk != nil {
			chk.item(p, item)
		}
		w.pathItem(p, item)
		x.mem.reset()
	})
	if err != nil {
		return nil, err
	}
	res := &Result{FileName: x.fileName(), Warnings: x.warnings, Body: w.finish(root), ContentType: "application/json"}
	if x.format == "yaml" {
		res.ContentType = "application/yaml"
	}
	if chk != nil {
		// The reference validator, when it is asked for or the document
		// is outside the fast path, reads the JSON form: a YAML export
		// builds it again, the Path Items being gone (the reference
		// takes far longer than building).
		var rebuild error
		findings := chk.verdict(func() []byte {
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

// docChecker checks a document from its root and its Path Items, one by
// one: [checker] (Swagger 2.0) or [oas3Checker] (OpenAPI 3.0).
type docChecker interface {
	item(p string, v any)
	verdict(raw func() []byte) []Finding
}

// docWriter writes a document from its root and its Path Items, one by
// one: [jsonWriter] or [yamlWriter].
type docWriter interface {
	pathItem(p string, item obj)
	finish(root obj) []byte
}

// encodeJSON builds the Path Items again and writes the document as JSON,
// for the reference validator of a YAML export. The first build passed,
// so this one does too; its warnings are the first one's, and dropped.
func (x *export) encodeJSON(root obj) ([]byte, error) {
	w := newJSONWriter(root, x.sizeHint())
	n := len(x.warnings)
	err := x.pathItems(func(p string, item obj) {
		w.pathItem(p, item)
		x.mem.reset()
	})
	x.warnings = x.warnings[:n]
	return w.finish(root), err
}

// export is one export in progress.
type export struct {
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
	bound        map[*model.API]bound

	// oas3 is set for an OpenAPI 3.0 export (oas_version 3.0).
	oas3 *oas3Export

	// standard is set when an operation has a method that validators
	// see (not ANY).
	standard bool

	// mem holds the Path Items' objects and arrays (see arena).
	mem arena
}

// bound is what is bound to an API in the export's environment.
type bound struct {
	throttle, acl string
	plugins       arr
}

func (x *export) warn(format string, args ...any) {
	x.warnings = append(x.warnings, sprintf(format, args...))
}

// plan checks the request against the contract (docs/export.md §2) in the
// gateway's order: required parameters, values, then what must exist.
func plan(b *model.Bundle, req Request, opts Options) (*export, error) {
	x := &export{b: b, req: req, opts: opts}
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
func (x *export) selectAPIs() error {
	inGroup := map[string]*model.API{}
	for i := range x.b.APIs {
		if a := &x.b.APIs[i]; a.GroupID == x.group.ID {
			inGroup[a.ID] = a
		}
	}
	var want map[string]bool
	if len(x.req.APIs) > 0 {
		want = map[string]bool{}
		ids := slices.Clone(x.req.APIs)
		slices.Sort(ids)
		for _, id := range ids {
			if inGroup[id] == nil {
				return notFound("apis", CodeAPINotFound, "API %s does not exist", id)
			}
			want[id] = true
		}
	}
	if x.define == DefineDev {
		for id, a := range inGroup {
			if want == nil || want[id] {
				x.apis = append(x.apis, a)
			}
		}
	} else {
		for i := range x.b.Publications {
			p := &x.b.Publications[i]
			a := inGroup[p.APIID]
			if a == nil || p.EnvID != x.env.ID || (want != nil && !want[p.APIID]) {
				continue
			}
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
func (x *export) sizeHint() int { return 8192 + 2560*len(x.apis) }

// fileName is the gateway's {group}-{env}-{define}-{version}.{ext} made
// a safe file name (see safeFileName): the default version's colons, for
// one, become _.
func (x *export) fileName() string {
	parts := []string{x.group.Name}
	if x.define != DefineDev {
		parts = append(parts, x.env.Name)
	}
	parts = append(parts, x.define, x.version)
	return safeFileName(strings.Join(parts, "-"), x.ext, "export")
}
