// Package repofs is the one way inboxlint reads and writes files. Templates,
// members files, configs and baselines come from pull requests, and CI runs
// inboxlint on them with secrets in its environment, so every path the tool
// takes from a file is confined to the repository: a members: field that
// climbs out with ../, or a committed symbolic link to /proc/self/environ,
// ~/.ssh or /dev/zero, is refused before anything is read.
//
// A Root is the repository's directory opened with os.Root, which follows
// symbolic links only while they stay inside it. Root.ReadFile reads a path
// that came from a file (a template's or a config's members:, a discovered
// config, a walked template): it must resolve inside the root and be a
// regular file. Root.ReadExplicit reads a path the user typed on the
// command line (--members, --config, --baseline): it may lie outside the
// repository, but inside it is confined like any other, and it must be a
// regular file too. Both open without blocking (a FIFO never hangs the run),
// check the open file rather than the name (no check-then-open race) and
// read through a size limit, never trusting the size the file system
// reports (/proc files say 0). Root.WriteFile replaces a file atomically
// with its mode kept, writes through to a character device such as
// /dev/stdout, and resolves links only inside the root. Root.Walk walks a
// directory without following links.
//
// FindRoot finds the repository root the way git rev-parse --show-toplevel
// does, by walking up to the nearest .git entry, without starting git.
//
// Every refusal is an *Error naming the path and the reason ("members.csv:
// a symbolic link that leads outside the repository"); errors.Is tells the
// kinds apart (ErrOutside, ErrLinkOutside, ErrNotRegular, ErrTooLarge).
package repofs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Size limits, in bytes, for each kind of file inboxlint reads. Real files
// are a few kilobytes; the limits keep a stray data file, or a link to
// /dev/zero, from costing seconds and gigabytes.
const (
	// maxTemplateSize is the largest template (render.MaxFileSize).
	maxTemplateSize = render.MaxFileSize
	// maxMembersSize is the largest members file
	// (render.MaxMembersFileSize).
	maxMembersSize = render.MaxMembersFileSize
	// MaxConfigSize is the largest .inboxlint.yaml.
	MaxConfigSize = 1 << 20
	// maxBaselineSize is the largest baseline file.
	maxBaselineSize = 1 << 20
)

// A limit is how many bytes a kind of file may hold, with the words that
// name the kind in the error for a file over it.
type limit struct {
	Bytes int64
	// What names the kind in "larger than 1 MiB, the most a config may be".
	What string
}

// The limits of the files inboxlint reads.
var (
	TemplateLimit = limit{maxTemplateSize, "a template"}
	MembersLimit  = limit{maxMembersSize, "a members file"}
	ConfigLimit   = limit{MaxConfigSize, "a config"}
	BaselineLimit = limit{maxBaselineSize, "a baseline"}
)

// The kinds of refusal, for errors.Is.
var (
	// ErrOutside is a path that lies outside the repository as written,
	// without any link: ../../etc/passwd, or a file named on the command
	// line that belongs to another directory tree.
	ErrOutside = errors.New("outside the repository")
	// ErrLinkOutside is a path inside the repository that reaches out of
	// it through a symbolic link (or through a link with an absolute
	// target, which os.Root never follows).
	ErrLinkOutside = errors.New("a symbolic link that leads outside the repository")
	// ErrNotRegular is a FIFO, device, socket or directory where a regular
	// file was needed.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge is a file over its limit.
	ErrTooLarge = errors.New("larger than the limit")
)

// Error is a file that could not be read or written: the path as the
// caller spelled it and the reason, either one of this package's kinds or
// the operating system's error (no such file or directory, permission
// denied).
type Error struct {
	Path string
	Err  error
}

// Error is "PATH: reason", with control characters in the path escaped: a
// walked file name may hold a line break, and this text reaches a terminal
// or a CI log.
func (e *Error) Error() string { return escape.Controls(e.Path) + ": " + e.Err.Error() }

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// reason is a refusal's message with its kind.
type reason struct {
	msg  string
	kind error
}

func (r *reason) Error() string        { return r.msg }
func (r *reason) Is(target error) bool { return target == r.kind }

// absoluteLink is the reason for a link inside the repository whose target
// is an absolute path: os.Root does not follow those, wherever they point.
var absoluteLink = &reason{"a symbolic link with an absolute target, which inboxlint does not follow: make the link relative", ErrLinkOutside}

// kindOf names what a file that is not regular is, for errors.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

func notRegular(path string, m fs.FileMode) error {
	return &Error{path, &reason{kindOf(m) + ", not a regular file", ErrNotRegular}}
}

func tooLarge(path string, lim limit) error {
	return &Error{path, &reason{fmt.Sprintf("larger than %s, the most %s may be", size(lim.Bytes), lim.What), ErrTooLarge}}
}

// size writes a byte count the way limits are documented: 1 MiB, 10 MiB,
// 512 KiB.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// osErr strips the operation and path of an *fs.PathError (the caller
// names the path itself), keeping the operating system's reason.
func osErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
