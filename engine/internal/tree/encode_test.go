package tree

import (
	"bytes"
	"encoding/json"
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
	doc := Obj{{"a", "x"}, {"empty", Obj{}}, {"list", Arr{Number("1"), true, Arr{}}}}
	want := "{\n\t\"a\": \"x\",\n\t\"empty\": {},\n\t\"list\": [\n\t\t1,\n\t\ttrue,\n\t\t[]\n\t]\n}\n"
	if got := string(EncodeJSON(doc, 0)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Deeper than the indentation the writer keeps ready.
	var deep any = "x"
	for range 20 {
		deep = Arr{deep}
	}
	var v any
	if err := json.Unmarshal(EncodeJSON(deep, 0), &v); err != nil {
		t.Fatal(err)
	}
	want20, _ := json.MarshalIndent(v, "", "\t")
	if got := EncodeJSON(deep, 0); string(got) != string(want20)+"\n" {
		t.Errorf("20 levels deep:\n%s\nwant\n%s", got, want20)
	}
}

// TestPlainWords checks the eight-byte tests against the tables they
// stand for: every byte value at every position of a word otherwise
// plain, and pairs of bytes, whose borrows and carries could mislead.
func TestPlainWords(t *testing.T) {
	words := []struct {
		name  string
		word  func(uint64) bool
		table *[256]bool
	}{{"plainWord", plainWord, &plainASCII}, {"plainInnerWord", plainInnerWord, &plainInner}}
	for _, w := range words {
		check := func(s []byte) {
			want := true
			for _, c := range s {
				want = want && w.table[c]
			}
			if got := w.word(load64(string(s), 0)); got != want {
				t.Fatalf("%s(%q) = %v, want %v", w.name, s, got, want)
			}
		}
		for pos := range 8 {
			for c := range 256 {
				s := []byte("abcdefgh")
				s[pos] = byte(c)
				check(s)
				for c2 := range 256 {
					s2 := append([]byte(nil), s...)
					s2[(pos+1)%8] = byte(c2)
					check(s2)
				}
			}
		}
	}
}
