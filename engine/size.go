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
// text, with room to spare. Measured (BENCHMARKS.md, "The browser at
// scale"): natively the request's peak heap is 7.2 bytes per bundle byte
// at 100,000 APIs; the module's copies of the text and of the document add
// about 3 more; 12 leaves the collector room.
const HeapPerBundleByte = 12

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
