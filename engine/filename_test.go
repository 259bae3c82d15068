package engine_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apigexport/apigexport/engine"
)

// TestSafeFileName: every name the engine suggests is one safe file name,
// one row per kind of hostile or awkward input.
func TestSafeFileName(t *testing.T) {
	long := strings.Repeat("é", 300) // 600 bytes
	cases := []struct {
		name, stem, ext, want string
	}{
		{"plain", "shop_api-RELEASE-all-v1", "json", "shop_api-RELEASE-all-v1.json"},
		{"path traversal in the version", "shop_api-RELEASE-all-../../etc/passwd", "json", "shop_api-RELEASE-all-.._.._etc_passwd.json"},
		{"absolute path", "/etc/passwd", "json", "_etc_passwd.json"},
		{"slash and question mark in a group name", "a/b?c-RELEASE-all-v", "yaml", "a_b_c-RELEASE-all-v.yaml"},
		{"Windows separators and refused characters", `a\b:c*d"e<f>g|h`, "json", "a_b_c_d_e_f_g_h.json"},
		{"default version's colons", "g-dev-2026-11-27-09:30:00", "yml", "g-dev-2026-11-27-09_30_00.yml"},
		{"NUL and newline", "a\x00b\nc\r\td\x7f", "json", "a_b_c__d_.json"},
		{"C1 control and line separator", "a\u0085b\u2028c", "json", "a_b_c.json"},
		{"bidirectional override", "x\u202egpj.exe", "json", "x_gpj.exe.json"},
		{"invalid UTF-8", "a\xffb", "json", "a_b.json"},
		{"unicode kept", "商店 API-é-😀", "json", "商店 API-é-😀.json"},
		{"leading dots", "..hidden", "json", "hidden.json"},
		{"leading dash and spaces", " - -rf", "json", "rf.json"},
		{"trailing dots and spaces", "name. . ", "json", "name.json"},
		{"only dots", "..", "json", "export.json"},
		{"only refused characters", "///", "json", "export.json"},
		{"empty", "", "bundle.json", "export.bundle.json"},
		{"Windows device name", "CON", "json", "_CON.json"},
		{"Windows device name, any case", "com1", "bundle.json", "_com1.bundle.json"},
		{"not a device", "CONSOLE", "json", "CONSOLE.json"},
		{"300 characters bounded", long, "json", strings.Repeat("é", 97) + ".json"},
		{"bounded at a character boundary", "a" + long, "json", "a" + strings.Repeat("é", 97) + ".json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := engine.SafeFileName(c.stem, c.ext, "export")
			if got != c.want {
				t.Errorf("SafeFileName(%q) = %q, want %q", c.stem, got, c.want)
			}
			if len(got) > 200 || !utf8.ValidString(got) || strings.ContainsAny(got, `/\:*?"<>|`) || strings.HasPrefix(got, ".") {
				t.Errorf("%q is not a safe file name", got)
			}
		})
	}
}

// TestResultFileNameIsSafe: Export and Import apply the rule, whatever the
// group name, title or version.
func TestResultFileNameIsSafe(t *testing.T) {
	b := loadSample(t)
	b.Groups[0].Name = "a/b?c"
	res, err := engine.Export(b, engine.Request{GroupID: groupID, EnvID: release, Define: "all", Version: "../../etc/passwd"}, engine.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if want := "a_b_c-RELEASE-all-.._.._etc_passwd.json"; res.FileName != want {
		t.Errorf("export: FileName %q, want %q", res.FileName, want)
	}
	if !strings.Contains(string(res.Body), `"version": "../../etc/passwd"`) {
		t.Error("the document's info.version must stay as requested")
	}
	doc := []byte("swagger: '2.0'\ninfo: {title: ../x\\y, version: '1'}\npaths: {}\n")
	im, err := engine.Import(doc, engine.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "_x_y.bundle.json"; im.FileName != want {
		t.Errorf("import: FileName %q, want %q", im.FileName, want)
	}
}
