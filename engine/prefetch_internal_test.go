package engine

import (
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// TestPrefetch holds pathItems to touching every API ahead of its build,
// in path order, each step at its distance: the sum of what the steps
// load is that of touching each API at each position once.
func TestPrefetch(t *testing.T) {
	if !prefetching {
		t.Skip("no prefetch in this build")
	}
	for _, n := range []int{0, 1, 2, prefetchAhead, 40} {
		for _, oas := range []string{"2.0", "3.0"} {
			b := bundlegen.Generate(n, 1)
			req := Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: DefineAll, Version: "v", OASVersion: oas}
			x, err := newExporter(b, req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if oas == "3.0" {
				_, err = x.rootOAS3()
			} else {
				_, err = x.root()
			}
			if err != nil {
				t.Fatal(err)
			}
			var want uint64
			for p, at := range x.byPath() {
				a := x.apis[at]
				if p >= prefetchAhead {
					want += uint64(touchAPI(a))
				}
				if p >= prefetchAhead-1 {
					want += uint64(touchLists(a))
				}
				if p >= 1 {
					want += uint64(touchListStrings(a))
				}
			}
			items := 0
			if err := x.pathItems(func(string, tree.Obj) { items++; x.mem.Reset() }); err != nil {
				t.Fatal(err)
			}
			if x.touched != want {
				t.Errorf("%d APIs, %s: prefetch loaded %d, want %d", n, oas, x.touched, want)
			}
			if n > 1 && want == 0 {
				t.Errorf("%d APIs, %s: nothing to touch", n, oas)
			}
			x.release()
		}
	}
}
