package model

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

//go:generate go run -tags decgen ./internal/decgen

// The bundle reader: one pass over a file's bytes, straight into the
// model's types, checking the JSON syntax as it goes.
//
// It runs in two modes. The fast one keeps no JSON path and gives up at
// the first problem of any kind (a syntax error, a duplicate key, a value
// of the wrong type, an unknown field in strict mode); it is generated
// code (read_gen.go, written by internal/decgen: go generate ./model), a
// function per type of the model that assigns each field directly, with
// no reflect, which matters most in the WASM build. The reflect-driven
// reader of the careful mode, with careful unset, is its reference in the
// tests (SameFastPass). The careful one runs
// only then, on the same bytes: it builds the path of every value and
// reports what the fast one gave up on, with the errors, order and types
// that a reader of a generic tree gave: a syntax error (from encoding/json's
// token reader, parseTokens) or the first duplicate key in document order
// alone, else every decoding error in document order, at most maxErrors.
// A valid bundle costs no path string and no error message.

// maxDepth is encoding/json's limit on nesting, which json.Valid and the
// token reader enforce.
const maxDepth = 10000

// typeDec is how values of one type of the model are read.
type typeDec struct {
	kind reflect.Kind
	typ  reflect.Type
	elem *typeDec // of a pointer, slice or map

	// Structs: the fields by JSON key, and the keys the catalogue lists
	// as documented but not held, which strict mode accepts; first is the
	// field that came first when the type was last read.
	fields  map[string]*fieldDec
	first   atomic.Pointer[fieldDec]
	nfields int
	ignored map[string]bool
}

type fieldDec struct {
	key   string
	index []int
	field int // index[0] when the field is not promoted, else -1
	n     int // the field's number, for duplicate detection
	dec   *typeDec
	// next is the field that followed this one when the type was last
	// read: objects of one type mostly list their keys in one order, and
	// comparing with the guess is cheaper than hashing the key.
	next atomic.Pointer[fieldDec]
}

var (
	typeDecsMu sync.Mutex
	typeDecs   = map[reflect.Type]*typeDec{}
)

// decOf returns the reader of t, building and caching it the first time.
func decOf(t reflect.Type) *typeDec {
	typeDecsMu.Lock()
	defer typeDecsMu.Unlock()
	return buildDec(t)
}

func buildDec(t reflect.Type) *typeDec {
	if d, ok := typeDecs[t]; ok {
		return d
	}
	d := &typeDec{kind: t.Kind(), typ: t}
	typeDecs[t] = d
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		d.elem = buildDec(t.Elem())
	case reflect.Struct:
		d.fields = map[string]*fieldDec{}
		for key, f := range fieldsOf(t) {
			fd := &fieldDec{key: key, index: f.index, field: -1, dec: buildDec(t.FieldByIndex(f.index).Type)}
			if len(f.index) == 1 {
				fd.field = f.index[0]
			}
			d.fields[key] = fd
		}
		// Number the fields in a fixed order.
		n := 0
		for _, sf := range reflect.VisibleFields(t) {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if f, ok := d.fields[name]; ok && !sf.Anonymous {
				f.n = n
				n++
			}
		}
		d.nfields = n
		if n > 128 {
			panic(fmt.Sprintf("model: %s has %d fields, more than the reader's 128", t, n))
		}
		d.ignored = ignored()[t.Name()]
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
	default:
		panic(fmt.Sprintf("model: cannot decode into %s", t))
	}
	return d
}

// abort unwinds the reader: the fast mode gave up, or the careful one
// found a duplicate key, which is the file's only error.
type abort struct{}

// reader reads one file.
type reader struct {
	data    []byte
	i       int
	depth   int
	careful bool
	file    string
	strict  bool
	errs    ErrorList
	dup     *Error // careful mode: the first duplicate key
	root    *Error // careful mode: the file is not an object
	arena   []byte // the chunk that str copies strings into
	slabs   slabs  // the blocks that lists and pointers are read into
	guesses guesses
}

// giveUp ends the fast mode.
func (r *reader) giveUp() {
	panic(abort{})
}

// fail records a decoding error in careful mode and gives up in fast mode.
func (r *reader) fail(path, format string, args ...any) {
	if !r.careful {
		r.giveUp()
	}
	if len(r.errs) < maxErrors {
		r.errs = append(r.errs, &Error{File: r.file, Path: path, Msg: fmt.Sprintf(format, args...)})
	}
}

// duplicate reports a duplicate key: the careful mode's only error.
func (r *reader) duplicate(path, key string) {
	if r.careful {
		r.dup = &Error{File: r.file, Path: joinKey(path, key), Msg: fmt.Sprintf("duplicate key %q", key)}
	}
	r.giveUp()
}

func (r *reader) keyPath(path, key string) string {
	if !r.careful {
		return ""
	}
	return joinKey(path, key)
}

func (r *reader) indexPath(path string, i int) string {
	if !r.careful {
		return ""
	}
	return path + "[" + strconv.Itoa(i) + "]"
}

func (r *reader) space() {
	for r.i < len(r.data) && isSpace[r.data[r.i]] {
		r.i++
	}
}

// isSpace holds JSON's white space.
var isSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// peek skips white space and returns the next byte, giving up at the end.
func (r *reader) peek() byte {
	for r.i < len(r.data) {
		c := r.data[r.i]
		if !isSpace[c] {
			return c
		}
		r.i++
	}
	r.giveUp()
	return 0
}

// expect consumes the byte c after white space.
func (r *reader) expect(c byte) {
	if r.peek() != c {
		r.giveUp()
	}
	r.i++
}

func (r *reader) literal(word string) {
	if len(r.data)-r.i < len(word) || string(r.data[r.i:r.i+len(word)]) != word {
		r.giveUp()
	}
	r.i += len(word)
}

// Classes of the bytes of a JSON string, for rawString.
const (
	strPlain   = iota // ASCII that stands for itself
	strQuote          // the closing quote
	strEscape         // a backslash
	strControl        // a control byte, which JSON forbids
	strHigh           // the first or a later byte of a multi-byte character
)

// ones and highs are the bytes 0x01 and 0x80 eight times, for rawString.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

var strClass = func() (t [256]byte) {
	for c := range 0x20 {
		t[c] = strControl
	}
	t['"'] = strQuote
	t['\\'] = strEscape
	for c := 0x80; c < 0x100; c++ {
		t[c] = strHigh
	}
	return t
}()

// rawString reads the string at r.i (its opening quote), checking its
// syntax, and returns its bytes between the quotes and whether they are
// its value as they stand (no escapes, valid UTF-8).
func (r *reader) rawString() ([]byte, bool) {
	d := r.data
	start := r.i + 1
	simple, ascii := true, true
	i := start
	for {
		// Eight bytes at a time while they are plain: a byte is not when
		// it is a quote or a backslash (equal to 0 after the xor), below
		// 0x20, or 0x80 and above. The lowest byte flagged is one of
		// these (a borrow only flags bytes above it), and the byte
		// loop and the switch below take it from there.
		for i+8 <= len(d) {
			x := binary.LittleEndian.Uint64(d[i:])
			q, b := x^(ones*'"'), x^(ones*'\\')
			m := ((q-ones)&^q | (b-ones)&^b | (x - ones*0x20) | x) & highs
			if m != 0 {
				i += bits.TrailingZeros64(m) / 8
				break
			}
			i += 8
		}
		for i < len(d) && strClass[d[i]] == strPlain {
			i++
		}
		if i >= len(d) {
			r.giveUp()
		}
		switch strClass[d[i]] {
		case strQuote:
			r.i = i + 1
			raw := d[start:i]
			return raw, simple && (ascii || utf8.Valid(raw))
		case strEscape:
			simple = false
			i++
			if i >= len(d) {
				r.giveUp()
			}
			switch d[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(d) {
					r.giveUp()
				}
				for _, h := range d[i+1 : i+5] {
					if !isHex(h) {
						r.giveUp()
					}
				}
				i += 4
			default:
				r.giveUp()
			}
		case strControl:
			r.giveUp()
		case strHigh:
			ascii = false
		}
		i++
	}
}

// slab hands out the elements of the lists of one type that the fast
// pass reads, and the values its pointers of that type point to, from
// blocks shared by all of a file's lists and pointers of the type: a
// bundle has a few short lists in every API (parameters, backend
// parameters, conditions, tags) and a few pointers, each its own
// allocation until then, and in the browser an allocation costs more than
// reading what it holds. A list is read in place at the end of the block;
// a list that outgrows the block moves to a new one (see grow), and the
// lists before it stay where they are. The slices given out
// have their capacity capped, so that appending to one allocates anew
// instead of writing over its neighbour. decgen gives a type a slab only
// when reading one of its values cannot read another list of it or
// pointer to it, which would write into the list in progress.
type slab[T any] struct{ buf []T }

// slabBytes is the largest size of a slab's block.
const slabBytes = 16 << 10

// slabFirst is the size of a slab's first block.
const slabFirst = 512

// longList is the length from which grow sizes a list's next block from
// the rest of the file alone.
const longList = 64

// grow gives s a new block when its block is full; start is where the
// list in progress begins in it, which moves to the new block, and from
// is where the list begins in the file; grow returns where the list
// begins in the new block. Blocks double from slabFirst bytes up to
// slabBytes, so that a small file takes small blocks, and have room for
// twice the list in progress, or up to eight times it for as many
// elements as the rest of the file would hold at its bytes per element
// so far; from longList elements on, that estimate alone sizes the block,
// so that the bundle's long lists (its APIs) move two or three times
// whatever their length, not at every doubling (take trims what the
// estimate gave too much).
func (s *slab[T]) grow(r *reader, start, from int) int {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := len(s.buf) - start
	next := max(min(2*cap(s.buf), slabBytes/size), slabFirst/size, 1)
	c := max(next, 2*n)
	if n > 0 && r.i > from {
		perElem := (r.i - from + n - 1) / n
		est := n + (len(r.data)-r.i)/perElem + 1
		if n >= longList {
			c = max(next, est)
		} else {
			// Too few elements to judge the rest of the file by.
			c = max(c, min(est, 8*n))
		}
	}
	block := make([]T, n, c)
	copy(block, s.buf[start:])
	s.buf = block
	return 0
}

// take returns the list read since start: a slice of the block, capped.
// An empty list is empty, not nil, as JSON's [] is. A list alone in a
// block with room left for more than a quarter of it, and more than
// slabBytes, got it from grow's estimate: it is copied to a slice of its
// length, so that the bundle does not keep the room (the next lists of
// the type start a block of their own).
func (s *slab[T]) take(start int) []T {
	n := len(s.buf) - start
	if n == 0 {
		return []T{}
	}
	var zero T
	if spare := cap(s.buf) - len(s.buf); start == 0 && spare > n/4 && spare*int(unsafe.Sizeof(zero)) > slabBytes {
		out := make([]T, n)
		copy(out, s.buf)
		s.buf = nil
		return out
	}
	return s.buf[start:len(s.buf):len(s.buf)]
}

// one returns a new zero value from the block, for a pointer to read
// into.
func (s *slab[T]) one(r *reader) *T {
	if len(s.buf) == cap(s.buf) {
		s.grow(r, len(s.buf), r.i)
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// arenaChunk is the size of the chunks that str copies strings into;
// longer strings get their own allocation.
const arenaChunk = 16 << 10

// str gives the value of a string that the model keeps, as unquote does.
// Unescaped strings are copied into a chunk shared with the next ones: one
// allocation for many strings instead of one each, and no more memory held
// than their bytes (a chunk is never larger than what is left of the file).
// A chunk is never written again where a string was given out of it.
//
// A string with escapes is decoded into the chunk too (its value is never
// longer than its bytes in the file), unless it is one that unescape
// leaves to encoding/json.
func (r *reader) str(raw []byte, simple bool) string {
	n := len(raw)
	if n == 0 || n > arenaChunk/8 {
		return unquote(raw, simple)
	}
	if cap(r.arena)-len(r.arena) < n {
		r.arena = make([]byte, 0, min(arenaChunk, n+len(r.data)-r.i))
	}
	off := len(r.arena)
	if simple {
		r.arena = append(r.arena, raw...)
	} else {
		out, ok := appendUnescaped(r.arena, raw)
		if !ok || len(out) == off {
			// Nothing was given out of the bytes written past off.
			r.arena = r.arena[:off]
			return unquote(raw, false)
		}
		r.arena = out
	}
	return unsafe.String(&r.arena[off], len(r.arena)-off)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unquote gives the value of a string whose bytes between the quotes are
// raw, as encoding/json decodes it.
func unquote(raw []byte, simple bool) string {
	if simple {
		return string(raw)
	}
	if s, ok := unescape(raw); ok {
		return s
	}
	quoted := make([]byte, 0, len(raw)+2)
	quoted = append(append(append(quoted, '"'), raw...), '"')
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		panic("model: encoding/json refuses a string the reader checked: " + err.Error())
	}
	return s
}

// unescape decodes the escapes of raw, valid UTF-8 in which every
// escape is well formed, as encoding/json does; ok is false for what it
// leaves to encoding/json: invalid UTF-8 and \u escapes of surrogates.
func unescape(raw []byte) (string, bool) {
	out, ok := appendUnescaped(make([]byte, 0, len(raw)), raw)
	if !ok {
		return "", false
	}
	return string(out), true
}

// appendUnescaped is unescape, appending the value to out.
func appendUnescaped(out, raw []byte) ([]byte, bool) {
	if !utf8.Valid(raw) {
		return out, false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			v, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 32)
			if err != nil || utf16.IsSurrogate(rune(v)) {
				return out, false
			}
			out = utf8.AppendRune(out, rune(v))
			i += 4
		}
	}
	return out, true
}

// number reads a number, checking its syntax, and returns its text.
func (r *reader) number() []byte {
	start := r.i
	d := r.data
	i := r.i
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() {
		if i >= len(d) || d[i] < '0' || d[i] > '9' {
			r.giveUp()
		}
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else {
		digits()
	}
	if i < len(d) && d[i] == '.' {
		i++
		digits()
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		digits()
	}
	r.i = i
	return d[start:i]
}

// kindAt names the kind of the JSON value starting with c.
func kindAt(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// mismatch reports a value of the wrong kind at path and skips it.
func (r *reader) mismatch(path, want string, c byte) {
	r.fail(path, "expected %s, got %s", want, kindAt(c))
	r.skip(path)
}

// open enters an object or array.
func (r *reader) open() {
	r.i++
	if r.depth++; r.depth > maxDepth && !r.careful {
		r.giveUp()
	}
}

// enter enters the object or array at r.i (its brace or bracket) and
// reports whether it has a member, reading the close when it is empty.
// (Out of line, as read_gen.go's helpers are.)
//
//go:noinline
func (r *reader) enter(close byte) bool {
	r.open()
	if r.peek() == close {
		r.i++
		r.depth--
		return false
	}
	return true
}

// more reads what follows a member of an object or array: a comma, and
// it reports true, or the close.
//
//go:noinline
func (r *reader) more(close byte) bool {
	switch r.peek() {
	case ',':
		r.i++
		return true
	case close:
		r.i++
		r.depth--
		return false
	}
	r.giveUp()
	return false
}

// key reads the key of a member and its colon, for the caller to read the
// value.
func (r *reader) key() ([]byte, bool) {
	if r.peek() != '"' {
		r.giveUp()
	}
	key, simple := r.rawString()
	r.expect(':')
	return key, simple
}

// skip reads a value the model does not keep, checking its syntax and
// its objects' keys for duplicates.
func (r *reader) skip(path string) {
	switch c := r.peek(); c {
	case '{':
		var keys []string
		for more := r.enter('}'); more; more = r.more('}') {
			k := unquote(r.key())
			for _, seen := range keys {
				if seen == k {
					r.duplicate(path, k)
				}
			}
			keys = append(keys, k)
			r.skip(r.keyPath(path, k))
		}
	case '[':
		for i, more := 0, r.enter(']'); more; i, more = i+1, r.more(']') {
			r.skip(r.indexPath(path, i))
		}
	case '"':
		r.rawString()
	case 't':
		r.literal("true")
	case 'f':
		r.literal("false")
	case 'n':
		r.literal("null")
	default:
		r.number()
	}
}

// value reads a value into rv, of td's type. A JSON null leaves the zero
// value, as the gateway returns null for unset fields.
func (r *reader) value(td *typeDec, rv reflect.Value, path string) {
	c := r.peek()
	if c == 'n' {
		r.literal("null")
		rv.SetZero()
		return
	}
	switch td.kind {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(td.typ.Elem()))
		}
		r.value(td.elem, rv.Elem(), path)
	case reflect.String:
		if c != '"' {
			r.mismatch(path, "a string", c)
			return
		}
		rv.SetString(r.str(r.rawString()))
	case reflect.Bool:
		switch c {
		case 't':
			r.literal("true")
			rv.SetBool(true)
		case 'f':
			r.literal("false")
			rv.SetBool(false)
		default:
			r.mismatch(path, "a boolean", c)
		}
	case reflect.Int, reflect.Int64:
		if c != '-' && (c < '0' || c > '9') {
			r.mismatch(path, "an integer", c)
			return
		}
		n := r.number()
		i, ok := parseInt(n)
		if !ok || rv.OverflowInt(i) {
			r.fail(path, "expected an integer, got %s", n)
			return
		}
		rv.SetInt(i)
	case reflect.Slice:
		if c != '[' {
			r.mismatch(path, "an array", c)
			return
		}
		if !r.enter(']') {
			rv.Set(reflect.MakeSlice(td.typ, 0, 0))
			return
		}
		if td.typ == stringsType {
			// The lists of strings (tags and the like), without reflect.
			var ss []string
			for i, more := 0, true; more; i, more = i+1, r.more(']') {
				c := r.peek()
				switch c {
				case '"':
					ss = append(ss, r.str(r.rawString()))
				case 'n':
					r.literal("null")
					ss = append(ss, "")
				default:
					ss = append(ss, "")
					r.mismatch(r.indexPath(path, i), "a string", c)
				}
			}
			rv.Set(reflect.ValueOf(ss))
			return
		}
		// Filled at full length, doubled when full, cut to the length
		// read at the end: a slice header per growth, not per element.
		s := reflect.MakeSlice(td.typ, 4, 4)
		n := 0
		for more := true; more; more = r.more(']') {
			if n == s.Len() {
				g := reflect.MakeSlice(td.typ, 2*n, 2*n)
				reflect.Copy(g, s)
				s = g
			}
			r.value(td.elem, s.Index(n), r.indexPath(path, n))
			n++
		}
		rv.Set(s.Slice(0, n))
	case reflect.Map:
		if c != '{' {
			r.mismatch(path, "an object", c)
			return
		}
		m := reflect.MakeMap(td.typ)
		for more := r.enter('}'); more; more = r.more('}') {
			key, simple := r.key()
			s := r.str(key, simple)
			k := reflect.ValueOf(s)
			if m.MapIndex(k).IsValid() {
				r.duplicate(path, s)
			}
			e := reflect.New(td.elem.typ).Elem()
			r.value(td.elem, e, r.keyPath(path, s))
			m.SetMapIndex(k, e)
		}
		rv.Set(m)
	case reflect.Struct:
		if c != '{' {
			r.mismatch(path, "an object", c)
			return
		}
		r.object(td, rv, path)
	}
}

// object reads the members of a JSON object into the struct rv.
func (r *reader) object(td *typeDec, rv reflect.Value, path string) {
	var seen [2]uint64
	var unknown []string
	var prev *fieldDec
	for more := r.enter('}'); more; more = r.more('}') {
		key, simple := r.key()
		var f *fieldDec
		var k string
		var guess *fieldDec
		if prev == nil {
			guess = td.first.Load()
		} else {
			guess = prev.next.Load()
		}
		switch {
		case simple && guess != nil && guess.key == string(key):
			f = guess
		case simple:
			f = td.fields[string(key)]
		default:
			k = unquote(key, simple)
			f = td.fields[k]
		}
		if f != guess && f != nil {
			if prev == nil {
				td.first.Store(f)
			} else {
				prev.next.Store(f)
			}
		}
		if f != nil {
			prev = f
			if bit := uint64(1) << (f.n % 64); seen[f.n/64]&bit != 0 {
				r.duplicate(path, unquote(key, simple))
			} else {
				seen[f.n/64] |= bit
			}
			var kp string
			if r.careful {
				kp = joinKey(path, unquote(key, simple))
			}
			if f.field >= 0 {
				r.value(f.dec, rv.Field(f.field), kp)
			} else {
				r.value(f.dec, rv.FieldByIndex(f.index), kp)
			}
			continue
		}
		if simple {
			k = string(key)
		}
		for _, u := range unknown {
			if u == k {
				r.duplicate(path, k)
			}
		}
		unknown = append(unknown, k)
		if r.strict && !td.ignored[k] {
			r.fail(joinKey(path, k), "unknown field (strict mode)")
		}
		r.skip(r.keyPath(path, k))
	}
}

// parseInt parses a JSON number as strconv.ParseInt does, without
// converting its bytes to a string when they are few digits.
func parseInt(n []byte) (int64, bool) {
	neg := len(n) > 0 && n[0] == '-'
	digits := n
	if neg {
		digits = n[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		i, err := strconv.ParseInt(string(n), 10, 64)
		return i, err == nil
	}
	var v int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

var stringsType = reflect.TypeFor[[]string]()

// bundleDecs are the readers of a bundle's lists, by top-level key, and
// of the group a file may give alone.
var bundleDecs = sync.OnceValues(func() (map[string]*typeDec, *typeDec) {
	t := reflect.TypeFor[Bundle]()
	m := map[string]*typeDec{}
	for key, f := range listKeys {
		m[key] = decOf(t.FieldByIndex(f.index).Type)
	}
	return m, decOf(reflect.TypeFor[Group]())
})

// readFile reads one bundle file. It is [Decode] that also says whether
// the file gave its one group under the "group" key.
func readFile(name string, data []byte, strict bool) (*Bundle, bool, error) {
	if b, single, ok := readFast(&reader{data: data, file: name, strict: strict}); ok {
		return b, single, nil
	}
	if !json.Valid(data) {
		// The token reader says where and why; it also takes values
		// nested deeper than maxDepth, which the careful mode then reads.
		if _, err := parseTokens(data); err != nil {
			if e, ok := err.(*Error); ok {
				e.File = name
				return nil, false, e
			}
			return nil, false, &Error{File: name, Msg: err.Error()}
		}
	}
	r := &reader{data: data, file: name, strict: strict, careful: true}
	b, single, ok := readBundle(r)
	switch {
	case r.dup != nil:
		return nil, false, r.dup
	case r.root != nil:
		return nil, false, r.root
	case len(r.errs) > 0:
		return nil, false, r.errs
	case !ok:
		// Not reached: the careful mode gives up only at a duplicate key
		// of JSON the token reader took.
		return nil, false, &Error{File: name, Msg: "invalid JSON"}
	}
	return b, single, nil
}

// readBundle reads the top-level object; ok is false when the reader gave
// up or (careful mode) found errors.
func readBundle(r *reader) (b *Bundle, single, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, is := v.(abort); !is {
				panic(v)
			}
			b, single, ok = nil, false, false
		}
	}()
	lists, groupDec := bundleDecs()
	c := r.peek()
	if c != '{' {
		if !r.careful {
			r.giveUp()
		}
		r.skip("")
		r.root = &Error{File: r.file, Msg: "expected a JSON object (a bundle), got " + kindAt(c)}
		return nil, false, false
	}
	b = &Bundle{}
	rb := reflect.ValueOf(b).Elem()
	var keys []string
	groups := false
	for more := r.enter('}'); more; more = r.more('}') {
		k := unquote(r.key())
		for _, seen := range keys {
			if seen == k {
				r.duplicate("", k)
			}
		}
		keys = append(keys, k)
		switch td := lists[k]; {
		case metaKeys[k]:
			r.skip(k)
		case k == "group":
			single = true
			if r.peek() == 'n' {
				r.literal("null")
				continue
			}
			var g Group
			r.value(groupDec, reflect.ValueOf(&g).Elem(), "group")
			b.Groups = append(b.Groups, g)
		case td != nil:
			groups = groups || k == "groups"
			r.value(td, rb.FieldByIndex(listKeys[k].index), k)
		default:
			r.fail(k, "unknown top-level key; expected one of %s", strings.Join(knownTopKeys(), ", "))
			r.skip(k)
		}
	}
	r.space()
	if r.i != len(r.data) {
		r.giveUp()
	}
	if groups && single {
		r.fail("group", `"group" and "groups" cannot both be given`)
	}
	if len(r.errs) > 0 {
		return nil, false, false
	}
	return b, single, true
}

// readFast is the fast mode of readBundle with the generated readers;
// ok is false when it gave up.
func readFast(r *reader) (b *Bundle, single, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, is := v.(abort); !is {
				panic(v)
			}
			b, single, ok = nil, false, false
		}
	}()
	if r.peek() != '{' {
		r.giveUp()
	}
	b = &Bundle{}
	var keys []string
	groups := false
	for more := r.enter('}'); more; more = r.more('}') {
		k := unquote(r.key())
		for _, seen := range keys {
			if seen == k {
				r.giveUp()
			}
		}
		keys = append(keys, k)
		switch {
		case metaKeys[k]:
			r.skip("")
		case k == "group":
			single = true
			if r.peek() == 'n' {
				r.literal("null")
				continue
			}
			var g Group
			r.rdGroup(&g)
			b.Groups = append(b.Groups, g)
		case r.rdList(k, b):
			groups = groups || k == "groups"
		default:
			r.giveUp()
		}
	}
	r.space()
	if r.i != len(r.data) || groups && single {
		r.giveUp()
	}
	return b, single, true
}

// The readers of the scalars, for read_gen.go's: a JSON null is the zero
// value, a value of another kind gives up.

func (r *reader) rdString(v *string) {
	switch r.peek() {
	case '"':
		*v = r.str(r.rawString())
	case 'n':
		r.literal("null")
		*v = ""
	default:
		r.giveUp()
	}
}

func (r *reader) rdBool(v *bool) {
	switch r.peek() {
	case 't':
		r.literal("true")
		*v = true
	case 'f':
		r.literal("false")
		*v = false
	case 'n':
		r.literal("null")
		*v = false
	default:
		r.giveUp()
	}
}

func (r *reader) rdInt64(v *int64) {
	c := r.peek()
	if c == 'n' {
		r.literal("null")
		*v = 0
		return
	}
	if c != '-' && (c < '0' || c > '9') {
		r.giveUp()
	}
	i, ok := parseInt(r.number())
	if !ok {
		r.giveUp()
	}
	*v = i
}

func (r *reader) rdInt(v *int) {
	var i int64
	r.rdInt64(&i)
	if int64(int(i)) != i {
		r.giveUp()
	}
	*v = int(i)
}

// fieldNumbers gives the index of each key, for read_gen.go.
func fieldNumbers(keys []string) map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}

// The helpers of read_gen.go's readers. They are kept out of line: the
// readers are many, and in the WASM build every call site inlined into
// them costs code.

// begin reads the null at r.i and reports false, or reports true before
// the byte open ('{' or '['), or any value but null when open is 0; it
// gives up at anything else.
//
//go:noinline
func (r *reader) begin(open byte) bool {
	switch c := r.peek(); {
	case c == 'n':
		r.literal("null")
		return false
	case c == open || open == 0:
		return true
	}
	r.giveUp()
	return false
}

// field reads the key of a member of an object of type typ (by name),
// whose fields have the keys keys, and returns its field's number. guess
// is the number of the field that followed the last one read when the
// type was last read by r (r.guesses): objects of one type mostly list
// their keys in one order, and comparing with the guess is cheaper than
// hashing the key.
// For a key of no field it reads the value as unknownKey does and
// returns -1.
//
//go:noinline
func (r *reader) field(keys []string, fields map[string]int, guess *int32, unknown *[]string, typ string) int {
	if r.peek() != '"' {
		r.giveUp()
	}
	// The guess is compared with the file's bytes before the key is read:
	// a key of the model needs no escape (decgen checks), so the string
	// is that key when its bytes and a quote follow.
	// A miss is mostly a field left out: the next few are tried too
	// before the key is read and hashed (a map lookup costs, in the
	// browser above all).
	g := int(*guess)
	for n := g; n < len(keys) && n < g+guessAhead; n++ {
		k := keys[n]
		if j := r.i + 1 + len(k); j < len(r.data) && r.data[j] == '"' && string(r.data[r.i+1:j]) == k {
			r.i = j + 1
			r.expect(':')
			if n != g {
				*guess = int32(n)
			}
			return n
		}
	}
	key, simple := r.key()
	if !simple {
		key = []byte(unquote(key, false))
	}
	if n, ok := fields[string(key)]; ok {
		*guess = int32(n)
		return n
	}
	r.unknownKey(unknown, key, typ)
	return -1
}

// guessAhead is how many fields from the guess field compares with the
// file's bytes.
const guessAhead = 4

// unknownKey reads the value of a key that the struct type typ (by name)
// does not hold: gives up at a key given twice, or in strict mode at one
// the catalogue does not list as ignored, and skips its value.
func (r *reader) unknownKey(unknown *[]string, key []byte, typ string) {
	for _, u := range *unknown {
		if u == string(key) {
			r.giveUp()
		}
	}
	k := string(key)
	*unknown = append(*unknown, k)
	if r.strict && !ignored()[typ][k] {
		r.giveUp()
	}
	r.skip("")
}
