package bundlegen_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
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

// TestSeed: the seed loads strictly and holds every object of the
// catalogue, so that its variants reach every field.
func TestSeed(t *testing.T) {
	if _, err := model.Load([]model.File{{Name: "seed.json", Data: bundlegen.Seed()}}, model.LoadOptions{Strict: true}); err != nil {
		t.Fatal(err)
	}
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for _, s := range g.Sites() {
		reached[s.Object] = true
		if len(s.Changes) == 0 {
			t.Errorf("%s: a site without changes", s.Path)
		}
	}
	for _, o := range model.Catalogue {
		if reached[o.Name] {
			for _, e := range o.Embeds {
				reached[e] = true
			}
		}
	}
	for _, o := range model.Catalogue {
		changeable := slices.ContainsFunc(o.Fields, func(f model.Field) bool {
			return f.Optional || f.Values != nil || f.Bounds != nil || f.Link != ""
		})
		if !reached[o.Name] && changeable {
			t.Errorf("the seed has no %s", o.Name)
		}
	}
}

// TestVariants: each change of a site is one variant; random ones and
// those from bytes are the same for the same input; a single change
// the gateway's data may hold is marked as one that must load.
func TestVariants(t *testing.T) {
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	changes := 0
	for _, s := range g.Sites() {
		changes += len(s.Changes)
	}
	if changes < 1000 {
		t.Errorf("the seed has %d changes, want thousands", changes)
	}
	n := 0
	for v := range g.Singles() {
		if n++; n == 3 {
			if !strings.HasPrefix(v.Name, g.Sites()[0].Path+" ") {
				t.Errorf("the third single variant is %q, want one of %s", v.Name, g.Sites()[0].Path)
			}
			break
		}
	}
	for _, c := range []struct {
		path, change string
		must         bool
	}{
		{"authorizers[0].network_type", "absent", true},
		{"authorizers[0].network_type", "null", true},
		{"apis[0].backend_api.retry_count", "zero", false}, // "" is not a documented retry count
		{"apis[0].auth_type", `= "AUTHORIZER"`, false},     // needs authorizer_id
		{"apis[0].policy_https[0].timeout", "absent", true},
		{"apis[1].backend_api.vpc_channel_status", "absent", true},
		{"apis[0].backend_api.url_domain", "absent", false}, // required for a direct backend
	} {
		v, ok := g.Single(c.path, c.change)
		if !ok {
			t.Errorf("no variant %s %s", c.path, c.change)
			continue
		}
		if v.Name != c.path+" "+c.change || v.MustLoad != c.must {
			t.Errorf("%s %s: variant %q, MustLoad %v, want %v", c.path, c.change, v.Name, v.MustLoad, c.must)
		}
	}
	var a, b []string
	for v := range g.Random(20, 9) {
		a = append(a, string(v.Bundle))
	}
	for v := range g.Random(20, 9) {
		b = append(b, string(v.Bundle))
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different random variants")
	}
	data := []byte{0, 5, 1, 1, 2, 3, 200}
	if x, y := g.FromBytes(data), g.FromBytes(data); x.Name != y.Name || string(x.Bundle) != string(y.Bundle) || x.Name == "" {
		t.Errorf("FromBytes: %q and %q", x.Name, y.Name)
	}
}
