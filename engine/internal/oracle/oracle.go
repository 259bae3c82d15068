// Package oracle is the ground truth of OpenAPI 3.0 validity that engine's
// own OpenAPI 3.0 checks are tested against: a document is valid when
// both
//   - kin-openapi, the reference OpenAPI 3.0 validator, accepts it
//     ([reference.ValidateOpenAPI3]: openapi3.Loader without external
//     $refs, then T.Validate with [reference.OpenAPI3Options]), and
//   - the official OpenAPI 3.0 JSON Schema (engine/schemas/openapi-3.0.json,
//     iteration 2021-09-28) accepts it, run by an implementation of JSON
//     Schema draft 4 independent of engine's, santhosh-tekuri/jsonschema/v6,
//     which asserts the formats it knows (draft 4 leaves that to the
//     implementation): email, uri, uri-reference, and regex with Go's
//     regexp.
//
// Only tests import it (it links kin-openapi and santhosh-tekuri/jsonschema;
// engine/internal/embedder's TestDeps proves that neither an embedder of
// engine nor the WebAssembly module links them). Neither half reads a file
// or a URL.
package oracle

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/engine/reference"
	"github.com/apigexport/apigexport/engine/schemas"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaID is the id of the official schema, as the compiler knows it.
const SchemaID = "https://spec.openapis.org/oas/3.0/schema/2021-09-28"

// A SchemaError is one refusal of the official schema: the JSON pointer of
// the document's value and what the schema's keyword there says.
type SchemaError struct {
	Pointer string
	Keyword string // the schema location that refused, from the schema's root ("/definitions/Info/required")
	Message string
}

func (e SchemaError) String() string {
	p := e.Pointer
	if p == "" {
		p = "(root)"
	}
	return p + ": " + e.Message + " [" + e.Keyword + "]"
}

// Verdict is the oracle's answer on one document.
type Verdict struct {
	// Kin holds kin-openapi's findings; none when it accepts.
	Kin []engine.Finding
	// Schema holds the official schema's refusals (the innermost causes);
	// none when it accepts.
	Schema []SchemaError
}

// KinValid says whether kin-openapi accepts the document.
func (v Verdict) KinValid() bool { return len(v.Kin) == 0 }

// SchemaValid says whether the official schema accepts the document.
func (v Verdict) SchemaValid() bool { return len(v.Schema) == 0 }

// Valid is the oracle's verdict: kin-openapi and the official schema both
// accept the document.
func (v Verdict) Valid() bool { return v.KinValid() && v.SchemaValid() }

// String is a short account of the verdict, for test failures.
func (v Verdict) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "kin-openapi %s, official schema %s", word(v.KinValid()), word(v.SchemaValid()))
	for _, f := range v.Kin {
		b.WriteString("\n  kin-openapi: " + f.Message)
	}
	for _, e := range v.Schema {
		b.WriteString("\n  schema: " + e.String())
	}
	return b.String()
}

func word(ok bool) string {
	if ok {
		return "accepts"
	}
	return "refuses"
}

// Check runs both halves on a JSON or YAML document. The error is for a
// document that is not JSON or YAML ([engine.ToJSON]'s).
func Check(doc []byte) (Verdict, error) {
	kin, err := reference.ValidateOpenAPI3(doc)
	if err != nil {
		return Verdict{}, err
	}
	sch, err := Schema(doc)
	if err != nil {
		return Verdict{}, err
	}
	return Verdict{Kin: kin, Schema: sch}, nil
}

// Valid is Check's verdict alone.
func Valid(doc []byte) (bool, error) {
	v, err := Check(doc)
	return v.Valid(), err
}

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	s, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemas.OpenAPI30))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	// Nothing is fetched: the draft 4 meta-schema is built in, and the
	// official schema is the one resource given.
	c.UseLoader(noLoader{})
	if err := c.AddResource(SchemaID, s); err != nil {
		return nil, err
	}
	return c.Compile(SchemaID)
})

type noLoader struct{}

func (noLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("the oracle reads no other schema than the official one: %s", url)
}

var printer = message.NewPrinter(language.English)

// Schema runs the official OpenAPI 3.0 JSON Schema alone on a JSON or YAML
// document and returns its refusals, sorted by pointer, then schema
// location, then message: the same on every run.
func Schema(doc []byte) ([]SchemaError, error) {
	sch, err := compiled()
	if err != nil {
		return nil, fmt.Errorf("oracle: the official schema does not compile: %w", err)
	}
	raw, err := engine.ToJSON(doc)
	if err != nil {
		return nil, err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	err = sch.Validate(inst)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, err
	}
	var out []SchemaError
	var leaves func(e *jsonschema.ValidationError)
	leaves = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				leaves(c)
			}
			return
		}
		// The validator lists the names it found in an object in map
		// order: sorted, a message is the same on every run.
		switch k := e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			slices.Sort(k.Properties)
		case *kind.Required:
			slices.Sort(k.Missing)
		case *kind.Dependency:
			slices.Sort(k.Missing)
		}
		out = append(out, SchemaError{
			Pointer: pointer(e.InstanceLocation),
			Keyword: strings.TrimPrefix(e.SchemaURL, SchemaID+"#"),
			Message: e.ErrorKind.LocalizedString(printer),
		})
	}
	leaves(ve)
	slices.SortStableFunc(out, func(a, b SchemaError) int {
		if c := strings.Compare(a.Pointer, b.Pointer); c != 0 {
			return c
		}
		if c := strings.Compare(a.Keyword, b.Keyword); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return slices.Compact(out), nil
}

func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString("/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(t))
	}
	return b.String()
}
