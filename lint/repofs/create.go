package repofs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is a file CreateFile will not replace.
var ErrExists = errors.New("the file exists: left as it is")

// CreateFile writes data to a new file at path, inside the repository,
// creating the directories on the way; it never replaces anything: an
// existing file (or a link, or anything else by that name) is
// ErrExists. inboxlint init writes its starter files with it. The
// directories are created through the root, so a link among them cannot
// lead the file out of the repository.
func (r *Root) CreateFile(path string, data []byte) error {
	rel, err := r.Rel(path)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(rel); dir != "." {
		if err := r.root.MkdirAll(dir, 0o755); err != nil {
			return r.explain(path, dir, err)
		}
	}
	f, err := r.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, newFileMode)
	if errors.Is(err, fs.ErrExist) {
		return &Error{path, &reason{"the file exists: left as it is", ErrExists}}
	}
	if err != nil {
		return r.explain(path, rel, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = r.root.Remove(rel) // no half-written starter file
		return &Error{path, osErr(err)}
	}
	return nil
}
