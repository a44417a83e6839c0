package render

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render/escape"
)

// FileError is a problem in an input file (a members file, a config) at a
// position, so the CLI can print it as FILE:LINE:COL and an editor or a CI
// annotation can point at it. It is the one positioned error of the
// module: whoever finds the problem fills in the position, whoever prints
// it decides how.
type FileError struct {
	// File is the file's name as the user gave it or as it was found.
	File string
	// Line and Col are 1-based; Col counts characters (code points). Col is
	// 0 when only the line is known, and Line is 0 when the problem is the
	// whole file.
	Line, Col int
	// Msg is lower-case with no trailing period and says what to do; it
	// quotes the file only in escaped excerpts (escape.Excerpt).
	Msg string
}

// Error is "FILE:LINE:COL: message", without the parts that are unknown.
// Control characters in the file name and in anything a parser below
// added to the message are escaped, so the text is safe for a terminal or
// a CI log (escaping escaped text changes nothing).
func (e *FileError) Error() string {
	file, msg := escape.Controls(e.File), escape.Controls(e.Msg)
	switch {
	case e.Line <= 0:
		return file + ": " + msg
	case e.Col <= 0:
		return fmt.Sprintf("%s:%d: %s", file, e.Line, msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, e.Col, msg)
}
