package engine

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// TestRefTarget: every way a $ref's file part can fail, and the paths it
// resolves to.
func TestRefTarget(t *testing.T) {
	cases := []struct{ from, file, want, err string }{
		{"api.yaml", "responses.yaml", "responses.yaml", ""},
		{"api.yaml", "./defs/pet.yaml", "defs/pet.yaml", ""},
		{"paths/pet.yaml", "../defs/pet.yaml", "defs/pet.yaml", ""},
		{"paths/pet.yaml", "owner.yaml", "paths/owner.yaml", ""},
		{"api.yaml", "my%20pets.yaml", "my pets.yaml", ""},
		{"api.yaml", "../x.yaml", "", "leaves the document's folder"},
		{"paths/pet.yaml", "../../x.yaml", "", "leaves the document's folder"},
		{"api.yaml", "a/../../x.yaml", "", "leaves the document's folder"},
		{"api.yaml", "/etc/passwd", "", "is not a relative file path"},
		{"api.yaml", `..\x.yaml`, "", "is not a relative file path"},
		{"api.yaml", "http://example.com/x.yaml", "", "no URLs"},
		{"api.yaml", "file:///etc/passwd", "", "no URLs"},
		{"api.yaml", "//example.com/x.yaml", "", "no URLs"},
		{"api.yaml", "C:/x.yaml", "", "no URLs"},
		{"api.yaml", "%zz.yaml", "", "no URLs"},
		{"api.yaml", ".", "", "names a folder"},
		{"a/api.yaml", "../..", "", "leaves the document's folder"},
	}
	for _, c := range cases {
		got, err := refTarget(c.from, c.file)
		if c.err == "" && (err != nil || got != c.want) || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("refTarget(%q, %q) = %q, %v; want %q, %q", c.from, c.file, got, err, c.want, c.err)
		}
	}
}

// FuzzRefTarget: a $ref's file resolves to a valid fs.FS name within the
// document's folder, or is refused.
func FuzzRefTarget(f *testing.F) {
	for _, s := range []string{"a.yaml", "../a", "./b/../c", "/x", "http://h/x", "a%2F..%2F..%2Fx", "b/c/../../../d"} {
		f.Add("dir/api.yaml", s)
	}
	f.Fuzz(func(t *testing.T, from, file string) {
		if !fs.ValidPath(from) {
			return
		}
		got, err := refTarget(from, file)
		if err != nil {
			return
		}
		if !fs.ValidPath(got) || got == "." || got == ".." || strings.HasPrefix(got, "../") {
			t.Errorf("refTarget(%q, %q) = %q", from, file, got)
		}
	})
}

// TestInlineRefs: what the import's inliner does with recursion, escaped
// pointers, missing targets and $refs that multiply.
func TestInlineRefs(t *testing.T) {
	read := func(s string) any {
		_, v, _, err := readDocument([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	files := fstest.MapFS{
		"p.yaml": {Data: []byte("p: {name: p, in: query, type: string, x-self: {$ref: '#/p'}}\na/b: {name: slash, in: query, type: string}\n")},
	}
	var laughs strings.Builder
	for i := range 8 {
		fmt.Fprintf(&laughs, "l%d: [", i)
		for j := range 10 {
			if j > 0 {
				laughs.WriteString(", ")
			}
			fmt.Fprintf(&laughs, "{$ref: '#/l%d'}", i+1)
		}
		laughs.WriteString("]\n")
	}
	laughs.WriteString("l8: lol\n")
	files["laughs.yaml"] = &fstest.MapFile{Data: []byte(laughs.String())}
	src := Source{FS: files, Name: "api.yaml"}

	out, fs := inlineRefs(read("a: {$ref: 'p.yaml#/p'}\nb: {$ref: 'p.yaml#/a~1b'}\nc: {$ref: '#/a'}\n"), src)
	if len(fs) != 0 {
		t.Fatal(fs)
	}
	o := tree.AsObj(out)
	if self := tree.AsObj(tree.AsObj(o.Get("a")).Get("x-self")); self.Get("$ref") != "#/p" {
		t.Errorf("a recursive $ref: %v", o.Get("a"))
	}
	if tree.AsObj(o.Get("b")).Get("name") != "slash" {
		t.Errorf("an escaped pointer: %v", o.Get("b"))
	}
	if tree.AsObj(o.Get("c")).Get("$ref") != "#/a" {
		t.Errorf("a $ref within the document is the import's: %v", o.Get("c"))
	}

	for _, c := range []struct{ doc, want string }{
		{"a: {$ref: 'p.yaml#/nope'}\n", "p.yaml has nothing at #/nope"},
		{"a: {$ref: 'laughs.yaml#/l0'}\n", "expands to more than"},
		{"a: {$ref: 'none.yaml'}\n", "none.yaml, which does not exist"},
	} {
		_, fs := inlineRefs(read(c.doc), src)
		if len(fs) != 1 || fs[0].Path != "/a/$ref" || !strings.Contains(fs[0].Message, c.want) {
			t.Errorf("%s: %v, want one finding at /a/$ref saying %q", c.doc, fs, c.want)
		}
	}
}
