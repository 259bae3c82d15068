package model_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

func TestLookupByIDOrName(t *testing.T) {
	b := &model.Bundle{
		Groups:       []model.Group{{ID: "g1", Name: "shop"}, {ID: "shop2", Name: "g1"}},
		APIs:         []model.API{{ID: "a1", GroupID: "g1", Name: "List"}, {ID: "a2", GroupID: "shop2", Name: "List"}},
		Publications: []model.Publication{{APIID: "a1", EnvID: model.DefaultEnvID}},
	}
	for _, c := range []struct{ in, want string }{{"g1", "g1"}, {"shop", "g1"}, {"shop2", "shop2"}, {"Shop", ""}, {"", ""}} {
		g := b.GroupByIDOrName(c.in)
		if got := ""; g != nil {
			got = g.ID
			if got != c.want {
				t.Errorf("GroupByIDOrName(%q) = %s, want %q", c.in, got, c.want)
			}
		} else if c.want != "" {
			t.Errorf("GroupByIDOrName(%q) = nil, want %s", c.in, c.want)
		}
	}
	if a := b.APIByIDOrName("shop2", "List"); a == nil || a.ID != "a2" {
		t.Errorf("APIByIDOrName(shop2, List) = %v, want a2", a)
	}
	if a := b.APIByIDOrName("g1", "a2"); a != nil {
		t.Errorf("APIByIDOrName found %s outside its group", a.ID)
	}
	if !b.IsPublished("a1", model.DefaultEnvID) || b.IsPublished("a2", model.DefaultEnvID) {
		t.Error("IsPublished does not follow the publications")
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"RELEASE", "TEST", "test_b", "Prod"}
	for _, c := range []struct{ in, want string }{
		{"release", "RELEASE"},
		{"prod", "Prod"},
		{"rel", "RELEASE"}, // a unique prefix
		{"te", ""},         // TEST and test_b
		{"test", "TEST"},   // equal ignoring case wins over the prefix of test_b
		{"r", ""},          // too short for a prefix
		{"RELEASE2", ""},   // no match
		{"", ""},
	} {
		if got := model.Suggest(c.in, names); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestLoadErrorIsList: what Load's doc promises.
func TestLoadErrorIsList(t *testing.T) {
	for _, data := range []string{``, `{`, `[]`, `{"apis": [{"id": 1}]}`, `{"nosuch": 1}`} {
		_, err := model.Load([]model.File{{Name: "f.json", Data: []byte(data)}}, model.LoadOptions{})
		var list model.ErrorList
		if !errors.As(err, &list) || len(list) == 0 || list[0].File != "f.json" {
			t.Errorf("%q: error %T %v, want a model.ErrorList naming f.json", data, err, err)
		}
	}
}

// A person names a group and an environment; the export request takes
// their IDs.
func ExampleBundle_GroupByIDOrName() {
	b, err := model.Load([]model.File{{Name: "sample.json", Data: sample.Bundle}}, model.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	g := b.GroupByIDOrName("shop_api")
	e := b.EnvByIDOrName("TEST")
	fmt.Println(g.ID, e.ID)
	var names []string
	for _, e := range b.AllEnvs() {
		names = append(names, e.Name)
	}
	if b.EnvByIDOrName("test") == nil {
		fmt.Printf("no environment test; did you mean %s?\n", model.Suggest("test", names))
	}
	// Output:
	// 7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01 5e0b7a2c9d3f4a18b6c4e1f2a3b4c5d6
	// no environment test; did you mean TEST?
}

func TestOrchestrationAndVPCChannel(t *testing.T) {
	b := &model.Bundle{
		Orchestrations: []model.Orchestration{{OrchestrationID: "o1", OrchestrationName: "first"}},
		VPCChannels:    []model.VPCChannel{{ID: "c1", Name: "one"}, {ID: "c2", Name: "two"}},
	}
	if o := b.Orchestration("o1"); o == nil || o.OrchestrationName != "first" {
		t.Errorf("Orchestration(o1) = %+v", o)
	}
	if c := b.VPCChannel("c2"); c == nil || c.Name != "two" {
		t.Errorf("VPCChannel(c2) = %+v", c)
	}
	if b.Orchestration("c1") != nil || b.VPCChannel("o1") != nil {
		t.Error("a lookup found an ID of another kind")
	}
}
