package engine

import (
	"encoding/json"
	"slices"
	"strconv"
)

// The validators work on the engine's document tree (obj, arr, number,
// string, bool, nil): an export is validated as it was built, without
// being written and read back, and a user's document is brought to the
// same form.

// has reports whether o has key.
func (o obj) has(key string) bool {
	for _, m := range o {
		if sameKey(m.key, key) {
			return true
		}
	}
	return false
}

// keys returns o's keys in byte order.
func (o obj) keys() []string {
	ks := make([]string, len(o))
	for i, m := range o {
		ks[i] = m.key
	}
	slices.Sort(ks)
	return ks
}

// toMap returns o as a map, for comparisons.
func (o obj) toMap() map[string]any {
	m := make(map[string]any, len(o))
	for _, e := range o {
		m[e.key] = e.val
	}
	return m
}

func (n number) float() float64 {
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// asObj returns v as an obj, or nil.
func asObj(v any) obj {
	o, _ := v.(obj)
	return o
}

// asArr returns v as an arr, or nil.
func asArr(v any) arr {
	a, _ := v.(arr)
	return a
}

// fromGeneric turns decoded JSON (maps, []any, json.Number) into the tree,
// with object keys in byte order.
func fromGeneric(v any) any {
	switch v := v.(type) {
	case map[string]any:
		o := make(obj, 0, len(v))
		for k, e := range v {
			o = append(o, member{k, fromGeneric(e)})
		}
		return o.sorted()
	case []any:
		a := make(arr, len(v))
		for i, e := range v {
			a[i] = fromGeneric(e)
		}
		return a
	case json.Number:
		return number(v)
	}
	return v
}

// arena hands out the backing arrays of a Path Item's objects and arrays
// from large blocks: an export builds tens of them per API, and in the
// browser each allocation costs. Once an item is written and checked and
// nothing refers to it any more, reset lets the next item reuse the
// blocks. The slices it returns have their capacity capped, so that
// appending past it allocates anew instead of writing over a neighbour.
// The zero value is ready to use.
type arena struct {
	members []member
	values  []any
}

const (
	arenaMembers = 4096
	arenaValues  = 1024
)

// obj returns an empty object with room for n members.
func (a *arena) obj(n int) obj {
	if cap(a.members)-len(a.members) < n {
		a.members = make([]member, 0, max(n, arenaMembers))
	}
	i := len(a.members)
	a.members = a.members[:i+n]
	return a.members[i : i : i+n]
}

// objOf returns an object of the members.
func (a *arena) objOf(members ...member) obj {
	return append(a.obj(len(members)), members...)
}

// arr returns an array of n nil values.
func (a *arena) arr(n int) arr {
	if cap(a.values)-len(a.values) < n {
		a.values = make([]any, 0, max(n, arenaValues))
	}
	i := len(a.values)
	a.values = a.values[:i+n]
	s := a.values[i : i+n : i+n]
	clear(s)
	return s
}

// reset makes the arena's current blocks free for reuse. Nothing handed
// out before may be used after. The blocks are not cleared: what they
// still point to lives until the next item writes over it, at most a
// block's worth, and clearing memory that holds pointers costs the
// garbage collector's write barriers.
func (a *arena) reset() {
	a.members = a.members[:0]
	a.values = a.values[:0]
}
