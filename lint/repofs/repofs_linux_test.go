package repofs_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

// TestFastRead: Linux's fast path reads exactly what os.Root reads, takes
// the plain files (else the test would pass with the path dead), and
// declines everything os.Root refuses or that is not a regular file within
// the limit, so that the slow path words the error (TestReadFile).
func TestFastRead(t *testing.T) {
	_, root := tree(t)
	if !repofs.FastOn(root) {
		t.Skip("openat2 is not allowed here; the slow path is tested by TestReadFile")
	}
	taken := []string{"inside.txt", "sub/file.txt", "exact.txt", "link-dir/file.txt", "sub/../inside.txt", "./inside.txt"}
	declined := []string{
		// os.Root refuses these
		"../secret.txt", "sub/../../secret.txt", "link-out-abs", "link-out-rel", "sub/link-chain", "link-via-chain",
		"link-dir-out/secret.txt", "link-dir-out/repo/inside.txt", "link-zero", "link-fd1", "link-abs-inside",
		"loop", "missing.txt", "link-dangling", "link-dangle-out", "/etc/passwd", filepath.Join(root.Dir(), "inside.txt"),
		// not regular, or too large: the slow path says so
		"fifo", "sock", "dir", ".", "over.txt",
		// links os.Root follows, left to it (O_NOFOLLOW on the last name)
		"link-inside", "sub/link-up", "sub/link-sibling",
	}
	for _, rel := range taken {
		got, ok := repofs.FastRead(root, rel, small)
		want, err := root.ReadFile(filepath.Join(root.Dir(), rel), small)
		if !ok || err != nil || !bytes.Equal(got, want) {
			t.Errorf("fast read of %s = %q (taken %v), os.Root's = %q, %v", rel, got, ok, want, err)
		}
	}
	for _, rel := range declined {
		// a FIFO opened without O_NONBLOCK would wait for a writer
		if taken := nonBlocking(t, func() bool { _, ok := repofs.FastRead(root, rel, small); return ok }); taken {
			t.Errorf("fast read of %s taken, want it declined", rel)
		}
	}
	if !repofs.FastOn(root) {
		t.Error("a declined read turned the fast path off")
	}
	// off, as without openat2: nothing is taken, and ReadFile still reads
	repofs.FastOff(root)
	if _, ok := repofs.FastRead(root, "inside.txt", small); ok {
		t.Error("a fast path that is off read a file")
	}
	if got, err := root.ReadFile(filepath.Join(root.Dir(), "sub/file.txt"), small); err != nil || string(got) != "in sub" {
		t.Errorf("ReadFile with the fast path off = %q, %v", got, err)
	}
}

// The fast path reads every byte of a file whatever its size, about the
// 512 bytes its first read asks for at the least and the one more byte
// than fstat's size it asks for (which tells it the read is the last).
func TestFastReadSizes(t *testing.T) {
	_, root := tree(t)
	if !repofs.FastOn(root) {
		t.Skip("openat2 is not allowed here")
	}
	lim := repofs.Limit{Bytes: 1 << 20, What: "a test file"}
	for _, n := range []int{0, 1, 15, 510, 511, 512, 513, 1023, 1024, 4095, 4096, 4097, 100_000, 1 << 20} {
		data := bytes.Repeat([]byte("0123456789abcdef\n"), n/17+1)[:n]
		name := fmt.Sprintf("size-%d.txt", n)
		write(t, filepath.Join(root.Dir(), name), string(data))
		got, ok := repofs.FastRead(root, name, lim)
		if !ok || !bytes.Equal(got, data) {
			t.Errorf("fast read of %d bytes: %d bytes, taken %v", n, len(got), ok)
		}
	}
}

// TestReadDir: the walk's ReadDir lists what os.Root's ReadDir lists, with
// the same types and the same Info, looked up inside the root.
func TestReadDir(t *testing.T) {
	_, root := tree(t)
	t.Chdir(t.TempDir()) // Info must not look the names up from here
	for _, dir := range []string{".", "sub", "link-dir", "dir"} {
		got, err := repofs.ReadDir(root, dir)
		if err != nil {
			t.Fatalf("ReadDir(%s): %v", dir, err)
		}
		want, err := repofs.RootReadDir(root, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("ReadDir(%s): %d entries, os.Root's %d", dir, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Name() != w.Name() || g.Type() != w.Type() || g.IsDir() != w.IsDir() {
				t.Errorf("ReadDir(%s)[%d] = %s %v, os.Root's %s %v", dir, i, g.Name(), g.Type(), w.Name(), w.Type())
				continue
			}
			gi, gerr := g.Info()
			wi, werr := w.Info()
			if gerr != nil || werr != nil || gi.Mode() != wi.Mode() || gi.Size() != wi.Size() {
				t.Errorf("ReadDir(%s) %s Info = %v, %v; os.Root's %v, %v", dir, g.Name(), gi, gerr, wi, werr)
			}
		}
	}
	for _, dir := range []string{"link-dir-out", "missing", "inside.txt", "../repo"} {
		if _, err := repofs.ReadDir(root, dir); err == nil {
			t.Errorf("ReadDir(%s) succeeded", dir)
		}
	}
}
