package engine

import (
	"unsafe"

	"github.com/apigexport/apigexport/model"
)

// The Path Items are built in path order, which is not the order the APIs
// sit in memory (model.Load reads them in file order, x.apis is in ID
// order): at 10,000 APIs the bundle has left the caches, and each API's
// struct, its lists (request parameters, backends, policies, each in its
// slab) and its strings (in the reader's chunks) are misses, one after
// the other, since each is found through the one before. pathItems
// prefetches them ahead of the build, in steps some APIs apart: the
// API's struct first, then what the struct points to (its strings, the
// elements of its lists, its backends), then what those point to, each
// step reading only lines that the step before brought in, so that no
// load of the prefetch waits for memory. At 1,000 APIs the bundle is in
// the caches and the prefetch costs a few nanoseconds per API.

// How many APIs ahead, in path order, each step prefetches.
const (
	aheadStruct  = 6
	aheadPointed = 4
	aheadStrings = 2
)

// lineSize is the cache line size the steps step through structs by.
const lineSize = 64

// lines collects the addresses of one step for prefetchLines.
type lines struct {
	addrs [64]uintptr
	n     int
	total int // addresses prefetched, for tests
}

func (l *lines) add(p unsafe.Pointer) {
	if l.n == len(l.addrs) {
		l.flush()
	}
	l.addrs[l.n] = uintptr(p)
	l.n++
}

// span adds the lines of size bytes from p.
func (l *lines) span(p unsafe.Pointer, size uintptr) {
	for off := uintptr(0); off < size; off += lineSize {
		l.add(unsafe.Add(p, off))
	}
}

func (l *lines) str(s string) {
	if len(s) > 0 {
		l.add(unsafe.Pointer(unsafe.StringData(s)))
	}
}

// list adds the lines of the elements of s.
func list[T any](l *lines, s []T) {
	if len(s) > 0 {
		var zero T
		l.span(unsafe.Pointer(&s[0]), uintptr(len(s))*unsafe.Sizeof(zero))
	}
}

func (l *lines) flush() {
	prefetchLines(l.addrs[:l.n])
	l.total += l.n
	l.n = 0
}

// prefetch prefetches the APIs ahead of the one at position i of byPath.
func (x *exporter) prefetch(byPath []int32, i int) {
	l := &x.lines
	if j := i + aheadStruct; j < len(byPath) {
		x.structLines(l, byPath[j])
	}
	if j := i + aheadPointed; j < len(byPath) {
		pointedLines(l, x.apis[byPath[j]])
	}
	if j := i + aheadStrings; j < len(byPath) {
		stringLines(l, x.apis[byPath[j]])
	}
	l.flush()
}

// structLines adds the lines of the struct of the API x.apis[at] and of
// what is bound to it (x.bound[at], read by position: in path order, a
// miss too).
func (x *exporter) structLines(l *lines, at int32) {
	a := x.apis[at]
	l.span(unsafe.Pointer(a), unsafe.Sizeof(*a))
	if x.bound != nil {
		l.add(unsafe.Pointer(&x.bound[at]))
	}
}

// pointedLines adds what the API's struct points to: its strings, the
// elements of its lists and its backends.
func pointedLines(l *lines, a *model.API) {
	l.str(a.Name)
	l.str(a.ReqURI)
	l.str(a.Remark)
	l.str(a.ResultNormalSample)
	l.str(a.ResultFailureSample)
	l.str(a.ContentType)
	list(l, a.Tags)
	list(l, a.ReqParams)
	list(l, a.BackendParams)
	list(l, a.PolicyHTTPs)
	list(l, a.PolicyFunctions)
	list(l, a.PolicyMocks)
	if w := a.BackendAPI; w != nil {
		l.span(unsafe.Pointer(w), unsafe.Sizeof(*w))
	}
	if f := a.FuncInfo; f != nil {
		l.span(unsafe.Pointer(f), unsafe.Sizeof(*f))
	}
	if m := a.MockInfo; m != nil {
		l.add(unsafe.Pointer(m))
	}
}

// stringLines adds what the API's lists and backends point to: their
// strings and the policies' conditions.
func stringLines(l *lines, a *model.API) {
	for _, t := range a.Tags {
		l.str(t)
	}
	for i := range a.ReqParams {
		p := &a.ReqParams[i]
		l.str(p.Name)
		l.str(p.Remark)
		l.str(p.SampleValue)
		l.str(p.DefaultValue)
	}
	for i := range a.BackendParams {
		p := &a.BackendParams[i]
		l.str(p.Name)
		l.str(p.Value)
	}
	if w := a.BackendAPI; w != nil {
		l.str(w.URLDomain)
		l.str(w.ReqURI)
		l.str(w.Remark)
	}
	if f := a.FuncInfo; f != nil {
		l.str(f.FunctionURN)
		l.str(f.Remark)
	}
	if m := a.MockInfo; m != nil {
		l.str(m.ResultContent)
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		l.str(p.Name)
		l.str(p.ReqURI)
		list(l, p.Conditions)
	}
	for i := range a.PolicyFunctions {
		p := &a.PolicyFunctions[i]
		l.str(p.Name)
		l.str(p.FunctionURN)
		list(l, p.Conditions)
	}
	for i := range a.PolicyMocks {
		p := &a.PolicyMocks[i]
		l.str(p.Name)
		list(l, p.Conditions)
	}
}
