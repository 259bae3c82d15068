package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Error is a problem in a bundle file: which file, where in it (a JSON path
// such as apis[3].req_params[1].type) and what was expected.
type Error struct {
	File string
	Path string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is a list of bundle errors in the order they were found. As an
// error it reports the first one and how many more there are.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// maxErrors bounds how many errors one load reports.
const maxErrors = 20

// decoder turns a generic JSON tree into typed values, tracking the JSON path
// so that every error says where it is.
type decoder struct {
	file   string
	strict bool
	errs   ErrorList
}

func (d *decoder) fail(path, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, &Error{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)})
	}
}

// object is a decoded JSON object that keeps its key order.
type object struct {
	keys []string
	vals map[string]any
}

// parseJSON reads one JSON value into a tree of *object, []any, string,
// json.Number, bool and nil. Duplicate keys in an object are an error: the
// gateway never sends them, and taking either would be a guess.
func parseJSON(data []byte) (any, error) {
	if json.Valid(data) {
		// The common case, several times faster than the token reader,
		// which is left for the errors it describes so well.
		p := &validParser{data: data}
		return p.value("")
	}
	return parseTokens(data)
}

// parseTokens is parseJSON with encoding/json's token reader.
func parseTokens(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec, "")
	if err != nil {
		if se, ok := err.(*syntaxError); ok {
			return nil, &Error{Path: se.path, Msg: fmt.Sprintf("invalid JSON at %s: %s", position(data, se.offset), se.msg)}
		}
		return nil, err
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, &Error{Msg: fmt.Sprintf("invalid JSON at %s: unexpected data after the top-level value", position(data, end))}
	}
	return v, nil
}

// syntaxError is a JSON syntax error at a byte offset, which parseJSON
// turns into a line and column.
type syntaxError struct {
	offset int64
	path   string
	msg    string
}

func (e *syntaxError) Error() string { return e.msg }

// position gives the byte offset off of data as "line L, column C", both
// from 1, the column in characters, at the first non-space byte from off.
func position(data []byte, off int64) string {
	i := int(min(max(off, 0), int64(len(data))))
	for i < len(data) && strings.IndexByte(" \t\r\n", data[i]) >= 0 {
		i++
	}
	line := 1 + bytes.Count(data[:i], []byte("\n"))
	col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i])
	return fmt.Sprintf("line %d, column %d", line, col)
}

func parseValue(dec *json.Decoder, path string) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonSyntaxError(err, dec, path)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := &object{vals: map[string]any{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, jsonSyntaxError(err, dec, path)
				}
				k := kt.(string)
				kp := joinKey(path, k)
				if _, dup := o.vals[k]; dup {
					return nil, &Error{Path: kp, Msg: fmt.Sprintf("duplicate key %q", k)}
				}
				v, err := parseValue(dec, kp)
				if err != nil {
					return nil, err
				}
				o.keys = append(o.keys, k)
				o.vals[k] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonSyntaxError(err, dec, path)
			}
			return o, nil
		case '[':
			var a []any
			for i := 0; dec.More(); i++ {
				v, err := parseValue(dec, fmt.Sprintf("%s[%d]", path, i))
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, jsonSyntaxError(err, dec, path)
			}
			if a == nil {
				a = []any{}
			}
			return a, nil
		}
	}
	return tok, nil
}

// validParser reads JSON that json.Valid accepted into the same tree as
// parseValue, with the same duplicate-key errors.
type validParser struct {
	data []byte
	i    int
}

func (p *validParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *validParser) value(path string) (any, error) {
	p.space()
	switch c := p.data[p.i]; {
	case c == '{':
		p.i++
		o := &object{vals: map[string]any{}}
		for {
			p.space()
			if p.data[p.i] == '}' {
				p.i++
				return o, nil
			}
			if p.data[p.i] == ',' {
				p.i++
				p.space()
			}
			k := p.str()
			kp := joinKey(path, k)
			if _, dup := o.vals[k]; dup {
				return nil, &Error{Path: kp, Msg: fmt.Sprintf("duplicate key %q", k)}
			}
			p.space()
			p.i++ // the colon
			v, err := p.value(kp)
			if err != nil {
				return nil, err
			}
			o.keys = append(o.keys, k)
			o.vals[k] = v
			p.space()
		}
	case c == '[':
		p.i++
		a := []any{}
		for n := 0; ; n++ {
			p.space()
			if p.data[p.i] == ']' {
				p.i++
				return a, nil
			}
			if p.data[p.i] == ',' {
				p.i++
			}
			v, err := p.value(fmt.Sprintf("%s[%d]", path, n))
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case c == '"':
		return p.str(), nil
	case c == 't':
		p.i += 4
		return true, nil
	case c == 'f':
		p.i += 5
		return false, nil
	case c == 'n':
		p.i += 4
		return nil, nil
	}
	start := p.i
	for p.i < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.i]) >= 0 {
		p.i++
	}
	return json.Number(p.data[start:p.i]), nil
}

// str reads a string at p.i, unescaping it as encoding/json does.
func (p *validParser) str() string {
	start := p.i
	p.i++
	simple := true
	for ; p.data[p.i] != '"'; p.i++ {
		switch c := p.data[p.i]; {
		case c == '\\':
			simple = false
			p.i++
		case c >= utf8.RuneSelf:
			simple = false
		}
	}
	p.i++
	raw := p.data[start:p.i]
	if simple {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		panic("model: json.Valid accepted a string json.Unmarshal refuses: " + err.Error())
	}
	return s
}

func jsonSyntaxError(err error, dec *json.Decoder, path string) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return &syntaxError{offset: dec.InputOffset(), path: path, msg: strings.TrimPrefix(err.Error(), "json: ")}
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// field is one JSON key of a struct type.
type field struct {
	index []int
	name  string
}

var fieldCache sync.Map // reflect.Type -> map[string]field

// fieldsOf lists the JSON keys of a struct type, flattening embedded
// structs the way encoding/json does.
func fieldsOf(t reflect.Type) map[string]field {
	if f, ok := fieldCache.Load(t); ok {
		return f.(map[string]field)
	}
	m := map[string]field{}
	for _, sf := range reflect.VisibleFields(t) {
		if !sf.IsExported() || sf.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || name == "" {
			continue
		}
		m[name] = field{index: sf.Index, name: name}
	}
	fieldCache.Store(t, m)
	return m
}

func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case *object:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return fmt.Sprintf("%T", v)
}

// decode stores v into rv, reporting mismatches at path. A JSON null leaves
// the zero value, as the gateway returns null for unset fields.
func (d *decoder) decode(v any, rv reflect.Value, path string) {
	if v == nil {
		rv.SetZero()
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		d.decode(v, rv.Elem(), path)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.fail(path, "expected a string, got %s", kindName(v))
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.fail(path, "expected a boolean, got %s", kindName(v))
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			d.fail(path, "expected an integer, got %s", kindName(v))
			return
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || rv.OverflowInt(i) {
			d.fail(path, "expected an integer, got %s", n)
			return
		}
		rv.SetInt(i)
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			d.fail(path, "expected an array, got %s", kindName(v))
			return
		}
		s := reflect.MakeSlice(rv.Type(), len(a), len(a))
		for i, e := range a {
			d.decode(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		rv.Set(s)
	case reflect.Map:
		o, ok := v.(*object)
		if !ok {
			d.fail(path, "expected an object, got %s", kindName(v))
			return
		}
		m := reflect.MakeMapWithSize(rv.Type(), len(o.keys))
		for _, k := range o.keys {
			e := reflect.New(rv.Type().Elem()).Elem()
			d.decode(o.vals[k], e, joinKey(path, k))
			m.SetMapIndex(reflect.ValueOf(k), e)
		}
		rv.Set(m)
	case reflect.Struct:
		o, ok := v.(*object)
		if !ok {
			d.fail(path, "expected an object, got %s", kindName(v))
			return
		}
		fields := fieldsOf(rv.Type())
		for _, k := range o.keys {
			f, ok := fields[k]
			if !ok {
				if d.strict && !ignored()[rv.Type().Name()][k] {
					d.fail(joinKey(path, k), "unknown field (strict mode)")
				}
				continue
			}
			d.decode(o.vals[k], rv.FieldByIndex(f.index), joinKey(path, k))
		}
	default:
		panic(fmt.Sprintf("model: cannot decode into %s", rv.Type()))
	}
}

// ignored is, by type name and JSON key, the fields the catalogue says
// the reference documents and the model leaves out.
var ignored = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for i := range Catalogue {
		o := &Catalogue[i]
		keys := map[string]bool{}
		for _, k := range o.Ignored {
			keys[k] = true
		}
		out[o.Name] = keys
	}
	return out
})

// listKeys are the top-level keys of a bundle that hold lists, by JSON key,
// and listKeyOrder the same keys in the order Bundle declares them.
var (
	listKeys     = fieldsOf(reflect.TypeFor[Bundle]())
	listKeyOrder = func() []string {
		var keys []string
		for _, f := range reflect.VisibleFields(reflect.TypeFor[Bundle]()) {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			keys = append(keys, name)
		}
		return keys
	}()
)

// metaKeys are list-response metadata, accepted and ignored at the top level.
var metaKeys = map[string]bool{"total": true, "size": true, "count": true}

// Decode reads one bundle file without merging or checking it. name is used
// in errors. With strict set, unknown fields inside objects are errors; an
// unknown top-level key always is.
func Decode(name string, data []byte, strict bool) (*Bundle, error) {
	b, _, err := decodeFile(name, data, strict)
	return b, err
}

// decodeFile is [Decode] that also says whether the file gave its one group
// under the "group" key.
func decodeFile(name string, data []byte, strict bool) (*Bundle, bool, error) {
	tree, err := parseJSON(data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
		}
		return nil, false, err
	}
	root, ok := tree.(*object)
	if !ok {
		return nil, false, &Error{File: name, Msg: fmt.Sprintf("expected a JSON object (a bundle), got %s", kindName(tree))}
	}
	d := &decoder{file: name, strict: strict}
	b := &Bundle{}
	rb := reflect.ValueOf(b).Elem()
	for _, k := range root.keys {
		v := root.vals[k]
		switch {
		case metaKeys[k]:
		case k == "group":
			var g Group
			d.decode(v, reflect.ValueOf(&g).Elem(), "group")
			if v != nil {
				b.Groups = append(b.Groups, g)
			}
		case listKeys[k].name != "":
			d.decode(v, rb.FieldByIndex(listKeys[k].index), k)
		default:
			d.fail(k, "unknown top-level key; expected one of %s", strings.Join(knownTopKeys(), ", "))
		}
	}
	_, single := root.vals["group"]
	if _, ok := root.vals["groups"]; ok && single {
		d.fail("group", `"group" and "groups" cannot both be given`)
	}
	if err := d.errs.Err(); err != nil {
		return nil, false, err
	}
	return b, single, nil
}

func knownTopKeys() []string {
	keys := []string{"group"}
	for k := range listKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
