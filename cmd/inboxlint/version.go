package main

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

// releaseVersion is the version of a release build. GoReleaser sets it
// with -ldflags "-X main.releaseVersion=v{{ .Version }}" (see
// .goreleaser.yaml), so a release binary names its tag even when it is
// built without VCS information. Other builds leave it empty and take the
// version Go stamps into the binary.
var releaseVersion string

// formatVersion is what `inboxlint version` prints after "inboxlint ", and
// what SARIF and the language server report: the version, then the VCS
// revision and whether the working tree had uncommitted changes, when the
// build recorded them. For example:
//
//	v1.2.0                                                 go install …@v1.2.0
//	v1.2.0 (revision 0123456789ab, clean)                  a release build
//	v0.0.0-20251201213700-0123456789ab+dirty (revision 0123456789ab, modified)
//	(devel)                                                go run, tests
//
// release, when set, wins over the module version of info: a release build
// knows its tag even if Go could not stamp it. info may be nil (a binary
// built without module support).
func formatVersion(info *debug.BuildInfo, release string) string {
	v := release
	if v == "" && info != nil && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	if info == nil {
		return v
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	var parts []string
	if revision != "" {
		// Twelve hex digits, as in Go's pseudo-versions: enough to find the
		// commit, short enough to read.
		if len(revision) > 12 {
			revision = revision[:12]
		}
		parts = append(parts, "revision "+revision)
	}
	switch modified {
	case "true":
		parts = append(parts, "modified")
	case "false":
		parts = append(parts, "clean")
	}
	if len(parts) == 0 {
		return v
	}
	return fmt.Sprintf("%s (%s)", v, strings.Join(parts, ", "))
}

// printVersion is the version command (also --version and -v): one line,
// on standard output, so that scripts and bug reports can quote it.
func (c *cli) printVersion(args []string) int {
	for _, a := range args {
		if a == "-h" || a == "--help" {
			writeHelp(c.stdout, "version", nil)
			return exitOK
		}
	}
	if len(args) > 0 {
		return c.fail(errors.New("version takes no arguments"))
	}
	fmt.Fprintf(c.stdout, "inboxlint %s\n", version())
	return exitOK
}
