package repofs

import "io/fs"

// What the external tests use of Linux's fast read path.

// FastRead is the fast path's read of rel, and whether it took it.
func FastRead(r *Root, rel string, lim Limit) ([]byte, bool) { return r.fast.read(rel, lim) }

// FastOn reports whether the fast path is open and on (openat2 allowed).
func FastOn(r *Root) bool { return r.fast != nil && !r.fast.off.Load() }

// FastOff turns the fast path off, as a kernel without openat2 does.
func FastOff(r *Root) { r.fast.off.Store(true) }

// ReadDir is the walk's ReadDir; RootReadDir os.Root's.
func ReadDir(r *Root, name string) ([]fs.DirEntry, error) { return readDir(r.root, name) }

func RootReadDir(r *Root, name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.root.FS(), name) }
