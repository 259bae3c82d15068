package oracle_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/oracle"
)

// FuzzCheck: the oracle never panics (kin-openapi's panics become
// findings; the schema half is santhosh-tekuri/jsonschema's), and gives
// the same verdict twice. Seeded with the corpus and the gateway's samples.
func FuzzCheck(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	samples, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "examples", "*oas3*.yaml"))
	for _, name := range append(append(seeds, samples...), filepath.Join(corpusDir, "base.yaml")) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		v, err := oracle.Check(doc)
		if err != nil {
			return
		}
		again, err := oracle.Check(doc)
		if err != nil || !reflect.DeepEqual(v, again) {
			t.Errorf("two verdicts on one document: %v, then %v (%v)", v, again, err)
		}
	})
}
