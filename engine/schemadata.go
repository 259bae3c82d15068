package engine

import (
	_ "embed"
	"encoding/json"
)

// The official Swagger 2.0 JSON Schema and the JSON Schema draft 4
// meta-schema it refers to, as go-openapi/spec v1.0.1 embeds them and
// go-openapi/validate checks against: each is that package's schema read
// into its spec.Schema type and written out again (which drops $schema and
// keeps what that type keeps), so the fast validator compiles exactly the
// schema the reference uses. The files are copied here so that engine does
// not import go-openapi/spec, which brings net/http and its dependencies
// into every embedder; TestSchemaCopies keeps them equal to go-openapi/spec's
// (go test ./engine -run TestSchemaCopies -update rewrites them).
//
// Licence: the Swagger 2.0 schema is the OpenAPI Initiative's, and the
// draft 4 meta-schema the JSON Schema authors'; both reach us through
// go-openapi/spec (Apache License 2.0, https://github.com/go-openapi/spec).
var (
	//go:embed schemas/swagger-2.0.json
	swaggerSchemaJSON []byte
	//go:embed schemas/draft-04.json
	draft04SchemaJSON []byte
)

// schemaRoots returns the two schemas as generic JSON values, by the IDs
// the compiler resolves $ref against: "" for the Swagger schema.
func schemaRoots() map[string]any {
	roots := map[string]any{}
	for id, raw := range map[string][]byte{"": swaggerSchemaJSON, draft04ID: draft04SchemaJSON} {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			panic("engine: the embedded schema " + id + " is not JSON: " + err.Error())
		}
		roots[id] = v
	}
	return roots
}
