package engine

import (
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine/internal/tree"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

// TestCheckOAS3 runs the APIG rules at their OpenAPI 3.0 places on an
// export and on broken copies of it.
func TestCheckOAS3(t *testing.T) {
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Export(b, Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: "all", Version: "v", OASVersion: "3.0"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const op = `"x-apigateway-ratelimit": "catalogue_limit"`
	for _, c := range []struct {
		name, old, new, want string
	}{
		{"clean", "", "", ""},
		{"undefined throttle", op, `"x-apigateway-ratelimit": "nope"`, "apig-ratelimit-undefined /paths/~1products/get/x-apigateway-ratelimit"},
		{"sample not a string", `"x-apigateway-result-failure-sample": "{\"code\":\"SHOP.0400\",\"message\":\"bad page\"}"`, `"x-apigateway-result-failure-sample": 3`,
			"apig-type /paths/~1products/get/responses/default/x-apigateway-result-failure-sample"},
		{"bad auth type", `"x-apigateway-auth-type": "IAM"`, `"x-apigateway-auth-type": "MAGIC"`, "apig-enum /components/securitySchemes/apig-auth-iam/x-apigateway-auth-type"},
		{"bad unit", `"unit": "MINUTE"`, `"unit": "WEEK"`, "apig-enum /components/x-apigateway-ratelimits/orders_limit/unit"},
		{"policies at the root", `"x-apigateway-ratelimits"`, `"x-unused"`, "apig-ratelimit-undefined"},
	} {
		doc := string(res.Body)
		if c.old != "" {
			if !strings.Contains(doc, c.old) {
				t.Fatalf("%s: %s is not in the export", c.name, c.old)
			}
			doc = strings.Replace(doc, c.old, c.new, 1)
		}
		v, err := decodeTree([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range checkOAS3(v) {
			got = append(got, f.Code+" "+f.Path)
		}
		switch {
		case c.want == "" && len(got) > 0:
			t.Errorf("%s: %q", c.name, got)
		case c.want != "" && (len(got) == 0 || !strings.HasPrefix(got[0], c.want)):
			t.Errorf("%s: got %q, want %s", c.name, got, c.want)
		}
	}
	// The policies read from the root, as Swagger 2.0 has them.
	v, _ := decodeTree(res.Body)
	root := v.(tree.Obj)
	comps := root.Get("components").(tree.Obj)
	root = append(root, tree.Member{"x-apigateway-ratelimits", comps.Get("x-apigateway-ratelimits")})
	for i := range comps {
		if comps[i].Key == "x-apigateway-ratelimits" {
			comps[i].Key = "x-other"
		}
	}
	for _, f := range checkOAS3(root) {
		if f.Severity == SeverityError {
			t.Errorf("policies at the root: %s", f)
		}
	}
}
