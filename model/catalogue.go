package model

import "strconv"

// The catalogue describes every field of every object of the model as the
// gateway's reference documents it: whether the gateway may leave it out,
// the values and bounds it documents, and which objects it names by ID.
// It is one table for three readers: the field docs in model.go mention
// every documented value of their row, the checks in check.go use the same
// lists, and model/bundlegen makes bundles from it with each optional field
// absent, null, zero and at each documented value. A test keeps it in step
// with the types: a field added to the model without a row fails.

// Object is the catalogue entry of one type of the model.
type Object struct {
	// Name is the Go type's name (API, WebBackend, ...).
	Name string
	// Embeds are the types whose fields the object has too
	// (PolicyHTTP embeds PolicyBase).
	Embeds []string
	// Fields are the object's own fields, in the type's order.
	Fields []Field
	// Ignored are the fields the reference documents that the model
	// does not hold (read-only, or not exported): strict decoding accepts
	// them, as it refuses only keys nobody documents.
	Ignored []string
}

// Field is one JSON field of an object.
type Field struct {
	// Key is the JSON key.
	Key string
	// Optional says the gateway may leave the field out or send null
	// (the model then holds the zero value).
	Optional bool
	// Cond says, when not empty, how the field's presence or value
	// depends on other fields: changing it alone may give a bundle the
	// gateway would not return. It starts with "required" when the field
	// may be left out only when other fields allow it.
	Cond string
	// Values are the documented values (string, int or bool), nil when
	// the reference documents none.
	Values []any
	// Bounds are the documented bounds of a number, nil when none.
	Bounds *Bounds
	// Link is the bundle list (groups, authorizers, ...) whose objects
	// the field names by ID.
	Link string
	// Object is the catalogue object of the field's value, or of its
	// elements for an array or map; "" for a scalar.
	Object string
}

// Bounds are the inclusive bounds of a number.
type Bounds struct{ Min, Max int64 }

// Catalogue lists the model's objects, the bundle first.
var Catalogue = []Object{
	{Name: "Bundle", Fields: []Field{
		list("groups", "Group"), list("apis", "API"), list("envs", "Env"), list("variables", "Variable"),
		list("vpc_channels", "VPCChannel"), list("throttles", "Throttle"), list("throttle_specials", "ThrottleSpecial"),
		list("acls", "ACL"), list("authorizers", "Authorizer"), list("responses", "GatewayResponse"),
		list("plugins", "Plugin"), list("orchestrations", "Orchestration"), list("publications", "Publication"),
		list("throttle_bindings", "ThrottleBinding"), list("acl_bindings", "ACLBinding"), list("plugin_bindings", "PluginBinding"),
	}},
	{Name: "Group", Fields: []Field{
		req("id"), req("name"), opt("remark"), opt("status").of(1, 2), opt("sl_domain"), opt("sl_domains"),
		opt("url_domains").obj("URLDomain"), opt("version").of("V1", "V2"), opt("roma_app_id"),
		opt("register_time"), opt("update_time"),
	}, Ignored: []string{"sl_domain_access_enabled", "on_sell_status", "call_limits", "time_interval", "time_unit", "is_default", "roma_app_name"}},
	{Name: "URLDomain", Fields: []Field{
		opt("id"), req("domain"), opt("cname_status").of(1, 2, 3, 4), opt("ssl_id"), opt("ssl_name"),
		opt("min_ssl_version").of("TLSv1.1", "TLSv1.2"),
	}, Ignored: []string{"verified_client_certificate_enabled", "is_has_trusted_root_ca", "ingress_http_port", "ingress_https_port", "ssl_infos", "is_http_redirect_to_https"}},
	{Name: "API", Fields: []Field{
		req("id"), req("group_id").link("groups"), opt("group_name"), opt("group_version").of("V1", "V2"),
		opt("arrange_necessary").of(1, 2), opt("roma_app_name"), req("name"), req("type").of(anys(APITypes)...),
		opt("version"), req("req_protocol").of(anys(FrontendProtocols)...),
		req("req_method").of(anys(Methods)...).when("APIs of a group differ in method, path or match mode"),
		req("req_uri"), req("auth_type").of(anys(AuthTypes)...).when("AUTHORIZER needs authorizer_id"),
		opt("auth_opt").obj("AuthOpt"), opt("cors").of(true, false),
		opt("match_mode").of(anys(MatchModes)...).when("APIs of a group differ in method, path or match mode"),
		req("backend_type").of(anys(BackendTypes)...).when("HTTP needs backend_api, FUNCTION func_info, MOCK mock_info, and each takes its own policies"),
		opt("remark"), opt("body_remark"), opt("result_normal_sample"), opt("result_failure_sample"),
		opt("authorizer_id").link("authorizers").when("required when auth_type is AUTHORIZER; names a FRONTEND authorizer"),
		opt("tags"), opt("tag"), opt("response_id").link("responses"), opt("roma_app_id"), opt("domain_name"),
		opt("content_type").of(anys(ContentTypes)...), opt("is_send_fg_body_base64").of(true, false),
		opt("mock_info").obj("MockBackend").when("required when backend_type is MOCK"),
		opt("func_info").obj("FunctionBackend").when("required when backend_type is FUNCTION"),
		opt("backend_api").obj("WebBackend").when("required when backend_type is HTTP"),
		opt("req_params").obj("ReqParam"), opt("backend_params").obj("BackendParam"),
		opt("policy_https").obj("PolicyHTTP").when("only with backend_type HTTP"),
		opt("policy_functions").obj("PolicyFunction").when("only with backend_type FUNCTION"),
		opt("policy_mocks").obj("PolicyMock").when("only with backend_type MOCK"),
		opt("run_env_id").link("envs").when("pipe-joined; publish_id and publish_time align with it"),
		opt("run_env_name"), opt("publish_id").when("aligned with run_env_id"), opt("publish_time").when("aligned with run_env_id"),
		opt("status").of(1, 2), opt("register_time"), opt("update_time"),
	}, Ignored: []string{"trace_enabled", "sampling_strategy", "sampling_param", "ld_api_id", "api_group_info", "sl_domain", "sl_domains", "version_id"}},
	{Name: "AuthOpt", Fields: []Field{opt("app_code_auth_type").of(anys(AppCodeAuthTypes)...)}},
	{Name: "ReqParam", Fields: []Field{
		opt("id"), req("name").when("unique per location"), req("type").of(anys(ParamTypes)...).when("NUMBER needs a numeric default and enumerations"),
		req("location").of(anys(ParamLocations)...).when("a name is unique per location"),
		opt("default_value").when("a number for NUMBER; within the enumerations and bounds when valid_enable is 1"),
		opt("sample_value"), opt("required").of(1, 2),
		opt("valid_enable").of(1, 2).when("1 applies the bounds and enumerations to the default"),
		opt("remark"), opt("enumerations").when("numbers for NUMBER; hold the default when valid_enable is 1"),
		opt("min_num").when("at most max_num"), opt("max_num").when("at least min_num"),
		opt("min_size").when("at most max_size"), opt("max_size").when("at least min_size"),
		opt("regular"), opt("json_schema"), opt("pass_through").of(1, 2), opt("orchestrations").link("orchestrations"),
	}},
	{Name: "BackendParam", Fields: []Field{
		opt("id"), req("name"), req("location").of(anys(BackendLocations)...), req("origin").of(anys(BackendOrigins)...),
		req("value"), opt("remark"), opt("req_param_id"),
	}},
	{Name: "WebBackend", Fields: []Field{
		opt("id"), opt("url_domain").when("required when the backend is direct (vpc_channel_status 2)"),
		req("req_protocol").of(anys(BackendProtocols)...), req("req_method").of(anys(Methods)...), req("req_uri"),
		opt("version"), opt("remark"), req("timeout").within(1, 600000), opt("enable_client_ssl").of(true, false),
		opt("retry_count").of(retryCounts()...), opt("enable_sm_channel").of(true, false), opt("authorizer_id").link("authorizers"),
		opt("vpc_channel_status").of(anys(Channels)...).when("1 needs vpc_channel_info, 2 url_domain"),
		opt("vpc_channel_info").obj("VPCInfo").when("required when vpc_channel_status is 1"),
	}, Ignored: []string{"member_group_url_infos", "status", "register_time", "update_time"}},
	{Name: "VPCInfo", Fields: []Field{
		req("vpc_channel_id").link("vpc_channels"), opt("vpc_channel_proxy_host"), opt("cascade_flag").of(true, false),
	}, Ignored: []string{"vpc_channel_port", "ecs_id", "ecs_name"}},
	{Name: "FunctionBackend", Fields: []Field{
		opt("id"), req("function_urn"), req("invocation_type").of(anys(InvocationTypes)...),
		opt("network_type").of(anys(NetworkTypes)...), opt("version"), opt("alias_urn"),
		opt("req_protocol").of(anys(FunctionProtocols)...), req("timeout").within(1, 600000),
		opt("authorizer_id").link("authorizers"), opt("remark"),
	}, Ignored: []string{"status", "register_time", "update_time"}},
	{Name: "MockBackend", Fields: []Field{
		opt("id"), opt("result_content"), opt("version"), opt("authorizer_id").link("authorizers"), opt("remark"),
		opt("status_code").of(anys(MockStatusCodes)...), opt("header"),
	}, Ignored: []string{"status", "register_time", "update_time"}},
	{Name: "PolicyBase", Fields: []Field{
		opt("id"), req("name"), req("effect_mode").of(anys(EffectModes)...), req("conditions").obj("Condition"),
		opt("backend_params").obj("BackendParam"), opt("authorizer_id").link("authorizers"),
	}},
	{Name: "PolicyHTTP", Embeds: []string{"PolicyBase"}, Fields: []Field{
		opt("url_domain").when("required when the backend is direct (vpc_channel_status 2)"),
		req("req_protocol").of(anys(BackendProtocols)...), req("req_method").of(anys(Methods)...), req("req_uri"),
		opt("timeout").within(1, 600000), opt("retry_count").of(retryCounts()...), opt("enable_client_ssl").of(true, false),
		opt("enable_sm_channel").of(true, false),
		opt("vpc_channel_status").of(anys(Channels)...).when("1 needs vpc_channel_info, 2 url_domain"),
		opt("vpc_channel_info").obj("VPCInfo").when("required when vpc_channel_status is 1"),
	}, Ignored: []string{"member_group_url_infos"}},
	{Name: "PolicyFunction", Embeds: []string{"PolicyBase"}, Fields: []Field{
		req("function_urn"), req("invocation_type").of(anys(InvocationTypes)...), opt("network_type").of(anys(NetworkTypes)...),
		opt("version"), opt("alias_urn"), opt("req_protocol").of(anys(FunctionProtocols)...), opt("timeout").within(1, 600000),
	}},
	{Name: "PolicyMock", Embeds: []string{"PolicyBase"}, Fields: []Field{opt("result_content")}},
	{Name: "Condition", Fields: []Field{
		opt("id"),
		req("condition_origin").of(anys(ConditionOrigins)...).when("param needs req_param_name, system sys_param_name, cookie cookie_param_name, frontend_authorizer frontend_authorizer_param_name"),
		opt("condition_type").of(anys(ConditionTypes)...).when("required but for origins source and orchestration"),
		req("condition_value"),
		opt("req_param_name").when("required when condition_origin is param"),
		opt("sys_param_name").of(anys(SysParamNames)...).when("required when condition_origin is system"),
		opt("cookie_param_name").when("required when condition_origin is cookie"),
		opt("frontend_authorizer_param_name").when("required when condition_origin is frontend_authorizer"),
		opt("req_param_id"), opt("req_param_location").of(anys(ParamLocations)...),
		opt("mapped_param_name"), opt("mapped_param_location").of(anys(MappedLocations)...),
	}},
	{Name: "Env", Fields: []Field{req("id"), req("name"), opt("remark"), opt("create_time")}},
	{Name: "Variable", Fields: []Field{
		req("id"), req("env_id").link("envs"), req("group_id").link("groups"), req("variable_name"), req("variable_value"),
	}},
	{Name: "VPCChannel", Fields: []Field{
		req("id"), req("name"), opt("port").within(1, 65535), opt("balance_strategy").of(1, 2, 3, 4),
		opt("member_type").of("ip", "ecs"), opt("type").of(2, 3),
	}, Ignored: []string{"vpc_channel_type", "dict_code", "status", "create_time", "member_groups", "members", "vpc_health_config", "microservice_info"}},
	{Name: "Throttle", Fields: []Field{
		req("id"), req("name"), req("api_call_limits").within(1, 2147483647),
		opt("user_call_limits").within(1, 2147483647), opt("app_call_limits").within(1, 2147483647),
		opt("ip_call_limits").within(1, 2147483647), req("time_interval").within(1, 2147483647),
		req("time_unit").of(anys(TimeUnits)...), opt("type").of(1, 2), opt("remark"),
	}, Ignored: []string{"enable_adaptive_control", "bind_num", "is_inclu_special_throttle", "create_time"}},
	{Name: "ThrottleSpecial", Fields: []Field{
		req("id"), req("throttle_id").link("throttles"), req("call_limits").within(1, 2147483647), req("object_id"),
		req("object_type").of(anys(SpecialTypes)...), opt("object_name"),
	}, Ignored: []string{"app_id", "app_name", "apply_time"}},
	{Name: "ACL", Fields: []Field{
		req("id"), req("acl_name"), req("acl_type").of(anys(ACLTypes)...), req("entity_type").of(anys(ACLEntityTypes)...), req("acl_value"),
	}, Ignored: []string{"bind_num", "update_time"}},
	{Name: "Authorizer", Fields: []Field{
		req("id"), req("name"), req("type").of(anys(AuthorizerKinds)...).when("APIs name FRONTEND authorizers"),
		req("authorizer_type").of(anys(AuthorizerTypes)...), req("authorizer_uri"), opt("network_type").of(anys(NetworkTypes)...),
		opt("authorizer_version"), opt("authorizer_alias_uri"), opt("identities").obj("Identity"), opt("ttl"),
		opt("user_data"), opt("need_body").of(true, false), opt("auth_downgrade_enabled").of(true, false),
		opt("retry_attempts").within(0, 10), opt("timeout"),
	}, Ignored: []string{"ld_api_id", "create_time", "roma_app_id", "roma_app_name"}},
	{Name: "Identity", Fields: []Field{req("name"), req("location").of(anys(IdentityLocations)...), opt("validation")}},
	{Name: "GatewayResponse", Fields: []Field{
		req("id"), req("group_id").link("groups"), req("name").when("unique in the group"), opt("default").of(true, false),
		opt("responses").obj("ErrorResponse"),
	}, Ignored: []string{"create_time", "update_time"}},
	{Name: "ErrorResponse", Fields: []Field{
		req("status").within(200, 599), req("body"), opt("headers").obj("ResponseHeader"), opt("default").of(true, false),
	}},
	{Name: "ResponseHeader", Fields: []Field{req("key"), req("value")}},
	{Name: "Plugin", Fields: []Field{
		req("plugin_id"), req("plugin_name"), opt("plugin_type").of(anys(PluginTypes)...), opt("plugin_scope").of("global"),
		opt("plugin_content"), opt("remark"),
	}, Ignored: []string{"create_time", "update_time"}},
	{Name: "Orchestration", Fields: []Field{
		req("orchestration_id"), req("orchestration_name"), opt("orchestration_strategy").of(anys(OrchestrationStrategies)...),
	}, Ignored: []string{"orchestration_mapped_param", "is_preprocessing", "orchestration_map", "create_time", "update_time"}},
	{Name: "Publication", Fields: []Field{
		req("api_id").link("apis").when("one publication per API and environment; api.id matches it"),
		req("env_id").link("envs").when("one publication per API and environment"),
		opt("publish_id"), opt("publish_time"), opt("version_id"), opt("api").obj("API"),
	}},
	{Name: "ThrottleBinding", Fields: []Field{req("api_id").link("apis"), req("env_id").link("envs"), req("throttle_id").link("throttles")}},
	{Name: "ACLBinding", Fields: []Field{req("api_id").link("apis"), req("env_id").link("envs"), req("acl_id").link("acls")}},
	{Name: "PluginBinding", Fields: []Field{req("api_id").link("apis"), req("env_id").link("envs"), req("plugin_id").link("plugins")}},
}

// CatalogueObject returns the catalogue entry of the type name, or nil.
func CatalogueObject(name string) *Object {
	for i := range Catalogue {
		if Catalogue[i].Name == name {
			return &Catalogue[i]
		}
	}
	return nil
}

// AllFields returns the object's fields, those of the types it embeds
// first, as encoding/json sees them.
func (o *Object) AllFields() []Field {
	var out []Field
	for _, e := range o.Embeds {
		out = append(out, CatalogueObject(e).AllFields()...)
	}
	return append(out, o.Fields...)
}

func req(key string) Field { return Field{Key: key} }
func opt(key string) Field { return Field{Key: key, Optional: true} }

// list is a bundle list: the bundle may leave it out, but other lists'
// objects may name its objects.
func list(key, object string) Field {
	return Field{Key: key, Optional: true, Object: object, Cond: "required when other lists name its objects"}
}

func (f Field) of(values ...any) Field    { f.Values = values; return f }
func (f Field) within(lo, hi int64) Field { f.Bounds = &Bounds{lo, hi}; return f }
func (f Field) link(list string) Field    { f.Link = list; return f }
func (f Field) obj(name string) Field     { f.Object = name; return f }
func (f Field) when(cond string) Field    { f.Cond = cond; return f }

func anys[T any](values []T) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// retryCounts are the documented retry_count values, "-1" to "10".
func retryCounts() []any {
	var out []any
	for n := -1; n <= 10; n++ {
		out = append(out, strconv.Itoa(n))
	}
	return out
}
