//go:build unix

package lint_test

import "syscall"

func mkfifoFile(path string) error { return syscall.Mkfifo(path, 0o644) }
