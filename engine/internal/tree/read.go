package tree

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/apigexport/apigexport/model"
	"go.yaml.in/yaml/v3"
)

// errEmpty is the error of reading a document of only white space.
var ErrEmpty = errors.New("the document is empty")

// Read reads a JSON or YAML document as JSON and as the tree. dups
// are the keys that an object has twice (the tree keeps the last), in the
// order of the text.
func Read(doc []byte) (raw []byte, tree any, dups []DuplicateKey, err error) {
	if raw, dups, err = ToJSON(doc); err != nil {
		return nil, nil, nil, err
	}
	if tree, err = Decode(raw); err != nil {
		return nil, nil, nil, err
	}
	return raw, tree, dups, nil
}

// Decode reads a JSON document into the tree. Like the reference
// validator's reader, it keeps the last of duplicate keys (which
// Read reports).
func Decode(raw []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, errors.New(JSONError(raw, 0, err))
	}
	return FromGeneric(v), nil
}

func IsJSON(doc []byte) bool {
	trimmed := bytes.TrimLeft(doc, " \t\r\n\ufeff")
	return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
}

// ToJSON is ToJSON, with the keys that an object has twice as findings
// (the JSON keeps the last), in JSON and YAML alike.
func ToJSON(doc []byte) ([]byte, []DuplicateKey, error) {
	trimmed := bytes.TrimLeft(doc, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil, nil, ErrEmpty
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		if !json.Valid(trimmed) {
			var v any
			err := json.Unmarshal(trimmed, &v)
			return nil, nil, errors.New(JSONError(doc, len(doc)-len(trimmed), err))
		}
		return trimmed, jsonDuplicateKeys(trimmed), nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(doc, &n); err != nil {
		return nil, nil, errors.New("invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "))
	}
	r := &yamlReader{budget: MaxYAMLNodes}
	v, err := r.value(&n, 0)
	if err != nil {
		return nil, nil, errors.New("invalid YAML: " + err.Error())
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, nil, errors.New("invalid YAML: " + err.Error())
	}
	return out, r.dups, nil
}

// Limits of the YAML reader: nesting depth, and the number of values the
// document may expand to, which stops aliases from multiplying
// ("billion laughs").
const (
	maxYAMLDepth = 256
	MaxYAMLNodes = 1 << 20
)

// yamlReader turns YAML nodes into the values encoding/json writes, keeping
// numbers exact.
type yamlReader struct {
	budget int
	path   []string       // of the value being read
	dups   []DuplicateKey // keys that a mapping has twice
}

func (r *yamlReader) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxYAMLDepth {
		return nil, fmt.Errorf("line %d: nesting deeper than %d levels", n.Line, maxYAMLDepth)
	}
	if r.budget--; r.budget < 0 {
		return nil, fmt.Errorf("line %d: the document expands to more than %d values (aliases?)", n.Line, MaxYAMLNodes)
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
				r.dups = append(r.dups, DuplicateKey{Pointer("", r.path...), k.Value, first, k.Line})
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
