package lint

import "github.com/inboxlint/inboxlint/render"

// shareParagraphs turns the sharing of paragraphs between variants on; the
// tests turn it off to compare the findings with and without it, which
// must be the same.
var shareParagraphs = true

// paragraph is one distinct paragraph the running rule has met: its text,
// and, once the rule reported something in it, the variants that render it.
type paragraph struct {
	text  render.Text
	share *paraShare
	// next is the index+1 of the next paragraph with the same key (the
	// same bytes from the same place with another map)
	next int32
}

// paraKey finds a paragraph by its bytes and the source range they come
// from (a pass's texts are all from its template); Equal paragraphs have
// equal keys wherever they lie in their field.
type paraKey struct {
	start, end int
	s          string
}

// paraShare is the variants that render a paragraph the rule reported
// something in, by name, in the order the rule met them: a finding in the
// paragraph is every one of theirs.
type paraShare struct {
	variants []string
}

// Paragraphs calls fn with each paragraph of t, variant v's text, that the
// running rule has not met in this pass: a rule whose findings in a text
// depend only on the paragraph they lie in (a phrase, a bracket, a
// repeated word; not the length of the whole message) checks each
// distinct paragraph once, however many variants render it, so variants
// that differ in one paragraph cost little more than one. The paragraphs
// are render.Paragraphs' (cut at blank lines), each a sub-text with its
// own map (render.Text.Sub), so spans and fixes are the source's as in the
// whole text.
//
// What the rule reports while fn runs is the paragraph's finding: the
// engine attributes it to every variant that renders the paragraph, so the
// findings are those a check of each variant's whole text would make. The
// rule must report the paragraph's findings inside fn, and check each
// variant's text through Paragraphs (a variant it skips has no share of
// the paragraph). A file with one variant has nothing to share: fn gets
// the whole text, as it does when the variants' names do not tell them
// apart; fn must find in the whole text what it finds in its paragraphs.
func (p *Pass) Paragraphs(v *render.Variant, t render.Text, fn func(par render.Text)) {
	if !p.sharesParts() {
		if p.FirstSeen(t) {
			fn(t)
		}
		return
	}
	if p.sameField(v, t, -1, -1) {
		return
	}
	render.Paragraphs(t.S, func(i, j int) bool {
		p.part(v, t, i, j, fn)
		return true
	})
}

// Part is Paragraphs for one stretch of t, S[i:j], that decides what a
// rule finds in t: the opening sentence lies in the first paragraphs, the
// closing one in the last. fn gets S[i:j] as a sub-text once per distinct
// copy of it (the same bytes with the same map), and what it reports
// stands for every variant that renders that copy. Like Paragraphs, with
// one variant fn gets the whole text, and must find there what it finds
// in the part.
func (p *Pass) Part(v *render.Variant, t render.Text, i, j int, fn func(part render.Text)) {
	if !p.sharesParts() {
		if p.FirstSeen(t) {
			fn(t)
		}
		return
	}
	if p.sameField(v, t, i, j) {
		return
	}
	p.part(v, t, i, j, fn)
}

// sharesParts reports whether Paragraphs and Part share parts between
// variants in this pass.
func (p *Pass) sharesParts() bool {
	return shareParagraphs && len(p.Variants) > 1 && p.namesUnique()
}

// sameField reports whether t is the very text (the same bytes, by
// render.TextKey, with the same map) the rule passed to Paragraphs (i, j
// -1) or to Part for S[i:j] before, and if so gives v a share of each part it was cut into: a field
// the variants render alike (a subject, a footer) is cut once.
func (p *Pass) sameField(v *render.Variant, t render.Text, i, j int) bool {
	k := fieldKey{t.Key(), i, j}
	if f, ok := p.fieldParts[k]; ok && f.text.Equal(t) {
		for _, n := range p.partList[f.from:f.to] {
			if e := &p.paras[n]; e.share != nil && v != nil {
				e.share.add(v.Name)
			}
		}
		return true
	}
	p.field = fieldParts{text: t, from: int32(len(p.partList)), to: -1}
	if p.fieldParts == nil {
		p.fieldParts = map[fieldKey]fieldParts{}
	}
	p.fieldKey = k
	return false
}

// fieldKey finds a text sameField has met, with the part of it cut.
type fieldKey struct {
	text render.TextKey
	i, j int
}

// fieldParts is what sameField knows of a text: the parts it was cut
// into, partList[from:to].
type fieldParts struct {
	text     render.Text
	from, to int32
}

// part checks t's part S[i:j] for the running rule, once per distinct
// copy, and records it as one of the field's parts.
func (p *Pass) part(v *render.Variant, t render.Text, i, j int, fn func(part render.Text)) {
	k, isNew := p.paragraph(t, i, j)
	p.partList = append(p.partList, k)
	f := p.field
	f.to = int32(len(p.partList))
	p.field = f
	p.fieldParts[p.fieldKey] = f
	e := &p.paras[k]
	if !isNew {
		if e.share != nil && v != nil {
			e.share.add(v.Name)
		}
		return
	}
	prev, prevVariant := p.cur, p.curVariant
	p.cur, p.curVariant = k+1, v
	fn(e.text)
	p.cur, p.curVariant = prev, prevVariant
}

// namesUnique reports whether the variants' names tell them apart, which
// the engine needs to attribute a paragraph's finding to each (a file
// whose variants share a name has a syntax finding for it, and its
// variants are checked each on its own).
func (p *Pass) namesUnique() bool {
	if p.unique == 0 {
		p.unique = 1
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

// paragraph finds t's paragraph S[i:j] among those met, or adds it; it
// returns its index and whether it is new.
func (p *Pass) paragraph(t render.Text, i, j int) (int32, bool) {
	start, end := t.SrcRange(i, j)
	k := paraKey{start, end, t.S[i:j]}
	at, ok := p.byPara[k]
	last := int32(0)
	for n := at; ok && n > 0; n = p.paras[n-1].next {
		if t.SubEqual(i, j, p.paras[n-1].text) {
			return n - 1, false
		}
		last = n
	}
	p.paras = append(p.paras, paragraph{text: t.Sub(i, j)})
	n := int32(len(p.paras))
	switch {
	case last > 0:
		p.paras[last-1].next = n
	default:
		if p.byPara == nil {
			p.byPara = map[paraKey]int32{}
		}
		p.byPara[k] = n
	}
	return n - 1, true
}

// sharing is the share of the paragraph the rule is checking, made on its
// first finding with the variant checking it; nil outside Paragraphs.
func (p *Pass) sharing() *paraShare {
	if p.cur == 0 || p.curVariant == nil {
		return nil
	}
	e := &p.paras[p.cur-1]
	if e.share == nil {
		e.share = &paraShare{variants: []string{p.curVariant.Name}}
	}
	return e.share
}

func (s *paraShare) add(name string) {
	if n := len(s.variants); n > 0 && s.variants[n-1] == name {
		return // the variant renders the paragraph twice
	}
	s.variants = append(s.variants, name)
}
