package tree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml11Plain lists the plain scalars that a YAML 1.1 reader takes for
// another type than a string: the regular expressions of the YAML 1.1
// type repository (yaml.org/type: bool, null, int, float, timestamp,
// merge, value), as PyYAML and other 1.1 readers resolve them.
var yaml11Plain = []struct {
	typ string
	re  *regexp.Regexp
}{
	{"bool", regexp.MustCompile(`^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)},
	{"null", regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)},
	{"int", regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)},
	{"float", regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)},
	// PyYAML also reads 1e3 and 1.0e3 as floats (its resolver makes the
	// exponent's sign optional).
	{"float", regexp.MustCompile(`^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$`)},
	{"timestamp", regexp.MustCompile(`^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*Z|[ \t]*[-+][0-9][0-9]?(?::[0-9][0-9])?)?)$`)},
	{"merge", regexp.MustCompile(`^<<$`)},
	{"value", regexp.MustCompile(`^=$`)},
}

// yaml11Type is the type a YAML 1.1 reader gives plain s, or "".
func yaml11Type(s string) string {
	for _, p := range yaml11Plain {
		if p.re.MatchString(s) {
			return p.typ
		}
	}
	return ""
}

func TestYAML11List(t *testing.T) {
	for s, want := range map[string]string{"yes": "bool", "Off": "bool", "~": "null", "": "null", "0755": "int",
		"1_000": "int", "190:20:30": "int", "0x1F": "int", "0b101": "int", "1.5": "float", ".5": "float",
		"1e3": "float", "-.inf": "float", ".NaN": "float", "2001-12-14": "timestamp",
		"2001-12-14 21:59:43.10 -5": "timestamp", "<<": "merge", "=": "value",
		"yEs": "", "plain": "", "1a": "", "/a": ""} {
		if got := yaml11Type(s); got != want {
			t.Errorf("yaml11Type(%q) = %q, want %q", s, got, want)
		}
	}
}

// yamlStrings are strings that have something for every rule of the
// writer: YAML 1.1 and 1.2 words, numbers, indicators, white space, line
// breaks of every kind, quotes, escapes, characters yaml.v3 escapes, the
// 128-byte limit of a simple key.
var yamlStrings = []string{
	"", "plain", "/products/{id}", "apig-auth-app", "$context.requestId", "NORMAL", "a b", "é", "中文",
	"yes", "No", "on", "OFF", "y", "n", "true", "True", "null", "NULL", "~", "=", "<<", ".inf", "-.Inf", ".nan",
	"123", "-1", "+1", ".5", "1.", "0x1F", "0o17", "0b101", "1_000", "1:30", "1e3", "0755", "007",
	"2019-09-12", "2001-12-14 21:59:43", "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10-05:00", "1 2",
	"- a", "-", "--", "---", "...", "-a", "? x", "?x", ": x", ":x", "x:", "x: y", "x:y", "#c", "a #c", "a#c",
	"a,b", "[a]", "{a}", "&a", "*a", "!a", "|", ">", "'q'", `"q"`, "%a", "@a", "`a", "it's", "a'b'c",
	" lead", "trail ", " ", "  ", "\t", "a\tb", "a\nb", "a\n", "a\n\n", "\n", "\na", " \na", "a \nb", "a\n b",
	"a\r\nb", "a\rb", "\r", "a\u0085b", "a\u2028b", "a\u2029", "\u2028", "a\nb\u2028c", "a\n\rb",
	"\x00", "\x01b", "\x7f", "\u0080", "\u00a0", "a\u00a0", "\ufeffa", "\ufeff", "a\ufeff", "\ufffe", "\uffff",
	"😀", "a😀b", `back\slash`, "bad \xff utf-8", "\xe2\x82", "a\\\"", "\x1b[0m",
	strings.Repeat("k", 128), strings.Repeat("k", 129), strings.Repeat("é", 64), strings.Repeat("é", 65),
	"/" + strings.Repeat("long/", 30) + "{id}",
}

// yamlContexts put a string in each place of a document the writer
// treats apart: a key, a value, a sequence item, nested, after a complex
// key.
var yamlContexts = []func(s string) Obj{
	func(s string) Obj { return Obj{{"k", s}} },
	func(s string) Obj { return Obj{{s, "v"}} },
	func(s string) Obj { return Obj{{s, Obj{{"a", s}, {"b", Arr{s}}}}, {"after", "x"}} },
	func(s string) Obj { return Obj{{"l", Arr{s, Arr{s, Obj{{s, s}}}, Obj{{"a", s}, {s, Arr{}}}}}} },
	func(s string) Obj { return Obj{{"m", Obj{{s, Obj{}}, {"n", Arr{Obj{{"x", Obj{{s, "x"}}}}}}}}} },
	func(s string) Obj {
		return Obj{{strings.Repeat("k", 129), s}, {strings.Repeat("q", 130), Obj{{s, s}}}, {"z\nz", Arr{s}}}
	},
}

// yamlToJSONValue decodes YAML with yaml.v3 into the values encoding/json
// gives, numbers as float64, so that both sides compare.
func yamlValue(t testing.TB, doc []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(doc, &v); err != nil {
		t.Fatalf("yaml.v3 does not read our YAML: %v\n%s", err, doc)
	}
	return normalise(v)
}

func jsonValue(t testing.TB, doc []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, doc)
	}
	return normalise(v)
}

// normalise makes maps map[string]any and every number a float64.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = normalise(e)
		}
		return v
	case map[any]any:
		m := map[string]any{}
		for k, e := range v {
			m[fmt.Sprint(k)] = normalise(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = normalise(e)
		}
		return v
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return v
}

// plainScalars returns the plain scalars of a YAML document, keys and
// values, as yaml.v3 parses it.
func plainScalars(t testing.TB, doc []byte) []string {
	var n yaml.Node
	if err := yaml.Unmarshal(doc, &n); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style == 0 {
			out = append(out, n.Value)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&n)
	return out
}

// checkYAMLString: s in every context reads back as itself through
// yaml.v3, no plain scalar of the output is another type to a YAML 1.1
// reader, and the bytes are yaml.v3's own wherever yaml.v3's read back as
// the same document (yamlDeparts says where they may differ).
func checkYAMLString(t *testing.T, s string) {
	for i, ctx := range yamlContexts {
		if i > 0 && strings.Contains(" k a b after l m n x z\nz ", " "+s+" ") {
			break // a key twice
		}
		doc := ctx(s)
		got := EncodeYAML(doc)
		checkSameAsEmitter(t, doc, got)
		want := jsonValue(t, EncodeJSON(doc, 0))
		if back := yamlValue(t, got); !reflect.DeepEqual(back, want) {
			t.Fatalf("context %d, %q: reads back as\n%#v\nnot\n%#v\nfrom\n%s", i, s, back, want, got)
		}
		for _, p := range plainScalars(t, got) {
			if typ := yaml11Type(p); typ != "" {
				t.Fatalf("context %d, %q: plain %q is a YAML 1.1 %s in\n%s", i, s, p, typ, got)
			}
		}
		ref, err := yamlV3Encode(doc)
		if err != nil || bytes.Equal(got, ref) || !utf8.ValidString(s) {
			continue
		}
		var refBack any
		if yaml.Unmarshal(ref, &refBack) == nil && reflect.DeepEqual(normalise(refBack), want) && !yamlDeparts(s) {
			t.Fatalf("context %d, %q: yaml.v3 wrote\n%s\nwe wrote\n%s", i, s, ref, got)
		}
	}
}

// yamlDeparts reports whether the writer may write s otherwise than
// yaml.v3 though yaml.v3's form reads back: where that form is a plain
// scalar that a YAML 1.1 reader takes for another type, or holds U+2028
// or U+2029 unescaped, which YAML 1.1 and 1.2 readers read differently.
func yamlDeparts(s string) bool {
	return yaml11Type(s) != "" || strings.ContainsAny(s, "\u2028\u2029")
}

// checkSameAsEmitter: the writer wrote v as the emitter it replaced
// (refEncodeYAML) does, byte for byte, and each string of v has the style
// that the general analysis gives it.
func checkSameAsEmitter(t testing.TB, v any, got []byte) {
	t.Helper()
	if ref := refEncodeYAML(v); !bytes.Equal(got, ref) {
		t.Fatalf("the emitter wrote\n%q\nthe writer wrote\n%q", ref, got)
	}
	forEachString(v, func(s string) {
		s = validUTF8(s)
		for _, key := range []bool{false, true} {
			if got, want := yamlStyle(s, key), yamlStyleGeneral(s, key); got != want {
				t.Fatalf("yamlStyle(%q, %v) = %d, the analysis says %d", s, key, got, want)
			}
		}
	})
}

func forEachString(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case Obj:
		for _, m := range v {
			f(m.Key)
			forEachString(m.Val, f)
		}
	case Arr:
		for _, e := range v {
			forEachString(e, f)
		}
	}
}

// TestYAMLRootsAndDepth: roots of every kind, and collections deeper than
// any layout word, as the emitter wrote them.
func TestYAMLRootsAndDepth(t *testing.T) {
	var deep any = "x\ny\n"
	for i := range 40 {
		if i%3 == 0 {
			deep = Arr{deep, "a"}
		} else {
			deep = Obj{{"k", "v"}, {strings.Repeat("q", 129+i%2), deep}}
		}
	}
	for _, v := range []any{Obj{}, Arr{}, Arr{"a", Arr{}, Obj{}}, "", "plain", "a\n", "a\nb", "\n", Number("1"), true, false,
		Obj{{"a\n", "b\n"}}, Obj{{"a\n\n", Arr{"\n", Obj{{"\n", "\n"}}}}}, deep} {
		checkSameAsEmitter(t, v, EncodeYAML(v))
	}
	if got := string(EncodeYAML(Arr{Arr{"a", "b"}, Obj{{"k", "v"}}})); got != "- - a\n  - b\n- k: v\n" {
		t.Errorf("got %q", got)
	}
}

// TestYAMLStyleASCII: the style of one-line ASCII strings, found without
// the analysis, is the analysis's, for every string of up to three bytes
// (and some longer ones and a byte) of an alphabet that has each byte the rules look at.
func TestYAMLStyleASCII(t *testing.T) {
	const alphabet = " -:#?.'\"{,1aoyn=<~+0"
	var walk func(s string, n int)
	walk = func(s string, n int) {
		for _, key := range []bool{false, true} {
			if got, want := yamlStyle(s, key), yamlStyleGeneral(s, key); got != want {
				t.Fatalf("yamlStyle(%q, %v) = %d, the analysis says %d", s, key, got, want)
			}
		}
		if n == 0 {
			return
		}
		for i := range len(alphabet) {
			walk(s+alphabet[i:i+1], n-1)
		}
	}
	walk("", 3)
	for _, s := range []string{"---a", "...", "a: b", "a #b", "2001-12-14 21:59:43.10 -5", "-1", "+.inf", "<<", "=", "x:"} {
		walk(s, 1)
	}
}

// TestCopyYAMLPlain: copyYAMLPlain is plainSafe, and copies.
func TestCopyYAMLPlain(t *testing.T) {
	for _, s := range append(yamlStrings, "abcdefgh", "abcdefg:", "abcdefgh#", "abcdefghi ", "Yes", "offx", "nulls", "~") {
		d := make([]byte, len(s))
		if got, want := copyYAMLPlain(d, s), plainSafe(s); got != want {
			t.Errorf("copyYAMLPlain(%q) = %v, plainSafe %v", s, got, want)
		} else if got && string(d) != s {
			t.Errorf("copyYAMLPlain(%q) copied %q", s, d)
		}
	}
}

func TestYAMLStrings(t *testing.T) {
	for _, s := range yamlStrings {
		checkYAMLString(t, s)
	}
}

func FuzzYAMLString(f *testing.F) {
	for _, s := range yamlStrings {
		f.Add(s)
	}
	f.Fuzz(checkYAMLString)
}

// TestYAMLQuotesAmbiguousStrings: strings that a YAML 1.1 reader would take
// for something else are quoted, and the plain ones are left plain.
func TestYAMLQuotesAmbiguousStrings(t *testing.T) {
	quoted := []string{"yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "", "123", "1:30", "0b101",
		"1_000", "2019-09-12", "-1", "+1", ".5", "0x1F", "1e3", "=", "<<", "2001-12-14 21:59:43.10 -5"}
	plain := []string{"plain", "/products/{id}", "apig-auth-app", "$context.requestId", "NORMAL", "a b", "x:y", "a#b"}
	for _, s := range quoted {
		if out := EncodeYAML(Obj{{"k", s}}); !bytes.HasPrefix(out, []byte("k: '")) && !bytes.HasPrefix(out, []byte(`k: "`)) {
			t.Errorf("%q is not quoted: %s", s, out)
		}
	}
	for _, s := range plain {
		if out := EncodeYAML(Obj{{"k", s}}); string(out) != "k: "+s+"\n" {
			t.Errorf("%q is quoted needlessly: %s", s, out)
		}
	}
}

func TestYAMLLayout(t *testing.T) {
	long := strings.Repeat("word ", 40)
	doc := Obj{{"security", Arr{Obj{{"apig-auth-app", Arr{}}}}}, {"empty", Obj{}}, {"num", Number("1.5")},
		{"long", long}, {"text", "line 1\nline 2\n"}, {"nested", Arr{Arr{"a", "b"}, Obj{{"k", "v"}, {"l", Arr{"x"}}}}},
		{strings.Repeat("k", 129), Obj{{"a", "b"}}}}
	want := "security:\n  - apig-auth-app: []\nempty: {}\nnum: 1.5\nlong: '" + long + "'\ntext: |\n  line 1\n  line 2\n" +
		"nested:\n  - - a\n    - b\n  - k: v\n    l:\n      - x\n? " + strings.Repeat("k", 129) + "\n: a: b\n" +
		""
	if got := string(EncodeYAML(doc)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if ref, err := yamlV3Encode(doc); err != nil || string(ref) != want {
		t.Errorf("yaml.v3 writes (%v)\n%s", err, ref)
	}
	// Numbers are plain, even those yaml.v3 tagged (and could not read).
	doc = Obj{{"big", Number("123456789012345678901234")}, {"huge", Number("1e400")}, {"n", Number("-2.5e-3")}}
	if got, want := string(EncodeYAML(doc)), "big: 123456789012345678901234\nhuge: 1e400\n'n': -2.5e-3\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// randomTree makes a document of random shape from the strings of
// yamlStrings and random ones, numbers and booleans.
func randomTree(r *rand.Rand, depth int) any {
	switch n := r.IntN(10); {
	case depth > 0 && n < 3:
		o := Obj{}
		for range r.IntN(4) {
			k := randomString(r)
			if o.Has(k) {
				continue
			}
			o = append(o, Member{k, randomTree(r, depth-1)})
		}
		return o
	case depth > 0 && n < 5:
		a := Arr{}
		for range r.IntN(4) {
			a = append(a, randomTree(r, depth-1))
		}
		return a
	case n < 6:
		return []Number{"0", "-1", "42", "1.5", "-2.5e-3", "1E+30", "123456789012345678901234", "-0"}[r.IntN(8)]
	case n < 7:
		return r.IntN(2) == 0
	}
	return randomString(r)
}

func randomString(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return yamlStrings[r.IntN(len(yamlStrings))]
	}
	const alphabet = "ab1 -:#'\"\n\t\r.?!{}[]yon~=\\/\u0085\u2028é😀\ufeff\x00"
	runes := []rune(alphabet)
	var b strings.Builder
	for range r.IntN(8) {
		b.WriteRune(runes[r.IntN(len(runes))])
	}
	return b.String()
}

// TestYAMLRandomDocuments: random trees written as YAML read back with
// yaml.v3 as their JSON form reads, and give yaml.v3's bytes where it
// reads back too.
func TestYAMLRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		root := Obj{{"root", randomTree(r, 4)}, {"k" + strconv.Itoa(i), randomTree(r, 3)}}
		checkYAMLDocument(t, root)
	}
}

// checkYAMLDocument: yaml.v3 reads the tree's YAML as encoding/json reads
// its JSON, and the bytes are yaml.v3's where yaml.v3's read back and no
// string departs.
func checkYAMLDocument(t *testing.T, root Obj) {
	t.Helper()
	got := EncodeYAML(root)
	checkSameAsEmitter(t, root, got)
	want := jsonValue(t, EncodeJSON(root, 0))
	if back := yamlValue(t, got); !reflect.DeepEqual(back, want) {
		t.Fatalf("reads back as\n%#v\nnot\n%#v\nfrom\n%s", back, want, got)
	}
	ref, err := yamlV3Encode(root)
	if err != nil || bytes.Equal(ref, got) || treeDeparts(root) || !utf8.Valid(ref) {
		return
	}
	var refBack any
	if yaml.Unmarshal(ref, &refBack) == nil && reflect.DeepEqual(normalise(refBack), want) {
		t.Fatalf("yaml.v3 wrote\n%s\nwe wrote\n%s", ref, got)
	}
}

func treeDeparts(v any) bool {
	switch v := v.(type) {
	case string:
		return yamlDeparts(v)
	case Obj:
		for _, m := range v {
			if yamlDeparts(m.Key) || treeDeparts(m.Val) {
				return true
			}
		}
	case Arr:
		for _, e := range v {
			if treeDeparts(e) {
				return true
			}
		}
	}
	return false
}

// FuzzYAMLDocument: any JSON document, written as YAML, reads back with
// yaml.v3 as the JSON does.
func FuzzYAMLDocument(f *testing.F) {
	f.Add([]byte(`{"a": {"b": [1, "yes", {"c": null}]}, "d": "x: y", "e": []}`))
	f.Add([]byte(`{"k\nk": "v\r\n", "": [[], {}], "n": -1.5e300}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		var v any
		if json.Unmarshal(data, &v) != nil {
			return // not JSON, or a number beyond float64
		}
		tree, err := Decode(data)
		if err != nil {
			return
		}
		root, ok := tree.(Obj)
		if !ok || hasNull(root) {
			return
		}
		checkYAMLDocument(t, root)
	})
}

// hasNull: the engine's trees hold no null.
func hasNull(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case Obj:
		for _, m := range v {
			if hasNull(m.Val) {
				return true
			}
		}
	case Arr:
		for _, e := range v {
			if hasNull(e) {
				return true
			}
		}
	}
	return false
}
