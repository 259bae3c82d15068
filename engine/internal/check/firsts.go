package check

import "hash/maphash"

// Firsts holds a value under each of many strings, the first one added
// unless the caller changes it: the operationIds and path shapes of a
// document, one per operation or Path Item, and the exporter's APIs by ID
// and by name. A map of strings of that size leaves the caches at
// 10,000 entries, and each lookup then costs a miss or two: this is an
// open-addressing table of 8-byte slots, each the top half of the key's
// hash and the position of the key in keys, which a lookup compares
// only when the halves are equal. It is at most half full, so a probe
// reads one or two slots of a cache line, and the keys and values are
// in the order they came. The hash's seed changes nothing but the
// slots: the answers are the keys' own. The zero value is empty.
type Firsts[V any] struct {
	seed  maphash.Seed
	slots []uint64 // hash>>32<<32 | position+1; 0: empty
	keys  []string
	vals  []V
}

const lowHalf = 1<<32 - 1

// Init empties f and sizes it for about n keys.
func (f *Firsts[V]) Init(n int) {
	f.seed = maphash.MakeSeed()
	f.slots = make([]uint64, slotsFor(n))
	f.keys = make([]string, 0, n)
	f.vals = make([]V, 0, n)
}

// slotsFor is the table size for n keys: a power of two, at least 2n.
func slotsFor(n int) int {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return size
}

// Add returns the value held under k and true, or holds v under k and
// returns it and false. The pointer is valid until the next Add.
func (f *Firsts[V]) Add(k string, v V) (*V, bool) {
	if 2*(len(f.keys)+1) > len(f.slots) {
		f.grow()
	}
	at, slot, tag := f.find(k)
	if at >= 0 {
		return &f.vals[at], true
	}
	f.keys = append(f.keys, k)
	f.vals = append(f.vals, v)
	f.slots[slot] = tag | uint64(len(f.keys))
	return &f.vals[len(f.vals)-1], false
}

// Get returns the value held under k, or nil.
func (f *Firsts[V]) Get(k string) *V {
	if len(f.keys) == 0 {
		return nil
	}
	if at, _, _ := f.find(k); at >= 0 {
		return &f.vals[at]
	}
	return nil
}

// find returns the position of k in keys, or -1 and the empty slot where
// k goes; and k's tag, the top half of its hash. f has an empty slot.
func (f *Firsts[V]) find(k string) (at, slot int, tag uint64) {
	h := maphash.String(f.seed, k)
	tag = h &^ lowHalf
	mask := uint64(len(f.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := f.slots[i]
		if s == 0 {
			return -1, int(i), tag
		}
		if at := s&lowHalf - 1; s&^lowHalf == tag && f.keys[at] == k {
			return int(at), int(i), tag
		}
	}
}

// Len is the number of keys.
func (f *Firsts[V]) Len() int { return len(f.keys) }

// At is the i-th key added and its value, in the order they came.
func (f *Firsts[V]) At(i int) (string, *V) { return f.keys[i], &f.vals[i] }

// grow doubles the table (or makes the first one), placing the keys
// again.
func (f *Firsts[V]) grow() {
	if f.slots == nil {
		f.seed = maphash.MakeSeed()
	}
	f.slots = make([]uint64, slotsFor(len(f.keys)+1)*2)
	mask := uint64(len(f.slots) - 1)
	for at, k := range f.keys {
		h := maphash.String(f.seed, k)
		i := h & mask
		for f.slots[i] != 0 {
			i = (i + 1) & mask
		}
		f.slots[i] = h&^lowHalf | uint64(at+1)
	}
}
