package lint

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// githubFormat prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's diff:
//
//	::error file=ads/x.md,line=4,col=10,endLine=4,endColumn=57,title=subject-length::message
//
// Info findings become ::notice. Text is escaped as the runner requires:
// %, CR and LF everywhere, and also : and , inside properties.
type githubFormat struct{}

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (githubFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		cmd := "notice"
		switch d.Severity {
		case SeverityError:
			cmd = "error"
		case SeverityWarning:
			cmd = "warning"
		}
		msg := d.Message
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			cmd, ghProperty.Replace(toSlash(d.File)), d.Span.Start.Line, d.Span.Start.Col,
			d.Span.End.Line, d.Span.End.Col, ghProperty.Replace(d.Rule), ghData.Replace(msg))
	}
	return bw.Flush()
}

func toSlash(p string) string { return strings.ReplaceAll(p, `\`, "/") }
