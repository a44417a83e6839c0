package render

import "github.com/inboxlint/inboxlint/render/sandbox"

// MaxMatchWork is the regular expression work (characters scanned ×
// pattern instructions) the custom rules of a config may do on one file,
// all rules, variants and fields together. Each distinct text is matched
// once per pattern; a real campaign with a dozen rules uses less than a
// hundredth of it.
const MaxMatchWork = 100_000_000

// MatchBudget is the regular expression work that matching after the
// authoring stage, the custom rules, may still do on one file. It is not
// safe for concurrent use: one file's rules run in one goroutine.
type MatchBudget struct {
	left  int64
	spent bool
}

// MatchBudget returns the file's budget for matching, MaxMatchWork at
// first.
func (t *Template) MatchBudget() *MatchBudget {
	if t.matchBudget == nil {
		t.matchBudget = &MatchBudget{left: MaxMatchWork}
	}
	return t.matchBudget
}

// Spent reports whether a match has run out of the budget: every match
// after it fails at once.
func (b *MatchBudget) Spent() bool { return b.spent }

// FindAll is p.FindAll of every match in s under the budget; ok is false
// when the budget ran out, and then the matches are incomplete.
func (b *MatchBudget) FindAll(p *sandbox.Pattern, s string) (matches [][]int, ok bool) {
	if b.spent {
		return nil, false
	}
	matches, used, ok := p.FindAll(s, -1, false, b.left)
	b.left -= used
	b.spent = !ok
	return matches, ok
}

// MatchString is p.MatchString under the budget; ok is false when the
// budget ran out, and then matched means nothing.
func (b *MatchBudget) MatchString(p *sandbox.Pattern, s string) (matched, ok bool) {
	if b.spent {
		return false, false
	}
	matched, used, ok := p.MatchString(s, b.left)
	b.left -= used
	b.spent = !ok
	return matched, ok
}
