package lint

import (
	"fmt"
	"sync"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// Pass is what a rule sees of one template: the parse, every variant's
// render, the sample members, and how to count characters. A rule reports
// through it and nowhere else.
type Pass struct {
	// file is the template's path as the user named it.
	file     string
	Template *render.Template
	// Variants are the authoring-stage renders, one per variant.
	Variants []*render.Variant
	// members are the sample records macros are filled from.
	members []render.Member
	// countMode is how lengths are measured (config count:).
	countMode render.CountMode
	// language is the language the copy is checked in (see language.go).
	language Language

	rule string
	// report takes each finding and, when the rule reported it in a
	// paragraph, the variants that render that paragraph (see FieldParagraphs)
	report func(Diagnostic, *paraShare)

	// table is the members' table for countMode (the engine's shared one,
	// or built on first use); sums and values, and maps' lens, memoize
	// what Longest and MacroValues compute from it.
	table  *memberTable
	sums   map[sumKey]sumBest
	values [numMacros][]MemberValue
	// skipped is set once FirstSeen has told the running rule to skip a
	// text it had met (maps.seen).
	skipped bool
	// parts are the paragraphs and parts FieldParagraphs and Part cut, and
	// which of them the running rule has checked (paragraphs.go); nil
	// until a rule asks for one with several variants
	parts *partTable
	// maps are the memo maps of a pass of several variants, taken from a
	// pool on first use (takeMaps); nil in a pass of one
	maps *passMaps
	// tokenCache holds the memory of the tokens (Tokens): all of the
	// pass's in a few buffers, taken on first use
	tokenCache *tokenCache
	// unique is 1 when the variants' names are all different, 2 when not,
	// 0 before namesUnique looked
	unique uint8
	// tokens holds each distinct text's tokens (Tokens), shared by the
	// rules.
	tokens map[string][]lang.Token
	// scratch holds the tokens ScratchTokens put together last
	scratch []lang.Token
	// silencer holds the file's directives and what they silenced;
	// order is the index of each of the config's rules in the order they
	// run, and step the running rule's: the rules run so far (hasRun)
	silencer *silencer
	order    map[string]int
	step     int
}

// tokenRoom is about how many tokens the rules cut of the pass's copy
// (Tokens): those of the first variant's fields, which are the texts the
// rules read in a file of one variant, with room for a few parts of them.
// Texts that do not fit (the other variants' paragraphs) take room of
// their own.
func (p *Pass) tokenRoom() int {
	if len(p.Variants) == 0 || p.Variants[0] == nil {
		return 0
	}
	v := p.Variants[0]
	n := 8 + lang.EstimateTokens(v.Subject.S) + lang.EstimateTokens(v.Sender.S) + lang.EstimateTokens(v.Footer.S)
	for _, m := range v.Messages {
		n += lang.EstimateTokens(m.Body.S)
		for _, b := range m.Buttons {
			n += lang.EstimateTokens(b.Label.S)
		}
	}
	return n
}

// begin readies the pass for the next rule.
func (p *Pass) begin(rule string) {
	p.rule = rule
	if p.maps != nil {
		p.maps.seen.clear()
	}
	p.skipped = false
	if p.parts != nil {
		p.parts.begin()
	}
}

// Reportf reports a finding at span.
func (p *Pass) Reportf(span render.Span, format string, args ...any) {
	p.Report(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}

// Report reports a finding; the rule fills Span, Message and, when the
// finding depends on one render, Variant and Member. The engine fills the
// rest.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.rule
	d.File = p.file
	d.lang = p.language.tag
	p.report(d, p.sharing())
}

// ReportIn reports a finding at span seen in one render: a variant, and a
// member when the finding depends on one. The render goes in the
// diagnostic's Variant and Member, which the engine and the formats show,
// so that the message says what is wrong and the fields where it was seen.
func (p *Pass) ReportIn(r Render, span render.Span, format string, args ...any) {
	p.Report(r.Diagnostic(span, format, args...))
}

// Count measures s in the configured count mode.
func (p *Pass) Count(s string) int { return render.Count(s, p.countMode) }

// Render is one candidate a length limit is checked against: a variant's
// copy as written (Member nil: macros counted as typed, which is what
// Campaign Manager's editor counts) or personalized for one member.
type Render struct {
	Variant *render.Variant
	Member  *render.Member
	Len     int
}

// Diagnostic fills a diagnostic's variant and member from the render.
func (r Render) Diagnostic(span render.Span, format string, args ...any) Diagnostic {
	d := Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)}
	if r.Variant != nil {
		d.Variant = r.Variant.Name
	}
	if r.Member != nil {
		d.Member = r.Member.Label()
	}
	return d
}

// Longest measures a field across every variant, as written and for every
// member, and returns the longest render: the first variant, and in it the
// first member in file order, to reach the greatest length (as written
// first, so a tie names no member). field picks the text from a variant; ok
// false skips that variant. Each distinct text is measured once per pass,
// per member class rather than per member (see member_classes.go), from
// its literal pieces counted once and each class's precounted values,
// without building the personalized strings.
func (p *Pass) Longest(field func(v *render.Variant) (render.Text, bool)) (Render, bool) {
	var best Render
	found := false
	for _, v := range p.Variants {
		t, ok := field(v)
		if !ok {
			continue
		}
		l := p.textLen(t)
		if !found || l.raw > best.Len {
			best = Render{Variant: v, Len: l.raw}
			found = true
		}
		if l.member >= 0 && l.max > best.Len {
			best = Render{Variant: v, Member: &p.members[l.member], Len: l.max}
		}
	}
	return best, found
}

// textLen is what Longest knows of one text: its length as written, and
// its longest personalized length with the first member who gets it
// (member -1 when the text has no macro).
type textLen struct {
	raw, max int
	member   int32
}

// textLen measures a text once per pass: found again by its key (each
// variant's copy of a field the variants render alike), else by its text
// (the same label on several buttons).
func (p *Pass) textLen(t render.Text) textLen {
	if len(p.Variants) <= 1 {
		return p.measureText(t.S) // each field is measured once
	}
	m := p.takeMaps()
	k := t.Key()
	if l, ok := m.lensByKey[k]; ok {
		return l
	}
	l, ok := m.lens[t.S]
	if !ok {
		l = p.measureText(t.S)
		m.lens[t.S] = l
	}
	m.lensByKey[k] = l
	return l
}

func (p *Pass) measureText(s string) textLen {
	l := textLen{raw: p.Count(s), member: -1}
	if uses := render.ScanMacros(s); len(uses) > 0 && len(p.members) > 0 {
		var pl textPlan
		if p.countMode == render.CountGraphemes {
			pl = newTextPlan(s, uses, p.countMode)
		} else {
			pl = countedPlan(s, uses, l.raw, p.countMode)
		}
		l.max, l.member = p.longestMember(&pl)
	}
	return l
}

// countedPlan is newTextPlan for a mode whose lengths add up (code units,
// code points), from s's length n, counted already: the literal pieces'
// length is n less the macros', so s is not counted again. A macro's
// edges are ASCII percent signs, where no UTF-8 sequence, valid or not,
// is cut.
func countedPlan(s string, uses []render.MacroUse, n int, mode render.CountMode) textPlan {
	pl := textPlan{s: s, uses: uses, lit: n}
	for _, u := range uses {
		pl.lit -= render.Count(s[u.Start:u.End], mode)
		pl.counts[u.Macro]++
		pl.set |= 1 << u.Macro
	}
	return pl
}

// memberTable returns the members' table for the pass's count mode.
func (p *Pass) memberTable() *memberTable {
	if p.table == nil || p.table.mode != p.countMode || !sameMembers(p.table.members, p.members) {
		p.table = newMemberTable(p.members, p.countMode)
	}
	return p.table
}

func sameMembers(a, b []render.Member) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// MemberValue is one value a macro takes among the sample members.
type MemberValue struct {
	Value string
	// Member is the first member, in file order, who gives it.
	Member *render.Member
}

// MacroValues lists the distinct values mac takes among the members (what
// the member's record renders, fallback text included), in the order the
// members first give them. A rule that judges a macro's value judges each
// once instead of once per member, and names the member a loop over every
// member would have named first.
func (p *Pass) MacroValues(mac render.Macro) []MemberValue {
	if p.values[mac] == nil {
		tab := p.memberTable()
		tab.column(int(mac))
		vs := make([]MemberValue, len(tab.values[mac]))
		for i, v := range tab.values[mac] {
			vs[i] = MemberValue{Value: v.s, Member: &p.members[v.first]}
		}
		p.values[mac] = vs
	}
	return p.values[mac]
}

// FirstSeen reports whether the running rule meets t for the first time in
// this pass. Variants often render a field identically (a field without
// template actions always does), and a rule that checks each text on its
// own would find the same things in each copy, which the engine then drops
// as duplicates of the first variant's. Such a rule skips a text FirstSeen
// has seen, so its cost grows with the file's distinct copy rather than
// with its variants, and its findings stay those of the first variant.
func (p *Pass) FirstSeen(t render.Text) bool {
	if len(p.Variants) <= 1 {
		return true // one variant's texts are its fields, each met once
	}
	_, isNew := p.takeMaps().seen.add(t.Key(), t)
	p.skipped = p.skipped || !isNew
	return isNew
}

// textSet is a set of texts by Equal, in buckets by a key that equal texts
// share.
type textSet[K comparable] struct {
	first map[K]render.Text
	// more holds the texts whose key an unequal text took first (the same
	// copy from the same field with a different map to the source)
	more map[K][]render.Text
}

// add adds t, whose key is k, and reports whether it was new; when not, it
// returns the equal text added before.
func (s *textSet[K]) add(k K, t render.Text) (render.Text, bool) {
	u, ok := s.first[k]
	switch {
	case !ok:
		if s.first == nil {
			s.first = map[K]render.Text{}
		}
		s.first[k] = t
		return t, true
	case u.Equal(t):
		return u, false
	}
	for _, u := range s.more[k] {
		if u.Equal(t) {
			return u, false
		}
	}
	if s.more == nil {
		s.more = map[K][]render.Text{}
	}
	s.more[k] = append(s.more[k], t)
	return t, true
}

func (s *textSet[K]) clear() {
	clear(s.first)
	clear(s.more)
}

// passMaps are the maps a pass of several variants memoizes in, which the
// next such pass uses again once they are cleared (Pass.release) rather
// than grow its own: seen holds, for the running rule, the texts
// FirstSeen has met; lensByKey and lens what textLen measured, by key and
// by text; work measureWork's texts.
type passMaps struct {
	seen      textSet[render.TextKey]
	lens      map[string]textLen
	lensByKey map[render.TextKey]textLen
	work      textSet[slotKey]
	// first is measureWork's list of the first variant's texts
	first []render.Text
}

var passMapsPool = sync.Pool{New: func() any {
	return &passMaps{lens: map[string]textLen{}, lensByKey: map[render.TextKey]textLen{}}
}}

// takeMaps gives the pass its maps from passMapsPool, on first use.
func (p *Pass) takeMaps() *passMaps {
	if p.maps == nil {
		p.maps = passMapsPool.Get().(*passMaps)
	}
	return p.maps
}

// releaseMaps clears the pass's maps and hands them back, unless a
// hostile file made them too big to keep.
func (p *Pass) releaseMaps() {
	m := p.maps
	if m == nil {
		return
	}
	p.maps = nil
	if len(m.lens) > maxPooledParts || len(m.lensByKey) > maxPooledParts || len(m.seen.first) > maxPooledParts || len(m.work.first) > maxPooledParts || cap(m.first) > maxPooledParts {
		return
	}
	m.seen.clear()
	m.work.clear()
	clear(m.first)
	m.first = m.first[:0]
	clear(m.lens)
	clear(m.lensByKey)
	passMapsPool.Put(m)
}

// newPass prepares a pass outside the engine, for benchmarks and tools
// that check one parsed template with one rule (checkRule).
func newPass(file string, t *render.Template, variants []*render.Variant, members []render.Member, mode render.CountMode) *Pass {
	p := &Pass{file: file, Template: t, Variants: variants, members: members, countMode: mode}
	p.setLanguageTag("")
	return p
}

// checkRule runs one rule on the pass and returns its findings with the
// rule's default severity; no directive or deduplication applies.
func (p *Pass) checkRule(r Rule) ([]Diagnostic, error) {
	d := r.Doc()
	var out []Diagnostic
	p.begin(d.ID)
	p.report = func(diag Diagnostic, _ *paraShare) {
		if diag.Severity == 0 {
			diag.Severity = d.Severity
		}
		out = append(out, diag)
	}
	err := r.Check(p)
	return out, err
}
