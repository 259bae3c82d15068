package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/apigexport/apigexport/engine"
)

// multiFile reads the multi-file document of testdata/multifile: its
// bytes and its folder as a map, so that neither the working directory
// nor the disk plays a part.
func multiFile(t *testing.T) ([]byte, fstest.MapFS) {
	t.Helper()
	files := fstest.MapFS{}
	dir := filepath.Join("testdata", "multifile")
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files["api.yaml"].Data, files
}

// TestMultiFile: a valid document whose relative $refs name files beside
// it and in subfolders, each $ref relative to the file it is in, is valid
// with the fast validator and with the reference, wherever the document
// sits in the Source and whatever the working directory.
func TestMultiFile(t *testing.T) {
	needReference(t)
	doc, files := multiFile(t)
	nested := fstest.MapFS{}
	for name, f := range files {
		nested["specs/v1/"+name] = f
	}
	t.Chdir(t.TempDir())
	for _, src := range []engine.Source{{FS: files, Name: "api.yaml"}, {FS: nested, Name: "specs/v1/api.yaml"}} {
		for _, strict := range []bool{false, true} {
			findings, err := engine.ValidateWith(doc, engine.ValidateOptions{Strict: strict, Source: src})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 0 {
				t.Errorf("%s, strict=%v: %v", src.Name, strict, findings)
			}
		}
	}
	// The reference sees the other files' contents: an error in one of
	// them is found.
	broken := fstest.MapFS{}
	for name, f := range files {
		broken[name] = f
	}
	broken["parameters.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(files["parameters.yaml"].Data), "required: true", "required: false", 1))}
	for _, strict := range []bool{false, true} {
		findings, err := engine.ValidateWith(doc, engine.ValidateOptions{Strict: strict, Source: engine.Source{FS: broken, Name: "api.yaml"}})
		if err != nil {
			t.Fatal(err)
		}
		if !engine.HasErrors(findings) {
			t.Errorf("strict=%v: a path parameter that is not required in parameters.yaml is not found", strict)
		}
	}
}

// TestExternalRefRefused: a $ref to another file that cannot be followed
// is an external-ref finding at its pointer, and nothing outside the
// document's folder is read: not a path that climbs out, not an absolute
// path, not a URL, not a symbolic link out of an os.Root, not a file when
// no Source is given.
func TestExternalRefRefused(t *testing.T) {
	needReference(t)
	doc, err := os.ReadFile(filepath.Join("testdata", "multifile-escape", "api.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte("x: {name: secret, in: query, type: string}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	linked := []byte("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /d:\n    get:\n      parameters:\n        - $ref: 'link.yaml#/x'\n      responses: {'200': {description: ok}}\n")
	_, files := multiFile(t)
	cases := []struct {
		name string
		doc  []byte
		src  engine.Source
		want map[string]string // pointer -> part of the message
	}{
		{"escape", doc, engine.Source{FS: fstest.MapFS{}, Name: "api.yaml"}, map[string]string{
			"/paths/~1a/get/parameters/0/$ref": "leaves the document's folder",
			"/paths/~1b/get/parameters/0/$ref": "is not a relative file path",
			"/paths/~1c/get/parameters/0/$ref": "no URLs",
		}},
		{"symlink out of the root", linked, engine.Source{FS: root.FS(), Name: "api.yaml"}, map[string]string{
			"/paths/~1d/get/parameters/0/$ref": "cannot read link.yaml",
		}},
		{"no source", files["api.yaml"].Data, engine.Source{}, map[string]string{
			"/paths/~1pets/get/parameters/0/$ref":               "no folder was given",
			"/paths/~1pets/get/responses/200/schema/items/$ref": "no folder was given",
			"/paths/~1pets/get/responses/400/$ref":              "no folder was given",
			"/paths/~1pets~1{id}/$ref":                          "no folder was given",
		}},
		{"missing file", files["api.yaml"].Data, engine.Source{FS: fstest.MapFS{"api.yaml": files["api.yaml"], "paths/pet.yaml": files["paths/pet.yaml"]}, Name: "api.yaml"}, map[string]string{
			"/paths/~1pets/get/parameters/0/$ref":               "parameters.yaml, which does not exist",
			"/paths/~1pets/get/responses/200/schema/items/$ref": "definitions/pet.yaml, which does not exist",
			"/paths/~1pets/get/responses/400/$ref":              "responses.yaml, which does not exist",
			"/paths/~1pets~1{id}/$ref":                          "paths/pet.yaml#/get/parameters/0/$ref: $ref ../parameters.yaml#/id names parameters.yaml, which does not exist",
		}},
	}
	for _, c := range cases {
		for _, strict := range []bool{false, true} {
			findings, err := engine.ValidateWith(c.doc, engine.ValidateOptions{Strict: strict, Source: c.src})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range findings {
				if f.Code == engine.CodeExternalRef {
					got[f.Path] += f.Message + "\n"
				}
			}
			for at, msg := range c.want {
				if !strings.Contains(got[at], msg) {
					t.Errorf("%s, strict=%v: at %s: want %q in the findings, got %v", c.name, strict, at, msg, findings)
				}
			}
			for _, f := range findings {
				if strings.Contains(f.Message, "secret") || f.Code == engine.CodeExternalRef && c.want[f.Path] == "" {
					t.Errorf("%s, strict=%v: unexpected %v", c.name, strict, f)
				}
			}
		}
	}
}

// TestImportMultiFile: import reads a multi-file document as if each $ref
// to another file were written in place: the Path Item of paths/pet.yaml,
// the parameters of parameters.yaml. Without a Source, such a $ref is an
// import-external-ref error.
func TestImportMultiFile(t *testing.T) {
	doc, files := multiFile(t)
	res, err := engine.Import(doc, engine.ImportOptions{Source: engine.Source{FS: files, Name: "api.yaml"}})
	if err != nil {
		t.Fatal(err, res.Findings)
	}
	got := map[string]string{}
	for _, a := range res.Bundle.APIs {
		var params []string
		for _, p := range a.ReqParams {
			params = append(params, p.Name+" "+p.Location+" "+p.DefaultValue)
		}
		got[a.Name] = a.ReqMethod + " " + a.ReqURI + ": " + strings.Join(params, ", ")
	}
	want := map[string]string{"ListPets": "GET /pets: limit QUERY 20", "GetPet": "GET /pets/{id}: id PATH "}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("API %s: got %q, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("APIs: %v", got)
	}
	_, err = engine.Import(doc, engine.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "import-external-ref") {
		t.Errorf("without a Source: %v", err)
	}
}
