package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	groupID = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01"
	release = model.DefaultEnvID
	testEnv = "5e0b7a2c9d3f4a18b6c4e1f2a3b4c5d6"
)

// clock is the export time of every test.
var clock = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

func loadSample(t testing.TB) *model.Bundle {
	t.Helper()
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustBeClean fails unless the reference validator finds nothing at all in
// doc: no error and no warning.
func mustBeClean(t testing.TB, name string, doc []byte) {
	t.Helper()
	findings, err := engine.Validate(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, f := range findings {
		t.Errorf("%s: %s", name, f)
	}
}

// checkGolden compares got with testdata/golden/name, or rewrites it with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; diff it with -update and git diff:\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

// goldenCases are the sample's exports kept as golden files.
var goldenCases = []struct {
	file string
	req  engine.Request
	opts engine.Options
}{
	{"sample-spec.json", engine.Request{GroupID: groupID, EnvID: release, Define: "spec"}, engine.Options{}},
	{"sample-spec.yaml", engine.Request{GroupID: groupID, EnvID: release, Define: "spec", Type: "yaml"}, engine.Options{}},
	{"sample-proxy.json", engine.Request{GroupID: groupID, EnvID: release, Define: "proxy"}, engine.Options{}},
	{"sample-proxy.yaml", engine.Request{GroupID: groupID, EnvID: release, Define: "proxy", Type: "yaml"}, engine.Options{}},
	{"sample-all.json", engine.Request{GroupID: groupID, EnvID: release, Define: "all"}, engine.Options{}},
	{"sample-all.yaml", engine.Request{GroupID: groupID, EnvID: release, Define: "all", Type: "yaml"}, engine.Options{}},
	{"sample-dev.json", engine.Request{GroupID: groupID, Define: "dev"}, engine.Options{}},
	{"sample-dev.yaml", engine.Request{GroupID: groupID, Define: "dev", Type: "yaml"}, engine.Options{}},
	{"sample-test-all.json", engine.Request{GroupID: groupID, EnvID: testEnv, Define: "all", Version: "1.0.0"}, engine.Options{}},
	{"sample-test-all-resolved.json", engine.Request{GroupID: groupID, EnvID: testEnv, Define: "proxy", Version: "1.0.0"}, engine.Options{ResolveVars: true}},
}

func TestGolden(t *testing.T) {
	b := loadSample(t)
	for _, c := range goldenCases {
		t.Run(c.file, func(t *testing.T) {
			opts := c.opts
			opts.Now = clock
			res, err := engine.Export(b, c.req, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.file, res.Body)
			mustBeClean(t, c.file, res.Body)
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
		})
	}
}

// TestGoldenFilesHaveTests keeps testdata/golden free of orphans.
func TestGoldenFilesHaveTests(t *testing.T) {
	known := map[string]bool{}
	for _, c := range goldenCases {
		known[c.file] = true
	}
	for _, c := range oas3GoldenCases {
		known[c.file] = true
	}
	entries, err := os.ReadDir(filepath.Join("..", "testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !known[e.Name()] {
			t.Errorf("testdata/golden/%s has no test", e.Name())
		}
	}
}

func TestResultMetadata(t *testing.T) {
	b := loadSample(t)
	for _, c := range []struct {
		req              engine.Request
		file, contentTyp string
	}{
		{engine.Request{GroupID: groupID, EnvID: release}, "shop_api-RELEASE-spec-2026-11-27-09_30_00.json", "application/json"},
		{engine.Request{GroupID: groupID, EnvID: testEnv, Define: "all", Type: "yaml", Version: "v1"}, "shop_api-TEST-all-v1.yaml", "application/yaml"},
		{engine.Request{GroupID: groupID, Define: "dev", Type: "yml", Version: "v2"}, "shop_api-dev-v2.yml", "application/yaml"},
	} {
		res, err := engine.Export(b, c.req, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		if res.FileName != c.file || res.ContentType != c.contentTyp {
			t.Errorf("%+v: got %s, %s; want %s, %s", c.req, res.FileName, res.ContentType, c.file, c.contentTyp)
		}
	}
}

// TestYMLIsYAML: yml differs from yaml only in the file name.
func TestYMLIsYAML(t *testing.T) {
	b := loadSample(t)
	for _, define := range []string{"spec", "proxy", "all", "dev"} {
		yaml, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: "yaml"}, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		yml, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: "yml"}, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(yaml.Body, yml.Body) {
			t.Errorf("%s: yml and yaml bodies differ", define)
		}
		if strings.TrimSuffix(yaml.FileName, ".yaml") != strings.TrimSuffix(yml.FileName, ".yml") {
			t.Errorf("%s: file names %s and %s", define, yaml.FileName, yml.FileName)
		}
	}
}

// TestYAMLMatchesJSON: the YAML document reads back as the JSON one.
func TestYAMLMatchesJSON(t *testing.T) {
	b := loadSample(t)
	for _, define := range []string{"spec", "proxy", "all", "dev"} {
		j, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: define}, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		y, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: "yaml"}, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		fromYAML, err := engine.ToJSON(y.Body)
		if err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(t, j.Body, fromYAML) {
			t.Errorf("%s: the YAML document does not read back as the JSON one", define)
		}
	}
}

func decodeJSON(t testing.TB, data []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonEqual(t testing.TB, a, b []byte) bool {
	t.Helper()
	return reflect.DeepEqual(decodeJSON(t, a), decodeJSON(t, b))
}

func TestDeterministic(t *testing.T) {
	data := sample.Bundle
	want := map[string][]byte{}
	b := loadSample(t)
	for _, c := range goldenCases {
		res, err := engine.Export(b, c.req, engine.Options{Now: clock, ResolveVars: c.opts.ResolveVars})
		if err != nil {
			t.Fatal(err)
		}
		again, err := engine.Export(b, c.req, engine.Options{Now: clock, ResolveVars: c.opts.ResolveVars})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(res.Body, again.Body) {
			t.Fatalf("%s: two exports of the same bundle differ", c.file)
		}
		want[c.file] = res.Body
	}
	// Shuffle every top-level list and split the bundle over several
	// files: the output must not change.
	for seed := range uint64(8) {
		files := shuffledFiles(t, data, seed)
		sb, err := model.Load(files, model.LoadOptions{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range goldenCases {
			// Validation is covered by TestGolden; here it would only
			// repeat the same work on the same bytes.
			res, err := engine.Export(sb, c.req, engine.Options{Now: clock, ResolveVars: c.opts.ResolveVars, SkipValidation: true})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(res.Body, want[c.file]) {
				t.Errorf("seed %d: %s changes when the bundle is shuffled:\n%s", seed, c.file, firstDiff(want[c.file], res.Body))
			}
		}
	}
}

// shuffledFiles shuffles each top-level list of a bundle and deals the
// lists' elements out over three files.
func shuffledFiles(t testing.TB, data []byte, seed uint64) []model.File {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 42))
	parts := []map[string][]json.RawMessage{{}, {}, {}}
	for k, raw := range top {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
		for _, e := range list {
			p := parts[r.IntN(len(parts))]
			p[k] = append(p[k], e)
		}
	}
	var files []model.File
	for i, p := range parts {
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, model.File{Name: fmt.Sprintf("part%d.json", i), Data: out})
	}
	r.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
	return files
}

// TestExportErrors covers every error row of docs/export.md §2, and the
// conflicts that keep selected APIs out of one document.
func TestExportErrors(t *testing.T) {
	b := loadSample(t)
	long := strings.Repeat("v", 65)
	cases := []struct {
		name   string
		req    engine.Request
		opts   engine.Options
		status int
		code   string
		msg    string
	}{
		{"group_id missing", engine.Request{EnvID: release}, engine.Options{}, 400, "APIG.2001",
			"The request parameters must be specified,parameterName:group_id. Please refer to the support documentation"},
		{"env_id missing", engine.Request{GroupID: groupID, Define: "all"}, engine.Options{}, 400, "APIG.2001",
			"The request parameters must be specified,parameterName:env_id. Please refer to the support documentation"},
		{"env_id missing, default define", engine.Request{GroupID: groupID}, engine.Options{}, 400, "APIG.2001",
			"The request parameters must be specified,parameterName:env_id. Please refer to the support documentation"},
		{"define invalid", engine.Request{GroupID: groupID, EnvID: release, Define: "full"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:define. Please refer to the support documentation"},
		{"define upper case", engine.Request{GroupID: groupID, EnvID: release, Define: "ALL"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:define. Please refer to the support documentation"},
		{"type invalid", engine.Request{GroupID: groupID, EnvID: release, Type: "xml"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:type. Please refer to the support documentation"},
		{"version too long", engine.Request{GroupID: groupID, EnvID: release, Version: long}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:version. Please refer to the support documentation"},
		{"version not UTF-8", engine.Request{GroupID: groupID, EnvID: release, Version: "v\xff"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:version. Please refer to the support documentation"},
		{"oas_version invalid", engine.Request{GroupID: groupID, EnvID: release, OASVersion: "2"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:oas_version. Please refer to the support documentation"},
		{"oas_version 3.0.0", engine.Request{GroupID: groupID, EnvID: release, OASVersion: "3.0.0"}, engine.Options{}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:oas_version. Please refer to the support documentation"},
		{"group unknown", engine.Request{GroupID: "c77f5e81d9cb4424bf704ef2b0ac7600", EnvID: release}, engine.Options{}, 404, "APIG.3001",
			"API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist"},
		{"environment unknown", engine.Request{GroupID: groupID, EnvID: "nosuchenv"}, engine.Options{}, 404, "APIG.3003",
			"Environment nosuchenv does not exist"},
		{"environment by name is not an ID", engine.Request{GroupID: groupID, EnvID: "TEST"}, engine.Options{}, 404, "APIG.3003",
			"Environment TEST does not exist"},
		{"api unknown", engine.Request{GroupID: groupID, EnvID: release, APIs: []string{"a1000000000000000000000000000001", "nosuchapi"}}, engine.Options{}, 404, "APIG.3002",
			"API nosuchapi does not exist"},
		{"resolve without environment", engine.Request{GroupID: groupID, Define: "dev"}, engine.Options{ResolveVars: true}, 400, "APIG.2012",
			"Invalid parameter value,parameterName:env_id. Please refer to the support documentation. resolving environment variables needs an environment"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.opts.Now = clock
			res, err := engine.Export(b, c.req, c.opts)
			if res != nil {
				t.Fatalf("got a document, want an error")
			}
			var e *engine.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *engine.Error", err)
			}
			if e.Status != c.status || e.Code != c.code {
				t.Errorf("got %d %s, want %d %s", e.Status, e.Code, c.status, c.code)
			}
			if c.msg != "" && e.Message != c.msg {
				t.Errorf("message:\n got  %q\n want %q", e.Message, c.msg)
			}
			// A form shows the error by the field Param names.
			if want := paramOf(e); e.Param != want {
				t.Errorf("Param %q, want %q", e.Param, want)
			}
		})
	}
}

// paramOf is the request field an error concerns: the parameterName of
// the gateway's message, or the field whose object does not exist.
func paramOf(e *engine.Error) string {
	if _, after, ok := strings.Cut(e.Message, "parameterName:"); ok {
		name, _, _ := strings.Cut(after, ".")
		return name
	}
	return map[string]string{"APIG.3001": "group_id", "APIG.3002": "apis", "APIG.3003": "env_id"}[e.Code]
}

// TestVariableWithoutValue: the unresolved variable is named.
func TestVariableWithoutValue(t *testing.T) {
	b := loadSample(t)
	b.Variables = b.Variables[:1] // RELEASE has backend_host only
	_, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: "proxy", APIs: []string{"a1000000000000000000000000000001"}},
		engine.Options{Now: clock, ResolveVars: true})
	if err == nil || !strings.Contains(err.Error(), "Environment variable api_prefix used by API ListProducts") {
		t.Fatalf("got %v", err)
	}
}

// bundleWith loads the sample with its APIs changed by edit.
func bundleWith(t *testing.T, edit func(b *model.Bundle)) *model.Bundle {
	t.Helper()
	b := loadSample(t)
	edit(b)
	return b
}

func findAPI(b *model.Bundle, name string) *model.API {
	for i := range b.APIs {
		if b.APIs[i].Name == name {
			return &b.APIs[i]
		}
	}
	panic("no API " + name)
}

func TestExportConflicts(t *testing.T) {
	cases := []struct {
		name string
		edit func(b *model.Bundle)
		msg  string
	}{
		{"same method and path", func(b *model.Bundle) {
			findAPI(b, "HealthCheck").ReqURI = "/products"
		}, "APIs ListProducts (a1000000000000000000000000000001) and HealthCheck (a1000000000000000000000000000010) both answer GET /products"},
		{"same path but parameter names", func(b *model.Bundle) {
			a := findAPI(b, "HealthCheck")
			a.ReqURI = "/products/{pid}"
		}, "differ only in path parameter names"},
		{"same name", func(b *model.Bundle) {
			findAPI(b, "HealthCheck").Name = "ListProducts"
		}, "share the name ListProducts"},
		{"GRPC backend", func(b *model.Bundle) {
			findAPI(b, "HealthCheck").BackendType = "GRPC"
		}, "API HealthCheck (a1000000000000000000000000000010) has a GRPC backend"},
		{"GRPCS protocol", func(b *model.Bundle) {
			findAPI(b, "HealthCheck").ReqProtocol = "GRPCS"
		}, "uses the GRPCS protocol"},
		{"COOKIE parameter", func(b *model.Bundle) {
			a := findAPI(b, "HealthCheck")
			a.ReqParams = append(a.ReqParams, model.ReqParam{Name: "session", Type: "STRING", Location: "COOKIE"})
		}, "has the COOKIE parameter session"},
		{"member-group channel", func(b *model.Bundle) {
			findAPI(b, "ListProducts").BackendAPI.VPCChannelStatus = 4
		}, "vpc_channel_status 4"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := bundleWith(t, c.edit)
			_, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: "all"}, engine.Options{Now: clock})
			var e *engine.Error
			if !errors.As(err, &e) || e.Status != http.StatusBadRequest || e.Code != "APIG.2012" {
				t.Fatalf("got %v, want a 400 APIG.2012", err)
			}
			if !strings.Contains(e.Message, c.msg) {
				t.Errorf("message %q does not say %q", e.Message, c.msg)
			}
		})
	}
}

func TestNoAPISelected(t *testing.T) {
	b := bundleWith(t, func(b *model.Bundle) {
		b.Publications = nil
		for i := range b.APIs {
			b.APIs[i].RunEnvID = ""
		}
	})
	res, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release}, engine.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no API of group shop_api is published in environment RELEASE") {
		t.Errorf("warnings %q", res.Warnings)
	}
	// No path: the one finding is the warning go-openapi/validate gives too.
	if fs, err := engine.Validate(res.Body); err != nil || len(fs) != 1 || fs[0].Code != "paths-empty" || fs[0].Severity != engine.SeverityWarning {
		t.Errorf("findings %v (%v), want the paths-empty warning alone", fs, err)
	}
	doc := decodeJSON(t, res.Body).(map[string]any)
	if paths := doc["paths"].(map[string]any); len(paths) != 0 {
		t.Errorf("paths: %v", paths)
	}
	if _, ok := doc["responses"]; ok {
		t.Error("an unused root response draws a validator warning; it should be left out")
	}
}

// TestAnyOnlyPath: a Path Item with only x-apigateway-any-method declares
// its path parameters itself and carries its response inline when no
// visible operation uses the root one.
func TestAnyOnlyPath(t *testing.T) {
	b := loadSample(t)
	res, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: "proxy", APIs: []string{"a1000000000000000000000000000007"}}, engine.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	mustBeClean(t, "files", res.Body)
	doc := decodeJSON(t, res.Body).(map[string]any)
	item := doc["paths"].(map[string]any)["/files/{path+}"].(map[string]any)
	params, _ := item["parameters"].([]any)
	if len(params) != 1 || params[0].(map[string]any)["name"] != "path+" {
		t.Errorf("path item parameters: %v", item["parameters"])
	}
	resp := item["x-apigateway-any-method"].(map[string]any)["responses"].(map[string]any)["default"]
	if !reflect.DeepEqual(resp, map[string]any{"description": "response example"}) {
		t.Errorf("ANY response: %v", resp)
	}
	if _, ok := doc["responses"]; ok {
		t.Error("root responses present with no visible operation")
	}
}

// TestUndeclaredPathParameter: a path parameter the model does not define
// is declared, and the user is told.
func TestUndeclaredPathParameter(t *testing.T) {
	b := bundleWith(t, func(b *model.Bundle) {
		findAPI(b, "GetReport").ReqParams = nil
	})
	res, err := engine.Export(b, engine.Request{GroupID: groupID, Define: "dev", APIs: []string{"a1000000000000000000000000000012"}}, engine.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	mustBeClean(t, "report", res.Body)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "path parameter report_id of /reports/{report_id} has no definition") {
		t.Errorf("warnings: %q", res.Warnings)
	}
}

// TestPublishedSnapshot: spec/proxy/all export the definition as published,
// dev the current draft.
func TestPublishedSnapshot(t *testing.T) {
	b := loadSample(t)
	get := func(define string) map[string]any {
		res, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: define, APIs: []string{"a1000000000000000000000000000005"}}, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		doc := decodeJSON(t, res.Body).(map[string]any)
		return doc["paths"].(map[string]any)["/orders/{order_id}"].(map[string]any)["get"].(map[string]any)
	}
	if d := get("all")["description"]; d != "Show an order." {
		t.Errorf("all exports %q, want the published description", d)
	}
	if d := get("dev")["description"]; !strings.HasPrefix(d.(string), "Show an order, with its lines") {
		t.Errorf("dev exports %q, want the draft", d)
	}
}

// TestScopes checks what each scope adds, beyond the goldens.
func TestScopes(t *testing.T) {
	b := loadSample(t)
	paths := func(define string) map[string]any {
		req := engine.Request{GroupID: groupID, EnvID: release, Define: define}
		res, err := engine.Export(b, req, engine.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		return decodeJSON(t, res.Body).(map[string]any)
	}
	has := func(doc map[string]any, key string) bool { return strings.Contains(fmt.Sprint(doc), key+":") }
	spec, proxy, all, dev := paths("spec"), paths("proxy"), paths("all"), paths("dev")
	for _, c := range []struct {
		doc  map[string]any
		key  string
		want bool
	}{
		{spec, "x-apigateway-backend", false}, {proxy, "x-apigateway-backend", true},
		{all, "x-apigateway-backend", true}, {dev, "x-apigateway-backend", true},
		{proxy, "x-apigateway-ratelimit", false}, {all, "x-apigateway-ratelimit", true}, {dev, "x-apigateway-ratelimit", false},
		{proxy, "x-apigateway-authorizer", false}, {all, "x-apigateway-authorizer", true},
		{all, "x-apigateway-plugins", true}, {proxy, "x-apigateway-plugins", false},
		{spec, "x-apigateway-responses", true},
	} {
		if got := has(c.doc, c.key); got != c.want {
			t.Errorf("%s present = %v, want %v", c.key, got, c.want)
		}
	}
	count := func(doc map[string]any) (n int) {
		for _, item := range doc["paths"].(map[string]any) {
			n += len(item.(map[string]any))
		}
		return n
	}
	// Path Item entries: RELEASE publishes 10 APIs, plus the parameters
	// of the ANY-only /files/{path+}; dev also has the 2 drafts and the
	// API published only in TEST.
	if n := count(spec); n != 11 {
		t.Errorf("spec has %d path item entries, want 11", n)
	}
	if n := count(dev); n != 14 {
		t.Errorf("dev has %d path item entries, want 14", n)
	}
}

func jsonValid(b []byte) bool { return json.Valid(b) }
