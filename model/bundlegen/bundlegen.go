// Package bundlegen makes synthetic but realistic bundles of any size, for
// benchmarks and for tests that need more than the sample: one group, two
// environments, and N APIs that together use every backend type (HTTP,
// HTTP-VPC, FUNCTION, MOCK), every authentication type, ANY and {path+},
// backend policies, throttles with specials, ACLs, plugins and drafts.
//
// The same N and seed always give the same bundle.
package bundlegen

import (
	"fmt"
	"math/rand/v2"

	"github.com/apigexport/apigexport/model"
)

// IDs of the generated group and its second environment.
const (
	GroupID = "9000000000000000000000000000000g"
	TestEnv = "9000000000000000000000000000000e"
)

// Generate returns a bundle with n APIs. About nine in ten are published in
// RELEASE (and some also in TEST); the rest are drafts.
func Generate(n int, seed uint64) *model.Bundle {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	b := &model.Bundle{
		Groups: []model.Group{{ID: GroupID, Name: "generated_api", Remark: fmt.Sprintf("A synthetic group of %d APIs.", n),
			SLDomain: "9000000000000000000000000000000g.apic.example.com"}},
		Envs: []model.Env{{ID: model.DefaultEnvID, Name: model.DefaultEnvName}, {ID: TestEnv, Name: "TEST"}},
		Variables: []model.Variable{
			{ID: "var1", EnvID: model.DefaultEnvID, GroupID: GroupID, VariableName: "host", VariableValue: "backend.example.com"},
			{ID: "var2", EnvID: TestEnv, GroupID: GroupID, VariableName: "host", VariableValue: "backend-test.example.com"},
		},
		VPCChannels: []model.VPCChannel{{ID: "vpc1", Name: "channel_one"}, {ID: "vpc2", Name: "channel_two"}},
		Authorizers: []model.Authorizer{{ID: "auth1", Name: "token_auth", Type: "FRONTEND", AuthorizerType: "FUNC",
			AuthorizerURI: "urn:fss:region:project:function:default:auth", NetworkType: "V1", TTL: 30,
			Identities: []model.Identity{{Name: "Authorization", Location: "HEADER"}}}},
		Responses: []model.GatewayResponse{{ID: "resp1", GroupID: GroupID, Name: "custom_errors",
			Responses: map[string]model.ErrorResponse{"THROTTLED": {Status: 429, Body: `{"message":"slow down"}`}}}},
		Plugins:        []model.Plugin{{PluginID: "plug1", PluginName: "cors_plugin", PluginType: "cors"}},
		Orchestrations: []model.Orchestration{{OrchestrationID: "orch1", OrchestrationName: "region_map"}},
	}
	for i := range 10 {
		limit := int64(100 * (i + 1))
		b.Throttles = append(b.Throttles, model.Throttle{ID: fmt.Sprintf("thr%d", i), Name: fmt.Sprintf("limit_%d", i),
			APICallLimits: limit, UserCallLimits: ptr(limit / 2), TimeInterval: 1, TimeUnit: "SECOND", Type: 1 + i%2})
		b.ThrottleSpecials = append(b.ThrottleSpecials, model.ThrottleSpecial{ID: fmt.Sprintf("sp%d", i), ThrottleID: fmt.Sprintf("thr%d", i),
			CallLimits: limit * 2, ObjectID: fmt.Sprintf("app%02d", i), ObjectType: "APP"})
		b.ACLs = append(b.ACLs, model.ACL{ID: fmt.Sprintf("acl%d", i), ACLName: fmt.Sprintf("acl_%d", i),
			ACLType: []string{"PERMIT", "DENY"}[i%2], EntityType: "IP", ACLValue: fmt.Sprintf("10.%d.0.0/16", i)})
	}
	for i := range n {
		a := api(r, i)
		b.APIs = append(b.APIs, a)
		switch {
		case i%10 == 9: // a draft
		case i%4 == 0:
			b.Publications = append(b.Publications, model.Publication{APIID: a.ID, EnvID: model.DefaultEnvID},
				model.Publication{APIID: a.ID, EnvID: TestEnv})
		default:
			b.Publications = append(b.Publications, model.Publication{APIID: a.ID, EnvID: model.DefaultEnvID})
		}
		if i%3 == 0 {
			b.ThrottleBindings = append(b.ThrottleBindings, model.ThrottleBinding{APIID: a.ID, EnvID: model.DefaultEnvID, ThrottleID: fmt.Sprintf("thr%d", r.IntN(10))})
		}
		if i%5 == 0 {
			b.ACLBindings = append(b.ACLBindings, model.ACLBinding{APIID: a.ID, EnvID: model.DefaultEnvID, ACLID: fmt.Sprintf("acl%d", r.IntN(10))})
		}
		if i%7 == 0 {
			b.PluginBindings = append(b.PluginBindings, model.PluginBinding{APIID: a.ID, EnvID: model.DefaultEnvID, PluginID: "plug1"})
		}
	}
	return b
}

func ptr[T any](v T) *T { return &v }

var (
	methods  = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}
	resource = []string{"orders", "users", "items", "carts", "invoices", "reports", "files", "events"}
)

func api(r *rand.Rand, i int) model.API {
	res := resource[i%len(resource)]
	a := model.API{
		ID: fmt.Sprintf("%032x", i+1), GroupID: GroupID, Name: fmt.Sprintf("%s_api_%d", res, i),
		Type: 1 + r.IntN(2), ReqProtocol: []string{"HTTPS", "HTTP", "BOTH"}[r.IntN(3)],
		ReqMethod: methods[i%len(methods)], MatchMode: "NORMAL",
		Remark: fmt.Sprintf("Operation %d on %s.", i, res), Tags: []string{res},
		ResultNormalSample: `{"ok":true}`, CORS: r.IntN(2) == 0,
	}
	a.ReqURI = fmt.Sprintf("/v1/%s/%d/{id}", res, i)
	a.ReqParams = []model.ReqParam{{Name: "id", Type: "STRING", Location: "PATH", Required: 1, Remark: "resource ID",
		ValidEnable: 1, MinSize: 1, MaxSize: 64}}
	switch i % 23 {
	case 11: // ANY with a prefix capture
		a.ReqMethod, a.MatchMode = "ANY", "SWA"
		a.ReqURI = fmt.Sprintf("/v1/%s/%d/raw/{path+}", res, i)
		a.ReqParams = []model.ReqParam{{Name: "path", Type: "STRING", Location: "PATH", Required: 1}}
	case 17:
		a.ReqMethod = "ANY"
	}
	a.ReqParams = append(a.ReqParams,
		model.ReqParam{Name: "limit", Type: "NUMBER", Location: "QUERY", Required: 2, DefaultValue: "20", ValidEnable: 1,
			MinNum: 1, MaxNum: 100, Remark: "page size", PassThrough: 1},
		model.ReqParam{Name: "X-Trace", Type: "STRING", Location: "HEADER", Required: 2, SampleValue: "abc",
			Orchestrations: []string{"orch1"}[:r.IntN(2)]})
	if r.IntN(3) == 0 {
		a.ReqParams = append(a.ReqParams, model.ReqParam{Name: "sort", Type: "STRING", Location: "QUERY",
			ValidEnable: 1, Enumerations: "asc,desc", DefaultValue: "asc"})
	}
	switch i % 5 {
	case 0:
		a.AuthType = "NONE"
	case 1:
		a.AuthType = "APP"
	case 2:
		a.AuthType, a.AuthOpt = "APP", &model.AuthOpt{AppCodeAuthType: "HEADER"}
	case 3:
		a.AuthType = "IAM"
	case 4:
		a.AuthType, a.AuthorizerID = "AUTHORIZER", "auth1"
	}
	if i%6 == 0 {
		a.ResponseID = "resp1"
	}
	cond := []model.Condition{
		{ConditionOrigin: "param", ConditionType: "exact", ConditionValue: "42", ReqParamName: "id"},
		{ConditionOrigin: "source", ConditionValue: "192.168.0.0/16"},
	}
	params := []model.BackendParam{
		{Name: "id", Location: "PATH", Origin: "REQUEST", Value: "id"},
		{Name: "X-Gateway", Location: "HEADER", Origin: "CONSTANT", Value: "apig", Remark: "marker"},
	}
	switch i % 4 {
	case 0, 1: // HTTP and HTTP-VPC
		a.BackendType = "HTTP"
		a.BackendParams = params
		w := &model.WebBackend{ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/backend/{id}", Timeout: 5000,
			RetryCount: ptr("-1"), EnableClientSSL: ptr(false), VPCChannelStatus: 2, URLDomain: "#host#:443"}
		if i%4 == 1 {
			w.URLDomain, w.VPCChannelStatus = "", 1
			w.VPCChannelInfo = &model.VPCInfo{VPCChannelID: []string{"vpc1", "vpc2"}[r.IntN(2)]}
		}
		a.BackendAPI = w
		if r.IntN(2) == 0 {
			a.PolicyHTTPs = []model.PolicyHTTP{{PolicyBase: model.PolicyBase{Name: "special_route", EffectMode: "ANY", Conditions: cond, BackendParams: params[:1]},
				URLDomain: "special.example.com", ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/special/{id}", Timeout: 3000, VPCChannelStatus: 2}}
		}
	case 2:
		a.BackendType = "FUNCTION"
		a.BackendParams = params
		a.FuncInfo = &model.FunctionBackend{FunctionURN: fmt.Sprintf("urn:fss:region:project:function:default:fn%d", i),
			InvocationType: []string{"sync", "async"}[r.IntN(2)], NetworkType: "V2", Version: "latest", Timeout: 10000}
		if r.IntN(2) == 0 {
			a.PolicyFunctions = []model.PolicyFunction{{PolicyBase: model.PolicyBase{Name: "alt_function", EffectMode: "ALL", Conditions: cond},
				FunctionURN: "urn:fss:region:project:function:default:alt", InvocationType: "sync", NetworkType: "V2", Timeout: 8000}}
		}
	case 3:
		a.BackendType = "MOCK"
		a.MockInfo = &model.MockBackend{ResultContent: fmt.Sprintf(`{"mock":%d}`, i)}
		if r.IntN(2) == 0 {
			a.PolicyMocks = []model.PolicyMock{{PolicyBase: model.PolicyBase{Name: "mock_alt", EffectMode: "ANY", Conditions: cond[1:]},
				ResultContent: `{"mock":"alt"}`}}
		}
	}
	return a
}
