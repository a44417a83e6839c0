package lint

import (
	"bufio"
	"fmt"
	"io"

	"github.com/inboxlint/inboxlint/render/escape"
)

// vimFormat is the unix format with the column as Vim's quickfix list
// reads it: file:line:col: severity: message [variant "v"] (rule) where
// col is the byte offset in the line, 1-based, for an errorformat with %c. The unix
// format's character column, read with %v as a screen column, lands one
// column early after every emoji or other double-width character, and %c
// on it short after any character of more than one byte. Vim drops a byte
// order mark and the CR of CRLF lines, and the column ignores them too.
type vimFormat struct{}

func (vimFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s%s (%s)\n", escape.Line(d.File), d.Span.Start.Line, byteColumn(r, d), d.Severity,
			escape.Controls(d.Message), d.Provenance(), escape.Controls(d.Rule))
	}
	return bw.Flush()
}

// byteColumn is the 1-based byte offset of a finding's start in its line.
// Without the file's source (a result built by hand) it is the character
// column, which is the same for ASCII text.
func byteColumn(r *Result, d Diagnostic) int {
	src := r.Sources[d.File]
	if src == nil {
		return d.Span.Start.Col
	}
	raw, off := src.Raw, min(d.Span.Start.Offset, len(src.Raw))
	start := off
	for start > 0 && raw[start-1] != '\n' && raw[start-1] != '\r' {
		start--
	}
	if start == 0 && len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
		start = min(3, off)
	}
	return off - start + 1
}
