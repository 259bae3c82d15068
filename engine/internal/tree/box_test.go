package tree

import (
	"reflect"
	"strconv"
	"testing"
)

// TestBoxes: the values boxed without allocating are the values boxing
// gives, to type switches, assertions, == and reflect, across more slabs
// than one, and each keeps its own value until the arena is reset.
func TestBoxes(t *testing.T) {
	var a Arena
	n := 3*max(arenaStrings, arenaHeaders) + 7
	model := make([]string, n)
	for i := range model {
		model[i] = strconv.Itoa(i)
	}
	type pair struct{ got, want any }
	var pairs []pair
	for i := range n {
		s := model[i]
		o := Obj{{"k", s}}
		r := Arr{s, Number(s)}
		pairs = append(pairs,
			pair{StrAt(&model[i]), s}, pair{NumberAt(&model[i]), Number(s)},
			pair{a.String(s + "x"), s + "x"}, pair{a.Number(s), Number(s)},
			pair{a.Box(o), o}, pair{a.BoxArr(r), r})
	}
	if got := StrAtOrNil(new(string)); got != nil {
		t.Errorf("StrAtOrNil of \"\" = %#v, want nil", got)
	}
	if s := "v"; StrAtOrNil(&s) != any("v") {
		t.Errorf("StrAtOrNil(v) is not v")
	}
	for i, p := range pairs {
		if reflect.TypeOf(p.got) != reflect.TypeOf(p.want) || !reflect.DeepEqual(p.got, p.want) {
			t.Fatalf("%d: got %#v, want %#v", i, p.got, p.want)
		}
		switch w := p.want.(type) {
		case string, Number:
			if p.got != p.want {
				t.Fatalf("%d: %#v != %#v", i, p.got, p.want)
			}
		case Obj:
			if o, ok := p.got.(Obj); !ok || Kind(p.got) != "object" || o.Get("k") != w.Get("k") {
				t.Fatalf("%d: %#v is not the object %#v", i, p.got, w)
			}
		case Arr:
			if r, ok := p.got.(Arr); !ok || Kind(p.got) != "array" || len(r) != 2 || r[0] != w[0] || r[1] != w[1] {
				t.Fatalf("%d: %#v is not the array %#v", i, p.got, w)
			}
		}
	}
	if got := string(EncodeJSON(Arr{pairs[0].got, pairs[1].got, pairs[2].got, pairs[4].got, pairs[5].got}, 0)); got != "[\n\t\"0\",\n\t0,\n\t\"0x\",\n\t{\n\t\t\"k\": \"0\"\n\t},\n\t[\n\t\t\"0\",\n\t\t0\n\t]\n]\n" {
		t.Errorf("written: %s", got)
	}
}
