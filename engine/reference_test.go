//go:build !js

package engine_test

// The tests run with the reference validator registered, as the command
// runs; the GOOS=js run leaves it out, as the WebAssembly module does.
import _ "github.com/apigexport/apigexport/engine/reference"
