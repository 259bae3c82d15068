//go:build !wasm

package engine

// prefetching says whether pathItems touches the APIs ahead of the build
// (see prefetch): natively, where the loads overlap.
const prefetching = true
