package check

import (
	"slices"
	"strings"
)

// The gateway's dialect of Swagger: the keys of operations, the predefined
// security schemes and path templates, shared by the builders, the
// importers and the checkers.

// The predefined security schemes, present in every export; SchemeCustom
// is followed by the authorizer's name.
const (
	SchemeApp       = "apig-auth-app"
	SchemeAppHeader = "apig-auth-app-header"
	SchemeIAM       = "apig-auth-iam"
	SchemeCustom    = "apig-auth-custom-" // + authorizer name
)

// MethodOrder is the order of operations in a Path Item (go-openapi's);
// MethodKeys are their keys, and HTTPMethods the same keys sorted, as
// validators walk them. The gateway's methods, ANY included, are
// model.Methods.
var (
	MethodOrder = [...]string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"}
	MethodKeys  = func() (keys [len(MethodOrder)]string) {
		for i, m := range MethodOrder {
			keys[i] = strings.ToLower(m)
		}
		return keys
	}()
	HTTPMethods = func() [len(MethodKeys)]string {
		keys := MethodKeys
		slices.Sort(keys[:])
		return keys
	}()
)

// AnyMethodKey is the Path Item key of an API whose method is ANY.
const AnyMethodKey = "x-apigateway-any-method"

// Path templates. A parameter is a "{", then one or more characters that
// are not braces, then "}": the reference (go-openapi/validate) finds them
// with the regular expression {[^{}]+?} in each segment of a path, and
// calls a path or parameter garbled when it matches .*[{}\s]+.* or
// {.*[{}\s]+.*}. These scanners do the same without regexp, which is slow
// in the browser.

// ParamSpans calls f with the start and end of each {name} token of s. With
// inSegment a token does not cross a "/", as it would not in the path's
// segments taken one by one (the validator's view); without, s is one
// segment (the export's view of a gateway path, whose {name+} may hold
// anything but braces).
func ParamSpans(s string, inSegment bool, f func(i, j int)) {
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '{' && s[j] != '}' && !(inSegment && s[j] == '/') {
			j++
		}
		if j < len(s) && s[j] == '}' && j > i+1 {
			f(i, j+1)
			i = j
		}
	}
}

// ReplaceParams replaces each {name} token of s (paramSpans' view) with repl.
func ReplaceParams(s string, inSegment bool, repl string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	ParamSpans(s, inSegment, func(i, j int) {
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = j
	})
	b.WriteString(s[last:])
	return b.String()
}

// TemplateParams returns the names of a path's {name} and {name+}
// parameters ("name+" for the latter), in order.
func TemplateParams(path string) []string {
	var names []string
	ParamSpans(path, false, func(i, j int) { names = append(names, path[i+1:j-1]) })
	return names
}

// PathShape is a path with its parameters' names left out: paths with the
// same shape are the same path to Swagger.
func PathShape(path string) string { return ReplaceParams(path, false, "{}") }

// extractPathParams returns the {name} tokens of each segment of path.
func extractPathParams(path string) []string {
	var out []string
	ParamSpans(path, true, func(i, j int) { out = append(out, path[i:j]) })
	return out
}

// stripPathParams replaces each {name} token of each segment with X.
func stripPathParams(path string) string { return ReplaceParams(path, true, "X") }

// isSpaceRE is \s of Go's regexp: space, \t, \n, \f, \r.
func isSpaceRE(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// garbledPath is .*[{}\s]+.* : any brace or space.
func garbledPath(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '{' || c == '}' || isSpaceRE(c) {
			return true
		}
	}
	return false
}

// garbledParam is {.*[{}\s]+.*} : after a "{", a run of braces or spaces
// (newlines included), then a "}"; the .* parts hold no newline.
func garbledParam(s string) bool {
	class := func(c byte) bool { return c == '{' || c == '}' || isSpaceRE(c) }
	for i := 0; i < len(s); i++ {
		if s[i] != '{' {
			continue
		}
		for k := i + 1; k < len(s); k++ {
			if class(s[k]) {
				m := k
				for ; m < len(s) && class(s[m]); m++ {
					if s[m] == '}' && m > k {
						return true
					}
				}
				for j := m; j < len(s) && s[j] != '\n'; j++ {
					if s[j] == '}' {
						return true
					}
				}
			}
			if s[k] == '\n' {
				break
			}
		}
	}
	return false
}
