package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// How rules whose options are lists of phrases or words (hype,
// cta-specificity) check and index them, so that every such option refuses
// the same mistakes with the same words.

// noEmptyEntries refuses lists with an entry that is empty or only white
// space; names names the options, as the error says them ("vague and
// verbs").
func noEmptyEntries(names string, lists ...[]string) error {
	for _, list := range lists {
		for _, s := range list {
			if strings.TrimSpace(s) == "" {
				return errors.New(names + " must not contain empty entries")
			}
		}
	}
	return nil
}

// matcherOf parses an option's phrases (in the packs' pattern language)
// and indexes them.
func matcherOf(option string, phrases []string) (*lang.Matcher, error) {
	pats := make([]*lang.Pattern, 0, len(phrases))
	for _, s := range phrases {
		pat, err := lang.ParsePattern(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", option, s, err)
		}
		pats = append(pats, pat)
	}
	return lang.NewMatcher(pats), nil
}
