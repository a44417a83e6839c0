package lint

import (
	"bufio"
	"fmt"
	"io"

	"github.com/inboxlint/inboxlint/render/escape"
)

// unixFormat is file:line:col: severity: message [variant "v"] (rule),
// one finding a line (provenance.go: the render it was seen in, when it
// depends on one): the errorformat of compilers, which grep, Vim's quickfix list and
// Emacs' compilation mode read without configuration. The file name starts
// the line, so it is escaped with escape.Line (no line may start a
// workflow command); the message and rule with escape.Controls.
type unixFormat struct{}

func (unixFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriterSize(w, outputBuffer)
	err := r.eachFile(func(ff fileFindings) error {
		for _, d := range ff.diagnostics {
			fmt.Fprintf(bw, "%s:%d:%d: %s: %s%s (%s)\n", escape.Line(d.File), d.Span.Start.Line, d.Span.Start.Col, d.Severity,
				escape.Controls(d.Message), d.Provenance(), escape.Controls(d.Rule))
		}
		return nil
	})
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}
