package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/check"
	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/apigexport/apigexport/model/sample"
)

// TestStreamedMatchesWhole: an export writes and checks its Path Items one
// by one and lets them go; that must give the bytes of the whole tree
// written at once, and the findings of the whole document checked at once.
func TestStreamedMatchesWhole(t *testing.T) {
	type source struct {
		name   string
		bundle *model.Bundle
		group  string
		env    string
	}
	var sources []source
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{"RELEASE", "TEST"} {
		sources = append(sources, source{"sample-" + env, b, b.Groups[0].ID, b.EnvByIDOrName(env).ID})
	}
	for seed := range uint64(4) {
		data, err := json.Marshal(bundlegen.Generate(60, seed+1))
		if err != nil {
			t.Fatal(err)
		}
		g, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source{fmt.Sprintf("generated-%d", seed+1), g, bundlegen.GroupID, model.DefaultEnvID})
	}
	for _, src := range sources {
		for _, define := range []string{DefineSpec, DefineProxy, DefineAll, DefineDev} {
			for _, apis := range [][]string{nil, {src.bundle.APIs[0].ID}} {
				for _, broken := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/%s/%d/broken=%v", src.name, define, len(apis), broken), func(t *testing.T) {
						req := Request{GroupID: src.group, EnvID: src.env, Define: define, Version: "v1", APIs: apis}
						x, err := newExporter(src.bundle, req, Options{})
						if err != nil {
							t.Fatal(err)
						}
						root, err := x.root()
						if err != nil {
							t.Fatal(err)
						}
						w := tree.NewJSONWriter(root, 0)
						chk := check.New(root, swagger2(true, 0, Source{}))
						var paths tree.Obj
						err = x.pathItems(func(p string, item tree.Obj) {
							if broken {
								// One operationId for every operation: a
								// finding of the stage that the whole
								// document decides, once there are two.
								for _, m := range item {
									if op, ok := m.Val.(tree.Obj); ok {
										for i := range op {
											if op[i].Key == "operationId" {
												op[i].Val = "same"
											}
										}
									}
								}
							}
							w.PathItem(p, item)
							chk.Item(p, item)
							paths = append(paths, tree.Member{Key: p, Val: item})
						})
						if err != nil {
							t.Fatal(err)
						}
						got := w.Finish(root)
						whole := slices.Clone(root)
						whole[slices.IndexFunc(whole, func(m tree.Member) bool { return m.Key == "paths" })].Val = paths
						if want := tree.EncodeJSON(whole, 0); !bytes.Equal(got, want) {
							t.Fatalf("streamed bytes differ from the whole tree's:\n%s\n---\n%s", got, want)
						}
						doc, err := decodeTree(got)
						if err != nil {
							t.Fatal(err)
						}
						raw := func() []byte { return got }
						streamed, all := chk.Verdict(raw), check.Document(doc, swagger2(true, 0, Source{})).Verdict(raw)
						if !reflect.DeepEqual(streamed, all) {
							t.Errorf("streamed findings %v, whole document's %v", streamed, all)
						}
						// One operationId for every operation: errors exactly when there
						// are two operations or more.
						ops := 0
						for _, m := range paths {
							for _, o := range m.Val.(tree.Obj) {
								if slices.Contains(check.HTTPMethods[:], o.Key) {
									ops++
								}
							}
						}
						if want := broken && ops > 1; HasErrors(streamed) != want {
							t.Errorf("broken=%v, %d operations: findings %v", broken, ops, streamed)
						}
					})
				}
			}
		}
	}
}
