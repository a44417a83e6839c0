package lang

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// slot is a placeholder in a pattern for words the pack cannot list: the
// sender's name, their company, a job title.
type slot uint8

// The slots a pattern may hold.
const (
	// noSlot marks an Item that is a word.
	noSlot slot = iota
	// slotName, written {name}, is one to three words that start with a
	// capital letter and are not function words of the pack: "Camille",
	// "Anna Schmidt", "O'Brien". Macros never fill it.
	slotName
	// slotCompany, written {company}, is one to four such words, digits
	// or "&": "Northwind", "Cobalt Analytics", "Smith & Co". Macros never
	// fill it: %COMPANYNAME% is the member's company, not the sender's.
	slotCompany
	// SlotWords, written {words}, is zero to six words or macros of any
	// case: "ich bin {words} bei" reads "Ich bin Head of Sales bei".
	SlotWords
)

var slotNames = map[string]slot{"{name}": slotName, "{company}": slotCompany, "{words}": SlotWords}

// slotMax is the most tokens each slot takes; slotMin the fewest.
var (
	slotMin = [...]int{slotName: 1, slotCompany: 1, SlotWords: 0}
	slotMax = [...]int{slotName: 3, slotCompany: 4, SlotWords: 6}
)

// String returns the slot as written in a pattern.
func (s slot) String() string {
	for k, v := range slotNames {
		if v == s {
			return k
		}
	}
	return ""
}

// Item is one position of a pattern: a word (with its alternatives) or a
// slot.
type Item struct {
	// Slot is the slot this item is, or noSlot for a word.
	Slot slot
	// Alts are the alternatives this position accepts, each the tokens
	// of one word: usually one token ("mehr"), several where the
	// tokenizer cuts a word ("world's" is "world'" then "s").
	Alts [][]Lit
	// Exact is set for a word written with a leading "=": it matches only
	// in that case ("=Sie" is the German formal "you", not "sie", "she").
	// Where a sentence starts every word is capitalized, so a matcher
	// should not take an exact-case match there as evidence.
	Exact bool
}

// Lit is one token of a pattern word: its text, folded (foldWord) or, in an
// exact-case item, as written, and its kind (Word or symbol).
type Lit struct {
	Text string
	Kind tokenKind
}

// Pattern is one pack entry in the pattern language: a sequence of words
// and slots matched against whole tokens (see Tokenize), never against
// parts of words.
//
// The language:
//
//	pattern = item { " " item }
//	item    = [ "=" ] word { "|" word } | "{name}" | "{company}" | "{words}"
//	word    = text the tokenizer reads as words or symbols
//
// A word compares case-folded ("Mehr" matches "mehr", "MEHR"); "=" makes it
// case-exact, and before alternatives applies to all of them. "a|an"
// accepts either word at that position. A word the tokenizer cuts into
// several tokens stands for all of them in order: "m'appelle" is "m'" then
// "appelle", "risk-free" is "risk" then "free" (and matches "risk free"),
// "100%" is "100" then "%". Punctuation is not part of patterns, and a
// match never crosses punctuation in the copy. A pattern has at least one
// word, at most two slots, and no two slots side by side.
type Pattern struct {
	// Source is the pattern as written in the pack.
	Source string
	// line is the line of the pack file it is written on (0 when the
	// pattern did not come from a pack).
	line int
	// Items are the positions of the pattern, in order.
	Items []Item
	// stop points to the pack's function words, sorted: they never fill
	// {name} or {company} ("This is a…" is not a company introducing
	// itself). A pointer, so that generated packs initialize statically.
	stop *[]string
}

// ParsePattern reads one pattern. The error says what is wrong with it.
func ParsePattern(s string) (*Pattern, error) {
	p := &Pattern{Source: s}
	slots := 0
	for _, f := range strings.Fields(s) {
		if sl, ok := slotNames[f]; ok {
			if n := len(p.Items); n > 0 && p.Items[n-1].Slot != noSlot {
				return nil, fmt.Errorf("two slots side by side (%s %s): the match would be ambiguous", p.Items[n-1].Slot, f)
			}
			slots++
			p.Items = append(p.Items, Item{Slot: sl})
			continue
		}
		if strings.ContainsAny(f, "{}") {
			return nil, fmt.Errorf("unknown slot %q: the slots are {name}, {company} and {words}", f)
		}
		exact := strings.HasPrefix(f, "=")
		it := Item{Exact: exact}
		alts := strings.Split(strings.TrimPrefix(f, "="), "|")
		for _, alt := range alts {
			if strings.HasPrefix(alt, "=") {
				return nil, fmt.Errorf("%q: write \"=\" once, before the first alternative; it applies to all", f)
			}
			toks, err := patternTokens(alt)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", alt, err)
			}
			lits := make([]Lit, len(toks))
			for k, t := range toks {
				lits[k] = Lit{Text: t.Fold, Kind: t.Kind}
				if exact {
					lits[k].Text = t.Text
				}
			}
			for _, prev := range it.Alts {
				if litsEqual(prev, lits) {
					return nil, fmt.Errorf("alternative %q is given twice in %q", alt, f)
				}
			}
			it.Alts = append(it.Alts, lits)
		}
		if len(it.Alts) == 1 {
			// a word of several tokens is several items: slots may sit
			// next to each of them and prefilters see each
			for _, l := range it.Alts[0] {
				p.Items = append(p.Items, Item{Alts: [][]Lit{{l}}, Exact: exact})
			}
			continue
		}
		p.Items = append(p.Items, it)
	}
	switch {
	case len(p.Items) == 0:
		return nil, fmt.Errorf("empty pattern")
	case slots == len(p.Items):
		return nil, fmt.Errorf("a pattern needs at least one word besides its slots")
	case slots > 2:
		return nil, fmt.Errorf("%d slots: a pattern has at most two", slots)
	}
	return p, nil
}

func litsEqual(a, b []Lit) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// patternTokens reads a pattern word with the copy's tokenizer; only words
// and symbols may come of it.
func patternTokens(w string) ([]Token, error) {
	if w == "" {
		return nil, fmt.Errorf("empty word")
	}
	// An elided word written alone ("d'", "l'") is the token the
	// tokenizer cuts from "d'accord": the word and its apostrophe.
	if r, n := utf8.DecodeLastRuneInString(w); isApostrophe(r) && n < len(w) {
		toks := Tokenize(w[:len(w)-n])
		if k := len(toks) - 1; k >= 0 && toks[k].Kind == Word {
			toks[k].Text += "'"
			toks[k].Fold += "'"
			return checkPatternTokens(toks)
		}
	}
	return checkPatternTokens(Tokenize(w))
}

func checkPatternTokens(toks []Token) ([]Token, error) {
	if len(toks) == 0 {
		return nil, fmt.Errorf("no word in it")
	}
	for _, t := range toks {
		switch t.Kind {
		case Word, symbol:
		case Macro:
			return nil, fmt.Errorf("macro %s in a pattern: macros never take part in matching", t.Text)
		default:
			return nil, fmt.Errorf("punctuation %q in a pattern: patterns are words only, and matches never cross punctuation", t.Text)
		}
	}
	return toks, nil
}

// words are the literal words of the pattern, folded: the tokens of each
// item that is not a slot, taking its first alternative. A prefilter can
// look for the words of items with one alternative, which every match
// holds.
func (p *Pattern) words() []string {
	var out []string
	for _, it := range p.Items {
		if it.Slot == noSlot {
			for _, l := range it.Alts[0] {
				out = append(out, foldWord(l.Text))
			}
		}
	}
	return out
}

// hasSlots reports whether the pattern holds a slot.
func (p *Pattern) hasSlots() bool {
	for _, it := range p.Items {
		if it.Slot != noSlot {
			return true
		}
	}
	return false
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.Source }

// matchAt reports whether the pattern matches toks starting at toks[i],
// and where the match ends (toks[i:end] are the matched tokens). Slots take
// as few tokens as let the rest match. The work is bounded: each slot tries
// at most seven lengths.
func (p *Pattern) matchAt(toks []Token, i int) (end int, ok bool) {
	return p.match(toks, i, 0)
}

func (p *Pattern) match(toks []Token, i, k int) (int, bool) {
	if k == len(p.Items) {
		return i, true
	}
	it := &p.Items[k]
	if it.Slot == noSlot {
		for _, alt := range it.Alts {
			if n := it.accepts(alt, toks, i); n > 0 {
				if end, ok := p.match(toks, i+n, k+1); ok {
					return end, true
				}
			}
		}
		return 0, false
	}
	for n := 0; n <= slotMax[it.Slot]; n++ {
		if n >= slotMin[it.Slot] {
			if end, ok := p.match(toks, i+n, k+1); ok {
				return end, true
			}
		}
		if i+n >= len(toks) || !p.fills(it.Slot, toks[i+n], n) {
			return 0, false
		}
	}
	return 0, false
}

// find returns the first match of the pattern in toks at or after i, as
// the range [start, end) of tokens; ok is false when there is none.
func (p *Pattern) find(toks []Token, i int) (start, end int, ok bool) {
	for s := i; s < len(toks); s++ {
		if e, ok := p.match(toks, s, 0); ok {
			return s, e, true
		}
	}
	return 0, 0, false
}

// whole reports whether the pattern matches all of the words of toks,
// punctuation and symbols ignored: how a button label is compared with a
// pack's list of labels ("No, thanks!" is the entry "no thanks").
func (p *Pattern) whole(toks []Token) bool {
	words := make([]Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind == Word || t.Kind == Macro || t.Kind == symbol && p.hasSymbol(t.Fold) {
			words = append(words, t)
		}
	}
	end, ok := p.match(words, 0, 0)
	return ok && end == len(words)
}

func (p *Pattern) hasSymbol(s string) bool {
	for _, it := range p.Items {
		for _, alt := range it.Alts {
			for _, l := range alt {
				if l.Kind == symbol && l.Text == s {
					return true
				}
			}
		}
	}
	return false
}

// accepts returns how many tokens from toks[i] the alternative matches:
// len(alt), or 0.
func (it *Item) accepts(alt []Lit, toks []Token, i int) int {
	if i+len(alt) > len(toks) {
		return 0
	}
	for k, l := range alt {
		t := &toks[i+k]
		got := t.Fold
		if it.Exact {
			got = t.Text
		}
		if t.Kind != l.Kind || got != l.Text {
			return 0
		}
	}
	return len(alt)
}

// fills reports whether t may be the n-th token (from 0) of a slot.
func (p *Pattern) fills(s slot, t Token, n int) bool {
	switch s {
	case SlotWords:
		return t.Kind == Word || t.Kind == Macro
	case slotName, slotCompany:
		if t.Kind == symbol && s == slotCompany && n > 0 && t.Text == "&" {
			return true
		}
		if t.Kind != Word || p.stop != nil && inSorted(*p.stop, t.Fold) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		return unicode.IsUpper(r) || s == slotCompany && unicode.IsDigit(r)
	}
	return false
}

// inSorted reports whether s is in the sorted list.
func inSorted(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}
