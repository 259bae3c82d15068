package bundlegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/model"
)

// Variants of a seed bundle, driven by model.Catalogue: a [Generator]
// finds every field of every object of the seed (present or not), and
// changes them one at a time or several at once, at random or as a fuzzer's
// bytes choose. The changes are the ones a gateway's own data may hold:
// an optional field left out, null or at its zero value, and any field at
// each value and bound the reference documents, or naming each object of
// the kind it links to. Changes work on the decoded JSON, so that "left
// out" and "null" are what a bundle file says, not what a Go value can.

// ChangeKind is what a [Change] does to its field.
type ChangeKind int

// The kinds of change.
const (
	Absent ChangeKind = iota // the field is left out
	Null                     // the field is null
	Zero                     // the field holds its type's zero value ("", 0, false, [], {})
	Value                    // the field holds Change.Value
)

// Change is one way of changing a field.
type Change struct {
	Kind  ChangeKind
	Value any // for Value: a string, int, int64, bool or []any
	// Odd is set for one of Options.Texts, which no reference documents.
	Odd bool
}

func (c Change) String() string {
	switch c.Kind {
	case Absent:
		return "absent"
	case Null:
		return "null"
	case Zero:
		return "zero"
	}
	v, _ := json.Marshal(c.Value)
	return "= " + string(v)
}

// Site is one field of one object in the seed.
type Site struct {
	// Path is the field's JSON path, such as apis[3].backend_api.timeout.
	Path string
	// Object is the catalogue object that has the field.
	Object string
	// Field is the field's catalogue row.
	Field model.Field
	// Changes are the changes the catalogue allows at this site.
	Changes []Change

	steps []any // keys (string) and indexes (int) to the object
}

// Variant is a seed bundle with some of its fields changed.
type Variant struct {
	// Name lists the changes: "apis[0].cors = true; ...".
	Name string
	// Bundle is the bundle file.
	Bundle []byte
	// MustLoad is set for a single change to a field whose row has no
	// condition: a bundle the gateway can return, which must load.
	MustLoad bool
}

// Generator makes variants of one seed bundle.
type Generator struct {
	root  map[string]any
	sites []Site
}

// Options tune a [Generator].
type Options struct {
	// Texts are strings that every string field without documented values
	// or links also takes, beside what the catalogue allows: odd text a
	// user may type, to find what the export does not escape or check.
	Texts []string
}

// OddTexts are Options.Texts that have found bugs: YAML's words and
// indicators, template braces, environment variables, separators, white
// space, non-ASCII letters.
var OddTexts = []string{"yes", "null", "1e3", "~", "x: y", "- a", "a,a", "{x}", "#v#", "/a/{b}/{b}", " ", "a\nb", "é"}

// NewGenerator reads the seed bundle file and lists its sites.
func NewGenerator(seed []byte, opts Options) (*Generator, error) {
	d := json.NewDecoder(bytes.NewReader(seed))
	d.UseNumber()
	var root map[string]any
	if err := d.Decode(&root); err != nil {
		return nil, fmt.Errorf("bundlegen: the seed is not a JSON object: %w", err)
	}
	g := &Generator{root: root}
	links := map[string][]string{"envs": {model.DefaultEnvID}}
	for key, idKey := range map[string]string{"groups": "id", "apis": "id", "envs": "id", "vpc_channels": "id",
		"throttles": "id", "acls": "id", "authorizers": "id", "responses": "id", "plugins": "plugin_id",
		"orchestrations": "orchestration_id"} {
		list, _ := root[key].([]any)
		for _, o := range list {
			if o, ok := o.(map[string]any); ok {
				if id, ok := o[idKey].(string); ok && id != "" {
					links[key] = append(links[key], id)
				}
			}
		}
	}
	g.walk(root, "Bundle", nil, "", links, opts.Texts)
	return g, nil
}

// Sites are the seed's sites, in the order of the bundle.
func (g *Generator) Sites() []Site { return g.sites }

// goTypes maps catalogue object and JSON key to the Go type of the field.
var goTypes = func() map[string]map[string]reflect.Type {
	out := map[string]map[string]reflect.Type{}
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		if _, done := out[rt.Name()]; done {
			return
		}
		fields := map[string]reflect.Type{}
		out[rt.Name()] = fields
		for _, sf := range reflect.VisibleFields(rt) {
			if sf.Anonymous || !sf.IsExported() {
				continue
			}
			key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			fields[key] = sf.Type
			if st := structOf(sf.Type); st != nil {
				walk(st)
			}
		}
	}
	walk(reflect.TypeFor[model.Bundle]())
	return out
}()

func structOf(rt reflect.Type) reflect.Type {
	for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
		rt = rt.Elem()
	}
	if rt.Kind() == reflect.Struct {
		return rt
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// walk lists the sites of the object o of catalogue object name, at steps
// (path), and of the objects below it.
func (g *Generator) walk(o map[string]any, name string, steps []any, path string, links map[string][]string, texts []string) {
	obj := model.CatalogueObject(name)
	if obj == nil {
		return
	}
	for _, f := range obj.AllFields() {
		rt := goTypes[name][f.Key]
		site := Site{Path: join(path, f.Key), Object: name, Field: f, steps: steps}
		site.Changes = changes(f, rt, links, texts)
		if len(site.Changes) > 0 {
			g.sites = append(g.sites, site)
		}
		if f.Object == "" {
			continue
		}
		switch v := o[f.Key].(type) {
		case map[string]any:
			if rt.Kind() == reflect.Map {
				for _, k := range sortedKeys(v) {
					if e, ok := v[k].(map[string]any); ok {
						g.walk(e, f.Object, append(clip(steps), f.Key, k), join(site.Path, k), links, texts)
					}
				}
			} else {
				g.walk(v, f.Object, append(clip(steps), f.Key), site.Path, links, texts)
			}
		case []any:
			for i, e := range v {
				if e, ok := e.(map[string]any); ok {
					g.walk(e, f.Object, append(clip(steps), f.Key, i), fmt.Sprintf("%s[%d]", site.Path, i), links, texts)
				}
			}
		}
	}
}

func clip(s []any) []any { return s[:len(s):len(s)] }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// changes lists the changes the row allows for a field of Go type rt,
// and the texts for a string field that documents no values or links.
func changes(f model.Field, rt reflect.Type, links map[string][]string, texts []string) []Change {
	var out []Change
	if f.Optional {
		out = append(out, Change{Kind: Absent}, Change{Kind: Null}, Change{Kind: Zero})
	}
	for _, v := range f.Values {
		out = append(out, Change{Kind: Value, Value: v})
	}
	if b := f.Bounds; b != nil {
		out = append(out, Change{Kind: Value, Value: b.Min}, Change{Kind: Value, Value: b.Max})
	}
	if rt.Kind() == reflect.String && f.Values == nil && f.Link == "" {
		for _, t := range texts {
			out = append(out, Change{Kind: Value, Value: t, Odd: true})
		}
	}
	if f.Link != "" && f.Key != "run_env_id" {
		for _, id := range links[f.Link] {
			if rt.Kind() == reflect.Slice {
				out = append(out, Change{Kind: Value, Value: []any{id}})
			} else {
				out = append(out, Change{Kind: Value, Value: id})
			}
		}
	}
	return out
}

// zero is the JSON zero value of a field of Go type rt.
func zero(rt reflect.Type) any {
	for rt.Kind() == reflect.Pointer {
		rt = rt.Elem()
	}
	switch rt.Kind() {
	case reflect.String:
		return ""
	case reflect.Bool:
		return false
	case reflect.Slice:
		return []any{}
	case reflect.Map, reflect.Struct:
		return map[string]any{}
	}
	return 0
}

// apply makes the change at the site in root, a copy of the seed, and
// reports whether the site's object is still there (an earlier change may
// have removed it).
func (s *Site) apply(root map[string]any, c Change) bool {
	var v any = root
	for _, step := range s.steps {
		switch step := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return false
			}
			v = m[step]
		case int:
			a, ok := v.([]any)
			if !ok || step >= len(a) {
				return false
			}
			v = a[step]
		}
	}
	o, ok := v.(map[string]any)
	if !ok {
		return false
	}
	switch c.Kind {
	case Absent:
		delete(o, s.Field.Key)
	case Null:
		o[s.Field.Key] = nil
	case Zero:
		o[s.Field.Key] = zero(goTypes[s.Object][s.Field.Key])
	case Value:
		o[s.Field.Key] = c.Value
	}
	return true
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}

// change is a site and one of its changes.
type change struct {
	site   *Site
	change Change
}

func (g *Generator) variant(cs []change) Variant {
	root := deepCopy(g.root).(map[string]any)
	var names []string
	for _, c := range cs {
		if c.site.apply(root, c.change) {
			names = append(names, c.site.Path+" "+c.change.String())
		}
	}
	data, err := json.Marshal(root)
	if err != nil {
		panic(err) // the tree holds only JSON values
	}
	return Variant{Name: strings.Join(names, "; "), Bundle: data, MustLoad: len(cs) == 1 && cs[0].site.returnable(cs[0].change)}
}

// returnable reports whether the change alone gives a bundle the gateway
// can return: an optional field left out or null unless its condition
// makes it required, or a field without conditions at a documented value
// or at the zero value of a scalar or array that documents no values or
// has zero among them (an empty object, or "" for a field that documents
// its values, is not what the gateway sends for an unset field).
func (s *Site) returnable(c Change) bool {
	switch {
	case c.Kind == Absent || c.Kind == Null:
		return !strings.HasPrefix(s.Field.Cond, "required")
	case s.Field.Cond != "" || c.Odd:
		return false
	case c.Kind == Value:
		return true
	}
	z := zero(goTypes[s.Object][s.Field.Key])
	if _, isObject := z.(map[string]any); isObject {
		return false
	}
	if len(s.Field.Values) == 0 {
		return true
	}
	for _, v := range s.Field.Values {
		if v == z {
			return true
		}
	}
	return false
}

// Singles are the variants with one change each: every change of every
// site, in order.
func (g *Generator) Singles() iter.Seq[Variant] {
	return func(yield func(Variant) bool) {
		for i := range g.sites {
			s := &g.sites[i]
			for _, c := range s.Changes {
				if !yield(g.variant([]change{{s, c}})) {
					return
				}
			}
		}
	}
}

// Sample returns every stride-th of the single-change variants (stride 1:
// all of them), then n random combinations of the given seed: the
// property tests' way to check a share of the variants where time is
// short.
func (g *Generator) Sample(stride, n int, seed uint64) (singles, random []Variant) {
	i := 0
	for v := range g.Singles() {
		if i++; i%max(stride, 1) == 0 {
			singles = append(singles, v)
		}
	}
	for v := range g.Random(n, seed) {
		random = append(random, v)
	}
	return singles, random
}

// Single is the variant of one change, named by the site's path and the
// change's text ("absent", "null", "zero", `= "GRPCS"`), and whether the
// seed has it.
func (g *Generator) Single(path, text string) (Variant, bool) {
	for i := range g.sites {
		s := &g.sites[i]
		if s.Path != path {
			continue
		}
		for _, c := range s.Changes {
			if c.String() == text {
				return g.variant([]change{{s, c}}), true
			}
		}
	}
	return Variant{}, false
}

// Random are n variants with two to eight changes each, chosen at random
// from seed: the same seed gives the same variants.
func (g *Generator) Random(n int, seed uint64) iter.Seq[Variant] {
	return func(yield func(Variant) bool) {
		r := rand.New(rand.NewPCG(seed, uint64(n)))
		for range n {
			cs := make([]change, 2+r.IntN(7))
			for i := range cs {
				s := &g.sites[r.IntN(len(g.sites))]
				cs[i] = change{s, s.Changes[r.IntN(len(s.Changes))]}
			}
			if !yield(g.variant(cs)) {
				return
			}
		}
	}
}

// FromBytes is the variant that data chooses, for fuzzing: each three
// bytes pick a site (two bytes) and one of its changes (one byte), so
// that a fuzzer's mutations of the bytes drop, null and set fields of the
// seed instead of breaking its JSON text.
func (g *Generator) FromBytes(data []byte) Variant {
	var cs []change
	for ; len(data) >= 3 && len(cs) < 64; data = data[3:] {
		s := &g.sites[(int(data[0])<<8|int(data[1]))%len(g.sites)]
		cs = append(cs, change{s, s.Changes[int(data[2])%len(s.Changes)]})
	}
	return g.variant(cs)
}
