package tree

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// The YAML writer writes the document tree as yaml.v3's encoder wrote it
// from a yaml.Node tree (two-space indentation, block collections, empty
// ones as {} and [], no line folding), byte for byte, without building
// that tree: like the JSON writer it takes the Path Items one by one, so
// that each can be let go once it is written. It follows the encoder's
// emitter (go.yaml.in/yaml/v3's emitterc.go, a port of libyaml) for the
// subset of YAML the tree needs, and departs from it where yaml.v3's own
// output would not read back as the same value or would read as another
// type in a YAML 1.1 reader; yaml11Unsafe and the cases marked "departs"
// below say where. yaml.v3 stays for reading YAML.

// YAMLWriter writes a document as YAML, taking its Path Items one by one:
// newYAMLWriter writes the root up to its Paths Object, pathItem each
// member of it, and finish the rest of the root.
type YAMLWriter struct {
	b     []byte
	items int
	after int  // the index of the root member after paths
	paths bool // the root has paths
}

// The layout. yaml.v3's emitter tracks a column, whether the line holds
// indentation alone and whether the last byte was white space, and
// decides each line break and space from them. For the tree's block
// collections that comes down to three openings before an element:
// nothing (the document's first), a space (the first element of a
// collection that follows a sequence's dash or a complex key's colon, on
// their line) or a line break and the indentation (any other). After a
// value the line always holds more than indentation, so the next opening
// is a line break: a literal block scalar, which ends with its own line
// break, leaves that break off for the next opening to write (the
// emitter, finding the line empty, wrote only the indentation).
const (
	openBreak = iota // a line break and the indentation
	openSpace        // a space: the line holds a dash or a colon
	openNone         // nothing: the document's start
)

func NewYAMLWriter(root Obj, sizeHint int) *YAMLWriter {
	w := &YAMLWriter{b: newOutput(sizeHint)}
	w.after = len(root)
	for i, m := range root {
		if m.Key == "paths" {
			w.b = appendYAMLOpen(w.b, 0, docOpen(w.b))
			w.b, _ = appendYAMLKey(w.b, m.Key, 0)
			w.after, w.paths = i+1, true
			break
		}
		w.b = appendYAMLMapping(w.b, root[i:i+1], 0, docOpen(w.b))
	}
	return w
}

// docOpen is the opening of a root member: none for the first.
func docOpen(b []byte) int {
	if len(b) == 0 {
		return openNone
	}
	return openBreak
}

func (w *YAMLWriter) PathItem(p string, item Obj) {
	w.items++
	b := appendYAMLIndent(w.b, 2)
	b, complexKey := appendYAMLKey(b, p, 2)
	if len(item) == 0 {
		w.b = append(b, ' ', '{', '}')
		return
	}
	open := openBreak
	if complexKey {
		open = openSpace
	}
	w.b = appendYAMLMapping(b, item, 4, open)
}

// Finish writes what follows the Paths Object and returns the document.
func (w *YAMLWriter) Finish(root Obj) []byte {
	b := w.b
	if w.items == 0 && w.paths {
		b = append(b, ' ', '{', '}')
	}
	for i := w.after; i < len(root); i++ {
		b = appendYAMLMapping(b, root[i:i+1], 0, docOpen(b))
	}
	if len(b) > 0 {
		b = append(b, '\n')
	}
	return done(b)
}

// EncodeYAML writes a whole tree (the root an obj) as the streaming writer
// does, for tests and small documents.
func EncodeYAML(v any) []byte {
	b := newOutput(4096)
	switch v := v.(type) {
	case Obj:
		if len(v) == 0 {
			b = append(b, '{', '}')
		} else {
			b = appendYAMLMapping(b, v, 0, openNone)
		}
	case Arr:
		if len(v) == 0 {
			b = append(b, '[', ']')
		} else {
			b = appendYAMLSequence(b, v, 0, openNone)
		}
	default:
		b = appendYAMLScalar(b, v, 0)
	}
	return done(append(b, '\n'))
}

// appendYAMLOpen writes the opening of a collection's element at indent.
func appendYAMLOpen(b []byte, indent, open int) []byte {
	switch open {
	case openBreak:
		return appendYAMLIndent(b, indent)
	case openSpace:
		return append(b, ' ')
	}
	return b
}

// appendYAMLIndent writes a line break and indent spaces, a word at a
// time when b has room (as the JSON writer writes its layouts: in the
// browser a copy of a constant costs a call, stores do not).
func appendYAMLIndent(b []byte, indent int) []byte {
	const breakSpaces, spaces = 0x2020202020202000 | '\n', 0x2020202020202020
	n := len(b)
	if cap(b)-n < indent+8 {
		b = append(b, '\n')
		return appendSpaces(b, indent)
	}
	d := b[n:cap(b)]
	binary.LittleEndian.PutUint64(d, breakSpaces)
	for k := 8; k <= indent; k += 8 {
		binary.LittleEndian.PutUint64(d[k:], spaces)
	}
	return b[:n+1+indent]
}

const yamlSpaces = "                                                                "

func appendSpaces(b []byte, n int) []byte {
	for n > len(yamlSpaces) {
		b = append(b, yamlSpaces...)
		n -= len(yamlSpaces)
	}
	return append(b, yamlSpaces[:n]...)
}

// appendYAMLMapping writes the members of o, not empty, as a block
// mapping at indent, its first member opened by open. A member's key and
// its value are written here, plain strings through copyYAMLPlain: in
// the browser each call costs, and a member of a plain key and a plain
// string takes two calls, where it took a dozen.
func appendYAMLMapping(b []byte, o Obj, indent, open int) []byte {
	for i, m := range o {
		if i > 0 || open == openBreak {
			b = appendYAMLIndent(b, indent)
		} else if open == openSpace {
			b = append(b, ' ')
		}
		complexKey := false
		if n, k := len(b), m.Key; len(k) <= 128 && cap(b)-n > len(k) && copyYAMLPlain(b[n:n+len(k)], k) {
			b = append(b[:n+len(k)], ':')
		} else {
			b, complexKey = appendYAMLKey(b, k, indent)
		}
		switch v := m.Val.(type) {
		case string:
			b = append(b, ' ')
			if n := len(b); cap(b)-n >= len(v) && copyYAMLPlain(b[n:n+len(v)], v) {
				b = b[:n+len(v)]
			} else {
				b = appendYAMLString(b, v, indent+2)
			}
		case Obj:
			if len(v) == 0 {
				b = append(b, ' ', '{', '}')
			} else if complexKey {
				b = appendYAMLMapping(b, v, indent+2, openSpace)
			} else {
				b = appendYAMLMapping(b, v, indent+2, openBreak)
			}
		case Arr:
			if len(v) == 0 {
				b = append(b, ' ', '[', ']')
			} else if complexKey {
				b = appendYAMLSequence(b, v, indent+2, openSpace)
			} else {
				b = appendYAMLSequence(b, v, indent+2, openBreak)
			}
		case Number:
			b = append(b, ' ')
			b = appendYAMLNumber(b, v)
		case bool:
			if v {
				b = append(b, ' ', 't', 'r', 'u', 'e')
			} else {
				b = append(b, ' ', 'f', 'a', 'l', 's', 'e')
			}
		default:
			panic(fmt.Sprintf("engine: cannot encode a %T", v))
		}
	}
	return b
}

// appendYAMLSequence writes the elements of a, not empty, as a block
// sequence whose dashes are at indent, its first element opened by open.
// An element that is a collection starts on its dash's line.
func appendYAMLSequence(b []byte, a Arr, indent, open int) []byte {
	for i, e := range a {
		if i > 0 || open == openBreak {
			b = appendYAMLIndent(b, indent)
			b = append(b, '-')
		} else if open == openSpace {
			b = append(b, ' ', '-')
		} else {
			b = append(b, '-')
		}
		switch v := e.(type) {
		case string:
			b = append(b, ' ')
			if n := len(b); cap(b)-n >= len(v) && copyYAMLPlain(b[n:n+len(v)], v) {
				b = b[:n+len(v)]
			} else {
				b = appendYAMLString(b, v, indent+2)
			}
		case Obj:
			if len(v) == 0 {
				b = append(b, ' ', '{', '}')
			} else {
				b = appendYAMLMapping(b, v, indent+2, openSpace)
			}
		case Arr:
			if len(v) == 0 {
				b = append(b, ' ', '[', ']')
			} else {
				b = appendYAMLSequence(b, v, indent+2, openSpace)
			}
		default:
			b = append(b, ' ')
			b = appendYAMLScalar(b, v, indent+2)
		}
	}
	return b
}

// appendYAMLKey writes a mapping key of a block mapping at indent, and
// the colon: a simple key (one line, at most 128 bytes) as "key:", any
// other as "? key" and ":" on a line of its own; it reports which. The
// value of a complex key starts on the colon's line.
func appendYAMLKey(b []byte, k string, indent int) ([]byte, bool) {
	if len(k) <= 128 && plainSafe(k) {
		return append(append(b, k...), ':'), false
	}
	k = validUTF8(k)
	if len(k) <= 128 && !hasYAMLBreak(k) {
		b = appendYAMLStr(b, k, true, indent+2)
		return append(b, ':'), false
	}
	b = append(b, '?', ' ')
	b = appendYAMLStr(b, k, false, indent+2)
	b = appendYAMLIndent(b, indent)
	return append(b, ':'), true
}

// appendYAMLScalar writes a string, number or boolean whose lines (a
// literal block's) are at indent.
func appendYAMLScalar(b []byte, v any, indent int) []byte {
	switch v := v.(type) {
	case string:
		return appendYAMLString(b, v, indent)
	case Number:
		return appendYAMLNumber(b, v)
	case bool:
		if v {
			return append(b, 't', 'r', 'u', 'e')
		}
		return append(b, 'f', 'a', 'l', 's', 'e')
	}
	panic(fmt.Sprintf("engine: cannot encode a %T", v))
}

// appendYAMLNumber writes a number plain.
//
// Departs: yaml.v3 tagged a number that it reads as another type
// (!!int 123456789012345678901234, which it reads as a float; !!float
// 1e400, beyond float64), and then refused to read the tag back. Plain,
// the first reads as the float that JSON readers make of it.
func appendYAMLNumber(b []byte, v Number) []byte {
	if n := len(b); cap(b)-n >= len(v) && copyPlain(b[n:n+len(v)], string(v)) {
		return b[:n+len(v)]
	}
	return append(b, v...)
}

// appendYAMLString writes a string value.
func appendYAMLString(b []byte, s string, indent int) []byte {
	if plainSafe(s) {
		return append(b, s...)
	}
	return appendYAMLStr(b, validUTF8(s), false, indent)
}

// validUTF8 replaces each byte of s that is not UTF-8 with U+FFFD, as the
// JSON writer does. (Departs: yaml.v3's writer replaced each run of them
// with one. The bundle's JSON decoder leaves none, so exports hold none.)
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
}

// The scalar styles.
const (
	stylePlain = iota
	styleSingle
	styleDouble
	styleLiteral
)

// appendYAMLStr writes a string scalar in the style yaml.v3 picks for a
// !!str node (single-quoted when needsQuotes says so), with the
// departures below.
func appendYAMLStr(b []byte, s string, simpleKey bool, indent int) []byte {
	switch yamlStyle(s, simpleKey) {
	case stylePlain:
		return append(b, s...)
	case styleSingle:
		return appendYAMLSingle(b, s)
	case styleDouble:
		return appendYAMLDouble(b, s)
	}
	return appendYAMLLiteral(b, s, indent)
}

// yamlStyle is yamlStyleGeneral's verdict, found without analyzing s
// for the strings of one line of printable ASCII that start and end with
// no space, most of those that are not plainSafe (”, '#/definitions/x',
// '{"a":1}', '-1'): to the analysis such a string has no special
// character, white space only inside, and block indicators (which
// asciiIndicators finds) or none.
func yamlStyle(s string, simpleKey bool) int {
	if plainSafe(s) {
		return stylePlain
	}
	if s == "" {
		return styleSingle
	}
	if !asciiLine(s) || s[0] == ' ' || s[len(s)-1] == ' ' {
		return yamlStyleGeneral(s, simpleKey)
	}
	switch {
	case needsQuotes(s):
		return styleSingle
	case resolvesNonString(s):
		return styleDouble
	case asciiIndicators(s) || yaml11Unsafe(s):
		return styleSingle
	}
	return stylePlain
}

// asciiLine reports whether s is printable ASCII, tabs left out.
func asciiLine(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		if ((w-' '*ones)&^w|(w+ones)|w)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// asciiIndicators is analyzeScalar's block indicators for s of asciiLine:
// a document marker, an indicator first, ": " or a final ':', " #".
func asciiIndicators(s string) bool {
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		return true
	}
	switch s[0] {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	case '?', ':', '-':
		if len(s) == 1 || s[1] == ' ' {
			return true
		}
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case ':':
			if i+1 == len(s) || s[i+1] == ' ' {
				return true
			}
		case '#':
			if s[i-1] == ' ' {
				return true
			}
		}
	}
	return false
}

// yamlStyleGeneral is the style of s: yaml.v3's choice, made by
// yaml_emitter_select_scalar_style from the node's style and
// yaml_emitter_analyze_scalar's verdict, then the departures.
func yamlStyleGeneral(s string, simpleKey bool) int {
	if plainSafe(s) {
		return stylePlain
	}
	style := stylePlain
	switch {
	case needsQuotes(s):
		style = styleSingle
	case strings.Contains(s, "\n"):
		style = styleLiteral
	case resolvesNonString(s):
		style = styleDouble
	}
	a := analyzeScalar(s)
	if simpleKey && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if !a.blockPlain || (s == "" && simpleKey) {
			style = styleSingle
		} else if yaml11Unsafe(s) {
			// Departs: a plain scalar that a YAML 1.1 reader takes for
			// another type is quoted.
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleQuoted {
		style = styleDouble
	}
	if style == styleLiteral && (!a.block || simpleKey) {
		style = styleDouble
	}
	if style == styleLiteral && s[0] == '\t' {
		// Departs: a literal block whose first line starts with a tab
		// has no indentation indicator, and yaml.v3 cannot read it back
		// ("found a tab character where an indentation space is
		// expected").
		style = styleDouble
	}
	if (style == styleSingle || style == styleLiteral) && a.separator {
		// Departs: yaml.v3 writes U+2028 and U+2029 as they are in a
		// single-quoted or literal scalar, with the next line's
		// indentation after them, as YAML 1.1 line breaks; YAML 1.2
		// readers take them for ordinary characters, and the
		// indentation as content. Escaped (\L, \P), every reader agrees.
		// (CR and NEL are not printable to libyaml: always escaped.)
		style = styleDouble
	}
	return style
}

// plainInner marks the bytes that never stop a scalar from being plain
// after its first byte: printable ASCII but ':' and '#' (which count next
// to a space) and nothing that needs escaping. plainFirst marks those that
// may also start it: not an indicator, a space or a byte with which a
// number, a YAML 1.1 word, the merge key << or the value key = starts.
var plainInner, plainFirst = func() (inner, first [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		inner[c] = c != ':' && c != '#'
		first[c] = inner[c] && !strings.ContainsRune(" ,[]{}&*!|>'\"%@`?-+.0123456789<=~", rune(c))
	}
	return inner, first
}()

// plainSafe is a fast path: s is written plain, as yaml.v3 wrote it and
// with every rule below agreeing, when it is printable ASCII of
// plainInner, starts with a byte of plainFirst, does not end in a space
// and is not a YAML 1.1 word.
func plainSafe(s string) bool {
	if s == "" || !plainFirst[s[0]] || s[len(s)-1] == ' ' {
		return false
	}
	i := 1
	for i+8 <= len(s) && plainInnerWord(load64(s, i)) {
		i += 8
	}
	for ; i < len(s); i++ {
		if !plainInner[s[i]] {
			return false
		}
	}
	return !isYAML11Word(s)
}

// copyYAMLPlain copies s to d, len(d) == len(s), and reports whether s
// is plainSafe, as copyPlain does for JSON: checked and copied a word at
// a time, the last word overlapping the one before.
func copyYAMLPlain(d []byte, s string) bool {
	if len(s) == 0 || !plainFirst[s[0]] || s[len(s)-1] == ' ' {
		return false
	}
	if len(s) < 8 {
		for i := 1; i < len(s) && i < len(d); i++ {
			c := s[i]
			if !plainInner[c] {
				return false
			}
			d[i] = c
		}
		if len(d) > 0 {
			d[0] = s[0]
		}
		return len(s) > 5 || !yaml11Initial[s[0]] || !isYAML11Word(s)
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i)
		if !plainInnerWord(w) {
			return false
		}
		binary.LittleEndian.PutUint64(d[i:i+8], w)
	}
	if i < len(s) {
		i = len(s) - 8
		w := load64(s, i)
		if !plainInnerWord(w) {
			return false
		}
		binary.LittleEndian.PutUint64(d[i:i+8], w)
	}
	return true
}

// yaml11Initial marks the first bytes of the YAML 1.1 words that
// plainFirst lets through.
var yaml11Initial = func() (t [256]bool) {
	for _, c := range "yYnNoOtTfF" {
		t[c] = true
	}
	return t
}()

// plainInnerWord reports whether each of the eight bytes of w is
// plainInner, eight at a time, as plainWord does for JSON: a byte's high
// bit is set in (w - 0x20…) &^ w when it is a control character, in
// w + 0x01… when it is DEL, in w when it is not ASCII, and in
// (v - 0x01…) &^ v when it is ':' or '#' (v = w ^ ':…' or '#…').
func plainInnerWord(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	colon, hash := w^(':'*ones), w^('#'*ones)
	control := (w - ' '*ones) &^ w
	return (control|(colon-ones)&^colon|(hash-ones)&^hash|(w+ones)|w)&highs == 0
}

// isYAML11Word reports whether s is, in any case, a plain scalar that YAML
// 1.1 readers take for a boolean or null (y, yes, n, no, on, off, true,
// false, null, ~), though YAML 1.2 (and yaml.v3) read it as a string.
func isYAML11Word(s string) bool {
	if len(s) > 5 || len(s) == 0 {
		return false
	}
	switch s[0] | 0x20 {
	case 'y', 'n', 'o', 't', 'f':
	default:
		return s == "~"
	}
	for _, w := range [...]string{"y", "yes", "n", "no", "on", "off", "true", "false", "null"} {
		if len(w) == len(s) && strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// needsQuotes reports whether s must be quoted for every YAML reader to read
// it back as the same string: yaml.v3 quotes what YAML 1.2 would misread;
// this adds YAML 1.1's booleans and anything that starts like a number
// (1.1 also knows sexagesimal 1:30, 0b101, 1_000 and dates).
func needsQuotes(s string) bool {
	if s == "" || isYAML11Word(s) {
		return true
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '-' || c == '+' || c == '.':
		return !strings.ContainsAny(s, " \n")
	}
	return false
}

// yaml11Timestamp is YAML 1.1's timestamp (yaml.org/type/timestamp), the
// one type of 1.1 whose plain form may hold a space.
var yaml11Timestamp = regexp.MustCompile(`^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*Z|[ \t]*[-+][0-9][0-9]?(?::[0-9][0-9])?)?$`)

// yaml11Unsafe reports whether a YAML 1.1 reader takes plain s for
// something else than a string, where yaml.v3 writes it plain: the value
// key "=" and timestamps with a space that Go's time.Parse does not read.
func yaml11Unsafe(s string) bool {
	if s == "=" {
		return true
	}
	return len(s) > 10 && s[4] == '-' && yaml11Timestamp.MatchString(s)
}

// resolvesNonString is yaml.v3's resolve("", s) != "!!str" for the
// strings that needsQuotes lets through and that hold no newline: the
// merge key and the timestamps that time.Parse reads with a space.
func resolvesNonString(s string) bool {
	switch s {
	case "<<", "True", "TRUE", "False", "FALSE", "Null", "NULL", ".nan", ".NaN", ".NAN",
		".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return true
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
		return parseYAMLTimestamp(s)
	}
	return false
}

// parseYAMLTimestamp is yaml.v3's parseTimestamp: YYYY- and one of its
// layouts. (An int or float cannot hold the space that brought s here.)
func parseYAMLTimestamp(s string) bool {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			break
		}
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// scalarAnalysis is what yaml_emitter_analyze_scalar finds, for the block
// context (flow collections hold nothing here).
type scalarAnalysis struct {
	multiline    bool // a line break: CR, LF, NEL, LS or PS
	blockPlain   bool // may be plain
	singleQuoted bool // may be single-quoted
	block        bool // may be a literal block
	separator    bool // U+2028 or U+2029
}

// isYAMLBreak reports whether s[i:] starts with a line break, and its
// width.
func yamlBreakAt(s string, i int) int {
	switch c := s[i]; {
	case c == '\r' || c == '\n':
		return 1
	case c == 0xC2 && s[i+1] == 0x85:
		return 2
	case c == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
		return 3
	}
	return 0
}

func hasYAMLBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r', '\n', 0xC2, 0xE2:
			if yamlBreakAt(s, i) > 0 {
				return true
			}
		}
	}
	return false
}

// yamlPrintable is libyaml's is_printable at s[i] (s valid UTF-8): it
// leaves out the control characters but LF, DEL, the C1 controls, the
// BOM, U+FFFE, U+FFFF and everything beyond the Basic Multilingual Plane.
func yamlPrintable(s string, i int) bool {
	c := s[i]
	switch {
	case c == 0x0A, c >= 0x20 && c <= 0x7E:
		return true
	case c == 0xC2:
		return s[i+1] >= 0xA0
	case c > 0xC2 && c < 0xED:
		return true
	case c == 0xED:
		return s[i+1] < 0xA0
	case c == 0xEE:
		return true
	case c == 0xEF:
		return !(s[i+1] == 0xBB && s[i+2] == 0xBF) && !(s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF))
	}
	return false
}

func utf8Width(c byte) int {
	switch {
	case c < 0x80:
		return 1
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	}
	return 4
}

func isBlankOrEnd(s string, i int) bool {
	return i >= len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == 0 || yamlBreakAt(s, i) > 0
}

// analyzeScalar is yaml_emitter_analyze_scalar.
func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{blockPlain: true, singleQuoted: true}
	}
	var blockIndicators, lineBreaks, special, tabs, leadingSpace, leadingBreak,
		trailingSpace, trailingBreak, breakSpace, spaceBreak, previousSpace, previousBreak, separator bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockIndicators = true
	}
	precededByWhitespace := true
	for i, w := 0, 0; i < len(s); i += w {
		c := s[i]
		w = utf8Width(c)
		followedByWhitespace := i+w >= len(s) || s[i+w] == ' ' || s[i+w] == '\t'
		if i == 0 {
			switch c {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				blockIndicators = true
			case '?', ':', '-':
				if followedByWhitespace {
					blockIndicators = true
				}
			}
		} else {
			switch c {
			case ':':
				if followedByWhitespace {
					blockIndicators = true
				}
			case '#':
				if precededByWhitespace {
					blockIndicators = true
				}
			}
		}
		if c == '\t' {
			tabs = true
		} else if !yamlPrintable(s, i) {
			special = true
		}
		if c == ' ' {
			if i == 0 {
				leadingSpace = true
			}
			if i+1 == len(s) {
				trailingSpace = true
			}
			if previousBreak {
				breakSpace = true
			}
			previousSpace, previousBreak = true, false
		} else if yamlBreakAt(s, i) > 0 {
			lineBreaks = true
			if c == 0xE2 {
				separator = true
			}
			if i == 0 {
				leadingBreak = true
			}
			if i+w == len(s) {
				trailingBreak = true
			}
			if previousSpace {
				spaceBreak = true
			}
			previousSpace, previousBreak = false, true
		} else {
			previousSpace, previousBreak = false, false
		}
		precededByWhitespace = isBlankOrEnd(s, i)
	}
	a := scalarAnalysis{multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true, separator: separator}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.blockPlain = false
	}
	if trailingSpace {
		a.block = false
	}
	if breakSpace {
		a.blockPlain, a.singleQuoted = false, false
	}
	if spaceBreak || tabs || special {
		a.blockPlain, a.singleQuoted = false, false
	}
	if spaceBreak || special {
		a.block = false
	}
	if lineBreaks || blockIndicators {
		a.blockPlain = false
	}
	return a
}

// appendYAMLSingle writes a single-quoted scalar; it holds no line break
// (see yamlStyle).
func appendYAMLSingle(b []byte, s string) []byte {
	b = append(b, '\'')
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '\'')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '\'')
}

const upperHex = "0123456789ABCDEF"

// appendYAMLDouble is yaml_emitter_write_double_quoted_scalar, without
// folding.
func appendYAMLDouble(b []byte, s string) []byte {
	b = append(b, '"')
	// libyaml escapes every character of a scalar that starts with a BOM.
	bom := strings.HasPrefix(s, "\uFEFF")
	for i := 0; i < len(s); {
		c := s[i]
		if !bom && c != '"' && c != '\\' && yamlPrintable(s, i) && yamlBreakAt(s, i) == 0 {
			w := utf8Width(c)
			b = append(b, s[i:i+w]...)
			i += w
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		b = append(b, '\\')
		switch r {
		case 0x00:
			b = append(b, '0')
		case 0x07:
			b = append(b, 'a')
		case 0x08:
			b = append(b, 'b')
		case 0x09:
			b = append(b, 't')
		case 0x0A:
			b = append(b, 'n')
		case 0x0B:
			b = append(b, 'v')
		case 0x0C:
			b = append(b, 'f')
		case 0x0D:
			b = append(b, 'r')
		case 0x1B:
			b = append(b, 'e')
		case '"':
			b = append(b, '"')
		case '\\':
			b = append(b, '\\')
		case 0x85:
			b = append(b, 'N')
		case 0xA0:
			b = append(b, '_')
		case 0x2028:
			b = append(b, 'L')
		case 0x2029:
			b = append(b, 'P')
		default:
			digits := 8
			switch {
			case r <= 0xFF:
				b, digits = append(b, 'x'), 2
			case r <= 0xFFFF:
				b, digits = append(b, 'u'), 4
			default:
				b = append(b, 'U')
			}
			for k := (digits - 1) * 4; k >= 0; k -= 4 {
				b = append(b, upperHex[(r>>uint(k))&0xF])
			}
		}
	}
	return append(b, '"')
}

// appendYAMLLiteral is yaml_emitter_write_literal_scalar, with its
// indentation and chomping indicators; the lines are at indent. A final
// line break is left off, for the opening that follows to write (see
// openBreak): a literal block's line breaks are all LF (yamlStyle
// double-quotes any other).
func appendYAMLLiteral(b []byte, s string, indent int) []byte {
	b = append(b, '|')
	if s[0] == ' ' || yamlBreakAt(s, 0) > 0 {
		b = append(b, '2')
	}
	// The chomping indicator: - without a final line break, + with two
	// (or a lone one), none with one.
	last := len(s) - 1
	for s[last]&0xC0 == 0x80 {
		last--
	}
	switch {
	case yamlBreakAt(s, last) == 0:
		b = append(b, '-')
	case last == 0:
		b = append(b, '+')
	default:
		prev := last - 1
		for s[prev]&0xC0 == 0x80 {
			prev--
		}
		if yamlBreakAt(s, prev) > 0 {
			b = append(b, '+')
		}
	}
	b = append(b, '\n')
	breaks := true
	for i := 0; i < len(s); {
		if w := yamlBreakAt(s, i); w > 0 {
			b = append(b, s[i:i+w]...)
			breaks = true
			i += w
			continue
		}
		if breaks {
			b = appendSpaces(b, indent)
		}
		j := i + 1
		for j < len(s) && yamlBreakAt(s, j) == 0 {
			j++
		}
		b = append(b, s[i:j]...)
		breaks = false
		i = j
	}
	if breaks && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return b
}
