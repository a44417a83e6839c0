package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// checkClosingQuestion is the closing-question rule: it notes a message that
// does not end with a question. It needs the file's pack (needsPack):
// sign-offs and question marks differ by language.
func checkClosingQuestion(p *lint.Pass, pack *lang.Pack) {
	var part closingParts
	part.pack = pack
	openingBodies(p, part.of, func(v *render.Variant, body render.Text) {
		c, ok := closingSentence(pack, body.S)
		if !ok || c.endsInPlaceholder(body.S) {
			return
		}
		sentence := quote(body.S[c.start:c.end])
		switch {
		case c.missing && pack.Tag == "en":
			p.ReportIn(lint.Render{Variant: v}, body.Span(c.start, c.end),
				"the message ends with %s, not a question: close with one that invites a reply, such as \"Can I save you a seat?\"", sentence)
		case c.missing:
			p.ReportIn(lint.Render{Variant: v}, body.Span(c.start, c.end),
				"the message ends with %s, not a question: close with one that invites a reply", sentence)
		case c.glued:
			p.ReportIn(lint.Render{Variant: v}, body.Span(c.mark, c.mark+len(pack.Question.Mark)),
				"the closing question %s has its %q right after the word: %s puts a (narrow) no-break space before it", sentence, pack.Question.Mark, pack.Name)
		case c.unopened:
			p.ReportIn(lint.Render{Variant: v}, body.Span(c.start, c.end),
				"the closing question %s has no opening %q: %s opens a question with it", sentence, pack.Question.Open, pack.Name)
		}
	})
}

// closing is what closingSentence found: the last sentence's range, and
// what is wrong with it as a question.
type closing struct {
	start, end int
	// core is where the sentence's text ends, before closing quotes,
	// brackets and emoji; mark is where its question mark starts
	core, mark int
	// missing: no question mark; glued: the mark lacks the space the
	// language requires before it; unopened: the language's opening mark
	// is missing
	missing, glued, unopened bool
}

// endsInPlaceholder reports whether the sentence ends in a placeholder
// that the placeholder rule reports ("… [TBD]."): the copy is unfinished,
// and that is the one finding to make.
func (c closing) endsInPlaceholder(body string) bool {
	for _, f := range findPlaceholders(body[c.start:c.end]) {
		if c.start+f.end >= c.core {
			return true // the placeholder's closing bracket ends the sentence
		}
		rest := strings.TrimRightFunc(body[c.start+f.end:c.core], func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
		if rest == "" {
			return true
		}
	}
	return false
}

// closingSentence finds the last sentence of body's last paragraph (after
// any sign-off in the pack's language) and whether it fails as a
// question; ok is false when it is a well-punctuated question or there is
// no sentence.
func closingSentence(pack *lang.Pack, body string) (c closing, ok bool) {
	paras := closingParagraphs(body)
	if len(paras) == 0 {
		return c, false
	}
	para := func(k int) string { return body[paras[k][0]:paras[k][1]] }
	k := len(paras) - 1
	switch {
	case k >= 2 && isClosingName(lang.Tokenize(para(k))) && isSignOff(pack, lang.Tokenize(para(k-1))):
		k -= 2
	case k >= 1 && isSignOff(pack, lang.Tokenize(para(k))):
		k--
	}
	ps, pe := paras[k][0], paras[k][1]
	// what ends the sentence: ignore closing quotes, brackets and emoji
	core := pe
	for core > ps {
		r, n := utf8.DecodeLastRuneInString(body[ps:core])
		trailing := unicode.IsSymbol(r) || unicode.IsSpace(r) || unicode.Is(unicode.Pf, r) || unicode.Is(unicode.Pe, r) ||
			r == '"' || r == '\'' || r == '\u200d' || r == '\ufe0f'
		if !trailing {
			break
		}
		core -= n
	}
	mark := pack.Question.Mark
	asked := mark != "" && strings.HasSuffix(body[ps:core], mark)
	// the sentence starts after the previous terminator or line break
	start := ps
	for k := core - 1; k > ps; k-- {
		ch := body[k-1]
		if ch == '\n' {
			start = k
			break
		}
		if (ch == '.' || ch == '!' || ch == '?') && (body[k] == ' ' || body[k] == '\n') && k < core-1 {
			start = k
			break
		}
	}
	for start < pe && (body[start] == ' ' || body[start] == '\n') {
		start++
	}
	c = closing{start: start, end: pe, core: core, mark: core - len(mark)}
	if start >= pe {
		return c, false
	}
	if !asked {
		c.missing = true
		return c, true
	}
	q := pack.Question
	if q.SpaceRequired {
		before, _ := utf8.DecodeLastRuneInString(body[start:c.mark])
		if !unicode.IsSpace(before) {
			c.glued = true
			return c, true
		}
	}
	if q.Open != "" && !strings.Contains(body[start:c.mark], q.Open) {
		c.unopened = true
		return c, true
	}
	return c, false
}

// isSignOff reports whether a paragraph closes a letter: one of the pack's
// sign-offs, a comma or period, and a name ("Best regards, Dana",
// "Viele Grüße"), or a dash and a name ("— Dana").
func isSignOff(pack *lang.Pack, toks []lang.Token) bool {
	i := 0
	if m, ok := pack.Matcher(lang.CatSignOffs).At(toks, 0); ok {
		i = m.End
	} else if len(toks) > 0 && toks[0].Kind == lang.Punct && strings.ContainsAny(toks[0].Text, "—–-") {
		return len(toks) > 1 && isClosingName(toks[1:])
	} else {
		return false
	}
	if i < len(toks) && toks[i].Kind == lang.Punct && strings.ContainsAny(toks[i].Text, ",.!") {
		i++
	}
	return i == len(toks) || isClosingName(toks[i:])
}

// isClosingName reports whether toks are a name alone: one to three
// capitalized words, initials with their periods.
func isClosingName(toks []lang.Token) bool {
	words := 0
	for _, t := range toks {
		switch {
		case t.Kind == lang.Punct && t.Text == ".":
		case t.Kind == lang.Word && namesSomething(t) && !unicode.IsDigit([]rune(t.Text)[0]):
			words++
		default:
			return false
		}
	}
	return words >= 1 && words <= 3
}

// closingParts finds the part of a body closingSentence reads: the last
// sentence's paragraph (closingParagraphs'), and the sign-off and name
// after it, no more, so that variants that differ in any other paragraph
// share it. Whether the last paragraphs are a sign-off and a name is
// decided once per pass for each distinct pair of them: variants mostly
// end alike.
type closingParts struct {
	pack *lang.Pack
	// back holds, by the last two paragraphs' text, how many paragraphs
	// before the last the sentence lies in
	back map[closingKey]int
}

// closingKey is the last two paragraphs of a body, and whether there are
// more before them (a sign-off and a name need a sentence before them).
type closingKey struct {
	last, prev string
	more       bool
}

// of returns the part of body closingSentence reads, from where the
// stretch of the sentence's paragraph starts to the end: what
// closingSentence finds in it is what it finds in the whole body, since
// the paragraphs from there on are the same and decide alike.
func (c *closingParts) of(body string) (int, int) {
	type para struct{ off, s, t int }
	var last [3]para // the last three paragraphs, a ring
	n := 0
	eachClosingParagraph(body, func(off, s, t int) {
		last[n%3] = para{off, s, t}
		n++
	})
	if n <= 1 {
		return 0, len(body)
	}
	at := func(k int) para { return last[(n-1-k)%3] } // k paragraphs before the last
	text := func(k int) string { return body[at(k).s:at(k).t] }
	key := closingKey{text(0), text(1), n >= 3}
	back, ok := c.back[key]
	if !ok {
		back = closingBack(c.pack, n, text)
		if c.back == nil {
			c.back = map[closingKey]int{}
		}
		c.back[key] = back
	}
	return at(back).off, len(body)
}

// closingBack is how many paragraphs before the last of n the closing
// sentence lies in (closingSentence's choice): two after a sign-off and a
// name, one after a sign-off, else none; text(k) is the paragraph k
// before the last.
func closingBack(pack *lang.Pack, n int, text func(k int) string) int {
	last := lang.Tokenize(text(0))
	switch {
	case n >= 3 && isClosingName(last) && isSignOff(pack, lang.Tokenize(text(1))):
		return 2
	case isSignOff(pack, last):
		return 1
	}
	return 0
}

// closingParagraphs returns the [start, end) ranges of body's non-empty
// paragraphs, trimmed of surrounding white space.
func closingParagraphs(body string) [][2]int {
	var out [][2]int
	eachClosingParagraph(body, func(_, s, t int) { out = append(out, [2]int{s, t}) })
	return out
}

// eachClosingParagraph calls fn with each of closingParagraphs' ranges,
// [s, t), and where the stretch it was trimmed from starts (off): the
// paragraphs of body[off:] are the same from there on.
func eachClosingParagraph(body string, fn func(off, s, t int)) {
	for off := 0; off <= len(body); {
		n := strings.Index(body[off:], "\n\n")
		e := len(body)
		if n >= 0 {
			e = off + n
		}
		s, t := off, e
		for s < t && unicode.IsSpace(rune(body[s])) {
			s++
		}
		for t > s && unicode.IsSpace(rune(body[t-1])) {
			t--
		}
		if s < t {
			fn(off, s, t)
		}
		if n < 0 {
			break
		}
		off = e + 2
	}
}
