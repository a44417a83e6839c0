package rules

import (
	"slices"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// selfIntroOpener is the self-intro-opener rule: it finds a message that
// opens by talking about the sender, the first of the pack's
// self-introductions ("I'm Dana from Acme") in its first sentence.
var selfIntroOpener = opener{category: lang.CatSelfIntro, what: "the sender", first: firstOpener}

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
