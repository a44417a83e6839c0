package lint

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/rivo/uniseg"
)

// textFormat is the human format: findings grouped by file, each with its
// position, severity, message and rule, the source line and a caret under
// the span, then a summary line.
type textFormat struct{ color bool }

func (f *textFormat) paint(attrs ...color.Attribute) *color.Color {
	c := color.New(attrs...)
	if f.color {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return c
}

func (f *textFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	file := f.paint(color.Bold, color.Underline)
	dim := f.paint(color.Faint)
	sevColor := map[Severity]*color.Color{
		SeverityError:   f.paint(color.FgRed, color.Bold),
		SeverityWarning: f.paint(color.FgYellow),
		SeverityInfo:    f.paint(color.FgCyan),
	}
	caret := f.paint(color.FgRed)
	last := ""
	for _, d := range r.Diagnostics {
		if d.File != last {
			if last != "" {
				fmt.Fprintln(bw)
			}
			fmt.Fprintln(bw, file.Sprint(d.File))
			last = d.File
		}
		pos := fmt.Sprintf("%d:%d", d.Span.Start.Line, d.Span.Start.Col)
		fmt.Fprintf(bw, "  %-7s %s  %s  %s\n", pos, sevColor[d.Severity].Sprintf("%-7s", d.Severity), d.Message, dim.Sprint(d.Rule))
		src := r.Sources[d.File]
		if src == nil {
			continue
		}
		line := src.Line(d.Span.Start.Line)
		if len(line) > 200 {
			continue // a minified or generated line helps nobody
		}
		gutter := fmt.Sprintf("%d", d.Span.Start.Line)
		fmt.Fprintf(bw, "  %s %s %s\n", dim.Sprint(gutter), dim.Sprint("|"), strings.ReplaceAll(line, "\t", " "))
		start, end := caretRange(line, d)
		fmt.Fprintf(bw, "  %s %s %s%s\n", strings.Repeat(" ", len(gutter)), dim.Sprint("|"), strings.Repeat(" ", start), caret.Sprint(strings.Repeat("^", max(1, end-start))))
	}
	s := Summarize(r)
	if len(r.Diagnostics) > 0 {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, summaryLine(s))
	return bw.Flush()
}

// caretRange is where the caret goes under line, in display cells.
func caretRange(line string, d Diagnostic) (int, int) {
	runes := []rune(line)
	sc := min(max(d.Span.Start.Col-1, 0), len(runes))
	ec := len(runes)
	if d.Span.End.Line == d.Span.Start.Line {
		ec = min(max(d.Span.End.Col-1, sc), len(runes))
	}
	start := uniseg.StringWidth(strings.ReplaceAll(string(runes[:sc]), "\t", " "))
	end := start + uniseg.StringWidth(strings.ReplaceAll(string(runes[sc:ec]), "\t", " "))
	return start, end
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func summaryLine(s Summary) string {
	total := s.Errors + s.Warnings + s.Infos
	files := plural(s.Files, "file")
	if total == 0 {
		return fmt.Sprintf("no problems in %s", files)
	}
	return fmt.Sprintf("%s (%s, %s, %s) in %s", plural(total, "problem"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Infos, "info"), files)
}
