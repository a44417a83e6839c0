package lint

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/fatih/color"
	"github.com/rivo/uniseg"

	"github.com/inboxlint/inboxlint/render/escape"
)

// textFormat is the human format: findings grouped by file, each with its
// position, severity, message and rule, the source line and a caret under
// the span, then a summary line. Everything it prints from the run (file
// names, messages, rule ids, source lines) is escaped with render/escape,
// since a terminal or a CI log acts on control characters; the caret is
// placed in the escaped line.
type textFormat struct {
	color bool
	// builtin are the ids of the built-in rules (FormatOptions.Rules),
	// whose README sections the rule list links to
	builtin map[string]bool
}

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
	bw := bufio.NewWriterSize(w, outputBuffer)
	file := f.paint(color.Bold, color.Underline)
	dim := f.paint(color.Faint)
	sevColor := map[Severity]*color.Color{
		SeverityError:   f.paint(color.FgRed, color.Bold),
		SeverityWarning: f.paint(color.FgYellow),
		SeverityInfo:    f.paint(color.FgCyan),
	}
	caret := f.paint(color.FgRed)
	wrote := false
	reported := map[string]bool{} // the rules that reported, for ruleDocs
	err := r.eachFile(func(ff fileFindings) error {
		if wrote {
			fmt.Fprintln(bw)
		}
		wrote = true
		fmt.Fprintln(bw, file.Sprint(escape.Line(ff.file)))
		src := ff.source
		for _, d := range ff.diagnostics {
			reported[d.Rule] = true
			pos := fmt.Sprintf("%d:%d", d.Span.Start.Line, d.Span.Start.Col)
			fmt.Fprintf(bw, "  %-7s %s  %s  %s\n", pos, sevColor[d.Severity].Sprintf("%-7s", d.Severity), escape.Controls(d.Message)+d.Provenance(), dim.Sprint(escape.Controls(d.Rule)))
			if src == nil {
				continue
			}
			line := src.Line(d.Span.Start.Line)
			if len(line) > 200 {
				continue // a minified or generated line helps nobody
			}
			gutter := fmt.Sprintf("%d", d.Span.Start.Line)
			shown, start, end := quoteLine(line, d)
			fmt.Fprintf(bw, "  %s %s %s\n", dim.Sprint(gutter), dim.Sprint("|"), shown)
			fmt.Fprintf(bw, "  %s %s %s%s\n", strings.Repeat(" ", len(gutter)), dim.Sprint("|"), strings.Repeat(" ", start), caret.Sprint(strings.Repeat("^", max(1, end-start))))
		}
		return nil
	})
	if err != nil {
		if ferr := bw.Flush(); ferr != nil {
			return ferr
		}
		return err
	}
	if wrote {
		fmt.Fprintln(bw)
	}
	fmt.Fprintln(bw, summaryLine(Summarize(r)))
	f.ruleDocs(bw, r, reported, dim)
	return bw.Flush()
}

// ruleDocs lists, under the summary, where to read about each rule that
// reported: a built-in rule's section of the README (also inboxlint
// explain RULE), a custom rule's declaration in its config, since no
// README section can exist for it. reported holds the rules' ids (the
// findings themselves are gone once written: a streamed result keeps
// none).
func (f *textFormat) ruleDocs(w io.Writer, r *Result, reported map[string]bool, dim *color.Color) {
	var ids []string
	width := 0
	for id := range reported {
		_, custom := r.customAt[id]
		if custom || f.builtin[id] {
			ids = append(ids, id)
			width = max(width, len(escape.Line(id)))
		}
	}
	if len(ids) == 0 {
		return
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\n%s\n", dim.Sprint("rules (inboxlint explain RULE for more):"))
	for _, id := range ids {
		where := HelpBase + id
		if o, ok := r.customAt[id]; ok {
			where = toSlash(o.String()) + " (custom rule)"
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, escape.Line(id), escape.Controls(where))
	}
}

// quoteLine is the source line as printed under a finding (a tab shows
// as a space, control characters escaped) and where the caret goes under
// it, in display cells.
func quoteLine(line string, d Diagnostic) (string, int, int) {
	shown, at := escape.ControlsMap(strings.ReplaceAll(line, "\t", " "))
	// the span's columns count characters; at maps byte offsets
	sc, ec := max(d.Span.Start.Col-1, 0), -1
	if d.Span.End.Line == d.Span.Start.Line {
		ec = max(d.Span.End.Col-1, sc)
	}
	startByte, endByte, n := len(line), len(line), 0
	for i := range line {
		if n == sc {
			startByte = i
		}
		if n == ec {
			endByte = i
			break
		}
		n++
	}
	start := uniseg.StringWidth(shown[:at[startByte]])
	end := start + uniseg.StringWidth(shown[at[startByte]:at[endByte]])
	return shown, start, end
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
