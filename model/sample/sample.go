// Package sample embeds the built-in sample bundle: one realistic API group,
// "shop_api", whose APIs together use every backend type, every
// authentication type, ANY and {path+}, backend policies, throttles, ACLs,
// a custom authorizer, gateway responses, environment variables, two
// environments and an unpublished draft. It lives here rather than in
// testdata/ because go:embed cannot reach outside a package's directory.
package sample

import _ "embed"

// Name is the file name errors use for the sample.
const Name = "sample:shop_api.json"

// Bundle is the sample bundle as JSON.
//
//go:embed bundle.json
var Bundle []byte
