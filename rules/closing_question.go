package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// newClosingQuestion returns the closing-question rule, which notes a
// message that does not end with a question.
func newClosingQuestion() lint.Rule {
	return newRule(lint.Doc{
		ID:       "closing-question",
		Severity: lint.SeverityInfo,
		Default:  true,
		Title:    "the message ends with a question that invites a reply",
		Text: "A sponsored message lands in the member's inbox beside messages from people they know; one that " +
			"ends with a question (\"Can I save you a seat?\") reads like a conversation and gives the member " +
			"something to answer, where a statement or a sign-off leaves nothing to do. LinkedIn's Sponsored " +
			"Messaging best practices recommend a conversational tone and a clear next step, and cold-outreach " +
			"studies find that messages ending with a question get more replies. The rule looks at the last " +
			"sentence of the last paragraph, skipping a sign-off paragraph (\"Best, Dana\", \"Thanks,\"), and notes " +
			"it when it does not end with \"?\". It checks a Message Ad's body and only the opening message of a " +
			"Conversation Ad: later messages hand the reply to their buttons, and the opening's buttons still " +
			"need a question to answer.",
	}, checkClosingQuestion)
}

// closingSignOff is a paragraph that closes a letter: "Best,", "Thanks,
// Dana", "— Dana"; closingName is a name on its own, which counts as a
// sign-off right after one ("Thanks," then "Dana").
var (
	closingSignOff = lazyRE(`^(?:(?i:best|best regards|kind regards|warm regards|warmly|regards|thanks|thank you|many thanks|cheers|talk soon|speak soon|sincerely|all the best|see you soon)[,.!]?(?:\s+` + closingNameRE + `)?|[—–-]+ ?` + closingNameRE + `)$`)
	closingName    = lazyRE(`^` + closingNameRE + `$`)
)

const closingNameRE = `\p{Lu}[\p{L}'’.]*(?: \p{Lu}[\p{L}'’.]*){0,2}`

func checkClosingQuestion(p *lint.Pass) {
	openingBodies(p, func(v *render.Variant, body render.Text) {
		i, j, ok := closingSentence(body.S)
		if !ok {
			return
		}
		p.ReportIn(lint.Render{Variant: v}, body.Span(i, j),
			"the message ends with %s, not a question: close with one that invites a reply, such as \"Can I save you a seat?\"",
			quote(body.S[i:j]))
	})
}

// closingSentence finds the last sentence of body's last paragraph (after
// any sign-off) and reports whether it fails to end with a question mark.
func closingSentence(body string) (start, end int, missing bool) {
	paras := closingParagraphs(body)
	if len(paras) == 0 {
		return 0, 0, false
	}
	para := func(k int) string { return body[paras[k][0]:paras[k][1]] }
	k := len(paras) - 1
	switch {
	case k >= 2 && closingName().MatchString(para(k)) && closingSignOff().MatchString(para(k-1)):
		k -= 2
	case k >= 1 && closingSignOff().MatchString(para(k)):
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
	if core > ps && body[core-1] == '?' {
		return 0, 0, false
	}
	// the sentence starts after the previous terminator or line break
	start = ps
	for k := core - 1; k > ps; k-- {
		c := body[k-1]
		if c == '\n' {
			start = k
			break
		}
		if (c == '.' || c == '!' || c == '?') && (body[k] == ' ' || body[k] == '\n') && k < core-1 {
			start = k
			break
		}
	}
	for start < pe && (body[start] == ' ' || body[start] == '\n') {
		start++
	}
	return start, pe, start < pe
}

// closingParagraphs returns the [start, end) ranges of body's non-empty
// paragraphs, trimmed of surrounding white space.
func closingParagraphs(body string) [][2]int {
	var out [][2]int
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
			out = append(out, [2]int{s, t})
		}
		if n < 0 {
			break
		}
		off = e + 2
	}
	return out
}
