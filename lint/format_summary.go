package lint

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// summaryFormat writes a Markdown scorecard of the run, for a pull
// request's reader (the Action writes it to $GITHUB_STEP_SUMMARY): totals,
// a table with a row per linted file (its errors and warnings, its longest
// subject and body and the sample member who receives them), and the top
// findings, each linked to its line when FormatOptions.LinkBase is set.
// The longest renders come from the engine (Result.stats), which measured
// them while it linted the file.
//
// File names, messages and member names come from the pull request:
// everything quoted is escaped for Markdown and for the HTML GitHub lets
// through it, and control characters are escaped as everywhere.
type summaryFormat struct {
	root, linkBase string
}

// summaryTop is how many findings the summary lists; the rest are
// counted.
const summaryTop = 20

func init() {
	formats["summary"] = func(o FormatOptions) Formatter {
		return summaryFormat{root: o.Root, linkBase: strings.TrimRight(o.LinkBase, "/")}
	}
}

func (f summaryFormat) Format(w io.Writer, r *Result) error {
	bw := bufio.NewWriter(w)
	s := Summarize(r)
	fmt.Fprintf(bw, "## inboxlint\n\n")
	fmt.Fprintf(bw, "**%s, %s, %s** in %s.\n\n", count(s.Errors, "error"), count(s.Warnings, "warning"), count(s.Infos, "info"), count(s.Files, "file"))
	if s.Files == 0 {
		fmt.Fprintf(bw, "No template was linted.\n")
		return bw.Flush()
	}
	type row struct {
		file             string
		errors, warnings int
	}
	rows := map[string]*row{}
	var files []string
	for file := range r.failOn { // every linted file
		rows[file] = &row{file: file}
		files = append(files, file)
	}
	for _, d := range r.Diagnostics {
		rw := rows[d.File]
		if rw == nil {
			rw = &row{file: d.File}
			rows[d.File] = rw
			files = append(files, d.File)
		}
		switch d.Severity {
		case SeverityError:
			rw.errors++
		case SeverityWarning:
			rw.warnings++
		}
	}
	// worst first, then by name: the files a reviewer should open first
	sort.Slice(files, func(i, j int) bool {
		a, b := rows[files[i]], rows[files[j]]
		if a.errors != b.errors {
			return a.errors > b.errors
		}
		if a.warnings != b.warnings {
			return a.warnings > b.warnings
		}
		return a.file < b.file
	})
	loc := newArtifactLocator(f.root)
	fmt.Fprintf(bw, "| File | Errors | Warnings | Longest subject | Longest body |\n|---|---:|---:|---|---|\n")
	for _, file := range files {
		rw := rows[file]
		st := r.stats[file]
		fmt.Fprintf(bw, "| %s | %d | %d | %s | %s |\n", f.link(loc, file, 0, mdEscape(toSlash(file))), rw.errors, rw.warnings, longestCell(st.subject), longestCell(st.body))
	}
	if len(r.Diagnostics) > 0 {
		top := append([]Diagnostic{}, r.Diagnostics...)
		sort.SliceStable(top, func(i, j int) bool { return top[i].Severity > top[j].Severity })
		fmt.Fprintf(bw, "\n### Top findings\n\n")
		for i, d := range top {
			if i == summaryTop {
				fmt.Fprintf(bw, "\n…and %s more.\n", count(len(top)-summaryTop, "finding"))
				break
			}
			at := fmt.Sprintf("%s:%d:%d", toSlash(d.File), d.Span.Start.Line, d.Span.Start.Col)
			fmt.Fprintf(bw, "- **%s** %s `%s`: %s\n", d.Severity, f.link(loc, d.File, d.Span.Start.Line, mdEscape(at)), mdCode(d.Rule), mdEscape(d.Message))
		}
	}
	return bw.Flush()
}

// link is text linked to file (at line, when not 0) under the link base,
// or text alone without one, or for a file outside the repository.
func (f summaryFormat) link(loc *artifactLocator, file string, line int, text string) string {
	if f.linkBase == "" {
		return text
	}
	a := loc.locate(file)
	if a.URIBaseID != srcRoot {
		return text
	}
	u := f.linkBase + "/" + a.URI
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return "[" + text + "](" + mdURL(u) + ")"
}

// longestCell shows one longest render: "52, for Jordan Lee".
func longestCell(l longest) string {
	if l.n == 0 {
		return "–"
	}
	s := fmt.Sprintf("%d", l.n)
	if l.member != "" {
		s += ", for " + mdEscape(l.member)
	} else {
		s += ", as written"
	}
	if l.variant != "" {
		s += " (variant " + mdEscape(l.variant) + ")"
	}
	return s
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if what == "info" {
		return fmt.Sprintf("%d infos", n)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// mdEscape makes text from a file safe as Markdown inline text, in a table
// cell too: control characters escaped, line breaks a space, HTML's
// characters as entities, and backslash-escaped every character that can
// start emphasis, code, a link or image, a table cell, strikethrough or
// math, or that GitHub turns into a link (a URL's ":", an "@" mention, a
// "#" reference).
func mdEscape(s string) string {
	s = escape.Controls(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~', ':', '@', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode is text for a code span: one that holds no backtick or pipe
// (rule ids are kebab-case; a custom one from a config is checked as
// such, but is escaped all the same).
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", "/").Replace(escape.Controls(s))
}

// mdURL makes a URL safe inside a Markdown link's parentheses.
func mdURL(u string) string {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Scheme != "https" && parsed.Scheme != "http" {
		return "#"
	}
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(parsed.String())
}
