// Package engine turns the gateway's JSON model of an API group (a
// [model.Bundle]) into the Swagger 2.0 or OpenAPI 3.0 document that Huawei
// Cloud API Gateway and ROMA Connect produce from their "Export APIs"
// operation, and validates Swagger 2.0 and OpenAPI 3.0 documents.
//
// [Export] is a pure function: the bundle, the request and the options in,
// the document bytes out, or an [*Error] with the gateway's HTTP status,
// code and message. It reads no clock, file or environment; the caller
// passes the time. The same input gives the same bytes on every platform,
// including GOOS=js.
//
// Limits: an API that the document's version or the gateway's extensions
// cannot express (a GRPC backend or protocol, a member-group VPC channel,
// a COOKIE parameter in Swagger 2.0, ...) is refused with a 400 that names
// it and the apis filter, which exports the rest of the group. The
// mapping and every choice made where the gateway's documentation is
// silent are written down in the project's README and docs/export.md.
//
// [Import] goes the other way: a Swagger 2.0 or OpenAPI 3.0 document with
// the gateway's extensions back to a bundle, with findings where the gateway would refuse
// or ignore something; it too is pure, and what it accepts exports again
// to the same document.
//
// Every document is validated before it is returned, and by the APIG
// rules (internal/check/apig.go): a Swagger 2.0 one by a fast validator
// that gives go-openapi/validate's verdicts (internal/check/fastvalidate.go),
// an OpenAPI 3.0 one by the official OpenAPI 3.0 schema and kin-openapi's
// checks (internal/check/oas3.go). [Validate] and [ValidateWith] check any
// document of either version the same way, telling the version from it.
//
// # The reference validator
//
// go-openapi/validate itself, the reference (and kin-openapi, OpenAPI
// 3.0's), lives in package
// github.com/apigexport/apigexport/engine/reference, so that a program that
// imports engine alone stays small: it links neither go-openapi's modules
// nor net/http (BENCHMARKS.md gives the sizes). A program that wants the
// reference imports that package for its side effect, as the apigexport
// command does:
//
//	import _ "github.com/apigexport/apigexport/engine/reference"
//
// Without it, [ValidateStrict] and Options.StrictValidation are refused
// with APIG.2012, and [Validate] reports not-checked for the documents the
// fast validator hands to the reference (definitions, body parameters,
// $refs to other files, a default of a format such as date that only
// go-openapi/strfmt checks). Exports never need it. The WebAssembly module
// leaves it out.
//
// # Documents in several files
//
// A document's relative $refs ("./responses.yaml#/responses/BadRequest")
// are read through a [Source], an fs.FS and the document's name in it,
// given in [ValidateOptions] or [ImportOptions]: each $ref resolves from
// the folder of the file it is in, and one that leaves the document's
// folder, or names a URL, is refused with a finding. Nothing else reads
// files: without a Source, a $ref to another file is a finding.
package engine
