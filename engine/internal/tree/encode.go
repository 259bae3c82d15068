package tree

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The document is built as a small ordered tree, so that the key order is
// the gateway's (fixed fields first, in go-openapi's order, extensions last
// and sorted) and the bytes are the same on every platform. Values are
// string, bool, number, obj and arr.

// Number is a JSON number kept as its literal text.
type Number string

// Member is one key of an [Obj] and its value. It is an alias of an
// unnamed struct type, so that the builders outside this package write a
// member as {"key", value}, as a literal of a local type (go vet's
// composites check asks for field names in literals of imported struct
// types).
type Member = struct {
	Key string
	Val any
}

// Obj is a JSON object whose keys keep their insertion order.
type Obj []Member

// Arr is a JSON array.
type Arr []any

// Set appends key: val. A nil val is skipped, so optional fields read
// naturally at the call site.
func (o *Obj) Set(key string, val any) {
	if val == nil {
		return
	}
	*o = append(*o, Member{key, val})
}

// Get returns the value of key, or nil.
func (o Obj) Get(key string) any {
	for _, m := range o {
		if sameKey(m.Key, key) {
			return m.Val
		}
	}
	return nil
}

// sameKey is a == b, testing the length and the last byte before calling
// the runtime's comparison: most keys of an object differ there already,
// and in the browser each call of that comparison costs.
func sameKey(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || a[len(a)-1] == b[len(b)-1]) && a == b
}

// Sorted returns o with its keys in byte order: for objects whose keys are
// names (maps in the gateway's model) or extensions.
//
// The builders' objects have a dozen members or fewer, most of them in
// order already: those an insertion sort puts in order, comparing keys
// inline, in a single pass when nothing is out of place.
func (o Obj) Sorted() Obj {
	if len(o) > 16 {
		slices.SortStableFunc(o, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
		return o
	}
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && o[j].Key < o[j-1].Key; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
	return o
}

// Str returns s, or nil when s is empty, for fields that are left out when
// empty.
func Str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func Integer[T ~int | ~int64](n T) Number { return Number(strconv.FormatInt(int64(n), 10)) }

// EncodeJSON writes v as JSON indented with one tab, like the gateway's
// files, with no HTML escaping and a final newline. sizeHint is the
// expected size, to allocate once.
func EncodeJSON(v any, sizeHint int) []byte {
	b := newOutput(sizeHint)
	b = appendJSON(b, v, 0)
	return done(append(b, '\n'))
}

// JSONWriter writes a document as encodeJSON does, taking its Path Items
// one by one: newJSONWriter writes the root up to its Paths Object,
// pathItem each member of it, and finish the rest of the root.
type JSONWriter struct {
	b     []byte
	items int
	after int // the index of the root member after paths
}

// newOutput returns an empty slice with room for sizeHint bytes. The
// room is not zeroed, as make and bytes.Buffer's Grow would: the writer
// fills it, and zeroing megabytes costs an export of a thousand APIs a
// tenth of its time. strings.Builder's Grow is the standard library's way
// to such memory; the builder is dropped once its buffer is taken.
func newOutput(sizeHint int) []byte {
	n := max(sizeHint, 4096)
	var sb strings.Builder
	sb.Grow(n)
	sb.WriteByte(0) // the buffer's first byte, to take its address
	return unsafe.Slice(unsafe.StringData(sb.String()), n)[:0]
}

// done caps the document's capacity at its length, so that what the
// buffer held before, beyond the document, cannot be reached through it.
func done(b []byte) []byte { return b[:len(b):len(b)] }

func NewJSONWriter(root Obj, sizeHint int) *JSONWriter {
	b := newOutput(sizeHint)
	b = append(b, '{')
	after := len(root)
	for i, m := range root {
		b = appendKey(b, i, m.Key, 1)
		if m.Key == "paths" {
			b = append(b, '{')
			after = i + 1
			break
		}
		b = appendJSON(b, m.Val, 1)
	}
	return &JSONWriter{b: b, after: after}
}

func (w *JSONWriter) PathItem(p string, item Obj) {
	w.b = appendKey(w.b, w.items, p, 2)
	w.items++
	w.b = appendObj(w.b, item, 2)
}

// Finish writes what follows the Paths Object and returns the document.
func (w *JSONWriter) Finish(root Obj) []byte {
	b := w.b
	if w.items > 0 {
		b = appendNewline(b, 1)
	}
	b = append(b, '}')
	for _, m := range root[w.after:] {
		b = appendKey(b, 1, m.Key, 1)
		b = appendJSON(b, m.Val, 1)
	}
	b = appendNewline(b, 0)
	return done(append(b, "}\n"...))
}

// The writer appends to a byte slice rather than calling a buffer's
// methods: appends are inlined, which counts in the browser, where every
// call is expensive. Objects and arrays have their own functions, so that
// a Path Item is written without being boxed into an any, and each
// member's separator, line break and indentation is one append.

func appendJSON(b []byte, v any, depth int) []byte {
	switch v := v.(type) {
	case string:
		return appendString(b, v)
	case Obj:
		return appendObj(b, v, depth)
	case Arr:
		return appendArr(b, v, depth)
	case Number:
		return append(b, v...)
	case bool:
		if v {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	}
	panic(fmt.Sprintf("engine: cannot encode %T", v))
}

// appendObj writes o. Its members' values are written here, not through
// appendJSON, and the layout and the strings' fast path (see
// appendStringBody) are written out too: in the browser each call costs
// (a stack check and a resumable switch), and a string member takes one
// call per string, copyPlain's, where it took five. The short constants
// between them are appended as bytes: in the browser appending a
// constant string calls memmove, appending bytes stores them.
func appendObj(b []byte, o Obj, depth int) []byte {
	if len(o) == 0 {
		return append(b, '{', '}')
	}
	b = append(b, '{')
	depth++
	for i, m := range o {
		if n := len(b); depth <= maxLayoutDepth && cap(b)-n >= 16 {
			l := &keyOpens[min(i, 1)][depth]
			d := b[n : n+16]
			binary.LittleEndian.PutUint64(d[:8], l.w0)
			binary.LittleEndian.PutUint64(d[8:], l.w1)
			b = b[:n+l.n]
		} else {
			b = appendKeyOpen(b, i, depth)
		}
		if n := len(b); cap(b)-n >= len(m.Key) && copyPlain(b[n:n+len(m.Key)], m.Key) {
			b = b[:n+len(m.Key)]
		} else {
			b = appendQuoted(b, m.Key)
		}
		switch v := m.Val.(type) {
		case string:
			b = append(b, '"', ':', ' ', '"')
			if n := len(b); cap(b)-n >= len(v) && copyPlain(b[n:n+len(v)], v) {
				b = b[:n+len(v)]
			} else {
				b = appendQuoted(b, v)
			}
			b = append(b, '"')
		case Obj:
			b = append(b, '"', ':', ' ')
			b = appendObj(b, v, depth)
		case Arr:
			b = append(b, '"', ':', ' ')
			b = appendArr(b, v, depth)
		case Number:
			b = append(b, '"', ':', ' ')
			if n := len(b); cap(b)-n >= len(v) && copyPlain(b[n:n+len(v)], string(v)) {
				b = b[:n+len(v)]
			} else {
				b = append(b, v...)
			}
		case bool:
			if v {
				b = append(b, '"', ':', ' ', 't', 'r', 'u', 'e')
			} else {
				b = append(b, '"', ':', ' ', 'f', 'a', 'l', 's', 'e')
			}
		default:
			panic(fmt.Sprintf("engine: cannot encode %T", v))
		}
	}
	b = appendNewline(b, depth-1)
	return append(b, '}')
}

// appendArr writes a, its elements' values here as appendObj does.
func appendArr(b []byte, a Arr, depth int) []byte {
	if len(a) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	depth++
	for i, e := range a {
		if n := len(b); depth <= maxLayoutDepth && cap(b)-n >= 16 {
			l := &separators[min(i, 1)][depth]
			d := b[n : n+16]
			binary.LittleEndian.PutUint64(d[:8], l.w0)
			binary.LittleEndian.PutUint64(d[8:], l.w1)
			b = b[:n+l.n]
		} else {
			b = appendSeparator(b, i, depth)
		}
		switch v := e.(type) {
		case string:
			b = append(b, '"')
			if n := len(b); cap(b)-n >= len(v) && copyPlain(b[n:n+len(v)], v) {
				b = b[:n+len(v)]
			} else {
				b = appendQuoted(b, v)
			}
			b = append(b, '"')
		case Obj:
			b = appendObj(b, v, depth)
		default:
			b = appendJSON(b, v, depth)
		}
	}
	b = appendNewline(b, depth-1)
	return append(b, ']')
}

// appendKey writes the i-th member's key: the comma before it (but the
// first), the line break and indentation, the key and ": ".
func appendKey(b []byte, i int, key string, depth int) []byte {
	b = appendKeyOpen(b, i, depth)
	b = appendStringBody(b, key)
	return append(b, `": `...)
}

// The layout between values: a comma (but before an object's or array's
// first element), a line break, a tab per level and, before a key, its
// quote. Up to depth maxLayoutDepth each is kept as two words, written
// with two stores rather than a copy of its length, which costs a call;
// deeper levels are written a tab at a time.

// layout is one such piece of text, padded with zeros to two words.
type layout struct {
	w0, w1 uint64
	n      int
}

// maxLayoutDepth is the deepest level whose layout fits two words: a
// comma, a line break, 13 tabs and a quote.
const maxLayoutDepth = 13

// The layouts by depth: [0] the first element's, [1] the others', each
// opening a key (keyOpens) or not (separators); newlines without a comma,
// closing an object or array.
var keyOpens, separators = layouts(`"`), layouts("")

var newlines = func() (t [maxLayoutDepth + 1]layout) {
	for depth := range t {
		t[depth] = newLayout(newlineTabs[:1+depth])
	}
	return t
}()

func layouts(after string) (t [2][maxLayoutDepth + 1]layout) {
	for depth := range maxLayoutDepth + 1 {
		t[0][depth] = newLayout(newlineTabs[:1+depth] + after)
		t[1][depth] = newLayout(commaNewlineTabs[:2+depth] + after)
	}
	return t
}

func newLayout(s string) layout {
	var w [16]byte
	copy(w[:], s)
	return layout{binary.LittleEndian.Uint64(w[:8]), binary.LittleEndian.Uint64(w[8:]), len(s)}
}

// appendLayout writes l: two stores when b has room for them.
func appendLayout(b []byte, l *layout) []byte {
	n := len(b)
	if cap(b)-n < 16 {
		var w [16]byte
		binary.LittleEndian.PutUint64(w[:8], l.w0)
		binary.LittleEndian.PutUint64(w[8:], l.w1)
		return append(b, w[:l.n]...)
	}
	d := b[n : n+16]
	binary.LittleEndian.PutUint64(d[:8], l.w0)
	binary.LittleEndian.PutUint64(d[8:], l.w1)
	return b[:n+l.n]
}

// appendKeyOpen writes what comes before the i-th key of an object at
// depth, its quote included.
func appendKeyOpen(b []byte, i, depth int) []byte {
	if depth <= maxLayoutDepth {
		return appendLayout(b, &keyOpens[min(i, 1)][depth])
	}
	return append(appendSeparator(b, i, depth), '"')
}

// newlineTabs is a newline and enough tabs for the layouts; deeper levels
// are written a tab at a time. commaNewlineTabs has a comma before it.
const (
	newlineTabs      = "\n\t\t\t\t\t\t\t\t\t\t\t\t\t"
	commaNewlineTabs = "," + newlineTabs
)

// appendSeparator writes what comes before the i-th element of an object
// or array at depth: a comma (but before the first), a line break and the
// indentation.
func appendSeparator(b []byte, i, depth int) []byte {
	if depth <= maxLayoutDepth {
		return appendLayout(b, &separators[min(i, 1)][depth])
	}
	if i > 0 {
		b = append(b, ',')
	}
	return appendNewline(b, depth)
}

func appendNewline(b []byte, depth int) []byte {
	if depth <= maxLayoutDepth {
		return appendLayout(b, &newlines[depth])
	}
	b = append(b, newlineTabs...)
	for range depth - maxLayoutDepth {
		b = append(b, '\t')
	}
	return b
}

const hexDigits = "0123456789abcdef"

// plainASCII marks the bytes a JSON string holds as they are: ASCII but
// control characters, quote and backslash.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString quotes s as encoding/json does with HTML escaping off:
// control characters, U+2028 and U+2029 are escaped and invalid UTF-8
// becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendStringBody(b, s)
	return append(b, '"')
}

// appendStringBody is appendString without the quotes. A string with
// nothing to escape, the common case, is copied as it is checked, a word
// at a time, when b has room for it (copyPlain); any other goes through
// appendQuoted.
func appendStringBody(b []byte, s string) []byte {
	if n := len(b); cap(b)-n >= len(s) && copyPlain(b[n:n+len(s)], s) {
		return b[:n+len(s)]
	}
	return appendQuoted(b, s)
}

// copyPlain copies s to d, len(d) == len(s), while every byte is
// plainASCII, and reports whether all were. The last word of a string of
// eight bytes or more overlaps the one before, rather than being taken a
// byte at a time; a string of four to seven bytes is two words of four.
func copyPlain(d []byte, s string) bool {
	if len(s) < 8 {
		if len(s) >= 4 && len(d) >= len(s) {
			// Two words of four, overlapping, tested as one of eight.
			lo, hi := load32(s, 0), load32(s, len(s)-4)
			if !plainWord(uint64(lo) | uint64(hi)<<32) {
				return false
			}
			binary.LittleEndian.PutUint32(d, lo)
			binary.LittleEndian.PutUint32(d[len(s)-4:], hi)
			return true
		}
		for i := 0; i < len(s) && i < len(d); i++ {
			c := s[i]
			if !plainASCII[c] {
				return false
			}
			d[i] = c
		}
		return true
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		if !plainWord(w) {
			return false
		}
		binary.LittleEndian.PutUint64(d[i:i+8], w)
	}
	if i < len(s) {
		i = len(s) - 8
		w := load64(s, i)
		if !plainWord(w) {
			return false
		}
		binary.LittleEndian.PutUint64(d[i:i+8], w)
	}
	return true
}

// appendQuoted is appendStringBody for any string.
func appendQuoted(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainWord(load64(s, i)) {
			i += 8
		}
		for i < len(s) && plainASCII[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

// load32 is the four bytes of s from i, little-endian: one load.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// load64 is the eight bytes of s from i, little-endian; the compiler makes
// it one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainWord reports whether each of the eight bytes of w is plainASCII,
// eight at a time (the bit tricks of "Bit Twiddling Hacks": a byte's high
// bit is set in (v - 0x01…) &^ v when it is zero, in (w - 0x20…) &^ w when
// it is below 0x20; a false alarm only ever follows a true one).
func plainWord(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^('"'*ones), w^('\\'*ones)
	control := (w - ' '*ones) &^ w
	return (control|(quote-ones)&^quote|(backslash-ones)&^backslash|w)&highs == 0
}
