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

// quoteBoth is appendString(nil, s), which must grow the slice, and
// appendString after a prefix into a slice with room, which copies a
// string with nothing to escape as it checks it: both must be jsonQuote's.
func quoteBoth(s string) (grown, roomy []byte) {
	grown = appendString(nil, s)
	roomy = appendString(append(make([]byte, 0, 3+len(s)+2), "abc"...), s)
	return grown, roomy[3:]
}

func TestWriteStringMatchesEncodingJSON(t *testing.T) {
	seeds := append([]string{"12345678", "1234567", "123456789", "123456789abcdef\"", "\"23456789abcdef"}, quoteSeeds...)
	for _, s := range seeds {
		grown, roomy := quoteBoth(s)
		if want := jsonQuote(s); !bytes.Equal(grown, want) || !bytes.Equal(roomy, want) {
			t.Errorf("%q: got %s and %s, want %s", s, grown, roomy, want)
		}
	}
}

func FuzzWriteString(f *testing.F) {
	for _, s := range quoteSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		grown, roomy := quoteBoth(s)
		if want := jsonQuote(s); !bytes.Equal(grown, want) || !bytes.Equal(roomy, want) {
			t.Fatalf("%q: got %s and %s, want %s", s, grown, roomy, want)
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

// TestEncodeJSONAnyRoom writes one document into buffers of every
// capacity up to its size: the layout's two-word stores and the strings'
// copy as they are checked take the room they need, or fall back to
// append, at each boundary, and the bytes are encoding/json's.
func TestEncodeJSONAnyRoom(t *testing.T) {
	doc := Obj{{"swagger", "2.0"}, {"a \"quoted\" key", "line\nbreak"}, {"paths", Obj{
		{"/p/{id}", Obj{{"get", Obj{
			{"operationId", "a-longer-operation-identifier"}, {"tags", Arr{"x", "eight888", "é"}},
			{"parameters", Arr{Obj{{"name", "id"}, {"in", "path"}, {"required", true}, {"maximum", Number("100")}}}},
			{"empty", Obj{}}, {"none", Arr{}}, {"no", false},
		}}}},
	}}}
	// The reference: the same bytes made compact and indented again by
	// encoding/json, which keeps the order of the keys.
	full := appendJSON(make([]byte, 0, 1<<12), doc, 0)
	var compact, want bytes.Buffer
	if err := json.Compact(&compact, full); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&want, compact.Bytes(), "", "\t"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(full, want.Bytes()) {
		t.Fatalf("got\n%s\nwant\n%s", full, want.Bytes())
	}
	for c := range len(full) + 1 {
		if got := appendJSON(make([]byte, 0, c), doc, 0); !bytes.Equal(got, full) {
			t.Fatalf("capacity %d:\n%s\nwant\n%s", c, got, full)
		}
	}
}

// TestCopyPlain holds copyPlain to plainASCII for strings of every length
// up to 17 (the short, four-byte and eight-byte paths), with each byte in
// turn a byte that needs escaping or quoting, or outside ASCII.
func TestCopyPlain(t *testing.T) {
	for n := range 18 {
		for at := -1; at < n; at++ {
			for _, bad := range []byte{'"', '\\', '\n', 0, 0x1f, 0x7f, 0x80, 0xff} {
				src := []byte("abcdefghijklmnopq")[:n]
				if at >= 0 {
					src[at] = bad
				}
				want := true
				for _, c := range src {
					want = want && plainASCII[c]
				}
				d := make([]byte, n)
				got := copyPlain(d, string(src))
				if got != want || (got && string(d) != string(src)) {
					t.Fatalf("copyPlain(%q) = %v, %q; want %v", src, got, d, want)
				}
			}
		}
	}
}
