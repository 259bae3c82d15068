package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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
//
// A document in which an object has a key twice is refused: its findings
// are one duplicate-key error per repeated key, and nothing is validated
// (see dupkeys.go).
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
	raw, v, dups, err := readDocument(doc)
	if err != nil || dups != nil {
		return dups, err
	}
	c := checkDocument(v, !opts.Strict)
	c.src = opts.Source
	return c.verdict(func() []byte { return raw }), nil
}

// readDocument reads a JSON or YAML document as JSON and as the tree. dups
// are the keys that an object has twice (the tree keeps the last).
func readDocument(doc []byte) (raw []byte, tree any, dups []Finding, err error) {
	if raw, dups, err = toJSON(doc); err != nil {
		return nil, nil, nil, err
	}
	if tree, err = decodeTree(raw); err != nil {
		return nil, nil, nil, err
	}
	return raw, tree, sortFindings(dups), nil
}

// decodeTree reads a JSON document into the tree. Like the reference
// validator's reader, it keeps the last of duplicate keys (which
// readDocument reports).
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
// (non-string keys, anchors that loop) and for a key that a mapping has
// twice.
func ToJSON(doc []byte) ([]byte, error) {
	out, dups, err := toJSON(doc)
	if err == nil && dups != nil && !isJSON(doc) {
		return nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+dups[0].Path+": "+dups[0].Message)
	}
	return out, err
}

func isJSON(doc []byte) bool {
	trimmed := bytes.TrimLeft(doc, " \t\r\n\ufeff")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// toJSON is ToJSON, with the keys that an object has twice as findings
// (the JSON keeps the last), in JSON and YAML alike.
func toJSON(doc []byte) ([]byte, []Finding, error) {
	trimmed := bytes.TrimLeft(doc, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil, nil, newError(statusBadRequest, "APIG.3609", "the document is empty")
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		if !json.Valid(trimmed) {
			var v any
			err := json.Unmarshal(trimmed, &v)
			return nil, nil, newError(statusBadRequest, "APIG.3600", jsonError(doc, len(doc)-len(trimmed), err))
		}
		return trimmed, jsonDuplicateKeys(trimmed), nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(doc, &n); err != nil {
		return nil, nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+strings.TrimPrefix(err.Error(), "yaml: "))
	}
	r := &yamlReader{budget: maxYAMLNodes}
	v, err := r.value(&n, 0)
	if err != nil {
		return nil, nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+err.Error())
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, nil, newError(statusBadRequest, "APIG.3600", "invalid YAML: "+err.Error())
	}
	return out, r.dups, nil
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
	path   []string  // of the value being read
	dups   []Finding // keys that a mapping has twice
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
		for i, c := range n.Content {
			r.path = append(r.path, strconv.Itoa(i))
			v, err := r.value(c, depth+1)
			r.path = r.path[:len(r.path)-1]
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		lines := make(map[string]int, len(n.Content)/2)
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.ShortTag() != "!!str" && k.Tag != "!!int") {
				return nil, fmt.Errorf("line %d: expected a string key, got %s", k.Line, k.ShortTag())
			}
			r.path = append(r.path, k.Value)
			if first, dup := lines[k.Value]; dup {
				r.dups = append(r.dups, duplicateKeyFinding(pointer(r.path...), k.Value, first, k.Line))
			} else {
				lines[k.Value] = k.Line
			}
			val, err := r.value(v, depth+1)
			r.path = r.path[:len(r.path)-1]
			if err != nil {
				return nil, err
			}
			out[k.Value] = val
		}
		// Merge keys (<<: *base, or <<: [*a, *b]) add the keys of the
		// mappings they name that the mapping does not have itself; of
		// two merged mappings, the first wins.
		for _, m := range merges {
			srcs := []*yaml.Node{m}
			if resolved := resolveAlias(m); resolved.Kind == yaml.SequenceNode {
				srcs = resolved.Content
			}
			for _, src := range srcs {
				if resolveAlias(src).Kind != yaml.MappingNode {
					return nil, fmt.Errorf("line %d: a merge key (<<) takes a mapping or a list of mappings", src.Line)
				}
				v, err := r.value(src, depth+1)
				if err != nil {
					return nil, err
				}
				for k, e := range v.(map[string]any) {
					if _, ok := out[k]; !ok {
						out[k] = e
					}
				}
			}
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

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < maxYAMLDepth; i++ {
		n = n.Alias
	}
	return n
}

// CompareValidators returns the findings of the fast validator and of the
// reference validator on one document, without the APIG rules: the
// differential tests' view. A document that the fast validator hands over
// to the reference gets the reference's findings on both sides. A document
// with a key twice is an error: both Validate and ValidateStrict refuse it
// before any validator runs.
func CompareValidators(doc []byte) (fast, reference []Finding, err error) {
	if !haveReference() {
		return nil, nil, errNoReference
	}
	raw, v, dups, err := readDocument(doc)
	if err != nil {
		return nil, nil, err
	}
	if dups != nil {
		// Refused before either validator runs: see dupkeys.go.
		return nil, nil, newError(statusBadRequest, "APIG.3600", "the document is refused: "+dups[0].String())
	}
	reference = referenceFindings(raw, Source{})
	fast, why := checkDocument(v, true).fastFindings()
	if why != "" {
		return reference, reference, nil
	}
	return sortFindings(fast), reference, nil
}
