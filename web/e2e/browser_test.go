package e2e

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMissingBrowser runs this package's browser tests again with both
// browsers pointed at nothing: they must be skipped by name with the
// reason, and fail instead when APIGEXPORT_REQUIRE_BROWSERS is set (CI).
func TestMissingBrowser(t *testing.T) {
	if os.Getenv("APIGEXPORT_E2E_CHILD") != "" {
		t.Skip("running as the child of TestMissingBrowser")
	}
	tests := []string{"TestPage", "TestLargeBundle", "TestImportTab", "TestFirefox", "TestPackageBundled", "TestPackageImportMap"}
	run := func(require string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.v", "-test.count=1", "-test.run", "^("+strings.Join(tests, "|")+")$")
		cmd.Env = append(os.Environ(), "CHROMIUM=/nonexistent/chromium", "FIREFOX=/nonexistent/firefox",
			"APIGEXPORT_REQUIRE_BROWSERS="+require, "APIGEXPORT_E2E_CHILD=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := run("")
	if err != nil {
		t.Fatalf("without browsers the tests must pass as skipped: %v\n%s", err, out)
	}
	for _, name := range tests {
		if !strings.Contains(out, "--- SKIP: "+name+" ") {
			t.Errorf("%s is not reported as skipped:\n%s", name, out)
		}
	}
	for _, want := range []string{"CHROMIUM=/nonexistent/chromium: no Chromium there", "FIREFOX=/nonexistent/firefox: no Firefox there"} {
		if !strings.Contains(out, want) {
			t.Errorf("the skip does not say %q:\n%s", want, out)
		}
	}

	out, err = run("1")
	if err == nil {
		t.Fatalf("with APIGEXPORT_REQUIRE_BROWSERS=1 a missing browser must fail the tests:\n%s", out)
	}
	for _, name := range tests {
		if !strings.Contains(out, "--- FAIL: "+name+" ") {
			t.Errorf("%s does not fail under APIGEXPORT_REQUIRE_BROWSERS:\n%s", name, out)
		}
	}
}
