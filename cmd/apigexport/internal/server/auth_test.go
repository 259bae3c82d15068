package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The test vectors of the official SDK: huaweicloud-sdk-go-v3
// core/auth/signer/signer_test.go (v0.1.207), TestSigner_Sign and
// TestSigner_canonicalQueryString.
func TestSDKSignatureVectors(t *testing.T) {
	c, err := ParseCredentials("vectors.json", []byte(`{"principals": [{"name": "sdk",
		"access_keys": [{"ak": "AccessKey", "sk": "SecretKey"}], "projects": ["p"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a := newAuthenticator(c)
	at := time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)
	cases := []struct {
		name, method, query, body, contentType, auth string
	}{
		{"test1", "GET", "limit=1", "", "",
			"SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"},
		// The SDK's builder writes the body struct {Name: "test", Id: 1}
		// with a json.Encoder: compact, and a newline at the end.
		{"test2", "POST", "key=value", "{\"Name\":\"test\",\"Id\":1}\n", "application/json",
			"SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, _ := url.ParseQuery(c.query)
			h := http.Header{}
			h.Set("X-Sdk-Date", "20060102T150405Z")
			h.Set("TEST_UNDERSCORE", "TEST_VALUE")
			if c.contentType != "" {
				h.Set("Content-Type", c.contentType)
			}
			h.Set("Authorization", c.auth)
			r := &signedRequest{Method: c.method, Segments: []string{"", "path"}, Query: q, Header: h,
				Host: "example.huaweicloud.com", Body: []byte(c.body)}
			p, err := a.bySignature(r, at, false)
			if err != nil || p == nil || p.Name != "sdk" {
				t.Fatalf("the SDK's vector does not verify: %v", err)
			}
			// One bit off anywhere fails.
			r.Body = append([]byte(c.body), ' ')
			if _, err := a.bySignature(r, at, false); err == nil {
				t.Error("a changed body verifies")
			}
			r.Body = []byte(c.body)
			r.Method = "PUT"
			if _, err := a.bySignature(r, at, false); err == nil {
				t.Error("a changed method verifies")
			}
		})
	}
	// TestSigner_canonicalQueryString.
	q := url.Values{"limit": {"1"}, "enable": {"true"}, "test": {"一 (&=?!#%.*)"}, "path": {"/tmp/123"}, "multi": {"3", "1", "2"}}
	const want = "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
	if got := canonicalQuery(q); got != want {
		t.Errorf("canonical query\n got %s\nwant %s", got, want)
	}
	if got := canonicalURI([]string{"", "v2", "a b", "x/y"}); got != "/v2/a%20b/x%2Fy/" {
		t.Errorf("canonical URI %s", got)
	}
}

func TestParseAuthorization(t *testing.T) {
	const sig = "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
	good := "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + sig
	a, err := parseAuthorization(good)
	if err != nil || a.Access != "AK" || strings.Join(a.SignedHeaders, ";") != "host;x-sdk-date" || len(a.Signature) != 32 {
		t.Fatalf("%+v %v", a, err)
	}
	for _, bad := range []string{
		"",
		"Bearer x",
		"SDK-HMAC-SHA256",
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date",
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=" + sig,             // date unsigned
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=X-Sdk-Date, Signature=" + sig,       // upper case
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date;, Signature=" + sig,      // empty name
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=" + sig[:62],  // short
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=zz" + sig[2:], // not hex
		"SDK-HMAC-SHA256 Access=AK, Access=AK2, SignedHeaders=x-sdk-date, Signature=" + sig,
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=" + sig + ", Extra=1",
		"SDK-HMAC-SHA256 Access=, SignedHeaders=x-sdk-date, Signature=" + sig,
		"SDK-HMAC-SM3 Access=AK, SignedHeaders=x-sdk-date, Signature=" + sig,
	} {
		if a, err := parseAuthorization(bad); err == nil {
			t.Errorf("%q parsed as %+v", bad, a)
		}
	}
}

func TestParseCredentials(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"json", `{"principals": [{"name": "a", "tokens": ["t"], "projects": ["p"]}]}`, ""},
		{"yaml", "principals:\n  - name: a\n    access_keys: [{ak: A, sk: S}]\n    projects: [p]\n", ""},
		{"unknown field", `{"principals": [{"name": "a", "token": ["t"], "projects": ["p"]}]}`, "unknown field"},
		{"unknown yaml field", "principals:\n  - name: a\n    secret: x\n", "field secret not found"},
		{"no principals", `{"principals": []}`, "$.principals: expected at least one principal"},
		{"no name", `{"principals": [{"tokens": ["t"], "projects": ["p"]}]}`, "$.principals[0].name"},
		{"no way in", `{"principals": [{"name": "a", "projects": ["p"]}]}`, "neither tokens nor access_keys"},
		{"no project", `{"principals": [{"name": "a", "tokens": ["t"]}]}`, "$.principals[0].projects"},
		{"empty token", `{"principals": [{"name": "a", "tokens": [""], "projects": ["p"]}]}`, "$.principals[0].tokens[0]"},
		{"half a key", `{"principals": [{"name": "a", "access_keys": [{"ak": "A"}], "projects": ["p"]}]}`, "$.principals[0].access_keys[0]: expected both"},
		{"token twice", `{"principals": [{"name": "a", "tokens": ["t"], "projects": ["p"]}, {"name": "b", "tokens": ["t"], "projects": ["p"]}]}`, `already listed for principal "a"`},
		{"ak twice", `{"principals": [{"name": "a", "access_keys": [{"ak": "A", "sk": "1"}], "projects": ["p"]}, {"name": "b", "access_keys": [{"ak": "A", "sk": "2"}], "projects": ["p"]}]}`, `access key "A" is already listed`},
		{"not a document", `[`, "creds.json"},
	} {
		_, err := ParseCredentials("creds.json", []byte(c.text))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"0a1b2c3d4e5f4a5b6c7d8e9f00112233": true, "7d8e9f00-1122-4334-8556-778899aabbcc": true, "a.b_c": true,
		"": false, ".": false, "..": false, "...": false, "a/b": false, `a\b`: false, "a\x00": false, "a b": false,
		"é": false, strings.Repeat("a", 129): false,
	} {
		if got := validID(id); got != want {
			t.Errorf("validID(%q) = %v", id, got)
		}
	}
}
