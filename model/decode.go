package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
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

// object is a decoded JSON object that keeps its key order.
type object struct {
	keys []string
	vals map[string]any
}

// parseTokens reads one JSON value into a tree of *object, []any, string,
// json.Number, bool and nil with encoding/json's token reader. The bundle
// reader calls it for the error of a file that is not valid JSON: a
// duplicate key before the syntax error is that error, else the syntax
// error at its line and column, with the JSON path it was found under.
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

// syntaxError is a JSON syntax error at a byte offset, which parseTokens
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
	b, _, err := readFile(name, data, strict)
	return b, err
}

func knownTopKeys() []string {
	keys := []string{"group"}
	for k := range listKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
