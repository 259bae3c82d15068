package tree

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlV3Encode is the YAML writer the engine had before its own: the tree
// as a yaml.Node tree, written by yaml.v3's encoder. The tests hold the
// writer to its bytes wherever they read back as the same value.
func yamlV3Encode(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(yamlV3Node(v)); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func yamlV3Node(v any) *yaml.Node {
	switch v := v.(type) {
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		if needsQuotes(v) {
			n.Style = yaml.SingleQuotedStyle
		}
		if !utf8.ValidString(v) {
			n.Value = strings.ToValidUTF8(v, "\uFFFD")
		}
		return n
	case Number:
		tag := "!!int"
		if strings.ContainsAny(string(v), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(v)}
	case bool:
		s := "false"
		if v {
			s = "true"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: s}
	case Obj:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if len(v) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, m := range v {
			n.Content = append(n.Content, yamlV3Node(m.Key), yamlV3Node(m.Val))
		}
		return n
	case Arr:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if len(v) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, e := range v {
			n.Content = append(n.Content, yamlV3Node(e))
		}
		return n
	}
	panic(fmt.Sprintf("engine: cannot encode %T", v))
}
