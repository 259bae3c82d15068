// Package tree is the document vocabulary of package engine: JSON values
// as objects that keep their key order ([Obj], [Member]), arrays ([Arr]),
// numbers as written ([Number]), strings, booleans and nil; the [Arena]
// that an export's Path Items are built in; JSON pointers ([Pointer],
// [Escape], [Unescape]); the reader of JSON and YAML documents ([Read]),
// which reports the keys an object has twice; and the JSON and YAML
// writers, which write a document's Path Items one by one ([JSONWriter],
// [YAMLWriter]) or a whole value ([EncodeJSON], [EncodeYAML]). Every
// version of the document (Swagger 2.0, OpenAPI 3.0) is built, read and
// written with it.
package tree

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// The validators work on the engine's document tree (obj, arr, number,
// string, bool, nil): an export is validated as it was built, without
// being written and read back, and a user's document is brought to the
// same form.

// Has reports whether o has key.
func (o Obj) Has(key string) bool {
	for _, m := range o {
		if sameKey(m.Key, key) {
			return true
		}
	}
	return false
}

// Keys returns o's keys in byte order.
func (o Obj) Keys() []string {
	ks := make([]string, len(o))
	for i, m := range o {
		ks[i] = m.Key
	}
	slices.Sort(ks)
	return ks
}

// Map returns o as a map, for comparisons.
func (o Obj) Map() map[string]any {
	m := make(map[string]any, len(o))
	for _, e := range o {
		m[e.Key] = e.Val
	}
	return m
}

func (n Number) Float() float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// isInteger reports whether n is an integer as the reference takes one:
// a whole number within ±(2^53-1). (go-openapi/swag's IsFloat64AJSONInteger
// also takes a number within a relative 1e-9 of a whole one, but such a
// value then fails the reference elsewhere: it does not load into the
// int64 fields of go-openapi/spec, and a parameter's value must be written
// as an integer in full.)
func (n Number) IsInteger() bool {
	const maxJSONInt = 1<<53 - 1
	f, err := strconv.ParseFloat(string(n), 64)
	return err == nil && f == math.Trunc(f) && -maxJSONInt <= f && f <= maxJSONInt
}

// AsObj returns v as an obj, or nil.
func AsObj(v any) Obj {
	o, _ := v.(Obj)
	return o
}

// AsArr returns v as an arr, or nil.
func AsArr(v any) Arr {
	a, _ := v.(Arr)
	return a
}

// FromGeneric turns decoded JSON (maps, []any, json.Number) into the tree,
// with object keys in byte order.
func FromGeneric(v any) any {
	switch v := v.(type) {
	case map[string]any:
		o := make(Obj, 0, len(v))
		for k, e := range v {
			o = append(o, Member{k, FromGeneric(e)})
		}
		return o.Sorted()
	case []any:
		a := make(Arr, len(v))
		for i, e := range v {
			a[i] = FromGeneric(e)
		}
		return a
	case json.Number:
		return Number(v)
	}
	return v
}

// Arena hands out the backing arrays of a Path Item's objects and arrays
// from large blocks: an export builds tens of them per API, and in the
// browser each allocation costs. Once an item is written and checked and
// nothing refers to it any more, reset lets the next item reuse the
// blocks. The slices it returns have their capacity capped, so that
// appending past it allocates anew instead of writing over a neighbour.
// The zero value is ready to use.
type Arena struct {
	members []Member
	values  []any
	// The slabs of the boxed values' headers (box.go).
	strings []string
	objs    []Obj
	arrs    []Arr
}

const (
	arenaMembers = 4096
	arenaValues  = 1024
)

// Obj returns an empty object with room for n members.
func (a *Arena) Obj(n int) Obj {
	if cap(a.members)-len(a.members) < n {
		a.members = make([]Member, 0, max(n, arenaMembers))
	}
	i := len(a.members)
	a.members = a.members[:i+n]
	return a.members[i : i : i+n]
}

// ObjOf returns an object of the members.
func (a *Arena) ObjOf(members ...Member) Obj {
	return append(a.Obj(len(members)), members...)
}

// Arr returns an array of n nil values.
func (a *Arena) Arr(n int) Arr {
	if cap(a.values)-len(a.values) < n {
		a.values = make([]any, 0, max(n, arenaValues))
	}
	i := len(a.values)
	a.values = a.values[:i+n]
	s := a.values[i : i+n : i+n]
	clear(s)
	return s
}

// Reset makes the arena's current blocks free for reuse. Nothing handed
// out before may be used after. The blocks are not cleared: what they
// still point to lives until the next item writes over it, at most a
// block's worth, and clearing memory that holds pointers costs the
// garbage collector's write barriers.
func (a *Arena) Reset() {
	a.members = a.members[:0]
	a.values = a.values[:0]
	a.strings = a.strings[:0]
	a.objs = a.objs[:0]
	a.arrs = a.arrs[:0]
}

// Kind names the JSON type of a value of the tree: object, array, string,
// number, boolean or null; "" for a value that is not of the tree.
func Kind(v any) string {
	switch v.(type) {
	case Obj:
		return "object"
	case Arr:
		return "array"
	case string:
		return "string"
	case Number:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return ""
}
