package rules

import (
	"fmt"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// patternList is a list option written in the language packs' pattern
// language (hype's phrases, cta-specificity's vague and verbs): whole
// words in any case, "a|an" for alternatives, "=Sie" for an exact-case
// word, {name} slots. A rule indexes it once per configuration, in its
// prepare method, rather than once per file. Its entries must not be
// empty, which the option's bound:"no-empty-entries" tag says
// (option_bounds.go), so that every such option refuses the same mistakes
// with the same words.
type patternList []string

// matcher parses the list's patterns and indexes them; option names the
// option in the error for a pattern that does not parse.
func (l patternList) matcher(option string) (*lang.Matcher, error) {
	pats := make([]*lang.Pattern, 0, len(l))
	for _, s := range l {
		pat, err := lang.ParsePattern(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", option, s, err)
		}
		pats = append(pats, pat)
	}
	return lang.NewMatcher(pats), nil
}

// replacing indexes a list that replaces the file's language pack's list
// when it is set, an empty list included: nil when it is unset (a nil
// list, shown as the default by the option's unset tag), so that the
// file's pack's list applies.
func (l patternList) replacing(option string) (*lang.Matcher, error) {
	if l == nil {
		return nil, nil
	}
	return l.matcher(option)
}
