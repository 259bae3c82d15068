package oracle_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/oracle"
)

// TestGatewaySamples: the oracle's verdict on the gateway's own OpenAPI 3.0
// samples (testdata/examples/*oas3*), with every refusal of each half: the
// gateway's samples are not all valid OpenAPI 3.0 (docs/openapi3-validity.md
// says where and gives the smallest valid form).
func TestGatewaySamples(t *testing.T) {
	// The official schema's refusals, as pointer and message; kin-openapi
	// accepts all four.
	want := map[string][]string{
		"apig-oas3-http-backend.yaml": {"/paths/~1http~1{userId}/get/responses: additional properties 'default-cors' not allowed"},
		"import-oas3-function.yaml":   {"/paths/~1function~1{name}/get/responses: additional properties 'default-cors' not allowed"},
		"import-oas3-http-vpc.yaml":   nil,
		"import-oas3-mock.yaml":       {"/paths/~1mock/get/responses: additional properties 'default-cors' not allowed"},
	}
	dir := filepath.Join("..", "..", "..", "testdata", "examples")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		// A .bundle.json is the gateway's model that a sample is exported
		// from, not a document.
		if !strings.Contains(e.Name(), "oas3") || strings.HasSuffix(e.Name(), ".bundle.json") {
			continue
		}
		seen++
		t.Run(e.Name(), func(t *testing.T) {
			w, known := want[e.Name()]
			if !known {
				t.Fatalf("testdata/examples/%s is not in the table", e.Name())
			}
			doc, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			v, err := oracle.Check(doc)
			if err != nil {
				t.Fatal(err)
			}
			if !v.KinValid() {
				t.Errorf("%s; want kin-openapi to accept", v)
			}
			var got []string
			for _, e := range v.Schema {
				got = append(got, e.Pointer+": "+e.Message)
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s; want the official schema's refusals %q", v, w)
			}
		})
	}
	if seen != len(want) {
		t.Errorf("%d OpenAPI 3.0 samples in testdata/examples, the table has %d", seen, len(want))
	}
}
