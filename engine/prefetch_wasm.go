//go:build wasm

package engine

// prefetching is off in WebAssembly: the module's loads do not overlap
// the way a processor's do, and the touches cost the export of 1,000
// APIs time it did not win back (measured under node).
const prefetching = false
