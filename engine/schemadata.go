package engine

import (
	_ "embed"
	"sync"

	"github.com/apigexport/apigexport/engine/internal/check"
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

// swaggerSchema is the compiled Swagger 2.0 schema.
var swaggerSchema = sync.OnceValue(func() *check.Schema {
	s, err := check.CompileSchema(swaggerSchemaJSON, map[string][]byte{check.Draft04ID: draft04SchemaJSON})
	if err != nil {
		panic("engine: the embedded Swagger 2.0 schema: " + err.Error())
	}
	return s
})

// swagger2 is what the checker of a Swagger 2.0 document is given: fast
// runs the fast validator, src is where the document's relative $refs
// lead for the reference validator.
func swagger2(fast bool, sizeHint int, src Source) check.Options {
	opts := check.Options{Schema: swaggerSchema(), Fast: fast, SizeHint: sizeHint}
	if haveReference() {
		opts.Reference = func(raw []byte) []Finding { return referenceFindings(raw, src) }
	}
	return opts
}
