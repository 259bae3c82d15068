package model

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The checker's scanners against the regular expressions and maps they
// stand for.

var (
	refPathParamRE  = regexp.MustCompile(`\{([^{}]*)\}`)
	refJSONNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
)

var scanSeeds = []string{"", "/", "/a/{b}", "/a/{b}}", "/{}/{x}{y}", "/a{{b}", "{{}}", "/{a/b}", "{x+}", "{", "}", "{a", "a}{b}{",
	"0", "-0", "01", "1.", "1.5", ".5", "-", "1e", "1e+", "1E-7", "12.34e56", "-1.0e+2", "1e5x", " 1", "1 ", "1\n", "١"}

func checkScanners(t *testing.T, s string) {
	var got [][]string
	pathParams(s, func(template, name string) { got = append(got, []string{template, name}) })
	want := refPathParamRE.FindAllStringSubmatch(s, -1)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("pathParams(%q) = %q, want %q", s, got, want)
	}
	if got, want := IsJSONNumber(s), refJSONNumberRE.MatchString(s); got != want {
		t.Errorf("IsJSONNumber(%q) = %v, want %v", s, got, want)
	}
}

func TestScanners(t *testing.T) {
	for _, s := range scanSeeds {
		checkScanners(t, s)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}

// TestSameParamBefore: the scan finds the last earlier parameter of the
// same paramKey, as the map it replaces did.
func TestSameParamBefore(t *testing.T) {
	locs := []string{"HEADER", "header", "QUERY", "HEADER\x00a", "HEADER\u0130", ""}
	names := []string{"a", "A", "\x00a", "b", "\u0130", "i", "İd", "\xff", ""}
	var params []ReqParam
	for _, l := range locs {
		for _, n := range names {
			params = append(params, ReqParam{Location: l, Name: n})
		}
	}
	// Every order of a few, and all of them in two orders.
	lists := [][]ReqParam{params, slices.Clone(params)}
	slices.Reverse(lists[1])
	for i := range params {
		for j := range params {
			lists = append(lists, []ReqParam{params[i], params[j], params[i]})
		}
	}
	for _, list := range lists {
		seen := map[string]int{}
		for i := range list {
			want := -1
			if j, dup := seen[paramKey(&list[i])]; dup {
				want = j
			}
			seen[paramKey(&list[i])] = i
			if got := sameParamBefore(list, i); got != want {
				t.Fatalf("sameParamBefore(%q in %q) = %d, want %d", list[i].Name, list[i].Location, got, want)
			}
		}
	}
	if !strings.Contains(paramKey(&ReqParam{Location: "HEADER", Name: "X"}), "x") {
		t.Error("paramKey does not lower a header's name")
	}
}

// TestEnumSeq: enumSeq yields what Enums lists.
func TestEnumSeq(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a,b", " a , b ,", ",", ",,x", "1, 2,3 ", " , "} {
		p := ReqParam{Enumerations: s}
		got := slices.Collect(p.enumSeq())
		if want := p.Enums(); !slices.Equal(got, want) || p.hasEnums() != (len(want) > 0) {
			t.Errorf("enumSeq(%q) = %q, want %q", s, got, want)
		}
	}
}
