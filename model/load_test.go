package model_test

import (
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

const group = `{"id": "g1", "name": "shop"}`

// api is a minimal valid API of group g1, with the fields of extra (the
// inside of a JSON object) set over it.
func api(id, extra string) string {
	base := map[string]any{"id": id, "group_id": "g1", "name": "api_" + id, "type": 1, "req_protocol": "HTTPS",
		"req_method": "GET", "req_uri": "/" + id, "auth_type": "NONE", "backend_type": "MOCK", "mock_info": map[string]any{}}
	if extra != "" {
		var over map[string]any
		if err := json.Unmarshal([]byte("{"+extra+"}"), &over); err != nil {
			panic(err)
		}
		maps.Copy(base, over)
	}
	out, err := json.Marshal(base)
	if err != nil {
		panic(err)
	}
	return string(out)
}

func load(t *testing.T, strict bool, files ...string) (*model.Bundle, error) {
	t.Helper()
	var fs []model.File
	for i, f := range files {
		fs = append(fs, model.File{Name: []string{"a.json", "b.json", "c.json"}[i], Data: []byte(f)})
	}
	return model.Load(fs, model.LoadOptions{Strict: strict})
}

func TestLoadSample(t *testing.T) {
	b, err := model.Load([]model.File{{Name: sample.Name, Data: sample.Bundle}}, model.LoadOptions{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.APIs) < 12 {
		t.Errorf("the sample has %d APIs, want at least 12", len(b.APIs))
	}
	// run_env_id publications are added to the explicit one.
	pubs := map[string]int{}
	for _, p := range b.Publications {
		pubs[p.EnvID]++
	}
	if pubs[model.DefaultEnvID] != 10 || pubs["5e0b7a2c9d3f4a18b6c4e1f2a3b4c5d6"] != 6 {
		t.Errorf("publications per environment: %v", pubs)
	}
}

// TestLoadErrors: every kind of bad bundle is reported with the file, the
// JSON path and what was expected.
func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name   string
		strict bool
		files  []string
		want   string
	}{
		{"not JSON", false, []string{`{"groups": [`}, "a.json: groups: invalid JSON at line 1, column 13: unexpected EOF"},
		{"trailing data", false, []string{`{} {}`}, "a.json: invalid JSON at line 1, column 4: unexpected data after the top-level value"},
		{"not an object", false, []string{`[]`}, "a.json: expected a JSON object (a bundle), got an array"},
		{"duplicate key", false, []string{`{"groups": [{"id": "g1", "id": "g2"}]}`}, `a.json: groups[0].id: duplicate key "id"`},
		{"unknown top-level key", false, []string{`{"group": ` + group + `, "stages": []}`}, "a.json: stages: unknown top-level key; expected one of"},
		{"group and groups", false, []string{`{"group": ` + group + `, "groups": []}`}, `a.json: group: "group" and "groups" cannot both be given`},
		{"wrong type", false, []string{`{"groups": [` + group + `], "apis": [` + api("x", `"type": "1"`) + `]}`},
			"a.json: apis[0].type: expected an integer, got a string"},
		{"fraction for integer", false, []string{`{"groups": [` + group + `], "apis": [` + api("x", `"type": 1.5`) + `]}`},
			"a.json: apis[0].type: expected an integer, got 1.5"},
		{"array expected", false, []string{`{"groups": {}}`}, "a.json: groups: expected an array, got an object"},
		{"unknown field strict", true, []string{`{"groups": [{"id": "g1", "name": "shop", "colour": "red"}]}`},
			"a.json: groups[0].colour: unknown field (strict mode)"},
		{"enum", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_method": "get"`) + `]}`},
			`a.json: apis[0].req_method: expected one of GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY, got "get"`},
		{"int enum", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"type": 3`) + `]}`},
			"a.json: apis[0].type: expected one of 1, 2, got 3"},
		{"group of API missing", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"group_id": "g2"`) + `]}`},
			`a.json: apis[0].group_id: group "g2" is not in the bundle`},
		{"required name", false, []string{`{"groups": [{"id": "g1"}]}`}, "a.json: groups[0].name: required, expected a non-empty string"},
		{"number default", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_params": [{"name": "n", "type": "NUMBER", "location": "QUERY", "default_value": "12a"}]`) + `]}`},
			`a.json: apis[0].req_params[0].default_value: expected a number for a NUMBER parameter, got "12a"`},
		{"number enumerations", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_params": [{"name": "n", "type": "NUMBER", "location": "QUERY", "enumerations": "1,two"}]`) + `]}`},
			`a.json: apis[0].req_params[0].enumerations: expected comma-separated numbers for a NUMBER parameter, got "two"`},
		{"default outside enum", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_params": [{"name": "s", "type": "STRING", "location": "QUERY", "valid_enable": 1, "enumerations": "a,b", "default_value": "c"}]`) + `]}`},
			`a.json: apis[0].req_params[0].default_value: default "c" is not one of the enumerations "a,b"`},
		{"default too long", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_params": [{"name": "s", "type": "STRING", "location": "QUERY", "valid_enable": 1, "max_size": 2, "default_value": "abc"}]`) + `]}`},
			`a.json: apis[0].req_params[0].default_value: default "abc" has length 3`},
		{"duplicate parameter", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_params": [{"name": "H", "type": "STRING", "location": "HEADER"}, {"name": "h", "type": "STRING", "location": "HEADER"}]`) + `]}`},
			`a.json: apis[0].req_params[1].name: parameter "h" in HEADER is also req_params[0]`},
		{"backend missing", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"backend_type": "HTTP"`) + `]}`},
			"a.json: apis[0].backend_api: required when backend_type is HTTP"},
		{"policy of the wrong kind", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"policy_functions": [{"name": "p1", "effect_mode": "ANY", "conditions": [{"condition_origin": "source", "condition_value": "10.0.0.0/8"}], "function_urn": "urn", "invocation_type": "sync", "timeout": 1}]`) + `]}`},
			"a.json: apis[0].policy_functions: a MOCK backend takes only policy_mocks policies"},
		{"retry count", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"backend_type": "HTTP", "backend_api": {"url_domain": "h", "req_protocol": "HTTP", "req_method": "GET", "req_uri": "/", "timeout": 1, "retry_count": "11"}`) + `]}`},
			`a.json: apis[0].backend_api.retry_count: expected a string holding an integer from -1 to 10, got "11"`},
		{"host with a path", false, []string{`{"group": {"id": "g1", "name": "shop", "url_domains": [{"domain": "api.example.com/v1"}]}}`},
			`a.json: group.url_domains[0].domain: expected a domain name with an optional :port, got "api.example.com/v1"`},
		{"subdomain with a space", false, []string{`{"group": {"id": "g1", "name": "shop", "sl_domain": "a b"}}`},
			`a.json: group.sl_domain: expected a domain name with an optional :port, got "a b"`},
		{"channel missing", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"backend_type": "HTTP", "backend_api": {"req_protocol": "HTTP", "req_method": "GET", "req_uri": "/", "timeout": 1, "vpc_channel_status": 1}`) + `]}`},
			"a.json: apis[0].backend_api.vpc_channel_info.vpc_channel_id: required when vpc_channel_status is 1"},
		{"condition parameter", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"policy_mocks": [{"name": "p1", "effect_mode": "ALL", "conditions": [{"condition_origin": "param", "condition_type": "exact", "condition_value": "1"}]}]`) + `]}`},
			"a.json: apis[0].policy_mocks[0].conditions[0].req_param_name: required, expected a non-empty string"},
		{"authorizer missing", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"auth_type": "AUTHORIZER", "authorizer_id": "au1"`) + `]}`},
			`a.json: apis[0].authorizer_id: authorizer "au1" is not in the bundle`},
		{"backend authorizer on the frontend", false, []string{`{"group": ` + group + `, "authorizers": [{"id": "au1", "name": "be", "type": "BACKEND", "authorizer_type": "FUNC", "authorizer_uri": "u"}], "apis": [` + api("x", `"auth_type": "AUTHORIZER", "authorizer_id": "au1"`) + `]}`},
			`a.json: apis[0].authorizer_id: authorizer "au1" is a BACKEND authorizer, expected a FRONTEND one`},
		{"response missing", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"response_id": "r9"`) + `]}`},
			`a.json: apis[0].response_id: gateway response "r9" is not in the bundle`},
		{"path template", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"req_uri": "/a/{}"`) + `]}`},
			`a.json: apis[0].req_uri: expected {name} or {name+} path parameters, got "{}"`},
		{"run_env_id unknown", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"run_env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID|e9"`) + `]}`},
			`a.json: apis[0].run_env_id (element 1): environment "e9" is not in the bundle`},
		{"publish_id misaligned", false, []string{`{"group": ` + group + `, "apis": [` + api("x", `"run_env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "publish_id": "p1|p2"`) + `]}`},
			"a.json: apis[0].publish_id: expected 1 pipe-separated elements, one per run_env_id element, got 2"},
		{"publication of unknown API", false, []string{`{"group": ` + group + `, "publications": [{"api_id": "zz", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"}]}`},
			`a.json: publications[0].api_id: API "zz" is not in the bundle`},
		{"snapshot of another API", false, []string{`{"group": ` + group + `, "apis": [` + api("x", "") + `], "publications": [{"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "api": ` + api("y", "") + `}]}`},
			`a.json: publications[0].api.id: expected the publication's api_id "x", got "y"`},
		{"snapshot checked", false, []string{`{"group": ` + group + `, "apis": [` + api("x", "") + `], "publications": [{"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "api": ` + api("x", `"auth_type": "OAUTH"`) + `}]}`},
			`a.json: publications[0].api.auth_type: expected one of NONE, APP, IAM, AUTHORIZER, got "OAUTH"`},
		{"throttle binding", false, []string{`{"group": ` + group + `, "apis": [` + api("x", "") + `], "throttle_bindings": [{"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "throttle_id": "t9"}]}`},
			`a.json: throttle_bindings[0].throttle_id: throttle "t9" is not in the bundle`},
		{"acl binding env", false, []string{`{"group": ` + group + `, "acls": [{"id": "acl1", "acl_name": "n", "acl_type": "DENY", "entity_type": "IP", "acl_value": "1.2.3.4"}], "apis": [` + api("x", "") + `], "acl_bindings": [{"api_id": "x", "env_id": "e9", "acl_id": "acl1"}]}`},
			`a.json: acl_bindings[0].env_id: environment "e9" is not in the bundle`},
		{"plugin binding", false, []string{`{"group": ` + group + `, "apis": [` + api("x", "") + `], "plugin_bindings": [{"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "plugin_id": "p9"}]}`},
			`a.json: plugin_bindings[0].plugin_id: plugin "p9" is not in the bundle`},
		{"throttle unit", false, []string{`{"throttles": [{"id": "t1", "name": "t", "api_call_limits": 1, "time_interval": 1, "time_unit": "WEEK"}]}`},
			`a.json: throttles[0].time_unit: expected one of SECOND, MINUTE, HOUR, DAY, got "WEEK"`},
		{"special of unknown throttle", false, []string{`{"throttle_specials": [{"id": "s1", "throttle_id": "t9", "call_limits": 1, "object_id": "o", "object_type": "APP"}]}`},
			`a.json: throttle_specials[0].throttle_id: throttle "t9" is not in the bundle`},
		{"throttle names", false, []string{`{"throttles": [{"id": "t1", "name": "t", "api_call_limits": 1, "time_interval": 1, "time_unit": "DAY"}, {"id": "t2", "name": "t", "api_call_limits": 2, "time_interval": 1, "time_unit": "DAY"}]}`},
			`a.json: throttles[1].name: name "t" is also used by throttles[0]`},
		{"acl type", false, []string{`{"acls": [{"id": "a1", "acl_name": "n", "acl_type": "ALLOW", "entity_type": "IP", "acl_value": "x"}]}`},
			`a.json: acls[0].acl_type: expected one of PERMIT, DENY, got "ALLOW"`},
		{"response status", false, []string{`{"group": ` + group + `, "responses": [{"id": "r1", "group_id": "g1", "name": "default", "responses": {"THROTTLED": {"status": 99, "body": ""}}}]}`},
			"a.json: responses[0].responses.THROTTLED.status: expected an HTTP status from 200 to 599, got 99"},
		{"variable env", false, []string{`{"group": ` + group + `, "variables": [{"id": "v1", "env_id": "e9", "group_id": "g1", "variable_name": "host", "variable_value": "h"}]}`},
			`a.json: variables[0].env_id: environment "e9" is not in the bundle`},
		{"conflicting duplicate across files", false, []string{`{"group": ` + group + `}`, `{"groups": [{"id": "g1", "name": "other"}]}`},
			`b.json: groups[0]: group "g1" is also defined in a.json at group with different content`},
		{"conflicting duplicate of a joined identity", false, []string{`{"group": ` + group + `, "apis": [` + api("x", "") + `], "publications": [{"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "publish_id": "p1"}]}`,
			`{"publications": [{"api_id": "y", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"}, {"api_id": "x", "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "publish_id": "p2"}]}`},
			`b.json: publications[1]: publication "x/DEFAULT_ENVIRONMENT_RELEASE_ID" is also defined in a.json at publications[0] with different content`},
		{"second file's error", false, []string{`{"group": ` + group + `}`, `{"envs": [{"id": "e1", "name": 7}]}`},
			"b.json: envs[0].name: expected a string, got a number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := load(t, c.strict, c.files...)
			if err == nil {
				t.Fatalf("loaded, want an error containing %q", c.want)
			}
			if b != nil {
				t.Error("a bundle came back with the error")
			}
			var list model.ErrorList
			var one *model.Error
			if !errors.As(err, &list) && !errors.As(err, &one) {
				t.Errorf("error %T is neither model.ErrorList nor *model.Error", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got  %s\nwant %s", err, c.want)
			}
		})
	}
}

func TestLoadTolerant(t *testing.T) {
	b, err := load(t, false, `{"total": 1, "size": 1, "groups": [{"id": "g1", "name": "shop", "colour": "red", "sl_domain": null}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Groups) != 1 || b.Groups[0].Name != "shop" {
		t.Errorf("groups: %+v", b.Groups)
	}
}

func TestLoadMergesEqualDuplicates(t *testing.T) {
	b, err := load(t, true, `{"group": `+group+`, "apis": [`+api("x", "")+`]}`, `{"groups": [`+group+`], "apis": [`+api("x", "")+`, `+api("y", "")+`]}`)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Groups) != 1 || len(b.APIs) != 2 {
		t.Errorf("got %d groups and %d APIs, want 1 and 2", len(b.Groups), len(b.APIs))
	}
}

func TestRunEnvPublications(t *testing.T) {
	b, err := load(t, true, `{"group": `+group+`, "envs": [{"id": "e1", "name": "TEST"}],
		"apis": [`+api("x", `"run_env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID|e1", "publish_id": "p1|p2", "publish_time": "t1|t2"`)+`],
		"publications": [{"api_id": "x", "env_id": "e1", "publish_id": "explicit"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range b.Publications {
		got[p.EnvID] = p.PublishID + "@" + p.PublishTime
	}
	want := map[string]string{"e1": "explicit@", model.DefaultEnvID: "p1@t1"}
	if len(got) != 2 || got["e1"] != want["e1"] || got[model.DefaultEnvID] != want[model.DefaultEnvID] {
		t.Errorf("publications %v, want %v", got, want)
	}
}

func TestEnvLookup(t *testing.T) {
	b, err := load(t, true, `{"envs": [{"id": "e1", "name": "TEST"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"e1": "e1", "TEST": "e1", "RELEASE": model.DefaultEnvID, model.DefaultEnvID: model.DefaultEnvID} {
		if e := b.EnvByIDOrName(in); e == nil || e.ID != want {
			t.Errorf("%s: got %v, want %s", in, e, want)
		}
	}
	if e := b.EnvByIDOrName("PROD"); e != nil {
		t.Errorf("PROD: got %v", e)
	}
	if envs := b.AllEnvs(); len(envs) != 2 || envs[0].ID != model.DefaultEnvID {
		t.Errorf("AllEnvs: %v", envs)
	}
}

func TestErrorListLimit(t *testing.T) {
	var apis []string
	for i := range 30 {
		apis = append(apis, api(string(rune('a'+i%26))+string(rune('a'+i/26)), `"type": 9`))
	}
	_, err := load(t, false, `{"group": `+group+`, "apis": [`+strings.Join(apis, ",")+`]}`)
	var list model.ErrorList
	if !errors.As(err, &list) || len(list) != 20 {
		t.Fatalf("got %d errors (%v), want 20", len(list), err)
	}
	if !strings.Contains(err.Error(), "(and 19 more errors)") {
		t.Errorf("error text: %s", err)
	}
}
