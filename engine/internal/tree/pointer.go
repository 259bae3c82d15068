package tree

import "strings"

// JSON pointers (RFC 6901): the one way the engine builds, escapes and
// unescapes them.

// Pointer is base followed by the reference tokens, each escaped: ptr("",
// "paths", "/a") is "/paths/~1a".
func Pointer(base string, tokens ...string) string {
	n := len(base)
	for _, t := range tokens {
		n += 1 + len(t)
	}
	b := make([]byte, 0, n)
	b = append(b, base...)
	for _, t := range tokens {
		b = append(b, '/')
		b = appendEscaped(b, t)
	}
	return string(b)
}

// appendEscaped appends the token with ~ written ~0 and / written ~1.
func appendEscaped(b []byte, t string) []byte {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}

// Escape is the token escaped for a JSON pointer.
func Escape(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return string(appendEscaped(make([]byte, 0, len(t)+2), t))
}

// Unescape is the reference token that t, read from a JSON pointer,
// stands for.
func Unescape(t string) string {
	if !strings.Contains(t, "~") {
		return t
	}
	return pointerUnescaper.Replace(t)
}

var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
