package model

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"
)

// File is one bundle file: its name, used in errors, and its bytes.
type File struct {
	Name string
	Data []byte
}

// LoadOptions tune [Load]. The zero value is the tolerant default.
type LoadOptions struct {
	// Strict rejects fields that neither the model nor the gateway's
	// reference knows (fields it documents and the model leaves out, listed
	// in [Catalogue] as Ignored, are accepted). By default unknown fields
	// are ignored, since the gateway's responses carry many read-only
	// fields.
	Strict bool `json:"strict,omitempty"`
}

// Load decodes the files, merges them into one bundle and checks it.
//
// Lists concatenate. An object given twice (the same ID, or for objects
// without one the same natural key) is kept once when both copies are equal
// and is an error naming both places when they differ. Publications given as
// an API's pipe-joined run_env_id are added to the explicit ones. The checks
// cover the enumerations, numbers and references that the export relies on;
// every error names the file, the JSON path and what was expected.
//
// Each file is read in one pass, straight into the model's types; only a
// file with a problem is read a second time, to say where it is.
//
// On failure the error is an [ErrorList] of at most 20 [*Error]s, in the
// order found; its Error method gives the first and how many more there
// are. Callers that show all of them range over it:
//
//	var list model.ErrorList
//	if errors.As(err, &list) { for _, e := range list { ... } }
func Load(files []File, opts LoadOptions) (*Bundle, error) {
	return load(files, opts, readFile)
}

// load is [Load] with the decoder of one file as a parameter, which the
// differential tests set to the reference decoder.
func load(files []File, opts LoadOptions, decode func(name string, data []byte, strict bool) (*Bundle, bool, error)) (*Bundle, error) {
	m := &merger{}
	var errs ErrorList
	for _, f := range files {
		b, single, err := decode(f.Name, f.Data, opts.Strict)
		if err != nil {
			if l, ok := err.(ErrorList); ok {
				errs = append(errs, l...)
			} else if e, ok := err.(*Error); ok {
				errs = append(errs, e)
			} else {
				errs = append(errs, &Error{File: f.Name, Msg: err.Error()})
			}
			continue
		}
		m.add(f.Name, b, single)
	}
	errs = append(errs, m.errs...)
	if len(errs) > 0 {
		return nil, trim(errs)
	}
	c := newChecker(m)
	c.check()
	if len(c.errs) > 0 {
		return nil, trim(c.errs)
	}
	return &m.b, nil
}

func trim(l ErrorList) ErrorList {
	if len(l) > maxErrors {
		return l[:maxErrors]
	}
	return l
}

// loc is where a merged object came from: the file, the list and the
// index in the file's list, or the file's single "group". Its path is made
// only for an error.
type loc struct {
	file   string
	key    string
	i      int
	single bool
}

// path is the JSON path of the object in its file, e.g. apis[3].
func (l loc) path() string {
	if l.single {
		return "group"
	}
	return l.key + "[" + strconv.Itoa(l.i) + "]"
}

func (l loc) at(sub string) (string, string) {
	path := l.path()
	if sub == "" {
		return l.file, path
	}
	if strings.HasPrefix(sub, "[") {
		return l.file, path + sub
	}
	return l.file, path + "." + sub
}

// merger concatenates bundles, remembering where each object came from.
type merger struct {
	b    Bundle
	locs map[string][]loc // list key -> locations aligned with the list
	// seen is, by list key, the index in the merged list of each
	// identity: the fields that identify an object in its list, joined
	// with NULs. A map per list, sized from it, hashes one string per
	// object and grows less, which costs in the browser.
	seen map[string]map[string]int
	errs ErrorList
	// idents is the chunk that identityOf writes identities into.
	idents []byte
}

// identities name, by list, the fields that give an object's identity
// for duplicate detection.
var identities = map[string][]string{
	"groups":            {"ID"},
	"apis":              {"ID"},
	"envs":              {"ID"},
	"variables":         {"GroupID", "EnvID", "VariableName"},
	"vpc_channels":      {"ID"},
	"throttles":         {"ID"},
	"throttle_specials": {"ThrottleID", "ObjectType", "ObjectID"},
	"acls":              {"ID"},
	"authorizers":       {"ID"},
	"responses":         {"ID"},
	"plugins":           {"PluginID"},
	"orchestrations":    {"OrchestrationID"},
	"publications":      {"APIID", "EnvID"},
	"throttle_bindings": {"APIID", "EnvID", "ThrottleID"},
	"acl_bindings":      {"APIID", "EnvID", "ACLID"},
	"plugin_bindings":   {"APIID", "EnvID", "PluginID"},
}

// identityFields are the indexes of the identities' fields, by list.
var identityFields = func() map[string][][]int {
	out := map[string][][]int{}
	bt := reflect.TypeFor[Bundle]()
	for key, names := range identities {
		et := bt.FieldByIndex(listKeys[key].index).Type.Elem()
		for _, n := range names {
			f, ok := et.FieldByName(n)
			if !ok {
				panic("model: no field " + n + " in " + et.Name())
			}
			out[key] = append(out[key], f.Index)
		}
	}
	return out
}()

// identityOf is the identity of v, an object of a list whose identity
// fields are fields: their values joined with NULs. A joined identity is
// written into m.idents, a chunk that the next ones share, rather than
// allocated: most of a bundle's objects (its publications and bindings)
// have one.
func (m *merger) identityOf(fields [][]int, v reflect.Value) string {
	if len(fields) == 1 {
		return v.FieldByIndex(fields[0]).String()
	}
	var buf [4]string
	parts := buf[:0]
	n := len(fields) - 1
	for _, f := range fields {
		p := v.FieldByIndex(f).String()
		parts = append(parts, p)
		n += len(p)
	}
	if cap(m.idents)-len(m.idents) < n {
		// Chunks double up to identsChunk: a small bundle keeps little.
		m.idents = make([]byte, 0, max(n, min(2*cap(m.idents), identsChunk), 256))
	}
	off := len(m.idents)
	for i, p := range parts {
		if i > 0 {
			m.idents = append(m.idents, 0)
		}
		m.idents = append(m.idents, p...)
	}
	return unsafe.String(&m.idents[off], n)
}

// identsChunk is the largest size of the chunks of identityOf.
const identsChunk = 16 << 10

// add merges b, read from file; single says the file gave its group under
// the "group" key. A list without duplicates is taken as it is (shared
// with b, which the caller drops).
func (m *merger) add(file string, b *Bundle, single bool) {
	if m.locs == nil {
		m.locs = map[string][]loc{}
		m.seen = map[string]map[string]int{}
	}
	src := reflect.ValueOf(b).Elem()
	dst := reflect.ValueOf(&m.b).Elem()
	for _, key := range listKeyOrder {
		f := listKeys[key]
		sl := src.FieldByIndex(f.index)
		n := sl.Len()
		if n == 0 {
			continue
		}
		dl := dst.FieldByIndex(f.index)
		start := dl.Len()
		fields := identityFields[key]
		locs := m.locs[key]
		if locs == nil {
			locs = make([]loc, 0, n)
		}
		seen := m.seen[key]
		if seen == nil {
			seen = make(map[string]int, n)
			m.seen[key] = seen
		}
		// keep lists the indexes of sl kept, once one is dropped.
		var keep []int
		dropped := false
		kept := 0
		for i := range n {
			item := sl.Index(i)
			here := loc{file: file, key: key, i: i, single: key == "groups" && single}
			ident := m.identityOf(fields, item)
			if strings.Trim(ident, "\x00") != "" {
				if j, dup := seen[ident]; dup {
					var first reflect.Value
					switch {
					case j < start:
						first = dl.Index(j)
					case dropped:
						first = sl.Index(keep[j-start])
					default:
						first = sl.Index(j - start)
					}
					if !reflect.DeepEqual(first.Interface(), item.Interface()) {
						at := locs[j]
						m.errs = append(m.errs, &Error{File: file, Path: here.path(),
							Msg: fmt.Sprintf("%s is also defined in %s at %s with different content", describe(key, ident), at.file, at.path())})
					}
					if !dropped {
						dropped = true
						for x := range i {
							keep = append(keep, x)
						}
					}
					continue
				}
				seen[ident] = start + kept
			}
			if dropped {
				keep = append(keep, i)
			}
			kept++
			locs = append(locs, here)
		}
		m.locs[key] = locs
		switch {
		case dropped:
			for _, i := range keep {
				dl.Set(reflect.Append(dl, sl.Index(i)))
			}
		case start == 0:
			dl.Set(sl)
		default:
			dl.Set(reflect.AppendSlice(dl, sl))
		}
	}
}

func describe(key, ident string) string {
	return fmt.Sprintf("%s %q", strings.TrimSuffix(key, "s"), strings.ReplaceAll(ident, "\x00", "/"))
}
