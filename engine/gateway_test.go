package engine_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// sampleTree is the sample bundle as decoded JSON, for edits that a typed
// bundle cannot make (a field left out or null).
func sampleTree(t testing.TB) map[string]any {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(sample.Bundle, &root); err != nil {
		t.Fatal(err)
	}
	return root
}

// apiNamed is the sample API of that name in a decoded bundle.
func apiNamed(root map[string]any, name string) map[string]any {
	for _, a := range root["apis"].([]any) {
		if a := a.(map[string]any); a["name"] == name {
			return a
		}
	}
	panic("no API " + name)
}

// at walks a decoded bundle down keys and array indexes.
func at(v any, path ...any) map[string]any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v.(map[string]any)
}

func loadTree(t testing.TB, root map[string]any) *model.Bundle {
	t.Helper()
	data, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	// Strict: what the gateway returns is documented, and the model
	// holds it or knows to ignore it.
	b, err := model.Load([]model.File{{Name: "gateway.json", Data: data}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatalf("a bundle the gateway can return does not load: %v", err)
	}
	return b
}

// TestGatewayBundles: bundles the gateway can return, each the sample with
// one field left out or set to a value the gateway documents, load; every
// scope and format then gives a valid document, or, where Swagger 2.0
// cannot carry the API, a 400 that names the API and the apis filter, and
// the rest of the group still exports when the filter leaves it out.
func TestGatewayBundles(t *testing.T) {
	cases := []struct {
		name string
		edit func(root map[string]any)
		// refused is the API refused in the scopes that carry backends
		// (proxy, all, dev), or with everywhere in every scope, and why;
		// "" when every scope exports.
		refused, why string
		everywhere   bool
		// want is text the define=all JSON document has, once all
		// white space is taken out.
		want string
	}{
		{name: "authorizer without network_type", edit: func(r map[string]any) {
			delete(at(r, "authorizers", 0), "network_type")
		}, want: `"network_type":"V1"`},
		{name: "authorizer network_type null", edit: func(r map[string]any) {
			at(r, "authorizers", 0)["network_type"] = nil
		}, want: `"network_type":"V1"`},
		{name: "authorizer network_type empty", edit: func(r map[string]any) {
			at(r, "authorizers", 0)["network_type"] = ""
		}, want: `"network_type":"V1"`},
		{name: "GRPCS on an HTTP backend", edit: func(r map[string]any) {
			at(apiNamed(r, "ListProducts"), "backend_api")["req_protocol"] = "GRPCS"
		}, refused: "ListProducts", why: "has a backend with the GRPCS protocol"},
		{name: "GRPC on an HTTP-VPC backend", edit: func(r map[string]any) {
			at(apiNamed(r, "GetProduct"), "backend_api")["req_protocol"] = "GRPC"
		}, refused: "GetProduct", why: "has a backend with the GRPC protocol"},
		{name: "GRPCS on a backend policy", edit: func(r map[string]any) {
			at(apiNamed(r, "GetProduct"), "policy_https", 0)["req_protocol"] = "GRPCS"
		}, refused: "GetProduct", why: "has backend policy featured_product with the GRPCS protocol"},
		{name: "condition origin orchestration", edit: func(r map[string]any) {
			c := at(apiNamed(r, "GetProduct"), "policy_https", 0, "conditions", 0)
			c["condition_origin"], c["mapped_param_name"], c["mapped_param_location"] = "orchestration", "region", "header"
			delete(c, "condition_type")
			delete(c, "req_param_name")
		}, want: `"origin":"orchestration","parameter":"region","type":""`},
		{name: "member-group channel on the backend", edit: func(r map[string]any) {
			w := at(apiNamed(r, "ListProducts"), "backend_api")
			w["vpc_channel_status"] = 4
			delete(w, "url_domain")
		}, refused: "ListProducts", why: "has a backend with vpc_channel_status 4 (a member-group VPC channel)"},
		{name: "member-group channel on a policy", edit: func(r map[string]any) {
			at(apiNamed(r, "GetProduct"), "policy_https", 0)["vpc_channel_status"] = 4
		}, refused: "GetProduct", why: "has backend policy featured_product with vpc_channel_status 4"},
		{name: "livedata policy", edit: func(r map[string]any) {
			at(apiNamed(r, "GetProduct"), "policy_https", 0)["vpc_channel_status"] = 3
		}, refused: "GetProduct", why: "has backend policy featured_product with vpc_channel_status 3 (a livedata backend)"},
		{name: "livedata backend", edit: func(r map[string]any) {
			at(apiNamed(r, "ListProducts"), "backend_api")["vpc_channel_status"] = 3
		}, refused: "ListProducts", why: "has a backend with vpc_channel_status 3 (a livedata backend)"},
		{name: "HTTP policy without timeout", edit: func(r map[string]any) {
			delete(at(apiNamed(r, "GetProduct"), "policy_https", 0), "timeout")
		}, want: `"path":"/featured/{product_id}","retryCount":"1","scheme":"HTTP"}`},
		{name: "FUNCTION policy without timeout", edit: func(r map[string]any) {
			delete(at(apiNamed(r, "CreateOrder"), "policy_functions", 0), "timeout")
		}},
		{name: "VPC backend without vpc_channel_status", edit: func(r map[string]any) {
			delete(at(apiNamed(r, "GetProduct"), "backend_api"), "vpc_channel_status")
		}, want: `"httpVpcEndpoints":{"cascade_flag":false,"description":"","enableClientSsl":false,"host":"catalogue.internal","method":"GET","name":"shop_backend_vpc"`},
		{name: "VPC policy without vpc_channel_status", edit: func(r map[string]any) {
			p := at(apiNamed(r, "GetProduct"), "policy_https", 0)
			delete(p, "vpc_channel_status")
			p["vpc_channel_info"] = map[string]any{"vpc_channel_id": "c4a8e2b61f9d4c3e8a7b6c5d4e3f2a10"}
			delete(p, "url_domain")
		}},
		{name: "function called with GRPCS", edit: func(r map[string]any) {
			at(apiNamed(r, "CreateOrder"), "func_info")["req_protocol"] = "GRPCS"
		}, refused: "CreateOrder", why: "has a function backend called with the GRPCS protocol"},
		{name: "function policy called with GRPCS", edit: func(r map[string]any) {
			at(apiNamed(r, "CreateOrder"), "policy_functions", 0)["req_protocol"] = "GRPCS"
		}, refused: "CreateOrder", why: "has backend policy asia_orders, a function called with the GRPCS protocol"},
		{name: "function called with HTTPS", edit: func(r map[string]any) {
			at(apiNamed(r, "CreateOrder"), "func_info")["req_protocol"] = "HTTPS"
		}},
		{name: "SM channel", edit: func(r map[string]any) {
			at(apiNamed(r, "ListProducts"), "backend_api")["enable_sm_channel"] = true
		}, want: `"enableSmChannel":true`},
		{name: "an enumeration twice", edit: func(r map[string]any) {
			a := apiNamed(r, "ListProducts")
			a["req_params"] = append(a["req_params"].([]any),
				map[string]any{"name": "sort", "type": "STRING", "location": "QUERY", "valid_enable": 1, "enumerations": "asc, desc,asc"},
				map[string]any{"name": "size", "type": "NUMBER", "location": "QUERY", "valid_enable": 1, "enumerations": "1,1.0,2"})
		}, want: `"enum":["asc","desc"],"type":"string"`},
		{name: "a NUMBER default written otherwise than its enumeration", edit: func(r map[string]any) {
			a := apiNamed(r, "ListProducts")
			a["req_params"] = append(a["req_params"].([]any),
				map[string]any{"name": "size", "type": "NUMBER", "location": "QUERY", "valid_enable": 1, "enumerations": "1,2", "default_value": "1.0"})
		}},
		{name: "a path parameter twice", edit: func(r map[string]any) {
			apiNamed(r, "ListProducts")["req_uri"] = "/products/{a}/{a}"
		}, refused: "ListProducts", why: "has the path parameter {a} twice in /products/{a}/{a}", everywhere: true},
		{name: "a tag twice", edit: func(r map[string]any) {
			apiNamed(r, "ListProducts")["tags"] = []any{"catalogue", "catalogue"}
		}, want: `"tags":["catalogue"],`},
		{name: "documented fields the model does not hold", edit: func(r map[string]any) {
			a := apiNamed(r, "ListProducts")
			a["trace_enabled"], a["sampling_strategy"], a["sampling_param"] = false, "RATE", "100"
			at(a, "backend_api")["member_group_url_infos"] = []any{}
			at(r, "groups", 0)["sl_domain_access_enabled"] = true
			at(r, "vpc_channels", 0)["members"] = []any{map[string]any{"host": "10.0.0.1", "weight": 1}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := sampleTree(t)
			c.edit(root)
			b := loadTree(t, root)
			for _, define := range defines {
				for _, typ := range formats {
					if typ == "yaml" && runtime.GOOS == "js" {
						continue // slow under node; the native run has it
					}
					req := engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: typ}
					res, err := engine.Export(b, req, engine.Options{Now: clock})
					if c.refused == "" || (define == "spec" && !c.everywhere) {
						if err != nil {
							t.Fatalf("%s %s: %v", define, typ, err)
						}
						if define == "all" && typ == "json" && c.want != "" && !strings.Contains(strings.Join(strings.Fields(string(res.Body)), ""), c.want) {
							t.Errorf("the document does not have %s", c.want)
						}
						continue
					}
					var e *engine.Error
					if !errors.As(err, &e) || e.Status != http.StatusBadRequest || e.Code != engine.CodeInvalidParam || e.Param != "apis" {
						t.Fatalf("%s %s: got %v, want a 400 APIG.2012 about apis", define, typ, err)
					}
					if !strings.Contains(e.Message, "API "+c.refused+" (") || !strings.Contains(e.Message, c.why) || !strings.Contains(e.Message, "apis filter") {
						t.Errorf("%s %s: %q does not name API %s, say %q and suggest the apis filter", define, typ, e.Message, c.refused, c.why)
					}
					req.APIs = otherAPIs(b, c.refused)
					if _, err := engine.Export(b, req, engine.Options{Now: clock}); err != nil {
						t.Errorf("%s %s: without %s: %v", define, typ, c.refused, err)
					}
				}
			}
		})
	}
}

// otherAPIs lists the group's APIs but the one named.
func otherAPIs(b *model.Bundle, name string) []string {
	var ids []string
	for _, a := range b.APIs {
		if a.Name != name && a.GroupID == groupID {
			ids = append(ids, a.ID)
		}
	}
	slices.Sort(ids)
	return ids
}
