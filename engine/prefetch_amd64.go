//go:build amd64 && !purego

package engine

// prefetching says whether pathItems prefetches the APIs ahead of the
// build (see prefetch): on amd64, whose PREFETCHT0 prefetchLines issues.
const prefetching = true

// prefetchLines asks the processor to bring the line of each address
// into the caches: a hint, which neither waits for the line nor faults
// on an address that is not mapped (prefetch_amd64.s).
//
//go:noescape
func prefetchLines(addrs []uintptr)
