package check

import (
	"net"
	"net/mail"
	"net/url"
	"strings"
	"sync/atomic"
)

// String formats are checked as go-openapi/strfmt's default registry
// checks them, which is what go-openapi/validate uses. Engine does not
// import go-openapi/strfmt: with its dependencies it is about a third of
// an embedder's binary and of the WebAssembly module. The formats the
// Swagger 2.0 schema uses (uri, email) and a few simple ones are checked
// here, with go-openapi/strfmt v0.27.4's code; the others come from the
// registered [Reference] (TestFormats keeps both in step with
// go-openapi/strfmt).

// formatVerdict is what checkFormat says about a string.
type formatVerdict int

const (
	formatUnknown   formatVerdict = iota // not a format go-openapi/strfmt knows: not checked
	formatValid                          // of the format
	formatInvalid                        // not of the format
	formatUndecided                      // a format only the registered reference checks, and there is none
)

// strfmtFormats are the names of go-openapi/strfmt v0.27.4's default
// registry, normalised as it normalises them (without dashes; duration is
// duration-human).
var strfmtFormats = []string{
	"uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5", "uuid7",
	"isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password", "date",
	"datetime", "durationhuman", "durationiso8601", "bsonobjectid", "ulid", "currency", "country",
}

// normalizeFormat is go-openapi/strfmt's DefaultNameNormalizer.
func normalizeFormat(name string) string {
	if name == "duration" {
		name = "duration-human"
	}
	return strings.ReplaceAll(name, "-", "")
}

// builtinFormats are the formats engine checks itself.
var builtinFormats = map[string]func(string) bool{
	"uri": func(s string) bool {
		// strfmt's isRequestURI: url.ParseRequestURI takes no fragment.
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		_, err := url.ParseRequestURI(s)
		return err == nil
	},
	"email": func(s string) bool {
		addr, err := mail.ParseAddress(s)
		return err == nil && addr.Address != ""
	},
	"password": func(string) bool { return true },
	"ipv4": func(s string) bool {
		return net.ParseIP(s) != nil && strings.Contains(s, ".")
	},
	"ipv6": func(s string) bool {
		return net.ParseIP(s) != nil && strings.Contains(s, ":")
	},
}

// checkFormat checks s against the string format name.
func checkFormat(name, s string) formatVerdict {
	n := normalizeFormat(name)
	if f, ok := builtinFormats[n]; ok {
		if f(s) {
			return formatValid
		}
		return formatInvalid
	}
	known := false
	for _, k := range strfmtFormats {
		if k == n {
			known = true
			break
		}
	}
	if r := referenceFormat.Load(); r != nil {
		valid, ok := (*r)(name, s)
		switch {
		case !ok:
			return formatUnknown
		case valid:
			return formatValid
		default:
			return formatInvalid
		}
	}
	if known {
		return formatUndecided
	}
	return formatUnknown
}

// referenceFormat is the reference validator's check of a format, when
// one is registered.
var referenceFormat atomic.Pointer[func(name, s string) (valid, ok bool)]

// RegisterFormat makes f the reference's check of formats (nil: none).
func RegisterFormat(f func(name, s string) (valid, ok bool)) {
	if f == nil {
		referenceFormat.Store(nil)
		return
	}
	referenceFormat.Store(&f)
}
