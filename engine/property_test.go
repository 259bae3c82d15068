package engine_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

var (
	propertyRandom = flag.Int("property.random", 400, "how many random combinations of field changes TestBundleProperty makes, beside one variant per change")
	propertyFull   = flag.Bool("property.full", false, "have TestBundleProperty give string fields odd texts too (bundlegen.OddTexts), and export every variant in every scope and format twice (by default each variant is exported in every scope as JSON, in one scope as YAML, and one of them twice)")
)

var (
	defines = []string{"spec", "proxy", "all", "dev"}
	formats = []string{"json", "yaml"}
)

// TestBundleProperty: bundles made from model.Catalogue (bundlegen's seed
// with each field the catalogue knows left out, null, zero, at each
// documented value and bound, and naming each object it may link to, one
// change at a time and in seeded random combinations) load, or are refused
// with errors that name the file and the JSON path, and a change the
// gateway's own data may hold always loads. Each loaded bundle then exports
// in every scope and format, as Swagger 2.0 and as OpenAPI 3.0, to a valid
// document, or is refused with a 4xx that names an API; never APIG.9999,
// never a panic, and the same bytes twice.
func TestBundleProperty(t *testing.T) {
	var opts bundlegen.Options
	if *propertyFull {
		opts.Texts = bundlegen.OddTexts
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), opts)
	if err != nil {
		t.Fatal(err)
	}
	stride, random := 1, *propertyRandom
	if runtime.GOOS == "js" && !*propertyFull {
		// Node runs the module on one thread, ten times slower than
		// native code: a sample of the variants there, all of them here.
		stride, random = 50, random/50
	}
	variants, randoms := g.Sample(stride, random, 1)
	singles := len(variants)
	variants = append(variants, randoms...)
	// Two workers: the machine has two cores.
	var (
		mu       sync.Mutex
		problems []string
		loaded   int
		wg       sync.WaitGroup
	)
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(variants); i += 2 {
				ok, found := checkVariant(variants[i], i, *propertyFull)
				mu.Lock()
				if ok {
					loaded++
				}
				problems = append(problems, found...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	t.Logf("%d variants (%d with one change), %d loaded", len(variants), singles, loaded)
	for i, p := range problems {
		if i == 30 {
			t.Errorf("... and %d more", len(problems)-i)
			break
		}
		t.Error(p)
	}
}

// checkVariant loads one variant and exports it, and reports whether it
// loaded and what broke the invariant. Variant i is exported in both
// versions, as YAML in scope i%4 and twice in scope and format i%8, and its
// OpenAPI 3.0 JSON export of scope i%4 is judged by the oracle, unless
// full asks for all.
func checkVariant(v bundlegen.Variant, i int, full bool) (loaded bool, problems []string) {
	fail := func(format string, args ...any) {
		problems = append(problems, v.Name+": "+fmt.Sprintf(format, args...))
	}
	defer func() {
		if r := recover(); r != nil {
			fail("panic: %v", r)
		}
	}()
	b, err := model.Load([]model.File{{Name: "variant.json", Data: v.Bundle}}, model.LoadOptions{})
	if err != nil {
		var list model.ErrorList
		if !errors.As(err, &list) {
			fail("the load error %T is not a model.ErrorList: %v", err, err)
		}
		for _, e := range list {
			if e.File == "" || e.Path == "" {
				fail("the load error %q does not name the file and the JSON path", e)
			}
		}
		if v.MustLoad {
			fail("a bundle the gateway can return does not load: %v", err)
		}
		return false, problems
	}
	group := bundlegen.SeedGroupID
	if len(b.Groups) > 0 {
		group = b.Groups[0].ID
	}
	for _, oas := range []string{"2.0", "3.0"} {
		for d, define := range defines {
			for f, typ := range formats {
				if !full && f == 1 && d != i%len(defines) {
					continue
				}
				at := oas + " " + define + " " + typ
				req := engine.Request{GroupID: group, EnvID: model.DefaultEnvID, Define: define, Type: typ, Version: "v1", OASVersion: oas}
				res, err := engine.Export(b, req, engine.Options{})
				if err != nil {
					var e *engine.Error
					switch {
					case !errors.As(err, &e):
						fail("%s: the error %T is not an *engine.Error: %v", at, err, err)
					case e.Status < 400 || e.Status >= 500:
						fail("%s: %d %v", at, e.Status, e)
					case !namesAPI(b, e.Message):
						fail("%s: the refusal %q names no API", at, e.Message)
					}
					continue
				}
				// The OpenAPI 3.0 export checks the APIG rules only, for
				// now: the oracle (kin-openapi and the official schema)
				// judges its validity, in the JSON export of one scope (of
				// each under full).
				if oas == "3.0" && f == 0 && (full || d == i%len(defines)) {
					if msg := exportInvalid(oas, res.Body); msg != "" {
						fail("%s: the export is not valid OpenAPI 3.0: %s", at, msg)
					}
				}
				if full || (d*len(formats)+f) == i%(len(defines)*len(formats)) {
					again, err := engine.Export(b, req, engine.Options{})
					if err != nil || !bytes.Equal(res.Body, again.Body) {
						fail("%s: a second export differs (%v)", at, err)
					}
				}
			}
		}
	}
	return true, problems
}

// namesAPI reports whether msg has the ID of one of the bundle's APIs.
func namesAPI(b *model.Bundle, msg string) bool {
	for _, a := range b.APIs {
		if a.ID != "" && strings.Contains(msg, a.ID) {
			return true
		}
	}
	return false
}

// FuzzExportFields is FuzzExport aware of the bundle's structure: its
// bytes choose which fields of bundlegen's seed to leave out, null, zero
// or set to a documented value or an odd text (three bytes a change, see
// bundlegen.Generator.FromBytes), instead of mutating JSON text, which
// seldom removes a field cleanly. Every variant must meet
// TestBundleProperty's invariant: it exports in every scope as JSON, and
// as YAML and twice in the scope and format its length picks.
func FuzzExportFields(f *testing.F) {
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: bundlegen.OddTexts})
	if err != nil {
		f.Fatal(err)
	}
	// Seeds: the changes of issue 13's bundles, alone and together.
	var all []byte
	for _, c := range [][2]string{
		{"authorizers[0].network_type", "absent"},
		{"apis[0].backend_api.req_protocol", `= "GRPCS"`},
		{"apis[0].policy_https[0].req_protocol", `= "GRPC"`},
		{"apis[0].policy_https[1].vpc_channel_status", "= 4"},
		{"apis[0].policy_https[0].timeout", "absent"},
		{"apis[1].backend_api.vpc_channel_status", "absent"},
	} {
		b := changeBytes(f, g, c[0], c[1])
		f.Add(b)
		all = append(all, b...)
	}
	f.Add(all)
	f.Fuzz(func(t *testing.T, data []byte) {
		v := g.FromBytes(data)
		if _, problems := checkVariant(v, len(data), false); len(problems) > 0 {
			t.Fatal(strings.Join(problems, "\n"))
		}
	})
}

// changeBytes are the FromBytes bytes of one change, found by the site's
// path and the change's text.
func changeBytes(tb testing.TB, g *bundlegen.Generator, path, change string) []byte {
	tb.Helper()
	for i, s := range g.Sites() {
		if s.Path != path {
			continue
		}
		for j, c := range s.Changes {
			if c.String() == change {
				return []byte{byte(i >> 8), byte(i), byte(j)}
			}
		}
	}
	tb.Fatalf("the seed has no change %s %s", path, change)
	return nil
}
