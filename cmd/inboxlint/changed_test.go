package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

// TestMissedChanges: the safety net of --changed-since counts the changed
// templates a walk of the linted paths would have found, so that a run in
// which none of them matched (paths that fail to compare) is an error, not
// a pass; files the walk skips or that are no templates do not count.
func TestMissedChanges(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const tpl = "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n"
	files := map[string]string{
		"ads/a.md":              tpl,
		"ads/deep/b.MD":         tpl,
		"ads/.drafts/c.md":      tpl,
		"ads/node_modules/d.md": tpl,
		"ads/README.md":         "# notes\n",
		"ads/e.txt":             tpl,
		"other/f.md":            tpl,
	}
	changed := map[string]bool{}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		changed[p] = true
	}
	changed[filepath.Join(dir, "ads", "deleted.md")] = true
	t.Chdir(dir)
	root, err := repofs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	tests := []struct {
		paths []string
		want  int
	}{
		{[]string{"ads"}, 2},                     // a.md and deep/b.MD
		{[]string{"."}, 3},                       // and other/f.md
		{[]string{"ads/a.md"}, 1},                // a file named
		{[]string{"ads/.drafts"}, 1},             // named, a hidden directory is walked
		{[]string{"other", "ads/a.md"}, 2},       //
		{[]string{"ads/README.md"}, 0},           // no template
		{[]string{filepath.Dir(dir)}, 0},         // outside the root
		{[]string{filepath.Join(dir, "ads")}, 2}, // absolute
	}
	for _, tt := range tests {
		if got := missedChanges(root, changed, tt.paths); got != tt.want {
			t.Errorf("missedChanges(%q) = %d, want %d", tt.paths, got, tt.want)
		}
	}
	// Through a link to the directory: the same templates.
	link := filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-link")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip(err)
	}
	defer os.Remove(link)
	t.Chdir(link)
	t.Setenv("PWD", link)
	lroot, err := repofs.Open(repofs.FindRoot("."))
	if err != nil {
		t.Fatal(err)
	}
	defer lroot.Close()
	if got := missedChanges(lroot, changed, []string{"ads"}); got != 2 {
		t.Errorf("through a link: missedChanges(ads) = %d, want 2", got)
	}
}
