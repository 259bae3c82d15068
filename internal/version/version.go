// Package version says which apigexport this is, the same way for the
// command (apigexport version) and the web page's module.
package version

import (
	"runtime/debug"
	"strings"
)

// stamp is set at link time by make build and make wasm:
//
//	-ldflags "-X github.com/apigexport/apigexport/internal/version.stamp=$(git describe --tags --always --dirty)"
var stamp string

// String is the version: the stamp of make build (git describe), else the
// module version of go install ...@v1.2.3, else the VCS revision that go
// build records in a git checkout (12 hex digits, "-dirty" when the tree
// had changes), else "devel".
func String() string {
	if stamp != "" {
		return stamp
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return fromBuildInfo(info)
}

func fromBuildInfo(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	rev = rev[:min(len(rev), 12)]
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + strings.ToLower(rev)
}
