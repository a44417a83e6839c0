package rules

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// checkPlaceholder is the placeholder rule: it finds copy that was never
// finished.
func checkPlaceholder(p *lint.Pass) {
	drafts := draftMatcher(p.Pack())
	// brackets, "<no value>" and draft markers lie within a line
	p.FieldParagraphs(render.CopyFields, nil, func(v *render.Variant, t render.Text) {
		fs := findPlaceholders(t.S)
		fs = append(fs, findDrafts(t.S, p.Tokens(t.S), drafts, fs)...)
		sortFindings(fs)
		reportText(p, v, t, fs)
	})
}

// findPlaceholders returns the brackets, angle brackets and "<no value>"
// in s: the placeholders whatever the language.
func findPlaceholders(s string) []textFinding {
	var out []textFinding
	for i := 0; ; {
		j := strings.Index(s[i:], "<no value>")
		if j < 0 {
			break
		}
		out = append(out, textFinding{i + j, i + j + len("<no value>"), `"<no value>" is a template variable with no value: set it in vars or in the variant`})
		i += j + len("<no value>")
	}
	for _, m := range brackets(s) {
		inner := s[m[0]+1 : m[1]-1]
		if _, alias := mergeAlias(inner); alias || strings.TrimSpace(inner) == "" {
			continue // unknown-macro explains merge fields
		}
		if m[1] < len(s) && s[m[1]] == '(' {
			continue // a Markdown link, not a placeholder
		}
		if inner == "object Object" {
			continue // a program's printout: leaked-code reports it
		}
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %s: replace it with the real text", quote(s[m[0]:m[1]]))})
	}
	for _, m := range angles(s) {
		if s[m[0]+1:m[1]-1] == "no value" {
			continue
		}
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("unfilled placeholder %s: replace it with the real text", quote(s[m[0]:m[1]]))})
	}
	return out
}

// brackets returns the ranges of "[...]" in s: 1 to 80 characters, none
// of them a bracket or a line break.
func brackets(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		if s[i] != '[' {
			continue
		}
		j, n := i+1, 0
		for j < len(s) && s[j] != ']' && s[j] != '[' && s[j] != '\n' && n <= 80 {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
			n++
		}
		if j < len(s) && s[j] == ']' && n >= 1 && n <= 80 {
			out = append(out, [2]int{i, j + 1})
			i = j
		}
	}
	return out
}

// angles returns the ranges of "<insert date>"-style placeholders: a
// letter, then 1 to 40 letters or spaces, in angle brackets.
func angles(s string) [][2]int {
	var out [][2]int
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			break
		}
		i += k
		if i+1 >= len(s) || !isLetter(s[i+1]) {
			continue
		}
		j := i + 2
		for j < len(s) && j-i-1 <= 41 && (isLetter(s[j]) || s[j] == ' ') {
			j++
		}
		if n := j - i - 1; j < len(s) && s[j] == '>' && n >= 2 && n <= 41 {
			out = append(out, [2]int{i, j + 1})
			i = j
		}
	}
	return out
}

// findDrafts returns the draft markers and filler text in s (tokens toks)
// that no placeholder already found covers: "[TBD]" is one finding.
func findDrafts(s string, toks []lang.Token, drafts *lang.Matcher, found []textFinding) []textFinding {
	var out []textFinding
	covered := func(i, j int) bool {
		for _, f := range found {
			if i < f.end && f.start < j {
				return true
			}
		}
		return false
	}
	for _, m := range drafts.Leftmost(toks) {
		i, j := toks[m.Start].Start, toks[m.End-1].End
		if covered(i, j) {
			continue
		}
		msg := fmt.Sprintf("draft marker %s: finish the copy before it ships", quote(s[i:j]))
		if isFiller(drafts.Patterns()[m.Pattern]) {
			msg = fmt.Sprintf("filler text %s: write the real copy", quote(s[i:j]))
		}
		out = append(out, textFinding{i, j, msg})
	}
	// XXX, XXXX, ...: a number still to come
	for _, t := range toks {
		if t.Kind == lang.Word && len(t.Text) > 3 && strings.Trim(t.Text, "X") == "" && !covered(t.Start, t.End) {
			out = append(out, textFinding{t.Start, t.End, fmt.Sprintf("draft marker %s: finish the copy before it ships", quote(t.Text))})
		}
	}
	return out
}

// The language-neutral markers and filler: what every pack lists, and what
// applies when the language is unknown.
var neutralDrafts = []string{"=TODO", "=TBD", "=TBC", "=FIXME", "=XXX"}

var fillerPatterns = []string{"lorem ipsum dolor sit amet", "lorem ipsum", "dolor sit amet"}

func isFiller(p *lang.Pattern) bool {
	for _, f := range fillerPatterns {
		if p.Source == f {
			return true
		}
	}
	return false
}

// draftMatcher returns the matcher of a pack's draft markers, the
// language-neutral ones and lorem ipsum, built once per pack.
func draftMatcher(pack *lang.Pack) *lang.Matcher {
	if m, ok := draftMatchers.Load(pack); ok {
		return m.(*lang.Matcher)
	}
	var pats []*lang.Pattern
	seen := map[string]bool{}
	add := func(p *lang.Pattern) {
		if !seen[p.Source] {
			seen[p.Source] = true
			pats = append(pats, p)
		}
	}
	for _, s := range append(append([]string(nil), neutralDrafts...), fillerPatterns...) {
		p, err := lang.ParsePattern(s)
		if err != nil {
			panic(err) // the lists above are fixed
		}
		add(p)
	}
	if pack != nil {
		for _, p := range pack.DraftMarkers {
			add(p)
		}
	}
	m, _ := draftMatchers.LoadOrStore(pack, lang.NewMatcher(pats))
	return m.(*lang.Matcher)
}

var draftMatchers sync.Map // *lang.Pack (nil: no language) → *lang.Matcher

// sortFindings orders findings by position, as the text reads.
func sortFindings(fs []textFinding) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && (fs[j].start < fs[j-1].start || fs[j].start == fs[j-1].start && fs[j].end < fs[j-1].end); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
