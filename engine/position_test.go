package engine_test

import (
	"errors"
	"testing"

	"github.com/apigexport/apigexport/engine"
)

// TestInvalidJSONPosition: Validate and ToJSON say where a JSON document
// breaks as a line and a column (in characters, from 1).
func TestInvalidJSONPosition(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"bad value", `{"swagger": x}`, "invalid JSON at line 1, column 13: invalid character 'x' looking for beginning of value"},
		{"trailing comma on line 3", "{\n  \"swagger\": \"2.0\",\n  \"info\": {},\n}", "invalid JSON at line 4, column 1: invalid character '}' looking for beginning of object key string"},
		{"characters, not bytes", "{\"info\": {\"title\": \"éé\" 1}}", "invalid JSON at line 1, column 25: invalid character '1' after object key:value pair"},
		{"leading space counts", "\n\n  {\"a\" 1}", "invalid JSON at line 3, column 8: invalid character '1' after object key"},
		{"cut short", "{\"swagger\": \"2.0\",\n", "invalid JSON at line 2, column 1: unexpected end of JSON input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := engine.ToJSON([]byte(c.doc))
			var e *engine.Error
			if !errors.As(err, &e) || e.Message != c.want {
				t.Errorf("ToJSON: %v\nwant %s", err, c.want)
			}
			findings, err := engine.Validate([]byte(c.doc))
			if !errors.As(err, &e) || e.Message != c.want {
				t.Errorf("Validate: %v %v\nwant %s", findings, err, c.want)
			}
		})
	}
}
