package engine_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// TestConcurrentExports: exports of different bundles, versions, scopes
// and formats, run at the same time and interleaved with exports that
// fail, give the bytes each gives alone. Exports share a pool of arenas
// (export.go) and values boxed once per export; a value written into a
// pooled block after its export returned, or one export's value in
// another's tree, shows here as a changed document.
func TestConcurrentExports(t *testing.T) {
	type job struct {
		name string
		b    *model.Bundle
		req  engine.Request
		opts engine.Options
		want []byte // nil: the export fails
	}
	sampleBundle := loadSample(t)
	generated := bundlegen.Generate(60, 7)
	var jobs []job
	for _, oas := range []string{"", "3.0"} {
		for _, c := range goldenCases {
			req := c.req
			req.OASVersion = oas
			opts := c.opts
			opts.Now = clock
			jobs = append(jobs, job{name: fmt.Sprintf("%s %s", oas, c.file), b: sampleBundle, req: req, opts: opts})
		}
		for _, define := range []string{"spec", "proxy", "all", "dev"} {
			for _, typ := range []string{"json", "yaml"} {
				req := engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: define, Type: typ, OASVersion: oas}
				if define == "dev" {
					req.EnvID = ""
				}
				jobs = append(jobs, job{name: fmt.Sprintf("%s generated %s %s", oas, define, typ), b: generated, req: req, opts: engine.Options{Now: clock}})
			}
		}
	}
	// Exports that fail (a request the contract refuses, two APIs on one
	// route) and a bundle that only OpenAPI 3.0 exports (a COOKIE
	// parameter).
	conflict := bundleWith(t, func(b *model.Bundle) { findAPI(b, "HealthCheck").ReqURI = "/products" })
	cookie := bundleWith(t, func(b *model.Bundle) {
		a := findAPI(b, "HealthCheck")
		a.ReqParams = append(a.ReqParams, model.ReqParam{Name: "session", Type: "STRING", Location: "COOKIE"})
	})
	all := engine.Request{GroupID: groupID, EnvID: release, Define: "all"}
	all3 := all
	all3.OASVersion = "3.0"
	jobs = append(jobs,
		job{name: "refused request", b: sampleBundle, req: engine.Request{GroupID: groupID, EnvID: release, Define: "full"}},
		job{name: "conflict", b: conflict, req: all, opts: engine.Options{Now: clock}},
		job{name: "cookie 2.0", b: cookie, req: all, opts: engine.Options{Now: clock}},
		job{name: "cookie 3.0", b: cookie, req: all3, opts: engine.Options{Now: clock}},
	)
	for i := range jobs {
		res, err := engine.Export(jobs[i].b, jobs[i].req, jobs[i].opts)
		if err == nil {
			jobs[i].want = res.Body
		}
	}
	if n := len(jobs); jobs[n-3].want != nil || jobs[n-2].want != nil || jobs[n-1].want == nil {
		t.Fatal("the conflict or the COOKIE parameter no longer does what this test expects of it")
	}

	// Every job four times, in a shuffled order, over eight goroutines.
	var order []int
	for range 4 {
		for i := range jobs {
			order = append(order, i)
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for range 8 {
		wg.Go(func() {
			for i := range work {
				j := jobs[i]
				res, err := engine.Export(j.b, j.req, j.opts)
				var problem string
				switch {
				case j.want == nil && err == nil:
					problem = "exports, and alone it fails"
				case j.want != nil && err != nil:
					problem = fmt.Sprintf("fails (%v), and alone it exports", err)
				case j.want != nil && !bytes.Equal(res.Body, j.want):
					problem = "differs from the export alone:\n" + firstDiff(j.want, res.Body)
				}
				if problem != "" {
					mu.Lock()
					failures = append(failures, j.name+": "+problem)
					mu.Unlock()
				}
			}
		})
	}
	for _, i := range order {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
}
