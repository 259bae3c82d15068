package engine_test

import (
	"errors"
	"runtime"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestDuplicateKeys: a key given twice is refused alike in JSON and YAML,
// by Validate, ValidateStrict and Import, with an error finding at the
// key's pointer; nothing is kept silently.
func TestDuplicateKeys(t *testing.T) {
	many := `"k0": 0`
	for i := 1; i < 40; i++ {
		many += `, "k` + string(rune('0'+i%10)) + string(rune('a'+i/10)) + `": 0`
	}
	cases := []struct {
		name, json, yaml string
		paths            []string
	}{
		{"same path twice",
			`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "one"}}}}, "/a": {"post": {"responses": {"200": {"description": "two"}}}}}}`,
			"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: one}}}\n  /a:\n    post: {responses: {'200': {description: two}}}\n",
			[]string{"/paths/~1a"}},
		{"swagger twice",
			`{"swagger": "2.0", "swagger": "3.0", "info": {"title": "t", "version": "1"}, "paths": {}}`,
			"swagger: '2.0'\nswagger: '3.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
			[]string{"/swagger"}},
		{"in an array, escaped",
			`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "tags": [{"name": "a"}, {"name": "b", "n\u0061me": "c"}]}`,
			"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ntags:\n- {name: a}\n- {name: b, \"n\\x61me\": c}\n",
			[]string{"/tags/1/name"}},
		{"a key with / and ~, and a big object",
			`{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-m": {` + many + `, "a/~b": 1, "k5a": 2, "a/~b": 3}}`,
			"",
			[]string{"/x-m/a~1~0b", "/x-m/k5a"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var byFormat [][]engine.Finding
			for _, doc := range []string{c.json, c.yaml} {
				if doc == "" {
					continue
				}
				fs, err := engine.Validate([]byte(doc))
				if err != nil {
					t.Fatal(err)
				}
				var paths []string
				for _, f := range fs {
					if f.Code != engine.CodeDuplicateKey || f.Severity != engine.SeverityError || f.Message == "" {
						t.Errorf("%v: want only duplicate-key errors", f)
					}
					paths = append(paths, f.Path)
				}
				if !slices.Equal(paths, c.paths) {
					t.Errorf("findings at %q, want %q (%v)", paths, c.paths, fs)
				}
				byFormat = append(byFormat, fs)
				if runtime.GOOS != "js" {
					strict, err := engine.ValidateStrict([]byte(doc))
					if err != nil || !slices.Equal(strict, fs) {
						t.Errorf("ValidateStrict: %v %v, want %v", strict, err, fs)
					}
					if _, _, err := engine.CompareValidators([]byte(doc)); err == nil {
						t.Error("CompareValidators compared a refused document")
					}
				}
				res, err := engine.Import([]byte(doc), engine.ImportOptions{})
				var e *engine.Error
				if !errors.As(err, &e) || e.Code != "APIG.3602" || res == nil || res.Bundle != nil {
					t.Fatalf("Import: %v, %+v; want APIG.3602 and no bundle", err, res)
				}
				if !slices.ContainsFunc(res.Findings, func(f engine.Finding) bool { return f.Code == engine.CodeDuplicateKey && f.Path == c.paths[0] }) {
					t.Errorf("Import findings %v lack duplicate-key at %s", res.Findings, c.paths[0])
				}
			}
			if len(byFormat) == 2 {
				a, b := byFormat[0], byFormat[1]
				if len(a) != len(b) || a[0].Path != b[0].Path {
					t.Errorf("JSON and YAML differ: %v vs %v", a, b)
				}
			}
		})
	}
}

// TestYAMLMergeKeys: <<: adds the keys a mapping lacks, from one mapping or
// a list of them (the first wins); a key of the mapping itself wins over a
// merged one and is no duplicate; a merge of anything else is refused.
func TestYAMLMergeKeys(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"a: &a {x: 1, y: 2}\nb: {<<: *a, y: 3}\n", `{"a":{"x":1,"y":2},"b":{"x":1,"y":3}}`},
		{"a: &a {x: 1}\nc: &c {x: 2, z: 3}\nb:\n  y: 0\n  <<: [*a, *c]\n", `{"a":{"x":1},"b":{"x":1,"y":0,"z":3},"c":{"x":2,"z":3}}`},
		{"b: {<<: {x: 1}, <<: {x: 2, w: 4}}\n", `{"b":{"w":4,"x":1}}`},
		{"a: &a [1]\nb: {<<: *a}\n", ""},
		{"b: {<<: 5}\n", ""},
	}
	for _, c := range cases {
		got, err := engine.ToJSON([]byte(c.yaml))
		if c.want == "" {
			if err == nil {
				t.Errorf("%q: accepted as %s", c.yaml, got)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%q: got %s (%v), want %s", c.yaml, got, err, c.want)
		}
		if fs, err := engine.Validate([]byte(c.yaml)); err != nil || slices.ContainsFunc(fs, func(f engine.Finding) bool { return f.Code == engine.CodeDuplicateKey }) {
			t.Errorf("%q: %v %v: a merged key is no duplicate", c.yaml, fs, err)
		}
	}
}
