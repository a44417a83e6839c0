package rules

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// fallbackOcc is one macro in the personalization-off render: its fallback
// text is pt.S[start:end].
type fallbackOcc struct {
	mac        render.Macro
	start, end int
}

// checkFallbackRender is the fallback-render rule: it renders the copy the
// way LinkedIn sends it to a member with personalization off, every macro
// replaced by its fixed fallback text, and finds what then reads badly.
func checkFallbackRender(p *lint.Pass) {
	off := &render.Member{Off: true}
	// what reads badly lies beside a fallback, within its line
	p.FieldParagraphs(readCopy, nil, func(v *render.Variant, t render.Text) {
		uses := render.ScanMacros(t.S)
		if len(uses) == 0 {
			return
		}
		pt := render.Personalize(t, off)
		occs := make([]fallbackOcc, 0, len(uses))
		delta := 0
		for _, u := range uses {
			fb := u.Macro.Fallback()
			s := u.Start + delta
			occs = append(occs, fallbackOcc{mac: u.Macro, start: s, end: s + len(fb)})
			delta += len(fb) - (u.End - u.Start)
		}
		reportText(p, v, pt, fallbackFindings(pt.S, occs))
	})
}

// fallbackDeterminers are words that cannot stand before "your company".
var fallbackDeterminers = map[string]bool{
	"a": true, "an": true, "the": true, "your": true, "our": true, "my": true, "their": true,
	"this": true, "that": true, "his": true, "her": true, "its": true,
}

// fallbackFindings looks around each fallback in s, the copy rendered with
// personalization off, for the four ways it reads badly.
func fallbackFindings(s string, occs []fallbackOcc) []textFinding {
	var out []textFinding
	// occs are in order and apart, so the one that may hold i is found by
	// binary search
	inOcc := func(i int) bool {
		k := sort.Search(len(occs), func(k int) bool { return occs[k].end > i })
		return k < len(occs) && i >= occs[k].start
	}
	reads := func(i, j int) string { return fmt.Sprintf("with personalization off this reads %s", quote(s[i:j])) }
	for k, o := range occs {
		fb := s[o.start:o.end]
		fbWords := strings.Fields(fb)

		// before: an article, a determiner or the same word
		if ws, we, ok := wordBefore(s, o.start); ok && !inOcc(ws) {
			w := strings.ToLower(s[ws:we])
			want, known := indefiniteArticle(fb)
			switch {
			case (w == "a" || w == "an") && known && want != w:
				out = append(out, textFinding{ws, o.end, fmt.Sprintf("%s: rephrase so %s needs no article", reads(ws, o.end), o.mac)})
			case strings.HasPrefix(fb, "your ") && fallbackDeterminers[w]:
				out = append(out, textFinding{ws, o.end, fmt.Sprintf("%s: drop %s before %s or rephrase", reads(ws, o.end), quote(s[ws:we]), o.mac)})
			case sameWord(w, strings.ToLower(fbWords[0])):
				out = append(out, textFinding{ws, o.end, fmt.Sprintf("%s: drop %s before %s or rephrase", reads(ws, o.end), quote(s[ws:we]), o.mac)})
			}
		}

		// after: a possessive, the fallback again, or the same word
		rest := s[o.end:]
		if n := possessiveLen(rest); n > 0 {
			hint := ""
			if o.mac == render.MacroCompanyName {
				hint = ", such as \"the team at %COMPANYNAME%\""
			}
			out = append(out, textFinding{o.start, o.end + n, fmt.Sprintf("%s: rephrase without the possessive%s", reads(o.start, o.end+n), hint)})
			continue
		}
		sp := len(rest) - len(strings.TrimLeft(rest, " \t"))
		if sp == 0 {
			continue
		}
		next := o.end + sp
		if hasWordPrefixFold(s[next:], fb) {
			end := next + len(fb)
			what := fmt.Sprintf("rephrase so %s is not followed by %s", o.mac, quote(s[next:end]))
			if k+1 < len(occs) && occs[k+1].start == next {
				what = fmt.Sprintf("keep one of %s and %s", o.mac, occs[k+1].mac)
				if isNameMacro(o.mac) && isNameMacro(occs[k+1].mac) {
					what = "use %FIRSTNAME% alone, since each name macro falls back to \"LinkedIn Member\""
				}
			}
			out = append(out, textFinding{o.start, end, fmt.Sprintf("%s: %s", reads(o.start, end), what)})
			continue
		}
		ne := next
		for ne < len(s) {
			r, n := utf8.DecodeRuneInString(s[ne:])
			if !unicode.IsLetter(r) {
				break
			}
			ne += n
		}
		if ne > next && sameWord(strings.ToLower(fbWords[len(fbWords)-1]), strings.ToLower(s[next:ne])) {
			out = append(out, textFinding{o.start, ne, fmt.Sprintf("%s: rephrase so %s is not followed by %s", reads(o.start, ne), o.mac, quote(s[next:ne]))})
		}
	}
	return out
}

// sameWord reports whether b repeats a, or is its plural: "industry
// industries", "professional professionals". Both are lower-case.
func sameWord(a, b string) bool {
	switch {
	case a == "" || b == "":
		return false
	case a == b, b == a+"s", b == a+"es", a == b+"s":
		return true
	case strings.HasSuffix(a, "y") && b == a[:len(a)-1]+"ies":
		return true
	}
	return false
}

// possessiveLen is the length of a possessive ending at the start of s
// ("'s" or "’s"), or 0.
func possessiveLen(s string) int {
	for _, p := range []string{"'s", "’s"} {
		if !strings.HasPrefix(s, p) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[len(p):])
		if len(s) == len(p) || !unicode.IsLetter(r) {
			return len(p)
		}
	}
	return 0
}

// hasWordPrefixFold reports whether s starts with word, ignoring case, and
// the match ends at a word boundary.
func hasWordPrefixFold(s, word string) bool {
	if len(s) < len(word) || !strings.EqualFold(s[:len(word)], word) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[len(word):])
	return len(s) == len(word) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isNameMacro(m render.Macro) bool {
	return m == render.MacroFirstName || m == render.MacroLastName
}
