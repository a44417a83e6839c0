package repofs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// relPaths are paths as users and files spell them: relative ones built
// from components that clean away (".", "..", empty ones, trailing
// slashes) or not, and absolute ones inside and outside dir.
func relPaths(dir string) []string {
	parts := []string{"a", "sub", ".", "..", "", "x.md", "a b", "...", ".git"}
	var out []string
	var build func(prefix string, depth int)
	build = func(prefix string, depth int) {
		if depth == 3 {
			return
		}
		for _, p := range parts {
			s := p
			if depth > 0 {
				s = prefix + "/" + p
			}
			out = append(out, s, s+"/", "./"+s)
			build(s, depth+1)
		}
	}
	build("", 0)
	for _, p := range append([]string{}, out[:200]...) {
		out = append(out, filepath.Join(dir, p), dir+"/"+p, "/"+p, filepath.Dir(dir)+"/"+p)
	}
	return append(out, "", "/", dir, filepath.Dir(dir))
}

// Rel's shortcut for a path that stays below a working directory inside
// the root answers what the general way answers, for working directories
// at the root, below it and outside it (where the shortcut is off), and
// for every path relPaths makes.
func TestRelShortcut(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(base, "repo")
	for _, d := range []string{"sub/deeper", "a", ".git"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, wd := range []struct {
		name, dir string
		shortcut  bool
	}{
		{"root", repo, true},
		{"sub", filepath.Join(repo, "sub"), true},
		{"deeper", filepath.Join(repo, "sub", "deeper"), true},
		{"outside", base, false},
	} {
		t.Run(wd.name, func(t *testing.T) {
			t.Chdir(wd.dir)
			r, err := Open(repo)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got := r.wdRel != ""; got != wd.shortcut {
				t.Fatalf("working directory %s: shortcut %v, want %v", wd.dir, got, wd.shortcut)
			}
			taken := 0
			for _, p := range relPaths(repo) {
				if r.wdRel != "" && filepath.IsLocal(p) {
					taken++
				}
				got, gerr := r.Rel(p)
				want, werr := r.relSlow(p)
				if got != want || errText(gerr) != errText(werr) {
					t.Errorf("Rel(%q) = %q, %v; the general way %q, %v", p, got, gerr, want, werr)
				}
			}
			if wd.shortcut && taken < 100 {
				t.Errorf("the shortcut took %d paths: the test would pass with it dead", taken)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// walkReference is Walk as it was written first, over fs.WalkDir and
// filepath.Join: what the walk's own joins must give.
func (r *Root) walkReference(path string, fn fs.WalkDirFunc) error {
	rel, err := r.Rel(path)
	if err != nil {
		return fn(path, nil, err)
	}
	start := filepath.ToSlash(rel)
	return fs.WalkDir(walkFS{r.root.FS(), r.root}, start, func(p string, d fs.DirEntry, err error) error {
		sub := ""
		switch {
		case p == start:
		case start == ".":
			sub = p
		default:
			sub = strings.TrimPrefix(p, start+"/")
		}
		full := path
		if sub != "" {
			full = filepath.Join(path, filepath.FromSlash(sub))
		}
		if err != nil {
			err = r.explain(full, filepath.FromSlash(p), err)
		}
		return fn(full, d, err)
	})
}

// Walk calls fn with the paths, entries and errors fs.WalkDir with
// filepath.Join gave, in the same order, for every spelling of the
// directory to walk, and stops where it stopped when fn skips a
// directory, skips the rest of one or stops the walk.
func TestWalkIsReference(t *testing.T) {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(base, "repo")
	for _, f := range []string{"a.md", "a/b.md", "a/c/d.md", "a-b/e.md", "b/.hidden/f.md", "b/g.md", "z.md", ".git/config"} {
		p := filepath.Join(repo, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a", filepath.Join(repo, "link-a")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("..", filepath.Join(repo, "b", "up")); err != nil {
		t.Skip(err)
	}
	if err := os.Mkdir(filepath.Join(repo, "locked"), 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(repo, "locked"), 0o755) })
	t.Chdir(repo)
	r, err := Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	spellings := []string{".", "./", "a", "./a/", "a/../b", "a/c", "b", repo, repo + "/a", repo + "/", "z.md", "missing", "link-a", "..", base}
	// what fn returns at each path: nothing, or a skip or a stop
	actions := []func(p string, d fs.DirEntry) error{
		func(string, fs.DirEntry) error { return nil },
		func(p string, d fs.DirEntry) error {
			if d != nil && d.IsDir() && strings.HasSuffix(p, "a") {
				return fs.SkipDir
			}
			return nil
		},
		func(p string, _ fs.DirEntry) error {
			if strings.HasSuffix(p, "b.md") {
				return fs.SkipDir // the rest of the directory
			}
			return nil
		},
		func(p string, _ fs.DirEntry) error {
			if strings.HasSuffix(p, "d.md") {
				return fs.SkipAll
			}
			return nil
		},
	}
	for _, s := range spellings {
		for ai, act := range actions {
			record := func(out *[]string) fs.WalkDirFunc {
				return func(p string, d fs.DirEntry, err error) error {
					kind := "nil"
					if d != nil {
						kind = d.Type().String()
					}
					*out = append(*out, p+" "+kind+" "+errText(err))
					return act(p, d)
				}
			}
			var got, want []string
			gerr := r.Walk(s, record(&got))
			werr := r.walkReference(s, record(&want))
			if strings.Join(got, "\n") != strings.Join(want, "\n") || errText(gerr) != errText(werr) {
				t.Errorf("walk of %q, action %d:\n%s\n(%v)\nwant\n%s\n(%v)", s, ai, strings.Join(got, "\n"), gerr, strings.Join(want, "\n"), werr)
			}
		}
	}
}
