package engine

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/model"
)

// TestByPath holds the sort by the paths' words to the sort by the
// paths: paths that share a long prefix, that are prefixes of others,
// that hold zero bytes (which the words' padding is), that are the same
// (then by position, which is ID order), shorter than a word, or empty.
func TestByPath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		prefix := strings.Repeat("/v1/items", r.IntN(3))
		n := 1 + r.IntN(60)
		x := &exporter{}
		for range n {
			var b strings.Builder
			if r.IntN(8) > 0 {
				b.WriteString(prefix)
			}
			for range r.IntN(24) {
				b.WriteByte("/a{b}\x00z"[r.IntN(7)])
			}
			x.apis = append(x.apis, &model.API{ReqURI: b.String()})
		}
		if r.IntN(4) == 0 { // the same path again
			x.apis = append(x.apis, &model.API{ReqURI: x.apis[r.IntN(len(x.apis))].ReqURI})
		}
		want := make([]int32, len(x.apis))
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(i, j int32) int { return strings.Compare(x.apis[i].ReqURI, x.apis[j].ReqURI) })
		if got := x.byPath(); !slices.Equal(got, want) {
			t.Fatalf("round %d: byPath = %v, want %v", round, got, want)
		}
	}
	if got := (&exporter{}).byPath(); len(got) != 0 {
		t.Errorf("no APIs: %v", got)
	}
}
