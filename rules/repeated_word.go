package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// repeatedWordAllowed are doubles that are grammatical, by folded word.
var repeatedWordAllowed = map[string]bool{"had": true, "that": true}

// checkRepeatedWord is the repeated-word rule: it finds a word typed twice
// in a row.
func checkRepeatedWord(p *lint.Pass) {
	// a blank line is a break between the words, never a repeat
	p.FieldParagraphs(readCopy, nil, func(v *render.Variant, t render.Text) {
		for _, w := range findRepeatedWords(p.Pack(), t.S, p.Tokens(t.S)) {
			d := lint.Render{Variant: v}.Diagnostic(t.Span(w.start, w.end), "%s", w.msg)
			// the fix removes the repeats and the space before each, when
			// that text is the source's own
			if fx, ok := lint.TextFix(lint.FixCertain, "remove the repeated word", t, w.cut, w.end, ""); ok {
				d.Fixes = []lint.Fix{fx}
			}
			p.Report(d)
		}
	})
}

// findRepeatedWords returns the second word of each pair of equal words
// that only white space separates, paragraphs included.
// repeatedWord is one finding of the rule: the repeats (the finding's
// span) and, from cut, what the fix removes (the repeats and the space
// before them).
type repeatedWord struct {
	textFinding
	cut int
}

func findRepeatedWords(pack *lang.Pack, s string, toks []lang.Token) []repeatedWord {
	var out []repeatedWord
	formal := pack.Matcher(lang.CatAddress + ".formal")
	for k := 1; k < len(toks); k++ {
		a, b := toks[k-1], toks[k]
		if a.Kind != lang.Word || b.Kind != lang.Word || a.Fold != b.Fold || repeatedWordAllowed[a.Fold] {
			continue
		}
		if strings.TrimSpace(s[a.End:b.Start]) != "" || a.End == b.Start || !hasLetter(a.Text) || strings.HasSuffix(a.Text, "'") {
			continue // punctuation between them, one word cut in two, a number, an elision
		}
		if a.Text != b.Text {
			// "wie Sie sie erfassen": the formal "you" then "them", which
			// only the capital tells apart
			if m, ok := formal.At(toks, k-1); ok && m.End == k && formal.Patterns()[m.Pattern].Items[0].Exact {
				continue
			}
			if m, ok := formal.At(toks, k); ok && m.End == k+1 && formal.Patterns()[m.Pattern].Items[0].Exact {
				continue
			}
		}
		// a run of the same word is one mistake: the words after the first
		end := k + 1
		for end < len(toks) && toks[end].Kind == lang.Word && toks[end].Fold == a.Fold && strings.TrimSpace(s[toks[end-1].End:toks[end].Start]) == "" && toks[end-1].End != toks[end].Start {
			end++
		}
		if n := end - k + 1; n > 2 {
			out = append(out, repeatedWord{textFinding{b.Start, toks[end-1].End, fmt.Sprintf("%s is written %d times in a row: keep one", quote(s[b.Start:b.End]), n)}, a.End})
		} else {
			out = append(out, repeatedWord{textFinding{b.Start, b.End, fmt.Sprintf("%s is written twice in a row: remove the second one", quote(s[b.Start:b.End]))}, a.End})
		}
		k = end
	}
	return out
}
