package engine

import "github.com/apigexport/apigexport/model"

// The Path Items are built in path order, which is not the order the APIs
// sit in memory (model.Load reads them in file order, x.apis is in ID
// order): at 10,000 APIs the bundle has left the caches, and each API's
// struct, its lists (request parameters, backends, policies, each in its
// own slab) and its strings (in the reader's chunks) are misses, one
// after the other, since each is found through the one before. Go has no
// prefetch instruction, but loads whose values nothing waits for are one:
// ahead of the build, each API is touched in three steps, a few APIs
// apart, each step's loads independent of each other (so that the
// processor has them in flight at once) and found through what the step
// before brought into the caches. At 1,000 APIs the bundle is in the
// caches and the loads cost a few nanoseconds per API.

// prefetchAhead is how many APIs ahead, in path order, the first step
// touches; the second is one API nearer, the third the next API.
const prefetchAhead = 3

// prefetch touches the APIs ahead of the one at position i of byPath.
func (x *exporter) prefetch(byPath []int32, i int) {
	var sum uint64
	if j := i + prefetchAhead; j < len(byPath) {
		sum += uint64(touchAPI(x.apis[byPath[j]]))
	}
	if j := i + prefetchAhead - 1; j < len(byPath) {
		sum += uint64(touchLists(x.apis[byPath[j]]))
	}
	if j := i + 1; j < len(byPath) {
		sum += uint64(touchListStrings(x.apis[byPath[j]]))
	}
	x.touched += sum
}

// first is the first byte of s, or 0: a load of the line s begins in.
func first(s string) byte {
	if len(s) == 0 {
		return 0
	}
	return s[0]
}

// touchAPI loads the lines of the API's struct that the build reads.
func touchAPI(a *model.API) byte {
	var n byte
	if len(a.ID) > 0 {
		n++
	}
	if len(a.ReqURI) > 0 {
		n++
	}
	if len(a.Remark) > 0 {
		n++
	}
	if len(a.ResultFailureSample) > 0 {
		n++
	}
	if len(a.Tags) > 0 {
		n++
	}
	if a.BackendAPI != nil {
		n++
	}
	if len(a.ReqParams) > 0 {
		n++
	}
	if len(a.PolicyHTTPs)+len(a.PolicyFunctions)+len(a.PolicyMocks) > 0 {
		n++
	}
	if len(a.ContentType) > 0 {
		n++
	}
	return n
}

// touchLists loads the API's strings and the first lines of its lists and
// backends; the API's struct is in the caches.
func touchLists(a *model.API) byte {
	n := first(a.ID) + first(a.Name) + first(a.ReqURI) + first(a.Remark) +
		first(a.ResultNormalSample) + first(a.ResultFailureSample) + first(a.ContentType)
	for i := range a.ReqParams {
		p := &a.ReqParams[i]
		n += byte(len(p.Name)) + byte(len(p.Remark))
	}
	if len(a.Tags) > 0 {
		n += byte(len(a.Tags[0]))
	}
	if w := a.BackendAPI; w != nil {
		n += byte(len(w.ReqURI)) + byte(len(w.Remark))
	}
	if f := a.FuncInfo; f != nil {
		n += byte(len(f.FunctionURN)) + byte(len(f.Remark))
	}
	if m := a.MockInfo; m != nil {
		n += byte(len(m.ResultContent))
	}
	for i := range a.BackendParams {
		n += byte(len(a.BackendParams[i].Value))
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		n += byte(len(p.Name)) + byte(len(p.ReqURI)) + byte(len(p.Conditions))
	}
	for i := range a.PolicyFunctions {
		n += byte(len(a.PolicyFunctions[i].FunctionURN))
	}
	return n
}

// touchListStrings loads the strings of the API's lists and backends,
// whose structs are in the caches.
func touchListStrings(a *model.API) byte {
	var n byte
	for i := range a.ReqParams {
		p := &a.ReqParams[i]
		n += first(p.Name) + first(p.Remark) + first(p.SampleValue)
	}
	if len(a.Tags) > 0 {
		n += first(a.Tags[0])
	}
	if w := a.BackendAPI; w != nil {
		n += first(w.URLDomain) + first(w.ReqURI) + first(w.Remark)
	}
	if f := a.FuncInfo; f != nil {
		n += first(f.FunctionURN) + first(f.Remark)
	}
	if m := a.MockInfo; m != nil {
		n += first(m.ResultContent)
	}
	for i := range a.BackendParams {
		p := &a.BackendParams[i]
		n += first(p.Name) + first(p.Value)
	}
	for i := range a.PolicyHTTPs {
		p := &a.PolicyHTTPs[i]
		n += first(p.Name) + first(p.ReqURI)
		for j := range p.Conditions {
			n += first(p.Conditions[j].ConditionValue)
		}
	}
	return n
}
