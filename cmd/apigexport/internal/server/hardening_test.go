package server

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model/sample"
)

// signHeaders signs req over the given headers (host and x-sdk-date are
// added) as a signer does that puts contentSHA, when it is not empty, in
// the canonical request in place of the body's hash, and sends it as
// X-Sdk-Content-Sha256. It returns the signature's hex.
func signHeaders(t testing.TB, req *http.Request, body []byte, ak, sk string, signed []string, contentSHA string) string {
	t.Helper()
	d := clock.Format(sdkDateLayout)
	req.Header.Set(headerSdkDate, d)
	if contentSHA != "" {
		req.Header.Set(headerContentSHA, contentSHA)
	}
	segs, err := pathSegments(req.URL.EscapedPath())
	if err != nil {
		t.Fatal(err)
	}
	signed = slices.Sorted(slices.Values(append([]string{"host", "x-sdk-date"}, signed...)))
	cr := canonicalRequest(&signedRequest{Method: req.Method, Segments: segs, Query: req.URL.Query(),
		Header: req.Header, Host: req.URL.Host, Body: body}, signed)
	if contentSHA != "" {
		cr = cr[:strings.LastIndexByte(cr, '\n')+1] + contentSHA
	}
	sig := hex.EncodeToString(signature(cr, d, sk))
	req.Header.Set("Authorization", signAlgorithm+" Access="+ak+", SignedHeaders="+strings.Join(signed, ";")+", Signature="+sig)
	return sig
}

func hexSHA(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestSignatureCoversBody: X-Sdk-Content-Sha256 may only restate the
// body's hash, signed; a captured request replayed with another body, or
// a payload declared unsigned, is 401.
func TestSignatureCoversBody(t *testing.T) {
	f := newFixture(t, nil)
	url := f.url + exportPath("apic", project, instanceID)
	orig := []byte(`{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`)
	other := []byte(`{"group_id":"` + groupID + `","env_id":"` + release + `","define":"all","version":"2"}`)
	send := func(body []byte, sign func(*http.Request)) answer {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json;charset=UTF-8")
		sign(req)
		return do(t, req)
	}
	// A request signed with the header set (and signed) to its body's hash.
	var captured http.Header
	got := send(orig, func(r *http.Request) {
		signHeaders(t, r, orig, akCI, skCI, []string{"x-sdk-content-sha256"}, hexSHA(orig))
		captured = r.Header.Clone()
	})
	if got.status != 200 {
		t.Fatalf("signed with its body's hash: %d %s", got.status, got.body)
	}
	for _, c := range []struct {
		name string
		body []byte
		sign func(*http.Request)
	}{
		{"the captured request with another body", other, func(r *http.Request) { r.Header = captured.Clone() }},
		{"the header unsigned, set to the hash of the body that was signed", other, func(r *http.Request) {
			signHeaders(t, r, orig, akCI, skCI, nil, "")
			r.Header.Set(headerContentSHA, hexSHA(orig))
		}},
		{"the header unsigned, with the body's own hash", orig, func(r *http.Request) {
			signHeaders(t, r, orig, akCI, skCI, nil, "")
			r.Header.Set(headerContentSHA, hexSHA(orig))
		}},
		{"UNSIGNED-PAYLOAD, signed", other, func(r *http.Request) {
			signHeaders(t, r, other, akCI, skCI, []string{"x-sdk-content-sha256"}, "UNSIGNED-PAYLOAD")
		}},
		{"UNSIGNED-PAYLOAD, unsigned", other, func(r *http.Request) {
			signHeaders(t, r, other, akCI, skCI, nil, "")
			r.Header.Set(headerContentSHA, "UNSIGNED-PAYLOAD")
		}},
		{"a signed hash of another body", other, func(r *http.Request) {
			signHeaders(t, r, other, akCI, skCI, []string{"x-sdk-content-sha256"}, hexSHA(orig))
		}},
	} {
		if got := send(c.body, c.sign); got.status != 401 {
			t.Errorf("%s: %d %.200s, want 401", c.name, got.status, got.body)
		} else if code, _ := got.errorBody(t); code != codeUnauthenticated {
			t.Errorf("%s: %s", c.name, code)
		}
	}
	for _, why := range []string{failContentUnsigned, failUnsignedPayload, failContentHash} {
		if !strings.Contains(f.log.String(), `"reason":"`+why+`"`) {
			t.Errorf("the log does not name %q", why)
		}
	}
}

// TestLogHoldsNoCredential runs malformed, swapped and valid credentials
// and greps the whole log for every token, secret key, access key as sent
// and signature.
func TestLogHoldsNoCredential(t *testing.T) {
	f := newFixture(t, nil)
	path := exportPath("apic", project, instanceID)
	body := `{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`
	var secrets []string
	sigOf := func(r *http.Request) string {
		a := r.Header.Get("Authorization")
		return a[strings.LastIndex(a, "=")+1:]
	}
	rewrite := func(old, new string) auth {
		return func(t testing.TB, r *http.Request, b []byte) {
			signRequest(t, r, b, akCI, skCI, clock)
			secrets = append(secrets, sigOf(r))
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
		}
	}
	record := func(a auth) auth {
		return func(t testing.TB, r *http.Request, b []byte) {
			a(t, r, b)
			if r.Header.Get("Authorization") != "" {
				secrets = append(secrets, sigOf(r))
			}
		}
	}
	for _, c := range []struct {
		name   string
		a      auth
		status int
	}{
		{"valid token", withToken(tokenCI), 200},
		{"valid signature", record(withSignature(akCI, skCI, clock)), 200},
		{"unknown token", withToken("forged-token-0123456789"), 401},
		{"another project's token", withToken(tokenOther), 403},
		{"two tokens", func(_ testing.TB, r *http.Request, _ []byte) {
			r.Header.Add("X-Auth-Token", tokenCI)
			r.Header.Add("X-Auth-Token", "second-forged-token")
		}, 401},
		{"AK and SK swapped", record(withSignature(skCI, akCI, clock)), 401},
		{"SK as the access key", record(withSignature(skCI, skCI, clock)), 401},
		{"Signature: for Signature=", rewrite("Signature=", "Signature:"), 401},
		{"a missing comma", rewrite(", Signature=", " Signature="), 401},
		{"Access: for Access=", rewrite("Access=", "Access:"), 401},
		{"wrong secret key", record(withSignature(akCI, "forged-secret-key-0123456789", clock)), 401},
		{"stale", record(withSignature(akCI, skCI, clock.Add(-time.Hour))), 401},
		{"a token in Authorization", func(_ testing.TB, r *http.Request, _ []byte) {
			r.Header.Set("Authorization", "Bearer "+tokenCI)
		}, 401},
		{"a secret key in Authorization", func(_ testing.TB, r *http.Request, _ []byte) {
			r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access="+skCI)
		}, 401},
	} {
		if got := f.post(t, path, body, c.a); got.status != c.status {
			t.Errorf("%s: %d, want %d", c.name, got.status, c.status)
		}
	}
	secrets = append(secrets, tokenCI, tokenOther, "forged-token-0123456789", "second-forged-token", skCI, akCI,
		"forged-secret-key-0123456789")
	log := f.log.String()
	for _, s := range secrets {
		if strings.Contains(log, s) {
			t.Errorf("the log holds %q", s)
		}
		// Nor a long part of it.
		if len(s) >= 24 && strings.Contains(log, s[4:20]) {
			t.Errorf("the log holds part of %q", s)
		}
	}
	if n := strings.Count(log, `"msg":"unauthenticated"`); n != 11 {
		t.Errorf("%d unauthenticated lines, want 11:\n%s", n, log)
	}
}

// TestSignedHost: the official SDK does not sign host, so a signature
// without it passes by default; RequireSignedHost refuses it, and a
// signed host is checked against the request's.
func TestSignedHost(t *testing.T) {
	dir := t.TempDir()
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": sample.Bundle})
	body := []byte(`{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`)
	for _, require := range []bool{false, true} {
		srv, err := New(Config{DataDir: dir, Credentials: testCredentials(t), RequireSignedHost: require, Now: func() time.Time { return clock }})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv)
		send := func(signed []string, host string) int {
			req, _ := http.NewRequest(http.MethodPost, hs.URL+exportPath("apic", project, instanceID), bytes.NewReader(body))
			req.Header.Set(headerSdkDate, clock.Format(sdkDateLayout))
			segs, _ := pathSegments(req.URL.EscapedPath())
			cr := canonicalRequest(&signedRequest{Method: req.Method, Segments: segs, Header: req.Header, Host: host, Body: body}, signed)
			req.Header.Set("Authorization", signAlgorithm+" Access="+akCI+", SignedHeaders="+strings.Join(signed, ";")+
				", Signature="+hex.EncodeToString(signature(cr, clock.Format(sdkDateLayout), skCI)))
			return do(t, req).status
		}
		host := strings.TrimPrefix(hs.URL, "http://")
		want := map[bool]int{false: 200, true: 401}[require]
		if got := send([]string{"x-sdk-date"}, host); got != want {
			t.Errorf("RequireSignedHost %v, host unsigned: %d, want %d", require, got, want)
		}
		if got := send([]string{"host", "x-sdk-date"}, host); got != 200 {
			t.Errorf("RequireSignedHost %v, host signed: %d", require, got)
		}
		if got := send([]string{"host", "x-sdk-date"}, "elsewhere.example.com"); got != 401 {
			t.Errorf("RequireSignedHost %v, another host signed: %d", require, got)
		}
		hs.Close()
		srv.Close()
	}
}

// TestAuthenticatedBeforeBody: a caller whose credential cannot pass is
// answered without its body being read (the body never comes).
func TestAuthenticatedBeforeBody(t *testing.T) {
	f := newFixture(t, nil)
	for name, a := range map[string]auth{
		"no credential":      noAuth,
		"unknown token":      withToken("nosuch"),
		"another's token":    withToken(tokenOther),
		"unknown access key": withSignature("NOSUCHAK", skCI, clock),
		"stale signature":    withSignature(akCI, skCI, clock.Add(-time.Hour)),
	} {
		pr, pw := io.Pipe()
		req, _ := http.NewRequest(http.MethodPost, f.url+exportPath("apic", project, instanceID), pr)
		req.ContentLength = 1000
		a(t, req, nil)
		got := do(t, req)
		pw.Close()
		if got.status != 401 && got.status != 403 {
			t.Errorf("%s: %d", name, got.status)
		}
	}
}

// TestRoutesAnswerJSON: every route outside the export, "//v2/..." among
// them, answers errors with the gateway's JSON body.
func TestRoutesAnswerJSON(t *testing.T) {
	web := http.FileServerFS(os.DirFS(t.TempDir()))
	f := newFixture(t, web)
	noWeb := newFixture(t, nil)
	for _, c := range []struct {
		url, method, path string
		status            int
	}{
		{f.url, "POST", "/", 405},
		{f.url, "DELETE", "/index.html", 405},
		{f.url, "GET", "/nosuch.js", 404},
		{f.url, "POST", "/healthz", 405},
		{f.url, "POST", "//v2/" + project + "/apic/instances/" + instanceID + "/openapi/export", 404},
		{f.url, "GET", "//v2/x", 404},
		{noWeb.url, "GET", "/", 404},
		{noWeb.url, "POST", "/x", 404},
	} {
		req, _ := http.NewRequest(c.method, c.url, nil)
		req.URL.Path = c.path // sent as it is: "//v2" is not taken for a host
		got := do(t, req)
		if got.status != c.status || got.header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: %d %s %q", c.method, c.path, got.status, got.header.Get("Content-Type"), got.body)
			continue
		}
		if code, msg := got.errorBody(t); code == "" || msg == "" {
			t.Errorf("%s %s: %s", c.method, c.path, got.body)
		}
	}
}

// TestSymlinkOutOfData: an instance folder that is a symbolic link out
// of DIR is no instance (404), and the log says why.
func TestSymlinkOutOfData(t *testing.T) {
	f := newFixture(t, nil)
	outside := t.TempDir()
	writeInstance(t, outside, "p", "i", map[string][]byte{"bundle.json": sample.Bundle})
	if err := os.Symlink(filepath.Join(outside, "p", "i"), filepath.Join(f.dir, project, "escape")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	// A link inside DIR is followed.
	if err := os.Symlink(instanceID, filepath.Join(f.dir, project, "alias")); err != nil {
		t.Fatal(err)
	}
	body := `{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`
	got := f.post(t, exportPath("apic", project, "escape"), body, withToken(tokenCI))
	if code, _ := got.errorBody(t); got.status != 404 || code != codeNoInstance {
		t.Errorf("a link out of DIR: %d %s", got.status, got.body)
	}
	if !strings.Contains(f.log.String(), `"msg":"not an instance"`) || !strings.Contains(f.log.String(), `"instance":"escape","why":`) {
		t.Errorf("the log does not say why:\n%s", f.log.String())
	}
	if got := f.post(t, exportPath("apic", project, "alias"), body, withToken(tokenCI)); got.status != 200 {
		t.Errorf("a link inside DIR: %d %s", got.status, got.body)
	}
	// A bundle file that links out of DIR: a failed load, logged; the last
	// good bundle goes on being served.
	if got := f.post(t, exportPath("apic", project, instanceID), body, withToken(tokenCI)); got.status != 200 {
		t.Fatalf("a good load: %d", got.status)
	}
	if err := os.Symlink(filepath.Join(outside, "p", "i", "bundle.json"), filepath.Join(f.dir, project, instanceID, "extra.json")); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, exportPath("apic", project, instanceID), body, withToken(tokenCI)); got.status != 200 {
		t.Errorf("a file linking out, after a good load: %d %s", got.status, got.body)
	}
	if !strings.Contains(f.log.String(), `"msg":"bundle"`) || !strings.Contains(f.log.String(), "extra.json") {
		t.Errorf("the file linking out is not logged:\n%s", f.log.String())
	}
}

// TestCacheByFileIdentity: a request reads no file whose size and
// modification time are those of the last load, and a deleted instance
// leaves the cache.
func TestCacheByFileIdentity(t *testing.T) {
	f := newFixture(t, nil)
	path := exportPath("apic", project, instanceID)
	body := `{"group_id":"` + groupID + `","env_id":"` + release + `","version":"1"}`
	first := f.post(t, path, body, withToken(tokenCI))
	file := filepath.Join(f.dir, project, instanceID, "bundle.json")
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	// Other bytes, same size and time: not read again.
	same := bytes.Replace(sample.Bundle, []byte(`"name": "shop_api"`), []byte(`"name": "shop_xyz"`), 1)
	if err := os.WriteFile(file, same, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, path, body, withToken(tokenCI)); !bytes.Equal(got.body, first.body) {
		t.Error("a file of the same size and time was read again")
	}
	// Touched: read again.
	if err := os.Chtimes(file, info.ModTime().Add(time.Second), info.ModTime().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, path, body, withToken(tokenCI)); !strings.Contains(got.header.Get("Content-Disposition"), "shop_xyz") {
		t.Errorf("a touched file was not read again: %q", got.header.Get("Content-Disposition"))
	}
	// Deleted: 404, and gone from the cache.
	n := f.srv.store.cached()
	if err := os.RemoveAll(filepath.Join(f.dir, project, instanceID)); err != nil {
		t.Fatal(err)
	}
	if got := f.post(t, path, body, withToken(tokenCI)); got.status != 404 {
		t.Errorf("deleted: %d", got.status)
	}
	if f.srv.store.cached() != n-1 {
		t.Errorf("%d instances cached after the deletion, %d before", f.srv.store.cached(), n)
	}
}

// quietServer is a Server with the fixture's data and no log.
func quietServer(t testing.TB, dir string, limits Limits) *Server {
	t.Helper()
	srv, err := New(Config{DataDir: dir, Credentials: testCredentials(t), Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return clock }, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// TestRefusedExpectContinue: a caller that cannot pass and asked
// "Expect: 100-continue" is answered at once, and its connection is not
// held waiting for a body it was never asked to send.
func TestRefusedExpectContinue(t *testing.T) {
	f := newFixture(t, nil)
	conn, err := net.Dial("tcp", strings.TrimPrefix(f.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nX-Auth-Token: nosuch\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n",
		exportPath("apic", project, instanceID))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 401 || !res.Close {
		t.Errorf("%d %v", res.StatusCode, res.Header)
	}
	if !strings.Contains(f.log.String(), `"status":401`) {
		t.Errorf("log:\n%s", f.log.String())
	}
}
