//go:build unix

package repofs

import "syscall"

// openFlags are added to every open: O_NONBLOCK so that opening a FIFO
// returns at once instead of waiting for the other end (reads of regular
// files are unaffected), O_NOCTTY so that opening a terminal never makes
// it the process's controlling terminal.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

// noFollow makes an open fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW
