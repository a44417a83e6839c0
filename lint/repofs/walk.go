package repofs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk walks the directory tree at path in lexical order, like
// filepath.WalkDir, inside the root: fn gets every path spelled from path
// (so findings name files the way the user does), links inside the tree
// are reported as links and never followed (a loop cannot trap the walk),
// and a path outside the root is fn's one call, with the error.
func (r *Root) Walk(path string, fn fs.WalkDirFunc) error {
	rel, err := r.Rel(path)
	if err != nil {
		return fn(path, nil, err)
	}
	start := filepath.ToSlash(rel)
	// path + separator + a name below it is already clean when path is
	// clean and ends in no separator; "." is left out altogether
	concat := path != "." && filepath.Clean(path) == path && !strings.HasSuffix(path, string(filepath.Separator))
	return walkDir(walkFS{r.root.FS(), r.root}, start, func(p string, d fs.DirEntry, err error) error {
		sub := ""
		switch {
		case p == start:
		case start == ".":
			sub = p
		default:
			sub = strings.TrimPrefix(p, start+"/")
		}
		full := path
		switch {
		case sub == "":
		case path == ".":
			full = filepath.FromSlash(sub)
		case concat:
			full = path + string(filepath.Separator) + filepath.FromSlash(sub)
		default:
			full = filepath.Join(path, filepath.FromSlash(sub))
		}
		if err != nil {
			err = r.explain(full, filepath.FromSlash(p), err)
		}
		return fn(full, d, err)
	})
}

// walkDir is fs.WalkDir, but for the names of the entries it passes on:
// a directory's path and an entry's name (never empty, ".", ".." or
// holding a slash: readDir's) joined without path.Join, which cleans
// the joined path again and, below ".", allocates it twice. Directory
// paths are clean, so the joined one is too.
func walkDir(fsys walkFS, root string, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkEntry(fsys, root, fs.FileInfoToDirEntry(info), fn)
	}
	if errors.Is(err, fs.SkipDir) || errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// walkEntry is fs.WalkDir's walk of one entry, name its path.
func walkEntry(fsys walkFS, name string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(name, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			err = nil // the directory is skipped
		}
		return err
	}
	dirs, err := fsys.ReadDir(name)
	if err != nil {
		// a second call, with the error of reading the directory
		if err = fn(name, d, err); err != nil {
			if errors.Is(err, fs.SkipDir) && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	for _, d1 := range dirs {
		name1 := d1.Name()
		if name != "." {
			name1 = name + "/" + name1
		}
		if err := walkEntry(fsys, name1, d1, fn); err != nil {
			if errors.Is(err, fs.SkipDir) {
				break
			}
			return err
		}
	}
	return nil
}

// walkFS is the root's fs.FS for Walk, with a ReadDir that does not lstat
// every entry (readDir).
type walkFS struct {
	fs.FS
	root *os.Root
}

// ReadDir reads the directory name, sorted by name.
func (w walkFS) ReadDir(name string) ([]fs.DirEntry, error) { return readDir(w.root, name) }
