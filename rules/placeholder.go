package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// newPlaceholder returns the placeholder rule, which finds copy that was
// never finished.
func newPlaceholder() lint.Rule {
	return newRule(lint.Doc{
		ID:       "placeholder",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "no unfilled placeholders or draft markers",
		Text: "Drafts carry [Speaker name]-style brackets, <insert date>, TODO, TBD, XXX and lorem ipsum until " +
			"someone fills them in; once sent, a sponsored message cannot be recalled. The rule also catches " +
			"\"<no value>\", which Go templates print for a missing variable. Checked on the copy as rendered for " +
			"each variant, so a variable that holds a placeholder is caught too.",
	}, checkPlaceholder)
}

var (
	bracketPH = lazyRE(`\[([^\[\]\n]{1,80})\]`)
	anglePH   = lazyRE(`<([A-Za-z][A-Za-z ]{1,40})>`)
	draftPH   = lazyRE(`\b(TODO|TBD|TBC|FIXME|XXX+)\b`)
	loremPH   = lazyRE(`(?i)\blorem ipsum(?: dolor sit amet)?\b|\bdolor sit amet\b`)
)

func checkPlaceholder(p *lint.Pass) {
	for _, v := range p.Variants {
		v.Fields(render.CopyFields, func(f render.VariantField) {
			t := f.Text
			if !p.FirstSeen(t) {
				return
			}
			reportText(p, v, t, findPlaceholders(t.S))
		})
	}
}

func findPlaceholders(s string) []textFinding {
	var out []textFinding
	if strings.Contains(s, "<no value>") {
		for i := 0; ; {
			j := strings.Index(s[i:], "<no value>")
			if j < 0 {
				break
			}
			out = append(out, textFinding{i + j, i + j + len("<no value>"), `"<no value>" is a template variable with no value: set it in vars or in the variant`})
			i += j + len("<no value>")
		}
	}
	// Each pattern runs only when the text has the character or word it
	// needs: most copy has none, and the patterns dominate the cost.
	var brackets, angles [][]int
	if strings.IndexByte(s, '[') >= 0 {
		brackets = bracketPH().FindAllStringSubmatchIndex(s, -1)
	}
	if strings.IndexByte(s, '<') >= 0 {
		angles = anglePH().FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range brackets {
		inner := s[m[2]:m[3]]
		if _, alias := mergeAlias(inner); alias || strings.TrimSpace(inner) == "" {
			continue // unknown-macro explains merge fields
		}
		if m[1] < len(s) && s[m[1]] == '(' {
			continue // a Markdown link, not a placeholder
		}
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %s: replace it with the real text", quote(s[m[0]:m[1]]))})
	}
	for _, m := range angles {
		inner := s[m[2]:m[3]]
		if inner == "no value" {
			continue
		}
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %s: replace it with the real text", quote(s[m[0]:m[1]]))})
	}
	if !hasDraftMarker(s) {
		return out
	}
	for _, m := range draftPH().FindAllStringIndex(s, -1) {
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("draft marker %s: finish the copy before it ships", quote(s[m[0]:m[1]]))})
	}
	if !containsAnyFold(s, "lorem", "dolor") {
		return out
	}
	for _, m := range loremPH().FindAllStringIndex(s, -1) {
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("filler text %s: write the real copy", quote(s[m[0]:m[1]]))})
	}
	return out
}

// hasDraftMarker is a cheap test for what draftPH and loremPH look for.
func hasDraftMarker(s string) bool {
	for _, w := range []string{"TODO", "TBD", "TBC", "FIXME", "XXX"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return containsAnyFold(s, "lorem", "dolor")
}
