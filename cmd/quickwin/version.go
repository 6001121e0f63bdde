package main

import (
	"runtime/debug"
	"strings"
)

// versionString is the version given at build time (-ldflags
// "-X main.version=v1.2.3", as the Dockerfile does), or else what the Go
// toolchain recorded in the binary: the module version (go install
// quickwin/cmd/quickwin@v1.2.3, or a pseudo-version in a git checkout) and
// the VCS revision and time (go build in a git checkout; "+dirty" when the
// tree had changes). "dev" only when none of that is known.
func versionString() string {
	if version != "dev" && version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	return describeBuild(info)
}

// describeBuild formats build info: "v0.0.0-20261201-abc+dirty (revision
// abcdef123456, 2026-12-01T14:00:00Z, modified)".
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	details := []string{"revision " + rev}
	if at != "" {
		details = append(details, at)
	}
	if modified {
		details = append(details, "modified")
	}
	return v + " (" + strings.Join(details, ", ") + ")"
}
