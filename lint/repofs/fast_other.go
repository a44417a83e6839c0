//go:build !linux

package repofs

import (
	"io/fs"
	"os"
)

// fastDir is Linux's fast read path (fast_linux.go); elsewhere every read
// takes os.Root's.
type fastDir struct{}

func openFast(*os.Root) *fastDir { return nil }

func (*fastDir) close() {}

func (*fastDir) read(string, limit) ([]byte, bool) { return nil, false }

// readDir is fs.ReadDir of the directory name inside r.
func readDir(r *os.Root, name string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS(), name) }
