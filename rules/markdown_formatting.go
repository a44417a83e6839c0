package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// markdownMarkup is one kind of markup: how to find it and what to call it.
type markdownMarkup struct {
	re func() *regexp.Regexp
	// group is the submatch that spans the markup (0: the whole match).
	group   int
	what    string
	markers string
}

var markdownMarkups = []markdownMarkup{
	{re: lazyRE("(?m)^ {0,3}(```|~~~).*$"), what: "code fence", markers: "fence"},
	{re: lazyRE(`(?m)^ {0,3}#{1,6}(?:[ \t].*)?$`), what: "heading", markers: "#"},
	// ">" needs a blank after it, so ">50% of teams" is not a quote
	{re: lazyRE(`(?m)^ {0,3}>(?:[ \t].*)?$`), what: "block quote", markers: ">"},
	{re: lazyRE(`\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*`), what: "bold", markers: "asterisks"},
	{re: lazyRE(`(?:^|[^\pL\pN_])(__[^_\s](?:[^_\n]*[^_\s])?__)(?:[^\pL\pN_]|$)`), group: 1, what: "bold", markers: "underscores"},
	// a letter or digit before the asterisk is arithmetic (5*3*2), and a
	// blank after it too (5 * 3)
	{re: lazyRE(`(?:^|[^\pL\pN*])(\*[^*\s](?:[^*\n]*[^*\s])?\*)`), group: 1, what: "emphasis", markers: "asterisks"},
	// underscores inside a word are snake_case, not emphasis
	{re: lazyRE(`(?:^|[^\pL\pN_])(_[^_\s](?:[^_\n]*[^_\s])?_)(?:[^\pL\pN_]|$)`), group: 1, what: "emphasis", markers: "underscores"},
	{re: lazyRE("`[^`\n]+`"), what: "code span", markers: "backticks"},
}

// markdownURL finds bare URLs, whose underscores and asterisks are not
// markup.
var markdownURL = lazyRE(`https?://\S+`)

// checkMarkdownFormatting is the markdown-formatting rule: it finds Markdown
// markup in a Message Ad body, which LinkedIn shows as typed.
func checkMarkdownFormatting(p *lint.Pass) {
	if p.Template.Format != render.FormatMessage {
		return
	}
	// markup lies within a line, and so within a paragraph, when the blank
	// lines are bare line breaks (markdownWhole)
	p.FieldParagraphs(bodyFields, markdownWhole, func(v *render.Variant, t render.Text) {
		reportFixable(p, v, t, findMarkdown(t.S))
	})
}

// markdownWhole reports whether a body is read whole rather than by
// paragraph: what findMarkdown finds in a paragraph is what it finds there
// in the whole text only when each paragraph starts and ends at a line
// break. A blank next to one is where a line pattern starts (up to three
// spaces of indent) or ends (a carriage return is part of the line) in the
// whole text but not in the paragraph Paragraphs cuts; and a template
// action's braces are unknown-macro's, which reads them whole.
func markdownWhole(f render.VariantField) bool {
	return !bareBreaks(f.Text.S) || hasAction(f)
}

func findMarkdown(s string) []fixableFinding {
	if !strings.ContainsAny(s, "*_`#>~") {
		return nil
	}
	var urls [][2]int
	for _, m := range markdownURL().FindAllStringIndex(s, -1) {
		urls = append(urls, [2]int{m[0], m[1]})
	}
	// other tools' merge tags ("*|FNAME|*") are unknown-macro's one finding,
	// not also emphasis
	for _, f := range findUnknownMacros(s) {
		urls = append(urls, [2]int{f.start, f.end})
	}
	// taken holds the URLs, merge tags and the findings of the patterns run
	// so far; one pattern's matches never overlap each other
	taken := newSpanSet(urls)
	var out []fixableFinding
	for _, mk := range markdownMarkups {
		var found [][2]int
		for _, m := range mk.re().FindAllStringSubmatchIndex(s, -1) {
			i, j := m[2*mk.group], m[2*mk.group+1]
			if mk.group == 0 {
				// a line pattern: span the text without trailing blanks
				j = i + len(strings.TrimRight(s[i:j], " \t"))
				i += len(s[i:j]) - len(strings.TrimLeft(s[i:j], " "))
			}
			if i < 0 || taken.overlaps(i, j) {
				continue
			}
			found = append(found, [2]int{i, j})
			out = append(out, fixableFinding{textFinding{i, j, markdownMessage(mk, s[i:j])}, markdownFixes(mk, s[i:j])})
		}
		taken.add(found)
	}
	return out
}

// markdownFixes suggests the markup's text without its markers: a
// suggestion, not a certain fix, since the writer may rather keep the
// emphasis and set it in Campaign Manager. A code fence gets none (what
// to do with the lines it fenced is for the writer to say).
func markdownFixes(mk markdownMarkup, found string) []textFix {
	var plain string
	switch mk.what {
	case "code fence":
		return nil
	case "heading":
		plain = strings.TrimLeft(strings.TrimLeft(strings.TrimLeft(found, " "), "#"), " \t")
	case "block quote":
		plain = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(found, " "), ">"), " \t")
	default:
		n := 1
		if mk.what == "bold" {
			n = 2
		}
		if len(found) < 2*n+1 {
			return nil
		}
		plain = found[n : len(found)-n]
	}
	if plain == "" {
		return nil
	}
	return []textFix{{lint.FixSuggestion, "remove the " + mk.markers, plain}}
}

func markdownMessage(mk markdownMarkup, found string) string {
	quoted := quote(found)
	switch mk.what {
	case "heading", "block quote":
		return fmt.Sprintf("%s %s: LinkedIn shows Markdown markers as typed, so the member sees the %s; write it as a plain line", mk.what, quoted, mk.markers)
	case "code fence":
		return fmt.Sprintf("code fence %s: LinkedIn shows Markdown markers as typed, so the member sees the fence; remove it", quoted)
	}
	return fmt.Sprintf("%s %s: LinkedIn shows Markdown markers as typed, so the member sees the %s; remove them", mk.what, quoted, mk.markers)
}
