package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/apigexport/apigexport/cmd/apigexport/internal/server"
	"github.com/apigexport/apigexport/model/sample"
	"github.com/apigexport/apigexport/web"
)

// TestServeWebPage checks the page's routes through the server the
// command builds.
func TestServeWebPage(t *testing.T) {
	h, err := server.New(server.Config{Web: web.Handler()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (int, string, string) {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(body)
	}
	if code, _, body := get("/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	if code, ctype, body := get("/"); code != 200 || !strings.HasPrefix(ctype, "text/html") || !strings.Contains(body, `<script type="module" src="app.js">`) {
		t.Errorf("/: %d %s", code, ctype)
	}
	if code, ctype, _ := get("/app.js"); code != 200 || !strings.Contains(ctype, "javascript") {
		t.Errorf("/app.js: %d %s", code, ctype)
	}
	// Only the page's own kinds of file are served: not its Go source.
	for _, p := range []string{"/web.go", "/e2e/go.mod", "/../go.mod", "/nosuch.js"} {
		if code, _, _ := get(p); code != 404 {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	if got := mime.TypeByExtension(".wasm"); got != "application/wasm" {
		t.Errorf(".wasm is served as %q", got)
	}
	// The module goes compressed to a browser (with the engine built), as
	// brotli with its length, or is a 404 whose JSON body says how to build it.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/apigexport.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	switch {
	case web.HasEngine() && (res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Vary") != "Accept-Encoding" ||
		res.ContentLength != int64(len(body))):
		t.Errorf("the module: %d %v", res.StatusCode, res.Header)
	case !web.HasEngine() && (res.StatusCode != 404 || !strings.Contains(string(body), "make build")):
		t.Errorf("no module: %d %s", res.StatusCode, body)
	}
}

// TestServeFlags checks the rules on who may call before anything
// listens.
func TestServeFlags(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("principals: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve"}, exitUsage, "serve needs -credentials FILE, or -insecure"},
		{[]string{"serve", "-insecure", "-addr", "0.0.0.0:0"}, exitUsage, "-insecure listens only on a loopback address"},
		{[]string{"serve", "-insecure", "-addr", "[::]:0"}, exitUsage, "-insecure listens only on a loopback address"},
		{[]string{"serve", "-insecure", "-credentials", bad}, exitUsage, "exclude each other"},
		{[]string{"serve", "-credentials", bad}, exitFailure, bad + ": $.principals: expected at least one principal"},
		{[]string{"serve", "-credentials", filepath.Join(dir, "none.yaml")}, exitFailure, "no such file"},
		{[]string{"serve", "-insecure", "-data", filepath.Join(dir, "nosuchdir")}, exitFailure, "-data:"},
		{[]string{"serve", "-insecure", "-max-memory", "10"}, exitUsage, "-max-memory must be at least 128 (MiB)"},
		{[]string{"serve", "-insecure", "-max-exports", "0"}, exitUsage, "-max-exports must be at least 1"},
		{[]string{"serve", "-insecure", "-max-conns", "0"}, exitUsage, "-max-conns must be at least 1"},
		{[]string{"serve", "-insecure", "-queue-wait", "-1s"}, exitUsage, "-queue-wait must be a duration of 0 or more"},
		{[]string{"serve", "-insecure", "-write-timeout", "0"}, exitUsage, "-write-timeout must be a duration above 0"},
		{[]string{"serve", "-insecure", "-shutdown-grace", "-1s"}, exitUsage, "-shutdown-grace must be a duration of 0 or more"},
	} {
		var stderr bytes.Buffer
		if code := run(c.args, nil, io.Discard, &stderr); code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr.String(), c.code, c.want)
		}
	}
}

// TestServeBinary runs the built command as a server: an export answered
// with the CLI's bytes, one log line per request, and a graceful stop on
// SIGTERM.
func TestServeBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "apigexport")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := t.TempDir()
	inst := filepath.Join(data, "proj", "inst")
	if err := os.MkdirAll(inst, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inst, "bundle.json"), sample.Bundle, 0o644); err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(t.TempDir(), "credentials.json")
	if err := os.WriteFile(creds, []byte(`{"principals": [{"name": "ci", "tokens": ["secret-token"], "projects": ["proj"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-data", data, "-credentials", creds, "-shutdown-grace", "200ms")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var addr string
	for addr == "" && lines.Scan() {
		var entry struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "serving" {
			addr = entry.Addr
		}
	}
	if addr == "" {
		t.Fatal("apigexport serve stopped before serving")
	}
	req, _ := http.NewRequest(http.MethodPost, addr+"v2/proj/apic/instances/inst/openapi/export",
		strings.NewReader(`{"group_id":"7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01","env_id":"DEFAULT_ENVIRONMENT_RELEASE_ID","define":"all","version":"2026-11-27-09:30:00"}`))
	req.Header.Set("X-Auth-Token", "secret-token")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(body, golden(t, "sample-all.json")) {
		t.Errorf("export: %d, %d bytes, not the golden file", res.StatusCode, len(body))
	}
	// Headers beyond the cap are refused before any handler runs.
	req, _ = http.NewRequest(http.MethodPost, addr+"v2/proj/apic/instances/inst/openapi/export", strings.NewReader("{}"))
	req.Header.Set("X-Auth-Token", "secret-token")
	req.Header.Set("X-Padding", strings.Repeat("p", 128<<10))
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a 128 KiB header: %d, want 431", res.StatusCode)
	}
	// A request in flight at SIGTERM: its handler waits for the body (the
	// server's 100 Continue says it is reading), which never comes, so the
	// grace period runs out and the request is cut.
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(addr, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v2/proj/apic/instances/inst/openapi/export HTTP/1.1\r\nHost: x\r\nX-Auth-Token: secret-token\r\n"+
		"Content-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
	if status, err := bufio.NewReader(conn).ReadString('\n'); err != nil || !strings.HasPrefix(status, "HTTP/1.1 100") {
		t.Fatalf("waiting for 100 Continue: %q %v", status, err)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var log []string
	for lines.Scan() {
		log = append(log, lines.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v (want exit 0)", err)
	}
	all := strings.Join(log, "\n")
	if !strings.Contains(all, `"msg":"request cut"`) || !strings.Contains(all, `"cut":"the shutdown's grace period (-shutdown-grace 200ms) ran out"`) ||
		!strings.Contains(all, `"msg":"stopped","cut":1`) {
		t.Errorf("the cut request is not logged:\n%s", all)
	}
	if !strings.Contains(all, `"msg":"request"`) || !strings.Contains(all, `"route":"apic-export"`) || !strings.Contains(all, `"msg":"stopped"`) {
		t.Errorf("log:\n%s", all)
	}
	if strings.Contains(all, "secret-token") {
		t.Error("the log shows the token")
	}
}
