package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render/escape"
)

// isGlob reports whether a path argument is a glob pattern ('ads/**/*.md',
// quoted so that the shell passes it as is) rather than a path: it has a
// glob character and names no existing file.
func (e *Engine) isGlob(p string) bool {
	if !strings.ContainsAny(p, "*?[{") || !doublestar.ValidatePattern(filepath.ToSlash(p)) {
		return false
	}
	_, err := e.root.Lstat(p)
	return err != nil
}

// globBase is the directory a glob pattern's walk starts from: its
// leading elements that hold no glob character.
func globBase(pattern string) string {
	parts := strings.Split(filepath.ToSlash(pattern), "/")
	var base []string
	for _, p := range parts[:len(parts)-1] {
		if strings.ContainsAny(p, "*?[{\\") {
			break
		}
		base = append(base, p)
	}
	if len(base) == 0 {
		return "."
	}
	if base[0] == "" {
		base[0] = "/"
	}
	return filepath.FromSlash(path.Join(base...))
}

// walkResult is what one directory walk found.
type walkResult struct {
	files []string
	errs  []error
	notes []error
}

// walk finds the .md files under dir, in a stable order, that match keep
// (nil: all): hidden directories, node_modules and what git ignores are
// skipped; symbolic links are not followed, so that link loops cannot
// trap the walk and no link leads out of the repository. A .md name that is
// a link, a FIFO or a device is reported as skipped (a note), not linted
// and not an error: the walk goes on.
func (e *Engine) walk(dir string, keep func(string) bool) walkResult {
	var w walkResult
	ign := e.newIgnores()
	err := e.root.Walk(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.errs = append(w.errs, findError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && ign.ignored(p, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".md") || keep != nil && !keep(p) {
			return nil
		}
		switch t := d.Type(); {
		case t.IsRegular():
			w.files = append(w.files, p)
		case t&fs.ModeSymlink != 0:
			w.notes = append(w.notes, Hint(fmt.Errorf("%s: skipped: a symbolic link (directory walks do not follow links)", escape.Controls(p)),
				"to lint what it points to, name that file, inside the repository"))
		default:
			w.notes = append(w.notes, fmt.Errorf("%s: skipped: %s, not a regular file", escape.Controls(p), fileKind(t)))
		}
		return nil
	})
	if err != nil {
		w.errs = append(w.errs, err)
	}
	sort.Strings(w.files)
	return w
}

// fileKind names a file type for a note.
func fileKind(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case t&fs.ModeCharDevice != 0:
		return "a character device"
	case t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// globFiles walks a glob pattern's base directory for the .md files the
// pattern matches.
func (e *Engine) globFiles(pattern string) walkResult {
	base := globBase(pattern)
	if st, err := e.root.Stat(base); errors.Is(err, fs.ErrNotExist) || err == nil && !st.IsDir() {
		return walkResult{} // nothing to match: emptyArgs says so
	}
	pat := filepath.ToSlash(filepath.Clean(pattern))
	w := e.walk(base, func(p string) bool {
		ok, _ := doublestar.Match(pat, filepath.ToSlash(filepath.Clean(p)))
		return ok
	})
	return w
}

// ignores caches the .gitignore files of the directories one walk enters.
type ignores struct {
	e    *Engine
	sets map[string]ignoreSet // by directory relative to the root ("." the root)
}

func (e *Engine) newIgnores() *ignores {
	return &ignores{e: e, sets: map[string]ignoreSet{}}
}

// ignored reports whether git ignores p, a path the walk met.
func (ig *ignores) ignored(p string, isDir bool) bool {
	rel, err := ig.e.root.Rel(p)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	return ig.set(path.Dir(rel)).ignored(rel, isDir)
}

// set returns the ignore files in force in dir (relative to the root, slash
// form): its parents' and its own .gitignore.
func (ig *ignores) set(dir string) ignoreSet {
	if s, ok := ig.sets[dir]; ok {
		return s
	}
	var parent ignoreSet
	if dir == "." {
		// .git/info/exclude comes first: the root's .gitignore wins over it
		if f := ig.read(".git/info/exclude", "."); f != nil {
			parent = ignoreSet{f}
		}
	} else {
		parent = ig.set(path.Dir(dir))
	}
	s := parent
	if f := ig.read(path.Join(dir, ".gitignore"), dir); f != nil && parent.patterns()+len(f.patterns) <= maxIgnoreTotal {
		s = append(append(ignoreSet{}, parent...), f)
	}
	ig.sets[dir] = s
	return s
}

// read loads one ignore file, confined to the repository and to a
// config's size; a missing or unreadable one (a link out of the
// repository, a FIFO) ignores nothing.
func (ig *ignores) read(rel, dir string) *ignoreFile {
	data, err := ig.e.root.ReadFile(ig.e.root.Path(filepath.FromSlash(rel)), repofs.ConfigLimit)
	if err != nil {
		return nil
	}
	return parseGitignore(dir, data)
}

// emptyArgs notes each directory or glob argument under which no
// template was linted (nor failed): a mistyped folder, or a config whose
// include leaves everything out, would otherwise pass in silence.
func (e *Engine) emptyArgs(paths []string, linted map[int]bool) []error {
	var notes []error
	for i, p := range paths {
		if linted[i] {
			continue
		}
		if e.isGlob(p) {
			notes = append(notes, Hint(fmt.Errorf("%s: no template matches the pattern", escape.Controls(p)),
				"a template is a .md file whose front matter has a format key; quote the pattern so that the shell does not expand it"))
			continue
		}
		if st, err := e.root.Stat(p); err == nil && st.IsDir() {
			notes = append(notes, Hint(fmt.Errorf("%s: no template found in the directory", escape.Controls(p)),
				"a template is a .md file whose front matter has a format key; include and exclude in .inboxlint.yaml, and .gitignore, can leave files out"))
		}
	}
	return notes
}
