package check

import (
	"errors"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// The formats a schema compiled with CompileDraft4 asserts, as
// santhosh-tekuri/jsonschema v6.0.3 asserts them for draft 4 (its
// format.go, Apache License 2.0), the implementation the OpenAPI 3.0
// oracle runs the official schema with: uri, uri-reference, email and
// regex, the four the official OpenAPI 3.0 schema names. Any other format
// is not checked (draft 4 leaves formats to the implementation).

// formatInvalid reports whether the string v is not of the format.
func (r *schemaRun) formatInvalid(format, v string) bool {
	if !r.draft4 {
		return checkFormat(format, v) == formatInvalid
	}
	check, ok := draft4Formats[format]
	return ok && !check(v)
}

var draft4Formats = map[string]func(string) bool{
	"uri": func(s string) bool {
		u, err := parseURL(s)
		return err == nil && u.IsAbs()
	},
	"uri-reference": func(s string) bool {
		if strings.Contains(s, `\`) {
			return false
		}
		_, err := parseURL(s)
		return err == nil
	},
	"regex": func(s string) bool {
		_, err := regexp.Compile(s)
		return err == nil
	},
	"email": isEmail,
}

// parseURL is url.Parse, refusing an IPv6 host without brackets or that is
// not an IPv6 address.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if host := u.Hostname(); strings.Contains(host, ":") {
		if !strings.Contains(u.Host, "[") || !strings.Contains(u.Host, "]") || !isIPv6(host) {
			return nil, errors.New("bad IPv6 host")
		}
	}
	return u, nil
}

func isIPv6(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	addr, err := netip.ParseAddr(s)
	return err == nil && addr.Zone() == ""
}

func isIPv4(s string) bool {
	groups := strings.Split(s, ".")
	if len(groups) != 4 {
		return false
	}
	for _, g := range groups {
		if len(g) > 1 && g[0] == '0' {
			return false
		}
		n, err := strconv.Atoi(g)
		if err != nil || n < 0 || n > 255 {
			return false
		}
	}
	return true
}

func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if len(label) < 1 || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return false
		}
		for _, ch := range label {
			switch {
			case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9', ch == '-':
			default:
				return false
			}
		}
	}
	return true
}

func isEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at == -1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 {
		return false
	}
	if len(local) > 1 && strings.HasPrefix(local, `"`) && strings.HasSuffix(local, `"`) {
		local := local[1 : len(local)-1]
		if strings.IndexByte(local, '\\') != -1 || strings.IndexByte(local, '"') != -1 {
			return false
		}
	} else {
		if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
			return false
		}
		for _, ch := range local {
			switch {
			case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9':
			case strings.ContainsRune(".!#$%&'*+-/=?^_`{|}~", ch):
			default:
				return false
			}
		}
	}
	if strings.HasPrefix(domain, "[") && strings.HasSuffix(domain, "]") {
		domain = domain[1 : len(domain)-1]
		if rem, ok := strings.CutPrefix(domain, "IPv6:"); ok {
			return isIPv6(rem)
		}
		return isIPv4(domain)
	}
	return isHostname(domain)
}
