package engine_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// notStricter are documents that go-openapi/validate finds valid and on
// which the fast validator once gave errors: it must never give a verdict
// the reference would not. want is the code of a warning both give, if any.
var notStricter = []struct {
	name, doc, want string
}{
	// A response written as `'200':` with no value: the reference checks a
	// null against a schema's type and enum only, and a Responses Object's
	// values have neither (a oneOf of response and $ref).
	{"null-response", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n", ""},
	{"null-default-response", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        default:\n        '404':\n        x-a:\n", ""},
	// Draft 4's "id" and "$schema" pass wherever additional properties
	// are forbidden, as in a Schema Object.
	{"id-in-schema", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, schema: {$ref: '#/definitions/Category'}}\ndefinitions:\n  Category:\n    type: object\n    id: Category\n    $schema: http://json-schema.org/draft-04/schema#\n    properties:\n      id: {type: integer, format: int64}\n      name: {type: string}\n", ""},
	{"id-at-root", "swagger: '2.0'\ninfo: {title: t, version: '1'}\nid: x\n$schema: y\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n", ""},
	// A Paths Object with no path draws a warning from both.
	{"paths-empty", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "paths-empty"},
	{"paths-only-extensions", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {x-a: 1}\n", "paths-empty"},
}

// TestFastValidatorNotStricter: the fast validator (Validate) finds no
// error in documents the reference finds valid, and draws the same
// warnings; where the reference is built in, it agrees with it.
func TestFastValidatorNotStricter(t *testing.T) {
	for _, c := range notStricter {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fs, err := engine.Validate([]byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if engine.HasErrors(fs) {
				t.Errorf("errors where the reference finds none: %v", fs)
			}
			if c.want != "" && !slices.ContainsFunc(fs, func(f engine.Finding) bool { return f.Code == c.want }) {
				t.Errorf("no %s warning in %v", c.want, fs)
			}
			if runtime.GOOS == "js" {
				return // no reference to compare with
			}
			if msg := disagreement([]byte(c.doc)); msg != "" {
				t.Error(msg)
			}
			_, ref, _ := compare([]byte(c.doc))
			if engine.HasErrors(ref) {
				t.Errorf("the reference finds errors: %v", ref)
			}
		})
	}
}

// edges are small documents at the corners where go-openapi/validate is
// not JSON Schema (nulls; integers; a parameter's default against its type,
// format and bounds; a $ref read as a URI, with %XX escapes; the checks
// of "type": "array" and "items" it makes of every object): the fast
// validator must agree with it on each.
var edges = []struct{ name, doc string }{
	{"intdefault", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: integer, default: 1.0000000001}\n      - {name: r, in: query, type: integer, default: 1e16}\n      responses:\n        \"200\": {description: ok}\n"},
	{"ranges", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: integer, maximum: 1.5, default: 1}\n      - {name: r, in: query, type: integer, format: int32, default: 3000000000}\n      - {name: s, in: query, type: number, format: float, default: 1e39}\n      - {name: u, in: query, type: integer, format: uint32, default: -1}\n      - {name: v, in: query, type: integer, default: 2.0}\n      responses:\n        \"200\": {description: ok}\n"},
	{"secnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nsecurityDefinitions:\n  a:\npaths:\n  /a:\n    get:\n      security: [{a: []}]\n      responses:\n        \"200\": {description: ok}\n"},
	{"rootrespnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  r:\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/r\"}\n"},
	{"paramnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters: [null]\n      responses:\n        \"200\": {description: ok}\n"},
	{"enumnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: string, enum: [null, a]}\n      responses:\n        \"200\": {description: ok}\n"},
	{"defnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: string, default:}\n      responses:\n        \"200\": {description: ok}\n"},
	{"bigmax", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: string, maxLength: 1e16}\n      responses:\n        \"200\": {description: ok}\n"},
	{"opidnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      operationId:\n      responses:\n        \"200\": {description: ok}\n"},
	{"secreqnull", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nsecurityDefinitions:\n  a: {type: basic}\nsecurity:\n- a:\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {description: ok}\n"},
	{"tolerant-integer", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: string, maxLength: 5.000000001}\n      responses:\n        \"200\": {description: ok}\n"},
	{"ref-with-space", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"Not Found\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/Not Found\"}\n"},
	{"ref-percent-escape", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"a%20b\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/a%20b\"}\n"},
	{"ref-bad-escape", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"a%zz\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/a%zz\"}\n"},
	{"ref-with-hash", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"a#b\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/a#b\"}\n"},
	{"ref-non-ascii", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"é\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/é\"}\n"},
	{"ref-pointer-escape", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nresponses:\n  \"a/b\": {description: x}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {$ref: \"#/responses/a~1b\"}\n"},
	{"multiple-of", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: integer, multipleOf: 0.1, default: 3}\n      - {name: r, in: query, type: number, multipleOf: 0.1, default: 0.3}\n      - {name: s, in: query, type: number, minimum: 1, exclusiveMinimum: true, default: 1}\n      responses:\n        \"200\": {description: ok}\n"},
	{"precheck-arraynoitems", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {description: ok, schema: {$ref: \"#/definitions/A\"}}\ndefinitions:\n  A: {type: array}\n"},
	{"precheck-itemsnotarray", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {description: ok, schema: {$ref: \"#/definitions/A\"}}\ndefinitions:\n  A: {type: object, items: {type: string}}\n"},
	{"precheck-extitems", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nx-foo: {items: 1}\npaths:\n  /a:\n    get:\n      x-bar: {type: array}\n      responses:\n        \"200\": {description: ok}\n"},
	{"precheck-extarray", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      x-bar: {type: array}\n      responses:\n        \"200\": {description: ok}\n"},
	{"precheck-extarrayinlist", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      x-bar: [{type: array}]\n      responses:\n        \"200\": {description: ok}\n"},
	{"precheck-exempt", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {description: ok, schema: {type: object, properties: {items: {type: string}, type: {type: string}}, example: {type: array, items: 1}}}\n"},
	{"precheck-defaultobj", "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      parameters:\n      - {name: q, in: query, type: string, default: {type: array}}\n      responses:\n        \"200\": {description: ok}\n"},
}

func TestFastValidatorEdges(t *testing.T) {
	needReference(t)
	for _, c := range edges {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if msg := disagreement([]byte(c.doc)); msg != "" {
				t.Error(msg)
			}
		})
	}
}
