package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/engine/internal/oracle"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/apigexport/apigexport/model/sample"
)

// The round trips between the two versions (issue 14): for a bundle B in
// an environment and a format,
//
//	(a) export(3.0) → Import → export(3.0) gives the same bytes;
//	(b) export(2.0) → Import → export(3.0) gives export(3.0) of B;
//	(c) export(3.0) → Import → export(2.0) gives export(2.0) of B.
//
// Where Swagger 2.0 cannot write B (a COOKIE parameter, which only OpenAPI
// 3.0 has: docs/export.md), (b) has no document to start from and (c) no
// document to reach: both check the refusal instead, that export(2.0) of
// B and of the 3.0 document's import are refused with a 400 naming the
// COOKIE parameter. A round trip is never skipped silently.

var roundTrip3Full = flag.Bool("roundtrip3.full", false, "have TestRoundTripOAS3Property check every single-change variant of bundlegen's seed, odd texts included, and 2,000 random combinations (by default every ninth single change and 30 combinations)")

// docVersion is the OpenAPI version of a document that Import accepted:
// "2.0" for swagger: "2.0", else "3.0" (Import reads nothing else).
func docVersion(t testing.TB, doc []byte) string {
	t.Helper()
	j, err := engine.ToJSON(doc)
	if err != nil {
		t.Fatalf("an imported document does not read: %v", err)
	}
	var root struct {
		Swagger any `json:"swagger"`
	}
	if json.Unmarshal(j, &root) == nil && root.Swagger == "2.0" {
		return "2.0"
	}
	return "3.0"
}

// exportInvalid says why an export of version oas is not valid, "" when
// it is: Swagger 2.0 by Validate (the fast validator and the APIG rules),
// OpenAPI 3.0 by the oracle (kin-openapi and the official schema), until
// the engine's own OpenAPI 3.0 checker is there to be asked.
func exportInvalid(oas string, doc []byte) string {
	if oas == "3.0" {
		v, err := oracle.Check(doc)
		switch {
		case err != nil:
			return err.Error()
		case !v.Valid():
			return v.String()
		}
		return ""
	}
	fs, err := engine.Validate(doc)
	switch {
	case err != nil:
		return err.Error()
	case engine.HasErrors(fs):
		return fmt.Sprint(fs)
	}
	return ""
}

// hasCookie reports whether an OpenAPI 3.0 document (JSON or YAML) has
// an in: cookie parameter, which Swagger 2.0 cannot write: what the export
// selected decides (a published snapshot, not the current API).
func hasCookie(doc []byte) bool {
	j, err := engine.ToJSON(doc)
	if err != nil {
		return false
	}
	var root struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if json.Unmarshal(j, &root) != nil {
		return false
	}
	for _, item := range root.Paths {
		for _, v := range item {
			var op struct {
				Parameters []struct {
					In string `json:"in"`
				} `json:"parameters"`
			}
			if json.Unmarshal(v, &op) == nil && slices.ContainsFunc(op.Parameters, func(p struct {
				In string `json:"in"`
			}) bool {
				return p.In == "cookie"
			}) {
				return true
			}
		}
	}
	return false
}

// cookieRefusal says what is wrong with err as the refusal of a Swagger
// 2.0 export of a COOKIE parameter ("" when it is that refusal).
func cookieRefusal(err error) string {
	var e *engine.Error
	switch {
	case err == nil:
		return "the Swagger 2.0 export of a COOKIE parameter is not refused"
	case !errors.As(err, &e) || e.Status != 400 || !strings.Contains(e.Message, "COOKIE parameter"):
		return fmt.Sprintf("the Swagger 2.0 export of a COOKIE parameter is refused otherwise than by a 400 that names it: %v", err)
	}
	return ""
}

// versionsTrip runs the round trips (a), (b) and (c) for one bundle, group,
// environment and format, and lists what broke. exported is false when
// the bundle does not export as OpenAPI 3.0 (a refusal, which
// TestBundleProperty judges). Every export has version "round-trip".
func versionsTrip(b *model.Bundle, group string, env model.Env, format string) (exported, cookies bool, problems []string) {
	defer func() {
		if r := recover(); r != nil {
			exported, problems = true, append(problems, fmt.Sprintf("panic: %v", r))
		}
	}()
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	req := engine.Request{GroupID: group, EnvID: env.ID, Define: engine.DefineAll, Type: format, Version: "round-trip"}
	req2, req3 := req, req
	req3.OASVersion = "3.0"
	want3, err := engine.Export(b, req3, engine.Options{})
	if err != nil {
		return false, false, nil
	}
	want2, err2 := engine.Export(b, req2, engine.Options{})
	cookies = hasCookie(want3.Body)
	switch {
	case cookies:
		if msg := cookieRefusal(err2); msg != "" {
			fail("%s", msg)
		}
	case err2 != nil:
		fail("exports as OpenAPI 3.0 but not as Swagger 2.0: %v", err2)
	}
	// reexport imports doc and exports the import with r.
	reexport := func(step string, doc []byte, r engine.Request) (*model.Bundle, *engine.Result, error, bool) {
		res, err := engine.Import(doc, engine.ImportOptions{EnvID: env.ID, EnvName: env.Name})
		if err != nil {
			var msgs []string
			if res != nil {
				for _, f := range res.Findings {
					msgs = append(msgs, f.String())
				}
			}
			fail("%s: the export does not import: %v\n\t%s", step, err, strings.Join(msgs, "\n\t"))
			return nil, nil, nil, false
		}
		if res.Version != req.Version {
			fail("%s: info.version %q comes back as %q", step, req.Version, res.Version)
		}
		back, _, err := loadImported(res.Bundle)
		if err != nil {
			fail("%s: the imported bundle does not load: %v", step, err)
			return nil, nil, nil, false
		}
		r.GroupID = back.Groups[0].ID
		out, err := engine.Export(back, r, engine.Options{})
		return back, out, err, true
	}
	same := func(step string, want, got *engine.Result) {
		if !bytes.Equal(want.Body, got.Body) {
			d := ""
			if format == "json" {
				d = strings.Join(documentDiffs(want.Body, got.Body), ", ")
			} else {
				d = diffLines(want.Body, got.Body)
			}
			fail("%s changed the document: %s", step, d)
		}
		if want.FileName != got.FileName {
			fail("%s: the file name %s comes back as %s", step, want.FileName, got.FileName)
		}
	}
	// (a) and (c) start from the OpenAPI 3.0 document.
	if back, got3, err, ok := reexport("3.0 → import → 3.0", want3.Body, req3); ok {
		if err != nil {
			fail("3.0 → import → 3.0: the imported bundle does not export: %v", err)
		} else {
			same("3.0 → import → 3.0", want3, got3)
		}
		got2, err := engine.Export(back, engine.Request{GroupID: back.Groups[0].ID, EnvID: env.ID, Define: req.Define, Type: format, Version: req.Version}, engine.Options{})
		switch {
		case cookies:
			if msg := cookieRefusal(err); msg != "" {
				fail("3.0 → import → 2.0: %s", msg)
			}
		case err != nil:
			fail("3.0 → import → 2.0: the imported bundle does not export: %v", err)
		case err2 == nil:
			same("3.0 → import → 2.0", want2, got2)
		}
	}
	// (b) starts from the Swagger 2.0 document, when there is one.
	if err2 == nil {
		if _, got3, err, ok := reexport("2.0 → import → 3.0", want2.Body, req3); ok {
			if err != nil {
				fail("2.0 → import → 3.0: the imported bundle does not export: %v", err)
			} else {
				same("2.0 → import → 3.0", want3, got3)
			}
		}
	}
	return true, cookies, problems
}

// roundTripBundles are the bundles of testdata (the sample and
// testdata/examples/*.bundle.json) and bundlegen's generated groups.
func roundTripBundles(t *testing.T) (names []string, bundles []*model.Bundle) {
	t.Helper()
	load := func(name string, data []byte) {
		b, err := model.Load([]model.File{{Name: name, Data: data}}, model.LoadOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		names, bundles = append(names, name), append(bundles, b)
	}
	load("sample", sample.Bundle)
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.bundle.json"))
	if len(files) < 3 {
		t.Fatalf("only %d example bundles", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		load(filepath.Base(f), data)
	}
	for seed := uint64(1); seed <= 8; seed++ {
		names, bundles = append(names, fmt.Sprintf("bundlegen-%d", seed)), append(bundles, bundlegen.Generate(60, seed))
	}
	// The sample with a COOKIE parameter on every API, current and
	// published: what only OpenAPI 3.0 writes.
	cookie := loadSample(t)
	addCookie := func(a *model.API) {
		a.ReqParams = append(a.ReqParams, model.ReqParam{Name: "session", Type: "STRING", Location: "COOKIE", Required: 1, Remark: "session cookie", SampleValue: "abc"})
	}
	for i := range cookie.APIs {
		addCookie(&cookie.APIs[i])
	}
	for i := range cookie.Publications {
		if a := cookie.Publications[i].API; a != nil {
			addCookie(a)
		}
	}
	names, bundles = append(names, "sample with cookies"), append(bundles, cookie)
	return names, bundles
}

// TestRoundTripOAS3Bundles: the round trips (a), (b) and (c) for every
// bundle of testdata, in each of its groups and environments, and for
// bundlegen's generated groups, as JSON and as YAML.
func TestRoundTripOAS3Bundles(t *testing.T) {
	names, bundles := roundTripBundles(t)
	trips, cookies := 0, 0
	for i, b := range bundles {
		for _, g := range b.Groups {
			for _, env := range b.AllEnvs() {
				for _, format := range formats {
					t.Run(names[i]+"/"+g.Name+"/"+env.Name+"/"+format, func(t *testing.T) {
						exported, cookie, problems := versionsTrip(b, g.ID, env, format)
						if !exported {
							t.Fatal("the bundle does not export as OpenAPI 3.0")
						}
						trips++
						if cookie {
							cookies++
						}
						for _, p := range problems {
							t.Error(p)
						}
					})
				}
			}
		}
	}
	t.Logf("%d bundles, %d round trips of each kind (group × environment × format), %d of them with COOKIE parameters (b and c check the refusal)", len(bundles), trips, cookies)
}

// roundTrip3Always are single changes that TestRoundTripOAS3Property
// always checks beside its sample and roundTripAlways: what it found.
var roundTrip3Always = []struct{ site, change string }{
	{"apis[2].req_params[0].location", `= "HEADER"`}, // an undeclared path parameter came back with example ""
	// COOKIE parameters, in the current API and in a published snapshot:
	// (b) and (c) check the refusal of Swagger 2.0.
	{"apis[3].req_params[0].location", `= "COOKIE"`},
	{"publications[2].api.req_params[0].location", `= "COOKIE"`},
}

// oddHostReason is why a variant whose group host is no host name (an odd
// text in groups[0].url_domains[i].domain or groups[0].sl_domain) cannot
// come back through OpenAPI 3.0: the export writes it into the servers'
// URLs, and the import refuses a server URL the gateway cannot parse
// (import-servers, its APIG.2045), while Swagger 2.0's host is imported as
// it is. A refusal that says why, not a loss.
const oddHostReason = "a host that is no host name is refused in an OpenAPI 3.0 server URL (import-servers)"

// oddHost reports whether a variant's problems are oddHostReason's: it
// changes the group's host, and each of its problems is an import that
// fails on import-servers errors alone.
func oddHost(name string, problems []string) bool {
	if !strings.Contains(name, "groups[0].url_domains[") && !strings.Contains(name, "groups[0].sl_domain") {
		return false
	}
	for _, p := range problems {
		if !strings.Contains(p, "the export does not import") {
			return false
		}
		for _, line := range strings.Split(p, "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "error ") && !strings.HasPrefix(l, "error import-servers ") {
				return false
			}
		}
	}
	return true
}

// TestRoundTripOAS3Property: the round trips (a), (b) and (c) for the
// single-change variants of bundlegen's seed and seeded random
// combinations of them, as TestRoundTripProperty has them for Swagger 2.0:
// each variant that loads and exports as OpenAPI 3.0, in RELEASE or (every
// third) TEST, as JSON or (every other) YAML. The default run checks a
// sample, -roundtrip3.full every single change. The exceptions of
// TestRoundTripProperty hold here too; each must still occur. Under
// -roundtrip3.full, whose odd texts reach the group's host, a variant may
// be excused by oddHostReason, which must then occur.
func TestRoundTripOAS3Property(t *testing.T) {
	var opts bundlegen.Options
	stride, random := 9, 30
	if *roundTrip3Full {
		opts.Texts = bundlegen.OddTexts
		stride, random = 1, 2000
	} else if testing.Short() {
		stride, random = 60, 5
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), opts)
	if err != nil {
		t.Fatal(err)
	}
	odd, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: bundlegen.OddTexts})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []bundlegen.Variant
	for _, e := range roundTripExceptions {
		if v, ok := odd.Single(e.site, e.change); ok {
			jobs = append(jobs, v)
		} else {
			t.Errorf("exception %s %s: the seed has no such change", e.site, e.change)
		}
	}
	for _, c := range append(slices.Clone(roundTripAlways), roundTrip3Always...) {
		if v, ok := odd.Single(c.site, c.change); ok {
			jobs = append(jobs, v)
		} else {
			t.Errorf("%s %s: the seed has no such change", c.site, c.change)
		}
	}
	sampled, randoms := g.Sample(stride, random, 17)
	jobs = append(jobs, sampled...)
	singles := len(jobs)
	jobs = append(jobs, randoms...)
	excusedBy := func(name string) int {
		return slices.IndexFunc(roundTripExceptions, func(e struct{ site, change, reason string }) bool {
			return slices.Contains(strings.Split(name, "; "), e.site+" "+e.change)
		})
	}
	var (
		mu       sync.Mutex
		problems []string
		excused  = map[int]bool{}
		checked  int
		cookies  int
		oddHosts int // variants excused by oddHostReason
		wg       sync.WaitGroup
	)
	for w := range 2 {
		wg.Go(func() {
			for k := w; k < len(jobs); k += 2 {
				v := jobs[k]
				exported, found, cookie := variantTrip(v, k)
				mu.Lock()
				if exported {
					checked++
				}
				if cookie {
					cookies++
				}
				switch e := excusedBy(v.Name); {
				case len(found) == 0:
				case e >= 0:
					excused[e] = true
				case oddHost(v.Name, found):
					oddHosts++
				default:
					for _, f := range found {
						problems = append(problems, v.Name+": "+f)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	t.Logf("%d variants (%d with one change), %d exported as OpenAPI 3.0 and round-tripped three ways, %d of them with COOKIE parameters; %d excused because %s", len(jobs), singles, checked, cookies, oddHosts, oddHostReason)
	if *roundTrip3Full && oddHosts == 0 {
		t.Errorf("no variant is excused because %s: the exception no longer occurs with odd texts; remove it", oddHostReason)
	}
	for i, e := range roundTripExceptions {
		if !excused[i] {
			t.Errorf("exception %s %s (%s) does not occur in OpenAPI 3.0: the document comes back", e.site, e.change, e.reason)
		}
	}
	for i, p := range problems {
		if i == 20 {
			t.Errorf("... and %d more", len(problems)-i)
			break
		}
		t.Error(p)
	}
}

// variantTrip loads a variant and runs versionsTrip on it in RELEASE or,
// for every third variant, in TEST when the bundle has it, as JSON or, for
// every other, YAML.
func variantTrip(v bundlegen.Variant, i int) (exported bool, problems []string, cookie bool) {
	b, err := model.Load([]model.File{{Name: "variant.json", Data: v.Bundle}}, model.LoadOptions{})
	if err != nil || len(b.Groups) == 0 {
		return false, nil, false
	}
	env := b.AllEnvs()[0]
	if i%3 == 2 {
		for _, e := range b.AllEnvs() {
			if e.Name == "TEST" {
				env = e
			}
		}
	}
	exported, cookie, problems = versionsTrip(b, b.Groups[0].ID, env, formats[i%2])
	return exported, problems, cookie
}

// TestRoundTripOAS3Documents: import → export(all, OpenAPI 3.0) gives back
// every OpenAPI 3.0 file of the gateway's examples (testdata/examples,
// *oas3*), JSON-equal but for the differences listed here with their
// reasons, as TestRoundTripDocuments has them for Swagger 2.0; a listed
// difference that does not occur fails too. A pointer segment * stands
// for any one segment; a difference takes the first pattern it matches.
func TestRoundTripOAS3Documents(t *testing.T) {
	type diff struct{ pointer, reason string }
	const (
		responseKey = "the gateway's operation response key default-cors is not allowed by the official schema's Responses Object; the export writes default with the same value (docs/export.md §4b)"
		zeroBounds  = "the gateway's zero-filled unset bounds (maxLength 0 would forbid every non-empty value); the model keeps 0 as none and the export writes no bound (docs/export.md §4b)"
		appHeader   = "the export always writes the three predefined security schemes, apig-auth-app-header among them"
	)
	responses := []diff{{"/paths/*/*/responses/default", responseKey}, {"/paths/*/*/responses/default-cors", responseKey}}
	bounds := []diff{{"/paths/*/*/parameters/*/schema/maxLength", zeroBounds}, {"/paths/*/*/parameters/*/schema/maximum", zeroBounds}, {"/paths/*/*/parameters/*/schema/minimum", zeroBounds}}
	cases := map[string][]diff{
		"apig-oas3-http-backend.yaml": slices.Concat(responses, bounds),
		"import-oas3-function.yaml":   slices.Concat(responses, bounds, []diff{{"/components/securitySchemes/apig-auth-app-header", appHeader}}),
		"import-oas3-http-vpc.yaml":   slices.Concat(responses, bounds),
		"import-oas3-mock.yaml":       responses,
	}
	seen := 0
	for _, file := range oas3Samples(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			diffs, listed := cases[name]
			if !listed {
				t.Fatalf("no row for %s", name)
			}
			seen++
			doc, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, res, out := importExport(t, doc, engine.ImportOptions{}, engine.Request{OASVersion: "3.0"})
			if engine.HasErrors(res.Findings) {
				t.Fatalf("errors: %v", res.Findings)
			}
			if msg := exportInvalid("3.0", out); msg != "" {
				t.Errorf("the export is not valid OpenAPI 3.0: %s", msg)
			}
			in, err := engine.ToJSON(doc)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			jsonDiffs(decodeJSON(t, in), decodeJSON(t, out), "", &got)
			used := make([]bool, len(diffs))
			for _, p := range got {
				i := slices.IndexFunc(diffs, func(d diff) bool { return pointerMatch(d.pointer, p) })
				if i < 0 {
					t.Errorf("%s differs and the difference is not listed", p)
					continue
				}
				used[i] = true
			}
			for i, d := range diffs {
				if !used[i] {
					t.Errorf("listed difference %s (%s) does not occur", d.pointer, d.reason)
				}
			}
		})
	}
	if seen != len(cases) {
		t.Errorf("%d rows, %d samples", len(cases), seen)
	}
}
