package lint_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifOut struct {
	Runs []struct {
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
		Results            []struct {
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation sarifArtifact `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func sarifFor(t *testing.T, root string, files ...string) sarifOut {
	t.Helper()
	r := &lint.Result{Files: len(files)}
	for _, f := range files {
		r.Diagnostics = append(r.Diagnostics, lint.Diagnostic{File: f, Rule: "syntax", Severity: lint.SeverityError, Message: "m",
			Span: render.Span{Start: render.Pos{Line: 1, Col: 1}, End: render.Pos{Line: 1, Col: 2}}})
	}
	f, err := lint.NewFormatter("sarif", lint.FormatOptions{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, r); err != nil {
		t.Fatal(err)
	}
	var out sarifOut
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	return out
}

// SARIF locations are percent-encoded URI references relative to
// %SRCROOT%, the repository root (RFC 3986 path rules: a reserved or
// non-ASCII character is written %XX, and a colon in the first segment
// too, or the reference would read as a URI with a scheme).
func TestSARIFArtifactURI(t *testing.T) {
	root := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file, uri, base string
	}{
		{"ads/webinar.md", "ads/webinar.md", "%SRCROOT%"},
		{"c#1.md", "c%231.md", "%SRCROOT%"},
		{"d%41.md", "d%2541.md", "%SRCROOT%"},
		{"a b.md", "a%20b.md", "%SRCROOT%"},
		{"ü.md", "%C3%BC.md", "%SRCROOT%"},
		{"q?x=1.md", "q%3Fx=1.md", "%SRCROOT%"},
		{"x:y.md", "x%3Ay.md", "%SRCROOT%"},
		{"ads/x:y.md", "ads/x:y.md", "%SRCROOT%"},
		{"[a]/b\\c.md", "%5Ba%5D/b%5Cc.md", "%SRCROOT%"},
		{"it's (1)+!$&*,;=@~.md", "it's%20(1)+!$&*,;=@~.md", "%SRCROOT%"},
		{"a\n::error::x.md", "a%0A%3A%3Aerror%3A%3Ax.md", "%SRCROOT%"},
		{"ads/a\n::error::x.md", "ads/a%0A::error::x.md", "%SRCROOT%"},
		{"./sub/../ad.md", "ad.md", "%SRCROOT%"},
		{filepath.Join(root, "deep", "ad.md"), "deep/ad.md", "%SRCROOT%"},
		// a file outside the root has no relative reference: an absolute
		// file URI, with no base
		{filepath.Join(filepath.Dir(root), "other dir", "ad.md"), "file://" + filepath.ToSlash(filepath.Dir(root)) + "/other%20dir/ad.md", ""},
	}
	// relative names are relative to the working directory: name the
	// files from there, uncleaned
	fromWD, err := filepath.Rel(wd, root)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, tt := range tests {
		f := tt.file
		if !filepath.IsAbs(f) {
			f = fromWD + string(filepath.Separator) + f
		}
		files = append(files, f)
	}
	out := sarifFor(t, root, files...)
	res := out.Runs[0].Results
	for i, tt := range tests {
		got := res[i].Locations[0].PhysicalLocation.ArtifactLocation
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("%q: artifactLocation {uri: %q, uriBaseId: %q}, want {%q, %q}", tt.file, got.URI, got.URIBaseID, tt.uri, tt.base)
		}
	}
	base, ok := out.Runs[0].OriginalURIBaseIDs["%SRCROOT%"]
	if want := "file://" + filepath.ToSlash(root) + "/"; !ok || base.URI != want || base.URIBaseID != "" {
		t.Errorf("originalUriBaseIds[%%SRCROOT%%] = %+v, want {uri: %q}", base, want)
	}
}

// Without a root the working directory is the root, so the names the
// engine prints relative to it stay as they are.
func TestSARIFArtifactURIDefaultRoot(t *testing.T) {
	out := sarifFor(t, "", "testdata/a b.md")
	got := out.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if got.URI != "testdata/a%20b.md" || got.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifactLocation = %+v, want testdata/a%%20b.md relative to %%SRCROOT%%", got)
	}
}

// A root reached through a symbolic link (macOS's /tmp) still holds the
// files named by their real path.
func TestSARIFArtifactURISymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "ads"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.WriteFile(filepath.Join(real, "ads", "a.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := sarifFor(t, link, filepath.Join(real, "ads", "a.md"))
	got := out.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if got.URI != "ads/a.md" || got.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifactLocation = %+v, want ads/a.md relative to %%SRCROOT%%", got)
	}
}
