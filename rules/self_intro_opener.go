package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// newSelfIntroOpener returns the self-intro-opener rule, which finds a
// message that opens by talking about the sender.
func newSelfIntroOpener() lint.Rule {
	return newRule(lint.Doc{
		ID:       "self-intro-opener",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "the message does not open by introducing the sender",
		Text: "The inbox preview shows the sender's name and photo, the subject and the first line of the message; " +
			"an opening line that repeats who the sender is (\"Hi, I'm John from Acme\", \"My name is ...\", \"Let " +
			"me introduce myself\", \"Je m'appelle Camille\", \"Ich bin Anna von\") spends that line on the " +
			"advertiser instead of the member. LinkedIn's Sponsored Messaging best practices recommend writing as " +
			"one professional to another and getting to what is relevant to the recipient quickly; sales-writing " +
			"guidance makes the same point about \"me-first\" openers. The rule reads the first sentence of each " +
			"Message Ad body and of a Conversation Ad's opening message (later messages answer a choice the member " +
			"made), after a greeting such as \"Hi %FIRSTNAME%,\", and reports the self-introductions of the file's " +
			"language pack: \"I'm Dana from\", \"my name is\", \"I'm reaching out from\", \"I am the head of growth " +
			"at\", \"this is Jordan from\", \"I work at\" in English, and their equivalents in the other languages. " +
			"When the language is unknown the rule stays quiet.",
	}, checkSelfIntroOpener)
}

func checkSelfIntroOpener(p *lint.Pass) {
	pack := p.Pack()
	if pack == nil {
		return
	}
	m := pack.Matcher(lang.CatSelfIntro)
	openingBodies(p, openingPart, func(v *render.Variant, body render.Text) {
		toks := openingSentence(pack, body.S, p.Tokens(body.S))
		if x, ok := firstOpener(pack, m, toks); ok {
			i, j := toks[x.Start].Start, toks[x.End-1].End
			p.ReportIn(lint.Render{Variant: v}, body.Span(i, j),
				"the message opens with the sender (%s): open with the member's problem or a question about their work instead", quote(body.S[i:j]))
		}
	})
}

// firstOpener returns the first match of an opener in the sentence. A
// pattern that ends in a preposition after {words} ("i'm the {words} at")
// must be followed by the employer: a capitalized word, a macro or a
// number ("I'm the head of growth at Acme", not "I'm a big fan of your
// work"); the words run on to the preposition before it. A pattern with a
// {name} before its last word also matches the name alone before a comma,
// a period or an exclamation mark ("I'm Dana Reyes, the head of events").
func firstOpener(pack *lang.Pack, m *lang.Matcher, toks []lang.Token) (lang.Match, bool) {
	best, found := lang.Match{}, false
	take := func(x lang.Match) {
		if !found || x.Start < best.Start {
			best, found = x, true
		}
	}
	for _, x := range m.All(toks) {
		items := m.Patterns()[x.Pattern].Items
		if n := len(items); n >= 2 && items[n-2].Slot == lang.SlotWords {
			if e, ok := employerEnd(items[n-1], toks, x.End); ok {
				take(lang.Match{Pattern: x.Pattern, Start: x.Start, End: e})
			}
			continue
		}
		take(x)
	}
	for _, x := range namePrefixes(pack).All(toks) {
		e := x.End
		for e < len(toks) && e-x.End < 2 && toks[e].Kind == lang.Word && namesSomething(toks[e]) && !pack.IsFunctionWord(toks[e].Fold) {
			e++
		}
		if e == len(toks) || toks[e].Kind == lang.Punct && (toks[e].Text == "," || toks[e].Text == "." || toks[e].Text == "!") {
			take(lang.Match{Pattern: -1, Start: x.Start, End: e})
		}
	}
	return best, found
}

// employerEnd returns where a "… {words} at" match whose shortest form
// ends at end really ends: at the first preposition of last, at most six
// words on, that is followed by a name.
func employerEnd(last lang.Item, toks []lang.Token, end int) (int, bool) {
	for e := end; e <= len(toks) && e-end <= 6; e++ {
		t := toks[e-1]
		if t.Kind != lang.Word && t.Kind != lang.Macro {
			return 0, false
		}
		if e < len(toks) && namesSomething(toks[e]) && accepts(last, t) {
			return e, true
		}
	}
	return 0, false
}

func accepts(it lang.Item, t lang.Token) bool {
	for _, alt := range it.Alts {
		if len(alt) == 1 && alt[0].Kind == t.Kind && (alt[0].Text == t.Fold || it.Exact && alt[0].Text == t.Text) {
			return true
		}
	}
	return false
}

// namePrefixes are, for a pack, its self-introductions cut before a
// {name} that a word follows: "i'm {name} from|at" gives "i'm {name}".
var namePrefixCache sync.Map // *lang.Pack → *lang.Matcher

func namePrefixes(pack *lang.Pack) *lang.Matcher {
	if m, ok := namePrefixCache.Load(pack); ok {
		return m.(*lang.Matcher)
	}
	var pats []*lang.Pattern
	for _, pat := range pack.SelfIntro {
		f := strings.Fields(pat.Source)
		k := slices.Index(f, "{name}")
		if k <= 0 || k != len(f)-2 {
			continue
		}
		if p, err := lang.ParsePattern(strings.Join(f[:k+1], " ")); err == nil {
			pats = append(pats, p)
		}
	}
	m, _ := namePrefixCache.LoadOrStore(pack, lang.NewMatcher(pats))
	return m.(*lang.Matcher)
}

func namesSomething(t lang.Token) bool {
	if t.Kind == lang.Macro {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return t.Kind == lang.Word && (unicode.IsUpper(r) || unicode.IsDigit(r))
}

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
		if k := strings.IndexAny(rest, ",!.?:;\n—–"); k >= 0 {
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
