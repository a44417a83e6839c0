package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Choosing "a" or "an" by sound, for the rules that judge an article
// before a macro: macro-article with the members' values, fallback-render
// with LinkedIn's fallback text.

// Words spelt with a vowel letter but said with a consonant sound, and the
// other way round, by how they start. The first list that matches the
// longest prefix wins, so "unin" (uninstall) beats "uni" (university).
var (
	articleAPrefixes = []string{
		"uni", "use", "usa", "usu", "uti", "ure", "uri", "uro", "ubi", "uga", "ukr", "uru", "ufo",
		"eu", "ewe", "one", "once",
	}
	articleAnPrefixes = []string{
		"hour", "honest", "honor", "honour", "heir",
		"unin", "unim", "unid", "onerous",
	}
	// Acronyms said as words rather than letter by letter.
	articleWordAcronyms = map[string]bool{
		"NASA": true, "NATO": true, "FIFA": true, "UNICEF": true, "UNESCO": true, "OPEC": true,
		"ASCII": true, "SCUBA": true, "GIF": true, "JPEG": true, "PIN": true, "SIM": true, "LAN": true,
		"WAN": true, "RAM": true, "ROM": true, "CAD": true, "SWAT": true, "GAAP": true, "ESOP": true,
	}
)

// indefiniteArticle returns "a" or "an" for the text that follows the
// article, judged by the sound of its first word. ok is false when the
// word is not one the rule can judge (non-Latin script, a symbol).
func indefiniteArticle(s string) (article string, ok bool) {
	s = strings.TrimLeft(s, "\"'“‘(")
	end := 0
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		end += n
	}
	w := s[:end]
	if w == "" {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(first) {
		return numberArticle(s), true
	}
	if !unicode.Is(unicode.Latin, first) {
		return "", false
	}
	if utf8.RuneCountInString(w) == 1 || isAcronym(w) && !articleWordAcronyms[w] {
		// said letter by letter: "an SVP", "a VP", "an e-commerce lead"
		if strings.ContainsRune("aefhilmnorsxAEFHILMNORSX", first) {
			return "an", true
		}
		return "a", true
	}
	lw := strings.ToLower(w)
	best, bestArticle := 0, ""
	for _, p := range articleAPrefixes {
		if strings.HasPrefix(lw, p) && len(p) > best {
			best, bestArticle = len(p), "a"
		}
	}
	for _, p := range articleAnPrefixes {
		if strings.HasPrefix(lw, p) && len(p) > best {
			best, bestArticle = len(p), "an"
		}
	}
	if bestArticle != "" {
		return bestArticle, true
	}
	r, _ := utf8.DecodeRuneInString(lw)
	if strings.ContainsRune("aeiouàáâãäåæèéêëìíîïòóôõöøœùúûü", r) {
		return "an", true
	}
	return "a", true
}

// isAcronym reports whether w is written in capitals (digits allowed, as
// in "B2B"), with at least two letters or a letter and a digit.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 1 && utf8.RuneCountInString(w) >= 2
}

// numberArticle is the article for a number: "an 8-week", "an 11%", "an
// 18,000", "a 100".
func numberArticle(s string) string {
	var d strings.Builder
	for _, r := range s {
		if r == ',' {
			continue
		}
		if !unicode.IsDigit(r) {
			break
		}
		d.WriteRune(r)
	}
	n := d.String()
	if strings.HasPrefix(n, "8") {
		return "an"
	}
	if len(n)%3 == 2 && (strings.HasPrefix(n, "11") || strings.HasPrefix(n, "18")) {
		return "an"
	}
	return "a"
}
