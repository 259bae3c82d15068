// Package schemas holds the official JSON Schemas that engine checks
// documents against, as files (see README.md for each file's source and
// licence), and the OpenAPI 3.0 one as bytes for the packages that cannot
// embed a file of this folder themselves (go:embed does not reach a parent
// folder).
package schemas

import _ "embed"

// OpenAPI30 is openapi-3.0.json: the OpenAPI Initiative's JSON Schema of
// OpenAPI 3.0.x documents, iteration 2021-09-28 (its id), a draft-4
// schema, byte for byte as github.com/pb33f/libopenapi embeds it
// (datamodel.OpenAPI3SchemaData); TestCopies proves it.
//
//go:embed openapi-3.0.json
var OpenAPI30 []byte
