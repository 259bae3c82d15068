package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

var roundTripFull = flag.Bool("roundtrip.full", false, "have TestRoundTripProperty check every single-change variant of bundlegen's seed, with odd texts too (bundlegen.OddTexts), and 2,000 random combinations (by default every ninth single change and 30 combinations)")

// roundTripExceptions are the single changes of bundlegen's seed (site
// path and change, as bundlegen.Generator.Single takes them, odd texts
// included) whose document cannot come back byte for byte through Import,
// with the reason. TestRoundTripProperty always checks each of them, and
// fails when one comes back after all: then its row goes. A random
// combination that holds one of them is excused too.
//
// Every key that an export writes (the x-apigateway-* extensions and the
// Swagger fields) Import reads back. What the document does not carry at
// all (mapped_param_location, a function's req_protocol, a mock's
// status_code and header, IDs, versions, backend authorizers, ...) the
// second export does not write either, so it changes no byte: such a field
// needs a row only when its absence changes what the export writes.
var roundTripExceptions = []struct{ site, change, reason string }{
	{"groups[0].name", `= " "`, "a blank group name exports as a blank info.title, and Import refuses it (import-required /info/title): the group's name comes from the title, and the gateway names every group; a refusal that says why, not a loss"},
}

// roundTripAlways are single changes that the default run always checks
// beside its sample: what the full run found, odd texts included.
var roundTripAlways = []struct{ site, change string }{
	{"envs[0].name", `= "é"`},                                          // RELEASE under another name came back as RELEASE
	{"publications[2].api.req_params[0].location", `= "QUERY"`},        // an ANY operation's parameters came back in the Path Item's order
	{"apis[0].policy_https[0].conditions[5].condition_type", "absent"}, // an orchestration condition without a type
}

// TestRoundTripProperty: for the single-change variants of bundlegen's
// seed (model.Catalogue's fields left out, null, zero, at each documented
// value and bound, and naming each object they may link to) and seeded
// random combinations of them, every variant that loads and exports under
// define=all as JSON comes back: export(all) → Import in the export's
// environment → export(all) with the document's info.version gives the
// same bytes and the same file name. Import must never drop what the
// export wrote. The default run checks a sample (every single change
// under -roundtrip.full) and the listed exceptions.
func TestRoundTripProperty(t *testing.T) {
	var opts bundlegen.Options
	stride, random := 9, 30
	if *roundTripFull {
		opts.Texts = bundlegen.OddTexts
		stride, random = 1, 2000
	} else if runtime.GOOS == "js" {
		// Node runs the module on one thread, ten times slower than
		// native code.
		stride, random = 120, 3
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The exceptions are found among the changes of the full run.
	odd, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: bundlegen.OddTexts})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []bundlegen.Variant
	excused := map[int]bool{} // the exceptions that still occur
	for i, e := range roundTripExceptions {
		v, ok := odd.Single(e.site, e.change)
		if !ok {
			t.Errorf("exception %s %s (%s): the seed has no such change", e.site, e.change, e.reason)
			excused[i] = true // said once
			continue
		}
		jobs = append(jobs, v)
	}
	for _, c := range roundTripAlways {
		v, ok := odd.Single(c.site, c.change)
		if !ok {
			t.Errorf("%s %s: the seed has no such change", c.site, c.change)
			continue
		}
		jobs = append(jobs, v)
	}
	sampled, randoms := g.Sample(stride, random, 13)
	jobs = append(jobs, sampled...)
	singles := len(jobs)
	jobs = append(jobs, randoms...)

	var (
		mu        sync.Mutex
		problems  []string
		checked   int
		excusedBy = func(name string) int {
			return slices.IndexFunc(roundTripExceptions, func(e struct{ site, change, reason string }) bool {
				return slices.Contains(strings.Split(name, "; "), e.site+" "+e.change)
			})
		}
		wg sync.WaitGroup
	)
	// Two workers: the machine has two cores.
	for w := range 2 {
		wg.Go(func() {
			for k := w; k < len(jobs); k += 2 {
				v := jobs[k]
				exported, diff := roundTrip(v, k)
				mu.Lock()
				if exported {
					checked++
				}
				switch e := excusedBy(v.Name); {
				case diff == "":
				case e >= 0:
					excused[e] = true
				default:
					problems = append(problems, v.Name+": "+diff)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	t.Logf("%d variants (%d with one change), %d exported and checked", len(jobs), singles, checked)
	for i, e := range roundTripExceptions {
		if !excused[i] {
			t.Errorf("exception %s %s (%s) no longer occurs: the document comes back; remove its row", e.site, e.change, e.reason)
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

// roundTrip loads a variant and exports it under define=all as JSON, in
// RELEASE or, for every third variant, in TEST when the bundle has it;
// exported is false when either refuses it, which another test judges
// (TestBundleProperty). Otherwise it imports the document in the same
// environment, loads the imported bundle strictly, exports it again with
// the document's version and says what differs ("" when nothing does).
func roundTrip(v bundlegen.Variant, i int) (exported bool, diff string) {
	defer func() {
		if r := recover(); r != nil {
			exported, diff = true, fmt.Sprintf("panic: %v", r)
		}
	}()
	b, err := model.Load([]model.File{{Name: "variant.json", Data: v.Bundle}}, model.LoadOptions{})
	if err != nil || len(b.Groups) == 0 {
		return false, ""
	}
	env := b.AllEnvs()[0]
	if i%3 == 2 {
		for _, e := range b.AllEnvs() {
			if e.Name == "TEST" {
				env = e
			}
		}
	}
	req := engine.Request{GroupID: b.Groups[0].ID, EnvID: env.ID, Define: "all", Type: "json", Version: "v1"}
	first, err := engine.Export(b, req, engine.Options{})
	if err != nil {
		return false, ""
	}
	res, err := engine.Import(first.Body, engine.ImportOptions{EnvID: env.ID, EnvName: env.Name})
	if err != nil {
		msgs := []string{err.Error()}
		if res != nil && len(res.Findings) > 0 {
			msgs = msgs[:0]
			for _, f := range res.Findings {
				msgs = append(msgs, f.String())
			}
		}
		return true, "the export does not import:\n\t" + strings.Join(msgs, "\n\t")
	}
	if res.Version != req.Version {
		return true, fmt.Sprintf("info.version %q comes back as %q", req.Version, res.Version)
	}
	back, _, err := loadImported(res.Bundle)
	if err != nil {
		return true, fmt.Sprintf("the imported bundle does not load: %v", err)
	}
	req.GroupID, req.Version = back.Groups[0].ID, res.Version
	second, err := engine.Export(back, req, engine.Options{})
	if err != nil {
		return true, fmt.Sprintf("the imported bundle does not export: %v", err)
	}
	if !bytes.Equal(first.Body, second.Body) {
		return true, "export → import → export changed " + strings.Join(documentDiffs(first.Body, second.Body), ", ")
	}
	if first.FileName != second.FileName {
		return true, fmt.Sprintf("the file name %s comes back as %s", first.FileName, second.FileName)
	}
	return true, ""
}

// documentDiffs lists the JSON pointers where two JSON documents differ,
// or says that only their bytes do.
func documentDiffs(a, b []byte) []string {
	decode := func(data []byte) (any, error) {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		return v, d.Decode(&v)
	}
	x, errA := decode(a)
	y, errB := decode(b)
	if err := errors.Join(errA, errB); err != nil {
		return []string{"a document that is not JSON: " + err.Error()}
	}
	var out []string
	jsonDiffs(x, y, "", &out)
	if len(out) == 0 {
		return []string{"the bytes of an equal document (the order of keys or items)"}
	}
	return out
}
