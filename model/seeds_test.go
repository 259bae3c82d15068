package model

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apigexport/apigexport/model/sample"
)

// fuzzSeeds are the inputs of the decoder's fuzz targets (FuzzLoad,
// FuzzParseJSON, FuzzDecoder) and of the differential test: the sample, the
// gateway's examples, the targets' own seeds, the files of their corpora
// under testdata/fuzz (when there are any), and odd JSON that each reader
// must refuse or take the same way.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{sample.Bundle}
	examples, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.bundle.json"))
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for _, s := range []string{
		// FuzzLoad's.
		`{"group": {"id": "g", "name": "n"}, "apis": [{"id": "a", "group_id": "g", "req_params": [{"type": "NUMBER", "default_value": "1e5"}]}]}`,
		`{"groups": [{"id": "g", "id": "h"}]}`,
		// FuzzParseJSON's.
		` {"a" : [1, -2.5e3, "\u00e9\n\"", true, false, null, {}, []], "b": {"c": "` + "\xff" + `"}} `,
		`{"a": {"b": 1, "b": 2}}`,
		`[{"x": "\ud83d\ude00"}, "é"]`,
		// Duplicates: after a type error, inside skipped values, escaped,
		// among unknown keys, in maps, at the top, in a root array.
		`{"groups": [{"id": 1, "name": "n", "x": {"a": 1, "a": 2}}]}`,
		`{"groups": [{"id": "g", "i\u0064": "h"}]}`,
		`{"groups": [{"id": "g", "colour": 1, "colour": 2}]}`,
		`{"responses": [{"id": "r", "responses": {"A": {}, "A": {}}}]}`,
		`{"apis": [], "apis": null}`,
		`{"total": 1, "total": 2}`,
		`[{"a": 1, "a": 2}]`,
		`[1, 2]`, `null`, `"bundle"`, `7`, `true`,
		// Types, numbers and nulls.
		`{"group": null}`, `{"group": null, "groups": null}`, `{"group": [], "apis": 1}`,
		`{"groups": [null, {"id": null, "status": -0, "sl_domains": []}], "envs": []}`,
		`{"throttles": [{"api_call_limits": 1e3, "time_interval": 1.0, "user_call_limits": 9223372036854775808}]}`,
		`{"throttles": [{"api_call_limits": -9223372036854775808, "time_interval": 9223372036854775807}]}`,
		`{"apis": [{"cors": "yes", "type": "1", "tags": "a", "auth_opt": [], "mock_info": 1}], "stages": {}}`,
		`{"apis": [{"name": "\u00e9\ud800", "remark": "` + "caf\xc3\xa9 \xff" + `", "tags": ["\/", "\t"]}]}`,
		`{"publications": [{"api_id": "a", "api": {"id": "b", "backend_api": {"retry_count": null, "enable_client_ssl": false}}}]}`,
		// Syntax.
		``, ` `, `{`, `{"groups": [`, `{"groups": [}`, `{} {}`, `{"a" 1}`, `{"a": 01}`, `{"a": 1.}`, `{"a": -}`,
		`{"a": "\x"}`, `{"a": "\u12"}`, "{\"a\": \"\x01\"}", `{"a": tru}`, `{"a": [1,]}`, `{"a": 1,}`, `{,}`,
		"\xef\xbb\xbf{}", `{"groups": [{"id": "g", "id": "h"}], }`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		`{"x": ` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	for _, target := range []string{"FuzzLoad", "FuzzParseJSON", "FuzzDecoder"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			if b, ok := corpusBytes(data); ok {
				seeds = append(seeds, b)
			}
		}
	}
	return seeds
}

// corpusBytes is the first []byte value of a file of a fuzz corpus
// ("go test fuzz v1" and one value a line).
func corpusBytes(data []byte) ([]byte, bool) {
	for line := range bytes.Lines(data) {
		s := strings.TrimSpace(string(line))
		if q, ok := strings.CutPrefix(s, "[]byte("); ok {
			if v, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
				return []byte(v), true
			}
		}
	}
	return nil, false
}
