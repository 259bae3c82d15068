package engine

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// jsonQuote is encoding/json's quoting with HTML escaping off, the
// reference appendString must match.
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
		if got, want := appendString(nil, s), jsonQuote(s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzWriteString(f *testing.F) {
	for _, s := range quoteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendString(nil, s), jsonQuote(s); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func TestEncodeJSONLayout(t *testing.T) {
	doc := obj{{"a", "x"}, {"empty", obj{}}, {"list", arr{number("1"), true, arr{}}}}
	want := "{\n\t\"a\": \"x\",\n\t\"empty\": {},\n\t\"list\": [\n\t\t1,\n\t\ttrue,\n\t\t[]\n\t]\n}\n"
	if got := string(encodeJSON(doc, 0)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Deeper than the indentation the writer keeps ready.
	var deep any = "x"
	for range 20 {
		deep = arr{deep}
	}
	var v any
	if err := json.Unmarshal(encodeJSON(deep, 0), &v); err != nil {
		t.Fatal(err)
	}
	want20, _ := json.MarshalIndent(v, "", "\t")
	if got := encodeJSON(deep, 0); string(got) != string(want20)+"\n" {
		t.Errorf("20 levels deep:\n%s\nwant\n%s", got, want20)
	}
}

// The path scanners of fastvalidate.go against the regular expressions
// go-openapi/validate uses.
var (
	refPathParam    = regexp.MustCompile(`{[^{}]+?}`)
	refGarbledPath  = regexp.MustCompile(`.*[{}\s]+.*`)
	refGarbledParam = regexp.MustCompile(`{.*[{}\s]+.*}`)
)

var pathSeeds = []string{"/a/{b}", "/a/{b}}", "/{}/{x}{y}", "/a{{b}", "/a/{b c}", "/a/{\nb}", "{x\n}", "/{a\n{}", "{a}{", "/p/{x+}/q", ""}

func checkPathScanners(t *testing.T, s string) {
	var want []string
	for seg := range strings.SplitSeq(s, "/") {
		want = append(want, refPathParam.FindAllString(seg, -1)...)
	}
	if got := extractPathParams(s); !slices.Equal(got, want) {
		t.Errorf("extractPathParams(%q) = %q, want %q", s, got, want)
	}
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		segs[i] = refPathParam.ReplaceAllString(seg, "X")
	}
	if got, want := stripPathParams(s), strings.Join(segs, "/"); got != want {
		t.Errorf("stripPathParams(%q) = %q, want %q", s, got, want)
	}
	if got, want := garbledPath(s), refGarbledPath.MatchString(s); got != want {
		t.Errorf("garbledPath(%q) = %v, want %v", s, got, want)
	}
	if got, want := garbledParam(s), refGarbledParam.MatchString(s); got != want {
		t.Errorf("garbledParam(%q) = %v, want %v", s, got, want)
	}
}

func TestPathScanners(t *testing.T) {
	for _, s := range pathSeeds {
		checkPathScanners(t, s)
	}
}

func FuzzPathScanners(f *testing.F) {
	for _, s := range pathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkPathScanners)
}
