package engine

import (
	"bytes"
	"encoding/json"
	"testing"

	"go.yaml.in/yaml/v3"
)

// jsonQuote is encoding/json's quoting with HTML escaping off, the
// reference writeString must match.
func jsonQuote(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

var quoteSeeds = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\x00\x01\x1f\x7f",
	"<html> & 'amp'", "\u2028\u2029", "héllo wörld 中文", "bad \xff utf-8 \xe2\x82", "\b\f",
}

func TestWriteStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range quoteSeeds {
		var b bytes.Buffer
		writeString(&b, s)
		if want := jsonQuote(s); !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%q: got %s, want %s", s, b.Bytes(), want)
		}
	}
}

func FuzzWriteString(f *testing.F) {
	for _, s := range quoteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		writeString(&b, s)
		if want := jsonQuote(s); !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("%q: got %s, want %s", s, b.Bytes(), want)
		}
	})
}

func TestEncodeJSONLayout(t *testing.T) {
	doc := obj{{"a", "x"}, {"empty", obj{}}, {"list", arr{number("1"), true, arr{}}}}
	want := "{\n\t\"a\": \"x\",\n\t\"empty\": {},\n\t\"list\": [\n\t\t1,\n\t\ttrue,\n\t\t[]\n\t]\n}\n"
	if got := string(encodeJSON(doc)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestYAMLQuotesAmbiguousStrings: strings that a YAML 1.1 reader would take
// for something else are quoted, and every string reads back as itself.
func TestYAMLQuotesAmbiguousStrings(t *testing.T) {
	quoted := []string{"yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "", "123", "1:30", "0b101",
		"1_000", "2019-09-12", "-1", "+1", ".5", "0x1F", "1e3"}
	plain := []string{"plain", "/products/{id}", "apig-auth-app", "$context.requestId", "NORMAL"}
	for _, s := range append(quoted, plain...) {
		out, err := encodeYAML(obj{{"k", s}})
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if err := yaml.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		if back["k"] != s {
			t.Errorf("%q reads back as %#v from %s", s, back["k"], out)
		}
	}
	for _, s := range quoted {
		out, _ := encodeYAML(obj{{"k", s}})
		if !bytes.Contains(out, []byte("k: '")) && !bytes.Contains(out, []byte(`k: "`)) {
			t.Errorf("%q is not quoted: %s", s, out)
		}
	}
	for _, s := range plain {
		out, _ := encodeYAML(obj{{"k", s}})
		if !bytes.Equal(out, []byte("k: "+s+"\n")) {
			t.Errorf("%q is quoted needlessly: %s", s, out)
		}
	}
}

func TestYAMLLayout(t *testing.T) {
	doc := obj{{"security", arr{obj{{"apig-auth-app", arr{}}}}}, {"empty", obj{}}, {"num", number("1.5")}, {"long", string(bytes.Repeat([]byte("word "), 40))}}
	out, err := encodeYAML(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := "security:\n  - apig-auth-app: []\nempty: {}\nnum: 1.5\nlong: '" + string(bytes.Repeat([]byte("word "), 40)) + "'\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
