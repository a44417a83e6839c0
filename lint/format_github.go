package lint

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// githubFormat prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's diff:
//
//	::error file=ads/x.md,line=4,col=10,endLine=4,endColumn=57,title=subject-length::message
//
// Info findings become ::notice. Text is escaped as the runner requires
// (%, CR and LF everywhere, and also : and , inside properties), so that a
// line break in a file name or message reaches the annotation as a line
// break and never ends the command; every other control character, which
// the runner has no escape for, is escaped with escape.Controls.
type githubFormat struct{}

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// ghEscape applies the runner's escaping r, then escape.Controls to what
// is left: r removes the line breaks first, so they survive as %0D/%0A.
func ghEscape(r *strings.Replacer, s string) string { return escape.Controls(r.Replace(s)) }

func (githubFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriterSize(w, outputBuffer)
	err := r.eachFile(func(ff fileFindings) error {
		for _, d := range ff.diagnostics {
			cmd := "notice"
			switch d.Severity {
			case SeverityError:
				cmd = "error"
			case SeverityWarning:
				cmd = "warning"
			}
			msg := d.Message + d.Provenance()
			fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
				cmd, ghEscape(ghProperty, toSlash(d.File)), d.Span.Start.Line, d.Span.Start.Col,
				d.Span.End.Line, d.Span.End.Col, ghEscape(ghProperty, d.Rule), ghEscape(ghData, msg))
		}
		return nil
	})
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

func toSlash(p string) string { return strings.ReplaceAll(p, `\`, "/") }
