package check

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// shapeCorpus is every shape of the APIG rules, with the keys and enum
// values they name, for values made to fit them.
type shapeCorpus struct {
	shapes      []*shape
	keys, words []string
}

func newShapeCorpus() *shapeCorpus {
	c := &shapeCorpus{}
	seen := map[*shape]bool{}
	var walk func(*shape)
	walk = func(s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		c.shapes = append(c.shapes, s)
		c.words = append(c.words, s.enum...)
		c.keys = append(c.keys, s.required...)
		for _, k := range slices.Sorted(maps.Keys(s.fields)) {
			c.keys = append(c.keys, k)
			walk(s.fields[k])
		}
		walk(s.values)
		walk(s.items)
	}
	for _, root := range []*shape{rootExts, schemeExts, operationExts, responsesExts, parameterExts, pathItemExts} {
		walk(root)
	}
	slices.Sort(c.keys)
	c.keys = slices.Compact(c.keys)
	slices.Sort(c.words)
	c.words = slices.Compact(c.words)
	return c
}

// value makes a value for s (nil: any) that mostly fits it, choosing
// with rng.
func (c *shapeCorpus) value(rng *rand.Rand, s *shape, depth int) any {
	pick := func(l []string) string { return l[rng.IntN(len(l))] }
	if s == nil || rng.IntN(8) == 0 {
		switch rng.IntN(7) {
		case 0:
			return pick(c.words)
		case 1:
			return tree.Number([]string{"1", "-3", "1.5", "1e3", "0"}[rng.IntN(5)])
		case 2:
			return rng.IntN(2) == 0
		case 3:
			return nil
		case 4:
			if depth > 0 {
				return tree.Arr{c.value(rng, nil, depth-1)}
			}
		case 5:
			if depth > 0 {
				return tree.Obj{{pick(c.keys), c.value(rng, nil, depth-1)}}
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
				a = append(a, c.value(rng, s.items, depth-1))
			}
		}
		return a
	}
	var o tree.Obj
	for _, k := range s.required {
		if rng.IntN(10) > 0 && depth > 0 {
			o = append(o, tree.Member{Key: k, Val: c.value(rng, s.fields[k], depth-1)})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(s.fields)) {
		if rng.IntN(3) == 0 && depth > 0 && !o.Has(k) {
			o = append(o, tree.Member{Key: k, Val: c.value(rng, s.fields[k], depth-1)})
		}
	}
	if s.values != nil && depth > 0 {
		for range rng.IntN(3) {
			if k := pick(c.keys); !o.Has(k) {
				o = append(o, tree.Member{Key: k, Val: c.value(rng, s.values, depth-1)})
			}
		}
	}
	if rng.IntN(6) == 0 {
		if k := pick(c.keys); !o.Has(k) {
			o = append(o, tree.Member{Key: k, Val: c.value(rng, nil, 1)})
		}
	}
	return o
}

// agree fails t unless accepts, acceptsSlow and check agree on v for s;
// it reports whether check found nothing.
func agree(t *testing.T, s *shape, v any) bool {
	t.Helper()
	var r apigRun
	r.check(v, s)
	want := len(r.findings) == 0
	if got := s.accepts(v); got != want {
		t.Fatalf("accepts(%#v) = %v, but check finds %v", v, got, r.findings)
	}
	if got := s.acceptsSlow(v); got != want {
		t.Fatalf("acceptsSlow(%#v) = %v, but check finds %v", v, got, r.findings)
	}
	return want
}

// TestShapeAccepts: a shape accepts a value exactly when check finds
// nothing in it, compiled (accept_gen.go) or interpreted, on values made
// of the shapes' own keys and enum values (so that many pass, deep down)
// and of every JSON kind.
func TestShapeAccepts(t *testing.T) {
	c := newShapeCorpus()
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for _, s := range c.shapes {
		for range 300 {
			if agree(t, s, c.value(rng, s, 4)) {
				accepted++
			}
		}
	}
	if n := 300 * len(c.shapes); accepted < n/4 || accepted > n*3/4 {
		t.Errorf("%d of %d values accepted: the test should see both", accepted, n)
	}
}

// FuzzShapeAccepts: TestShapeAccepts on values the fuzzer steers (the
// choices of the generator come from its seeds) and on any JSON it
// writes, against every shape.
func FuzzShapeAccepts(f *testing.F) {
	f.Add(uint64(1), uint64(2), uint8(0), []byte(`{"type":"HTTP","parameters":[{"name":"a","in":"query","origin":"REQUEST"}]}`))
	f.Add(uint64(3), uint64(4), uint8(28), []byte(`{"httpEndpoints":{"address":"h","timeout":1.5}}`))
	f.Add(uint64(5), uint64(6), uint8(200), []byte(`[{"name":"n","type":"HTTP","conditions":[{"origin":"param"}]}]`))
	c := newShapeCorpus()
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64, which uint8, data []byte) {
		s := c.shapes[int(which)%len(c.shapes)]
		agree(t, s, c.value(rand.New(rand.NewPCG(seed1, seed2)), s, 5))
		if v, err := tree.Decode(data); err == nil {
			for _, s := range c.shapes {
				agree(t, s, v)
			}
		}
	})
}
