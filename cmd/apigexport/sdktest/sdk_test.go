// Package sdktest runs the official Huawei Cloud Go SDK against
// "apigexport serve": a module of its own, so that the SDK never becomes a
// dependency of the library or the command.
package sdktest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	apig "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	apigmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
	roma "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/roma/v2"
	romamodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/roma/v2/model"
)

const (
	project      = "0a1b2c3d4e5f4a5b6c7d8e9f00112233"
	otherProject = "ffeeddccbbaa99887766554433221100"
	instanceID   = "7d8e9f00-1122-4334-8556-778899aabbcc"
	groupID      = "7c1f0e9d4b6a4e2f8a3b5c6d7e8f9a01"
	release      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
	version      = "2026-11-27-09:30:00"

	ak         = "HPUAEXAMPLEAK0000001"
	sk         = "example-secret-key-of-ci-0000000000000001"
	otherToken = "token-of-a-principal-of-another-project"
)

// repo is the root of the main module.
var repo = filepath.Join("..", "..", "..")

// server is a running "apigexport serve" with the sample as
// project/instanceID, and the binary that runs it.
type server struct {
	bin, endpoint, bundle string
}

func startServer(t *testing.T) *server {
	t.Helper()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "apigexport")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "./cmd/apigexport")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	bundle, err := filepath.Abs(filepath.Join(repo, "model", "sample", "bundle.json"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	inst := filepath.Join(tmp, "data", project, instanceID)
	if err := os.MkdirAll(inst, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inst, "bundle.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(tmp, "credentials.json")
	if err := os.WriteFile(creds, []byte(`{"principals": [
		{"name": "ci", "access_keys": [{"ak": "`+ak+`", "sk": "`+sk+`"}], "projects": ["`+project+`"]},
		{"name": "other", "tokens": ["`+otherToken+`"], "projects": ["`+otherProject+`"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-data", filepath.Join(tmp, "data"), "-credentials", creds)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		var entry struct{ Msg, Addr string }
		if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "serving" {
			go func() { // keep the pipe drained, and show the log with -v
				for lines.Scan() {
					t.Log(lines.Text())
				}
			}()
			return &server{bin: bin, endpoint: strings.TrimSuffix(entry.Addr, "/"), bundle: bundle}
		}
	}
	t.Fatal("apigexport serve stopped before serving")
	return nil
}

// cli is the command line's export of the same request, in OpenAPI
// version oas (-oas: 2.0 or 3.0).
func (s *server) cli(t *testing.T, define, typ, oas string) []byte {
	t.Helper()
	out, err := exec.Command(s.bin, "export", "-env", release, "-define", define, "-type", typ, "-oas", oas, "-version", version, s.bundle).Output()
	if err != nil {
		t.Fatalf("apigexport export -define %s -type %s -oas %s: %v", define, typ, oas, err)
	}
	return out
}

// tokenCredential is a credential the SDK does not ship: an IAM token in
// X-Auth-Token, the project filled into the path as the SDK's own
// credentials do.
type tokenCredential struct{ project, token string }

func (c tokenCredential) ProcessAuthParams(*impl.DefaultHttpClient, string) (auth.ICredential, error) {
	return c, nil
}

func (c tokenCredential) ProcessAuthRequest(_ *impl.DefaultHttpClient, req *request.DefaultHttpRequest) (*request.DefaultHttpRequest, error) {
	return req.Builder().AddAutoFilledPathParam("project_id", c.project).AddHeaderParam("X-Auth-Token", c.token).Build(), nil
}

func credentials(t *testing.T, sk, projectID string) auth.ICredential {
	t.Helper()
	c, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(projectID).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func romaClient(t *testing.T, endpoint string, cred auth.ICredential) *roma.RomaClient {
	t.Helper()
	hc, err := roma.RomaClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return roma.NewRomaClient(hc)
}

func apigClient(t *testing.T, endpoint string, cred auth.ICredential) *apig.ApigClient {
	t.Helper()
	hc, err := apig.ApigClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return apig.NewApigClient(hc)
}

func read(t *testing.T, body io.ReadCloser) []byte {
	t.Helper()
	defer body.Close()
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serviceError checks that err is the SDK's ServiceResponseError with the
// status and code, and a request ID.
func serviceError(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("%s: got %T %v, want a *sdkerr.ServiceResponseError", what, err, err)
	}
	if se.StatusCode != status || se.ErrorCode != code || se.ErrorMessage == "" || se.RequestId == "" {
		t.Errorf("%s: got %d %s %q (request %q), want %d %s", what, se.StatusCode, se.ErrorCode, se.ErrorMessage, se.RequestId, status, code)
	}
}

func TestOfficialSDK(t *testing.T) {
	s := startServer(t)
	// The SDK writes a file under the home directory. Set after the build,
	// which would otherwise start with a cold build cache there.
	t.Setenv("HOME", t.TempDir())
	romaC := romaClient(t, s.endpoint, credentials(t, sk, project))
	apigC := apigClient(t, s.endpoint, credentials(t, sk, project))

	romaDefines := romamodel.GetExportOpenApiReqDefineEnum()
	romaTypes := romamodel.GetExportOpenApiReqTypeEnum()
	apigDefines := apigmodel.GetExportOpenApiReqDefineEnum()
	apigTypes := apigmodel.GetExportOpenApiReqTypeEnum()
	oasVersions := apigmodel.GetExportApiDefinitionsV2RequestOasVersionEnum()
	oas2, oas3 := oasVersions.E_2_0, oasVersions.E_3_0
	defines := []struct {
		roma romamodel.ExportOpenApiReqDefine
		apig apigmodel.ExportOpenApiReqDefine
	}{
		{romaDefines.SPEC, apigDefines.SPEC}, {romaDefines.PROXY, apigDefines.PROXY},
		{romaDefines.ALL, apigDefines.ALL}, {romaDefines.DEV, apigDefines.DEV},
	}
	types := []struct {
		roma romamodel.ExportOpenApiReqType
		apig apigmodel.ExportOpenApiReqType
	}{{romaTypes.JSON, apigTypes.JSON}, {romaTypes.YAML, apigTypes.YAML}}

	for _, d := range defines {
		for _, ty := range types {
			name := d.roma.Value() + "/" + ty.roma.Value()
			want := s.cli(t, d.roma.Value(), ty.roma.Value(), "2.0")

			got, err := romaC.ExportApiDefinitionsV2(&romamodel.ExportApiDefinitionsV2Request{
				InstanceId: instanceID,
				Body: &romamodel.ExportOpenApiReq{GroupId: groupID, EnvId: ptr(release), Define: &d.roma,
					Type: &ty.roma, Version: ptr(version)},
			})
			if err != nil {
				t.Fatalf("ROMA %s: %v", name, err)
			}
			if body := read(t, got.Body); got.HttpStatusCode != 200 || !bytes.Equal(body, want) {
				t.Errorf("ROMA %s: %d, %d bytes; the CLI gives %d bytes", name, got.HttpStatusCode, len(body), len(want))
			}

			got2, err := apigC.ExportApiDefinitionsV2(&apigmodel.ExportApiDefinitionsV2Request{
				InstanceId: instanceID, OasVersion: &oas2,
				Body: &apigmodel.ExportOpenApiReq{GroupId: groupID, EnvId: release, Define: &d.apig,
					Type: &ty.apig, Version: ptr(version)},
			})
			if err != nil {
				t.Fatalf("APIG %s: %v", name, err)
			}
			if body := read(t, got2.Body); got2.HttpStatusCode != 200 || !bytes.Equal(body, want) {
				t.Errorf("APIG %s: %d, %d bytes; the CLI gives %d bytes", name, got2.HttpStatusCode, len(body), len(want))
			}

			// OasVersion 3.0 (the query's oas_version=3.0): the command
			// line's -oas 3.0, byte for byte. ROMA's SDK has no such field.
			want3 := s.cli(t, d.roma.Value(), ty.roma.Value(), "3.0")
			if bytes.Equal(want3, want) {
				t.Fatalf("%s: the CLI's -oas 3.0 gives the Swagger 2.0 document", name)
			}
			got3, err := apigC.ExportApiDefinitionsV2(&apigmodel.ExportApiDefinitionsV2Request{
				InstanceId: instanceID, OasVersion: &oas3,
				Body: &apigmodel.ExportOpenApiReq{GroupId: groupID, EnvId: release, Define: &d.apig,
					Type: &ty.apig, Version: ptr(version)},
			})
			if err != nil {
				t.Fatalf("APIG %s oas_version 3.0: %v", name, err)
			}
			if body := read(t, got3.Body); got3.HttpStatusCode != 200 || !bytes.Equal(body, want3) {
				t.Errorf("APIG %s oas_version 3.0: %d, %d bytes; the CLI's -oas 3.0 gives %d bytes", name, got3.HttpStatusCode, len(body), len(want3))
			}
		}
	}

	request := &romamodel.ExportApiDefinitionsV2Request{InstanceId: instanceID,
		Body: &romamodel.ExportOpenApiReq{GroupId: groupID, EnvId: ptr(release)}}

	// A wrong secret key: 401 APIG.1002.
	_, err := romaClient(t, s.endpoint, credentials(t, "not-the-secret-key", project)).ExportApiDefinitionsV2(request)
	serviceError(t, "wrong SK", err, 401, "APIG.1002")

	// A token of a principal of another project, on this project: 403.
	_, err = romaClient(t, s.endpoint, credentials(t, sk, project)).ExportApiDefinitionsV2Invoker(request).
		ReplaceCredentialWhen(func(auth.ICredential) auth.ICredential { return tokenCredential{project, otherToken} }).
		Invoke()
	serviceError(t, "token of another project", err, 403, "APIG.1005")

	// The right key on a project it may not call: 403 too.
	_, err = apigClient(t, s.endpoint, credentials(t, sk, otherProject)).ExportApiDefinitionsV2(
		&apigmodel.ExportApiDefinitionsV2Request{InstanceId: instanceID,
			Body: &apigmodel.ExportOpenApiReq{GroupId: groupID, EnvId: release}})
	serviceError(t, "another project", err, 403, "APIG.1005")

	// The export's own errors come through the SDK with their codes.
	_, err = romaC.ExportApiDefinitionsV2(&romamodel.ExportApiDefinitionsV2Request{InstanceId: instanceID,
		Body: &romamodel.ExportOpenApiReq{GroupId: groupID, Define: &romaDefines.ALL}})
	serviceError(t, "env_id missing", err, 400, "APIG.2001")
	_, err = romaC.ExportApiDefinitionsV2(&romamodel.ExportApiDefinitionsV2Request{InstanceId: "no-such-instance",
		Body: &romamodel.ExportOpenApiReq{GroupId: groupID, EnvId: ptr(release)}})
	serviceError(t, "unknown instance", err, 404, "APIG.3030")
	// A version the SDK's enum lacks (its values are unexported: made
	// as the SDK reads them) is the gateway's APIG.2012.
	var oas31 apigmodel.ExportApiDefinitionsV2RequestOasVersion
	if err := json.Unmarshal([]byte(`"3.1"`), &oas31); err != nil {
		t.Fatal(err)
	}
	_, err = apigC.ExportApiDefinitionsV2(&apigmodel.ExportApiDefinitionsV2Request{InstanceId: instanceID, OasVersion: &oas31,
		Body: &apigmodel.ExportOpenApiReq{GroupId: groupID, EnvId: release}})
	serviceError(t, "oas_version 3.1", err, 400, "APIG.2012")
}

func ptr[T any](v T) *T { return &v }
