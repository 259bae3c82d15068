package model_test

import (
	"testing"

	"github.com/apigexport/apigexport/model"
)

// TestJSONErrorPosition: a JSON syntax error says line and column (in
// characters, from 1), where an editor goes, not a byte offset.
func TestJSONErrorPosition(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"bad value", `{"groups": x}`, "f.json: groups: invalid JSON at line 1, column 12: invalid character 'x' looking for beginning of value"},
		{"second line", "{\n  \"groups\": [],\n  \"apis\" []}", "f.json: apis: invalid JSON at line 3, column 10: invalid character '[' after object key"},
		{"column counts characters", "{\"groups\": [{\"name\": \"é\"},\n  {\"name\": \"ü\" 1}]}", "f.json: groups[1]: invalid JSON at line 2, column 16: invalid character '1' after object key:value pair"},
		{"cut short", "{\"groups\": [\n", "f.json: groups: invalid JSON at line 2, column 1: unexpected EOF"},
		{"trailing data", "{}\n\n  {}", "f.json: invalid JSON at line 3, column 3: unexpected data after the top-level value"},
		{"empty", "", "f.json: invalid JSON at line 1, column 1: unexpected EOF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := model.Load([]model.File{{Name: "f.json", Data: []byte(c.data)}}, model.LoadOptions{})
			if err == nil || err.Error() != c.want {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}
