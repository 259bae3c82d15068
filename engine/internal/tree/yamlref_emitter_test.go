package tree

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The YAML writer as it was before it wrote to a byte slice with the
// layout worked out ahead: yaml.v3's emitter state (column, indention,
// whitespace) tracked byte by byte, and every string's style from
// yamlStyleGeneral. The tests hold the writer to its bytes, everywhere.

// refEmitter is the state of yaml.v3's emitter that decides the layout:
// the column (kept only while a line holds indentation and indicators
// alone, which is when it matters), whether the line so far is
// indentation, and whether the last byte was white space.
type refEmitter struct {
	b          []byte
	col        int
	indention  bool
	whitespace bool
}

// refEncodeYAML writes a whole tree (the root an obj) as the streaming writer
// does, for tests and small documents.
func refEncodeYAML(v any) []byte {
	e := &refEmitter{b: newOutput(4096), indention: true, whitespace: true}
	switch v := v.(type) {
	case Obj:
		if len(v) == 0 {
			e.flow("{}")
		} else {
			e.mapping(v, 0)
		}
	case Arr:
		if len(v) == 0 {
			e.flow("[]")
		} else {
			e.sequence(v, 0)
		}
	default:
		e.scalar(v, 0)
	}
	e.writeIndent(0)
	return done(e.b)
}

// writeIndent is yaml_emitter_write_indent: a line break unless the line
// holds only indentation short of indent, then spaces up to indent.
func (e *refEmitter) writeIndent(indent int) {
	if !e.indention || e.col > indent || (e.col == indent && !e.whitespace) {
		e.b = append(e.b, '\n')
		e.col = 0
		e.indention = true
	}
	if n := indent - e.col; n > 0 {
		e.b = appendSpaces(e.b, n)
		e.col = indent
	}
	e.whitespace = true
}

// indicator is yaml_emitter_write_indicator, for ASCII indicators.
func (e *refEmitter) indicator(s string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !e.whitespace {
		e.b = append(e.b, ' ')
		e.col++
	}
	e.b = append(e.b, s...)
	e.col += len(s)
	e.whitespace = isWhitespace
	e.indention = e.indention && isIndention
}

// flow writes an empty collection, {} or [].
func (e *refEmitter) flow(s string) {
	e.indicator(s[:1], true, true, false)
	e.indicator(s[1:], false, false, false)
}

// key writes a mapping key of a block mapping at indent, and the colon:
// a simple key (one line, at most 128 bytes) as "key:", any other as
// "? key" and ":" on a line of its own.
func (e *refEmitter) key(k string, indent int) {
	if len(k) <= 128 && plainSafe(k) {
		e.plain(k)
		e.indicator(":", false, false, false)
		return
	}
	k = validUTF8(k)
	if len(k) <= 128 && !hasYAMLBreak(k) {
		e.str(k, true, indent+2)
		e.indicator(":", false, false, false)
		return
	}
	e.indicator("?", true, false, true)
	e.str(k, false, indent+2)
	e.writeIndent(indent)
	e.indicator(":", true, false, true)
}

// value writes the value of a mapping member whose key is at indent.
func (e *refEmitter) value(v any, indent int) {
	switch v := v.(type) {
	case Obj:
		e.object(v, indent)
	case Arr:
		if len(v) == 0 {
			e.flow("[]")
			return
		}
		e.sequence(v, indent+2)
	default:
		e.scalar(v, indent+2)
	}
}

// object is value for an object, which a Path Item is: not boxed.
func (e *refEmitter) object(o Obj, indent int) {
	if len(o) == 0 {
		e.flow("{}")
		return
	}
	e.mapping(o, indent+2)
}

// item writes a sequence item whose dash is at indent.
func (e *refEmitter) item(v any, indent int) { e.value(v, indent) }

func (e *refEmitter) mapping(o Obj, indent int) {
	for _, m := range o {
		e.writeIndent(indent)
		e.key(m.Key, indent)
		e.value(m.Val, indent)
	}
}

func (e *refEmitter) sequence(a Arr, indent int) {
	for _, v := range a {
		e.writeIndent(indent)
		e.indicator("-", true, false, true)
		e.item(v, indent)
	}
}

func (e *refEmitter) scalar(v any, indent int) {
	switch v := v.(type) {
	case string:
		if plainSafe(v) {
			e.plain(v)
		} else {
			e.str(validUTF8(v), false, indent)
		}
	case Number:
		// Departs: yaml.v3 tagged a number that it reads as another type
		// (!!int 123456789012345678901234, which it reads as a float;
		// !!float 1e400, beyond float64), and then refused to read the
		// tag back. Plain, the first reads as the float that JSON readers
		// make of it.
		e.plain(string(v))
	case bool:
		if v {
			e.plain("true")
		} else {
			e.plain("false")
		}
	default:
		panic(fmt.Sprintf("engine: cannot encode a %T", v))
	}
}

// str writes a string scalar in the style yaml.v3 picks for a !!str node
// (single-quoted when needsQuotes says so), with the departures below.
func (e *refEmitter) str(s string, simpleKey bool, indent int) {
	style := yamlStyleGeneral(s, simpleKey)
	switch style {
	case stylePlain:
		e.plain(s)
	case styleSingle:
		e.single(s)
	case styleDouble:
		e.double(s)
	default:
		e.literal(s, indent)
	}
}

func (e *refEmitter) plain(s string) {
	if !e.whitespace {
		e.b = append(e.b, ' ')
	}
	e.b = append(e.b, s...)
	e.whitespace = false
	e.indention = false
}

// single writes a single-quoted scalar; it holds no line break (see
// yamlStyle).
func (e *refEmitter) single(s string) {
	e.indicator("'", true, false, false)
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		e.b = append(e.b, s[:i+1]...)
		e.b = append(e.b, '\'')
		s = s[i+1:]
	}
	e.b = append(e.b, s...)
	e.b = append(e.b, '\'')
	e.whitespace = false
	e.indention = false
}

// double is yaml_emitter_write_double_quoted_scalar, without folding.
func (e *refEmitter) double(s string) {
	e.indicator(`"`, true, false, false)
	// libyaml escapes every character of a scalar that starts with a BOM.
	bom := strings.HasPrefix(s, "\uFEFF")
	b := e.b
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
	e.b = append(b, '"')
	e.whitespace = false
	e.indention = false
}

// literal is yaml_emitter_write_literal_scalar, with its indentation and
// chomping indicators; the lines are at indent.
func (e *refEmitter) literal(s string, indent int) {
	e.indicator("|", true, false, false)
	if s[0] == ' ' || yamlBreakAt(s, 0) > 0 {
		e.indicator("2", false, false, false)
	}
	// The chomping indicator: - without a final line break, + with two
	// (or a lone one), none with one.
	last := len(s) - 1
	for s[last]&0xC0 == 0x80 {
		last--
	}
	switch {
	case yamlBreakAt(s, last) == 0:
		e.indicator("-", false, false, false)
	case last == 0:
		e.indicator("+", false, false, false)
	default:
		prev := last - 1
		for s[prev]&0xC0 == 0x80 {
			prev--
		}
		if yamlBreakAt(s, prev) > 0 {
			e.indicator("+", false, false, false)
		}
	}
	e.b = append(e.b, '\n')
	e.col = 0
	e.indention = true
	e.whitespace = true
	breaks := true
	for i := 0; i < len(s); {
		if w := yamlBreakAt(s, i); w > 0 {
			e.b = append(e.b, s[i:i+w]...)
			e.col = 0
			e.indention = true
			breaks = true
			i += w
			continue
		}
		if breaks {
			e.writeIndent(indent)
		}
		j := i + 1
		for j < len(s) && yamlBreakAt(s, j) == 0 {
			j++
		}
		e.b = append(e.b, s[i:j]...)
		e.indention = false
		breaks = false
		i = j
	}
}
