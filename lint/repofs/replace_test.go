package repofs_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

func TestReplaceFile(t *testing.T) {
	outer, root := tree(t)
	repo := filepath.Join(outer, "repo")
	p := filepath.Join(repo, "sub", "file.txt")
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := root.ReplaceFile(p, []byte("in sub"), []byte("fixed")); err != nil {
		t.Fatalf("ReplaceFile: %v", err)
	}
	if got := readBack(t, p); got != "fixed" {
		t.Errorf("file holds %q, want %q", got, "fixed")
	}
	if runtime.GOOS != "windows" {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o640 {
			t.Errorf("mode after ReplaceFile = %v (%v), want 0640 kept", st.Mode().Perm(), err)
		}
	}
	noTemp(t, filepath.Join(repo, "sub"))

	refusals := []struct {
		name, path string
		old        string
		kind       error
		msg        string
	}{
		{"changed since read", "inside.txt", "hullo", repofs.ErrChanged, "changed since it was read"},
		{"longer since read", "inside.txt", "hell", repofs.ErrChanged, "changed since it was read"},
		{"a link to a file inside", "link-inside", "hello", repofs.ErrSymlink, "a symbolic link"},
		{"a link to a file outside", "link-out-rel", "SECRET", repofs.ErrSymlink, "a symbolic link"},
		{"in a linked directory", "link-dir/file.txt", "fixed", repofs.ErrSymlink, "a symbolic link"},
		{"outside", filepath.Join(outer, "secret.txt"), "SECRET", repofs.ErrOutside, "outside the repository"},
		{"a directory", "dir", "", repofs.ErrNotRegular, "a directory"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if !filepath.IsAbs(path) {
				path = filepath.Join(repo, path)
			}
			before, _ := os.ReadFile(path)
			err := root.ReplaceFile(path, []byte(tt.old), []byte("OVERWRITTEN"))
			if !errors.Is(err, tt.kind) || err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("ReplaceFile = %v, want %v (%q)", err, tt.kind, tt.msg)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("refused file changed: %q, was %q", after, before)
			}
			if e := root.Replaceable(path); !errors.Is(tt.kind, repofs.ErrChanged) && !errors.Is(e, tt.kind) {
				t.Errorf("Replaceable = %v, want %v", e, tt.kind)
			}
			noTemp(t, filepath.Dir(path))
		})
	}
	if got := readBack(t, filepath.Join(outer, "secret.txt")); got != "SECRET" {
		t.Errorf("the file outside holds %q", got)
	}
	if err := root.Replaceable(filepath.Join(repo, "inside.txt")); err != nil {
		t.Errorf("Replaceable(inside.txt) = %v", err)
	}
}

// noTemp fails when ReplaceFile left a temporary file in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
