package bundlegen

import (
	"encoding/json"

	"github.com/apigexport/apigexport/model"
)

// Seed is a small bundle that holds every object of the model once or
// twice, with every optional field set, so that the variants of a
// [Generator] built on it leave out, null and change each of them: four
// APIs (HTTP, HTTP-VPC, FUNCTION and MOCK backends, each with a policy;
// conditions of every origin; every parameter location but COOKIE; every
// authentication type), published directly, through run_env_id and as a
// snapshot, with a throttle, an ACL and a plugin bound.
func Seed() []byte {
	data, err := json.Marshal(seed())
	if err != nil {
		panic(err)
	}
	return data
}

// SeedGroupID is the ID of Seed's group.
const SeedGroupID = "5eed0000000000000000000000000001"

func seed() *model.Bundle {
	const (
		g    = SeedGroupID
		test = "5eed00000000000000000000000000e2"
	)
	yes, no := true, false
	urn := "urn:fss:region:project:function:default:"
	params := []model.BackendParam{
		{ID: "bp1", Name: "id", Location: "PATH", Origin: "REQUEST", Value: "id", Remark: "the item", ReqParamID: "rp1"},
		{ID: "bp2", Name: "X-Source", Location: "HEADER", Origin: "CONSTANT", Value: "apig"},
		{ID: "bp3", Name: "ip", Location: "QUERY", Origin: "SYSTEM", Value: "$context.sourceIp"},
	}
	conditions := []model.Condition{
		{ID: "c1", ConditionOrigin: "param", ConditionType: "exact", ConditionValue: "42", ReqParamName: "id", ReqParamID: "rp1", ReqParamLocation: "PATH"},
		{ID: "c2", ConditionOrigin: "source", ConditionValue: "10.0.0.0/8"},
		{ID: "c3", ConditionOrigin: "system", ConditionType: "pattern", ConditionValue: "^/items", SysParamName: "req_path"},
		{ID: "c4", ConditionOrigin: "cookie", ConditionType: "enum", ConditionValue: "a,b", CookieParamName: "session"},
		{ID: "c5", ConditionOrigin: "frontend_authorizer", ConditionType: "exact", ConditionValue: "gold", FrontendAuthorizerParamName: "$context.authorizer.frontend.tier"},
		{ID: "c6", ConditionOrigin: "orchestration", ConditionType: "exact", ConditionValue: "eu", MappedParamName: "region", MappedParamLocation: "header"},
	}
	reqParams := []model.ReqParam{
		{ID: "rp1", Name: "id", Type: "STRING", Location: "PATH", SampleValue: "abc", Required: 1, ValidEnable: 1,
			Remark: "the item", Enumerations: "abc,def", MinSize: 1, MaxSize: 8, Regular: "^[a-z]+$", JSONSchema: "{}", PassThrough: 1,
			Orchestrations: []string{"orch1"}},
		{ID: "rp2", Name: "limit", Type: "NUMBER", Location: "QUERY", DefaultValue: "20", SampleValue: "10", Required: 2, ValidEnable: 1,
			Remark: "page size", Enumerations: "10,20", MinNum: 1, MaxNum: 100, PassThrough: 2},
		{ID: "rp3", Name: "X-Trace", Type: "STRING", Location: "HEADER", SampleValue: "t", Required: 2, ValidEnable: 2, Remark: "trace"},
	}
	common := func(id, name, method, uri string) model.API {
		return model.API{ID: id, GroupID: g, GroupName: "seed_group", GroupVersion: "V1", ArrangeNecessary: 2, RomaAppName: "app",
			Name: name, Type: 1, Version: "1.0", ReqProtocol: "HTTPS", ReqMethod: method, ReqURI: uri, CORS: true, MatchMode: "NORMAL",
			Remark: "API " + name, BodyRemark: "body", ResultNormalSample: `{"ok":true}`, ResultFailureSample: `{"ok":false}`,
			Tags: []string{"seed"}, Tag: "seed", ResponseID: "resp1", RomaAppID: "app1", DomainName: "api.example.com",
			ContentType: "application/json", IsSendFgBodyBase64: &yes, Status: 1, RegisterTime: "2026-01-01T00:00:00Z",
			UpdateTime: "2026-01-02T00:00:00Z"}
	}
	web := common("5eed00000000000000000000000000a1", "get_item", "GET", "/items/{id}")
	web.AuthType, web.AuthOpt = "APP", &model.AuthOpt{AppCodeAuthType: "HEADER"}
	web.BackendType = "HTTP"
	web.ReqParams, web.BackendParams = reqParams, params
	web.BackendAPI = &model.WebBackend{ID: "be1", URLDomain: "#host#:8443", ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/b/items/{id}",
		Version: "v1", Remark: "backend", Timeout: 5000, EnableClientSSL: &no, RetryCount: ptr("2"), EnableSMChannel: &no, AuthorizerID: "auth2",
		VPCChannelStatus: 2}
	web.PolicyHTTPs = []model.PolicyHTTP{
		{PolicyBase: model.PolicyBase{ID: "pol1", Name: "by_condition", EffectMode: "ANY", Conditions: conditions, BackendParams: params[:1], AuthorizerID: "auth2"},
			URLDomain: "alt.example.com", ReqProtocol: "HTTP", ReqMethod: "POST", ReqURI: "/alt/{id}", Timeout: 3000, RetryCount: ptr("-1"),
			EnableClientSSL: &yes, EnableSMChannel: &yes, VPCChannelStatus: 2},
		{PolicyBase: model.PolicyBase{ID: "pol2", Name: "by_channel", EffectMode: "ALL", Conditions: conditions[1:2]},
			ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/vpc", Timeout: 2000, VPCChannelStatus: 1,
			VPCChannelInfo: &model.VPCInfo{VPCChannelID: "vpc1", VPCChannelProxyHost: "inner.example.com", CascadeFlag: &no}},
	}
	web.RunEnvID, web.RunEnvName, web.PublishID, web.PublishTime = model.DefaultEnvID+"|"+test, "RELEASE|TEST", "pub1|pub2",
		"2026-01-03T00:00:00Z|2026-01-04T00:00:00Z"

	vpc := common("5eed00000000000000000000000000a2", "create_item", "POST", "/items")
	vpc.AuthType, vpc.AuthorizerID = "AUTHORIZER", "auth1"
	vpc.BackendType = "HTTP"
	vpc.BackendAPI = &model.WebBackend{ReqProtocol: "HTTP", ReqMethod: "POST", ReqURI: "/b/items", Timeout: 8000, VPCChannelStatus: 1,
		VPCChannelInfo: &model.VPCInfo{VPCChannelID: "vpc1", VPCChannelProxyHost: "items.internal", CascadeFlag: &yes}}

	fn := common("5eed00000000000000000000000000a3", "put_item", "PUT", "/items/{id}")
	fn.AuthType, fn.BackendType = "IAM", "FUNCTION"
	fn.ReqParams = reqParams[:1]
	fn.FuncInfo = &model.FunctionBackend{ID: "fn1", FunctionURN: urn + "put", InvocationType: "sync", NetworkType: "V2", Version: "latest",
		AliasURN: urn + "put:!prod", ReqProtocol: "HTTPS", Timeout: 10000, AuthorizerID: "auth2", Remark: "function"}
	fn.PolicyFunctions = []model.PolicyFunction{{PolicyBase: model.PolicyBase{Name: "async_put", EffectMode: "ALL", Conditions: conditions[:1]},
		FunctionURN: urn + "put_async", InvocationType: "async", NetworkType: "V1", Version: "2", AliasURN: urn + "put_async:!a", ReqProtocol: "HTTPS", Timeout: 9000}}

	mock := common("5eed00000000000000000000000000a4", "raw", "ANY", "/raw/{path+}")
	mock.AuthType, mock.BackendType, mock.MatchMode = "NONE", "MOCK", "SWA"
	mock.ReqParams = []model.ReqParam{{Name: "path", Type: "STRING", Location: "PATH"}}
	mock.MockInfo = &model.MockBackend{ID: "m1", ResultContent: `{"mock":true}`, Version: "1", AuthorizerID: "auth2", Remark: "mock",
		StatusCode: 200, Header: `[{"key":"X-Mock","value":"1"}]`}
	mock.PolicyMocks = []model.PolicyMock{{PolicyBase: model.PolicyBase{Name: "mock_alt", EffectMode: "ANY", Conditions: conditions[1:2]},
		ResultContent: `{"alt":true}`}}
	snapshot := mock
	snapshot.Remark = "as published"

	one := int64(50)
	return &model.Bundle{
		Groups: []model.Group{{ID: g, Name: "seed_group", Remark: "Every object of the model.", Status: 1,
			SLDomain: "5eed.apic.example.com", SLDomains: []string{"5eed.apic.example.com"},
			URLDomains: []model.URLDomain{{ID: "d1", Domain: "api.example.com", CnameStatus: 3, SSLID: "ssl1", SSLName: "cert", MinSSLVersion: "TLSv1.2"}},
			Version:    "V1", RomaAppID: "app1", RegisterTime: "2026-01-01T00:00:00Z", UpdateTime: "2026-01-02T00:00:00Z"}},
		APIs: []model.API{web, vpc, fn, mock},
		Envs: []model.Env{{ID: model.DefaultEnvID, Name: model.DefaultEnvName, Remark: "release", CreateTime: "2026-01-01T00:00:00Z"},
			{ID: test, Name: "TEST", Remark: "test"}},
		Variables:   []model.Variable{{ID: "var1", EnvID: model.DefaultEnvID, GroupID: g, VariableName: "host", VariableValue: "backend.example.com"}},
		VPCChannels: []model.VPCChannel{{ID: "vpc1", Name: "seed_channel", Port: 8080, BalanceStrategy: 1, MemberType: "ip", Type: 2}},
		Throttles: []model.Throttle{{ID: "thr1", Name: "seed_limit", APICallLimits: 100, UserCallLimits: &one, AppCallLimits: &one, IPCallLimits: &one,
			TimeInterval: 1, TimeUnit: "MINUTE", Type: 2, Remark: "limit"}},
		ThrottleSpecials: []model.ThrottleSpecial{{ID: "sp1", ThrottleID: "thr1", CallLimits: 200, ObjectID: "app42", ObjectType: "APP", ObjectName: "app"}},
		ACLs:             []model.ACL{{ID: "acl1", ACLName: "seed_acl", ACLType: "PERMIT", EntityType: "IP", ACLValue: "10.0.0.0/8"}},
		Authorizers: []model.Authorizer{
			{ID: "auth1", Name: "seed_auth", Type: "FRONTEND", AuthorizerType: "FUNC", AuthorizerURI: urn + "auth", NetworkType: "V2",
				AuthorizerVersion: "1", AuthorizerAliasURI: urn + "auth:!a", Identities: []model.Identity{{Name: "Authorization", Location: "HEADER", Validation: "^Bearer "}},
				TTL: 60, UserData: "data", NeedBody: true, AuthDowngradeEnabled: &no, RetryAttempts: ptr(2), Timeout: ptr(3000)},
			{ID: "auth2", Name: "seed_backend_auth", Type: "BACKEND", AuthorizerType: "FUNC", AuthorizerURI: urn + "backend_auth"},
		},
		Responses: []model.GatewayResponse{{ID: "resp1", GroupID: g, Name: "seed_responses", Default: false,
			Responses: map[string]model.ErrorResponse{"THROTTLED": {Status: 429, Body: `{"error":"slow down"}`,
				Headers: []model.ResponseHeader{{Key: "Retry-After", Value: "1"}}, Default: false}}}},
		Plugins:        []model.Plugin{{PluginID: "plug1", PluginName: "seed_plugin", PluginType: "cors", PluginScope: "global", PluginContent: "{}", Remark: "cors"}},
		Orchestrations: []model.Orchestration{{OrchestrationID: "orch1", OrchestrationName: "seed_orchestration", OrchestrationStrategy: "list"}},
		Publications: []model.Publication{
			{APIID: vpc.ID, EnvID: model.DefaultEnvID, PublishID: "pub3", PublishTime: "2026-01-05T00:00:00Z", VersionID: "ver3"},
			{APIID: fn.ID, EnvID: model.DefaultEnvID},
			{APIID: mock.ID, EnvID: model.DefaultEnvID, PublishID: "pub4", VersionID: "ver4", API: &snapshot},
		},
		ThrottleBindings: []model.ThrottleBinding{{APIID: web.ID, EnvID: model.DefaultEnvID, ThrottleID: "thr1"}},
		ACLBindings:      []model.ACLBinding{{APIID: web.ID, EnvID: model.DefaultEnvID, ACLID: "acl1"}},
		PluginBindings:   []model.PluginBinding{{APIID: web.ID, EnvID: model.DefaultEnvID, PluginID: "plug1"}},
	}
}
