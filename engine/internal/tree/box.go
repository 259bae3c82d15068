package tree

import "unsafe"

// Boxing a string, an Obj or an Arr into an any allocates its header
// (16 or 24 bytes) on the heap: an export boxes tens of values per API,
// and in the browser each allocation costs more than the rest of building
// the value. The functions here box without allocating, making the any's
// data word point at a header that lives elsewhere: a string field of the
// model that the export reads (the bundle does not change during an
// export), or a slot of one of the Arena's slabs. The any is exactly what
// boxing the value would give (same type word, a pointer to an equal
// header), so type switches, assertions and == see no difference.

// eface is the layout of an any: its type word and its data word, which
// for a string or slice type points at the value's header.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// typeWord is the type word of v's dynamic type.
func typeWord(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

var (
	stringType = typeWord("")
	numberType = typeWord(Number(""))
	objType    = typeWord(Obj(nil))
	arrType    = typeWord(Arr(nil))
)

// pack makes the any of type typ whose value is at data.
func pack(typ, data unsafe.Pointer) any {
	e := eface{typ, data}
	return *(*any)(unsafe.Pointer(&e))
}

// StrAt returns *p as an any without copying its header: the any reads
// *p, which must not change while the value is in use (p points at a
// field of the bundle being exported).
func StrAt(p *string) any { return pack(stringType, unsafe.Pointer(p)) }

// StrAtOrNil is [Str] through [StrAt]: nil when *p is empty.
func StrAtOrNil(p *string) any {
	if *p == "" {
		return nil
	}
	return pack(stringType, unsafe.Pointer(p))
}

// NumberAt returns *p as a Number (its text, as written) in an any,
// without copying, as [StrAt] does.
func NumberAt(p *string) any { return pack(numberType, unsafe.Pointer(p)) }

const (
	arenaStrings = 1024
	arenaHeaders = 1024
)

// String returns s boxed, its header in one of a's slabs.
func (a *Arena) String(s string) any { return pack(stringType, a.stringSlot(s)) }

// stringSlot puts s in a's slab of string headers and returns its slot,
// the data word of both a string and a Number boxed from it.
func (a *Arena) stringSlot(s string) unsafe.Pointer {
	if len(a.strings) == cap(a.strings) {
		a.strings = make([]string, 0, arenaStrings)
	}
	a.strings = append(a.strings, s)
	return unsafe.Pointer(&a.strings[len(a.strings)-1])
}

// Box returns o boxed, its header in one of a's slabs.
func (a *Arena) Box(o Obj) any {
	if len(a.objs) == cap(a.objs) {
		a.objs = make([]Obj, 0, arenaHeaders)
	}
	a.objs = append(a.objs, o)
	return pack(objType, unsafe.Pointer(&a.objs[len(a.objs)-1]))
}

// BoxArr returns v boxed, its header in one of a's slabs.
func (a *Arena) BoxArr(v Arr) any {
	if len(a.arrs) == cap(a.arrs) {
		a.arrs = make([]Arr, 0, arenaHeaders)
	}
	a.arrs = append(a.arrs, v)
	return pack(arrType, unsafe.Pointer(&a.arrs[len(a.arrs)-1]))
}

// Number returns the number of text s boxed, its header in one of a's
// slabs.
func (a *Arena) Number(s string) any { return pack(numberType, a.stringSlot(s)) }
