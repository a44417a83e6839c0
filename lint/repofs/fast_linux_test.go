//go:build linux

package repofs

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fastTree makes a repository with files, links in and out of it, a FIFO
// and a directory, and a secret beside it, and returns the open Root.
func fastTree(t *testing.T) *Root {
	t.Helper()
	outer, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(outer, "repo")
	for _, d := range []string{"sub/deeper", "dir"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"../secret.txt":       "SECRET",
		"inside.txt":          "hello",
		"sub/file.txt":        "in sub",
		"sub/deeper/x.md":     "x",
		"exact.txt":           strings.Repeat("x", 16),
		"over.txt":            strings.Repeat("x", 17),
		"empty.txt":           "",
		"sub/deeper/page.txt": strings.Repeat("ü", 8),
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"link-inside":     "inside.txt",
		"sub/link-up":     "../inside.txt",
		"link-dir":        "sub",
		"link-out-abs":    filepath.Join(outer, "secret.txt"),
		"link-out-rel":    "../secret.txt",
		"sub/link-chain":  "../../secret.txt",
		"link-via-chain":  "sub/link-chain",
		"link-dir-out":    "..",
		"link-zero":       "/dev/zero",
		"link-self-fd":    "/proc/self/fd/0",
		"link-abs-inside": filepath.Join(repo, "inside.txt"),
		"loop":            "loop",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(repo, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(repo, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	if r.fast == nil {
		t.Fatal("no fast read path on Linux")
	}
	return r
}

// TestFastRead: the fast path reads exactly what os.Root reads, takes the
// plain files (else the test would pass with the path dead), and declines
// everything os.Root refuses or that is not a regular file within the
// limit, so the slow path words the error.
func TestFastRead(t *testing.T) {
	r := fastTree(t)
	lim := limit{Bytes: 16, What: "a test file"}
	taken := []string{"inside.txt", "sub/file.txt", "sub/deeper/x.md", "exact.txt", "empty.txt", "sub/deeper/page.txt", "link-dir/file.txt", "sub/../inside.txt", "./inside.txt"}
	declined := []string{
		// os.Root refuses these
		"../secret.txt", "sub/../../secret.txt", "link-out-abs", "link-out-rel", "sub/link-chain",
		"link-via-chain", "link-dir-out/secret.txt", "link-dir-out/repo/inside.txt", "link-zero", "link-self-fd",
		"link-abs-inside", "loop", "missing.txt", "/etc/passwd", filepath.Join(r.Dir(), "inside.txt"),
		// not regular, or too large: the slow path says so
		"fifo", "dir", ".", "over.txt",
		// links os.Root follows, left to it (O_NOFOLLOW on the last name)
		"link-inside", "sub/link-up",
	}
	if r.fast.off.Load() {
		t.Skip("openat2 is not allowed here; the slow path is tested by TestReadFile")
	}
	for _, rel := range taken {
		got, ok := r.fast.read(rel, lim)
		if !ok {
			t.Errorf("fast read of %s declined", rel)
			continue
		}
		want, err := r.ReadFile(filepath.Join(r.Dir(), rel), lim)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("fast read of %s = %q, os.Root's = %q, %v", rel, got, want, err)
		}
	}
	for _, rel := range declined {
		if got, ok := r.fast.read(rel, lim); ok {
			t.Errorf("fast read of %s = %q, want it declined", rel, got)
		}
	}
	if r.fast.off.Load() {
		t.Error("a declined read turned the fast path off")
	}
}

// TestFastReadOff: with the fast path off (no openat2), reads take
// os.Root's path with the same results.
func TestFastReadOff(t *testing.T) {
	r := fastTree(t)
	lim := limit{Bytes: 16, What: "a test file"}
	r.fast.off.Store(true)
	if _, ok := r.fast.read("inside.txt", lim); ok {
		t.Fatal("a fast path that is off read a file")
	}
	got, err := r.ReadFile(filepath.Join(r.Dir(), "sub/file.txt"), lim)
	if err != nil || string(got) != "in sub" {
		t.Errorf("ReadFile with the fast path off = %q, %v", got, err)
	}
}

// TestReadDir: readDir lists what os.Root's ReadDir lists, with the same
// types and the same Info, read inside the root.
func TestReadDir(t *testing.T) {
	r := fastTree(t)
	t.Chdir(t.TempDir()) // Info must not look the names up from here
	for _, dir := range []string{".", "sub", "sub/deeper", "link-dir", "dir"} {
		got, err := readDir(r.root, dir)
		if err != nil {
			t.Fatalf("readDir(%s): %v", dir, err)
		}
		want, err := fs.ReadDir(r.root.FS(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("readDir(%s): %d entries, os.Root's %d", dir, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Name() != w.Name() || g.Type() != w.Type() || g.IsDir() != w.IsDir() {
				t.Errorf("readDir(%s)[%d] = %s %v, os.Root's %s %v", dir, i, g.Name(), g.Type(), w.Name(), w.Type())
				continue
			}
			gi, gerr := g.Info()
			wi, werr := w.Info()
			if gerr != nil || werr != nil || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() {
				t.Errorf("readDir(%s) %s Info = %v, %v; os.Root's %v, %v", dir, g.Name(), gi, gerr, wi, werr)
			}
		}
	}
	for _, dir := range []string{"link-dir-out", "missing", "inside.txt", "../repo"} {
		if _, err := readDir(r.root, dir); err == nil {
			t.Errorf("readDir(%s) succeeded", dir)
		}
	}
}
