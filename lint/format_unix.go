package lint

import (
	"bufio"
	"fmt"
	"io"
)

// unixFormat is file:line:col: severity: message (rule), one finding a
// line: the errorformat of compilers, which grep, Vim's quickfix list and
// Emacs' compilation mode read without configuration.
type unixFormat struct{}

func (unixFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s (%s)\n", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Severity, d.Message, d.Rule)
	}
	return bw.Flush()
}
