package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// FuzzLoad: any input loads or fails with a located model error, never
// panics, and loads the same way twice.
func FuzzLoad(f *testing.F) {
	f.Add(sample.Bundle, false)
	for _, name := range []string{"apig-v1-export-sample.bundle.json", "apig-async-export-all.bundle.json"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "examples", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
	}
	f.Add([]byte(`{"group": {"id": "g", "name": "n"}, "apis": [{"id": "a", "group_id": "g", "req_params": [{"type": "NUMBER", "default_value": "1e5"}]}]}`), true)
	f.Add([]byte(`{"groups": [{"id": "g", "id": "h"}]}`), false)
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		files := []model.File{{Name: "fuzz.json", Data: data}}
		b, err := model.Load(files, model.LoadOptions{Strict: strict})
		if err != nil {
			var list model.ErrorList
			var one *model.Error
			if !errors.As(err, &list) && !errors.As(err, &one) {
				t.Fatalf("error %T (%v) is not a model error", err, err)
			}
			if b != nil {
				t.Fatal("a bundle came back with an error")
			}
			return
		}
		again, err := model.Load(files, model.LoadOptions{Strict: strict})
		if err != nil || !reflect.DeepEqual(b, again) {
			t.Fatalf("second load differs: %v", err)
		}
	})
}
