package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/go-openapi/spec"
)

// TestSchemaCopies: the schemas engine embeds are go-openapi/spec's, as
// go-openapi/validate reads them (schemadata.go). With -update it rewrites
// them, after a go-openapi/spec upgrade.
func TestSchemaCopies(t *testing.T) {
	for file, load := range map[string]func() (*spec.Schema, error){
		"schemas/swagger-2.0.json": spec.Swagger20Schema,
		"schemas/draft-04.json":    spec.JSONSchemaDraft04,
	} {
		s, err := load()
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.MarshalIndent(s, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
			if err := os.WriteFile(file, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not go-openapi/spec's schema any more: run go test ./engine -run TestSchemaCopies -update", file)
		}
	}
}
