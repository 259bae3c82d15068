package check

import (
	"hash/maphash"
	"strconv"
	"testing"
)

// TestFirsts holds the table of first uses to a map's answers, from an
// empty table that grows as the keys come (as OAS3Document's, which has
// no size hint) and from one sized ahead.
func TestFirsts(t *testing.T) {
	for _, hint := range []int{0, 10000} {
		var f Firsts[int]
		f.Init(hint)
		want := map[string]int{}
		for i := range 10000 {
			k := "op" + strconv.Itoa(i%7919) // 7919 distinct keys, 2081 again
			first, dup := f.Add(k, i)
			w, wantDup := want[k]
			if dup != wantDup || dup && *first != w {
				t.Fatalf("hint %d: add(%q, %d) = %v, %v; want %d, %v", hint, k, i, first, dup, w, wantDup)
			}
			if !wantDup {
				want[k] = i
				if *first != i {
					t.Fatalf("hint %d: add(%q, %d) holds %d", hint, k, i, *first)
				}
			}
			if got := f.Get(k); got == nil || *got != want[k] {
				t.Fatalf("hint %d: Get(%q) = %v, want %d", hint, k, got, want[k])
			}
		}
		if got := f.Get("none"); got != nil {
			t.Errorf("hint %d: Get(none) = %d", hint, *got)
		}
		for i := range f.Len() {
			if k, v := f.At(i); want[k] != *v || i > 0 && k == "op0" {
				t.Fatalf("hint %d: At(%d) = %q, %d", hint, i, k, *v)
			}
		}
		if len(f.keys) != len(want) || 2*len(f.keys) > len(f.slots) {
			t.Errorf("hint %d: %d keys in %d slots, want %d keys in at least twice as many", hint, len(f.keys), len(f.slots), len(want))
		}
	}
}

// TestFirstsSameTag: a slot whose half of the hash is the key's, but
// whose key is another, is not the key's first use.
func TestFirstsSameTag(t *testing.T) {
	var f Firsts[string]
	f.Init(4)
	if got := f.Get("a"); got != nil {
		t.Fatalf("Get(a) of an empty table = %q", *got)
	}
	if _, dup := f.Add("a", "first a"); dup {
		t.Fatal("a is new")
	}
	// Make the slot where b's probe starts hold a, under b's tag: what
	// a collision of the top halves of two hashes leaves.
	h := maphash.String(f.seed, "b")
	mask := uint64(len(f.slots) - 1)
	for i := range f.slots {
		f.slots[i] = 0
	}
	f.slots[h&mask] = h&^(1<<32-1) | 1
	if got := f.Get("b"); got != nil {
		t.Fatalf("Get(b) = %q: a slot of a under b's tag taken for b", *got)
	}
	if first, dup := f.Add("b", "first b"); dup {
		t.Fatalf("add(b) = %q, true: a slot of a under b's tag taken for b", *first)
	}
	if first, dup := f.Add("b", "second b"); !dup || *first != "first b" {
		t.Fatalf("add(b) again = %v, %v; want first b, true", first, dup)
	}
}

// TestFirstsZero: the zero value is an empty table that grows.
func TestFirstsZero(t *testing.T) {
	var f Firsts[int]
	if f.Get("a") != nil || f.Len() != 0 {
		t.Fatal("the zero table is not empty")
	}
	for i := range 100 {
		if _, dup := f.Add(strconv.Itoa(i), i); dup {
			t.Fatalf("%d is new", i)
		}
	}
	for i := range 100 {
		if v := f.Get(strconv.Itoa(i)); v == nil || *v != i {
			t.Fatalf("Get(%d) = %v", i, v)
		}
	}
}
