package engine

import (
	"maps"

	"github.com/apigexport/apigexport/engine/internal/check"
)

// findingCodes are the codes a [Finding] may carry, with their meaning. The
// codes are stable: tools may match on them.
var findingCodes = map[string]string{
	// Reading the document.
	CodeUnreadable:   "the document is not JSON or YAML, or is empty",
	CodeDuplicateKey: "an object has a key twice, in JSON or YAML: the document is refused (nothing else is checked)",
	// The Swagger 2.0 JSON Schema.
	"schema-type":               "a value has the wrong JSON type",
	"schema-enum":               "a value is not one of those allowed",
	"schema-required":           "a required property is missing",
	"schema-forbidden-property": "a property is not allowed here (an extension key must start with x-)",
	"schema-one-of":             "a value matches none, or more than one, of the allowed forms",
	"schema-any-of":             "a value matches none of the allowed forms",
	"schema-not":                "a value has a form that is not allowed",
	"schema-pattern":            "a string does not match its pattern",
	"schema-format":             "a string is not of its format (uri, email, ...)",
	"schema-min-items":          "an array has too few items",
	"schema-unique-items":       "an array has duplicate items",
	"schema-minimum":            "a number is below its minimum",
	"schema-min-properties":     "an object has too few properties",
	// Swagger 2.0 semantics, as go-openapi/validate checks them.
	"unresolved-ref":             "a $ref points at nothing",
	CodeExternalRef:              "a $ref to another file that is not followed: it leaves the document's folder, names a URL, or names a file that cannot be read",
	"duplicate-operation-id":     "two operations share an operationId",
	"duplicate-parameter":        "an operation declares a parameter twice",
	"parameter-pattern-invalid":  "a parameter's pattern is not a valid regular expression",
	"validation-type-mismatch":   "a parameter has validations for another type (warning)",
	"path-overlap":               "two paths differ only in parameter names",
	"path-garbled":               "a path keeps braces or spaces once its parameters are stripped (warning)",
	"path-param-duplicate":       "a path names the same parameter twice",
	"path-param-garbled":         "a path parameter name has braces or spaces (warning)",
	"path-param-undeclared":      "a path parameter has no parameter definition",
	"path-param-not-in-path":     "a path parameter definition has no place in the path",
	"path-param-empty":           "a path has an empty parameter name {}",
	"security-scheme-undeclared": "a security requirement names no security scheme",
	"security-scopes-not-empty":  "a security requirement lists scopes for a scheme that has none",
	"security-scope-undeclared":  "a security requirement lists a scope its OAuth2 scheme does not declare (warning)",
	"default-invalid":            "a parameter's default does not satisfy the parameter",
	"required-with-default":      "a required parameter has a default (warning)",
	"unused-response":            "a root response is never referenced (warning)",
	"paths-empty":                "the Paths Object has no member that starts with / (warning)",
	CodeNotChecked:               "(a program without the reference validator, such as the WebAssembly module) the document is outside the part of Swagger 2.0 the fast validator checks beyond the JSON Schema (warning)",
	CodeSwaggerInvalid:           "a finding of the reference validator, go-openapi/validate (with -strict, or for documents outside the fast validator's part of Swagger 2.0)",
	// OpenAPI 3.0, as kin-openapi checks it beyond the official schema
	// (with the Swagger 2.0 codes above where the meaning is the same).
	CodeOpenAPIVersion:             "the document's openapi is not 3.0.x (nor is there a swagger: \"2.0\"): nothing else is checked",
	"schema-max-properties":        "an object has too many properties (the OpenAPI 3.0 schema: a parameter's content has one media type)",
	check.CodeEmptyValue:           "a value that OpenAPI 3.0 needs non-empty is empty: info.title, info.version, a root server's url, a parameter's or apiKey scheme's name",
	check.CodeExampleInvalid:       "an OpenAPI 3.0 example does not satisfy its schema (type, enum, lengths, bounds, pattern)",
	check.CodeResponsesWithoutCode: "an OpenAPI 3.0 Responses Object has extensions and no response code",
	check.CodeComponentName:        "an OpenAPI 3.0 component name has characters other than A-Z a-z 0-9 . - _",
	CodeOpenAPI3Invalid:            "a finding of the OpenAPI 3.0 reference validator, kin-openapi (with -strict, or for documents outside the fast checker's part of OpenAPI 3.0)",
	// The APIG rules.
	"apig-type":                     "an x-apigateway-* value has the wrong JSON type",
	"apig-enum":                     "an x-apigateway-* value is not one the gateway allows",
	"apig-required":                 "an x-apigateway-* object lacks a field the gateway needs",
	"apig-unknown-extension":        "an x-apigateway-* key the gateway does not know at that place (warning)",
	"apig-ratelimit-undefined":      "x-apigateway-ratelimit names no entry of x-apigateway-ratelimits",
	"apig-access-control-undefined": "x-apigateway-access-control names no entry of x-apigateway-access-controls",
	"apig-security-undeclared":      "an x-apigateway-any-method operation's security names no security scheme",
	"apig-policy-type":              "a backend policy's type is not allowed for the default backend's type",
	"apig-parameter-location":       "a parameter in body or formData, which the gateway does not take",
	"apig-backend-endpoints":        "a backend lacks the endpoints object its type needs",
	"apig-backend-prefix-path":      "a backend path has a {name+} capture, which only frontend paths may have",
}

// CodeUnreadable marks a document that cannot be read at all.
const CodeUnreadable = "unreadable"

// CodeSwaggerInvalid marks a finding of the reference validator,
// github.com/go-openapi/validate, whose findings have no codes of their own.
const CodeSwaggerInvalid = "swagger-invalid"

// FindingCodes returns every finding code with its meaning.
func FindingCodes() map[string]string { return maps.Clone(findingCodes) }
