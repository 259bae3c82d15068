package server

import (
	"bytes"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestExportOAS3: ?oas_version=3.0 answers the engine's OpenAPI 3.0
// document on both routes, in every scope and format, through the real
// HTTP client; 2.0 and no oas_version answer Swagger 2.0.
func TestExportOAS3(t *testing.T) {
	f := newFixture(t, nil)
	for _, product := range []string{"apic", "apigw"} {
		for _, define := range []string{"spec", "proxy", "all", "dev"} {
			for _, typ := range []string{"json", "yaml", "yml"} {
				body := `{"group_id":"` + groupID + `","env_id":"` + release + `","define":"` + define + `","type":"` + typ + `"}` + "\n"
				got := f.post(t, exportPath(product, project, instanceID)+"?oas_version=3.0", body, withToken(tokenCI))
				want := export(t, engine.Request{GroupID: groupID, EnvID: release, Define: define, Type: typ, OASVersion: "3.0"})
				where := product + " " + define + " " + typ
				if got.status != 200 || !bytes.Equal(got.body, want.Body) {
					t.Fatalf("%s: %d, %d bytes, want the engine's %d bytes\n%.300s", where, got.status, len(got.body), len(want.Body), got.body)
				}
				if !bytes.Contains(got.body, []byte("3.0.0")) || bytes.Contains(got.body, []byte(`swagger`)) {
					t.Errorf("%s: not an OpenAPI 3.0 document: %.100s", where, got.body)
				}
				if ct := got.header.Get("Content-Type"); ct != want.ContentType {
					t.Errorf("%s: Content-Type %q, want %q", where, ct, want.ContentType)
				}
				if cd := got.header.Get("Content-Disposition"); cd != `attachment; filename=`+want.FileName {
					t.Errorf("%s: Content-Disposition %q, want %q", where, cd, want.FileName)
				}
			}
		}
		for _, q := range []string{"", "?oas_version=2.0"} {
			got := f.post(t, exportPath(product, project, instanceID)+q, `{"group_id":"`+groupID+`","env_id":"`+release+`"}`, withToken(tokenCI))
			if want := export(t, engine.Request{GroupID: groupID, EnvID: release}); got.status != 200 || !bytes.Equal(got.body, want.Body) {
				t.Errorf("%s %q: %d %.200s", product, q, got.status, got.body)
			}
		}
	}
}
