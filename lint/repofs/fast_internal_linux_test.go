package repofs

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// readEntries, reading getdents64 itself, lists what os.File's ReadDir
// lists (its way when a type is missing), with the same types: for a
// directory of every kind of entry, and for one whose entries take many
// calls to read, names of every length.
func TestReadEntriesIsReadDir(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mk := func(p string) string {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, name := range []string{"kinds/file.md", "kinds/.hidden", "kinds/é ü.md", "kinds/sub/x"} {
		if err := os.WriteFile(mk(name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("file.md", mk("kinds/link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(mk("kinds/fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "kinds")) // a socket's path is short
	l, err := net.Listen("unix", "sock")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i := range 1500 {
		name := fmt.Sprintf("many/%0*d.md", 1+i%200, i)
		if err := os.WriteFile(mk(name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, sub := range []string{"kinds", "many", "kinds/sub"} {
		f, err := root.Open(sub)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := readEntries(int(f.Fd()), root, sub)
		if !ok {
			t.Fatalf("%s: readEntries declined a directory the file system gives every type for", sub)
		}
		want, err := readEntriesFile(f, root, sub)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range [][]rootEntry{got, want} {
			slices.SortFunc(l, func(a, b rootEntry) int { return strings.Compare(a.name, b.name) })
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: readEntries lists %d entries, os.File's ReadDir %d\n%v\nwant\n%v", sub, len(got), len(want), names(got), names(want))
		}
		if sub == "many" && len(got) != 1500 {
			t.Errorf("many: %d entries, want 1500", len(got))
		}
	}
}

func names(es []rootEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s %v", e.name, e.typ))
	}
	if len(out) > 20 {
		out = out[:20]
	}
	return out
}

// direntType names the types os.File's ReadDir names, and leaves
// DT_UNKNOWN to lstat.
func TestDirentType(t *testing.T) {
	for dt, want := range map[byte]os.FileMode{
		syscall.DT_REG: 0, syscall.DT_DIR: os.ModeDir, syscall.DT_LNK: os.ModeSymlink, syscall.DT_FIFO: os.ModeNamedPipe,
		syscall.DT_SOCK: os.ModeSocket, syscall.DT_CHR: os.ModeDevice | os.ModeCharDevice, syscall.DT_BLK: os.ModeDevice,
	} {
		if got, ok := direntType(dt); !ok || got != want {
			t.Errorf("direntType(%d) = %v, %v; want %v", dt, got, ok, want)
		}
	}
	if _, ok := direntType(syscall.DT_UNKNOWN); ok {
		t.Error("direntType(DT_UNKNOWN) is known")
	}
}
