package engine

import (
	"hash/fnv"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/check"
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
