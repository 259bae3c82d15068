//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/apigexport/apigexport/engine"
)

// outlineFn is apigexport.outline(document): the document's operations
// and findings (engine.OutlineOf). document is a string or a Uint8Array
// of its bytes.
func outlineFn(args []js.Value) (any, error) {
	doc, err := documentArg(args)
	if err != nil {
		return nil, err
	}
	o, err := engine.OutlineOf(doc)
	if err != nil {
		return nil, err
	}
	return toJS(o)
}

// documentArg is the first argument, a document as a string or a
// Uint8Array, as bytes.
func documentArg(args []js.Value) ([]byte, error) {
	v, err := arg(args, 0, "document")
	if err != nil {
		return nil, err
	}
	return jsBytes(v, "document")
}

// jsBytes returns a JS string's or Uint8Array's bytes.
func jsBytes(v js.Value, name string) ([]byte, error) {
	if v.Type() == js.TypeString {
		return stringBytes(v), nil
	}
	if v.InstanceOf(js.Global().Get("Uint8Array")) {
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b, nil
	}
	return nil, &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: name, msg: name + " must be a string or a Uint8Array"}
}

// bytesResult is export's answer with the body as a Uint8Array, which a
// page hands to a Blob without making a string of it.
func bytesResult(res *engine.Result) (any, error) {
	body := js.Global().Get("Uint8Array").New(len(res.Body))
	js.CopyBytesToJS(body, res.Body)
	return exportResult(res, body), nil
}
