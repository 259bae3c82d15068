// Package model holds the gateway's own JSON model of an API group: the
// objects that Huawei Cloud API Gateway (APIG) and ROMA Connect return from
// their REST APIs, with the same snake_case JSON keys, gathered into one
// [Bundle].
//
// The package is data. Its types carry no behaviour beyond small lookups;
// [Load] decodes and merges bundle files and checks what the export relies
// on (enumerations, numbers, references), reporting the file, the JSON path
// and what was expected. It does no I/O of its own: callers pass the bytes.
//
// Field meanings and allowed values follow the gateway's documentation, as
// docs/reference.md §1 in the repository lists them with their sources;
// [Catalogue] holds them as data (which fields are optional, their
// documented values and bounds, which name other objects), and each
// field's doc below mentions its documented values. Read-only fields that
// the export never uses are not modelled; they are tolerated on input
// unless strict decoding is asked for.
package model

// DefaultEnvID is the ID of the built-in RELEASE environment, which exists in
// every instance whether or not a bundle lists it.
const DefaultEnvID = "DEFAULT_ENVIRONMENT_RELEASE_ID"

// DefaultEnvName is the name of the built-in environment [DefaultEnvID].
const DefaultEnvName = "RELEASE"

// Bundle is the gateway's model of one or more API groups: the lists that the
// gateway's list responses return, under the same keys.
type Bundle struct {
	// Groups are the API groups (list API groups). A file may also give one
	// group under the key "group".
	Groups []Group `json:"groups,omitempty"`
	// APIs are the API definitions in their current (draft) state.
	APIs []API `json:"apis,omitempty"`
	// Envs are the environments. The RELEASE environment exists even when
	// it is not listed.
	Envs []Env `json:"envs,omitempty"`
	// Variables are environment variables, referenced as #name# in backend
	// addresses and paths.
	Variables []Variable `json:"variables,omitempty"`
	// VPCChannels are load-balance channels; the export names a channel by
	// its name.
	VPCChannels []VPCChannel `json:"vpc_channels,omitempty"`
	// Throttles are request throttling policies.
	Throttles []Throttle `json:"throttles,omitempty"`
	// ThrottleSpecials are the excluded (special) settings of throttles.
	ThrottleSpecials []ThrottleSpecial `json:"throttle_specials,omitempty"`
	// ACLs are access control policies.
	ACLs []ACL `json:"acls,omitempty"`
	// Authorizers are custom authorizers.
	Authorizers []Authorizer `json:"authorizers,omitempty"`
	// Responses are the gateway responses of groups.
	Responses []GatewayResponse `json:"responses,omitempty"`
	// Plugins are plugins that may be bound to APIs.
	Plugins []Plugin `json:"plugins,omitempty"`
	// Orchestrations are parameter orchestration rules, which request
	// parameters reference by ID and the export names by name. (An addition
	// to the contract's list: without it orchestration IDs cannot be named.)
	Orchestrations []Orchestration `json:"orchestrations,omitempty"`
	// Publications say where each API is published and, optionally, which
	// definition was published there.
	Publications []Publication `json:"publications,omitempty"`
	// ThrottleBindings bind throttles to APIs in an environment.
	ThrottleBindings []ThrottleBinding `json:"throttle_bindings,omitempty"`
	// ACLBindings bind ACL policies to APIs in an environment.
	ACLBindings []ACLBinding `json:"acl_bindings,omitempty"`
	// PluginBindings bind plugins to APIs in an environment.
	PluginBindings []PluginBinding `json:"plugin_bindings,omitempty"`
}

// Group is an API group (ApiGroupInfo).
type Group struct {
	// ID is the group ID.
	ID string `json:"id"`
	// Name is the group name (3–255 characters); it becomes info.title.
	Name string `json:"name"`
	// Remark is the description (at most 1,000 characters); it becomes
	// info.description when not empty.
	Remark string `json:"remark,omitempty"`
	// Status is 1 (valid); ROMA also knows 2 (locked). Not exported.
	Status int `json:"status,omitempty"`
	// SLDomain is the group's automatically assigned subdomain, the host
	// of the export when no independent domain is bound.
	SLDomain string `json:"sl_domain,omitempty"`
	// SLDomains are all automatically assigned subdomains. Not exported.
	SLDomains []string `json:"sl_domains,omitempty"`
	// URLDomains are the bound independent domains; the first one is the
	// host of the export.
	URLDomains []URLDomain `json:"url_domains,omitempty"`
	// Version is V1 (global) or V2 (app-level). Not exported.
	Version string `json:"version,omitempty"`
	// RomaAppID is the ROMA integration application owning the group.
	RomaAppID string `json:"roma_app_id,omitempty"`
	// RegisterTime is when the group was created. Not exported.
	RegisterTime string `json:"register_time,omitempty"`
	// UpdateTime is when the group last changed. Not exported.
	UpdateTime string `json:"update_time,omitempty"`
}

// URLDomain is an independent domain bound to a group.
type URLDomain struct {
	// ID is the domain binding ID.
	ID string `json:"id,omitempty"`
	// Domain is the domain name.
	Domain string `json:"domain"`
	// CnameStatus is 1 not resolved, 2 resolving, 3 resolved, 4 failed.
	CnameStatus int `json:"cname_status,omitempty"`
	// SSLID is the ID of the bound certificate.
	SSLID string `json:"ssl_id,omitempty"`
	// SSLName is the name of the bound certificate.
	SSLName string `json:"ssl_name,omitempty"`
	// MinSSLVersion is TLSv1.1 (default) or TLSv1.2.
	MinSSLVersion string `json:"min_ssl_version,omitempty"`
}

// API is an API definition (ApiInfo / ShowDetailsOfApiV2Response).
type API struct {
	// ID is the API ID.
	ID string `json:"id"`
	// GroupID is the owning API group.
	GroupID string `json:"group_id"`
	// GroupName is the owning group's name (read-only). Not exported.
	GroupName string `json:"group_name,omitempty"`
	// GroupVersion is the owning group's version, V1 (the default) or V2
	// (read-only). Not exported.
	GroupVersion string `json:"group_version,omitempty"`
	// ArrangeNecessary is 1 when orchestration is needed, 2 when not
	// (read-only). Not exported.
	ArrangeNecessary int `json:"arrange_necessary,omitempty"`
	// RomaAppName is the ROMA integration application's name (read-only).
	// Not exported.
	RomaAppName string `json:"roma_app_name,omitempty"`
	// Name is the API name; it becomes the operationId.
	Name string `json:"name"`
	// Type is 1 (public) or 2 (private): x-apigateway-request-type.
	Type int `json:"type"`
	// Version is the API's own version string. Not exported.
	Version string `json:"version,omitempty"`
	// ReqProtocol is HTTP, HTTPS, BOTH (or GRPCS on APIG): the schemes.
	ReqProtocol string `json:"req_protocol"`
	// ReqMethod is GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS or ANY.
	ReqMethod string `json:"req_method"`
	// ReqURI is the frontend path; {name} declares a path parameter and
	// {name+} a prefix capture.
	ReqURI string `json:"req_uri"`
	// AuthType is NONE, APP, IAM or AUTHORIZER.
	AuthType string `json:"auth_type"`
	// AuthOpt holds the AppCode option of APP authentication.
	AuthOpt *AuthOpt `json:"auth_opt,omitempty"`
	// CORS enables cross-origin requests: x-apigateway-cors.
	CORS bool `json:"cors"`
	// MatchMode is NORMAL (exact, the default) or SWA (prefix).
	MatchMode string `json:"match_mode,omitempty"`
	// BackendType is HTTP, FUNCTION or MOCK (GRPC on APIG is not exported).
	BackendType string `json:"backend_type"`
	// Remark is the description: the operation's description.
	Remark string `json:"remark,omitempty"`
	// BodyRemark describes the request body. Not exported: Swagger body
	// parameters are not supported by the gateway.
	BodyRemark string `json:"body_remark,omitempty"`
	// ResultNormalSample is a sample success response.
	ResultNormalSample string `json:"result_normal_sample,omitempty"`
	// ResultFailureSample is a sample failure response.
	ResultFailureSample string `json:"result_failure_sample,omitempty"`
	// AuthorizerID is the frontend custom authorizer (AuthType AUTHORIZER).
	AuthorizerID string `json:"authorizer_id,omitempty"`
	// Tags are the API's tags: the operation's tags.
	Tags []string `json:"tags,omitempty"`
	// Tag is the deprecated single tag. Not exported.
	Tag string `json:"tag,omitempty"`
	// ResponseID names a gateway response of the group (APIG).
	ResponseID string `json:"response_id,omitempty"`
	// RomaAppID is the ROMA integration application. Not exported.
	RomaAppID string `json:"roma_app_id,omitempty"`
	// DomainName is a ROMA custom domain bound to the API. Not exported.
	DomainName string `json:"domain_name,omitempty"`
	// ContentType is application/json, application/xml,
	// multipart/form-data or text/plain: x-apigateway-content-type.
	ContentType string `json:"content_type,omitempty"`
	// IsSendFgBodyBase64 says whether the body is Base64-encoded for
	// FunctionGraph (APIG); exported only when present.
	IsSendFgBodyBase64 *bool `json:"is_send_fg_body_base64,omitempty"`
	// MockInfo is the MOCK backend.
	MockInfo *MockBackend `json:"mock_info,omitempty"`
	// FuncInfo is the FUNCTION backend.
	FuncInfo *FunctionBackend `json:"func_info,omitempty"`
	// BackendAPI is the HTTP (or HTTP-VPC) backend.
	BackendAPI *WebBackend `json:"backend_api,omitempty"`
	// ReqParams are the frontend request parameters.
	ReqParams []ReqParam `json:"req_params,omitempty"`
	// BackendParams are the backend parameters of the default backend.
	BackendParams []BackendParam `json:"backend_params,omitempty"`
	// PolicyHTTPs are HTTP and HTTP-VPC backend policies.
	PolicyHTTPs []PolicyHTTP `json:"policy_https,omitempty"`
	// PolicyFunctions are FUNCTION backend policies.
	PolicyFunctions []PolicyFunction `json:"policy_functions,omitempty"`
	// PolicyMocks are MOCK backend policies.
	PolicyMocks []PolicyMock `json:"policy_mocks,omitempty"`
	// RunEnvID lists the environments where the API is published,
	// pipe-joined ("id1|id2").
	RunEnvID string `json:"run_env_id,omitempty"`
	// RunEnvName lists their names, pipe-joined. Informative only.
	RunEnvName string `json:"run_env_name,omitempty"`
	// PublishID lists the publication record IDs, pipe-joined, one per
	// element of RunEnvID.
	PublishID string `json:"publish_id,omitempty"`
	// PublishTime lists the publication times, pipe-joined.
	PublishTime string `json:"publish_time,omitempty"`
	// Status is 1 (valid); ROMA also knows 2 (locked). Not exported.
	Status int `json:"status,omitempty"`
	// RegisterTime is when the API was created. Not exported.
	RegisterTime string `json:"register_time,omitempty"`
	// UpdateTime is when the API last changed. Not exported.
	UpdateTime string `json:"update_time,omitempty"`
}

// AuthOpt is the AppCode option of APP authentication.
type AuthOpt struct {
	// AppCodeAuthType is DISABLE (the default) or HEADER.
	AppCodeAuthType string `json:"app_code_auth_type,omitempty"`
}

// ReqParam is a frontend request parameter.
type ReqParam struct {
	// ID is the parameter ID.
	ID string `json:"id,omitempty"`
	// Name is the parameter name (for a {name+} path capture, the name
	// without the plus).
	Name string `json:"name"`
	// Type is STRING or NUMBER.
	Type string `json:"type"`
	// Location is PATH, QUERY or HEADER (COOKIE on APIG cannot be
	// expressed in Swagger 2.0 and is rejected by the export).
	Location string `json:"location"`
	// DefaultValue is the default, as text; a NUMBER default must be a
	// number.
	DefaultValue string `json:"default_value,omitempty"`
	// SampleValue is an example value: x-apigateway-sample.
	SampleValue string `json:"sample_value,omitempty"`
	// Required is 1 (yes) or 2 (no); absent means yes for PATH, no
	// otherwise.
	Required int `json:"required,omitempty"`
	// ValidEnable is 1 when the validations below apply, 2 (the default)
	// when they do not; only enabled validations are exported.
	ValidEnable int `json:"valid_enable,omitempty"`
	// Remark is the description.
	Remark string `json:"remark,omitempty"`
	// Enumerations are the allowed values, comma-separated.
	Enumerations string `json:"enumerations,omitempty"`
	// MinNum is the minimum of a NUMBER (0 means none).
	MinNum int64 `json:"min_num,omitempty"`
	// MaxNum is the maximum of a NUMBER (0 means none).
	MaxNum int64 `json:"max_num,omitempty"`
	// MinSize is the minimum length of a STRING (0 means none).
	MinSize int64 `json:"min_size,omitempty"`
	// MaxSize is the maximum length of a STRING (0 means none).
	MaxSize int64 `json:"max_size,omitempty"`
	// Regular is a regular expression; the gateway does not support it
	// and the export does not carry it.
	Regular string `json:"regular,omitempty"`
	// JSONSchema is not supported by the gateway and not exported.
	JSONSchema string `json:"json_schema,omitempty"`
	// PassThrough is 1 (pass the parameter to the backend) or 2 (do not):
	// x-apigateway-pass-through always/never.
	PassThrough int `json:"pass_through,omitempty"`
	// Orchestrations are orchestration rule IDs in priority order (APIG).
	Orchestrations []string `json:"orchestrations,omitempty"`
}

// BackendParam is a parameter sent to the backend.
type BackendParam struct {
	// ID is the parameter ID.
	ID string `json:"id,omitempty"`
	// Name is the backend parameter name.
	Name string `json:"name"`
	// Location is PATH, QUERY or HEADER.
	Location string `json:"location"`
	// Origin is REQUEST, CONSTANT or SYSTEM.
	Origin string `json:"origin"`
	// Value is the request parameter name (REQUEST), the literal
	// (CONSTANT) or the $context variable (SYSTEM).
	Value string `json:"value"`
	// Remark is the description.
	Remark string `json:"remark,omitempty"`
	// ReqParamID is the request parameter that a REQUEST value maps.
	ReqParamID string `json:"req_param_id,omitempty"`
}

// WebBackend is an HTTP or HTTP-VPC backend (BackendApi).
type WebBackend struct {
	// ID is the backend ID.
	ID string `json:"id,omitempty"`
	// URLDomain is host[:port], possibly with #variables#; required
	// without a VPC channel.
	URLDomain string `json:"url_domain,omitempty"`
	// ReqProtocol is HTTP or HTTPS (APIG also GRPC and GRPCS, which the
	// export refuses: the extensions have no scheme for them).
	ReqProtocol string `json:"req_protocol"`
	// ReqMethod is GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS or ANY.
	ReqMethod string `json:"req_method"`
	// ReqURI is the backend path, possibly with {params} and #variables#.
	ReqURI string `json:"req_uri"`
	// Version is the backend version. Not exported.
	Version string `json:"version,omitempty"`
	// Remark is the description.
	Remark string `json:"remark,omitempty"`
	// Timeout is the backend timeout in milliseconds.
	Timeout int `json:"timeout"`
	// EnableClientSSL enables two-way TLS; exported when present.
	EnableClientSSL *bool `json:"enable_client_ssl,omitempty"`
	// RetryCount is "-1" … "10" (a string, as the gateway has it);
	// exported when present.
	RetryCount *string `json:"retry_count,omitempty"`
	// EnableSMChannel enables the SM cryptography channel (APIG):
	// enableSmChannel, exported when present.
	EnableSMChannel *bool `json:"enable_sm_channel,omitempty"`
	// AuthorizerID is the backend custom authorizer. Not exported.
	AuthorizerID string `json:"authorizer_id,omitempty"`
	// VPCChannelStatus is 1 (through a VPC channel), 2 (direct), 3 (a
	// livedata backend) or 4 (through a channel's member groups, APIG);
	// the export refuses 3 and 4. When it is left out, a backend with
	// VPCChannelInfo goes through the channel (see [WebBackend.Channel]).
	VPCChannelStatus int `json:"vpc_channel_status,omitempty"`
	// VPCChannelInfo is the channel, when VPCChannelStatus is 1.
	VPCChannelInfo *VPCInfo `json:"vpc_channel_info,omitempty"`
}

// VPCInfo names the VPC channel of a backend.
type VPCInfo struct {
	// VPCChannelID is the channel ID.
	VPCChannelID string `json:"vpc_channel_id"`
	// VPCChannelProxyHost is the Host header sent through the channel.
	VPCChannelProxyHost string `json:"vpc_channel_proxy_host,omitempty"`
	// CascadeFlag is the cascade flag; exported when present.
	CascadeFlag *bool `json:"cascade_flag,omitempty"`
}

// FunctionBackend is a FunctionGraph backend (ApiFunc).
type FunctionBackend struct {
	// ID is the backend ID.
	ID string `json:"id,omitempty"`
	// FunctionURN is the function URN.
	FunctionURN string `json:"function_urn"`
	// InvocationType is async or sync.
	InvocationType string `json:"invocation_type"`
	// NetworkType is V1 (non-VPC) or V2 (VPC).
	NetworkType string `json:"network_type,omitempty"`
	// Version is the function version.
	Version string `json:"version,omitempty"`
	// AliasURN is the function alias URN; it wins over Version.
	AliasURN string `json:"alias_urn,omitempty"`
	// ReqProtocol is HTTPS (the default) or GRPCS (APIG), how the
	// gateway calls the function; the export refuses GRPCS, which
	// functionEndpoints cannot carry.
	ReqProtocol string `json:"req_protocol,omitempty"`
	// Timeout is the backend timeout in milliseconds.
	Timeout int `json:"timeout"`
	// AuthorizerID is the backend custom authorizer. Not exported.
	AuthorizerID string `json:"authorizer_id,omitempty"`
	// Remark is the description.
	Remark string `json:"remark,omitempty"`
}

// MockBackend is a mock backend (ApiMock).
type MockBackend struct {
	// ID is the backend ID.
	ID string `json:"id,omitempty"`
	// ResultContent is the mocked response body.
	ResultContent string `json:"result_content,omitempty"`
	// Version is the mock version. Not exported.
	Version string `json:"version,omitempty"`
	// AuthorizerID is the backend custom authorizer. Not exported.
	AuthorizerID string `json:"authorizer_id,omitempty"`
	// Remark is the description.
	Remark string `json:"remark,omitempty"`
	// StatusCode is the mocked status (ROMA). Not exported: no extension
	// key is documented for it.
	StatusCode int `json:"status_code,omitempty"`
	// Header is the mocked headers as JSON text (ROMA). Not exported.
	Header string `json:"header,omitempty"`
}

// PolicyBase holds the fields every backend policy has.
type PolicyBase struct {
	// ID is the policy ID.
	ID string `json:"id,omitempty"`
	// Name is the policy name.
	Name string `json:"name"`
	// EffectMode is ALL or ANY: whether all or any condition must hold.
	EffectMode string `json:"effect_mode"`
	// Conditions select the requests the policy takes.
	Conditions []Condition `json:"conditions"`
	// BackendParams are the policy's backend parameters.
	BackendParams []BackendParam `json:"backend_params,omitempty"`
	// AuthorizerID is the backend custom authorizer. Not exported.
	AuthorizerID string `json:"authorizer_id,omitempty"`
}

// PolicyHTTP is an HTTP or HTTP-VPC backend policy.
type PolicyHTTP struct {
	PolicyBase
	// URLDomain is host[:port] without a VPC channel.
	URLDomain string `json:"url_domain,omitempty"`
	// ReqProtocol is HTTP or HTTPS (kept as written in the export); APIG
	// also GRPC and GRPCS, which the export refuses.
	ReqProtocol string `json:"req_protocol"`
	// ReqMethod is the backend method: GET, POST, PUT, DELETE, HEAD,
	// PATCH, OPTIONS or ANY.
	ReqMethod string `json:"req_method"`
	// ReqURI is the backend path.
	ReqURI string `json:"req_uri"`
	// Timeout is the backend timeout in milliseconds; 0 (left out) means
	// the gateway's default, and the export leaves it out too.
	Timeout int `json:"timeout"`
	// RetryCount is "-1" … "10"; exported when present.
	RetryCount *string `json:"retry_count,omitempty"`
	// EnableClientSSL enables two-way TLS; exported when present.
	EnableClientSSL *bool `json:"enable_client_ssl,omitempty"`
	// EnableSMChannel enables the SM cryptography channel (APIG);
	// exported when present.
	EnableSMChannel *bool `json:"enable_sm_channel,omitempty"`
	// VPCChannelStatus is 1 (VPC channel), 2 (direct), 3 (a livedata
	// backend) or 4 (a channel's member groups); the export refuses 3 and
	// 4. Left out, it follows VPCChannelInfo, as for [WebBackend].
	VPCChannelStatus int `json:"vpc_channel_status,omitempty"`
	// VPCChannelInfo is the channel, when VPCChannelStatus is 1.
	VPCChannelInfo *VPCInfo `json:"vpc_channel_info,omitempty"`
}

// PolicyFunction is a FUNCTION backend policy.
type PolicyFunction struct {
	PolicyBase
	// FunctionURN is the function URN.
	FunctionURN string `json:"function_urn"`
	// InvocationType is async or sync.
	InvocationType string `json:"invocation_type"`
	// NetworkType is V1 or V2.
	NetworkType string `json:"network_type,omitempty"`
	// Version is the function version.
	Version string `json:"version,omitempty"`
	// AliasURN is the function alias URN.
	AliasURN string `json:"alias_urn,omitempty"`
	// ReqProtocol is HTTPS (the default) or GRPCS, as for
	// [FunctionBackend].
	ReqProtocol string `json:"req_protocol,omitempty"`
	// Timeout is the backend timeout in milliseconds; 0 (left out) means
	// the gateway's default, and the export leaves it out too.
	Timeout int `json:"timeout"`
}

// PolicyMock is a MOCK backend policy.
type PolicyMock struct {
	PolicyBase
	// ResultContent is the mocked response body.
	ResultContent string `json:"result_content,omitempty"`
}

// Condition is a backend policy condition.
type Condition struct {
	// ID is the condition ID.
	ID string `json:"id,omitempty"`
	// ConditionOrigin is param, source (both gateways), system, cookie,
	// frontend_authorizer or orchestration (APIG).
	ConditionOrigin string `json:"condition_origin"`
	// ConditionType is exact, enum or pattern; empty for source.
	ConditionType string `json:"condition_type,omitempty"`
	// ConditionValue is the value, list, pattern or (source) CIDR list.
	ConditionValue string `json:"condition_value"`
	// ReqParamName is the request parameter tested (origin param).
	ReqParamName string `json:"req_param_name,omitempty"`
	// SysParamName is req_path or req_method (origin system); the
	// gateway also keeps the deprecated reqPath and reqMethod.
	SysParamName string `json:"sys_param_name,omitempty"`
	// CookieParamName is the cookie tested (origin cookie).
	CookieParamName string `json:"cookie_param_name,omitempty"`
	// FrontendAuthorizerParamName is the authorizer output tested
	// (origin frontend_authorizer).
	FrontendAuthorizerParamName string `json:"frontend_authorizer_param_name,omitempty"`
	// ReqParamID is the ID of the request parameter tested.
	ReqParamID string `json:"req_param_id,omitempty"`
	// ReqParamLocation is where that parameter is: PATH, QUERY, HEADER or
	// COOKIE.
	ReqParamLocation string `json:"req_param_location,omitempty"`
	// MappedParamName is the parameter an orchestration rule maps to
	// (origin orchestration).
	MappedParamName string `json:"mapped_param_name,omitempty"`
	// MappedParamLocation is where that parameter is: header or query.
	MappedParamLocation string `json:"mapped_param_location,omitempty"`
}

// Env is an environment.
type Env struct {
	// ID is the environment ID.
	ID string `json:"id"`
	// Name is the environment name; it appears in the export's file name.
	Name string `json:"name"`
	// Remark is the description. Not exported.
	Remark string `json:"remark,omitempty"`
	// CreateTime is when the environment was created. Not exported.
	CreateTime string `json:"create_time,omitempty"`
}

// Variable is an environment variable of a group in an environment.
type Variable struct {
	// ID is the variable ID.
	ID string `json:"id"`
	// EnvID is the environment the value applies in.
	EnvID string `json:"env_id"`
	// GroupID is the group the variable belongs to.
	GroupID string `json:"group_id"`
	// VariableName is the name, used as #name# (case-sensitive).
	VariableName string `json:"variable_name"`
	// VariableValue is the value substituted on publication.
	VariableValue string `json:"variable_value"`
}

// VPCChannel is a load-balance channel; the export uses its name.
type VPCChannel struct {
	// ID is the channel ID.
	ID string `json:"id"`
	// Name is the channel name: httpVpcEndpoints.name.
	Name string `json:"name"`
	// Port is the backend port. Not exported.
	Port int `json:"port,omitempty"`
	// BalanceStrategy is 1 wrr, 2 wleastconn, 3 source, 4 uri. Not
	// exported.
	BalanceStrategy int `json:"balance_strategy,omitempty"`
	// MemberType is ip or ecs. Not exported.
	MemberType string `json:"member_type,omitempty"`
	// Type is 2 (server) or 3 (microservice). Not exported.
	Type int `json:"type,omitempty"`
}

// Throttle is a request throttling policy.
type Throttle struct {
	// ID is the policy ID.
	ID string `json:"id"`
	// Name is the policy name: the key in x-apigateway-ratelimits.
	Name string `json:"name"`
	// APICallLimits is the limit on calls of an API: api-limit.
	APICallLimits int64 `json:"api_call_limits"`
	// UserCallLimits is the per-user limit: user-limit, when present.
	UserCallLimits *int64 `json:"user_call_limits,omitempty"`
	// AppCallLimits is the per-app limit: app-limit, when present.
	AppCallLimits *int64 `json:"app_call_limits,omitempty"`
	// IPCallLimits is the per-address limit: ip-limit, when present.
	IPCallLimits *int64 `json:"ip_call_limits,omitempty"`
	// TimeInterval is the length of the window, in TimeUnit: interval.
	TimeInterval int64 `json:"time_interval"`
	// TimeUnit is SECOND, MINUTE, HOUR or DAY: unit.
	TimeUnit string `json:"time_unit"`
	// Type is 1 (per API) or 2 (shared): shared is Type == 2.
	Type int `json:"type,omitempty"`
	// Remark is the description. Not exported.
	Remark string `json:"remark,omitempty"`
}

// ThrottleSpecial is an excluded (special) throttle setting.
type ThrottleSpecial struct {
	// ID is the setting ID.
	ID string `json:"id"`
	// ThrottleID is the throttle it belongs to.
	ThrottleID string `json:"throttle_id"`
	// CallLimits is the limit for this object: special[].limit.
	CallLimits int64 `json:"call_limits"`
	// ObjectID is the app or user ID: special[].instance.
	ObjectID string `json:"object_id"`
	// ObjectType is APP or USER: special[].type.
	ObjectType string `json:"object_type"`
	// ObjectName is the app or user name. Not exported.
	ObjectName string `json:"object_name,omitempty"`
}

// ACL is an access control policy.
type ACL struct {
	// ID is the policy ID.
	ID string `json:"id"`
	// ACLName is the name: the key in x-apigateway-access-controls.
	ACLName string `json:"acl_name"`
	// ACLType is PERMIT or DENY: acl-type.
	ACLType string `json:"acl_type"`
	// EntityType is IP, DOMAIN or DOMAIN_ID: entity-type.
	EntityType string `json:"entity_type"`
	// ACLValue is the comma-separated list: value.
	ACLValue string `json:"acl_value"`
}

// Authorizer is a custom authorizer.
type Authorizer struct {
	// ID is the authorizer ID.
	ID string `json:"id"`
	// Name is the name; the security scheme is apig-auth-custom-{name}.
	Name string `json:"name"`
	// Type is FRONTEND or BACKEND.
	Type string `json:"type"`
	// AuthorizerType is FUNC (ROMA also LD).
	AuthorizerType string `json:"authorizer_type"`
	// AuthorizerURI is the function URN.
	AuthorizerURI string `json:"authorizer_uri"`
	// NetworkType is V1 or V2.
	NetworkType string `json:"network_type,omitempty"`
	// AuthorizerVersion is the function version.
	AuthorizerVersion string `json:"authorizer_version,omitempty"`
	// AuthorizerAliasURI is the function alias URN.
	AuthorizerAliasURI string `json:"authorizer_alias_uri,omitempty"`
	// Identities are the identity sources.
	Identities []Identity `json:"identities,omitempty"`
	// TTL is the cache age in seconds.
	TTL int `json:"ttl,omitempty"`
	// UserData is passed to the function. Not exported.
	UserData string `json:"user_data,omitempty"`
	// NeedBody sends the request body to the function.
	NeedBody bool `json:"need_body,omitempty"`
	// AuthDowngradeEnabled enables relaxed mode; exported when present.
	AuthDowngradeEnabled *bool `json:"auth_downgrade_enabled,omitempty"`
	// RetryAttempts is 0–10; exported when present.
	RetryAttempts *int `json:"retry_attempts,omitempty"`
	// Timeout is the function timeout in ms; exported when present.
	Timeout *int `json:"timeout,omitempty"`
}

// Identity is an identity source of a custom authorizer.
type Identity struct {
	// Name is the parameter name.
	Name string `json:"name"`
	// Location is HEADER or QUERY.
	Location string `json:"location"`
	// Validation is a regular expression the value must match.
	Validation string `json:"validation,omitempty"`
}

// GatewayResponse is a gateway response of a group (ResponsesInfo).
type GatewayResponse struct {
	// ID is the response ID, which APIs reference as response_id.
	ID string `json:"id"`
	// GroupID is the group the response belongs to.
	GroupID string `json:"group_id"`
	// Name is the response name: the key in x-apigateway-responses.
	Name string `json:"name"`
	// Default is true for the group's default response.
	Default bool `json:"default,omitempty"`
	// Responses maps an error type (AUTH_FAILURE, ...) to its answer.
	Responses map[string]ErrorResponse `json:"responses,omitempty"`
}

// ErrorResponse is the answer of one error type.
type ErrorResponse struct {
	// Status is the HTTP status, 200–599.
	Status int `json:"status"`
	// Body is the body template.
	Body string `json:"body"`
	// Headers are headers added to the answer.
	Headers []ResponseHeader `json:"headers,omitempty"`
	// Default is true when the answer is the gateway's default; such
	// answers are not exported.
	Default bool `json:"default,omitempty"`
}

// ResponseHeader is a header of a gateway response.
type ResponseHeader struct {
	// Key is the header name.
	Key string `json:"key"`
	// Value is the header value.
	Value string `json:"value"`
}

// Plugin is a plugin (APIG).
type Plugin struct {
	// PluginID is the plugin ID.
	PluginID string `json:"plugin_id"`
	// PluginName is the name: x-apigateway-plugins lists it.
	PluginName string `json:"plugin_name"`
	// PluginType is cors, set_resp_headers, kafka_log, breaker,
	// rate_limit, third_auth, proxy_cache, proxy_mirror, oidc_auth or
	// jwt_auth.
	PluginType string `json:"plugin_type,omitempty"`
	// PluginScope is global.
	PluginScope string `json:"plugin_scope,omitempty"`
	// PluginContent is the configuration as JSON text. Not exported.
	PluginContent string `json:"plugin_content,omitempty"`
	// Remark is the description. Not exported.
	Remark string `json:"remark,omitempty"`
}

// Orchestration is a parameter orchestration rule (APIG).
type Orchestration struct {
	// OrchestrationID is the rule ID.
	OrchestrationID string `json:"orchestration_id"`
	// OrchestrationName is the name: x-apigateway-orchestrations lists it.
	OrchestrationName string `json:"orchestration_name"`
	// OrchestrationStrategy is list, hash, range, hash_range, none_value,
	// default, head_n or tail_n. Not exported.
	OrchestrationStrategy string `json:"orchestration_strategy,omitempty"`
}

// Publication says that an API is published in an environment.
type Publication struct {
	// APIID is the published API.
	APIID string `json:"api_id"`
	// EnvID is the environment.
	EnvID string `json:"env_id"`
	// PublishID is the publication record ID.
	PublishID string `json:"publish_id,omitempty"`
	// PublishTime is when it was published.
	PublishTime string `json:"publish_time,omitempty"`
	// VersionID is the version snapshot ID.
	VersionID string `json:"version_id,omitempty"`
	// API is the definition as published; nil means the current one.
	API *API `json:"api,omitempty"`
}

// ThrottleBinding binds a throttle to an API in an environment.
type ThrottleBinding struct {
	// APIID is the bound API.
	APIID string `json:"api_id"`
	// EnvID is the environment.
	EnvID string `json:"env_id"`
	// ThrottleID is the throttle.
	ThrottleID string `json:"throttle_id"`
}

// ACLBinding binds an ACL policy to an API in an environment.
type ACLBinding struct {
	// APIID is the bound API.
	APIID string `json:"api_id"`
	// EnvID is the environment.
	EnvID string `json:"env_id"`
	// ACLID is the policy.
	ACLID string `json:"acl_id"`
}

// PluginBinding binds a plugin to an API in an environment.
type PluginBinding struct {
	// APIID is the bound API.
	APIID string `json:"api_id"`
	// EnvID is the environment.
	EnvID string `json:"env_id"`
	// PluginID is the plugin.
	PluginID string `json:"plugin_id"`
}
