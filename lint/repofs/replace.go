package repofs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The refusals of ReplaceFile, for errors.Is.
var (
	// ErrSymlink is a file that is a symbolic link, or lies in a
	// directory reached through one: --fix rewrites only the file the
	// link points to, named as itself.
	ErrSymlink = errors.New("a symbolic link, or inside a linked directory")
	// ErrChanged is a file whose bytes are no longer those --fix read.
	ErrChanged = errors.New("changed since it was read")
)

// ReplaceFile replaces the template at path, which held old when it was
// read, with data: what --fix does with the fixes it made. Unlike
// WriteFile it follows no link at all: path must lie inside the root,
// every directory from the root to it must be a directory and the file a
// regular file, none of them a symbolic link (ErrSymlink), since a link
// committed to the repository can point at a file some other tree owns.
// data goes to a temporary file in the same directory, which is synced;
// then the file is read again and compared with old, and only when it
// still holds old is the temporary file renamed over it, with the file's
// permission bits. A file that changed in between (an editor saved it, a
// formatter ran) is left alone: ErrChanged. What the comparison cannot
// close is the instant between it and the rename.
func (r *Root) ReplaceFile(path string, old, data []byte) error {
	rel, fi, err := r.replaceable(path)
	if err != nil {
		return err
	}
	return r.replace(path, rel, data, fi.Mode().Perm(), func() error {
		return r.unchanged(path, rel, fi, old)
	})
}

// Replaceable reports why ReplaceFile would refuse path before anything
// is written (nil when it would not): --fix --dry-run says so instead of
// showing a diff nobody could apply.
func (r *Root) Replaceable(path string) error {
	_, _, err := r.replaceable(path)
	return err
}

// replaceable is Replaceable's check, with the path relative to the root
// and the file's information for ReplaceFile.
func (r *Root) replaceable(path string) (string, fs.FileInfo, error) {
	rel, err := r.Rel(path)
	if err != nil {
		return "", nil, err
	}
	if err := r.noLinks(path, rel); err != nil {
		return "", nil, err
	}
	fi, err := r.root.Lstat(rel)
	if err != nil {
		return "", nil, r.explain(path, rel, err)
	}
	if !fi.Mode().IsRegular() {
		return "", nil, refuseWrite(path, fi.Mode())
	}
	return rel, fi, nil
}

// noLinks refuses rel when it, or a directory on the way to it from the
// root, is a symbolic link.
func (r *Root) noLinks(path, rel string) error {
	cur := ""
	for _, part := range splitPath(rel) {
		if part == "." {
			continue
		}
		cur = filepath.Join(cur, part)
		fi, err := r.root.Lstat(cur)
		if err != nil {
			return r.explain(path, cur, err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return &Error{path, ErrSymlink}
		}
	}
	return nil
}

// unchanged checks that rel is still the file first seen as fi and holds
// old, opening it without following a link.
func (r *Root) unchanged(path, rel string, fi fs.FileInfo, old []byte) error {
	f, err := r.root.OpenFile(rel, os.O_RDONLY|openFlags|noFollow, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return &Error{path, ErrChanged}
		}
		return r.explain(path, rel, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &Error{path, osErr(err)}
	}
	if !os.SameFile(fi, st) || st.Size() != int64(len(old)) {
		return &Error{path, ErrChanged}
	}
	cur, err := readAll(io.LimitReader(f, int64(len(old))+1), st.Size())
	if err != nil {
		return &Error{path, osErr(err)}
	}
	if !bytes.Equal(cur, old) {
		return &Error{path, ErrChanged}
	}
	return nil
}
