package server

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigexport/apigexport/engine"
	"github.com/apigexport/apigexport/model"
	"github.com/apigexport/apigexport/model/sample"
)

const (
	project    = "0a1b2c3d4e5f4a5b6c7d8e9f00112233"
	instanceID = "7d8e9f00-1122-4334-8556-778899aabbcc"
	groupID    = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01"
	release    = model.DefaultEnvID

	tokenCI    = "token-of-ci"
	tokenOther = "token-of-other"
	akCI       = "HPUAEXAMPLEAK0000001"
	skCI       = "example-secret-key-of-ci-0000000000000001"
)

// clock is the server's time in every test.
var clock = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)

func testCredentials(t testing.TB) *Credentials {
	t.Helper()
	c, err := ParseCredentials("credentials.yaml", []byte(`
principals:
  - name: ci
    tokens: [`+tokenCI+`]
    access_keys: [{ak: `+akCI+`, sk: `+skCI+`}]
    projects: [`+project+`]
  - name: other
    tokens: [`+tokenOther+`]
    projects: [ffffffffffffffffffffffffffffffff]
`))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// writeInstance writes files into DIR/project/instance.
func writeInstance(t testing.TB, dir, proj, inst string, files map[string][]byte) {
	t.Helper()
	d := filepath.Join(dir, proj, inst)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type fixture struct {
	dir string
	srv *Server
	url string
	log *syncBuffer
}

// syncBuffer is a log destination that handlers write to concurrently.
// settle, if set, waits for the handlers still running (a handler may log
// after its answer has reached the client).
type syncBuffer struct {
	mu     sync.Mutex
	b      bytes.Buffer
	settle func()
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	if s.settle != nil {
		s.settle()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newFixture serves the sample bundle as project/instance, a broken
// bundle as project/broken and an empty folder as project/empty.
func newFixture(t testing.TB, web http.Handler) *fixture {
	t.Helper()
	dir := t.TempDir()
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": sample.Bundle})
	writeInstance(t, dir, project, "broken", map[string][]byte{"bundle.json": []byte(`{"groups": [{"id": 7}]}`)})
	writeInstance(t, dir, project, "empty", nil)
	// A file outside DIR that traversal would reach.
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.json"), sample.Bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	srv, err := New(Config{
		DataDir:     dir,
		Credentials: testCredentials(t),
		Web:         web,
		Log:         slog.New(slog.NewJSONHandler(log, nil)),
		Now:         func() time.Time { return clock },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	log.settle = srv.inflight.Wait
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &fixture{dir: dir, srv: srv, url: hs.URL, log: log}
}

func exportPath(product, proj, inst string) string {
	return "/v2/" + proj + "/" + product + "/instances/" + inst + "/openapi/export"
}

// answer is what came back.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// errorBody decodes the gateway's error body.
func (a answer) errorBody(t *testing.T) (code, msg string) {
	t.Helper()
	var e struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("error body %q: %v", a.body, err)
	}
	return e.Code, e.Msg
}

func do(t testing.TB, req *http.Request) answer {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, body}
}

// signRequest signs req as the SDK's signer does, at the given date.
func signRequest(t testing.TB, req *http.Request, body []byte, ak, sk string, date time.Time) {
	t.Helper()
	d := date.UTC().Format(sdkDateLayout)
	req.Header.Set(headerSdkDate, d)
	path := req.URL.EscapedPath()
	if req.URL.Opaque != "" {
		path = req.URL.Opaque
	}
	segs, err := pathSegments(path)
	if err != nil {
		t.Fatal(err)
	}
	signed := []string{"host", "x-sdk-date"}
	cr := canonicalRequest(&signedRequest{Method: req.Method, Segments: segs, Query: req.URL.Query(),
		Header: req.Header, Host: req.URL.Host, Body: body}, signed)
	req.Header.Set("Authorization", signAlgorithm+" Access="+ak+", SignedHeaders=host;x-sdk-date, Signature="+
		hex.EncodeToString(signature(cr, d, sk)))
}

// request builds an export request with the given auth.
type auth func(t testing.TB, req *http.Request, body []byte)

func withToken(tok string) auth {
	return func(_ testing.TB, req *http.Request, _ []byte) { req.Header.Set("X-Auth-Token", tok) }
}

func withSignature(ak, sk string, at time.Time) auth {
	return func(t testing.TB, req *http.Request, body []byte) { signRequest(t, req, body, ak, sk, at) }
}

func noAuth(testing.TB, *http.Request, []byte) {}

func (f *fixture) post(t testing.TB, path, body string, a auth) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	a(t, req, []byte(body))
	return do(t, req)
}

// export is the engine's own answer to a request, for comparison.
func export(t testing.TB, req engine.Request) *engine.Result {
	t.Helper()
	b, err := model.Load([]model.File{{Name: "bundle.json", Data: sample.Bundle}}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Export(b, req, engine.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestExportAnswers(t *testing.T) {
	f := newFixture(t, nil)
	for _, product := range []string{"apic", "apigw"} {
		for _, define := range []string{"spec", "proxy", "all", "dev"} {
			for _, typ := range []string{"json", "yaml", "yml"} {
				body := `{"group_id":"` + groupID + `","env_id":"` + release + `","define":"` + define + `","type":"` + typ + `"}` + "\n"
				for name, a := range map[string]auth{"token": withToken(tokenCI), "signature": withSignature(akCI, skCI, clock)} {
					got := f.post(t, exportPath(product, project, instanceID), body, a)
					want := export(t, engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: typ})
					where := product + " " + define + " " + typ + " " + name
					if got.status != 200 || !bytes.Equal(got.body, want.Body) {
						t.Fatalf("%s: %d, %d bytes, want the engine's %d bytes\n%.300s", where, got.status, len(got.body), len(want.Body), got.body)
					}
					if ct := got.header.Get("Content-Type"); ct != want.ContentType {
						t.Errorf("%s: Content-Type %q, want %q", where, ct, want.ContentType)
					}
					if cd := got.header.Get("Content-Disposition"); cd != `attachment; filename=`+want.FileName {
						t.Errorf("%s: Content-Disposition %q, want the file name %q", where, cd, want.FileName)
					}
					if len(got.header.Get("X-Request-Id")) != 32 {
						t.Errorf("%s: X-Request-Id %q", where, got.header.Get("X-Request-Id"))
					}
				}
			}
		}
	}
	// The gateway's own request example: no env_id, define all, and the
	// SDK's "env_id": "" with the default define.
	got := f.post(t, exportPath("apic", project, instanceID), `{"group_id":"`+groupID+`","define":"dev","env_id":"","apis":null}`, withToken(tokenCI))
	if want := export(t, engine.Request{GroupID: groupID, Define: "dev"}); got.status != 200 || !bytes.Equal(got.body, want.Body) {
		t.Errorf("dev without env_id: %d %.200s", got.status, got.body)
	}
	// oas_version 2.0 on the API Gateway route is the default.
	got = f.post(t, exportPath("apigw", project, instanceID)+"?oas_version=2.0&unknown=1", `{"group_id":"`+groupID+`","env_id":"`+release+`"}`, withToken(tokenCI))
	if want := export(t, engine.Request{GroupID: groupID, EnvID: release}); got.status != 200 || !bytes.Equal(got.body, want.Body) {
		t.Errorf("oas_version=2.0: %d %.200s", got.status, got.body)
	}
}

func TestWarningsHeader(t *testing.T) {
	f := newFixture(t, nil)
	// A group without APIs exports an empty document, with a warning.
	writeInstance(t, f.dir, project, "nogroupapis", map[string][]byte{"b.json": []byte(`{"groups": [{"id": "g1", "name": "g\u00e9"}]}`)})
	got := f.post(t, exportPath("apic", project, "nogroupapis"), `{"group_id":"g1","define":"dev","version":"1"}`, withToken(tokenCI))
	if got.status != 200 {
		t.Fatalf("%d %s", got.status, got.body)
	}
	var warnings []string
	raw := got.header.Get("X-Apigexport-Warnings")
	if err := json.Unmarshal([]byte(raw), &warnings); err != nil || len(warnings) == 0 {
		t.Fatalf("X-Apigexport-Warnings %q: %v", raw, err)
	}
	for _, c := range raw {
		if c > 0x7e {
			t.Fatalf("the warnings header is not ASCII: %q", raw)
		}
	}
	// A non-ASCII group name is carried in RFC 2231 form.
	if cd := got.header.Get("Content-Disposition"); cd != `attachment; filename*=utf-8''g%C3%A9-dev-1.json` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !strings.Contains(f.log.String(), `"warnings":[`) {
		t.Errorf("the log does not carry the warnings:\n%s", f.log.String())
	}
}

// TestErrorRows has a row for every error of docs/export.md §2 and docs/service.md.
func TestErrorRows(t *testing.T) {
	f := newFixture(t, nil)
	ok := exportPath("apic", project, instanceID)
	body := func(fields string) string {
		return `{"group_id":"` + groupID + `","env_id":"` + release + `"` + fields + `}`
	}
	tok := withToken(tokenCI)
	long := strings.Repeat("v", 65)
	missing := func(p string) string {
		return "The request parameters must be specified,parameterName:" + p + ". Please refer to the support documentation"
	}
	invalid := func(p string) string {
		return "Invalid parameter value,parameterName:" + p + ". Please refer to the support documentation"
	}
	huge := `{"group_id":"` + strings.Repeat("x", maxBody) + `"}`
	cases := []struct {
		name         string
		method, path string
		body         string
		auth         auth
		status       int
		code, msg    string // msg is a prefix
	}{
		// docs/export.md §2.
		{"group_id missing", "POST", ok, `{"env_id":"` + release + `"}`, tok, 400, "APIG.2001", missing("group_id")},
		{"group_id empty", "POST", ok, `{"group_id":"","env_id":"` + release + `"}`, tok, 400, "APIG.2001", missing("group_id")},
		{"env_id missing", "POST", ok, `{"group_id":"` + groupID + `","define":"all"}`, tok, 400, "APIG.2001", missing("env_id")},
		{"define invalid", "POST", ok, body(`,"define":"full"`), tok, 400, "APIG.2012", invalid("define")},
		{"type invalid", "POST", ok, body(`,"type":"xml"`), tok, 400, "APIG.2012", invalid("type")},
		{"version too long", "POST", ok, body(`,"version":"` + long + `"`), tok, 400, "APIG.2012", invalid("version")},
		{"api unknown", "POST", ok, body(`,"apis":["nosuchapi"]`), tok, 404, "APIG.3002", "API nosuchapi does not exist"},
		{"oas_version 3.0.0", "POST", exportPath("apigw", project, instanceID) + "?oas_version=3.0.0", body(""), tok, 400, "APIG.2012", invalid("oas_version")},
		{"oas_version invalid on ROMA", "POST", exportPath("apic", project, instanceID) + "?oas_version=3", body(""), tok, 400, "APIG.2012", invalid("oas_version")},
		{"oas_version invalid", "POST", exportPath("apigw", project, instanceID) + "?oas_version=2", body(""), tok, 400, "APIG.2012", invalid("oas_version")},
		{"oas_version twice", "POST", exportPath("apigw", project, instanceID) + "?oas_version=2.0&oas_version=3.0", body(""), tok, 400, "APIG.2012", invalid("oas_version")},
		{"group unknown", "POST", ok, `{"group_id":"c77f5e81d9cb4424bf704ef2b0ac7600","env_id":"` + release + `"}`, tok, 404, "APIG.3001", "API group c77f5e81d9cb4424bf704ef2b0ac7600 does not exist"},
		{"environment unknown", "POST", ok, `{"group_id":"` + groupID + `","env_id":"nosuchenv"}`, tok, 404, "APIG.3003", "Environment nosuchenv does not exist"},
		// The body.
		{"body not JSON", "POST", ok, `{"group_id":`, tok, 400, "APIG.2012", invalid("body")},
		{"body empty", "POST", ok, ``, tok, 400, "APIG.2012", invalid("body")},
		{"body an array", "POST", ok, `[]`, tok, 400, "APIG.2012", invalid("body")},
		{"body with trailing data", "POST", ok, body("") + `{}`, tok, 400, "APIG.2012", invalid("body")},
		{"field of the wrong type", "POST", ok, `{"group_id":7}`, tok, 400, "APIG.2012", invalid("group_id")},
		{"apis not strings", "POST", ok, body(`,"apis":[1]`), tok, 400, "APIG.2012", invalid("apis")},
		{"apis with null", "POST", ok, body(`,"apis":[null]`), tok, 400, "APIG.2012", invalid("apis")},
		{"unknown field", "POST", ok, body(`,"scope":"all"`), tok, 400, "APIG.2012", invalid("scope")},
		{"field twice", "POST", ok, body(`,"group_id":"x"`), tok, 400, "APIG.2012", invalid("group_id")},
		{"oas_version in the body", "POST", ok, body(`,"oas_version":"2.0"`), tok, 400, "APIG.2012", invalid("oas_version")},
		{"body over 1 MiB", "POST", ok, huge, tok, 400, "APIG.2012", invalid("body") + ". the body is larger than"},
		// Who may call.
		{"signed, group_id missing", "POST", ok, `{"env_id":"` + release + `"}`, withSignature(akCI, skCI, clock), 400, "APIG.2001", missing("group_id")},
		{"no credential", "POST", ok, body(""), noAuth, 401, "APIG.1002", msgUnauthenticated},
		{"unknown token", "POST", ok, body(""), withToken("nosuchtoken"), 401, "APIG.1002", msgUnauthenticated},
		{"wrong secret key", "POST", ok, body(""), withSignature(akCI, "wrong", clock), 401, "APIG.1002", msgUnauthenticated},
		{"unknown access key", "POST", ok, body(""), withSignature("NOSUCHAK", skCI, clock), 401, "APIG.1002", msgUnauthenticated},
		{"stale signature", "POST", ok, body(""), withSignature(akCI, skCI, clock.Add(-16*time.Minute)), 401, "APIG.1002", msgUnauthenticated},
		{"signature from the future", "POST", ok, body(""), withSignature(akCI, skCI, clock.Add(16*time.Minute)), 401, "APIG.1002", msgUnauthenticated},
		{"forged body", "POST", ok, body(""), func(t testing.TB, req *http.Request, _ []byte) {
			signRequest(t, req, []byte(body(`,"define":"spec"`)), akCI, skCI, clock)
		}, 401, "APIG.1002", msgUnauthenticated},
		{"token of another project", "POST", ok, body(""), withToken(tokenOther), 403, "APIG.1005", msgForbidden},
		{"project not the principal's", "POST", exportPath("apic", "ffffffffffffffffffffffffffffffff", instanceID), body(""), tok, 403, "APIG.1005", msgForbidden},
		// Which instance.
		{"instance unknown", "POST", exportPath("apic", project, "nosuch"), body(""), tok, 404, "APIG.3030", "Instance nosuch does not exist"},
		{"instance is a file", "POST", exportPath("apic", project, instanceID+"/bundle.json"), body(""), tok, 404, "APIG.0101", "No API matches"},
		{"instance ..", "POST", exportPath("apic", project, ".."), body(""), tok, 404, "APIG.3030", "Instance .. does not exist"},
		{"instance encoded ..", "POST", exportPath("apic", project, "%2e%2e"), body(""), tok, 404, "APIG.3030", "Instance .. does not exist"},
		{"instance with an encoded slash", "POST", exportPath("apic", project, "..%2F..%2Fsecret.json"), body(""), tok, 404, "APIG.3030", "Instance"},
		{"instance with NUL", "POST", exportPath("apic", project, instanceID+"%00"), body(""), tok, 404, "APIG.3030", `Instance "`},
		{"instance with a backslash", "POST", exportPath("apic", project, "..%5C.."), body(""), tok, 404, "APIG.3030", "Instance"},
		{"project ..", "POST", exportPath("apic", "..", instanceID), body(""), tok, 404, "APIG.3030", "Instance"},
		{"bundle broken", "POST", exportPath("apic", project, "broken"), body(""), tok, 500, "APIG.9999", msgSystemError},
		{"instance without bundle", "POST", exportPath("apic", project, "empty"), body(""), tok, 404, "APIG.3001", "API group " + groupID + " does not exist"},
		// Routes.
		{"unknown route", "POST", "/v2/" + project + "/apic/instances/" + instanceID + "/openapi/import", body(""), tok, 404, "APIG.0101", "No API matches"},
		{"GET on export", "GET", ok, "", tok, 405, "APIG.0101", "The export API is called with POST"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(c.method, f.url, strings.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			// Set the path as it is, escapes and dots included.
			req.URL.Opaque = c.path
			if i := strings.IndexByte(c.path, '?'); i >= 0 {
				req.URL.Opaque, req.URL.RawQuery = c.path[:i], c.path[i+1:]
			}
			req.Header.Set("Content-Type", "application/json;charset=UTF-8")
			c.auth(t, req, []byte(c.body))
			got := do(t, req)
			code, msg := got.errorBody(t)
			if got.status != c.status || code != c.code || !strings.HasPrefix(msg, c.msg) {
				t.Errorf("got %d %s %q\nwant %d %s %q", got.status, code, msg, c.status, c.code, c.msg)
			}
			if ct := got.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if got.header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
	// The log names why authentication failed, but never a secret.
	log := f.log.String()
	for _, secret := range []string{tokenCI, tokenOther, skCI, "nosuchtoken", "Signature="} {
		if strings.Contains(log, secret) {
			t.Errorf("the log shows %q", secret)
		}
	}
	if !strings.Contains(log, `"reason":"`+failSignatureInvalid+`"`) {
		t.Errorf("the log does not say why a signature failed:\n%.2000s", log)
	}
	if n := strings.Count(log, `"msg":"request"`); n != len(cases) {
		t.Errorf("%d request lines in the log for %d requests", n, len(cases))
	}
}

// TestBodyLimitBeforeReading sends a body announced as too large and
// never sent: the answer must come without reading it.
func TestBodyLimitBeforeReading(t *testing.T) {
	f := newFixture(t, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	req, err := http.NewRequest(http.MethodPost, f.url+exportPath("apic", project, instanceID), pr)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = maxBody + 1
	req.Header.Set("X-Auth-Token", tokenCI)
	got := do(t, req)
	if code, _ := got.errorBody(t); got.status != 400 || code != "APIG.2012" {
		t.Errorf("got %d %s", got.status, code)
	}
}

func TestReload(t *testing.T) {
	f := newFixture(t, nil)
	path := exportPath("apic", project, instanceID)
	body := `{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`
	first := f.post(t, path, body, withToken(tokenCI))
	if first.status != 200 {
		t.Fatalf("%d %s", first.status, first.body)
	}
	file := filepath.Join(f.dir, project, instanceID, "bundle.json")
	// Renamed on disk: the next answer has the new name, no restart.
	renamed := bytes.Replace(sample.Bundle, []byte(`"name": "shop_api"`), []byte(`"name": "shop_api_v2"`), 1)
	if bytes.Equal(renamed, sample.Bundle) {
		t.Fatal("the sample's group name is not where the test expects it")
	}
	if err := os.WriteFile(file, renamed, 0o644); err != nil {
		t.Fatal(err)
	}
	second := f.post(t, path, body, withToken(tokenCI))
	if cd := second.header.Get("Content-Disposition"); second.status != 200 || !strings.Contains(cd, "shop_api_v2-") {
		t.Fatalf("after the change: %d %q", second.status, cd)
	}
	// Broken on disk (a rewrite in place, half-written): the last bundle
	// that loaded is served, the failure is logged, the others go on.
	if err := os.WriteFile(file, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, path, body, withToken(tokenCI)); got.status != 200 || !strings.Contains(got.header.Get("Content-Disposition"), "shop_api_v2-") {
		t.Fatalf("broken after a good load: %d %s", got.status, got.body)
	}
	if !strings.Contains(f.log.String(), `"msg":"bundle"`) || !strings.Contains(f.log.String(), "bundle.json") ||
		!strings.Contains(f.log.String(), `"serving":"the last bundle that loaded"`) {
		t.Errorf("the load failure is not logged:\n%s", f.log.String())
	}
	writeInstance(t, f.dir, project, "second", map[string][]byte{"bundle.json": sample.Bundle})
	if got := f.post(t, exportPath("apic", project, "second"), body, withToken(tokenCI)); got.status != 200 || !bytes.Equal(got.body, first.body) {
		t.Fatalf("another instance while one is broken: %d", got.status)
	}
	// Broken from the start: 500, logged once.
	writeInstance(t, f.dir, project, "third", map[string][]byte{"bundle.json": []byte("{")})
	for range 2 {
		if got := f.post(t, exportPath("apic", project, "third"), body, withToken(tokenCI)); got.status != 500 {
			t.Fatalf("broken from the start: %d %s", got.status, got.body)
		}
	}
	if n := strings.Count(f.log.String(), `"instance":"third","error"`); n != 1 {
		t.Errorf("the failure of a bundle that never loaded is logged %d times, want once", n)
	}
	// Repaired: served again, the same bytes as at first.
	if err := os.WriteFile(file, sample.Bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, path, body, withToken(tokenCI)); got.status != 200 || !bytes.Equal(got.body, first.body) {
		t.Fatalf("repaired: %d", got.status)
	}
	// A bundle split over two files is merged.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	var whole map[string]json.RawMessage
	if err := json.Unmarshal(sample.Bundle, &whole); err != nil {
		t.Fatal(err)
	}
	halves := [2]map[string]json.RawMessage{{}, {}}
	for i, key := range slices.Sorted(maps.Keys(whole)) {
		halves[i%2][key] = whole[key]
	}
	a, _ := json.Marshal(halves[0])
	b, _ := json.Marshal(halves[1])
	writeInstance(t, f.dir, project, instanceID, map[string][]byte{"a.json": a, "b.json": b})
	if got := f.post(t, path, body, withToken(tokenCI)); got.status != 200 || !bytes.Equal(got.body, first.body) {
		t.Fatalf("split over two files: %d %s", got.status, got.body)
	}
}

func TestWebAndPanics(t *testing.T) {
	web := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/panic" {
			panic("boom")
		}
		w.Header().Set("Content-Length", "4")
		io.WriteString(w, "page")
	})
	f := newFixture(t, web)
	get := func(path string) answer {
		req, _ := http.NewRequest(http.MethodGet, f.url+path, nil)
		return do(t, req)
	}
	if got := get("/"); got.status != 200 || string(got.body) != "page" || got.header.Get("X-Request-Id") == "" {
		t.Errorf("/: %d %q", got.status, got.body)
	}
	if got := get("/healthz"); got.status != 200 || string(got.body) != "ok\n" {
		t.Errorf("/healthz: %d %q", got.status, got.body)
	}
	got := get("/panic")
	if code, msg := got.errorBody(t); got.status != 500 || code != "APIG.9999" || msg != "System error" {
		t.Errorf("a panic: %d %s %s", got.status, code, msg)
	}
	if got := get("/"); got.status != 200 {
		t.Errorf("after a panic: %d", got.status)
	}
	if !strings.Contains(f.log.String(), `"panic":"boom"`) {
		t.Error("the panic is not logged")
	}
	req, _ := http.NewRequest(http.MethodPost, f.url+"/", nil)
	if got := do(t, req); got.status != 405 {
		t.Errorf("POST /: %d", got.status)
	}
	// A HEAD answer has a Content-Length and no body: it is whole.
	req, _ = http.NewRequest(http.MethodHead, f.url+"/", nil)
	if got := do(t, req); got.status != 200 || strings.Contains(f.log.String(), `"complete":false`) {
		t.Errorf("HEAD /: %d\n%s", got.status, f.log.String())
	}
}
