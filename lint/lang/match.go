package lang

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
)

// Matcher finds many patterns at once in a text's tokens, in one pass and
// without regular expressions: the phrase rules build one per pack
// category or option set and share each text's tokens (Tokenize once).
//
// The patterns' literal words up to their first slot are kept in a trie
// over tokens (folded, or as written for a case-exact word), so a position
// of the text costs one lookup unless a pattern's first word stands there;
// only the patterns whose prefix the trie reaches are matched on from the
// end of the prefix (Pattern.matchAt's bounded slots). A pattern that
// starts with a slot ("{company} is a|an {words} platform") is indexed by
// the words after the slot, and the slot is filled backwards from there.
// The work is linear in the number of tokens: each position walks at most
// the trie's depth, and each slot tries at most seven lengths.
//
// The matches are those Pattern.matchAt finds at each position (the same
// ends, slots as short as let the rest match); a test holds the two to
// each other. A Matcher is read-only once built and safe for concurrent
// use.
type Matcher struct {
	pats []*Pattern
	root trieNode
	// symbols are the folded symbols any pattern names: Whole keeps
	// those symbol tokens of a label and drops the rest.
	symbols map[string]bool
	// starts holds a bit for the first two bytes of each folded word a
	// match can start with (see startBit); All skips, without a map
	// look-up, the many tokens no pattern can start at. everywhere is set
	// when some pattern can start at any token (its prefix is empty).
	starts     [startBits / 64]uint64
	everywhere bool
}

// startBits is the size of Matcher.starts: enough that the few hundred
// first words of a pack's category rarely share a bit with a common word.
const startBits = 4096

// startBit is the bit of Matcher.starts for a folded token.
func startBit(fold string) uint {
	if fold == "" {
		return 0
	}
	h := uint(fold[0])
	if len(fold) > 1 {
		h = h<<5 ^ uint(fold[1])
	}
	h = h<<3 ^ uint(min(len(fold), 7))
	return h % startBits
}

func (m *Matcher) mayStart(fold string) bool {
	b := startBit(fold)
	return m.everywhere || m.starts[b/64]&(1<<(b%64)) != 0
}

// trieNode is one position of the trie. Its children are keyed by a
// token's folded text (next) or, for a case-exact word, by its text as
// written (exact). A word and a symbol never share a text, so the kind
// need not be part of the key.
type trieNode struct {
	next, exact map[string]*trieNode
	ends        []trieEnd
}

// trieEnd is a pattern whose prefix ends at a node: the match goes on at
// item next. rank orders the paths of one pattern as matchAt tries its
// alternatives, so that where two paths match at one position the one
// matchAt would have taken wins.
type trieEnd struct {
	pat  int32
	next int32
	rank int32
	lead slot // the slot before the prefix, noSlot when it starts the pattern
}

// maxPaths bounds how many trie paths one pattern's alternatives expand
// into; the prefix stops before an item that would pass it, and matchAt
// matches the rest.
const maxPaths = 64

// NewMatcher indexes the patterns. Match reports each by its index in pats.
func NewMatcher(pats []*Pattern) *Matcher {
	m := &Matcher{pats: pats, symbols: map[string]bool{}}
	for k, p := range pats {
		m.add(int32(k), p)
		for _, it := range p.Items {
			for _, alt := range it.Alts {
				for _, l := range alt {
					if l.Kind == symbol {
						m.symbols[foldWord(l.Text)] = true
					}
				}
			}
		}
	}
	m.everywhere = len(m.root.ends) > 0
	mark := func(fold string) {
		b := startBit(fold)
		m.starts[b/64] |= 1 << (b % 64)
	}
	for w := range m.root.next {
		mark(w)
	}
	for w := range m.root.exact {
		mark(foldWord(w)) // a token matches it only if their folds are equal
	}
	return m
}

// Patterns returns the patterns the matcher was built with.
func (m *Matcher) Patterns() []*Pattern { return m.pats }

// Len returns the number of patterns.
func (m *Matcher) Len() int { return len(m.pats) }

func (m *Matcher) add(k int32, p *Pattern) {
	first, lead := 0, noSlot
	if p.Items[0].Slot != noSlot {
		first, lead = 1, p.Items[0].Slot
	}
	// the prefix: the word items from first up to the next slot, as long
	// as the paths they expand into stay few
	last, paths := first, 1
	for last < len(p.Items) && p.Items[last].Slot == noSlot && paths*len(p.Items[last].Alts) <= maxPaths {
		paths *= len(p.Items[last].Alts)
		last++
	}
	rank := int32(0)
	var walk func(n *trieNode, item int)
	walk = func(n *trieNode, item int) {
		if item == last {
			n.ends = append(n.ends, trieEnd{pat: k, next: int32(item), rank: rank, lead: lead})
			rank++
			return
		}
		it := &p.Items[item]
		for _, alt := range it.Alts {
			c := n
			for _, l := range alt {
				c = c.child(l.Text, it.Exact)
			}
			walk(c, item+1)
		}
	}
	walk(&m.root, first)
}

func (n *trieNode) child(text string, exact bool) *trieNode {
	m := &n.next
	if exact {
		m = &n.exact
	}
	if c, ok := (*m)[text]; ok {
		return c
	}
	if *m == nil {
		*m = map[string]*trieNode{}
	}
	c := &trieNode{}
	(*m)[text] = c
	return c
}

// Match is one pattern matched in a text: Pattern is its index in the
// matcher, and toks[Start:End] the tokens it matched.
type Match struct {
	Pattern    int
	Start, End int
}

// candidate is a match with how matchAt would have ranked it among the
// pattern's matches at the same position.
type candidate struct {
	Match
	slot, rank int32
}

// All returns every pattern's match at every position of toks: at each
// position, for each pattern that matches there, the match matchAt finds.
// They are sorted by Start, then by End (longest first), then by pattern.
func (m *Matcher) All(toks []Token) []Match {
	var cands []candidate
	for s := range toks {
		if k := toks[s].Kind; k != Word && k != symbol {
			continue
		}
		if len(m.root.next) == 0 && len(m.root.exact) == 0 {
			break
		}
		if !m.mayStart(toks[s].Fold) {
			continue
		}
		m.walk(&m.root, toks, s, s, func(c candidate) {
			if cands == nil {
				// room for a few matches: a text rarely has more
				cands = make([]candidate, 0, 8)
			}
			cands = append(cands, c)
		})
	}
	if len(cands) == 0 {
		return nil
	}
	// candidates that tie on all four are the same match (the same path
	// of a pattern from the same token), so the order is total
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.Pattern, b.Pattern), cmp.Compare(a.slot, b.slot), cmp.Compare(a.rank, b.rank))
	})
	out := make([]Match, 0, len(cands))
	for i, c := range cands {
		if i > 0 && cands[i-1].Start == c.Start && cands[i-1].Pattern == c.Pattern {
			continue // MatchAt takes the first of them
		}
		out = append(out, c.Match)
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	return out
}

// walk follows the trie from node n over toks[j:], the prefix having
// started at toks[s], and calls out with each candidate match.
func (m *Matcher) walk(n *trieNode, toks []Token, s, j int, out func(candidate)) {
	for _, e := range n.ends {
		m.finish(e, toks, s, j, out)
	}
	if j >= len(toks) {
		return
	}
	t := &toks[j]
	if t.Kind != Word && t.Kind != symbol {
		return // patterns hold words and symbols only
	}
	if c, ok := n.next[t.Fold]; ok {
		m.walk(c, toks, s, j+1, out)
	}
	if n.exact != nil {
		if c, ok := n.exact[t.Text]; ok {
			m.walk(c, toks, s, j+1, out)
		}
	}
}

// finish matches the rest of a pattern whose prefix toks[s:j] matched,
// and fills a leading slot backwards from s.
func (m *Matcher) finish(e trieEnd, toks []Token, s, j int, out func(candidate)) {
	p := m.pats[e.pat]
	end, ok := p.match(toks, j, int(e.next))
	if !ok {
		return
	}
	if e.lead == noSlot {
		out(candidate{Match{int(e.pat), s, end}, 0, e.rank})
		return
	}
	for n := slotMin[e.lead]; n <= slotMax[e.lead] && n <= s; n++ {
		b := s - n
		filled := true
		for k := 0; k < n; k++ {
			if !p.fills(e.lead, toks[b+k], k) {
				filled = false
				break
			}
		}
		if filled {
			out(candidate{Match{int(e.pat), b, end}, int32(n), e.rank})
		}
	}
}

// Leftmost returns the matches a reader sees: from the start of toks, the
// match that starts first, the longest of those, then the next that starts
// after it ends, and so on. The hype rule reports these.
func (m *Matcher) Leftmost(toks []Token) []Match {
	all := m.All(toks)
	out := all[:0]
	end := 0
	for _, x := range all {
		if x.Start >= end {
			out = append(out, x)
			end = x.End
		}
	}
	return out
}

// First returns the match that starts first in toks (the longest there,
// then the first pattern), and whether there is one.
func (m *Matcher) First(toks []Token) (Match, bool) {
	all := m.All(toks)
	if len(all) == 0 {
		return Match{}, false
	}
	return all[0], true
}

// At returns the patterns' match starting at toks[i] (the longest, then
// the first pattern), and whether there is one.
func (m *Matcher) At(toks []Token, i int) (Match, bool) {
	if i < 0 || i >= len(toks) {
		return Match{}, false
	}
	best, found := Match{}, false
	m.walk(&m.root, toks, i, i, func(c candidate) {
		if c.Start != i {
			return
		}
		if !found || c.End > best.End || c.End == best.End && c.Pattern < best.Pattern {
			best, found = c.Match, true
		}
	})
	return best, found
}

// Whole returns the first pattern that matches all of the words of toks,
// as Pattern.whole compares a button label with a list of labels:
// punctuation is ignored, and symbols too unless a pattern names them.
func (m *Matcher) Whole(toks []Token) (int, bool) {
	var buf [16]Token
	words := buf[:0]
	for _, t := range toks {
		if t.Kind == Word || t.Kind == Macro || t.Kind == symbol && m.symbols[t.Fold] {
			words = append(words, t)
		}
	}
	if len(words) == 0 {
		return 0, false
	}
	best := -1
	m.walk(&m.root, words, 0, 0, func(c candidate) {
		if c.Start == 0 && c.End == len(words) && (best < 0 || c.Pattern < best) {
			best = c.Pattern
		}
	})
	return best, best >= 0
}

// matchers holds each pack's matchers, built on first use: a map that is
// never written once published, so that a look-up, which every file makes
// for each phrase rule, is a load and a map read; a new matcher is added
// to a copy (under matchersMu), of which there are a few dozen in a run.
var (
	matchers   atomic.Pointer[map[matcherKey]*Matcher]
	matchersMu sync.Mutex
)

type matcherKey struct {
	pack     *Pack
	category string
}

// Matcher returns the matcher over one of the pack's pattern categories
// (as Pack.patterns names them: CatHype, CatSelfIntro, "address.formal",
// ...), built once per pack and category. A nil pack has none: the result
// is an empty matcher.
func (p *Pack) Matcher(category string) *Matcher {
	if p == nil {
		return emptyMatcher
	}
	k := matcherKey{p, category}
	if all := matchers.Load(); all != nil {
		if m, ok := (*all)[k]; ok {
			return m
		}
	}
	matchersMu.Lock()
	defer matchersMu.Unlock()
	old := matchers.Load()
	if old != nil {
		if m, ok := (*old)[k]; ok {
			return m // built while this call waited
		}
	}
	var pats []*Pattern
	p.patterns(func(cat string, pat *Pattern) {
		if cat == category {
			pats = append(pats, pat)
		}
	})
	m := NewMatcher(pats)
	all := make(map[matcherKey]*Matcher, 1+len(mapOrNil(old)))
	for key, v := range mapOrNil(old) {
		all[key] = v
	}
	all[k] = m
	matchers.Store(&all)
	return m
}

// mapOrNil is the map m points to, or nil.
func mapOrNil(m *map[matcherKey]*Matcher) map[matcherKey]*Matcher {
	if m == nil {
		return nil
	}
	return *m
}

var emptyMatcher = NewMatcher(nil)
