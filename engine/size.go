package engine

import "fmt"

// CodeBundleTooLarge is the code of a bundle refused before it is read
// because its request would not fit the program's memory (the WebAssembly
// module's wasm32 address space of 4 GiB): HTTP status 413. It is
// apigexport's own, not the gateway's.
const CodeBundleTooLarge = "bundle-too-large"

const statusPayloadTooLarge = 413

// HeapPerBundleByte is how many bytes of heap a whole request in the
// WebAssembly module (the bundle's text copied from JS, model.Load,
// export, validation, the document handed back) needs per byte of bundle
// text. Measured in the module under node with its 3 GiB (BENCHMARKS.md,
// "The browser at scale"): bundlegen's 100,000 APIs (148 MB) and 103,000
// export, 130,000 (193 MB) end the runtime out of memory; 21 sets the
// bound at 153 MB. (Natively the request's peak heap is 7.2 bytes per
// bundle byte; the module's copies of text and document, the collector's
// headroom and wasm32's address space that is never given back take the
// rest.)
const HeapPerBundleByte = 21

// bytesPerAPI is the size of an API in bundlegen's bundles, 1,480 bytes,
// to say roughly how many APIs a bundle may have.
const bytesPerAPI = 1480

// CheckBundleSize refuses, before anything is decoded, bundles of size
// bytes in all whose request would need more than heapLimit bytes of heap
// (see [HeapPerBundleByte]), with [CodeBundleTooLarge] and a message that
// says how large a bundle fits. heapLimit <= 0 means no limit.
func CheckBundleSize(size, heapLimit int64) error {
	if heapLimit <= 0 || size <= heapLimit/HeapPerBundleByte {
		return nil
	}
	fits := heapLimit / HeapPerBundleByte
	return &Error{Status: statusPayloadTooLarge, Code: CodeBundleTooLarge, Param: "bundle",
		Message: fmt.Sprintf("the bundles are %s, too large for this engine's %s of memory: bundles of up to %s fit (about %d APIs)",
			megabytes(size), megabytes(heapLimit), megabytes(fits), fits/bytesPerAPI)}
}

// megabytes writes n bytes in MB, with one decimal.
func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
