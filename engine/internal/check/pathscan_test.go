package check

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The path scanners of dialect.go against the regular expressions
// go-openapi/validate uses.
var (
	refPathParam    = regexp.MustCompile(`{[^{}]+?}`)
	refGarbledPath  = regexp.MustCompile(`.*[{}\s]+.*`)
	refGarbledParam = regexp.MustCompile(`{.*[{}\s]+.*}`)
)

var pathSeeds = []string{"/a/{b}", "/a/{b}}", "/{}/{x}{y}", "/a{{b}", "/a/{b c}", "/a/{\nb}", "{x\n}", "/{a\n{}", "{a}{", "/p/{x+}/q", "/a{b/c}", ""}

// scanChecker is a checker whose arena the stripped paths of every call
// of checkPathScanners share.
var scanChecker Checker

func checkPathScanners(t *testing.T, s string) {
	var want []string
	for seg := range strings.SplitSeq(s, "/") {
		want = append(want, refPathParam.FindAllString(seg, -1)...)
	}
	if got := extractPathParams(s); !slices.Equal(got, want) {
		t.Errorf("extractPathParams(%q) = %q, want %q", s, got, want)
	}
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		segs[i] = refPathParam.ReplaceAllString(seg, "X")
	}
	if got, want := stripPathParams(s), strings.Join(segs, "/"); got != want {
		t.Errorf("stripPathParams(%q) = %q, want %q", s, got, want)
	}
	// The checker's own, one arena for all the paths.
	if got, want := scanChecker.stripPath(s), strings.Join(segs, "/"); got != want {
		t.Errorf("Checker.stripPath(%q) = %q, want %q", s, got, want)
	}
	if got := appendPathParams([]string{"x"}, s); !slices.Equal(got[1:], want) || got[0] != "x" {
		t.Errorf("appendPathParams(%q) = %q, want %q", s, got[1:], want)
	}
	// Without inSegment, s is one segment.
	var spans []string
	ParamSpans(s, false, func(i, j int) { spans = append(spans, s[i:j]) })
	if want := refPathParam.FindAllString(s, -1); !slices.Equal(spans, want) {
		t.Errorf("paramSpans(%q, false) = %q, want %q", s, spans, want)
	}
	if got, want := PathShape(s), refPathParam.ReplaceAllString(s, "{}"); got != want {
		t.Errorf("pathShape(%q) = %q, want %q", s, got, want)
	}
	if got, want := arenaReplaceParams(&scanChecker.arena, s, false, "{}"), refPathParam.ReplaceAllString(s, "{}"); got != want {
		t.Errorf("arenaReplaceParams(%q, false, {}) = %q, want %q", s, got, want)
	}
	if got, want := garbledPath(s), refGarbledPath.MatchString(s); got != want {
		t.Errorf("garbledPath(%q) = %v, want %v", s, got, want)
	}
	if got, want := garbledParam(s), refGarbledParam.MatchString(s); got != want {
		t.Errorf("garbledParam(%q) = %v, want %v", s, got, want)
	}
}

func TestPathScanners(t *testing.T) {
	for _, s := range pathSeeds {
		checkPathScanners(t, s)
	}
}

func FuzzPathScanners(f *testing.F) {
	for _, s := range pathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkPathScanners)
}
