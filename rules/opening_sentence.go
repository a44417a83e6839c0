package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// How the rules that read the first words of a message find them: the
// opening sentence after any greeting (the opener rules), and the tokens
// that name someone (a name, a company, a macro), which closing-question
// also reads in a sign-off.

// openingSentence returns the tokens of the body's first sentence (to the
// first sentence end or line break after a greeting). The greeting is part
// of it: without punctuation ("Hi %FIRSTNAME% I'm Dana from Acme") it runs
// into the sentence.
func openingSentence(pack *lang.Pack, body string, toks []lang.Token) []lang.Token {
	start := 0
	if g, ok := pack.Matcher(lang.CatGreetings).At(toks, 0); ok {
		// the greeting runs on over the name or macro to its punctuation
		// or line break, within 40 bytes
		gEnd := toks[g.End-1].End
		// a comma between the greeting and the name or macro is part of
		// it: "Hola, %FIRSTNAME%:", "Olá, Mariana!"
		if k := g.End; k+1 < len(toks) && toks[k].Text == "," && (toks[k+1].Kind == lang.Macro || namesSomething(toks[k+1])) {
			gEnd = toks[k+1].End
		}
		rest := body[gEnd:min(len(body), gEnd+44)]
		if k := greetingStop(rest); k >= 0 {
			_, n := utf8.DecodeRuneInString(rest[k:])
			start = gEnd + k + n
		}
	}
	for start < len(body) && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n') {
		start++
	}
	stop := len(body)
	for k := start; k < len(body); k++ {
		c := body[k]
		if c == '\n' && k > start {
			stop = k
			break
		}
		if (c == '.' || c == '!' || c == '?') && (k+1 == len(body) || body[k+1] == ' ' || body[k+1] == '\n') {
			stop = k + 1
			break
		}
	}
	end := 0
	for end < len(toks) && toks[end].Start < stop {
		end++
	}
	return toks[:end]
}

// namesSomething reports whether a token names someone or something: a
// macro, or a word that starts with a capital or a digit.
func namesSomething(t lang.Token) bool {
	if t.Kind == lang.Macro {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return t.Kind == lang.Word && (unicode.IsUpper(r) || unicode.IsDigit(r))
}

// greetingStop is strings.IndexAny(rest, ",!.?:;\n—–"), the first mark
// that may end a greeting, read a byte at a time: every opening sentence
// of every variant goes through it, and IndexAny with a dash among the
// marks decodes each rune.
func greetingStop(rest string) int {
	for k := 0; k < len(rest); k++ {
		switch rest[k] {
		case ',', '!', '.', '?', ':', ';', '\n':
			return k
		case 0xE2: // the first byte of "—" and of "–"
			if strings.HasPrefix(rest[k:], "—") || strings.HasPrefix(rest[k:], "–") {
				return k
			}
		}
	}
	return -1
}
