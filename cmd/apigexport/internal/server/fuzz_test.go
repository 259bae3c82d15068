package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// FuzzDecodeRequest: the request decoder never panics; what it refuses is
// a 400 APIG.2012 naming a parameter; what it accepts reads back the same
// after encoding.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range []string{
		`{"group_id":"g","env_id":"e","define":"all","type":"yaml","version":"1","apis":["a","b"]}` + "\n",
		`{"group_id":"g","env_id":""}`, `{"apis":null}`, `{"apis":[null]}`, `{"group_id":7}`, `{"x":1}`,
		`{"group_id":"a","group_id":"b"}`, `[]`, ``, `{`, `{} {}`, `"s"`, `{"version":"\u00e9\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := decodeRequest(data)
		if err != nil {
			if err.Status != http.StatusBadRequest || err.Code != engine.CodeInvalidParam || err.Param == "" ||
				!strings.HasPrefix(err.Message, "Invalid parameter value,parameterName:"+err.Param+".") {
				t.Fatalf("%q: %+v", data, err)
			}
			return
		}
		again, _ := json.Marshal(req)
		back, err := decodeRequest(again)
		if err != nil || !reflect.DeepEqual(normal(back), normal(req)) {
			t.Fatalf("%q decodes to %+v, which encodes to %s and decodes to %+v (%v)", data, req, again, back, err)
		}
	})
}

// normal makes a nil and an empty apis list equal.
func normal(r engine.Request) engine.Request {
	if len(r.APIs) == 0 {
		r.APIs = nil
	}
	return r
}

// FuzzParseAuthorization: the parser never panics, and what it accepts
// is a complete header that formats back to an equivalent one.
func FuzzParseAuthorization(f *testing.F) {
	const sig = "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624"
	for _, s := range []string{
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + sig,
		"SDK-HMAC-SHA256 Signature=" + sig + ",Access=AK,SignedHeaders=x-sdk-date",
		"SDK-HMAC-SHA256 Access=, ,,=", "SDK-HMAC-SHA256", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		a, err := parseAuthorization(v)
		if err != nil {
			return
		}
		if a.Access == "" || len(a.Signature) != 32 || len(a.SignedHeaders) == 0 {
			t.Fatalf("%q parsed as %+v", v, a)
		}
		again := signAlgorithm + " Access=" + a.Access + ", SignedHeaders=" + strings.Join(a.SignedHeaders, ";") +
			", Signature=" + strings.ToLower(hexOf(a.Signature))
		b, err := parseAuthorization(again)
		if err != nil || !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: %+v formats to %q, which parses to %+v (%v)", v, a, again, b, err)
		}
	})
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// FuzzServe sends arbitrary requests through the whole handler: never a
// panic, never a 500 (no instance of the fixture is broken but "broken"),
// always an X-Request-Id, and every error a gateway error body.
func FuzzServe(f *testing.F) {
	fx := newFixture(f, nil)
	for _, c := range []struct{ method, path, token, body string }{
		{"POST", exportPath("apic", project, instanceID), tokenCI, `{"group_id":"` + groupID + `","env_id":"` + release + `"}`},
		{"POST", exportPath("apigw", project, instanceID) + "?oas_version=3.0", tokenCI, `{"group_id":"` + groupID + `"}`},
		{"POST", exportPath("apic", project, "..%2f"), tokenCI, `{}`},
		{"GET", "/v2/x", "", ""},
		{"POST", exportPath("apic", project, instanceID), "nosuch", `{`},
	} {
		f.Add(c.method, c.path, c.token, c.body)
	}
	f.Fuzz(func(t *testing.T, method, path, token, body string) {
		u, err := url.ParseRequestURI(path)
		if err != nil || !strings.HasPrefix(path, "/v2/") || strings.Contains(path, "/broken/") || strings.Contains(path, "%2Fbroken/") {
			return
		}
		req := &http.Request{Method: method, URL: u, Header: http.Header{}, Host: "example.com",
			Body: http.NoBody, ContentLength: int64(len(body))}
		if body != "" {
			req.Body = readCloser{strings.NewReader(body)}
		}
		if token != "" {
			req.Header.Set("X-Auth-Token", token)
		}
		rec := httptest.NewRecorder()
		fx.srv.ServeHTTP(rec, req)
		if rec.Code >= 500 && !strings.Contains(u.EscapedPath(), "broken") {
			t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Fatal("no X-Request-Id")
		}
		if rec.Code != 200 {
			var e struct {
				Code string `json:"error_code"`
				Msg  string `json:"error_msg"`
			}
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Code == "" || e.Msg == "" {
				t.Fatalf("%s %s: %d with body %q", method, path, rec.Code, rec.Body)
			}
		}
	})
}

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }
