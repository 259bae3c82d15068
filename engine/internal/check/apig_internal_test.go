package check

import "testing"

// TestShapeField: every field of every shape of the APIG rules is found
// by field, and names that differ from a field's by a byte, a byte more or
// a byte less are not (unless they are fields themselves).
func TestShapeField(t *testing.T) {
	seen := map[*shape]bool{}
	var walk func(string, *shape)
	walk = func(at string, s *shape) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for k, f := range s.fields {
			if got := s.field(k); got != f {
				t.Errorf("%s: field(%q) = %p, want %p", at, k, got, f)
			}
			variants := []string{k + "x", k[:len(k)-1], "x" + k}
			for i := range len(k) {
				b := []byte(k)
				b[i] ^= 0x20
				variants = append(variants, string(b))
			}
			for _, v := range variants {
				if got := s.field(v); got != s.fields[v] {
					t.Errorf("%s: field(%q) = %p, want %p", at, v, got, s.fields[v])
				}
			}
			walk(at+"/"+k, f)
		}
		if s.field("") != nil {
			t.Errorf("%s: field(\"\") is not nil", at)
		}
		walk(at+"/*", s.values)
		walk(at+"/[]", s.items)
	}
	for name, s := range map[string]*shape{"root": rootExts, "scheme": schemeExts, "operation": operationExts,
		"responses": responsesExts, "parameter": parameterExts, "pathItem": pathItemExts} {
		walk(name, s)
	}
	if len(seen) < 30 {
		t.Errorf("%d shapes walked", len(seen))
	}
}
