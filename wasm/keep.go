//go:build js && wasm

package main

import (
	"sync/atomic"
	"syscall/js"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
)

// kept is the bundle of the last load(), which export(null, request)
// exports: a page that loads a bundle of 10,000 APIs once and exports it
// several times reads its megabytes once.
var kept atomic.Pointer[model.Bundle]

// loadFn is apigexport.load(bundles): inspect's summary, keeping the
// merged bundle for export. A load that fails forgets the one before.
func loadFn(args []js.Value) (any, error) {
	kept.Store(nil)
	b, err := bundle(args, false)
	if err != nil {
		return nil, err
	}
	kept.Store(b)
	return toJS(model.Inspect(b))
}

// exportBundle is the bundle export() exports: the one given, or with
// null the one load() kept.
func exportBundle(args []js.Value, strict bool) (*model.Bundle, error) {
	if len(args) > 0 && args[0].IsNull() {
		b := kept.Load()
		switch {
		case b == nil:
			return nil, &failure{status: statusBadRequest, code: engine.CodeMissingParam, field: "bundle", msg: "no bundle is loaded: call load first, or pass the bundles"}
		case strict:
			return nil, &failure{status: statusBadRequest, code: engine.CodeInvalidParam, field: "bundle", msg: "strict reads the bundles again: pass them, not null"}
		}
		return b, nil
	}
	return bundle(args, strict)
}
