package tree

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// JSONError is "invalid JSON at line L, column C: what" for an error of
// encoding/json reading data: a line and column (from 1, the column in
// characters) where an editor goes, not a byte offset. base is where the
// bytes that were read start in data.
func JSONError(data []byte, base int, err error) string {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := int(se.Offset) - 1 // the offending byte
		if strings.HasPrefix(msg, "unexpected end") {
			off = len(data) - base
		}
		return fmt.Sprintf("invalid JSON at %s: %s", LineColumn(data, base+off), msg)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("invalid JSON at %s: unexpected end of JSON input", LineColumn(data, len(data)))
	}
	return "invalid JSON: " + msg
}

// LineColumn is "line L, column C" for the byte offset off of data.
func LineColumn(data []byte, off int) string {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:off], '\n')+1:off])
	return fmt.Sprintf("line %d, column %d", line, col)
}
