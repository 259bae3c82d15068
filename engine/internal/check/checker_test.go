package check

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
)

// TestEffectiveParams: operation parameters win over the Path Item's of
// the same location and name, and of duplicates the last wins, in the
// place of the first.
func TestEffectiveParams(t *testing.T) {
	p := func(in, name, typ string) param { return paramOf(tree.Obj{{"in", in}, {"name", name}, {"type", typ}}) }
	item := []param{p("path", "id", "string"), p("query", "q", "string")}
	own := []param{p("query", "q", "number"), p("header", "h", "string"), p("header", "h", "boolean")}
	got := effectiveParams(item, own)
	want := []string{"path id string", "query q number", "header h boolean"}
	var names []string
	for _, e := range got {
		names = append(names, e.in+" "+e.name+" "+e.typ)
	}
	if !slices.Equal(names, want) {
		t.Errorf("got %q, want %q", names, want)
	}
	if got := effectiveParams(nil, own[:2]); len(got) != 2 || got[0].typ != "number" {
		t.Errorf("without Path Item parameters: %+v", got)
	}
}

// FuzzPathParams: the one-pass path scanners find what the reference's
// way does, splitting the path into segments and scanning each.
func FuzzPathParams(f *testing.F) {
	for _, s := range []string{"/a/{b}/c", "/a/{b}{c}/{d+}", "/{a/b}", "/{}/{x", "/a}{b}/{{c}}", "/{ b }/{\n}", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		var wantParams []string
		segs := strings.Split(path, "/")
		for k, seg := range segs {
			ParamSpans(seg, false, func(i, j int) { wantParams = append(wantParams, seg[i:j]) })
			segs[k] = ReplaceParams(seg, false, "X")
		}
		if got := extractPathParams(path); !slices.Equal(got, wantParams) {
			t.Errorf("extractPathParams(%q) = %q, want %q", path, got, wantParams)
		}
		if got, want := stripPathParams(path), strings.Join(segs, "/"); got != want {
			t.Errorf("stripPathParams(%q) = %q, want %q", path, got, want)
		}
	})
}

// TestEndpointKeys: the backend check's list of endpoint keys is the
// catalogue's.
func TestEndpointKeys(t *testing.T) {
	b := tree.Obj{}
	for k := range endpoints {
		b = append(b, tree.Member{Key: k, Val: tree.Obj{{"path", "/a/{p+}"}}})
	}
	var r apigRun
	r.backend(b)
	if len(r.findings) != len(endpoints) {
		t.Errorf("%d findings for %d endpoint kinds with a {p+} path: %v", len(r.findings), len(endpoints), r.findings)
	}
}

// TestAPIGPlaces: the APIG rules read the security schemes where the
// version's Places say, and name them there.
func TestAPIGPlaces(t *testing.T) {
	schemes := tree.Obj{{"s", tree.Obj{{"x-apigateway-unknown", true}}}}
	oas3 := Places{SecuritySchemes: []string{"components", "securitySchemes"}}
	for _, c := range []struct {
		name   string
		root   tree.Obj
		places Places
		want   string
	}{
		{"swagger 2.0", tree.Obj{{"securityDefinitions", schemes}}, Places{}, "/securityDefinitions/s/x-apigateway-unknown"},
		{"components", tree.Obj{{"components", tree.Obj{{"securitySchemes", schemes}}}}, oas3, "/components/securitySchemes/s/x-apigateway-unknown"},
		{"not there", tree.Obj{{"securityDefinitions", schemes}}, oas3, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r apigRun
			places := c.places
			if places.SecuritySchemes == nil {
				places = Swagger2
			}
			r.root(c.root, places)
			var got string
			for _, f := range r.findings {
				if f.Code == "apig-unknown-extension" {
					got = f.Path
				}
			}
			if got != c.want {
				t.Errorf("finding at %q, want %q (%v)", got, c.want, r.findings)
			}
		})
	}
}

// TestInNumericRange: the shortcuts of inNumericRange give the
// reference's answer (slowNumericRange) on the edges of every range, and
// plainInteger reads what ParseFloat reads.
func TestInNumericRange(t *testing.T) {
	var values []float64
	for _, e := range []float64{0, 1, 1 << 31, 1 << 32, 1 << 52, 1 << 53, 1 << 63, 1 << 64, math.MaxFloat32, math.MaxFloat64} {
		for _, d := range []float64{-1.5, -1, -0.5, 0, 0.5, 1, 1.5} {
			values = append(values, e+d, -(e + d), math.Nextafter(e, 0), math.Nextafter(e, math.Inf(1)), -math.Nextafter(e, math.Inf(1)))
		}
	}
	values = append(values, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-50, 3.4028235677973366e38, 0.1, 1e300)
	for _, typ := range []string{"integer", "number", "string", ""} {
		for _, format := range []string{"", "int32", "uint32", "int64", "uint64", "float", "float32", "double"} {
			for _, f := range values {
				if got, want := inNumericRange(typ, format, f), slowNumericRange(typ, format, f); got != want {
					t.Errorf("inNumericRange(%q, %q, %v) = %v, want %v", typ, format, f, got, want)
				}
			}
		}
	}
	for _, n := range []tree.Number{"0", "-0", "7", "-42", "007", "123456789012345", "-123456789012345", "1234567890123456", "1.5", "1e3", "-", ""} {
		want, err := strconv.ParseFloat(string(n), 64)
		got, ok := plainInteger(n)
		if ok && (err != nil || got != want || math.Signbit(got) != math.Signbit(want)) {
			t.Errorf("plainInteger(%q) = %v, want %v (%v)", n, got, want, err)
		}
		if g, ok := floatValue(n); ok != (err == nil) || ok && g != want {
			t.Errorf("floatValue(%q) = %v, %v; want %v, %v", n, g, ok, want, err)
		}
	}
}

// TestHTTPMethod: httpMethod's switch is the index in HTTPMethods.
func TestHTTPMethod(t *testing.T) {
	for i, m := range HTTPMethods {
		if got := httpMethod(m); got != i {
			t.Errorf("httpMethod(%q) = %d, want %d", m, got, i)
		}
	}
	for _, k := range []string{"", "GET", "any", "x-apigateway-any-method", "parameters", "trace"} {
		if got := httpMethod(k); got != -1 {
			t.Errorf("httpMethod(%q) = %d, want -1", k, got)
		}
	}
}

// TestEndpointOf: endpointOf's switch is the map EndpointOf.
func TestEndpointOf(t *testing.T) {
	for typ, key := range EndpointOf {
		if got := endpointOf(typ); got != key {
			t.Errorf("endpointOf(%q) = %q, want %q", typ, got, key)
		}
	}
	for _, typ := range []string{"", "http", "GRPC", "HTTP-VPC-MEMBER"} {
		if got := endpointOf(typ); got != "" {
			t.Errorf("endpointOf(%q) = %q, want none", typ, got)
		}
	}
}
