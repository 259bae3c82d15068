package model

import (
	"bytes"
	"encoding/json"
)

// Encode writes a bundle as a bundle file: JSON indented with tabs, keys in
// the model's field order, a newline at the end. The same bundle always
// gives the same bytes.
func Encode(b *Bundle) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
