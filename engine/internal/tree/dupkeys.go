package tree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// A key that an object has twice makes a document ambiguous: JSON readers
// keep the last one (encoding/json, and so go-openapi/validate), or the
// first, or refuse the file (YAML readers). Validate, ValidateStrict and
// Import refuse it alike, JSON or YAML, with an error finding at the
// pointer of the key: what the user meant cannot be known, and keeping one
// silently would drop an operation or a parameter without a word.

// DuplicateKey is a key that an object has twice: at is the pointer of
// the key, first and again the lines where it is given.
type DuplicateKey struct {
	At, Key      string
	First, Again int
}

// Message says what is wrong, for a finding at the key's pointer.
func (d DuplicateKey) Message() string {
	lines := fmt.Sprintf("lines %d and %d", d.First, d.Again)
	if d.First == d.Again {
		lines = fmt.Sprintf("line %d", d.First)
	}
	return fmt.Sprintf("the key %q is given twice (%s): which one counts is ambiguous, so the document is refused", d.Key, lines)
}

// jsonDuplicateKeys finds the keys that an object of a valid JSON text
// has more than once, in the order of the text.
func jsonDuplicateKeys(raw []byte) []DuplicateKey {
	type frame struct {
		object  bool
		wantKey bool
		seg     string         // the current key, or the array index
		index   int            // arrays: the current index
		keys    map[string]int // objects with many keys: key -> offset
		small   []keyOffset    // objects with few keys
	}
	var (
		stack []frame
		out   []DuplicateKey
	)
	line := func(off int) int { return 1 + bytes.Count(raw[:off], []byte{'\n'}) }
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '{':
			stack = append(stack, frame{object: true, wantKey: true})
		case '[':
			stack = append(stack, frame{seg: "0"})
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			top := &stack[len(stack)-1]
			if top.object {
				top.wantKey = true
			} else {
				top.index++
				top.seg = strconv.Itoa(top.index)
			}
		case '"':
			j := i + 1
			escaped := false
			for ; raw[j] != '"'; j++ {
				if raw[j] == '\\' {
					escaped = true
					j++
				}
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				top := &stack[n-1]
				top.wantKey = false
				key := string(raw[i+1 : j])
				if escaped {
					if err := json.Unmarshal(raw[i:j+1], &key); err != nil {
						key = string(raw[i+1 : j])
					}
				}
				top.seg = key
				first, dup := -1, false
				if top.keys != nil {
					first, dup = top.keys[key]
				} else {
					for _, k := range top.small {
						if k.key == key {
							first, dup = k.off, true
							break
						}
					}
				}
				if dup {
					segs := make([]string, len(stack))
					for k, f := range stack {
						segs[k] = f.seg
					}
					out = append(out, DuplicateKey{Pointer("", segs...), key, line(first), line(i)})
				} else if top.keys != nil {
					top.keys[key] = i
				} else if top.small = append(top.small, keyOffset{key, i}); len(top.small) > 16 {
					top.keys = make(map[string]int, 2*len(top.small))
					for _, k := range top.small {
						top.keys[k.key] = k.off
					}
					top.small = nil
				}
			}
			i = j
		}
	}
	return out
}

type keyOffset struct {
	key string
	off int
}
