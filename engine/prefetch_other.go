//go:build !amd64 || purego

package engine

// prefetching is off but on amd64 (and with the purego tag): Go has no
// prefetch instruction, and plain loads standing for one cost the
// WebAssembly module, where they do not overlap, more than they won (the
// export of 1,000 APIs under node, median 53.0 -> 57.4 ms).
const prefetching = false

func prefetchLines([]uintptr) {}
