package bundlegen_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
)

// TestGenerate: the bundle loads strictly, is the same for the same seed,
// and uses every backend type, auth type, ANY, {path+}, policies, bindings
// and drafts, as the benchmarks assume.
func TestGenerate(t *testing.T) {
	b := bundlegen.Generate(200, 3)
	if !reflect.DeepEqual(b, bundlegen.Generate(200, 3)) {
		t.Error("the same size and seed gave different bundles")
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := model.Load([]model.File{{Name: "generated.json", Data: data}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.APIs) != 200 {
		t.Fatalf("%d APIs, want 200", len(loaded.APIs))
	}
	seen := map[string]bool{}
	published := map[string]bool{}
	for _, p := range loaded.Publications {
		published[p.APIID] = true
	}
	for _, a := range loaded.APIs {
		backend := a.BackendType
		if a.BackendAPI != nil && a.BackendAPI.VPCChannelStatus == 1 {
			backend = "HTTP-VPC"
		}
		auth := a.AuthType
		if a.AuthOpt != nil && a.AuthOpt.AppCodeAuthType == "HEADER" {
			auth = "APP-HEADER"
		}
		seen["backend "+backend] = true
		seen["auth "+auth] = true
		seen["method "+a.ReqMethod] = true
		if len(a.PolicyHTTPs)+len(a.PolicyFunctions)+len(a.PolicyMocks) > 0 {
			seen["policies"] = true
		}
		if !published[a.ID] {
			seen["draft"] = true
		}
		if a.MatchMode == "SWA" {
			seen["prefix path"] = true
		}
	}
	for _, want := range []string{"backend HTTP", "backend HTTP-VPC", "backend FUNCTION", "backend MOCK",
		"auth NONE", "auth APP", "auth APP-HEADER", "auth IAM", "auth AUTHORIZER", "method ANY",
		"policies", "draft", "prefix path"} {
		if !seen[want] {
			t.Errorf("no API with %s", want)
		}
	}
	if len(loaded.ThrottleBindings) == 0 || len(loaded.ACLBindings) == 0 || len(loaded.PluginBindings) == 0 || len(loaded.ThrottleSpecials) == 0 {
		t.Error("bindings or specials are missing")
	}
}
