package engine_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/apigexport/apigexport/model/sample"
)

// reimport imports a document and loads the bundle as a user would: from
// its JSON, strictly.
func reimport(t *testing.T, doc []byte, opts engine.ImportOptions) (*model.Bundle, *engine.ImportResult) {
	t.Helper()
	res, err := engine.Import(doc, opts)
	if err != nil {
		t.Fatalf("import: %v\n%v", err, res)
	}
	b, _, err := loadImported(res.Bundle)
	if err != nil {
		t.Fatalf("the imported bundle does not load: %v", err)
	}
	return b, res
}

// loadImported writes an imported bundle as a file and loads it, strictly,
// as a user would; it returns the file too.
func loadImported(b *model.Bundle) (*model.Bundle, []byte, error) {
	data, err := model.Encode(b)
	if err != nil {
		return nil, nil, err
	}
	loaded, err := model.Load([]model.File{{Name: "imported.json", Data: data}}, model.LoadOptions{Strict: true})
	return loaded, data, err
}

// TestRoundTripBundles: export(all) → import → export(all) gives the same
// bytes, for every bundle in testdata, in each of their environments, and
// for generated bundles.
func TestRoundTripBundles(t *testing.T) {
	type source struct {
		name  string
		b     *model.Bundle
		group string
	}
	var sources []source
	load := func(name string, data []byte) *model.Bundle {
		b, err := model.Load([]model.File{{Name: name, Data: data}}, model.LoadOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sources = append(sources, source{"sample", load("sample", sample.Bundle), ""})
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.bundle.json"))
	if len(files) == 0 {
		t.Fatal("no example bundles")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source{filepath.Base(f), load(f, data), ""})
	}
	for seed := uint64(1); seed <= 8; seed++ {
		sources = append(sources, source{"bundlegen-" + string(rune('0'+seed)), bundlegen.Generate(60, seed), ""})
	}
	for _, s := range sources {
		for _, g := range s.b.Groups {
			for _, env := range s.b.AllEnvs() {
				for _, format := range []string{"json", "yaml"} {
					name := s.name + "/" + g.Name + "/" + env.Name + "/" + format
					t.Run(name, func(t *testing.T) {
						req := engine.Request{GroupID: g.ID, EnvID: env.ID, Define: "all", Type: format, Version: "round-trip"}
						first, err := engine.Export(s.b, req, engine.Options{})
						if err != nil {
							t.Fatalf("the source does not export: %v", err)
						}
						b, res := reimport(t, first.Body, engine.ImportOptions{EnvID: env.ID, EnvName: env.Name})
						if res.Version != "round-trip" {
							t.Errorf("version %q", res.Version)
						}
						req.GroupID = b.Groups[0].ID
						second, err := engine.Export(b, req, engine.Options{})
						if err != nil {
							t.Fatalf("export of the import: %v", err)
						}
						if !bytes.Equal(first.Body, second.Body) {
							t.Fatalf("export → import → export changed the document:\n%s", diffLines(first.Body, second.Body))
						}
						if first.FileName != second.FileName {
							t.Errorf("file name %s, then %s", first.FileName, second.FileName)
						}
					})
				}
			}
		}
	}
}

// diffLines shows the first lines where two documents differ.
func diffLines(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			lo := max(0, i-3)
			return "first:\n" + strings.Join(la[lo:min(len(la), i+4)], "\n") + "\nsecond:\n" + strings.Join(lb[lo:min(len(lb), i+4)], "\n")
		}
	}
	return "one is a prefix of the other"
}

// TestImportTwiceSameBundle: IDs come from names, so the same file gives
// the same bundle.
func TestImportTwiceSameBundle(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "sample-all.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Import(doc, engine.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.Import(doc, engine.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Error("two imports of the same file differ")
	}
	if !reflect.DeepEqual(a.Bundle.Groups[0].ID, b.Bundle.Groups[0].ID) || len(a.Bundle.Groups[0].ID) != 32 {
		t.Errorf("group ID %q", a.Bundle.Groups[0].ID)
	}
}

// jsonDiffs lists the JSON pointers where two decoded documents differ:
// a value that differs, or a key or item on one side only.
func jsonDiffs(a, b any, at string, out *[]string) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			*out = append(*out, at)
			return
		}
		keys := map[string]bool{}
		for k := range x {
			keys[k] = true
		}
		for k := range y {
			keys[k] = true
		}
		for _, k := range sortedStrings(keys) {
			p := at + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			xv, xok := x[k]
			yv, yok := y[k]
			if xok != yok {
				*out = append(*out, p)
				continue
			}
			jsonDiffs(xv, yv, p, out)
		}
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			*out = append(*out, at)
			return
		}
		for i := range x {
			jsonDiffs(x[i], y[i], at+"/"+itoa(i), out)
		}
	default:
		if !reflect.DeepEqual(a, b) {
			*out = append(*out, at)
		}
	}
}

func sortedStrings(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	slicesSort(s)
	return s
}

// TestRoundTripDocuments: import → export(all) gives back every Swagger
// 2.0 file of the gateway's examples and every golden, JSON-equal but for
// the differences listed here with their reasons; a listed difference
// that does not occur fails too.
func TestRoundTripDocuments(t *testing.T) {
	// A pointer segment * stands for any one segment; a difference takes
	// the first pattern that matches it.
	type diff struct{ pointer, reason string }
	const (
		responses     = "operation responses are not imported (the gateway ignores them); the export writes its fixed default response"
		samples       = "the export always writes the result samples, \"\" when the API has none"
		rootResponse  = "the export writes the root default response that its operations reference"
		description   = "the export always writes the backend's description, \"\" when it has none"
		lowerIn       = "the sample writes backend parameter locations in lower case; the model keeps them upper case, as the export writes them"
		appHeader     = "the export always writes the three predefined security schemes"
		gwResponses   = "the export always writes x-apigateway-responses, {} for a group without gateway responses"
		aliasURN      = "the export always writes alias-urn, \"\" when the function has none"
		mockBackend   = "define=%s leaves the backend out; the import gives each API a MOCK backend, which export(all) writes"
		authorizerDef = "define=%s leaves x-apigateway-authorizer out; the import creates the authorizer by name (network type V1), which export(all) writes"
	)
	importSample := []diff{
		{"/paths/*/*/responses/x-apigateway-result-failure-sample", samples},
		{"/paths/*/*/responses/x-apigateway-result-normal-sample", samples},
		{"/paths/*/*/responses/*", responses},
		{"/paths/*/*/x-apigateway-backend/*/description", description},
		{"/securityDefinitions/apig-auth-app-header", appHeader},
		{"/x-apigateway-responses", gwResponses},
	}
	with := func(base []diff, more ...diff) []diff { return append(slices.Clone(base), more...) }
	cases := []struct {
		file  string
		diffs []diff
	}{
		{"examples:apig-async-export-all.json", nil},
		{"examples:apig-v1-export-sample.json", []diff{
			{"/paths/~1test~1{path}/get/parameters/2/default", "the gateway's sample writes the number default as the string \"123\"; the model keeps 123 and the export writes the number"},
			{"/x-apigateway-responses", "the 2019 sample has no x-apigateway-responses; the export always writes it ({} here)"},
		}},
		{"examples:import-swagger-http.yaml", with(importSample,
			diff{"/responses", rootResponse}, diff{"/paths/*/*/x-apigateway-backend/parameters/*/in", lowerIn})},
		{"examples:import-swagger-http-vpc.yaml", with(slices.DeleteFunc(slices.Clone(importSample), func(d diff) bool { return d.pointer == "/paths/*/*/responses/*" }),
			diff{"/paths/*/*/responses/default/description", responses}, diff{"/paths/*/*/x-apigateway-backend/parameters/*/in", lowerIn})},
		{"examples:import-swagger-function.yaml", with(importSample,
			diff{"/responses", rootResponse}, diff{"/paths/*/*/x-apigateway-backend/parameters/*/in", lowerIn},
			diff{"/paths/*/*/x-apigateway-backend/functionEndpoints/alias-urn", aliasURN})},
		{"examples:import-swagger-mock.yaml", with(importSample, diff{"/responses", rootResponse})},
		{"golden:sample-all.json", nil},
		{"golden:sample-all.yaml", nil},
		{"golden:sample-test-all.json", nil},
		{"golden:sample-test-all-resolved.json", nil},
		{"golden:sample-dev.json", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "dev")}}},
		{"golden:sample-dev.yaml", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "dev")}}},
		{"golden:sample-proxy.json", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "proxy")}}},
		{"golden:sample-proxy.yaml", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "proxy")}}},
		{"golden:sample-spec.json", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "spec")},
			{"/paths/*/*/x-apigateway-backend", fmt.Sprintf(mockBackend, "spec")}}},
		{"golden:sample-spec.yaml", []diff{{"/securityDefinitions/*/x-apigateway-authorizer", fmt.Sprintf(authorizerDef, "spec")},
			{"/paths/*/*/x-apigateway-backend", fmt.Sprintf(mockBackend, "spec")}}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			where, name, _ := strings.Cut(c.file, ":")
			dir := filepath.Join("..", "testdata", where)
			doc, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			b, res := reimport(t, doc, engine.ImportOptions{})
			out, err := engine.Export(b, engine.Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: "all", Version: res.Version}, engine.Options{})
			if err != nil {
				t.Fatal(err)
			}
			in, err := engine.ToJSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			jsonDiffs(decodeJSON(t, in), decodeJSON(t, out.Body), "", &got)
			used := make([]bool, len(c.diffs))
			for _, p := range got {
				i := slices.IndexFunc(c.diffs, func(d diff) bool { return pointerMatch(d.pointer, p) })
				if i < 0 {
					t.Errorf("%s differs and the difference is not listed", p)
					continue
				}
				used[i] = true
			}
			for i, d := range c.diffs {
				if !used[i] {
					t.Errorf("listed difference %s (%s) does not occur", d.pointer, d.reason)
				}
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func slicesSort(s []string) { slices.Sort(s) }

// pointerMatch matches a JSON pointer against a pattern whose * segments
// stand for any one segment.
func pointerMatch(pattern, p string) bool {
	ps, qs := strings.Split(pattern, "/"), strings.Split(p, "/")
	if len(ps) != len(qs) {
		return false
	}
	for i := range ps {
		if ps[i] != "*" && ps[i] != qs[i] {
			return false
		}
	}
	return true
}
