package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/bundlegen"
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v3"
)

var oas3Variants = flag.Int("oas3.variants", 60, "how many of bundlegen's variants TestOAS3GeneratedBundles exports as OpenAPI 3.0 and checks with kin-openapi (0: all)")

// oas3GoldenCases are the sample's OpenAPI 3.0 exports kept as golden
// files, beside the Swagger 2.0 ones (their names hold "oas3").
var oas3GoldenCases = func() []struct {
	file string
	req  engine.Request
} {
	var cases []struct {
		file string
		req  engine.Request
	}
	for _, define := range []string{"spec", "proxy", "all", "dev"} {
		for _, typ := range []string{"json", "yaml"} {
			req := engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: typ, OASVersion: "3.0"}
			if define == "dev" {
				req.EnvID = ""
			}
			cases = append(cases, struct {
				file string
				req  engine.Request
			}{"sample-" + define + ".oas3." + typ, req})
		}
	}
	return cases
}()

// kinValidate fails unless kin-openapi, the reference OpenAPI 3 validator
// in Go, loads doc (JSON or YAML) and finds it valid.
func kinValidate(t testing.TB, name string, doc []byte) {
	t.Helper()
	if err := kinVerdict(doc); err != nil {
		t.Errorf("%s: kin-openapi: %v", name, err)
	}
}

func kinVerdict(doc []byte) error {
	loader := openapi3.NewLoader()
	d, err := loader.LoadFromData(doc)
	if err != nil {
		return err
	}
	return d.Validate(loader.Context)
}

// responsesKey is what the official OpenAPI 3.0 schema's Responses Object
// allows as a key (patternProperties, properties and additionalProperties
// false), which kin-openapi does not check.
var responsesKey = regexp.MustCompile(`^(?:[1-5](?:\d{2}|XX)|default|x-.*)$`)

// checkResponsesKeys fails for a Responses Object key that the official
// schema refuses, such as the gateway's default-cors.
func checkResponsesKeys(t testing.TB, name string, doc []byte) {
	t.Helper()
	j, err := engine.ToJSON(doc)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(j, &d); err != nil {
		t.Fatal(err)
	}
	for p, item := range d.Paths {
		for m, raw := range item {
			var op struct {
				Responses map[string]any `json:"responses"`
			}
			if m == "parameters" || json.Unmarshal(raw, &op) != nil {
				continue
			}
			for k := range op.Responses {
				if !responsesKey.MatchString(k) {
					t.Errorf("%s: paths %s %s: the response key %q is not allowed by the OpenAPI 3.0 schema", name, p, m, k)
				}
			}
		}
	}
}

func TestGoldenOAS3(t *testing.T) {
	b := loadSample(t)
	for _, c := range oas3GoldenCases {
		t.Run(c.file, func(t *testing.T) {
			res, err := engine.Export(b, c.req, engine.Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.file, res.Body)
			kinValidate(t, c.file, res.Body)
			checkResponsesKeys(t, c.file, res.Body)
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
			again, err := engine.Export(b, c.req, engine.Options{Now: clock})
			if err != nil || !bytes.Equal(res.Body, again.Body) {
				t.Errorf("a second export differs (%v)", err)
			}
		})
	}
	// Each YAML golden reads back as its JSON one.
	for _, define := range []string{"spec", "proxy", "all", "dev"} {
		y, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "sample-"+define+".oas3.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		j, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "sample-"+define+".oas3.json"))
		if err != nil {
			t.Fatal(err)
		}
		fromYAML, err := engine.ToJSON(y)
		if err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(t, j, fromYAML) {
			t.Errorf("sample-%s.oas3.yaml does not read back as sample-%s.oas3.json", define, define)
		}
	}
}

// TestOAS3Request: oas_version takes 2.0 (the default) and 3.0; anything
// else is the gateway's 400 APIG.2012 naming oas_version. The file name
// and content type do not depend on it.
func TestOAS3Request(t *testing.T) {
	b := loadSample(t)
	for _, c := range []struct {
		oas, prefix string
	}{
		{"", "{\n\t\"swagger\": \"2.0\","},
		{"2.0", "{\n\t\"swagger\": \"2.0\","},
		{"3.0", "{\n\t\"components\": {"},
		{"3", ""},
		{"3.0.0", ""},
		{"3.1", ""},
		{"2", ""},
		{"v3", ""},
		{" 3.0", ""},
	} {
		req := engine.Request{GroupID: groupID, EnvID: release, Define: "all", Version: "v1", OASVersion: c.oas}
		res, err := engine.Export(b, req, engine.Options{})
		if c.prefix == "" {
			var e *engine.Error
			if !errors.As(err, &e) || e.Status != 400 || e.Code != "APIG.2012" || e.Param != "oas_version" ||
				e.Message != "Invalid parameter value,parameterName:oas_version. Please refer to the support documentation" {
				t.Errorf("%q: got %v, want 400 APIG.2012 naming oas_version", c.oas, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.oas, err)
			continue
		}
		if !bytes.HasPrefix(res.Body, []byte(c.prefix)) {
			t.Errorf("%q: the document starts %.40q", c.oas, res.Body)
		}
		if res.FileName != "shop_api-RELEASE-all-v1.json" || res.ContentType != "application/json" {
			t.Errorf("%q: %s %s", c.oas, res.FileName, res.ContentType)
		}
	}
	// The same warnings as Swagger 2.0: an export without APIs.
	for _, oas := range []string{"2.0", "3.0"} {
		res, err := engine.Export(b, engine.Request{GroupID: groupID, Define: "dev", APIs: nil, Version: "v", OASVersion: oas}, engine.Options{})
		if err != nil || len(res.Warnings) != 0 {
			t.Errorf("%s: %v %q", oas, err, res.Warnings)
		}
	}
}

// export3 exports a bundle as OpenAPI 3.0 JSON, checks it with kin-openapi
// and returns it decoded.
func export3(t *testing.T, b *model.Bundle, req engine.Request) (map[string]any, *engine.Result) {
	t.Helper()
	req.OASVersion = "3.0"
	if req.Version == "" {
		req.Version = "v1"
	}
	res, err := engine.Export(b, req, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kinValidate(t, req.Define, res.Body)
	checkResponsesKeys(t, req.Define, res.Body)
	return decodeJSON(t, res.Body).(map[string]any), res
}

// ptrAt returns the value at a JSON pointer of a decoded document, and
// whether it is there.
func ptrAt(doc any, pointer string) (any, bool) {
	cur := doc
	for _, p := range strings.Split(pointer, "/")[1:] {
		p = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[p]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || n >= len(c) {
				return nil, false
			}
			cur = c[n]
		default:
			return nil, false
		}
	}
	return cur, true
}

// TestOAS3Mapping checks the 3.0 forms, place by place, on the sample and
// on variants of it: the root, servers by protocol, parameters in each
// location, each backend type, each scope.
func TestOAS3Mapping(t *testing.T) {
	b := loadSample(t)
	all, _ := export3(t, b, engine.Request{GroupID: groupID, EnvID: release, Define: "all"})
	want := map[string]any{
		"/openapi":    "3.0.0",
		"/servers":    []any{map[string]any{"url": "http://api.shop.example.com"}, map[string]any{"url": "https://api.shop.example.com"}},
		"/info/title": "shop_api",
		"/components/securitySchemes/apig-auth-iam":                                     map[string]any{"in": "header", "name": "unused", "type": "apiKey", "x-apigateway-auth-type": "IAM"},
		"/components/responses/default-cors/headers/Access-Control-Allow-Origin/schema": map[string]any{"default": "*", "type": "string"},
		// Protocols: HTTPS, HTTP, BOTH.
		"/paths/~1products/get/servers": []any{map[string]any{"url": "https://api.shop.example.com"}},
		"/paths/~1health/get/servers":   []any{map[string]any{"url": "http://api.shop.example.com"}},
		"/paths/~1echo/post/servers":    []any{map[string]any{"url": "http://api.shop.example.com"}, map[string]any{"url": "https://api.shop.example.com"}},
		// Parameters: query NUMBER with bounds, default and example; query
		// STRING with enum and maxLength; header with orchestrations.
		"/paths/~1products/get/parameters/0": map[string]any{"description": "page number", "example": json.Number("3"), "in": "query", "name": "page",
			"schema":                    map[string]any{"default": json.Number("1"), "maximum": json.Number("1000"), "minimum": json.Number("1"), "type": "number"},
			"x-apigateway-pass-through": "always"},
		"/paths/~1products/get/parameters/1/schema":                      map[string]any{"enum": []any{"books", "music", "toys"}, "maxLength": json.Number("16"), "type": "string"},
		"/paths/~1products/get/parameters/2/in":                          "header",
		"/paths/~1products/get/parameters/2/example":                     "",
		"/paths/~1products/get/parameters/2/x-apigateway-orchestrations": []any{"region_from_market"},
		// Path parameters, {name+} on an ANY-only Path Item.
		"/paths/~1products~1{product_id}/get/parameters/0/in":               "path",
		"/paths/~1products~1{product_id}/get/parameters/0/required":         true,
		"/paths/~1files~1{path+}/parameters/0/name":                         "path+",
		"/paths/~1files~1{path+}/x-apigateway-any-method/parameters/0/name": "path+",
		// Responses.
		"/paths/~1health/get/responses/default/description": "response example",
		// Backends: HTTP, HTTP-VPC, FUNCTION, MOCK.
		"/paths/~1products/get/x-apigateway-backend/type":                 "HTTP",
		"/paths/~1products~1{product_id}/get/x-apigateway-backend/type":   "HTTP-VPC",
		"/paths/~1orders/post/x-apigateway-backend/type":                  "FUNCTION",
		"/paths/~1health/get/x-apigateway-backend/type":                   "MOCK",
		"/paths/~1products/get/x-apigateway-ratelimit":                    "catalogue_limit",
		"/components/x-apigateway-ratelimits/orders_limit/unit":           "MINUTE",
		"/components/x-apigateway-access-controls/partners_only/acl-type": "PERMIT",
		"/components/x-apigateway-responses/shop_errors/THROTTLED/status": json.Number("429"),
	}
	for p, w := range want {
		got, ok := ptrAt(all, p)
		if !ok || !reflect.DeepEqual(got, w) {
			t.Errorf("all: %s = %#v, want %#v", p, got, w)
		}
	}
	for _, p := range []string{"/swagger", "/host", "/schemes", "/securityDefinitions", "/responses", "/x-apigateway-responses",
		"/x-apigateway-ratelimits", "/x-apigateway-access-controls", "/paths/~1products/get/schemes",
		"/paths/~1products/get/parameters/0/type", "/paths/~1products/get/parameters/0/x-apigateway-sample"} {
		if v, ok := ptrAt(all, p); ok {
			t.Errorf("all: %s is there (%v)", p, v)
		}
	}

	// Scopes: spec has no backend, proxy and dev no policies.
	for _, c := range []struct {
		define                  string
		backend, limit, authObj bool
	}{
		{"spec", false, false, false}, {"proxy", true, false, false}, {"all", true, true, true}, {"dev", true, false, false},
	} {
		req := engine.Request{GroupID: groupID, EnvID: release, Define: c.define}
		if c.define == "dev" {
			req.EnvID = ""
		}
		doc, _ := export3(t, b, req)
		if _, ok := ptrAt(doc, "/paths/~1products/get/x-apigateway-backend"); ok != c.backend {
			t.Errorf("%s: x-apigateway-backend present: %v", c.define, ok)
		}
		if _, ok := ptrAt(doc, "/components/x-apigateway-ratelimits"); ok != c.limit {
			t.Errorf("%s: x-apigateway-ratelimits present: %v", c.define, ok)
		}
		if _, ok := ptrAt(doc, "/components/securitySchemes/apig-auth-custom-shop_token_auth/x-apigateway-authorizer"); ok != c.authObj {
			t.Errorf("%s: x-apigateway-authorizer present: %v", c.define, ok)
		}
	}

	// What Swagger 2.0 refuses and OpenAPI 3.0 expresses: a COOKIE
	// parameter.
	cookie := loadSample(t)
	api := &cookie.APIs[0]
	api.ReqParams = append(api.ReqParams, model.ReqParam{Name: "session", Type: "STRING", Location: "COOKIE", Required: 1, Remark: "session cookie", SampleValue: "abc"})
	clearPublished(cookie)
	doc, _ := export3(t, cookie, engine.Request{GroupID: groupID, Define: "dev"})
	if got, _ := ptrAt(doc, "/paths/~1products/get/parameters/3"); !reflect.DeepEqual(got, map[string]any{
		"description": "session cookie", "example": "abc", "in": "cookie", "name": "session", "required": true, "schema": map[string]any{"type": "string"}}) {
		t.Errorf("cookie parameter: %#v", got)
	}
	_, err := engine.Export(cookie, engine.Request{GroupID: groupID, Define: "dev", Version: "v"}, engine.Options{})
	if err == nil || !strings.Contains(err.Error(), "which a Swagger 2.0 export cannot express") {
		t.Errorf("Swagger 2.0 with a cookie: %v", err)
	}

	// Still refused in 3.0, and said so: a GRPC backend.
	grpc := loadSample(t)
	grpc.APIs[0].BackendType = "GRPC"
	clearPublished(grpc)
	_, err = engine.Export(grpc, engine.Request{GroupID: groupID, Define: "dev", Version: "v", OASVersion: "3.0"}, engine.Options{})
	if err == nil || !strings.Contains(err.Error(), "which an OpenAPI 3.0 export cannot express") {
		t.Errorf("OpenAPI 3.0 with a GRPC backend: %v", err)
	}

	// A custom authorizer whose scheme name is not a component name
	// (OpenAPI 3.0 allows letters, digits, ., - and _ only) is refused;
	// Swagger 2.0 takes it.
	odd := loadSample(t)
	for i := range odd.Authorizers {
		odd.Authorizers[i].Name = "shop_é"
	}
	_, err = engine.Export(odd, engine.Request{GroupID: groupID, EnvID: release, Version: "v", OASVersion: "3.0"}, engine.Options{})
	if err == nil || !strings.Contains(err.Error(), "apig-auth-custom-shop_é is not a component name") || !strings.Contains(err.Error(), "GetOrder") {
		t.Errorf("OpenAPI 3.0 with an authorizer named shop_é: %v", err)
	}
	if _, err = engine.Export(odd, engine.Request{GroupID: groupID, EnvID: release, Version: "v"}, engine.Options{}); err != nil {
		t.Errorf("Swagger 2.0 with an authorizer named shop_é: %v", err)
	}

	// Samples: one that fits the schema is the example; "" is the example
	// of an unbounded string, as the gateway writes it, and of nothing
	// else; one that does not fit stays x-apigateway-sample, with a
	// warning.
	samples := loadSample(t)
	clearPublished(samples)
	ps := samples.APIs[0].ReqParams // page NUMBER 1..1000, category enum, X-Market
	ps[0].SampleValue = "5000"
	ps[1].SampleValue = ""
	ps[2].SampleValue = ""
	doc, res := export3(t, samples, engine.Request{GroupID: groupID, Define: "dev"})
	if v, _ := ptrAt(doc, "/paths/~1products/get/parameters/0/x-apigateway-sample"); v != "5000" {
		t.Errorf("a sample outside the bounds: x-apigateway-sample %v", v)
	}
	for p, want := range map[string]bool{"0/example": false, "1/example": false, "2/example": true} {
		if _, ok := ptrAt(doc, "/paths/~1products/get/parameters/"+p); ok != want {
			t.Errorf("parameters/%s present: %v", p, ok)
		}
	}
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, `"5000" of parameter page does not fit`) }) {
		t.Errorf("warnings: %q", res.Warnings)
	}

	// No host: no servers anywhere.
	hostless := loadSample(t)
	hostless.Groups[0].URLDomains, hostless.Groups[0].SLDomain = nil, ""
	doc, _ = export3(t, hostless, engine.Request{GroupID: groupID, EnvID: release, Define: "spec"})
	if _, ok := ptrAt(doc, "/servers"); ok {
		t.Error("servers without a host")
	}
	if _, ok := ptrAt(doc, "/paths/~1products/get/servers"); ok {
		t.Error("operation servers without a host")
	}
}

// clearPublished drops the publications, so that a changed API is
// exported by define=dev as it is.
func clearPublished(b *model.Bundle) { b.Publications = nil }

// TestOAS3Bytes: the streaming writers write sorted keys at every level,
// the root included, in JSON and YAML alike.
func TestOAS3Bytes(t *testing.T) {
	b := loadSample(t)
	for _, typ := range []string{"json", "yaml"} {
		res, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: "all", Type: typ, Version: "v", OASVersion: "3.0"}, engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		body := res.Body
		if typ == "yaml" {
			// The YAML writer writes the tree's order; reading it as
			// JSON keeps the order of the YAML keys (yaml.v3 nodes).
			var n yaml.Node
			if err := yaml.Unmarshal(body, &n); err != nil {
				t.Fatal(err)
			}
			checkYAMLSorted(t, &n, "")
			continue
		}
		d := json.NewDecoder(bytes.NewReader(body))
		if err := checkSorted(d, ""); err != nil {
			t.Errorf("%s: %v", typ, err)
		}
	}
}

// TestGeneratedBytesSorted: exports of generated bundles, which use every
// backend type, policy, throttle, ACL and plugin, write sorted keys at
// every level in OpenAPI 3.0, and extensions in byte order among
// themselves in every object of Swagger 2.0, whose objects keep the
// gateway's order otherwise (a parameter's type first, name, in and
// required last, as its exports write them), in every scope. The builders set many
// objects' members in key order instead of sorting them (the operations'
// extensions, backends, web endpoints), so a member added out of order
// fails here even where no golden has it.
func TestGeneratedBytesSorted(t *testing.T) {
	for seed := range uint64(3) {
		b := bundlegen.Generate(40, seed+1)
		for _, version := range []string{"2.0", "3.0"} {
			for _, define := range []string{"spec", "proxy", "all", "dev"} {
				req := engine.Request{GroupID: bundlegen.GroupID, EnvID: model.DefaultEnvID, Define: define, Type: "json", Version: "v", OASVersion: version}
				res, err := engine.Export(b, req, engine.Options{})
				if err != nil {
					t.Fatalf("Generate(40, %d), %s %s: %v", seed+1, version, define, err)
				}
				var keep func(string) bool
				if version == "2.0" {
					keep = func(string) bool { return true }
				}
				if err := checkSortedBut(json.NewDecoder(bytes.NewReader(res.Body)), "", keep); err != nil {
					t.Errorf("Generate(40, %d), %s %s: %v", seed+1, version, define, err)
				}
			}
		}
	}
}

// checkSorted reads one JSON value and fails for an object whose keys
// are not in byte order.
func checkSorted(d *json.Decoder, at string) error { return checkSortedBut(d, at, nil) }

// checkSortedBut is checkSorted but for the objects at the pointers that
// keep reports true for, where only the extensions (x-) must be in byte
// order among themselves.
func checkSortedBut(d *json.Decoder, at string, keep func(at string) bool) error {
	tok, err := d.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		var keys []string
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return err
			}
			keys = append(keys, k.(string))
			if err := checkSortedBut(d, at+"/"+k.(string), keep); err != nil {
				return err
			}
		}
		if keep != nil && keep(at) {
			// Only the extensions must be in byte order among themselves.
			keys = slices.DeleteFunc(keys, func(k string) bool { return !strings.HasPrefix(k, "x-") })
		}
		if !slices.IsSorted(keys) {
			return fmt.Errorf("%s: keys not sorted: %q", at, keys)
		}
		_, err = d.Token()
		return err
	case json.Delim('['):
		for i := 0; d.More(); i++ {
			if err := checkSortedBut(d, fmt.Sprint(at, "/", i), keep); err != nil {
				return err
			}
		}
		_, err = d.Token()
		return err
	}
	return nil
}

func checkYAMLSorted(t *testing.T, n *yaml.Node, at string) {
	t.Helper()
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for i, c := range n.Content {
			checkYAMLSorted(t, c, fmt.Sprint(at, "/", i))
		}
	case yaml.MappingNode:
		var keys []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			keys = append(keys, n.Content[i].Value)
			checkYAMLSorted(t, n.Content[i+1], at+"/"+n.Content[i].Value)
		}
		if !slices.IsSorted(keys) {
			t.Errorf("yaml %s: keys not sorted: %q", at, keys)
		}
	}
}

// TestOAS3GeneratedBundles: OpenAPI 3.0 exports of generated bundles, in
// every scope and format, pass kin-openapi and the Responses Object's
// keys, or are refused with a 4xx naming an API, and are the same bytes
// twice, the YAML reading as the JSON: bundlegen.Generate's synthetic groups, and a bounded sample of
// bundlegen's variants of its seed (-oas3.variants, 0 for all).
func TestOAS3GeneratedBundles(t *testing.T) {
	var bundles []*model.Bundle
	var names []string
	for seed := range uint64(3) {
		bundles = append(bundles, bundlegen.Generate(60, seed+1))
		names = append(names, fmt.Sprintf("Generate(60, %d)", seed+1))
	}
	// Odd texts too (control characters, quotes, YAML look-alikes,
	// braces in names and hosts).
	g, err := bundlegen.NewGenerator(bundlegen.Seed(), bundlegen.Options{Texts: bundlegen.OddTexts})
	if err != nil {
		t.Fatal(err)
	}
	stride, random := 40, 20
	if *oas3Variants == 0 {
		stride, random = 1, 400
	}
	singles, randoms := g.Sample(stride, random, 3)
	variants := append(singles, randoms...)
	if *oas3Variants > 0 && len(variants) > *oas3Variants {
		variants = variants[:*oas3Variants]
	}
	for _, v := range variants {
		b, err := model.Load([]model.File{{Name: "variant.json", Data: v.Bundle}}, model.LoadOptions{})
		if err != nil {
			continue // TestBundleProperty checks the refusals
		}
		bundles = append(bundles, b)
		names = append(names, v.Name)
	}
	exported := 0
	for i, b := range bundles {
		group := bundlegen.GroupID
		if len(b.Groups) > 0 {
			group = b.Groups[0].ID
		}
		for d, define := range defines {
			typ := formats[(i+d)%2]
			req := engine.Request{GroupID: group, EnvID: model.DefaultEnvID, Define: define, Type: typ, Version: "v1", OASVersion: "3.0"}
			res, err := engine.Export(b, req, engine.Options{})
			if err != nil {
				var e *engine.Error
				if !errors.As(err, &e) || e.Status >= 500 || !namesAPI(b, e.Message) {
					t.Errorf("%s %s: %v", names[i], define, err)
				}
				continue
			}
			exported++
			kinValidate(t, names[i]+" "+define+" "+typ, res.Body)
			checkResponsesKeys(t, names[i], res.Body)
			if d == i%len(defines) {
				again, err := engine.Export(b, req, engine.Options{})
				if err != nil || !bytes.Equal(again.Body, res.Body) {
					t.Errorf("%s %s: a second export differs (%v)", names[i], define, err)
				}
				// yaml.v3 reads the YAML export as encoding/json reads
				// the JSON one.
				if diff, err := exportBoth(b, req, engine.Options{SkipValidation: true}); err != nil || diff != "" {
					t.Errorf("%s %s: YAML and JSON differ: %s %v", names[i], define, diff, err)
				}
			}
		}
	}
	t.Logf("%d bundles, %d OpenAPI 3.0 exports checked with kin-openapi", len(bundles), exported)
}

// oas3Difference is one place where our OpenAPI 3.0 export differs, on
// purpose, from the gateway's file: at pointer, the gateway's key is
// removed (rename "") or renamed.
type oas3Difference struct {
	pointer, rename, reason string
}

// TestReproduceGatewayOAS3Export exports the bundle written to match the
// gateway's OpenAPI 3.0 sample and compares the documents, JSON-equal but
// for the listed differences, each of which must occur.
func TestReproduceGatewayOAS3Export(t *testing.T) {
	const op = "/paths/~1http~1{userId}/get"
	const zero = "the gateway writes the zero-filled bounds of a parameter without validations; maxLength: 0 would forbid every non-empty value, so bounds are written only when the model sets them (docs/export.md §4b)"
	diffs := []oas3Difference{
		{op + "/responses/default-cors", "default", "the Responses Object takes only status codes, default and x- keys (the official OpenAPI 3.0 schema): the gateway's default-cors response is written as default"},
	}
	for _, p := range []string{"0", "1"} {
		for _, k := range []string{"maxLength", "maximum", "minimum"} {
			diffs = append(diffs, oas3Difference{op + "/parameters/" + p + "/schema/" + k, "", zero})
		}
	}
	dir := filepath.Join("..", "testdata", "examples")
	bundle, err := os.ReadFile(filepath.Join(dir, "apig-oas3-http-backend.bundle.json"))
	if err != nil {
		t.Fatal(err)
	}
	gatewayYAML, err := os.ReadFile(filepath.Join(dir, "apig-oas3-http-backend.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Load([]model.File{{Name: "apig-oas3-http-backend.bundle.json", Data: bundle}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Export(b, engine.Request{GroupID: b.Groups[0].ID, EnvID: model.DefaultEnvID, Define: "proxy", Version: "1.0", OASVersion: "3.0"}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	kinValidate(t, "export", res.Body)
	checkResponsesKeys(t, "export", res.Body)
	gatewayJSON, err := engine.ToJSON(gatewayYAML)
	if err != nil {
		t.Fatal(err)
	}
	want := decodeJSON(t, gatewayJSON)
	got := decodeJSON(t, res.Body)
	for _, d := range diffs {
		parent, key := d.pointer[:strings.LastIndex(d.pointer, "/")], d.pointer[strings.LastIndex(d.pointer, "/")+1:]
		pw, _ := ptrAt(want, parent)
		m, ok := pw.(map[string]any)
		if !ok {
			t.Fatalf("%s: no object in the gateway's file", parent)
		}
		v, ok := m[key]
		if !ok {
			t.Errorf("listed difference %s does not occur: the gateway's file has no such key", d.pointer)
			continue
		}
		if _, ours := ptrAt(got, d.pointer); ours {
			t.Errorf("listed difference %s does not occur: our export has it too", d.pointer)
		}
		delete(m, key)
		if d.rename != "" {
			m[d.rename] = v
		}
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("the export differs from the gateway's beyond the listed differences:\n%s", firstDiff(w, g))
	}
	// The gateway's own file: kin-openapi accepts it, default-cors and
	// all; the official schema's Responses Object does not.
	kinValidate(t, "apig-oas3-http-backend.yaml", gatewayYAML)
}

// TestKinOpenAPIOnGatewayShapes records kin-openapi's verdict on the
// shapes of the gateway's documents that OpenAPI 3.0 does not plainly
// allow, which the mapping's choices rest on (docs/export.md §4b).
func TestKinOpenAPIOnGatewayShapes(t *testing.T) {
	doc := func(paths string) []byte {
		return []byte(`{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {` + paths + `}}`)
	}
	const resp = `"responses": {"default": {"description": "response example"}}`
	for _, c := range []struct {
		name  string
		doc   []byte
		valid bool
	}{
		{"{path+} declared as path+", doc(`"/files/{path+}": {"get": {` + resp + `, "parameters": [{"name": "path+", "in": "path", "required": true, "schema": {"type": "string"}}]}}`), true},
		{"{path+} declared as path", doc(`"/files/{path+}": {"get": {` + resp + `, "parameters": [{"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}]}}`), false},
		{"{path+} not declared", doc(`"/files/{path+}": {"get": {` + resp + `}}`), false},
		{"ANY-only, parameters on the Path Item", doc(`"/files/{path+}": {"parameters": [{"name": "path+", "in": "path", "required": true, "schema": {"type": "string"}}], "x-apigateway-any-method": {}}`), true},
		// kin-openapi sees no operation, so it checks no template.
		{"ANY-only, no parameters", doc(`"/files/{path+}": {"x-apigateway-any-method": {}}`), true},
		// kin-openapi does not check the keys of a Responses Object; the
		// official schema refuses default-cors (checkResponsesKeys).
		{"response key default-cors", doc(`"/a": {"get": {"responses": {"default-cors": {"description": "d"}}}}`), true},
		// Zero-filled bounds: an example longer than maxLength 0 fails.
		{"maxLength 0 with an example", doc(`"/a": {"get": {` + resp + `, "parameters": [{"name": "q", "in": "query", "example": "abc", "schema": {"type": "string", "maxLength": 0}}]}}`), false},
		{"a cookie parameter", doc(`"/a": {"get": {` + resp + `, "parameters": [{"name": "c", "in": "cookie", "schema": {"type": "string"}}]}}`), true},
	} {
		err := kinVerdict(c.doc)
		if (err == nil) != c.valid {
			t.Errorf("%s: kin-openapi says %v, want valid %v", c.name, err, c.valid)
		}
	}
}
