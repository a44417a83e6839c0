package lint

import (
	"slices"
	"sync"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// shareParagraphs turns the sharing of paragraphs between variants on; the
// tests turn it off to compare the findings with and without it, which
// must be the same.
var shareParagraphs = true

// partTable holds, for one pass, each distinct paragraph or part the rules
// had FieldParagraphs and Part cut, once for all the rules: found by the text
// it was cut from (cuts, by render.TextKey) or else by content and source
// position (byKey), so a field the variants render alike is cut once and a
// paragraph is built once. For the rule running it holds which parts the
// rule has checked (checked[k] == rule) and their shares.
type partTable struct {
	parts []part
	byKey map[paraKey]int32
	// segs holds the parts' maps
	segs render.SegRoom
	// exact finds, by source range, the parts that are a verbatim copy of
	// it (render.Text.ExactRange), without hashing their bytes
	exact map[[2]int]int32
	// cuts are the texts cut, found by byCut, and by mine without hashing:
	// mine holds, by variant (its index in the pass's Variants), the cuts
	// met for it, which the next rules ask for again in the same variant
	cuts  []cut
	byCut map[cutKey]int32
	mine  [][]int32
	// mineRoom is the one array mine's slices start in; sized is set
	// once the tables are sized for the pass's variants (size)
	mineRoom []int32
	sized    bool
	// vi is the index of the variant last looked up, where the next
	// lookup starts: the rules walk the variants in order
	vi int
	// list holds the cuts' parts, by index
	list []int32
	// rule numbers the rules run in the pass, from 1; checked and shares
	// are by part
	rule    uint32
	checked []uint32
	shares  []*paraShare
	// tokens are the parts' tokens that ScratchTokens put together, by
	// part, nil until then
	tokens [][]lang.Token
	// cur is the part the running rule is checking (its index+1; 0
	// outside the paragraphs and parts), seen in variant curVariant
	cur        int32
	curVariant *render.Variant
	// walks are the field walks listed (FieldParagraphs), their steps
	// in steps
	walks []fieldWalk
	steps []walkStep
}

// mineMax bounds how many cuts mine keeps for a variant, so that a rule
// that asks for many parts of one text does not make each lookup long.
const mineMax = 16

// mineRoom is how many cuts mine has room for per variant before it grows:
// a variant's subject, body, button label and the opening and closing
// parts of its body.
const mineRoom = 6

// part is one distinct paragraph or part.
type part struct {
	text render.Text
	// next is the index+1 of the next part with the same key (the same
	// bytes from the same place with another map)
	next int32
}

// paraKey finds a part by its bytes and the source range they come from
// (a pass's texts are all from its template); Equal parts have equal keys
// wherever they lie in their field.
type paraKey struct {
	start, end int
	s          string
}

// cutKey finds a text already cut: into its paragraphs (i, j -1) or for
// the part S[i:j].
type cutKey struct {
	text render.TextKey
	i, j int
}

// cut is a text cut, found by key, and its parts, list[from:to].
type cut struct {
	key      cutKey
	text     render.Text
	from, to int32
}

// begin readies the table for the next rule: no part is checked.
func (pt *partTable) begin() {
	pt.rule++
	pt.cur, pt.curVariant = 0, nil
}

// paraShare is the variants that render a paragraph the rule reported
// something in, by name, in the order the rule met them: a finding in the
// paragraph is every one of theirs.
type paraShare struct {
	variants []string
}

// eachParagraph calls fn with each paragraph of t, variant v's text, that the
// running rule has not met in this pass: a rule whose findings in a text
// depend only on the paragraph they lie in (a phrase, a bracket, a
// repeated word; not the length of the whole message) checks each
// distinct paragraph once, however many variants render it, so variants
// that differ in one paragraph cost little more than one. The paragraphs
// are render.Paragraphs' (cut at blank lines), each a sub-text with its
// own map (render.Text.SubIn), so spans and fixes are the source's as in the
// whole text.
//
// What the rule reports while fn runs is the paragraph's finding: the
// engine attributes it to every variant that renders the paragraph, so the
// findings are those a check of each variant's whole text would make. The
// rule must report the paragraph's findings inside fn, and check each
// variant's text through it (a variant it skips has no share of
// the paragraph). A file with one variant has nothing to share: fn gets
// the whole text, as it does when the variants' names do not tell them
// apart; fn must find in the whole text what it finds in its paragraphs.
func (p *Pass) eachParagraph(v *render.Variant, t render.Text, fn func(par render.Text)) {
	if !p.sharesParts() {
		if p.FirstSeen(t) {
			fn(t)
		}
		return
	}
	c := p.partTable().cut(p.Variants, v, t, -1, -1)
	for _, k := range p.parts.list[c.from:c.to] {
		p.check(v, k, fn)
	}
}

// ParagraphRanges appends to dst the range [i, j) of each paragraph of s,
// the text of a variant's field, in order (render.Paragraphs), and returns
// the extended slice: for a rule that sums what it finds in a text over
// the text's paragraphs (a count of emojis, say) and keeps each distinct
// paragraph's figures, so that variants that differ in one paragraph cost
// that paragraph each. Every paragraph is there, seen before or not. When
// the pass shares nothing (a file of one variant) s is one range, [0,
// len(s)); the rule must find there what its sums over the paragraphs come
// to. The rule decides whether its figures add up over paragraphs at all
// (a cut next to white space that is not a line break may join what lies
// across it). dst may be a buffer the rule reuses.
func (p *Pass) ParagraphRanges(dst [][2]int, s string) [][2]int {
	if !shareParagraphs || len(p.Variants) <= 1 {
		return append(dst, [2]int{0, len(s)})
	}
	render.Paragraphs(s, func(i, j int) bool {
		dst = append(dst, [2]int{i, j})
		return true
	})
	return dst
}

// Part is eachParagraph for one stretch of t, S[i:j], that decides what a
// rule finds in t: the opening sentence lies in the first paragraphs, the
// closing one in the last. fn gets S[i:j] as a sub-text once per distinct
// copy of it (the same bytes with the same map), and what it reports
// stands for every variant that renders that copy. Like FieldParagraphs, with
// one variant fn gets the whole text, and must find there what it finds
// in the part.
func (p *Pass) Part(v *render.Variant, t render.Text, i, j int, fn func(part render.Text)) {
	if !p.sharesParts() {
		if p.FirstSeen(t) {
			fn(t)
		}
		return
	}
	pt := p.partTable()
	if pt.exact != nil {
		// a verbatim copy of source met before (a closing part the
		// variants share) is that part: no cut of t is kept for it
		if xs, xe, ok := t.ExactRange(i, j); ok {
			if n, ok := pt.exact[[2]int{xs, xe}]; ok {
				p.check(v, n-1, fn)
				return
			}
		}
	}
	c := pt.cut(p.Variants, v, t, i, j)
	for _, k := range pt.list[c.from:c.to] {
		p.check(v, k, fn)
	}
}

// partTable returns the pass's part table, made on first use: a pass that
// shares nothing (one variant) has none.
func (p *Pass) partTable() *partTable {
	if p.parts == nil {
		p.parts = partTables.Get().(*partTable)
	}
	return p.parts
}

// release hands the pass's part table and token memory back for the next
// pass; the pass must not share parts or read tokens after it (its
// findings have been listed).
func (p *Pass) release() {
	p.releaseTokens()
	p.releaseMaps()
	if p.parts != nil {
		p.parts.release()
		p.parts = nil
	}
}

// sharesParts reports whether FieldParagraphs and Part share parts between
// variants in this pass.
func (p *Pass) sharesParts() bool {
	return shareParagraphs && len(p.Variants) > 1 && p.namesUnique()
}

// check runs fn on part k for the running rule unless it has; seen again
// in variant v, the part's share, if the rule reported something in it,
// gets v.
func (p *Pass) check(v *render.Variant, k int32, fn func(part render.Text)) {
	pt := p.parts
	if pt.rule == 0 {
		pt.begin() // a rule run without Pass.begin
	}
	if pt.checked[k] == pt.rule {
		if s := pt.shares[k]; s != nil && v != nil {
			s.add(v.Name)
		}
		return
	}
	pt.checked[k], pt.shares[k] = pt.rule, nil
	prev, prevVariant := pt.cur, pt.curVariant
	pt.cur, pt.curVariant = k+1, v
	fn(pt.parts[k].text)
	pt.cur, pt.curVariant = prev, prevVariant
}

// cut returns t's parts: its paragraphs (i, j -1) or the part S[i:j],
// cutting t the first time the pass meets it. A text is looked up among
// the cuts variant v (one of variants, or nil) met before, then by key;
// the tables are sized for the variants' fields and paragraphs, so they
// are not grown piece by piece.
func (pt *partTable) cut(variants []*render.Variant, v *render.Variant, t render.Text, i, j int) cut {
	key := cutKey{t.Key(), i, j}
	vi := pt.variantIndex(variants, v)
	if vi >= 0 && pt.sized {
		for _, c := range pt.mine[vi] {
			if c := &pt.cuts[c]; c.key == key && c.text.Equal(t) {
				return *c
			}
		}
	}
	if !pt.sized {
		pt.size(len(variants))
	}
	at, ok := pt.byCut[key]
	if !ok || !pt.cuts[at].text.Equal(t) {
		at = pt.cutNew(key, t, i, j)
		pt.byCut[key] = at // a key an unequal text took first is taken over
	}
	if vi >= 0 && len(pt.mine[vi]) < mineMax {
		pt.mine[vi] = append(pt.mine[vi], at)
	}
	return pt.cuts[at]
}

// size readies the tables for n variants' fields and paragraphs, in
// the room a pooled table kept from an earlier pass where it suffices.
func (pt *partTable) size(n int) {
	pt.sized = true
	if pt.byCut == nil {
		pt.byCut = make(map[cutKey]int32, 4*n+8)
		pt.byKey = make(map[paraKey]int32, 2*n+16)
	}
	if pt.exact == nil {
		pt.exact = make(map[[2]int]int32, 2*n+16)
	}
	pt.cuts = slices.Grow(pt.cuts, 4*n+8)
	// room for a few cuts per variant in one array
	pt.mine = slices.Grow(pt.mine, n)[:n]
	pt.mineRoom = slices.Grow(pt.mineRoom, mineRoom*n)[:mineRoom*n]
	for k := range pt.mine {
		pt.mine[k] = pt.mineRoom[k*mineRoom : k*mineRoom : (k+1)*mineRoom]
	}
	// each variant's distinct paragraph and parts, and the shared ones
	pt.parts = slices.Grow(pt.parts, 2*n+16)
	pt.checked = slices.Grow(pt.checked, 2*n+16)
	pt.shares = slices.Grow(pt.shares, 2*n+16)
	pt.tokens = slices.Grow(pt.tokens, 2*n+16)
	pt.list = slices.Grow(pt.list, 8*n+16)
}

// partTables keeps part tables, with their maps and slices, from one
// pass to the next (Pass.release): a file of many variants would
// otherwise make the same tables again, about 25 KB for 20 variants.
var partTables = sync.Pool{New: func() any { return new(partTable) }}

// maxPooledParts is the most parts or cuts a table may have held and
// still go back to partTables: a hostile file's tables go to the
// collector instead of staying in the pool.
const maxPooledParts = 4096

// release empties pt, so that it holds nothing of the pass's copy, and
// hands it back to partTables. A paragraph's share outlives the table:
// the findings hold it, not the table.
func (pt *partTable) release() {
	if cap(pt.parts) > maxPooledParts || cap(pt.cuts) > maxPooledParts || cap(pt.list) > 4*maxPooledParts || len(pt.mine) > maxPooledParts || cap(pt.steps) > maxPooledParts {
		return
	}
	clear(pt.byKey)
	clear(pt.byCut)
	clear(pt.exact)
	pt.segs.Reset(4 * maxPooledParts)
	// only up to their lengths: the slices only grow in a pass, and what
	// lies past them was cleared when an earlier pass released them
	clear(pt.cuts)
	clear(pt.mine)
	clear(pt.parts)
	clear(pt.shares)
	clear(pt.tokens)
	clear(pt.steps)
	*pt = partTable{
		byKey: pt.byKey, byCut: pt.byCut, exact: pt.exact, segs: pt.segs,
		cuts: pt.cuts[:0], mine: pt.mine[:0], mineRoom: pt.mineRoom[:0],
		parts: pt.parts[:0], checked: pt.checked[:0], shares: pt.shares[:0], tokens: pt.tokens[:0], list: pt.list[:0],
		walks: pt.walks[:0], steps: pt.steps[:0],
	}
	partTables.Put(pt)
}

// cutNew cuts t and returns the cut's index in cuts.
func (pt *partTable) cutNew(key cutKey, t render.Text, i, j int) int32 {
	c := cut{key: key, text: t, from: int32(len(pt.list))}
	if i < 0 {
		render.Paragraphs(t.S, func(i, j int) bool {
			pt.list = append(pt.list, pt.intern(t, i, j))
			return true
		})
	} else {
		pt.list = append(pt.list, pt.intern(t, i, j))
	}
	c.to = int32(len(pt.list))
	pt.cuts = append(pt.cuts, c)
	return int32(len(pt.cuts) - 1)
}

// variantIndex is v's index in variants, or -1 (v nil or not one of
// them): found from where the last lookup found one, since the rules walk
// the variants in order.
func (pt *partTable) variantIndex(variants []*render.Variant, v *render.Variant) int {
	if v == nil {
		return -1
	}
	for k, n := pt.vi, len(variants); k < n && k <= pt.vi+1; k++ {
		if variants[k] == v {
			pt.vi = k
			return k
		}
	}
	for k, u := range variants {
		if u == v {
			pt.vi = k
			return k
		}
	}
	return -1
}

// intern returns the index of t's part S[i:j] among the distinct parts,
// adding it when new.
func (pt *partTable) intern(t render.Text, i, j int) int32 {
	// a verbatim copy of a stretch of the source is found by the stretch:
	// every such copy of it is Equal (the same bytes, one exact segment)
	xs, xe, exact := t.ExactRange(i, j)
	if exact {
		if n, ok := pt.exact[[2]int{xs, xe}]; ok {
			return n - 1
		}
	}
	start, end := t.SrcRange(i, j)
	k := paraKey{start, end, t.S[i:j]}
	at, ok := pt.byKey[k]
	last := int32(0)
	for n := at; ok && n > 0; n = pt.parts[n-1].next {
		if t.SubEqual(i, j, pt.parts[n-1].text) {
			return n - 1
		}
		last = n
	}
	pt.parts = append(pt.parts, part{text: t.SubIn(i, j, &pt.segs)})
	pt.checked = append(pt.checked, 0)
	pt.shares = append(pt.shares, nil)
	pt.tokens = append(pt.tokens, nil)
	n := int32(len(pt.parts))
	switch {
	case last > 0:
		pt.parts[last-1].next = n
	default:
		pt.byKey[k] = n
	}
	if exact {
		pt.exact[[2]int{xs, xe}] = n
	}
	return n - 1
}

// namesUnique reports whether the variants' names tell them apart, which
// the engine needs to attribute a paragraph's finding to each (a file
// whose variants share a name has a syntax finding for it, and its
// variants are checked each on its own).
func (p *Pass) namesUnique() bool {
	if p.unique == 0 {
		p.unique = 1
		if len(p.Variants) <= 32 {
			// a few names: each against those before it, no map
			for k, v := range p.Variants {
				for _, u := range p.Variants[:k] {
					if u.Name == v.Name {
						p.unique = 2
						return false
					}
				}
			}
			return true
		}
		seen := make(map[string]bool, len(p.Variants))
		for _, v := range p.Variants {
			if seen[v.Name] {
				p.unique = 2
				break
			}
			seen[v.Name] = true
		}
	}
	return p.unique == 1
}

// sharing is the share of the paragraph the rule is checking, made on its
// first finding with the variant checking it; nil outside a paragraph or part.
func (p *Pass) sharing() *paraShare {
	pt := p.parts
	if pt == nil || pt.cur == 0 || pt.curVariant == nil {
		return nil
	}
	k := pt.cur - 1
	if pt.shares[k] == nil {
		pt.shares[k] = &paraShare{variants: []string{pt.curVariant.Name}}
	}
	return pt.shares[k]
}

func (s *paraShare) add(name string) {
	if n := len(s.variants); n > 0 && s.variants[n-1] == name {
		return // the variant renders the paragraph twice
	}
	s.variants = append(s.variants, name)
}
