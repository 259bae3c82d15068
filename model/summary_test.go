package model_test

import (
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

func TestInspect(t *testing.T) {
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	const groupID = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01"
	s := model.Inspect(b)
	if len(s.Groups) != 1 || s.Groups[0] != (model.GroupSummary{ID: groupID, Name: "shop_api", APIs: 13}) {
		t.Errorf("groups: %+v", s.Groups)
	}
	if len(s.Environments) != 2 || s.Environments[0].ID != model.DefaultEnvID || s.Environments[1].Name != "TEST" {
		t.Errorf("environments: %+v", s.Environments)
	}
	if len(s.APIs) != 13 {
		t.Fatalf("%d APIs, want 13", len(s.APIs))
	}
	// Sorted by path, then method.
	if a, b := s.APIs[0], s.APIs[1]; a.Path != "/beta/{feature}" || b.Path != "/echo" || b.Method != "ANY" {
		t.Errorf("first APIs: %+v, %+v", a, b)
	}
	for _, a := range s.APIs {
		switch a.Name {
		case "GetReport":
			if len(a.Published) != 0 {
				t.Errorf("the draft GetReport is published in %v", a.Published)
			}
		case "ListProducts":
			if len(a.Published) != 2 {
				t.Errorf("ListProducts is published in %v, want RELEASE and TEST", a.Published)
			}
		}
	}
}
