package model

import (
	"fmt"
	"reflect"
	"strings"
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
// On failure the error is an [ErrorList] of at most 20 [*Error]s, in the
// order found; its Error method gives the first and how many more there
// are. Callers that show all of them range over it:
//
//	var list model.ErrorList
//	if errors.As(err, &list) { for _, e := range list { ... } }
func Load(files []File, opts LoadOptions) (*Bundle, error) {
	m := &merger{}
	var errs ErrorList
	for _, f := range files {
		b, single, err := decodeFile(f.Name, f.Data, opts.Strict)
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

// loc is where a merged object came from.
type loc struct {
	file string
	path string // e.g. apis[3]
}

func (l loc) at(sub string) (string, string) {
	if sub == "" {
		return l.file, l.path
	}
	if strings.HasPrefix(sub, "[") {
		return l.file, l.path + sub
	}
	return l.file, l.path + "." + sub
}

// merger concatenates bundles, remembering where each object came from.
type merger struct {
	b    Bundle
	locs map[string][]loc // list key -> locations aligned with the list
	seen map[string]int   // list key + "\x00" + identity -> index
	errs ErrorList
}

// identities give each list's key for duplicate detection.
var identities = map[string]func(v reflect.Value) string{
	"groups":            byField("ID"),
	"apis":              byField("ID"),
	"envs":              byField("ID"),
	"variables":         byFields("GroupID", "EnvID", "VariableName"),
	"vpc_channels":      byField("ID"),
	"throttles":         byField("ID"),
	"throttle_specials": byFields("ThrottleID", "ObjectType", "ObjectID"),
	"acls":              byField("ID"),
	"authorizers":       byField("ID"),
	"responses":         byField("ID"),
	"plugins":           byField("PluginID"),
	"orchestrations":    byField("OrchestrationID"),
	"publications":      byFields("APIID", "EnvID"),
	"throttle_bindings": byFields("APIID", "EnvID", "ThrottleID"),
	"acl_bindings":      byFields("APIID", "EnvID", "ACLID"),
	"plugin_bindings":   byFields("APIID", "EnvID", "PluginID"),
}

func byField(name string) func(reflect.Value) string {
	return func(v reflect.Value) string { return v.FieldByName(name).String() }
}

func byFields(names ...string) func(reflect.Value) string {
	return func(v reflect.Value) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = v.FieldByName(n).String()
		}
		return strings.Join(parts, "\x00")
	}
}

// add merges b, read from file; single says the file gave its group under
// the "group" key.
func (m *merger) add(file string, b *Bundle, single bool) {
	if m.locs == nil {
		m.locs = map[string][]loc{}
		m.seen = map[string]int{}
	}
	src := reflect.ValueOf(b).Elem()
	dst := reflect.ValueOf(&m.b).Elem()
	for _, key := range listKeyOrder {
		f := listKeys[key]
		sl := src.FieldByIndex(f.index)
		dl := dst.FieldByIndex(f.index)
		id := identities[key]
		for i := 0; i < sl.Len(); i++ {
			item := sl.Index(i)
			here := loc{file: file, path: fmt.Sprintf("%s[%d]", key, i)}
			if key == "groups" && single {
				here.path = "group"
			}
			ident := id(item)
			if strings.Trim(ident, "\x00") != "" {
				k := key + "\x00" + ident
				if j, dup := m.seen[k]; dup {
					if !reflect.DeepEqual(dl.Index(j).Interface(), item.Interface()) {
						first := m.locs[key][j]
						m.errs = append(m.errs, &Error{File: file, Path: here.path,
							Msg: fmt.Sprintf("%s is also defined in %s at %s with different content", describe(key, ident), first.file, first.path)})
					}
					continue
				}
				m.seen[k] = dl.Len()
			}
			dl.Set(reflect.Append(dl, item))
			m.locs[key] = append(m.locs[key], here)
		}
	}
}

func describe(key, ident string) string {
	return fmt.Sprintf("%s %q", strings.TrimSuffix(key, "s"), strings.ReplaceAll(ident, "\x00", "/"))
}
