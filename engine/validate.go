package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/apigexport/apigexport/model"
	"go.yaml.in/yaml/v3"
)

// Severity of a [Finding].
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Finding is one problem in a Swagger document.
type Finding struct {
	// Severity is error or warning.
	Severity string `json:"severity"`
	// Code is a stable kebab-case code.
	Code string `json:"code"`
	// Path is the JSON pointer of the value concerned ("" for the root or
	// when unknown).
	Path string `json:"path"`
	// Message says what is wrong.
	Message string `json:"message"`
}

func (f Finding) String() string {
	path := f.Path
	if path == "" {
		path = "/"
	}
	return fmt.Sprintf("%s %s %s: %s", f.Severity, f.Code, path, f.Message)
}

// CodeSwaggerInvalid marks a finding of the reference validator,
// github.com/go-openapi/validate, whose findings have no codes of their own.
const CodeSwaggerInvalid = "swagger-invalid"

// HasErrors reports whether any finding is an error.
func HasErrors(findings []Finding) bool {
	return slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == SeverityError })
}

func findingsError(findings []Finding) error {
	var msgs []string
	for _, f := range findings {
		msgs = append(msgs, f.String())
	}
	return fmt.Errorf("%s", strings.Join(msgs, "; "))
}

// Validate checks a Swagger 2.0 document, JSON or YAML: with the fast
// validator, whose verdicts are go-openapi/validate's (see fastvalidate.go),
// and with the APIG rules. It returns the findings sorted by path; the
// error is for a document that cannot be read at all. A document outside
// the fast validator's part of Swagger 2.0 (definitions, body parameters,
// $refs to other files, ...) is checked by the registered [Reference],
// or, in a program without one, reported as not-checked. Its $refs to
// other files are not followed: see [ValidateWith].
func Validate(doc []byte) ([]Finding, error) {
	return ValidateWith(doc, ValidateOptions{})
}

// ValidateStrict is [Validate] with the reference validator,
// github.com/go-openapi/validate, in place of the fast one: much slower, and
// the oracle the fast one is tested against. It needs package
// github.com/apigexport/apigexport/engine/reference (see [RegisterReference]).
func ValidateStrict(doc []byte) ([]Finding, error) {
	return ValidateWith(doc, ValidateOptions{Strict: true})
}

// ValidateOptions tune [ValidateWith].
type ValidateOptions struct {
	// Strict checks with the reference validator in place of the fast
	// one, as [ValidateStrict].
	Strict bool
	// Source is where the document's relative $refs lead. The zero
	// Source follows none: a $ref to another file is an external-ref
	// finding.
	Source Source
}

// ValidateWith is [Validate], or [ValidateStrict], with options: among
// them the files that the document's relative $refs name. Only the
// reference validator follows $refs to other files (the fast validator
// hands such documents over), so without one such a document is
// not-checked.
func ValidateWith(doc []byte, opts ValidateOptions) ([]Finding, error) {
	if opts.Strict && !haveReference() {
		return nil, errNoReference
	}
	raw, v, err := readDocument(doc)
	if err != nil {
		return nil, err
	}
	c := checkDocument(v, !opts.Strict)
	c.src = opts.Source
	return c.verdict(func() []byte { return raw }), nil
}

// readDocument reads a JSON or YAML document as JSON and as the tree.
func readDocument(doc []byte) (raw []byte, tree any, err error) {
	if raw, err = ToJSON(doc); err != nil {
		return nil, nil, err
	}
	if tree, err = decodeTree(raw); err != nil {
		return nil, nil, err
	}
	return raw, tree, nil
}

// decodeTree reads a JSON document into the tree. Like the reference
// validator's reader, it keeps the last of duplicate keys.
func decodeTree(raw []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, newError(statusBadRequest, "APIG.3600", jsonError(raw, 0, err))
	}
	return fromGeneric(v), nil
}

func sortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := strings.Compare(a.Severity, b.Severity); c != 0 {
			return c
		}
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	// go-openapi can report the same finding twice.
	return slices.Compact(fs)
}

// ToJSON returns a JSON or YAML document as JSON. JSON input is returned
// as it is; YAML is converted, with an error for what JSON cannot hold
// (non-string keys, anchors that loop).
func ToJSON(doc []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(doc, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil, newError(statusBadRequest, "APIG.3609", "the document is empty")
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		if !json.Valid(trimmed) {
			var v any
			err := json.Unmarshal(trimmed, &v)
			return nil, newError(statusBadRequest, "APIG.3600", jsonError(doc, len(doc)-len(trimmed), err))
		}
		return trimmed, nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(doc, &n); err != nil {
		return nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	v, err := (&yamlReader{budget: maxYAMLNodes}).value(&n, 0)
	if err != nil {
		return nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+err.Error())
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+err.Error())
	}
	return out, nil
}

// Limits of the YAML reader: nesting depth, and the number of values the
// document may expand to, which stops aliases from multiplying
// ("billion laughs").
const (
	maxYAMLDepth = 256
	maxYAMLNodes = 1 << 20
)

// yamlReader turns YAML nodes into the values encoding/json writes, keeping
// numbers exact.
type yamlReader struct {
	budget int
}

func (r *yamlReader) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxYAMLDepth {
		return nil, fmt.Errorf("line %d: nesting deeper than %d levels", n.Line, maxYAMLDepth)
	}
	if r.budget--; r.budget < 0 {
		return nil, fmt.Errorf("line %d: the document expands to more than %d values (aliases?)", n.Line, maxYAMLNodes)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return r.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		return r.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := r.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				return nil, fmt.Errorf("line %d: merge keys (<<) are not supported", k.Line)
			}
			if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.ShortTag() != "!!str" && k.Tag != "!!int") {
				return nil, fmt.Errorf("line %d: expected a string key, got %s", k.Line, k.ShortTag())
			}
			if _, dup := out[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			val, err := r.value(v, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = val
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, fmt.Errorf("line %d: %v", n.Line, err)
			}
			return b, nil
		case "!!int", "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, fmt.Errorf("line %d: %v", n.Line, err)
			}
			if s := n.Value; model.IsJSONNumber(s) {
				return json.Number(s), nil
			}
			b, err := json.Marshal(f)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s is not a JSON number", n.Line, n.Value)
			}
			return json.Number(b), nil
		case "!!str", "!!timestamp", "!!binary":
			return n.Value, nil
		}
		return nil, fmt.Errorf("line %d: unsupported tag %s", n.Line, n.ShortTag())
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}

// CompareValidators returns the findings of the fast validator and of the
// reference validator on one document, without the APIG rules: the
// differential tests' view. A document that the fast validator hands over
// to the reference gets the reference's findings on both sides.
func CompareValidators(doc []byte) (fast, reference []Finding, err error) {
	if !haveReference() {
		return nil, nil, errNoReference
	}
	raw, v, err := readDocument(doc)
	if err != nil {
		return nil, nil, err
	}
	reference = referenceFindings(raw, Source{})
	fast, why := checkDocument(v, true).fastFindings()
	if why != "" {
		return reference, reference, nil
	}
	return sortFindings(fast), reference, nil
}
