package check

import (
	"regexp"
	"testing"
)

// TestPatternFuncs: each function that stands in for a pattern of the
// official OpenAPI 3.0 schema matches what the pattern matches.
func TestPatternFuncs(t *testing.T) {
	inputs := []string{"", "$ref", "$refs", "x$ref", "$ref\n", "/", "/a", "a/", "\n/", "default-cors", "a.b-c_d", "a b", "é",
		"a\n", "200", "2XX", "1xx", "600", "099", "5XX", "20", "2000", "4X0", "get", "GET", "trace", "gets", "any", "x-get"}
	for p, fn := range patternFuncs {
		re := regexp.MustCompile(p)
		for _, s := range inputs {
			if fn(s) != re.MatchString(s) {
				t.Errorf("%s on %q: %v, the pattern says %v", p, s, fn(s), re.MatchString(s))
			}
		}
	}
}
