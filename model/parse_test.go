package model

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apigexport/apigexport/model/sample"
)

// FuzzParseJSON: the fast reader of valid JSON gives the token reader's
// tree and errors.
func FuzzParseJSON(f *testing.F) {
	f.Add(sample.Bundle)
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.bundle.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(` {"a" : [1, -2.5e3, "\u00e9\n\"", true, false, null, {}, []], "b": {"c": "\xff"}} `))
	f.Add([]byte(`{"a": {"b": 1, "b": 2}}`))
	f.Add([]byte(`[{"x": "\ud83d\ude00"}, "é"]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ferr := parseJSON(data)
		slow, serr := parseTokens(data)
		if (ferr == nil) != (serr == nil) || (ferr != nil && ferr.Error() != serr.Error()) {
			t.Fatalf("errors differ: %v and %v", ferr, serr)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("trees differ:\n%#v\n%#v", fast, slow)
		}
	})
}
