package repofs

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// newFileMode is the permission bits of a file WriteFile creates.
const newFileMode fs.FileMode = 0o644

// refuseWrite is the reason a file of mode m cannot be written.
func refuseWrite(path string, m fs.FileMode) error {
	return &Error{path, &reason{kindOf(m) + ", not a regular file or a device", ErrNotRegular}}
}

// WriteFile writes data to path for a file inboxlint produces
// (--write-baseline, later --fix), so that readers never see half a file
// and a path a pull request controls cannot aim the write elsewhere. What
// happens depends on what path is:
//
//   - a regular file, or nothing yet: data goes to a temporary file in the
//     same directory, which is synced and renamed over path; an existing
//     file's permission bits are kept, a new file gets 0644;
//   - a symbolic link: it is resolved and its target replaced, so the link
//     stays a link; inside the repository every link on the way must stay
//     inside it, so a committed link cannot make inboxlint overwrite
//     ~/.bashrc;
//   - a character device (/dev/null, /dev/stdout on a terminal, /dev/full),
//     or the pipe behind /dev/stdout: data is written through, and the
//     device is never replaced;
//   - anything else (a FIFO, a socket, a directory, a block device) is
//     refused.
//
// A path outside the repository, which only the user can have typed, may
// be written under the same rules; a link from there into the repository
// is judged by the repository's rules from that point on.
func (r *Root) WriteFile(path string, data []byte) error {
	rel, err := r.Rel(path)
	if err != nil {
		if !errors.Is(err, ErrOutside) {
			return err
		}
		return r.writeOutside(path, data)
	}
	return r.writeInside(path, rel, data)
}

func (r *Root) writeInside(path, rel string, data []byte) error {
	target := rel
	for hops := 0; ; hops++ {
		fi, err := r.root.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return r.replace(path, target, data, newFileMode, nil)
		case err != nil:
			return r.explain(path, target, err)
		case fi.Mode().IsRegular():
			return r.replace(path, target, data, fi.Mode().Perm(), nil)
		case fi.Mode()&fs.ModeSymlink != 0:
			if hops == maxLinks {
				return &Error{path, errLoop}
			}
			link, err := r.root.Readlink(target)
			if err != nil {
				return r.explain(path, target, err)
			}
			if filepath.IsAbs(link) {
				if r.Contains(link) {
					return &Error{path, absoluteLink}
				}
				return &Error{path, ErrLinkOutside}
			}
			target = filepath.Join(filepath.Dir(target), link)
			if escapes(target) {
				return &Error{path, ErrLinkOutside}
			}
		case fi.Mode()&fs.ModeCharDevice != 0:
			f, err := r.root.OpenFile(target, os.O_WRONLY|os.O_TRUNC|openFlags, 0)
			if err != nil {
				return r.explain(path, target, err)
			}
			return writeThrough(path, f, data)
		default:
			return refuseWrite(path, fi.Mode())
		}
	}
}

func (r *Root) writeOutside(path string, data []byte) error {
	cur := path
	for hops := 0; ; hops++ {
		if rel, err := r.Rel(cur); err == nil {
			return r.writeInside(path, rel, data)
		}
		fi, err := os.Lstat(cur)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return replaceOS(path, cur, data, newFileMode)
		case err != nil:
			return &Error{path, osErr(err)}
		case fi.Mode()&fs.ModeSymlink != 0:
			if hops == maxLinks {
				return &Error{path, errLoop}
			}
			link, err := os.Readlink(cur)
			if err != nil {
				return &Error{path, osErr(err)}
			}
			next := link
			if !filepath.IsAbs(link) {
				next = filepath.Join(filepath.Dir(cur), link)
			}
			if _, err := os.Lstat(next); errors.Is(err, fs.ErrNotExist) {
				// /dev/stdout -> /proc/self/fd/1 -> "pipe:[4026]": an open
				// descriptor's pipe has no name to follow, but the link
				// opens it.
				if st, err := os.Stat(cur); err == nil {
					return writeDescriptor(path, cur, st, data)
				}
			}
			cur = next
		case fi.Mode().IsRegular():
			return replaceOS(path, cur, data, fi.Mode().Perm())
		case fi.Mode()&fs.ModeCharDevice != 0:
			return writeThroughOS(path, cur, data)
		case fi.Mode()&fs.ModeNamedPipe != 0 && isDescriptorDir(filepath.Dir(cur)):
			// the BSDs' and macOS's /dev/fd/1: a descriptor, not a link
			return writeThroughOS(path, cur, data)
		default:
			return refuseWrite(path, fi.Mode())
		}
	}
}

// writeDescriptor writes through a link to an open descriptor whose file
// has no name: a pipe or a terminal is written through, anything else
// (a socket) refused.
func writeDescriptor(path, name string, st fs.FileInfo, data []byte) error {
	if st.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) == 0 {
		return refuseWrite(path, st.Mode())
	}
	return writeThroughOS(path, name, data)
}

// isDescriptorDir reports whether dir lists a process's open descriptors.
func isDescriptorDir(dir string) bool {
	return runtime.GOOS != "linux" && dir == "/dev/fd"
}

func writeThroughOS(path, name string, data []byte) error {
	// O_NONBLOCK: a pipe nobody reads is an error at once, not a hang.
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC|openFlags, 0)
	if err != nil {
		return &Error{path, osErr(err)}
	}
	return writeThrough(path, f, data)
}

func writeThrough(path string, f *os.File, data []byte) error {
	_, err := f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &Error{path, osErr(err)}
	}
	return nil
}

// replace writes data to a temporary file beside target (relative to the
// root), then renames it over target. check, when set, runs once the
// temporary file is synced, right before the rename, and an error from it
// leaves target alone: ReplaceFile's test that the file did not change.
func (r *Root) replace(path, target string, data []byte, perm fs.FileMode, check func() error) error {
	dir, base := filepath.Dir(target), filepath.Base(target)
	var tmp string
	var f *os.File
	var err error
	for range 100 {
		tmp = filepath.Join(dir, "."+base+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err = r.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return r.explain(path, dir, err)
	}
	err = fill(f, data, perm)
	if err == nil && check != nil {
		if err = check(); err != nil {
			_ = r.root.Remove(tmp)
			return err
		}
	}
	if err == nil {
		err = r.root.Rename(tmp, target)
	}
	if err != nil {
		_ = r.root.Remove(tmp)
		return &Error{path, osErr(err)}
	}
	if d, err := r.root.Open(dir); err == nil {
		_ = d.Sync() // the rename itself survives a crash; best effort
		d.Close()
	}
	return nil
}

// replaceOS is replace for a path outside the root.
func replaceOS(path, target string, data []byte, perm fs.FileMode) error {
	dir, base := filepath.Dir(target), filepath.Base(target)
	f, err := os.CreateTemp(dir, "."+strings.ReplaceAll(base, "*", "")+".*.tmp")
	if err != nil {
		return &Error{path, osErr(err)}
	}
	tmp := f.Name()
	err = fill(f, data, perm)
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return &Error{path, osErr(err)}
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// fill writes, sets the mode and syncs a new temporary file, and closes it.
func fill(f *os.File, data []byte, perm fs.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
