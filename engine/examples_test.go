package engine_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
)

// difference is one place where our export differs, on purpose, from the
// gateway's file: the gateway's value at pointer becomes want (nil: the
// key is absent from the gateway's file and present in ours).
type difference struct {
	pointer string
	want    any
	reason  string
}

// TestReproduceGatewayExports exports bundles written to match the
// gateway's published exports and compares the documents.
func TestReproduceGatewayExports(t *testing.T) {
	cases := []struct {
		name  string
		req   engine.Request
		diffs []difference
	}{
		{
			name: "apig-v1-export-sample",
			req:  engine.Request{GroupID: "b5d2ebcd0f3a4b7c9c1e2f3a4b5c6d7e", EnvID: model.DefaultEnvID, Define: "proxy", Version: "2019-09-12-17:38:10"},
			diffs: []difference{
				{"/paths/~1test~1{path}/get/parameters/2/default", json.Number("123"),
					"a NUMBER parameter's default is a JSON number (docs/export.md §4); the gateway's string fails validation"},
				{"/x-apigateway-responses", map[string]any{},
					"the 2019 gateway did not write x-apigateway-responses; today's writes {} for a group without gateway responses"},
			},
		},
		{
			name: "apig-async-export-all",
			req:  engine.Request{GroupID: "3c6a9f4b1e2d4a5b8c7d6e5f4a3b2c1d", EnvID: model.DefaultEnvID, Define: "all", Version: "2023-07-11-19:54:22"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "examples")
			bundle, err := os.ReadFile(filepath.Join(dir, c.name+".bundle.json"))
			if err != nil {
				t.Fatal(err)
			}
			gateway, err := os.ReadFile(filepath.Join(dir, c.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			b, err := model.Load([]model.File{{Name: c.name, Data: bundle}}, model.LoadOptions{Strict: true})
			if err != nil {
				t.Fatal(err)
			}
			res, err := engine.Export(b, c.req, engine.Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			mustBeClean(t, c.name, res.Body)
			want := decodeJSON(t, gateway)
			for _, d := range c.diffs {
				setPointer(t, want, d.pointer, d.want)
			}
			got := decodeJSON(t, res.Body)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("export differs from the gateway's beyond the listed differences:\ngot  %v\nwant %v", got, want)
			}
		})
	}
}

// setPointer sets the value at a JSON pointer of a decoded document.
func setPointer(t *testing.T, doc any, pointer string, v any) {
	t.Helper()
	parts := strings.Split(pointer, "/")[1:]
	for i := range parts {
		parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(parts[i])
	}
	cur := doc
	for i, p := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[p] = v
				return
			}
			cur = c[p]
		case []any:
			var n int
			for _, r := range p {
				n = n*10 + int(r-'0')
			}
			if last {
				c[n] = v
				return
			}
			cur = c[n]
		default:
			t.Fatalf("pointer %s: %q is not in the document", pointer, p)
		}
	}
}
