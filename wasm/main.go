//go:build js && wasm

// Command wasm is the engine in the browser: built with GOOS=js GOARCH=wasm,
// it sets one object, apigexport, on what it sees as the global object
// (js.Global), whose functions take JSON texts and return Promises:
//
//	apigexport.export(bundles, request) -> {body, filename, contentType, warnings}
//	apigexport.validate(document)       -> [{severity, code, path, message}]
//	apigexport.outline(document)        -> {operations, findings, other}
//	apigexport.inspect(bundles)         -> {groups, environments, apis}
//	apigexport.load(bundles)            -> inspect's answer; keeps the bundle for export(null, ...)
//	apigexport.import(document, options) -> {bundle, filename, version, findings}
//	apigexport.sample()                 -> the built-in sample bundle, as JSON text
//	apigexport.version()                -> the version, as apigexport version prints it
//
// bundles is an array of JSON texts, or of {name, text} objects whose name
// errors use (or one text), merged as the command line merges files; export's
// bundles may be null for the bundle of the last load. request is the export request as JSON, with the
// options resolve_vars, strict and body_bytes (the body as a Uint8Array,
// not a string) besides the gateway's fields. outline's document, like
// validate's, is a string or a Uint8Array. A failure
// rejects with an Error whose code, status and message are the engine's,
// and whose field names the request field or "bundle" it concerns. Bundles
// too large for the module's memory (heapLimit, or GOMEMLIMIT from the
// loader's env) are refused before they are copied from JS, with code
// bundle-too-large and status 413 (engine.CheckBundleSize).
//
// import takes a Swagger 2.0 or OpenAPI 3.0 document (JSON or YAML text) and options as JSON
// ({env_name, env_id, group_id}); it resolves with bundle null when the
// gateway would refuse the document, the findings saying why, and rejects
// only when the text cannot be read.
//
// Its loader is the npm package's (wasm/js, make npm): it runs the module
// with a global scope of its own, whose reads fall through to the page's
// globalThis and whose writes stay in it, so that the object (and what
// wasm_exec.js defines) is the loader's alone and no global name is left
// on the page; two engines are two instances, each with its scope. Loaded
// with the toolchain's wasm_exec.js as it is, the object is a global.
//
// The adapter holds no logic of its own: it decodes, calls engine and
// model, and encodes.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/internal/version"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// gcPercent is the module's GOGC: a page has memory to spare and one
// thread, so the collector runs less often than by default (BENCHMARKS.md).
const gcPercent = 400

// heapLimit is the module's memory limit unless GOMEMLIMIT (the loader's
// env) sets one: 3 GiB of wasm32's 4 GiB, so that the collector works
// harder near the end instead of the runtime dying, and the size a bundle
// may have (engine.CheckBundleSize) is counted against it.
const heapLimit = 3 << 30

func main() {
	debug.SetGCPercent(gcPercent)
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(heapLimit)
	}
	api := js.Global().Get("Object").New()
	api.Set("export", promise(exportFn))
	api.Set("validate", promise(validateFn))
	api.Set("outline", promise(outlineFn))
	api.Set("inspect", promise(inspectFn))
	api.Set("load", promise(loadFn))
	api.Set("import", promise(importFn))
	api.Set("sample", promise(func([]js.Value) (any, error) { return string(sample.Bundle), nil }))
	api.Set("version", promise(func([]js.Value) (any, error) { return version.String(), nil }))
	js.Global().Set("apigexport", api)
	select {} // the functions live as long as the page
}

// failure is an error with what a JS Error carries.
// The HTTP statuses of failures, as net/http numbers them (the module
// does not link net/http).
const (
	statusBadRequest          = 400
	statusInternalServerError = 500
)

type failure struct {
	status      int
	code, field string
	msg         string
}

func (f *failure) Error() string { return f.msg }

// promise wraps fn as a function returning a Promise; fn runs in its own
// goroutine so that the caller's event loop is not held.
func promise(fn func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		executor := js.FuncOf(func(_ js.Value, p []js.Value) any {
			resolve, reject := p[0], p[1]
			go func() {
				v, err := call(fn, args)
				if err != nil {
					reject.Invoke(jsError(err))
					return
				}
				resolve.Invoke(v)
			}()
			return nil
		})
		defer executor.Release() // the executor runs inside the constructor
		return js.Global().Get("Promise").New(executor)
	})
}

// call runs fn, turning a panic into a rejection rather than a dead module.
func call(fn func([]js.Value) (any, error), args []js.Value) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &failure{status: statusInternalServerError, code: engine.CodeInternal, msg: fmt.Sprint("System error: ", r)}
		}
	}()
	return fn(args)
}

func jsError(err error) js.Value {
	f := asFailure(err)
	e := js.Global().Get("Error").New(f.msg)
	e.Set("code", f.code)
	e.Set("status", f.status)
	if f.field != "" {
		e.Set("field", f.field)
	}
	return e
}

func asFailure(err error) *failure {
	var f *failure
	var e *engine.Error
	var list model.ErrorList
	var one *model.Error
	switch {
	case errors.As(err, &f):
		return f
	case errors.As(err, &e):
		return &failure{status: e.Status, code: e.Code, field: e.Param, msg: e.Message}
	case errors.As(err, &list), errors.As(err, &one):
		return &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: "bundle", msg: err.Error()}
	}
	return &failure{status: statusInternalServerError, code: engine.CodeInternal, msg: err.Error()}
}

// toJS hands a Go value to JS as the object its JSON describes.
func toJS(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return js.Global().Get("JSON").Call("parse", string(b)), nil
}

func arg(args []js.Value, i int, name string) (js.Value, error) {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return js.Value{}, &failure{status: statusBadRequest, code: engine.CodeMissingParam, field: name, msg: name + " is required"}
	}
	return args[i], nil
}

// bundle merges the bundle texts of args[0].
func bundle(args []js.Value, strict bool) (*model.Bundle, error) {
	v, err := arg(args, 0, "bundle")
	if err != nil {
		return nil, err
	}
	var names []string
	var texts []js.Value
	switch {
	case v.Type() == js.TypeString:
		names, texts = append(names, "bundle 1"), append(texts, v)
	case v.InstanceOf(js.Global().Get("Array")):
		for i := range v.Length() {
			e := v.Index(i)
			name := fmt.Sprintf("bundle %d", i+1)
			if e.Type() == js.TypeObject {
				// {name, text}: a named file, so errors say which.
				if n := e.Get("name"); n.Type() == js.TypeString {
					name = n.String()
				}
				e = e.Get("text")
			}
			if e.Type() != js.TypeString {
				return nil, &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: "bundle", msg: name + ": expected JSON text"}
			}
			names, texts = append(names, name), append(texts, e)
		}
	default:
		return nil, &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: "bundle", msg: "bundles must be an array of JSON texts"}
	}
	// The size is checked on the JS strings, before they are copied: a
	// bundle's length in UTF-16 units is its size in bytes for the ASCII
	// that bundles are nearly all made of.
	var size int64
	object := js.Global().Get("Object")
	for _, t := range texts {
		size += int64(object.New(t).Get("length").Int()) // Value.Length and Get panic on a string: read its String object
	}
	if err := engine.CheckBundleSize(size, debug.SetMemoryLimit(-1)); err != nil {
		return nil, err
	}
	files := make([]model.File, len(texts))
	for i, t := range texts {
		files[i] = model.File{Name: names[i], Data: stringBytes(t)}
	}
	return model.Load(files, model.LoadOptions{Strict: strict})
}

// exportRequest is the request of export(): the gateway's fields and the
// options.
type exportRequest struct {
	engine.Request
	ResolveVars bool `json:"resolve_vars"`
	Strict      bool `json:"strict"`
	BodyBytes   bool `json:"body_bytes"`
}

func exportFn(args []js.Value) (any, error) {
	var req exportRequest
	if len(args) > 1 && args[1].Type() == js.TypeString && args[1].String() != "" {
		r, err := engine.DecodeRequest([]byte(args[1].String()), engine.RequestFields{Extra: map[string]any{
			"resolve_vars": &req.ResolveVars, "strict": &req.Strict, "body_bytes": &req.BodyBytes}})
		if err != nil {
			if err.Param == "body" {
				err.Param = "request"
			}
			return nil, err
		}
		req.Request = r
	}
	b, err := exportBundle(args, req.Strict)
	if err != nil {
		return nil, err
	}
	res, err := engine.Export(b, req.Request, engine.Options{Now: time.Now(), ResolveVars: req.ResolveVars, StrictValidation: req.Strict})
	if err != nil {
		return nil, err
	}
	if req.BodyBytes {
		return bytesResult(res)
	}
	return exportResult(res, jsString(res.Body)), nil
}

// exportResult is export's answer, {body, filename, contentType,
// warnings}, made in JS directly: through JSON (toJS), the body, the
// largest value the module hands over, was escaped, copied twice and
// parsed again, 13 % of a 1,000-API export in the module (BENCHMARKS.md).
func exportResult(res *engine.Result, body js.Value) js.Value {
	o := js.Global().Get("Object").New()
	o.Set("body", body)
	o.Set("filename", res.FileName)
	o.Set("contentType", res.ContentType)
	if res.Warnings == nil {
		o.Set("warnings", js.Null()) // as json.Marshal gave it
	} else {
		warnings := make([]any, len(res.Warnings))
		for i, w := range res.Warnings {
			warnings[i] = w
		}
		o.Set("warnings", warnings)
	}
	return o
}

// jsString is b as a JS string, decoded from the module's memory once,
// without a Go string of it first.
func jsString(b []byte) js.Value {
	if len(b) == 0 {
		return js.ValueOf("")
	}
	return js.ValueOf(unsafe.String(unsafe.SliceData(b), len(b))) // JS copies it before ValueOf returns; Go keeps no string
}

// textEncoder turns a JS string into its UTF-8 bytes (lone surrogates as
// U+FFFD, as Value.String does).
var textEncoder = js.Global().Get("TextEncoder").New()

// stringBytes is the UTF-8 of the JS string v in one Go allocation:
// []byte(v.String()) makes three of the string's size (Value.String's
// buffer, its string and the bytes), which for a bundle of 100 MB are
// 200 MB more to collect.
func stringBytes(v js.Value) []byte {
	u8 := textEncoder.Call("encode", v)
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return b
}

func validateFn(args []js.Value) (any, error) {
	doc, err := documentArg(args)
	if err != nil {
		return nil, err
	}
	findings, err := engine.Validate(doc)
	if err != nil {
		return nil, err
	}
	if findings == nil {
		findings = []engine.Finding{}
	}
	return toJS(findings)
}

func inspectFn(args []js.Value) (any, error) {
	b, err := bundle(args, false)
	if err != nil {
		return nil, err
	}
	return toJS(model.Inspect(b))
}

func importFn(args []js.Value) (any, error) {
	v, err := arg(args, 0, "document")
	if err != nil {
		return nil, err
	}
	var opts engine.ImportOptions
	if len(args) > 1 && args[1].Type() == js.TypeString && args[1].String() != "" {
		if err := json.Unmarshal([]byte(args[1].String()), &opts); err != nil {
			return nil, &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: "options", msg: "invalid options JSON: " + err.Error()}
		}
	}
	res, err := engine.Import([]byte(v.String()), opts)
	if res == nil {
		return nil, err
	}
	out := struct {
		Bundle   *string          `json:"bundle"`
		FileName string           `json:"filename"`
		Version  string           `json:"version"`
		Findings []engine.Finding `json:"findings"`
	}{FileName: res.FileName, Version: res.Version, Findings: res.Findings}
	if res.Bundle != nil {
		data, err := model.Encode(res.Bundle)
		if err != nil {
			return nil, err
		}
		text := string(data)
		out.Bundle = &text
	}
	return toJS(out)
}
