package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// RequestFields tune [DecodeRequest] to a front end.
type RequestFields struct {
	// Omit are the fields of [Request] that the front end takes elsewhere
	// and refuses in the JSON (the server's oas_version, a query
	// parameter).
	Omit []string
	// Extra are the fields the front end adds to Request's, by key, each
	// a pointer that encoding/json decodes the value into (the WebAssembly
	// module's resolve_vars, strict and body_bytes, *bool).
	Extra map[string]any
}

// DecodeRequest reads an export request: one JSON object with the fields
// of [Request] and f.Extra, each at most once, and nothing after it but
// white space. null for a field is the same as leaving it out, as the
// SDK's optional fields are; any other key is refused. Every failure is
// APIG.2012 naming the parameter, or body when the JSON itself is broken.
// The server, the WebAssembly module and the command's serve read requests
// with it alike.
func DecodeRequest(data []byte, f RequestFields) (Request, *Error) {
	var req Request
	dec := json.NewDecoder(bytes.NewReader(data))
	malformed := func(format string, args ...any) *Error {
		return InvalidParam("body", format, args...)
	}
	tok, err := dec.Token()
	if err != nil {
		return req, malformed("expected a JSON object: %s", jsonReason(err))
	}
	if tok != json.Delim('{') {
		return req, malformed("expected a JSON object, found %s", tokenKind(tok))
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return req, malformed("%s", jsonReason(err))
		}
		key := tok.(string) // an object's keys are strings, or Token fails
		var target any
		extra, isExtra := f.Extra[key]
		switch {
		case isExtra:
			target = extra
		case slices.Contains(f.Omit, key):
			return req, InvalidParam(key, "%q is not a field of the export request", key)
		}
		switch key {
		case "group_id":
			target = &req.GroupID
		case "env_id":
			target = &req.EnvID
		case "define":
			target = &req.Define
		case "type":
			target = &req.Type
		case "version":
			target = &req.Version
		case "apis":
		case "oas_version":
			target = &req.OASVersion
		default:
			if isExtra {
				break
			}
			param := key
			if !plainName(key) {
				param = "body"
			}
			return req, InvalidParam(param, "%q is not a field of the export request", key)
		}
		if seen[key] {
			return req, InvalidParam(key, "the field is given twice")
		}
		seen[key] = true
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return req, malformed("%s", jsonReason(err))
		}
		switch {
		case isExtra:
			if err := json.Unmarshal(raw, target); err != nil {
				return req, InvalidParam(key, "expected %s", jsonKindOf(target))
			}
		case key == "apis":
			if !decodeIDs(raw, &req.APIs) {
				return req, InvalidParam(key, "expected an array of strings")
			}
		default:
			if err := json.Unmarshal(raw, target); err != nil {
				return req, InvalidParam(key, "expected a string")
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return req, malformed("%s", jsonReason(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return req, malformed("expected the end of the body after the JSON object")
	}
	return req, nil
}

// plainName reports whether an unknown key can stand as the parameter
// name of a message: 1 to 64 letters, digits, '_' or '-'.
func plainName(key string) bool {
	if key == "" || len(key) > 64 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// decodeIDs decodes an array of strings (or null) without letting a null
// element pass as an empty ID.
func decodeIDs(raw json.RawMessage, ids *[]string) bool {
	var elems []*string
	if json.Unmarshal(raw, &elems) != nil {
		return false
	}
	for _, e := range elems {
		if e == nil {
			return false
		}
		*ids = append(*ids, *e)
	}
	return true
}

// jsonReason says what was wrong with the JSON text.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the JSON text ends too early"
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d: %s", syn.Offset, syn.Error())
	}
	return "invalid JSON: " + err.Error()
}

func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// jsonKindOf names the JSON value that target, a pointer, takes.
func jsonKindOf(target any) string {
	switch target.(type) {
	case *bool:
		return "a boolean"
	case *string:
		return "a string"
	case *int, *int64, *float64:
		return "a number"
	}
	return "another value"
}
