package engine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// sameDocument reports how the YAML document, read with yaml.v3, differs
// from the JSON one read with encoding/json, numbers compared as float64;
// "" when they are the same value.
func sameDocument(yamlDoc, jsonDoc []byte) string {
	var y, j any
	if err := yaml.Unmarshal(yamlDoc, &y); err != nil {
		return "yaml.v3 does not read the YAML: " + err.Error()
	}
	if err := json.Unmarshal(jsonDoc, &j); err != nil {
		return "the JSON does not read: " + err.Error()
	}
	if y, j = normaliseNumbers(y), normaliseNumbers(j); !reflect.DeepEqual(y, j) {
		return firstDifference("", y, j)
	}
	return ""
}

func normaliseNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = normaliseNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = normaliseNumbers(e)
		}
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}

// firstDifference names the first place where a and b differ.
func firstDifference(at string, a, b any) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return fmt.Sprintf("%s: YAML %#v, JSON %#v", at, a, b)
		}
		for k, e := range a {
			if d := firstDifference(at+"/"+k, e, bm[k]); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return fmt.Sprintf("%s: YAML %#v, JSON %#v", at, a, b)
		}
		for i := range a {
			if d := firstDifference(fmt.Sprintf("%s/%d", at, i), a[i], bl[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return fmt.Sprintf("%s: YAML %#v, JSON %#v", at, a, b)
	}
	return ""
}

// exportBoth exports req as JSON and as YAML and says how they differ.
func exportBoth(b *model.Bundle, req engine.Request, opts engine.Options) (string, error) {
	req.Type = "json"
	j, err := engine.Export(b, req, opts)
	if err != nil {
		return "", err
	}
	req.Type = "yaml"
	y, err := engine.Export(b, req, opts)
	if err != nil {
		return "", fmt.Errorf("the JSON export passed, the YAML one: %w", err)
	}
	return sameDocument(y.Body, j.Body), nil
}

// TestYAMLExportsMatchJSON: yaml.v3 reads every YAML export as encoding/json
// reads the JSON export of the same request: the golden files' and their
// requests', generated bundles' (bundlegen, with its odd texts) in every
// scope, and (FuzzExport) fuzzed bundles'.
func TestYAMLExportsMatchJSON(t *testing.T) {
	b := loadSample(t)
	for _, c := range goldenCases {
		opts := c.opts
		opts.Now = clock
		d, err := exportBoth(b, c.req, opts)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if d != "" {
			t.Errorf("%s: %s", c.file, d)
		}
	}
	// The golden files themselves, each YAML with its JSON.
	for _, name := range []string{"sample-spec", "sample-proxy", "sample-all", "sample-dev"} {
		y, err := os.ReadFile(filepath.Join("..", "testdata", "golden", name+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		j, err := os.ReadFile(filepath.Join("..", "testdata", "golden", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if d := sameDocument(y, j); d != "" {
			t.Errorf("testdata/golden/%s: %s", name, d)
		}
	}
	for seed := range uint64(3) {
		data, err := json.Marshal(bundlegen.Generate(40, seed+1))
		if err != nil {
			t.Fatal(err)
		}
		g, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, define := range defines {
			d, err := exportBoth(g, engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: define, Version: "v1"}, engine.Options{})
			if err != nil {
				t.Fatalf("generated %d, %s: %v", seed+1, define, err)
			}
			if d != "" {
				t.Errorf("generated %d, %s: %s", seed+1, define, d)
			}
		}
	}
	gen, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: bundlegen.OddTexts})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for v := range gen.Random(40, 7) {
		b, err := model.Load([]model.File{{Name: "variant.json", Data: v.Bundle}}, model.LoadOptions{})
		if err != nil || len(b.Groups) == 0 {
			continue
		}
		for _, define := range defines {
			d, err := exportBoth(b, engine.Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: define, Version: "v1"}, engine.Options{})
			if err != nil {
				continue // refused, as JSON: the property test checks how
			}
			n++
			if d != "" {
				t.Errorf("%s, %s: %s", v.Name, define, d)
			}
		}
	}
	if n == 0 {
		t.Error("no variant with odd texts exported")
	}
}

// TestYAMLStrictValidation: a YAML export checked by the reference
// validator, which reads the JSON form built a second time, gives the
// document and the warnings of the fast check, each warning once.
func TestYAMLStrictValidation(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("the GOOS=js run has no reference validator (reference_test.go)")
	}
	data, err := json.Marshal(bundlegen.Generate(20, 3))
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	// A path parameter without a definition: a warning of the build.
	b.APIs[0].ReqURI += "/{undeclared}"
	req := engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: "all", Type: "yaml", Version: "v1"}
	fast, err := engine.Export(b, req, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	strict, err := engine.Export(b, req, engine.Options{StrictValidation: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(strict.Body) != string(fast.Body) || !reflect.DeepEqual(strict.Warnings, fast.Warnings) {
		t.Errorf("strict: %d bytes, warnings %q; fast: %d bytes, warnings %q", len(strict.Body), strict.Warnings, len(fast.Body), fast.Warnings)
	}
	if len(fast.Warnings) == 0 {
		t.Error("no warning: the test lost its point")
	}
}
