package check

import (
	"testing"

	"github.com/go-openapi/strfmt"
)

// TestFormats: the formats engine checks itself give go-openapi/strfmt's
// verdicts, and the names engine hands over are the ones strfmt knows
// (formats.go).
func TestFormats(t *testing.T) {
	samples := []string{
		"", " ", "a", "http://example.com", "https://example.com/a?b=c#d", "https://host#@frag", "/relative/path",
		"mailto:a@b.c", "example.com", "//example.com", "http://[::1]:80/", "http://exa mple.com", "http://%zz",
		"a@b.c", "A <a@b.c>", "a@", "@b.c", "a b@c.d", "a@b", "\"q\"@b.c", "a@[127.0.0.1]",
		"127.0.0.1", "256.0.0.1", "::1", "::ffff:127.0.0.1", "1.2.3", "fe80::1%eth0", "2001:db8::", "1:2:3:4:5:6:7:8:9",
		"secret", "ünïcode", "x\x00y",
	}
	for name := range builtinFormats {
		if !strfmt.Default.ContainsName(name) {
			t.Errorf("%s is not a format of go-openapi/strfmt", name)
		}
		for _, s := range samples {
			want := strfmt.Default.Validates(name, s)
			if got := builtinFormats[name](s); got != want {
				t.Errorf("format %s, %q: engine says %v, go-openapi/strfmt %v", name, s, got, want)
			}
		}
	}
	for _, name := range strfmtFormats {
		if !strfmt.Default.ContainsName(name) {
			t.Errorf("%s is in strfmtFormats but not a format of go-openapi/strfmt", name)
		}
	}
	for _, name := range []string{"date-time", "duration", "Date", "int32", "int64", "float", "double", "regex", "binary", "uuid-4"} {
		known := false
		for _, k := range strfmtFormats {
			known = known || k == normalizeFormat(name)
		}
		if known != strfmt.Default.ContainsName(name) {
			t.Errorf("%s: engine's list says known=%v, go-openapi/strfmt %v", name, known, !known)
		}
	}
}
