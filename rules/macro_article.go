package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// MacroArticle finds "a" or "an" written right before a macro whose value
// needs the other article for some member: "a %JOBTITLE%" becomes
// "a Account Executive".
type MacroArticle struct{}

// Doc implements lint.Rule.
func (MacroArticle) Doc() lint.Doc {
	return lint.Doc{
		ID:       "macro-article",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "no a/an before a macro whose values disagree with it",
		Text: "An article typed before a macro is fixed, but the macro's value is not: \"a %JOBTITLE%\" reads " +
			"\"a Account Executive\" for one member and \"an VP of Sales\" with \"an %JOBTITLE%\" for another, and " +
			"the member sees a grammar slip with their own title in it. LinkedIn fills macros from the member's " +
			"profile (LinkedIn Help, \"macros in Sponsored Messaging\"), so no article suits every recipient; " +
			"rephrase so none is needed (\"as %JOBTITLE%\", \"for %COMPANYNAME%\"). The rule renders the macro for " +
			"every sample member and judges a/an by sound, not spelling: \"a User Research Lead\", \"an HR " +
			"Director\", \"an hour\", \"a European\"; an all-capitals acronym goes by its letter names (\"an SVP\", " +
			"\"a VP\"). It reports the first member, in member order, whose value disagrees. LinkedIn's fallback " +
			"text (personalization off, or no value) is left to fallback-render.",
	}
}

// Check implements lint.Rule.
func (MacroArticle) Check(p *lint.Pass) error {
	seen := map[[2]int]bool{} // source range of article+macro: report once
	// the first value, in member order, that wants the other article, by
	// typed article and macro; found is false when every value agrees
	type articleMacro struct {
		typed string
		mac   render.Macro
	}
	type disagree struct {
		v     lint.MemberValue
		found bool
	}
	var first map[articleMacro]disagree
	for _, v := range p.Variants {
		adCopyTexts(v, func(t render.Text) {
			if !p.FirstSeen(t) {
				return
			}
			for _, u := range render.ScanMacros(t.S) {
				as, ae, ok := wordBefore(t.S, u.Start)
				if !ok {
					continue
				}
				article := t.S[as:ae]
				typed := strings.ToLower(article)
				if typed != "a" && typed != "an" {
					continue
				}
				s, e := t.SrcRange(as, u.End)
				if seen[[2]int{s, e}] {
					continue
				}
				key := articleMacro{typed, u.Macro}
				d, ok := first[key]
				if !ok {
					// each distinct value once, in the order the members
					// give them: the first that disagrees is the first
					// member's who does
					for _, mv := range p.MacroValues(u.Macro) {
						if mv.Value == u.Macro.Fallback() {
							continue // fallback-render's business (personalization off, or no value)
						}
						if want, ok := indefiniteArticle(mv.Value); ok && want != typed {
							d = disagree{mv, true}
							break
						}
					}
					if first == nil {
						first = map[articleMacro]disagree{}
					}
					first[key] = d
				}
				if !d.found {
					continue
				}
				seen[[2]int{s, e}] = true
				r := lint.Render{Variant: v, Member: d.v.Member}
				p.Report(r.Diagnostic(t.Span(as, u.End), "%q %s: rephrase so no article is needed before %s",
					article+" "+d.v.Value, r.Who(), u.Macro))
			}
		})
	}
	return nil
}

// adCopyTexts calls fn for the copy a member reads in a variant, other than
// the sender and footer: the subject, each message body and each button
// label.
func adCopyTexts(v *render.Variant, fn func(t render.Text)) {
	fn(v.Subject)
	for _, m := range v.Messages {
		fn(m.Body)
		for _, b := range m.Buttons {
			fn(b.Label)
		}
	}
}

// wordBefore finds the word that ends just before at, separated from it by
// spaces or tabs only (at least one). A word is a run of letters that does
// not continue through an apostrophe, digit or another letter.
func wordBefore(s string, at int) (start, end int, ok bool) {
	end = at
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	if end == at || end == 0 {
		return 0, 0, false
	}
	start = end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= n
	}
	if start == end {
		return 0, 0, false
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsDigit(r) || r == '\'' || r == '’' || r == '%' || r == '-' {
			return 0, 0, false
		}
	}
	return start, end, true
}

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
