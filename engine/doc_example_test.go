package engine_test

import (
	"fmt"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
)

func ExampleExport() {
	bundle := []byte(`{
		"group": {"id": "g1", "name": "pets", "sl_domain": "g1.apic.example.com"},
		"apis": [{
			"id": "a1", "group_id": "g1", "name": "GetPet", "type": 1,
			"req_protocol": "HTTPS", "req_method": "GET", "req_uri": "/pets/{id}",
			"auth_type": "NONE", "backend_type": "MOCK", "mock_info": {"result_content": "{}"},
			"req_params": [{"name": "id", "type": "NUMBER", "location": "PATH", "default_value": "1"}],
			"run_env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"
		}]
	}`)
	b, err := model.Load([]model.File{{Name: "pets.json", Data: bundle}}, model.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := engine.Export(b, engine.Request{GroupID: "g1", EnvID: model.DefaultEnvID, Define: "proxy", Type: "yaml"},
		engine.Options{Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.FileName)
	fmt.Print(string(res.Body))
	// Output:
	// pets-RELEASE-proxy-2026-01-02-03_04_05.yaml
	// swagger: '2.0'
	// info:
	//   title: pets
	//   version: '2026-01-02-03:04:05'
	// host: g1.apic.example.com
	// paths:
	//   /pets/{id}:
	//     get:
	//       schemes:
	//         - https
	//       operationId: GetPet
	//       parameters:
	//         - type: number
	//           default: 1
	//           name: id
	//           in: path
	//           required: true
	//       responses:
	//         default:
	//           $ref: '#/responses/default'
	//         x-apigateway-result-failure-sample: ''
	//         x-apigateway-result-normal-sample: ''
	//       x-apigateway-backend:
	//         mockEndpoints:
	//           description: ''
	//           result-content: '{}'
	//         type: MOCK
	//       x-apigateway-cors: false
	//       x-apigateway-match-mode: NORMAL
	//       x-apigateway-request-type: public
	// responses:
	//   default:
	//     description: response example
	// securityDefinitions:
	//   apig-auth-app:
	//     type: apiKey
	//     name: Authorization
	//     in: header
	//     x-apigateway-auth-type: AppSigv1
	//   apig-auth-app-header:
	//     type: apiKey
	//     name: Authorization
	//     in: header
	//     x-apigateway-auth-opt:
	//       appcode-auth-type: header
	//     x-apigateway-auth-type: AppSigv1
	//   apig-auth-iam:
	//     type: apiKey
	//     name: unused
	//     in: header
	//     x-apigateway-auth-type: IAM
	// x-apigateway-responses: {}
}

func ExampleExport_error() {
	b, _ := model.Load([]model.File{{Name: "empty.json", Data: []byte(`{"group": {"id": "g1", "name": "pets"}}`)}}, model.LoadOptions{})
	_, err := engine.Export(b, engine.Request{GroupID: "g1", Define: "all"}, engine.Options{})
	if e, ok := err.(*engine.Error); ok {
		fmt.Println(e.Status, e.Code)
		fmt.Println(e.Message)
	}
	// Output:
	// 400 APIG.2001
	// The request parameters must be specified,parameterName:env_id. Please refer to the support documentation
}

func ExampleValidate() {
	doc := []byte("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      responses: {default: {description: d}}\n")
	findings, err := engine.Validate(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	// Output:
	// error path-param-undeclared /paths/~1a~1{id}: path parameter {id} has no parameter definition
}
