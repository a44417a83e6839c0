package rules

import (
	"github.com/inboxlint/inboxlint/lint"
)

// newTrailingWhitespace returns the trailing-whitespace rule, which finds
// spaces and tabs at the ends of lines, with the certain fix of removing
// them.
func newTrailingWhitespace() lint.Rule {
	return newRule(lint.Doc{
		ID:       "trailing-whitespace",
		Severity: lint.SeverityInfo,
		Default:  true,
		Title:    "no line ends in spaces or tabs",
		Text: "Spaces and tabs at the end of a line are invisible in the editor but not in the copy: pasted into " +
			"Campaign Manager they stay in the subject, a button label or the message, where they count against " +
			"LinkedIn's character limits, and two of them at the end of a body line are a Markdown line break that " +
			"GitHub's preview shows and LinkedIn does not. The rule reports every line of the file that ends in " +
			"whitespace, front matter included, and its fix (applied by --fix) removes it; --fix leaves whitespace " +
			"alone where removing it would change a render in a way the fix did not mean, such as inside a value " +
			"a template uses.",
	}, checkTrailingWhitespace)
}

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
