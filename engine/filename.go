package engine

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileNameBytes bounds the names that [Export] and [Import] suggest,
// extension included: under the 255 bytes that file systems allow, with
// room for the " (1)" a browser adds to a name that exists.
const maxFileNameBytes = 200

// safeFileName is stem + "." + ext made a single file name that every
// common file system takes and no caller can mistake for a path: path
// separators, control and bidirectional-override characters and the
// characters Windows refuses (: * ? " < > |) become _, leading dots,
// dashes and spaces and trailing dots and spaces go, a Windows device
// name (CON, NUL, COM1, ...) gets a _ in front, and the stem is cut, at
// a character boundary, so that the whole name has at most
// maxFileNameBytes bytes. Other characters, letters of any script
// included, are kept. A stem with nothing left becomes fallback.
//
// It is the one rule for [Result.FileName] and [ImportResult.FileName].
func safeFileName(stem, ext, fallback string) string {
	name := strings.Map(func(r rune) rune {
		if unsafeInFileName(r) {
			return '_'
		}
		return r
	}, stem)
	name = strings.TrimLeft(name, ". -")
	max := maxFileNameBytes - len(ext) - 1
	if len(name) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	name = strings.TrimRight(name, ". ")
	if strings.Trim(name, "_") == "" {
		name = fallback
	}
	if isWindowsDevice(name) {
		name = "_" + name
	}
	return name + "." + ext
}

// unsafeInFileName reports whether r has no place in a file name.
func unsafeInFileName(r rune) bool {
	switch {
	case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`/\:*?"<>|`, r):
		return true
	case r == '\u2028', r == '\u2029': // line and paragraph separators
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f':
		// Bidirectional overrides make "x\u202egpj.exe" look like x.exe.jpg.
		return true
	}
	return false
}

// isWindowsDevice reports whether name, up to its first dot, is one of
// the device names that Windows reserves whatever the extension.
func isWindowsDevice(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '1' && base[3] <= '9'
	}
	return false
}
