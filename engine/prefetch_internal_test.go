package engine

import (
	"testing"
	"unsafe"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// TestPrefetch holds pathItems to prefetching every API ahead of its
// build, in path order, each step at its distance: the lines prefetched
// are those of each step once for each API it reaches.
func TestPrefetch(t *testing.T) {
	if !prefetching {
		t.Skip("no prefetch in this build")
	}
	for _, n := range []int{0, 1, 2, aheadStrings, aheadStruct, aheadStruct + 1, 40} {
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
			var l lines
			for p, at := range x.byPath() {
				a := x.apis[at]
				if p >= aheadStruct {
					x.structLines(&l, at)
				}
				if p >= aheadPointed {
					pointedLines(&l, a)
				}
				if p >= aheadStrings {
					stringLines(&l, a)
				}
			}
			want := l.total + l.n
			items := 0
			if err := x.pathItems(func(string, tree.Obj) { items++; x.mem.Reset() }); err != nil {
				t.Fatal(err)
			}
			if got := x.lines.total; got != want {
				t.Errorf("%d APIs, %s: prefetched %d lines, want %d", n, oas, got, want)
			}
			if len(x.apis) > aheadStrings && want == 0 {
				t.Errorf("%d APIs, %s: nothing to touch", n, oas)
			}
			for at := range x.apis {
				// What is bound to an API is read by position, in path
				// order: its line is prefetched with the API's struct.
				var l lines
				x.structLines(&l, int32(at))
				if wantLines := int((unsafe.Sizeof(model.API{}) + lineSize - 1) / lineSize); x.bound != nil {
					wantLines++
					if l.n != wantLines || l.addrs[l.n-1] != uintptr(unsafe.Pointer(&x.bound[at])) {
						t.Errorf("%d APIs, %s: API %d's struct step prefetches %d lines, not its binding's last", n, oas, at, l.n)
					}
				} else if l.n != wantLines {
					t.Errorf("%d APIs, %s: API %d's struct step prefetches %d lines, want %d", n, oas, at, l.n, wantLines)
				}
			}
			x.release()
		}
	}
}
