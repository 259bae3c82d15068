package engine

import (
	"hash/fnv"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/model"
)

// TestShapeHash: shapeHash is FNV-1a of the method, a zero byte and the
// path's shape, as check.PathShape writes it, for every kind of template.
func TestShapeHash(t *testing.T) {
	paths := []string{"", "/", "/a", "/a/{id}", "/a/{id}/b/{x+}", "/{a}{b}", "/{}", "/{a", "/a}", "/{{a}}", "/x/{a/b}", "/é/{ü}"}
	for _, m := range []string{"GET", "ANY", ""} {
		for _, p := range paths {
			h := fnv.New64a()
			h.Write([]byte(m + "\x00" + check.PathShape(p)))
			if got, want := shapeHash(m, p), h.Sum64(); got != want {
				t.Errorf("shapeHash(%q, %q) = %x, want %x (shape %q)", m, p, got, want, check.PathShape(p))
			}
		}
	}
}

// TestShapeIndex: the index answers by method and shape, also when every
// hash is the same (no FNV-64 collision can be made to order, so the test
// gives add one hash for all), and with the real hash.
func TestShapeIndex(t *testing.T) {
	apis := []model.API{
		{ID: "1", ReqMethod: "GET", ReqURI: "/a/{id}"},
		{ID: "2", ReqMethod: "GET", ReqURI: "/b/{id}"},
		{ID: "3", ReqMethod: "POST", ReqURI: "/a/{id}"},
		{ID: "4", ReqMethod: "GET", ReqURI: "/b/{x}"}, // 2's shape
		{ID: "5", ReqMethod: "GET", ReqURI: "/a/{y}"}, // 1's shape
		{ID: "6", ReqMethod: "POST", ReqURI: "/a/{id}"},
		{ID: "7", ReqMethod: "GET", ReqURI: "/c"},
	}
	want := map[string]string{"4": "2", "5": "1", "6": "3"}
	for _, hash := range []struct {
		name string
		of   func(method, path string) uint64
	}{{"one hash for all", func(string, string) uint64 { return 7 }}, {"shapeHash", shapeHash}} {
		t.Run(hash.name, func(t *testing.T) {
			s := newShapeIndex(0)
			for i := range apis {
				a := &apis[i]
				got := ""
				if b := s.add(a, hash.of(a.ReqMethod, a.ReqURI)); b != nil {
					got = b.ID
				}
				if got != want[a.ID] {
					t.Errorf("add(API %s, %s %s) = API %q, want %q", a.ID, a.ReqMethod, a.ReqURI, got, want[a.ID])
				}
			}
		})
	}
}
