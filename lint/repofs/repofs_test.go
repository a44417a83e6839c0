package repofs_test

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

// tree builds a repository with hostile neighbours:
//
//	outer/secret.txt       outside the repository
//	outer/repo/.git/
//	outer/repo/inside.txt  and links, a FIFO, a socket, a directory
//
// and returns outer and the opened root.
func tree(t *testing.T) (string, *repofs.Root) {
	t.Helper()
	outer, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(outer, "repo")
	for _, d := range []string{".git", "sub", "dir"} {
		mkdir(t, filepath.Join(repo, d))
	}
	write(t, filepath.Join(outer, "secret.txt"), "SECRET")
	write(t, filepath.Join(repo, "inside.txt"), "hello")
	write(t, filepath.Join(repo, "sub", "file.txt"), "in sub")
	write(t, filepath.Join(repo, "exact.txt"), strings.Repeat("x", 16))
	write(t, filepath.Join(repo, "over.txt"), strings.Repeat("x", 17))
	links := map[string]string{
		"link-inside":      "inside.txt",
		"sub/link-up":      "../inside.txt",
		"link-dir":         "sub",
		"link-out-abs":     filepath.Join(outer, "secret.txt"),
		"link-out-rel":     "../secret.txt",
		"sub/link-chain":   "../../secret.txt",
		"link-via-chain":   "sub/link-chain",
		"link-dir-out":     "..",
		"link-zero":        "/dev/zero",
		"link-fd1":         "/proc/self/fd/1",
		"link-abs-inside":  filepath.Join(repo, "inside.txt"),
		"link-dangling":    "nowhere.txt",
		"link-dangle-out":  "../../nowhere.txt",
		"loop":             "loop",
		"sub/link-sibling": "file.txt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(repo, name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	if runtime.GOOS != "windows" {
		if err := mkfifo(filepath.Join(repo, "fifo"), 0o644); err != nil {
			t.Fatal(err)
		}
		// a socket's path is limited to about 100 bytes: make it short
		t.Chdir(repo)
		l, err := net.Listen("unix", "sock")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
	}
	root, err := repofs.Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return outer, root
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var small = repofs.Limit{Bytes: 16, What: "a test file"}

// nonBlocking runs f and fails the test if it blocks: a FIFO opened for
// reading without O_NONBLOCK waits forever for a writer. The deadline is a
// hang detector, far above any real run, not a speed assertion.
func nonBlocking[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(time.Minute):
		t.Fatal("blocked: the call waited for the other end of a FIFO")
	}
	panic("unreachable")
}

func TestReadFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs, sockets and /dev")
	}
	outer, root := tree(t)
	repo := root.Dir()
	p := func(name string) string { return filepath.Join(repo, name) }
	tests := []struct {
		path string
		want string // content, or the error's text
		kind error
	}{
		{p("inside.txt"), "hello", nil},
		{p("sub/file.txt"), "in sub", nil},
		{p("link-inside"), "hello", nil},
		{p("sub/link-up"), "hello", nil},
		{p("sub/link-sibling"), "in sub", nil},
		{p("link-dir/file.txt"), "in sub", nil},
		{p("exact.txt"), strings.Repeat("x", 16), nil},
		// out of the root without a link: as written
		{p("../secret.txt"), p("../secret.txt") + ": outside the repository", repofs.ErrOutside},
		{p("sub/../../secret.txt"), p("sub/../../secret.txt") + ": outside the repository", repofs.ErrOutside},
		{p("../../x"), p("../../x") + ": outside the repository", repofs.ErrOutside},
		{filepath.Join(outer, "secret.txt"), filepath.Join(outer, "secret.txt") + ": outside the repository", repofs.ErrOutside},
		// out of the root through links: absolute, relative, chains
		{p("link-out-abs"), p("link-out-abs") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-out-rel"), p("link-out-rel") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("sub/link-chain"), p("sub/link-chain") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-via-chain"), p("link-via-chain") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-dir-out/secret.txt"), p("link-dir-out/secret.txt") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-dangle-out"), p("link-dangle-out") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-zero"), p("link-zero") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-fd1"), p("link-fd1") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{p("link-abs-inside"), p("link-abs-inside") + ": a symbolic link with an absolute target, which inboxlint does not follow: make the link relative", repofs.ErrLinkOutside},
		// not regular files
		{p("fifo"), p("fifo") + ": a named pipe (FIFO), not a regular file", repofs.ErrNotRegular},
		{p("sock"), p("sock") + ": " + sockErr(), nil},
		{p("dir"), p("dir") + ": a directory, not a regular file", repofs.ErrNotRegular},
		{repo, repo + ": a directory, not a regular file", repofs.ErrNotRegular},
		// over the limit, at once
		{p("over.txt"), p("over.txt") + ": larger than 16 bytes, the most a test file may be", repofs.ErrTooLarge},
		// missing, dangling, loops
		{p("missing.txt"), p("missing.txt") + ": no such file or directory", fs.ErrNotExist},
		{p("link-dangling"), p("link-dangling") + ": no such file or directory", fs.ErrNotExist},
		{p("loop"), p("loop") + ": too many levels of symbolic links", nil},
	}
	for _, tt := range tests {
		got := nonBlocking(t, func() result {
			data, err := root.ReadFile(tt.path, small)
			return result{data, err}
		})
		check(t, "ReadFile("+tt.path+")", got, tt.want, tt.kind)
	}
}

// sockErr is how reading a socket fails: Linux refuses to open one at all,
// and the error then names what the path is, as on other systems.
func sockErr() string { return "a socket, not a regular file" }

type result struct {
	data []byte
	err  error
}

func check(t *testing.T, what string, got result, want string, kind error) {
	t.Helper()
	if got.err == nil {
		if string(got.data) != want {
			t.Errorf("%s = %q, want %q", what, got.data, want)
		}
		return
	}
	if got.err.Error() != want {
		t.Errorf("%s error %q, want %q", what, got.err, want)
	}
	var fe *repofs.Error
	if !errors.As(got.err, &fe) {
		t.Errorf("%s error is a %T, not a *repofs.Error", what, got.err)
	}
	if kind != nil && !errors.Is(got.err, kind) {
		t.Errorf("%s error %q is not %v", what, got.err, kind)
	}
}

func TestReadExplicit(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("FIFOs and /dev")
	}
	outer, root := tree(t)
	repo := root.Dir()
	fifo := filepath.Join(outer, "outside.fifo")
	if err := mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("secret.txt", filepath.Join(outer, "link-secret")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
		kind error
	}{
		// outside the repository the user may name any regular file
		{filepath.Join(outer, "secret.txt"), "SECRET", nil},
		{filepath.Join(outer, "link-secret"), "SECRET", nil},
		{filepath.Join(repo, "inside.txt"), "hello", nil},
		// inside, a committed link is confined like any other
		{filepath.Join(repo, "link-out-rel"), filepath.Join(repo, "link-out-rel") + ": a symbolic link that leads outside the repository", repofs.ErrLinkOutside},
		{filepath.Join(repo, "fifo"), filepath.Join(repo, "fifo") + ": a named pipe (FIFO), not a regular file", repofs.ErrNotRegular},
		// never anything but a regular file under the limit
		{fifo, fifo + ": a named pipe (FIFO), not a regular file", repofs.ErrNotRegular},
		{"/dev/zero", "/dev/zero: a device, not a regular file", repofs.ErrNotRegular},
		{"/dev/null", "/dev/null: a device, not a regular file", repofs.ErrNotRegular},
		{outer, outer + ": a directory, not a regular file", repofs.ErrNotRegular},
		{filepath.Join(outer, "missing"), filepath.Join(outer, "missing") + ": no such file or directory", fs.ErrNotExist},
	}
	if runtime.GOOS == "linux" {
		// the process's own stdout: a pipe or a terminal, never read
		tests = append(tests, struct {
			path string
			want string
			kind error
		}{"/proc/self/fd/0", "", repofs.ErrNotRegular})
	}
	for _, tt := range tests {
		got := nonBlocking(t, func() result {
			data, err := root.ReadExplicit(tt.path, small)
			return result{data, err}
		})
		if tt.want == "" {
			if !errors.Is(got.err, tt.kind) && !errors.Is(got.err, fs.ErrNotExist) {
				t.Errorf("ReadExplicit(%s) = %q, %v; want a refusal", tt.path, got.data, got.err)
			}
			continue
		}
		check(t, "ReadExplicit("+tt.path+")", got, tt.want, tt.kind)
	}
	// /proc files report size 0: the limit still holds.
	if runtime.GOOS == "linux" {
		_, err := root.ReadExplicit("/proc/self/maps", repofs.Limit{Bytes: 8, What: "a test file"})
		if !errors.Is(err, repofs.ErrTooLarge) || err.Error() != "/proc/self/maps: larger than 8 bytes, the most a test file may be" {
			t.Errorf("/proc/self/maps through an 8-byte limit: %v", err)
		}
	}
}

// TestRelThroughLink: a working directory reached through a link (macOS's
// /tmp) spells paths differently from the resolved root; they still count
// as inside, and ../ still leads out.
func TestRelThroughLink(t *testing.T) {
	outer, root := tree(t)
	alias := filepath.Join(outer, "alias")
	if err := os.Symlink("repo", alias); err != nil {
		t.Skip(err)
	}
	t.Chdir(filepath.Join(alias, "sub"))
	t.Setenv("PWD", filepath.Join(alias, "sub"))
	// a root opened now knows the working directory's spelling
	r2, err := repofs.Open(root.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	// relative paths are taken from the working directory the root was
	// opened in, so only r2 knows them; absolute ones work for both
	relative := []struct{ path, rel string }{
		{"file.txt", "sub/file.txt"},
		{"../inside.txt", "inside.txt"},
		{"..", "."},
		{"../../secret.txt", ""},
	}
	absolute := []struct{ path, rel string }{
		{filepath.Join(alias, "inside.txt"), "inside.txt"},
		{filepath.Join(alias, "sub", "..", "sub", "file.txt"), "sub/file.txt"},
		{alias, "."},
		{filepath.Join(alias, "..", "secret.txt"), ""},
	}
	for i, r := range []*repofs.Root{root, r2} {
		tests := absolute
		if i == 1 {
			tests = append(tests, relative...)
		}
		for _, tt := range tests {
			rel, err := r.Rel(tt.path)
			switch {
			case tt.rel == "" && !errors.Is(err, repofs.ErrOutside):
				t.Errorf("Rel(%s) = %q, %v; want outside", tt.path, rel, err)
			case tt.rel != "" && (err != nil || rel != filepath.FromSlash(tt.rel)):
				t.Errorf("Rel(%s) = %q, %v; want %q", tt.path, rel, err, tt.rel)
			}
		}
	}
	if data, err := r2.ReadFile("file.txt", small); err != nil || string(data) != "in sub" {
		t.Errorf("ReadFile(file.txt) through the link = %q, %v", data, err)
	}
	if got, want := r2.Path("sub"), filepath.Join(alias, "sub"); got != want {
		t.Errorf("Path(sub) = %q, want the working directory's spelling %q", got, want)
	}
}

func TestFindRoot(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mkdir(t, filepath.Join(base, "repo", ".git"))
	mkdir(t, filepath.Join(base, "repo", "a", "b"))
	mkdir(t, filepath.Join(base, "repo", "wt", "c"))
	write(t, filepath.Join(base, "repo", "wt", ".git"), "gitdir: ../.git/worktrees/wt\n")
	mkdir(t, filepath.Join(base, "plain", "d"))
	if err := os.Symlink(filepath.Join("repo", "a"), filepath.Join(base, "link")); err != nil {
		t.Skip(err)
	}
	above := repofs.FindRoot(base) // a repository around the temp dir, if any
	if above != base && strings.HasPrefix(base, above+string(filepath.Separator)) {
		t.Skipf("the temp dir lies inside the repository %s", above)
	}
	tests := []struct{ dir, want string }{
		{filepath.Join(base, "repo"), filepath.Join(base, "repo")},
		{filepath.Join(base, "repo", "a", "b"), filepath.Join(base, "repo")},
		{filepath.Join(base, "repo", "wt", "c"), filepath.Join(base, "repo", "wt")}, // a worktree's .git file
		{filepath.Join(base, "link"), filepath.Join(base, "repo")},                  // links resolved
		{filepath.Join(base, "plain", "d"), filepath.Join(base, "plain", "d")},      // no repository: the directory
	}
	for _, tt := range tests {
		if got := repofs.FindRoot(tt.dir); got != tt.want {
			t.Errorf("FindRoot(%s) = %s, want %s", tt.dir, got, tt.want)
		}
	}
}

func TestWalk(t *testing.T) {
	outer, root := tree(t)
	repo := root.Dir()
	mkdir(t, filepath.Join(repo, "sub", "deeper"))
	write(t, filepath.Join(repo, "sub", "deeper", "x.md"), "x")
	t.Chdir(repo)
	var got []string
	err := root.Walk("sub", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Errorf("walk %s: %v", path, err)
			return nil
		}
		kind := "file"
		switch {
		case d.IsDir():
			kind = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			kind = "link"
		}
		got = append(got, kind+" "+filepath.ToSlash(path))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"dir sub", "dir sub/deeper", "file sub/deeper/x.md", "file sub/file.txt", "link sub/link-chain", "link sub/link-sibling", "link sub/link-up"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("walk of sub:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// the root itself, spelled "."; links (loop, link-dir-out) are not followed
	n := 0
	if err := root.Walk(".", func(path string, d fs.DirEntry, err error) error {
		if strings.Contains(path, "secret") || strings.Count(path, "link-dir") > 0 && d.IsDir() {
			t.Errorf("walk followed a link: %s", path)
		}
		if err == nil && !d.IsDir() && path == "inside.txt" {
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("walk of . found inside.txt %d times", n)
	}
	// outside the root: one call, with the error
	calls := 0
	_ = root.Walk(outer, func(path string, d fs.DirEntry, err error) error {
		calls++
		if !errors.Is(err, repofs.ErrOutside) || path != outer {
			t.Errorf("walk of %s: %s, %v", outer, path, err)
		}
		return nil
	})
	if calls != 1 {
		t.Errorf("walk outside the root called fn %d times", calls)
	}
}

func TestWriteFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes, FIFOs and devices")
	}
	outer, root := tree(t)
	repo := root.Dir()
	p := func(name string) string { return filepath.Join(repo, name) }
	data := []byte("{\"version\": 1}\n")

	// A regular file: replaced (a new inode, so readers see old or new),
	// its mode kept.
	write(t, p("base.json"), "old")
	if err := os.Chmod(p("base.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p("base.json"))
	if err := root.WriteFile(p("base.json"), data); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p("base.json"))
	if got := readBack(t, p("base.json")); got != string(data) {
		t.Errorf("base.json = %q", got)
	}
	if after.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", after.Mode().Perm())
	}
	if os.SameFile(before, after) {
		t.Errorf("the file was rewritten in place, not replaced")
	}
	// A new file: 0644.
	if err := root.WriteFile(p("sub/new.json"), data); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p("sub/new.json")); st.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", st.Mode().Perm())
	}
	// A link inside the root: the target is replaced, the link stays.
	write(t, p("sub/target.json"), "old")
	if err := os.Symlink("sub/target.json", p("link.json")); err != nil {
		t.Fatal(err)
	}
	if err := root.WriteFile(p("link.json"), data); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(p("link.json")); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link.json is no longer a link")
	}
	if got := readBack(t, p("sub/target.json")); got != string(data) {
		t.Errorf("the link's target = %q", got)
	}
	// A dangling link inside: its target is created.
	if err := root.WriteFile(p("link-dangling"), data); err != nil {
		t.Fatal(err)
	}
	if got := readBack(t, p("nowhere.txt")); got != string(data) {
		t.Errorf("the dangling link's target = %q", got)
	}
	// Out of the root: refused, the outside file untouched.
	for _, name := range []string{"link-out-rel", "link-out-abs", "sub/link-chain", "link-via-chain", "link-dir-out/secret.txt", "link-dangle-out"} {
		err := root.WriteFile(p(name), data)
		if !errors.Is(err, repofs.ErrLinkOutside) || err.Error() != p(name)+": a symbolic link that leads outside the repository" {
			t.Errorf("WriteFile(%s) = %v, want a link-outside refusal", name, err)
		}
	}
	if got := readBack(t, filepath.Join(outer, "secret.txt")); got != "SECRET" {
		t.Errorf("the outside file became %q", got)
	}
	if _, err := os.Stat(filepath.Join(outer, "nowhere.txt")); err == nil {
		t.Errorf("a dangling link out of the root created its target")
	}
	// Devices are written through, never replaced.
	for _, dev := range []string{"/dev/null", p("link-zero")} {
		err := root.WriteFile(dev, data)
		if dev == "/dev/null" && err != nil {
			t.Errorf("WriteFile(/dev/null) = %v", err)
		}
		if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/null is no longer a device: %v %v", st, err)
		}
	}
	if runtime.GOOS == "linux" {
		if err := root.WriteFile("/dev/full", data); err == nil || err.Error() != "/dev/full: no space left on device" {
			t.Errorf("WriteFile(/dev/full) = %v", err)
		}
		if st, err := os.Stat("/dev/full"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/full is no longer a device")
		}
	}
	// A FIFO (at once, inside and outside), a socket, a directory: refused.
	ofifo := filepath.Join(outer, "out.fifo")
	if err := mkfifo(ofifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{p("fifo"), p("fifo") + ": a named pipe (FIFO), not a regular file or a device"},
		{ofifo, ofifo + ": a named pipe (FIFO), not a regular file or a device"},
		{p("sock"), p("sock") + ": a socket, not a regular file or a device"},
		{p("dir"), p("dir") + ": a directory, not a regular file or a device"},
	} {
		err := nonBlocking(t, func() error { return root.WriteFile(tt.path, data) })
		if !errors.Is(err, repofs.ErrNotRegular) || err.Error() != tt.want {
			t.Errorf("WriteFile(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
	// Outside the root the user's path is written, and a link from there
	// into the repository is judged by the repository's rules.
	if err := root.WriteFile(filepath.Join(outer, "out.json"), data); err != nil {
		t.Errorf("WriteFile(outside) = %v", err)
	}
	if err := os.Symlink(filepath.Join(repo, "link-out-rel"), filepath.Join(outer, "via-repo")); err != nil {
		t.Fatal(err)
	}
	if err := root.WriteFile(filepath.Join(outer, "via-repo"), data); !errors.Is(err, repofs.ErrLinkOutside) {
		t.Errorf("WriteFile(a link into the repository that leads out) = %v", err)
	}
	if got := readBack(t, filepath.Join(outer, "secret.txt")); got != "SECRET" {
		t.Errorf("the outside file became %q", got)
	}
	// No temporary file is left behind anywhere.
	for _, dir := range []string{repo, filepath.Join(repo, "sub"), outer} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

func readBack(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
