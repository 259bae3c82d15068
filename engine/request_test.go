package engine_test

import (
	"reflect"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestDecodeRequest: the fields of Request and the front end's extra ones,
// each once; omitted, unknown and repeated fields are refused with the
// parameter they name.
func TestDecodeRequest(t *testing.T) {
	var strict bool
	fields := engine.RequestFields{Omit: []string{"oas_version"}, Extra: map[string]any{"strict": &strict}}
	for _, c := range []struct {
		name, body string
		want       engine.Request
		strict     bool
		param      string // of the error; "" for none
	}{
		{"fields", `{"group_id": "g", "env_id": null, "apis": ["a", "b"], "strict": true}`,
			engine.Request{GroupID: "g", APIs: []string{"a", "b"}}, true, ""},
		{"extra of the wrong type", `{"strict": "yes"}`, engine.Request{}, false, "strict"},
		{"omitted field", `{"oas_version": "2.0"}`, engine.Request{}, false, "oas_version"},
		{"unknown field", `{"group": "g"}`, engine.Request{}, false, "group"},
		{"twice", `{"define": "all", "define": "dev"}`, engine.Request{}, false, "define"},
		{"not an object", `[]`, engine.Request{}, false, "body"},
		{"trailing text", `{} {}`, engine.Request{}, false, "body"},
		{"null id", `{"apis": [null]}`, engine.Request{}, false, "apis"},
	} {
		t.Run(c.name, func(t *testing.T) {
			strict = false
			got, err := engine.DecodeRequest([]byte(c.body), fields)
			if c.param != "" {
				if err == nil || err.Param != c.param || err.Code != engine.CodeInvalidParam {
					t.Fatalf("error %v, want %s about %s", err, engine.CodeInvalidParam, c.param)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) || strict != c.strict {
				t.Errorf("got %+v strict=%v, want %+v strict=%v", got, strict, c.want, c.strict)
			}
		})
	}
	// Without Omit, oas_version is a field.
	got, err := engine.DecodeRequest([]byte(`{"oas_version": "2.0"}`), engine.RequestFields{})
	if err != nil || got.OASVersion != "2.0" {
		t.Errorf("oas_version: %+v, %v", got, err)
	}
}
