package check

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// TestShapeAccepts: a shape accepts a value exactly when check finds
// nothing in it, on values made of the shapes' own keys and enum values
// (so that many pass, deep down) and of every JSON kind.
func TestShapeAccepts(t *testing.T) {
	var keys, words []string
	seen := map[*shape]bool{}
	var shapes []*shape
	var walk func(*shape)
	walk = func(s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		shapes = append(shapes, s)
		words = append(words, s.enum...)
		keys = append(keys, s.required...)
		for k, f := range s.fields {
			keys = append(keys, k)
			walk(f)
		}
		walk(s.values)
		walk(s.items)
	}
	for _, root := range []*shape{rootExts, schemeExts, operationExts, responsesExts, parameterExts, pathItemExts} {
		walk(root)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	slices.Sort(words)
	words = slices.Compact(words)
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	// value makes a value for s (nil: any) that mostly fits it.
	var value func(s *shape, depth int) any
	value = func(s *shape, depth int) any {
		if s == nil || rng.IntN(8) == 0 {
			switch rng.IntN(7) {
			case 0:
				return pick(words)
			case 1:
				return tree.Number([]string{"1", "-3", "1.5", "1e3", "0"}[rng.IntN(5)])
			case 2:
				return rng.IntN(2) == 0
			case 3:
				return nil
			case 4:
				if depth > 0 {
					return tree.Arr{value(nil, depth-1)}
				}
			case 5:
				if depth > 0 {
					return tree.Obj{{pick(keys), value(nil, depth-1)}}
				}
			}
			return "x"
		}
		switch {
		case len(s.enum) > 0:
			e := pick(s.enum)
			if s.fold && rng.IntN(2) == 0 {
				b := []byte(e)
				for i := range b {
					if 'a' <= b[i] && b[i] <= 'z' {
						b[i] -= 'a' - 'A'
					} else if 'A' <= b[i] && b[i] <= 'Z' {
						b[i] += 'a' - 'A'
					}
				}
				e = string(b)
			}
			return e
		case s.kind == "string":
			return "s"
		case s.kind == "boolean":
			return true
		case s.kind == "integer":
			return tree.Number([]string{"3", "3.5", "-0", "1e2"}[rng.IntN(4)])
		case s.kind == "number":
			return tree.Number("2.5")
		case s.kind == "array" || s.items != nil:
			var a tree.Arr
			for range rng.IntN(3) {
				if depth > 0 {
					a = append(a, value(s.items, depth-1))
				}
			}
			return a
		}
		var o tree.Obj
		for _, k := range s.required {
			if rng.IntN(10) > 0 && depth > 0 {
				o = append(o, tree.Member{Key: k, Val: value(s.fields[k], depth-1)})
			}
		}
		for k, f := range s.fields {
			if rng.IntN(3) == 0 && depth > 0 && !o.Has(k) {
				o = append(o, tree.Member{Key: k, Val: value(f, depth-1)})
			}
		}
		if s.values != nil && depth > 0 {
			for range rng.IntN(3) {
				if k := pick(keys); !o.Has(k) {
					o = append(o, tree.Member{Key: k, Val: value(s.values, depth-1)})
				}
			}
		}
		if rng.IntN(6) == 0 {
			if k := pick(keys); !o.Has(k) {
				o = append(o, tree.Member{Key: k, Val: value(nil, 1)})
			}
		}
		return o
	}
	accepted := 0
	for _, s := range shapes {
		for range 300 {
			v := value(s, 4)
			var r apigRun
			r.check(v, s)
			want := len(r.findings) == 0
			if got := s.accepts(v); got != want {
				t.Fatalf("accepts(%#v) = %v, but check finds %v", v, got, r.findings)
			}
			if got := s.acceptsSlow(v); got != want {
				t.Fatalf("acceptsSlow(%#v) = %v, but check finds %v", v, got, r.findings)
			}
			if len(r.findings) == 0 {
				accepted++
			}
		}
	}
	if n := 300 * len(shapes); accepted < n/4 || accepted > n*3/4 {
		t.Errorf("%d of %d values accepted: the test should see both", accepted, n)
	}
}
