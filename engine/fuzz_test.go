package engine_test

import (
	"bytes"
	"errors"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// FuzzExport: whatever the bundle and request, Export gives, as Swagger 2.0
// and as OpenAPI 3.0, a valid document (for 3.0, by the oracle: kin-openapi
// and the official schema), the same one twice, or a client error; never a
// panic and never an internal error (which would mean the engine wrote an
// invalid document). A YAML document reads, with yaml.v3, as the JSON
// export of the request.
func FuzzExport(f *testing.F) {
	seeds := [][]byte{sample.Bundle}
	for _, name := range []string{"apig-v1-export-sample.bundle.json", "apig-async-export-all.bundle.json"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "examples", name))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for i, s := range seeds {
		for j, define := range []string{"spec", "proxy", "all", "dev"} {
			f.Add(s, define, []string{"json", "yaml"}[j%2], "", uint8(i+j), j == 2)
		}
	}
	f.Add(sample.Bundle, "all", "yml", "v1: \"quoted\"\n", uint8(1), true)
	f.Fuzz(func(t *testing.T, data []byte, define, typ, version string, env uint8, resolve bool) {
		b, err := model.Load([]model.File{{Name: "fuzz.json", Data: data}}, model.LoadOptions{})
		if err != nil || len(b.Groups) == 0 {
			return
		}
		envs := b.AllEnvs()
		for _, oas := range []string{"2.0", "3.0"} {
			req := engine.Request{
				GroupID: b.Groups[int(env)%len(b.Groups)].ID,
				EnvID:   envs[int(env)%len(envs)].ID,
				Define:  define, Type: typ, Version: version, OASVersion: oas,
			}
			opts := engine.Options{Now: clock, ResolveVars: resolve}
			res, err := engine.Export(b, req, opts)
			if err != nil {
				var e *engine.Error
				if !errors.As(err, &e) {
					t.Fatalf("%s: error %T is not an *engine.Error: %v", oas, err, err)
				}
				if e.Status >= http.StatusInternalServerError {
					t.Fatalf("%s: internal error: %v", oas, e)
				}
				continue
			}
			again, err := engine.Export(b, req, opts)
			if err != nil || !bytes.Equal(res.Body, again.Body) {
				t.Fatalf("%s: second export differs (%v)", oas, err)
			}
			if res.ContentType == "application/yaml" {
				if d, err := exportBoth(b, req, opts); err != nil || d != "" {
					t.Fatalf("%s: the YAML export is not the JSON one (%v): %s", oas, err, d)
				}
			}
			// The OpenAPI 3.0 export checks the APIG rules only, for now:
			// the oracle judges the rest.
			if oas == "3.0" {
				if msg := exportInvalid(oas, res.Body); msg != "" {
					t.Fatalf("the OpenAPI 3.0 export is not valid: %s", msg)
				}
			}
		}
	})
}

// FuzzToJSON: the YAML reader never panics, and what it accepts is JSON.
// The seeds are small: the fuzzer minimises every new input, which takes
// minutes on a whole golden file.
func FuzzToJSON(f *testing.F) {
	f.Add([]byte("swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a/{b+}:\n    get:\n      parameters:\n        - {name: b+, in: path, required: true, type: string}\n"))
	f.Add([]byte("x-apigateway-backend:\n  httpEndpoints: {timeout: 5000, retryCount: '-1', enableClientSsl: false}\n  list: [1, 2.5, -3e2, ~, yes, 'no']\n"))
	f.Add([]byte(`{"swagger": "2.0", "n": 1.0e10}`))
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("? [1]\n: 2\n"))
	f.Add([]byte("n: 0x1F\nf: .inf\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := engine.ToJSON(data)
		if err != nil {
			return
		}
		if !jsonValid(out) {
			t.Fatalf("ToJSON gave invalid JSON: %s", out)
		}
	})
}

// FuzzValidate: the fast validator never panics and agrees with
// go-openapi/validate, the reference, on every document it can read. The
// seeds are the Swagger files of other projects (testdata/outside), the
// corner cases of outside_test.go and a few small documents of the fast
// path.
func FuzzValidate(f *testing.F) {
	outside := outsideCorpus(f)
	for _, name := range slices.Sorted(maps.Keys(outside)) {
		f.Add(outside[name])
	}
	for _, c := range notStricter {
		f.Add([]byte(c.doc))
	}
	for _, c := range edges {
		f.Add([]byte(c.doc))
	}
	f.Add([]byte(`{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{"/a/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"type":"integer","default":3,"maximum":2}],"responses":{"default":{"$ref":"#/responses/r"}}}}},"responses":{"r":{"description":"d"}}}`))
	f.Add([]byte("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      operationId: a\n      security: [{k: []}]\n      responses: {200: {description: ok}}\n    put:\n      operationId: a\n      responses: {default: {description: d}}\nsecurityDefinitions: {k: {type: apiKey, name: n, in: header}}\n"))
	f.Add([]byte(`{"swagger":"2.0","info":{"title":"t","version":"1"},"host":"h:8","paths":{"/b/{p}":{"parameters":[{"name":"p","in":"path","required":true,"type":"string","pattern":"^a"}],"post":{"parameters":[{"name":"q","in":"query","type":"string","enum":["x"],"default":"y"}],"responses":{"default":{"description":"d"}}}}}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		findings, err := engine.Validate(doc)
		if err != nil {
			var e *engine.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *engine.Error", err)
			}
			return
		}
		_ = findings
		if msg := disagreement(doc); msg != "" {
			t.Fatalf("the validators disagree:\n%s", msg)
		}
	})
}

// FuzzImport: Import never panics; what it accepts loads as a bundle and
// exports (define=all) in the document's version to a valid document
// (Swagger 2.0 by Validate, OpenAPI 3.0 by the oracle, kin-openapi and the
// official schema), and the same file imports to the same bundle twice.
func FuzzImport(f *testing.F) {
	for _, dir := range []string{filepath.Join("..", "testdata", "golden"), filepath.Join("..", "testdata", "examples")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range files {
			if filepath.Ext(name) == ".md" || bytes.HasSuffix([]byte(name), []byte(".bundle.json")) {
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(importDoc("basePath: /v1", "x-apigateway-response: r", "- {name: n, in: query, type: integer, default: '5', enum: [5, 6]}")))
	for _, seed := range oas3FuzzSeeds() {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		res, err := engine.Import(doc, engine.ImportOptions{})
		if err != nil {
			var e *engine.Error
			if !errors.As(err, &e) || e.Status != http.StatusBadRequest {
				t.Fatalf("not a client error: %v", err)
			}
			return
		}
		b, data, err := loadImported(res.Bundle)
		if err != nil {
			t.Fatalf("the imported bundle does not load: %v", err)
		}
		// An OpenAPI 3.0 document exports as OpenAPI 3.0, which keeps its
		// COOKIE parameters; a Swagger 2.0 one as Swagger 2.0.
		oas := docVersion(t, doc)
		out, err := engine.Export(b, engine.Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: "all", Version: "v", OASVersion: oas}, engine.Options{})
		if err != nil {
			t.Fatalf("the imported bundle does not export as %s: %v", oas, err)
		}
		if msg := exportInvalid(oas, out.Body); msg != "" {
			t.Fatalf("the %s export of the import is not valid: %s", oas, msg)
		}
		again, _ := engine.Import(doc, engine.ImportOptions{})
		if data2, _ := model.Encode(again.Bundle); !bytes.Equal(data, data2) {
			t.Fatal("two imports of the same file differ")
		}
	})
}
