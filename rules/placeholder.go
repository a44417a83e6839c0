package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// Placeholder finds copy that was never finished.
type Placeholder struct{}

// Doc implements lint.Rule.
func (Placeholder) Doc() lint.Doc {
	return lint.Doc{
		ID:       "placeholder",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "no unfilled placeholders or draft markers",
		Text: "Drafts carry [Speaker name]-style brackets, <insert date>, TODO, TBD, XXX and lorem ipsum until " +
			"someone fills them in; once sent, a sponsored message cannot be recalled. The rule also catches " +
			"\"<no value>\", which Go templates print for a missing variable. Checked on the copy as rendered for " +
			"each variant, so a variable that holds a placeholder is caught too.",
	}
}

var (
	bracketPH = lazyRE(`\[([^\[\]\n]{1,80})\]`)
	anglePH   = lazyRE(`<([A-Za-z][A-Za-z ]{1,40})>`)
	draftPH   = lazyRE(`\b(TODO|TBD|TBC|FIXME|XXX+)\b`)
	loremPH   = lazyRE(`(?i)\blorem ipsum(?: dolor sit amet)?\b|\bdolor sit amet\b`)
)

// Check implements lint.Rule.
func (Placeholder) Check(p *lint.Pass) error {
	for _, v := range p.Variants {
		v.Fields(render.CopyFields, func(f render.VariantField) {
			t := f.Text
			if !p.FirstSeen(t) {
				return
			}
			for _, f := range findPlaceholders(t.S) {
				p.Report(lint.Diagnostic{Span: t.Span(f.start, f.end), Variant: v.Name, Message: f.msg})
			}
		})
	}
	return nil
}

func findPlaceholders(s string) []macroFinding {
	var out []macroFinding
	if strings.Contains(s, "<no value>") {
		for i := 0; ; {
			j := strings.Index(s[i:], "<no value>")
			if j < 0 {
				break
			}
			out = append(out, macroFinding{i + j, i + j + len("<no value>"), `"<no value>" is a template variable with no value: set it in vars or in the variant`})
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
		out = append(out, macroFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %q: replace it with the real text", s[m[0]:m[1]])})
	}
	for _, m := range angles {
		inner := s[m[2]:m[3]]
		if inner == "no value" {
			continue
		}
		out = append(out, macroFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %q: replace it with the real text", s[m[0]:m[1]])})
	}
	if !hasDraftMarker(s) {
		return out
	}
	for _, m := range draftPH().FindAllStringIndex(s, -1) {
		out = append(out, macroFinding{m[0], m[1], fmt.Sprintf("draft marker %q: finish the copy before it ships", s[m[0]:m[1]])})
	}
	if !containsAnyFold(s, "lorem", "dolor") {
		return out
	}
	for _, m := range loremPH().FindAllStringIndex(s, -1) {
		out = append(out, macroFinding{m[0], m[1], fmt.Sprintf("filler text %q: write the real copy", s[m[0]:m[1]])})
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
