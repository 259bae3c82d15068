package engine

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The document is built as a small ordered tree, so that the key order is
// the gateway's (fixed fields first, in go-openapi's order, extensions last
// and sorted) and the bytes are the same on every platform. Values are
// string, bool, number, obj and arr.

// number is a JSON number kept as its literal text.
type number string

// member is one key of an obj.
type member struct {
	key string
	val any
}

// obj is a JSON object whose keys keep their insertion order.
type obj []member

// arr is a JSON array.
type arr []any

// set appends key: val. A nil val is skipped, so optional fields read
// naturally at the call site.
func (o *obj) set(key string, val any) {
	if val == nil {
		return
	}
	*o = append(*o, member{key, val})
}

// get returns the value of key, or nil.
func (o obj) get(key string) any {
	for _, m := range o {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// sorted returns o with its keys in byte order: for objects whose keys are
// names (maps in the gateway's model) or extensions.
func (o obj) sorted() obj {
	slices.SortStableFunc(o, func(a, b member) int { return strings.Compare(a.key, b.key) })
	return o
}

// str returns s, or nil when s is empty, for fields that are left out when
// empty.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func integer[T ~int | ~int64](n T) number { return number(strconv.FormatInt(int64(n), 10)) }

// encodeJSON writes v as JSON indented with one tab, like the gateway's
// files, with no HTML escaping and a final newline. sizeHint is the
// expected size, to allocate once.
func encodeJSON(v any, sizeHint int) []byte {
	var b bytes.Buffer
	b.Grow(max(sizeHint, 4096))
	writeJSON(&b, v, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

// jsonWriter writes a document as encodeJSON does, taking its Path Items
// one by one: newJSONWriter writes the root up to its Paths Object,
// pathItem each member of it, and finish the rest of the root.
type jsonWriter struct {
	b     bytes.Buffer
	items int
}

func newJSONWriter(root obj, sizeHint int) *jsonWriter {
	w := &jsonWriter{}
	w.b.Grow(max(sizeHint, 4096))
	w.b.WriteByte('{')
	for i, m := range root {
		if i > 0 {
			w.b.WriteByte(',')
		}
		newline(&w.b, 1)
		writeString(&w.b, m.key)
		if m.key == "paths" {
			w.b.WriteString(": {")
			break
		}
		w.b.WriteString(": ")
		writeJSON(&w.b, m.val, 1)
	}
	return w
}

func (w *jsonWriter) pathItem(p string, item obj) {
	if w.items > 0 {
		w.b.WriteByte(',')
	}
	w.items++
	newline(&w.b, 2)
	writeString(&w.b, p)
	w.b.WriteString(": ")
	writeJSON(&w.b, item, 2)
}

// finish writes what follows the Paths Object and returns the document.
func (w *jsonWriter) finish(root obj) []byte {
	if w.items > 0 {
		newline(&w.b, 1)
	}
	w.b.WriteByte('}')
	after := slices.IndexFunc(root, func(m member) bool { return m.key == "paths" }) + 1
	for _, m := range root[after:] {
		w.b.WriteByte(',')
		newline(&w.b, 1)
		writeString(&w.b, m.key)
		w.b.WriteString(": ")
		writeJSON(&w.b, m.val, 1)
	}
	newline(&w.b, 0)
	w.b.WriteString("}\n")
	return w.b.Bytes()
}

func writeJSON(b *bytes.Buffer, v any, depth int) {
	switch v := v.(type) {
	case string:
		writeString(b, v)
	case number:
		b.WriteString(string(v))
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case obj:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			writeString(b, m.key)
			b.WriteString(": ")
			writeJSON(b, m.val, depth+1)
		}
		newline(b, depth)
		b.WriteByte('}')
	case arr:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			newline(b, depth+1)
			writeJSON(b, e, depth+1)
		}
		newline(b, depth)
		b.WriteByte(']')
	default:
		panic(fmt.Sprintf("engine: cannot encode %T", v))
	}
}

func newline(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for range depth {
		b.WriteByte('\t')
	}
}

const hexDigits = "0123456789abcdef"

// writeString quotes s as encoding/json does with HTML escaping off:
// control characters, U+2028 and U+2029 are escaped and invalid UTF-8
// becomes U+FFFD.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// encodeYAML writes v as YAML with two-space indentation, keeping the key
// order of the JSON form.
func encodeYAML(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(v)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func yamlNode(v any) *yaml.Node {
	switch v := v.(type) {
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		if needsQuotes(v) {
			n.Style = yaml.SingleQuotedStyle
		}
		if !utf8.ValidString(v) {
			n.Value = strings.ToValidUTF8(v, "\uFFFD")
		}
		return n
	case number:
		tag := "!!int"
		if strings.ContainsAny(string(v), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v)}
	case bool:
		s := "false"
		if v {
			s = "true"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: s}
	case obj:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(v) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, m := range v {
			n.Content = append(n.Content, yamlNode(m.key), yamlNode(m.val))
		}
		return n
	case arr:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(v) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, e := range v {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	}
	panic(fmt.Sprintf("engine: cannot encode %T", v))
}

// yaml11Words are plain scalars that YAML 1.1 readers take for booleans or
// null, though YAML 1.2 (and yaml.v3) read them as strings.
var yaml11Words = map[string]bool{
	"y": true, "yes": true, "n": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true,
}

// needsQuotes reports whether s must be quoted for every YAML reader to read
// it back as the same string: yaml.v3 quotes what YAML 1.2 would misread;
// this adds YAML 1.1's booleans and anything that starts like a number
// (1.1 also knows sexagesimal 1:30, 0b101, 1_000 and dates).
func needsQuotes(s string) bool {
	if s == "" || yaml11Words[strings.ToLower(s)] {
		return true
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '-' || c == '+' || c == '.':
		return !strings.ContainsAny(s, " \n")
	}
	return false
}
