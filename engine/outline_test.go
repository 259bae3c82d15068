package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestOutlineSample: the sample's document lists each operation with its
// authentication, backend and policies, the same from JSON and YAML, and
// from Swagger 2.0 and OpenAPI 3.0, each checked as its own version (no
// finding on any).
func TestOutlineSample(t *testing.T) {
	var rows []string
	for _, name := range []string{"sample-all.json", "sample-all.yaml", "sample-all.oas3.json", "sample-all.oas3.yaml"} {
		doc, err := os.ReadFile(filepath.Join("..", "testdata", "golden", name))
		if err != nil {
			t.Fatal(err)
		}
		o, err := engine.OutlineOf(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(o.Findings) != 0 || len(o.Other) != 0 {
			t.Errorf("%s: findings %v", name, o.Findings)
		}
		var got []string
		for _, op := range o.Operations {
			got = append(got, fmt.Sprintf("%s %s %s auth=%s backend=%s throttle=%s acl=%s at %s",
				op.Method, op.Path, op.Name, op.Auth, op.Backend, op.Throttle, op.ACL, op.Pointer))
		}
		if rows == nil {
			rows = got
		} else if !reflect.DeepEqual(rows, got) {
			t.Errorf("%s: outline differs from sample-all.json's:\n%s\n---\n%s", name, strings.Join(rows, "\n"), strings.Join(got, "\n"))
		}
	}
	want := []string{
		"POST /echo EchoPost auth=NONE backend=MOCK throttle= acl= at /paths/~1echo/post",
		"ANY /echo Echo auth=NONE backend=MOCK throttle= acl= at /paths/~1echo/x-apigateway-any-method",
		"ANY /files/{path+} Files auth=APP backend=HTTP-VPC throttle= acl= at /paths/~1files~1{path+}/x-apigateway-any-method",
		"GET /health HealthCheck auth=NONE backend=MOCK throttle= acl= at /paths/~1health/get",
		"POST /orders CreateOrder auth=IAM backend=FUNCTION throttle=orders_limit acl=block_abusers at /paths/~1orders/post",
		"GET /orders/{order_id} GetOrder auth=AUTHORIZER: shop_token_auth backend=HTTP throttle=orders_limit acl=block_abusers at /paths/~1orders~1{order_id}/get",
		"GET /products ListProducts auth=APP backend=HTTP throttle=catalogue_limit acl= at /paths/~1products/get",
		"GET /products/{product_id} GetProduct auth=APP+AppCode backend=HTTP-VPC throttle= acl= at /paths/~1products~1{product_id}/get",
		"PUT /products/{product_id} UpdateProduct auth=APP backend=HTTP throttle= acl=partners_only at /paths/~1products~1{product_id}/put",
		"GET /search SearchProducts auth=NONE backend=FUNCTION throttle=catalogue_limit acl= at /paths/~1search/get",
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestOutlineFindings: each finding shows on the row of the operation it
// concerns; one on a Path Item on each of its operations; the rest apart.
func TestOutlineFindings(t *testing.T) {
	doc := `swagger: '2.0'
info: {title: t, version: '1'}
x-apigateway-colour: red
paths:
  /a:
    x-apigateway-shade: dark
    get: {responses: {default: {description: d}}, x-apigateway-colour: blue}
    x-apigateway-any-method: {responses: {default: {description: d}}, x-apigateway-ratelimit: nope}
  /b:
    get: {responses: {default: {description: d}}, security: [{mine: []}]}
securityDefinitions:
  mine: {type: apiKey, name: k, in: header, x-apigateway-auth-type: AppSigv1}
`
	o, err := engine.OutlineOf([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	codes := func(idx []int) string {
		var cs []string
		for _, i := range idx {
			cs = append(cs, o.Findings[i].Code+" "+o.Findings[i].Path)
		}
		return strings.Join(cs, ", ")
	}
	var got []string
	for _, op := range o.Operations {
		got = append(got, fmt.Sprintf("%s %s auth=%s: %s", op.Method, op.Path, op.Auth, codes(op.Findings)))
	}
	got = append(got, "other: "+codes(o.Other))
	want := []string{
		"GET /a auth=NONE: apig-unknown-extension /paths/~1a/get/x-apigateway-colour, apig-unknown-extension /paths/~1a/x-apigateway-shade",
		"ANY /a auth=NONE: apig-ratelimit-undefined /paths/~1a/x-apigateway-any-method/x-apigateway-ratelimit, apig-unknown-extension /paths/~1a/x-apigateway-shade",
		"GET /b auth=AppSigv1: mine: ",
		"other: apig-unknown-extension /x-apigateway-colour",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOutlineUnreadable: a document that cannot be read is an error, as
// for Validate.
func TestOutlineUnreadable(t *testing.T) {
	for _, doc := range []string{"", "{", "a: [b"} {
		if o, err := engine.OutlineOf([]byte(doc)); err == nil {
			t.Errorf("%q: outline %+v, want an error", doc, o)
		}
	}
}
