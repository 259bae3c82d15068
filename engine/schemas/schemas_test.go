package schemas_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/apigexport/apigexport/engine/schemas"
	"github.com/pb33f/libopenapi/datamodel"
)

// TestCopies: openapi-3.0.json is, byte for byte, the file that
// github.com/pb33f/libopenapi (the version go.mod names) embeds as
// datamodel.OpenAPI3SchemaData, and OpenAPI30 is that file. The digest
// pins the bytes too, so that a libopenapi upgrade that changes its copy
// fails here, not silently: then compare the new iteration, update the
// file, the digest and README.md together.
func TestCopies(t *testing.T) {
	file, err := os.ReadFile("openapi-3.0.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, []byte(datamodel.OpenAPI3SchemaData)) {
		t.Error("openapi-3.0.json is not libopenapi's datamodel.OpenAPI3SchemaData")
	}
	if !bytes.Equal(file, schemas.OpenAPI30) {
		t.Error("schemas.OpenAPI30 is not openapi-3.0.json")
	}
	const digest = "7a0db7311a69d8b7f2505f59c5d4cbb58539a0961df0c05724a07538014822cf"
	if sum := sha256.Sum256(file); hex.EncodeToString(sum[:]) != digest {
		t.Errorf("openapi-3.0.json has SHA-256 %x, want %s", sum, digest)
	}
	var head struct {
		ID     string `json:"id"`
		Schema string `json:"$schema"`
	}
	if err := json.Unmarshal(file, &head); err != nil {
		t.Fatal(err)
	}
	if head.ID != "https://spec.openapis.org/oas/3.0/schema/2021-09-28" || head.Schema != "http://json-schema.org/draft-04/schema#" {
		t.Errorf("openapi-3.0.json is %q of %q, want the 2021-09-28 iteration, draft 4", head.ID, head.Schema)
	}
}
