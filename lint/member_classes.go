package lint

import (
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/render"
)

// A personalized text depends only on the members' values of the macros it
// uses, and its length only on their lengths, so the members fall into far
// fewer classes than there are members: 100,000 records of a CRM export
// typically give a few hundred distinct companies, and a subject that uses
// only %FIRSTNAME% sees only the distinct first names. The length checks
// (Pass.Longest) and the rules that judge a macro's values (macro-article,
// through Pass.MacroValues) work on those classes; a class stands for its
// first member in file order, which is the member a loop over every member
// would have named.

const numMacros = len(render.Macros)

// macroSet is a set of macros: bit k stands for render.Macros[k].
type macroSet uint8

func (s macroSet) has(k int) bool { return s&(1<<k) != 0 }

// memberValue is one distinct value a macro takes among the members.
type memberValue struct {
	s string
	m render.Measure
	// first is the index of the first member that gives it.
	first int32
}

// memberClass is a group of members that every text using only the
// class's macros renders to the same length: in a count mode that adds up,
// members whose values have the same lengths; for graphemes, members with
// the same values.
type memberClass struct {
	// first is the index of the group's first member.
	first int32
	// valid is false when a value is not valid UTF-8 (only members built
	// by hand can be): its length may not add up, and is counted on the
	// built string.
	valid bool
	ids   [numMacros]int32 // into memberTable.values
	lens  [numMacros]int32
}

// memberTable is one members list seen the way lengths are measured in
// one count mode. Members loaded from a file are shared by every template
// that uses them, and so is their table (see memberTables).
type memberTable struct {
	mode    render.CountMode
	members []render.Member
	// values[k] are the distinct values of render.Macros[k], in the order
	// the members first give them; ids[i][k] is member i's. Each macro's
	// column is filled the first time a text uses the macro (column).
	values [numMacros][]memberValue
	ids    [][numMacros]int32
	// inert[k] tells whether every value of macro k starts (0) and ends
	// (1) with a character inert for grapheme joins
	inert [numMacros][2]bool
	cols  [numMacros]sync.Once

	mu    sync.Mutex
	bySet map[macroSet][]memberClass
}

func newMemberTable(members []render.Member, mode render.CountMode) *memberTable {
	return &memberTable{mode: mode, members: members, ids: make([][numMacros]int32, len(members)), bySet: map[macroSet][]memberClass{}}
}

// column fills macro k's values and ids, once: a template that uses only
// %FIRSTNAME% need not index 100,000 companies.
func (t *memberTable) column(k int) {
	t.cols[k].Do(func() {
		mac := render.Macros[k]
		index := map[string]int32{}
		for i := range t.members {
			v := t.members[i].Value(mac)
			id, ok := index[v]
			if !ok {
				id = int32(len(t.values[k]))
				index[v] = id
				t.values[k] = append(t.values[k], memberValue{s: v, m: render.Measured(v, t.mode), first: int32(i)})
			}
			t.ids[i][k] = id
		}
		t.inert[k] = [2]bool{true, true}
		for _, v := range t.values[k] {
			h, tl := v.m.InertEdges()
			t.inert[k][0] = t.inert[k][0] && h
			t.inert[k][1] = t.inert[k][1] && tl
		}
	})
}

// classes groups the members by what a text using the macros of s sees
// of them, in the order of each group's first member.
func (t *memberTable) classes(s macroSet) []memberClass {
	t.mu.Lock()
	defer t.mu.Unlock()
	if cs, ok := t.bySet[s]; ok {
		return cs
	}
	for k := range numMacros {
		if s.has(k) {
			t.column(k)
		}
	}
	index := map[[numMacros]int32]int32{}
	var cs []memberClass
	// only the set's columns are read: another may be filling the others
	for i := range t.ids {
		var key [numMacros]int32
		for k := range key {
			key[k] = -1
			if !s.has(k) {
				continue
			}
			id := t.ids[i][k]
			switch v := &t.values[k][id]; {
			case t.mode == render.CountGraphemes, !v.m.Valid():
				// by value: grapheme joins may look past the edges
				key[k] = -2 - id
			default:
				key[k] = int32(v.m.N)
			}
		}
		if _, ok := index[key]; ok {
			continue
		}
		index[key] = int32(len(cs))
		c := memberClass{first: int32(i), valid: true}
		for k := range numMacros {
			if !s.has(k) {
				continue
			}
			c.ids[k] = t.ids[i][k]
			v := &t.values[k][c.ids[k]]
			c.lens[k] = int32(v.m.N)
			if !v.m.Valid() {
				c.valid = false
			}
		}
		cs = append(cs, c)
	}
	t.bySet[s] = cs
	return cs
}

// memberTables caches the tables of the members lists an engine uses, by
// the list's identity: the engine hands every template the same slice for
// the same members file.
type memberTables struct {
	mu sync.Mutex
	m  map[tableKey]*tableEntry
}

type tableKey struct {
	first *render.Member
	n     int
	mode  render.CountMode
}

type tableEntry struct {
	once sync.Once
	t    *memberTable
}

func (mt *memberTables) get(members []render.Member, mode render.CountMode) *memberTable {
	if len(members) == 0 {
		return newMemberTable(nil, mode)
	}
	k := tableKey{&members[0], len(members), mode}
	mt.mu.Lock()
	if mt.m == nil {
		mt.m = map[tableKey]*tableEntry{}
	}
	e, ok := mt.m[k]
	if !ok {
		e = &tableEntry{}
		mt.m[k] = e
	}
	mt.mu.Unlock()
	e.once.Do(func() { e.t = newMemberTable(members, mode) })
	return e.t
}

// textPlan is a text with macros prepared for measuring per member class:
// its literal pieces counted once, and for graphemes measured with their
// edges (lits[i] comes before uses[i], the last after the last macro).
type textPlan struct {
	s    string
	uses []render.MacroUse
	lits []render.Measure
	set  macroSet
	// counts[k] is how often macro k occurs; lit is the literal pieces'
	// total length.
	counts [numMacros]int32
	lit    int
}

func newTextPlan(s string, uses []render.MacroUse, mode render.CountMode) textPlan {
	pl := textPlan{s: s, uses: uses}
	if mode == render.CountGraphemes {
		pl.lits = make([]render.Measure, 0, len(uses)+1)
	}
	prev := 0
	for _, u := range uses {
		pl.addLit(s[prev:u.Start], mode)
		pl.counts[u.Macro]++
		pl.set |= 1 << u.Macro
		prev = u.End
	}
	pl.addLit(s[prev:], mode)
	return pl
}

func (pl *textPlan) addLit(s string, mode render.CountMode) {
	if mode != render.CountGraphemes {
		pl.lit += render.Count(s, mode) // lengths that add up need no edges
		return
	}
	m := render.Measured(s, mode)
	pl.lits = append(pl.lits, m)
	pl.lit += m.N
}

// sumKey identifies what the longest render of a text in an additive mode
// depends on besides its literal length: which macros it uses how often.
type sumKey struct {
	set    macroSet
	counts [numMacros]int32
}

// sumBest is the most a text with a sumKey's macros adds for a valid
// member class, and that class's first member (-1: no valid class).
type sumBest struct {
	extra  int
	member int32
}

// longestMember returns the length of the text's longest personalized
// render and the first member, in file order, who gets it.
func (p *Pass) longestMember(pl *textPlan) (int, int32) {
	tab := p.memberTable()
	classes := tab.classes(pl.set)
	best, member := -1, int32(-1)
	consider := func(n int, m int32) {
		if n > best || n == best && m < member {
			best, member = n, m
		}
	}
	if tab.mode != render.CountGraphemes {
		k := sumKey{pl.set, pl.counts}
		sb, ok := p.sums[k]
		if !ok {
			sb = sumBest{extra: -1, member: -1}
			for i := range classes {
				c := &classes[i]
				if !c.valid {
					continue
				}
				n := 0
				for k := range numMacros {
					n += int(pl.counts[k]) * int(c.lens[k])
				}
				if n > sb.extra {
					sb = sumBest{extra: n, member: c.first}
				}
			}
			if p.sums == nil {
				p.sums = map[sumKey]sumBest{}
			}
			p.sums[k] = sb
		}
		if sb.member >= 0 {
			consider(pl.lit+sb.extra, sb.member)
		}
		for i := range classes {
			if c := &classes[i]; !c.valid {
				consider(tab.builtLen(pl, c), c.first)
			}
		}
		return best, member
	}
	for i := range classes {
		c := &classes[i]
		n, ok := tab.joinedLen(pl, c)
		if !ok {
			n = tab.builtLen(pl, c)
		}
		consider(n, c.first)
	}
	return best, member
}

// joinedLen adds up a class's render of the text from the measured pieces;
// ok is false when a join cannot be measured from its edges.
func (t *memberTable) joinedLen(pl *textPlan, c *memberClass) (int, bool) {
	n := 0
	var prev render.Measure
	have := false
	add := func(m render.Measure) bool {
		if m.Empty() {
			return true
		}
		if have {
			loss, ok := render.JoinLoss(prev, m, t.mode)
			if !ok {
				return false
			}
			n -= loss
		}
		n += m.N
		prev, have = m, true
		return true
	}
	for i, lit := range pl.lits {
		if !add(lit) {
			return 0, false
		}
		if i < len(pl.uses) {
			k := pl.uses[i].Macro
			if !add(t.values[k][c.ids[k]].m) {
				return 0, false
			}
		}
	}
	return n, true
}

// builtLen counts a class's render of the text on the built string.
func (t *memberTable) builtLen(pl *textPlan, c *memberClass) int {
	var b strings.Builder
	prev := 0
	for _, u := range pl.uses {
		b.WriteString(pl.s[prev:u.Start])
		b.WriteString(t.values[u.Macro][c.ids[u.Macro]].s)
		prev = u.End
	}
	b.WriteString(pl.s[prev:])
	return render.Count(b.String(), t.mode)
}
