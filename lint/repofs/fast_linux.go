//go:build linux

package repofs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// fastDir reads the files of a run, most of its system calls, the way cat
// does: openat2, fstat, read to the end, close. os.Root makes two more per
// file (registering the descriptor with the poller, which a regular file
// refuses, and its own checks) and allocates an os.File for each.
//
// Confinement is the kernel's: openat2 with RESOLVE_BENEATH resolves the
// path from the root's own directory descriptor and fails (EXDEV) on any
// step out of it, through "..", an absolute path or a link, which is what
// os.Root enforces; RESOLVE_NO_MAGICLINKS refuses /proc-style links. The
// fast path only ever succeeds: on any failure, or when what it opened is
// not a regular file within the limit, the read is left to os.Root's path,
// which reports the error in its own words, so both paths give the same
// answers. A kernel or sandbox without openat2 (ENOSYS, or EPERM from a
// seccomp filter) turns the fast path off for the rest of the process.
//
// The calls are raw (rawOpenat2 and the others): a template is a few
// kilobytes, read from the page cache in microseconds, and a call that
// tells the scheduler it may block lets sysmon hand the worker's P to
// another thread once the call has lasted 20 µs while every P is busy,
// the worker then waiting for a P of its own when the call returns. On
// the reference corpus that was 10,000 thread wake-ups (futex) for 40,000
// calls; raw, some 400 for the whole run. A read that does block (a cold
// disk, a network file system) then holds its P until it returns.
type fastDir struct {
	dir *os.File // the root's directory, opened through the root
	fd  int
	off atomic.Bool
}

// openFast opens the root's directory for the fast path, or returns nil.
func openFast(r *os.Root) *fastDir {
	f, err := r.Open(".")
	if err != nil {
		return nil
	}
	return &fastDir{dir: f, fd: int(f.Fd())}
}

// close releases the directory descriptor.
func (d *fastDir) close() {
	if d != nil {
		_ = d.dir.Close()
	}
}

// read returns the regular file rel (relative to the root) when it is at
// most lim.Bytes long, and false when the caller must read it the slow
// way.
func (d *fastDir) read(rel string, lim limit) ([]byte, bool) {
	if d == nil || d.off.Load() {
		return nil, false
	}
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW | openFlags,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	var fd int
	var err error
	for {
		fd, err = rawOpenat2(d.fd, rel, &how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM) || errors.Is(err, unix.EINVAL) {
			d.off.Store(true)
		}
		return nil, false
	}
	defer rawClose(fd)
	var st unix.Stat_t
	if rawFstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size > lim.Bytes {
		return nil, false
	}
	buf := make([]byte, 0, max(st.Size+1, 512))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := rawRead(fd, buf[len(buf):cap(buf)])
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			return nil, false
		case n == 0:
			if int64(len(buf)) > lim.Bytes {
				return nil, false
			}
			return buf, true
		}
		asked := cap(buf) - len(buf)
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > lim.Bytes {
			return nil, false
		}
		if n < asked && int64(len(buf)) == st.Size {
			// all fstat said the file holds, from a read that could have
			// given more: the end, without the read that returns 0 (a
			// tenth of a run's system calls). A file that grew since
			// fstat gives more than its size to a read that asks for more.
			return buf, true
		}
	}
}

// rawOpenat2 is unix.Openat2 as a raw system call (see fastDir).
func rawOpenat2(dirfd int, path string, how *unix.OpenHow) (int, error) {
	p, err := unix.BytePtrFromString(path)
	if err != nil {
		return -1, err
	}
	fd, _, errno := unix.RawSyscall6(unix.SYS_OPENAT2, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(how)), unsafe.Sizeof(*how), 0, 0)
	if errno != 0 {
		return -1, errno
	}
	return int(fd), nil
}

// rawFstat is unix.Fstat as a raw system call.
func rawFstat(fd int, st *unix.Stat_t) error {
	if _, _, errno := unix.RawSyscall(unix.SYS_FSTAT, uintptr(fd), uintptr(unsafe.Pointer(st)), 0); errno != 0 {
		return errno
	}
	return nil
}

// rawRead is unix.Read as a raw system call; b is not empty.
func rawRead(fd int, b []byte) (int, error) {
	n, _, errno := unix.RawSyscall(unix.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)))
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

// rawClose is unix.Close as a raw system call.
func rawClose(fd int) {
	_, _, _ = unix.RawSyscall(unix.SYS_CLOSE, uintptr(fd), 0, 0)
}

// readDir is fs.ReadDir of the directory name inside r, sorted by name,
// without the lstat os.Root's ReadDir makes of every entry: the entries'
// types come from the directory itself (getdents), and Info, which the walk
// does not need, asks the root. The directory is opened through r, so it
// is r's to confine; its descriptor is then read with getdents64 itself
// (readEntries), or as a plain os.File when that fails or the file system
// does not give every entry's type.
func readDir(r *os.Root, name string) ([]fs.DirEntry, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	dup := -1
	var derr error
	if err := sc.Control(func(fd uintptr) { dup, derr = unix.Dup(int(fd)) }); err != nil {
		return nil, err
	}
	if derr != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: derr}
	}
	unix.CloseOnExec(dup)
	plain := os.NewFile(uintptr(dup), name)
	defer plain.Close()
	entries, ok := readEntries(dup, r, name)
	if !ok {
		if entries, err = readEntriesFile(plain, r, name); entries == nil && err != nil {
			return nil, err
		}
	}
	// sorted by the names kept in the entries (a comparison through the
	// interface's Name method costs more than the comparison itself), as
	// indices: moving an entry, which holds pointers, costs write barriers
	// while the collector runs
	order := make([]int32, len(entries))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(entries[a].name, entries[b].name) })
	out := make([]fs.DirEntry, len(entries))
	for i, k := range order {
		out[i] = &entries[k]
	}
	return out, err
}

// readEntries reads the entries of the directory open as fd with
// getdents64, their names in one string, and reports false, having read
// some, when a call fails or an entry's type is not given (DT_UNKNOWN:
// os.File's ReadDir then asks lstat). os.File's ReadDir allocates an
// entry and a name for each, 20,000 allocations for a directory of
// 10,000 templates.
func readEntries(fd int, r *os.Root, dir string) ([]rootEntry, bool) {
	type raw struct {
		start, end int
		typ        fs.FileMode
	}
	var list []raw
	var names []byte
	buf := make([]byte, 32<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, false
		}
		if n <= 0 {
			break
		}
		for b := buf[:n]; len(b) > 0; {
			// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name
			const head = 19
			if len(b) < head {
				return nil, false
			}
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < head || reclen > len(b) {
				return nil, false
			}
			ino, dt, rec := binary.NativeEndian.Uint64(b[0:8]), b[18], b[head:reclen]
			b = b[reclen:]
			if i := bytes.IndexByte(rec, 0); i >= 0 {
				rec = rec[:i]
			}
			if ino == 0 || string(rec) == "." || string(rec) == ".." {
				continue
			}
			typ, ok := direntType(dt)
			if !ok {
				return nil, false
			}
			list = append(list, raw{len(names), len(names) + len(rec), typ})
			names = append(names, rec...)
		}
	}
	all := string(names)
	entries := make([]rootEntry, len(list))
	for i, e := range list {
		entries[i] = rootEntry{root: r, dir: dir, name: all[e.start:e.end], typ: e.typ}
	}
	return entries, true
}

// readEntriesFile is readEntries through os.File's ReadDir, from the
// start of the directory: the entries it read, and its error, naming the
// directory as the caller does.
func readEntriesFile(f *os.File, r *os.Root, dir string) ([]rootEntry, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
	}
	list, err := f.ReadDir(-1)
	if err != nil {
		// the name the error carries is the caller's, as os.Root's would be
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = dir
		}
	}
	entries := make([]rootEntry, len(list))
	for i, e := range list {
		entries[i] = rootEntry{root: r, dir: dir, name: e.Name(), typ: e.Type()}
	}
	return entries, err
}

// direntType is the file type a directory entry's d_type names, as
// os.File's ReadDir reads it, and false for DT_UNKNOWN (and anything
// else), which only lstat can tell.
func direntType(dt byte) (fs.FileMode, bool) {
	switch dt {
	case unix.DT_BLK:
		return fs.ModeDevice, true
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case unix.DT_DIR:
		return fs.ModeDir, true
	case unix.DT_FIFO:
		return fs.ModeNamedPipe, true
	case unix.DT_LNK:
		return fs.ModeSymlink, true
	case unix.DT_REG:
		return 0, true
	case unix.DT_SOCK:
		return fs.ModeSocket, true
	}
	return 0, false
}

// rootEntry is a directory entry whose Info is looked up inside the root
// (a plain os.File's entry would lstat its path from the working
// directory).
type rootEntry struct {
	root *os.Root
	dir  string
	name string
	typ  fs.FileMode // the type bits
}

// Name is the entry's name.
func (e *rootEntry) Name() string { return e.name }

// IsDir reports whether the entry is a directory.
func (e *rootEntry) IsDir() bool { return e.typ.IsDir() }

// Type is the entry's file type, as the directory gave it.
func (e *rootEntry) Type() fs.FileMode { return e.typ }

// String is the entry as fs.FormatDirEntry writes one.
func (e *rootEntry) String() string { return fs.FormatDirEntry(e) }

// Info returns the entry's FileInfo, not following a link.
func (e *rootEntry) Info() (fs.FileInfo, error) {
	return e.root.Lstat(path.Join(e.dir, e.name))
}
