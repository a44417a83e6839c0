package rules

import (
	"github.com/inboxlint/inboxlint/lint"
)

// checkTrailingWhitespace is the trailing-whitespace rule: it finds spaces
// and tabs at the ends of lines, with the certain fix of removing them.
func checkTrailingWhitespace(p *lint.Pass) {
	src := p.Template.Source
	if src == nil {
		return
	}
	for _, r := range trailingWhitespace(src.Text) {
		p.Report(lint.Diagnostic{
			Span:    src.Span(r[0], r[1]),
			Message: "the line ends in whitespace: remove it",
			Fixes: []lint.Fix{{Title: "remove the trailing whitespace", Kind: lint.FixCertain,
				Edits: []lint.TextEdit{lint.EditSource(src, r[0], r[1], "")}}},
		})
	}
}

// trailingWhitespace returns the [start, end) offsets in s of the spaces
// and tabs that end each line (the last line too, when the file does not
// end with a line break).
func trailingWhitespace(s string) [][2]int {
	var out [][2]int
	end := 0 // end of the current line
	for start := 0; start < len(s); start = end + 1 {
		end = start
		for end < len(s) && s[end] != '\n' {
			end++
		}
		i := end
		for i > start && (s[i-1] == ' ' || s[i-1] == '\t') {
			i--
		}
		if i < end {
			out = append(out, [2]int{i, end})
		}
	}
	return out
}
