package lang

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The sections of a pack source that parsePack reads through helpers: the
// question marks, quotes and articles, each checked as it is converted.

func question(pr *problems, where string, q *questionFile) Question {
	out := Question{Mark: q.Mark, Open: q.Open, SpaceRequired: q.SpaceRequired}
	if utf8.RuneCountInString(q.Mark) != 1 {
		pr.add(0, "%s.mark must be one character, such as \"?\"", where)
	}
	if q.Open != "" && utf8.RuneCountInString(q.Open) != 1 {
		pr.add(0, "%s.open must be one character, such as \"¿\", or left out", where)
	}
	for _, s := range q.SpaceBefore {
		r, n := utf8.DecodeRuneInString(s)
		if n != len(s) || !unicode.IsSpace(r) {
			pr.add(0, "%s.space_before: %q is not one space character", where, s)
			continue
		}
		out.spaceBefore = append(out.spaceBefore, r)
	}
	if q.SpaceRequired && len(out.spaceBefore) == 0 {
		pr.add(0, "%s.space_required needs the spaces in space_before", where)
	}
	return out
}

func quotes(pr *problems, where string, qs []quotesFile) []quotePair {
	var out []quotePair
	for _, q := range qs {
		if utf8.RuneCountInString(q.Open) != 1 || utf8.RuneCountInString(q.Close) != 1 {
			pr.add(0, "%s: %q … %q: each mark must be one character", where, q.Open, q.Close)
			continue
		}
		out = append(out, quotePair{open: q.Open, close: q.Close, spaceInside: q.SpaceInside})
	}
	return out
}

func articles(pr *problems, a *articlesFile) *articleRule {
	out := &articleRule{
		beforeConsonant: a.BeforeConsonant, beforeVowel: a.BeforeVowel,
		vowelLetters: a.VowelLetters, vowelLetterNames: a.VowelLetterNames,
	}
	if a.BeforeConsonant == "" || a.BeforeVowel == "" || a.VowelLetters == "" || a.VowelLetterNames == "" {
		pr.add(0, "articles needs before_consonant, before_vowel, vowel_letters and vowel_letter_names")
	}
	prefixes := func(name string, es entries) []string {
		var ps []string
		seen := map[string]bool{}
		for _, e := range es {
			v := e.Value
			if v == "" || strings.IndexFunc(v, func(r rune) bool { return !unicode.IsLetter(r) || !unicode.IsLower(r) }) >= 0 {
				pr.add(e.Line, "articles.%s: %q must be lower-case letters", name, v)
				continue
			}
			if seen[v] {
				pr.add(e.Line, "articles.%s: %q is listed twice", name, v)
			}
			seen[v] = true
			ps = append(ps, v)
		}
		return ps
	}
	out.consonantSoundPrefixes = prefixes("consonant_sound_prefixes", a.ConsonantSoundPrefixes)
	out.vowelSoundPrefixes = prefixes("vowel_sound_prefixes", a.VowelSoundPrefixes)
	for _, e := range a.WordAcronyms {
		if err := checkAcronym(e.Value); err != nil {
			pr.add(e.Line, "articles.word_acronyms: %q: %v", e.Value, err)
			continue
		}
		out.wordAcronyms = append(out.wordAcronyms, e.Value)
	}
	return out
}

// patternKey is what makes two patterns the same entry: their items,
// folded, alternatives in any order.
func patternKey(p *Pattern) string {
	var b strings.Builder
	for _, it := range p.Items {
		if it.Slot != noSlot {
			b.WriteString(it.Slot.String())
		} else {
			ws := make([]string, len(it.Alts))
			for k, alt := range it.Alts {
				for _, l := range alt {
					ws[k] += l.Text + "\x00"
				}
			}
			sort.Strings(ws)
			if it.Exact {
				b.WriteString("=")
			}
			b.WriteString(strings.Join(ws, "|"))
		}
		b.WriteString(" ")
	}
	return b.String()
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
