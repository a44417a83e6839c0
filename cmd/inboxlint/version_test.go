package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// buildInfo fabricates what runtime/debug.ReadBuildInfo returns for a
// binary with module version v and the given build settings (key, value,
// key, value, ...), since a test binary has no version or VCS information.
func buildInfo(v string, settings ...string) *debug.BuildInfo {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Path: "github.com/inboxlint/inboxlint/cmd/inboxlint"}
	info.Main = debug.Module{Path: "github.com/inboxlint/inboxlint", Version: v}
	for i := 0; i+1 < len(settings); i += 2 {
		info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return info
}

const testRevision = "0123456789abcdef0123456789abcdef01234567"

func TestFormatVersion(t *testing.T) {
	vcs := func(modified string) []string {
		return []string{"-trimpath", "true", "vcs", "git", "vcs.revision", testRevision, "vcs.time", "2025-12-01T21:37:00Z", "vcs.modified", modified}
	}
	tests := []struct {
		name    string
		info    *debug.BuildInfo
		release string
		want    string
	}{
		{"go install of a tag (module zip: no VCS)", buildInfo("v1.2.0"), "", "v1.2.0"},
		{"go install of a pseudo-version", buildInfo("v1.2.1-0.20251201213700-0123456789ab"), "", "v1.2.1-0.20251201213700-0123456789ab"},
		{"go build in a clean clone at a tag", buildInfo("v1.2.0", vcs("false")...), "", "v1.2.0 (revision 0123456789ab, clean)"},
		{"go build in a modified clone (Go 1.24 adds +dirty)", buildInfo("v0.0.0-20251201213700-0123456789ab+dirty", vcs("true")...), "",
			"v0.0.0-20251201213700-0123456789ab+dirty (revision 0123456789ab, modified)"},
		{"release build: the linked version wins", buildInfo("v0.0.0-20251201213700-0123456789ab", vcs("false")...), "v1.3.0", "v1.3.0 (revision 0123456789ab, clean)"},
		{"release build without VCS stamping", buildInfo("(devel)"), "v1.3.0", "v1.3.0"},
		{"go build without VCS stamping (-buildvcs=false)", buildInfo("(devel)"), "", "(devel)"},
		{"a test binary: no module version", buildInfo(""), "", "(devel)"},
		{"no build information at all", nil, "", "(devel)"},
		{"no build information, release build", nil, "v1.3.0", "v1.3.0"},
		{"a short revision is kept whole", buildInfo("(devel)", "vcs.revision", "abc123"), "", "(devel) (revision abc123)"},
		{"modified without a revision", buildInfo("v1.2.0", "vcs.modified", "true"), "", "v1.2.0 (modified)"},
		{"an unknown vcs.modified value is left out", buildInfo("v1.2.0", "vcs.revision", testRevision, "vcs.modified", "maybe"), "", "v1.2.0 (revision 0123456789ab)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatVersion(tt.info, tt.release); got != tt.want {
				t.Errorf("formatVersion = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionEverywhere checks that the version command, SARIF's driver and
// the language server's serverInfo report the same string, with a release
// version linked in as GoReleaser does it.
func TestVersionEverywhere(t *testing.T) {
	defer func(v string) { releaseVersion = v }(releaseVersion)
	releaseVersion = "v1.3.0-rc.1+build.7"
	want := version()
	if want != "v1.3.0-rc.1+build.7" {
		t.Fatalf("version() = %q, want the linked release version (a test binary has no VCS settings)", want)
	}

	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		var out, errOut bytes.Buffer
		if status := run(args, nil, &out, &errOut); status != exitOK || out.String() != "inboxlint "+want+"\n" || errOut.Len() > 0 {
			t.Errorf("inboxlint %s: status %d, stdout %q, stderr %q; want 0, %q, nothing", args[0], status, out.String(), errOut.String(), "inboxlint "+want+"\n")
		}
	}

	dir := t.TempDir()
	t.Chdir(dir) // inboxlint reads only inside the repository it runs in
	ad := filepath.Join(dir, "ad.md")
	if err := os.WriteFile(ad, []byte(lspClean), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if status := run([]string{"lint", "--format", "sarif", ad}, nil, &out, &errOut); status != exitOK {
		t.Fatalf("lint --format sarif: status %d, stderr %s", status, errOut.String())
	}
	var sarif struct {
		Runs []struct {
			Tool struct {
				Driver map[string]any `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("not a SARIF log with one run (%v):\n%s", err, out.String())
	}
	driver := sarif.Runs[0].Tool.Driver
	if driver["version"] != want {
		t.Errorf("SARIF driver version %v, want %q", driver["version"], want)
	}
	// SARIF's semanticVersion is SemVer without the "v" and the build
	// metadata.
	if driver["semanticVersion"] != "1.3.0-rc.1" {
		t.Errorf("SARIF driver semanticVersion %v, want \"1.3.0-rc.1\"", driver["semanticVersion"])
	}

	c := startLSP(t, newLSPServer("").serve)
	var got lspInitializeResult
	if err := c.call(lspMethodInitialize, map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}, &got); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if got.ServerInfo == nil {
		t.Fatal("initialize result has no serverInfo")
	}
	if got.ServerInfo.Name != "inboxlint" || got.ServerInfo.Version != want {
		t.Errorf("LSP serverInfo %+v, want inboxlint %q", got.ServerInfo, want)
	}
}
