package lint

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/inboxlint/inboxlint/render"
)

// ruleBudget is the most work the rules may do for one file, in units of
// about a tenth of a microsecond of this project's 2-core CI machine (see
// the weights below). A file within every other limit (1 MiB, 100
// variants, 100,000 members, 64 KiB per rendered field) could otherwise
// keep the rules busy for minutes: 100 variants of 64 KiB bodies are 50 MB
// of copy to read, a conversation of thousands of messages has paths
// without end, and 100 variants of a few texts with macros for 100,000
// distinct members are tens of millions of lengths to add up. The work is
// estimated from the file before any rule runs, and counted on as the
// rules report findings, so that the same file gets the same verdict on
// every machine. The budget is generous: the examples need under 100,000
// units, a conversation of 25 messages of 1,000 characters in 30 variants
// that all differ about 900,000, and the 950 KB, 30-variant campaign of the
// hostile suite (2.9 MB of distinct copy) about 4,500,000.
const ruleBudget = 10_000_000

// The weights of the parts of the work, in units, from profiles of
// hostile files. A distinct text is read by each of
// some twenty rules, most of them with regular expressions (up to 0.4 µs
// a byte, on copy dense with Markdown markers), and each rule looks it up
// among the texts it has checked; a text that an earlier variant rendered
// the same way costs only those lookups. Measuring a member class against
// a text costs a multiply-add per macro in the count modes that add up,
// and a join per macro in graphemes; a class whose values might fuse with
// the text around them is measured on the built string. Each flow rule
// builds the conversation's graph, and the path and cycle searches take
// steps up to render's search budget.
const (
	workDistinctByte = 1  // a byte of distinct copy, of any kind
	workMarkerByte   = 12 // and more for a byte of punctuation (see markers)
	workRepeatBytes  = 32 // bytes of repeated text per unit
	workText         = 30 // per distinct text
	workClasses      = 4  // member classes and macros (or macro uses) per unit
	workFlowEdge     = 10 // per message and button of each flow built
	workSuggestCells = 8  // cells of an edit distance per unit
	workSearchStep   = 1  // per step of the flow's path and cycle searches

	// flowCycleLimit is how many cycles flow-cycle asks for (its
	// maxCycles): the cycle search's steps grow with it
	flowCycleLimit = 50
)

// workFinding is the units of a reported finding: its message formatted,
// its span located, the engine's bookkeeping, and its share of sorting and
// printing the output. A text can hold a finding every few bytes ("XXX XXX
// …"), which costs far more than reading it.
const workFinding = 300

// meter counts the work of a file's rules as they run, from the estimate
// made before, and stops them when it exceeds the limit. A nil meter
// counts nothing.
type meter struct {
	used, limit int
	// findings were reported before it stopped the rules
	findings int
}

// overBudget is how charge stops a rule: a panic that run recovers, since
// a rule reports from deep inside its loops.
type overBudget struct{}

func (m *meter) charge(units int) {
	if m == nil {
		return
	}
	m.findings++
	if m.used += units; m.used > m.limit {
		panic(overBudget{})
	}
}

// run checks the pass with r and reports whether the meter stopped it.
func (m *meter) run(r Rule, p *Pass) (over bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(overBudget); !ok {
				panic(v)
			}
			over = true
		}
	}()
	return false, r.Check(p)
}

// ruleWork is what the rules will have to do for one file.
type ruleWork struct {
	variants int
	// texts is the number of distinct texts (each field's distinct
	// renders), distinct their bytes; total is the bytes of every
	// variant's copy.
	texts, distinct, total int
	// markers are the distinct copy's punctuation bytes (see markers)
	markers int
	// classes is the most member classes any text's macros see, and
	// classWork the member-class work of every distinct text with macros.
	classes, classWork int
	// messages and buttons are a conversation's, and flow the units of
	// its flow.
	messages, buttons, flow int
}

func (w ruleWork) copyUnits() int {
	return w.distinct*workDistinctByte + w.markers*workMarkerByte + (w.total-w.distinct)/workRepeatBytes + w.texts*workText
}

func (w ruleWork) units() int { return w.copyUnits() + w.classWork/workClasses + w.flow }

// message is the syntax finding for a file over the budget; m, when not
// nil, is the meter that stopped the rules. It names what the work comes
// from and what to cut: the copy, the members or the conversation's size,
// whichever costs most, or the findings when they took it over.
func (w ruleWork) message(m *meter) string {
	parts := []string{plural(w.variants, "variant"), plural(w.distinct, "byte") + " of distinct rendered copy"}
	switch {
	case w.classes == 1:
		parts = append(parts, "1 member class")
	case w.classes > 1:
		parts = append(parts, fmt.Sprintf("up to %d member classes per text", w.classes))
	}
	if w.messages > 0 {
		parts = append(parts, plural(w.messages, "message")+" and "+plural(w.buttons, "button"))
	}
	need := fmt.Sprintf("%d units", w.units())
	advice := "use fewer variants or shorter copy"
	switch biggest := max(w.copyUnits(), w.classWork/workClasses, w.flow); {
	case m != nil:
		need = fmt.Sprintf("more than %d units", m.limit)
		parts = append(parts, plural(m.findings, "finding")+" before the rules stopped")
		advice = "fix what most of the findings are about, or split the file"
	case biggest == w.flow:
		advice = "split the conversation into smaller ones"
	case biggest == w.classWork/workClasses:
		advice = "use fewer sample members"
	}
	return fmt.Sprintf("this file needs %s of rule work (%s); the limit is %d, so no other rule checked it: %s",
		need, strings.Join(parts, ", "), ruleBudget, advice)
}

// markers counts the bytes of s that the rules' patterns work hardest on:
// ASCII punctuation other than the full stop, comma and apostrophe of
// prose (Markdown markers, brackets, percent signs, URL and merge-tag
// syntax). Profiles of hostile files put a byte of such copy at up to
// 0.6 µs of rule work, while prose costs about 0.04 µs a byte, so a count
// of bytes alone would either refuse a large honest campaign or let a
// file of markers run for seconds.
func markers(s string) int {
	// four bytes a step, in two sums: every distinct text of every file
	// is counted
	n, m, i := 0, 0, 0
	for ; i+4 <= len(s); i += 4 {
		n += int(markerBytes[s[i]]) + int(markerBytes[s[i+1]])
		m += int(markerBytes[s[i+2]]) + int(markerBytes[s[i+3]])
	}
	for ; i < len(s); i++ {
		n += int(markerBytes[s[i]])
	}
	return n + m
}

// markerBytes is 1 for the bytes markers counts: a table, for every text
// of every file goes through it.
var markerBytes = func() (t [256]uint8) {
	for c := '!'; c < 0x7F; c++ {
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && c != '.' && c != ',' && c != '\'' {
			t[c] = 1
		}
	}
	return t
}()

// measureWork estimates the rules' work for the pass, from its variants
// and members. It also makes each variant's text that an earlier variant
// rendered the same (the same copy with the same map to the source) a copy
// of the earlier one, so that the rules find it seen at the cost of a
// pointer (Pass.FirstSeen, Longest): it reads each text once.
func measureWork(p *Pass) ruleWork {
	w := ruleWork{variants: len(p.Variants)}
	tab := p.memberTable()
	// texts by their position in the walk (the structure is the same in
	// every variant) and content; first are the first variant's (one
	// variant's texts are all distinct)
	var texts *textSet[slotKey]
	var first []render.Text
	if len(p.Variants) > 1 {
		m := p.takeMaps()
		texts, first = &m.work, m.first[:0]
		defer func() { m.first = first }()
	}
	var sums keySet
	var setsSeen uint32 // bit s: some text uses the macros of set s
	for vi, v := range p.Variants {
		slot := 0
		eachText(v, func(tp *render.Text) {
			t := *tp
			slot++
			w.total += len(t.S)
			if len(p.Variants) > 1 {
				if vi == 0 {
					first = append(first, t)
				} else if slot <= len(first) && first[slot-1].Key() == t.Key() && first[slot-1].Equal(t) {
					return // the same copy as the first variant's: nothing to hash
				}
				if u, isNew := texts.add(slotKey{slot, t.S}, t); !isNew {
					*tp = u
					return
				}
			}
			w.texts++
			w.distinct += len(t.S)
			w.markers += markers(t.S)
			if len(p.members) == 0 || strings.IndexByte(t.S, '%') < 0 {
				return
			}
			uses := render.ScanMacros(t.S) // they may go into a plan: not a stack buffer
			if len(uses) == 0 {
				return
			}
			var k sumKey
			for _, u := range uses {
				k.set |= 1 << u.Macro
				k.counts[u.Macro]++
			}
			if setsSeen&(1<<k.set) == 0 {
				setsSeen |= 1 << k.set
				// grouping the members by the macros
				w.classWork += len(p.members)
			}
			n := len(tab.classes(k.set))
			w.classes = max(w.classes, n)
			if p.countMode != render.CountGraphemes {
				if sums.add(k) {
					w.classWork += n * bits.OnesCount8(uint8(k.set))
				}
				return
			}
			w.classWork += n * (2*len(uses) + 1)
			if pl := newTextPlan(t.S, uses, p.countMode); mayFuse(&pl, tab.inert) {
				w.classWork += n * len(t.S)
			}
		})
	}
	w.flow = flowWork(p, &w)
	return w
}

// keySet is a set of the macro counts of a file's texts: a file has a
// few, looked through where they lie, and a map holds them once there
// are more than keyScan (a hostile file's thousands of texts).
type keySet struct {
	few [keyScan]sumKey
	n   int
	m   map[sumKey]bool
}

const keyScan = 16

// add adds k and reports whether it was not in the set.
func (s *keySet) add(k sumKey) bool {
	if s.m != nil {
		if s.m[k] {
			return false
		}
		s.m[k] = true
		return true
	}
	if slices.Contains(s.few[:s.n], k) {
		return false
	}
	if s.n < keyScan {
		s.few[s.n] = k
		s.n++
		return true
	}
	s.m = make(map[sumKey]bool, 2*keyScan)
	for _, k := range s.few {
		s.m[k] = true
	}
	s.m[k] = true
	return true
}

// slotKey finds a text among the other variants' renders of its field.
type slotKey struct {
	slot int
	s    string
}

// mayFuse reports whether a grapheme join of the text's literal pieces and
// macro values may need the built string: both sides of some join may be
// characters that are not inert.
func mayFuse(pl *textPlan, inert [numMacros][2]bool) bool {
	for i, u := range pl.uses {
		_, litTail := pl.lits[i].InertEdges()
		litHead, _ := pl.lits[i+1].InertEdges()
		before := pl.lits[i].Empty() && i > 0
		after := pl.lits[i+1].Empty() && i+1 < len(pl.uses)
		switch {
		case before && !inert[pl.uses[i-1].Macro][1] && !inert[u.Macro][0]:
			return true
		case !before && !litTail && !inert[u.Macro][0]:
			return true
		case !after && !litHead && !inert[u.Macro][1]:
			return true
		}
	}
	return false
}

// flowWork is the flow rules' work for a conversation: each builds the
// flow of the first variant, and flow-opt-out that of every variant when
// headings, labels or targets are written with template actions (the
// searches of paths and cycles are bounded by render's search budget); a
// broken #slug is compared with the message ids for a suggestion
// (render.Flow.SuggestCells).
func flowWork(p *Pass, w *ruleWork) int {
	t := p.Template
	if t.Format != render.FormatConversation || len(t.Messages) == 0 {
		return 0
	}
	w.messages = len(t.Messages)
	size, flows := len(t.Messages), 1
	for _, m := range t.Messages {
		size += len(m.Buttons)
		w.buttons += len(m.Buttons)
		if render.HasActions(m.Title.Text.S) {
			flows = len(p.Variants)
		}
		for _, b := range m.Buttons {
			if render.HasActions(b.Label.Text.S) || render.HasActions(b.Target.Text.S) {
				flows = len(p.Variants)
			}
		}
	}
	units := size * (flows + 6) * workFlowEdge
	var v *render.Variant
	if len(p.Variants) > 0 {
		v = p.Variants[0]
	}
	f := render.NewFlow(t, v)
	units += f.SearchSteps(flowCycleLimit) * workSearchStep
	broken := map[string]bool{}
	for _, n := range f.Nodes {
		for _, e := range n.Edges {
			if e.Broken() && !broken[e.Target] {
				broken[e.Target] = true
				units += f.SuggestCells(e.Target) / workSuggestCells
			}
		}
	}
	return units
}

// eachText calls fn for every text of a variant, the fields the rules read
// whatever they read them for, always in the same order.
func eachText(v *render.Variant, fn func(*render.Text)) {
	fn(&v.Sender)
	fn(&v.Subject)
	fn(&v.Footer)
	for i := range v.Messages {
		m := &v.Messages[i]
		fn(&m.Title)
		fn(&m.Body)
		for j := range m.Buttons {
			fn(&m.Buttons[j].Label)
			fn(&m.Buttons[j].Target)
		}
		for j := range m.Links {
			fn(&m.Links[j].Text)
			fn(&m.Links[j].URL)
		}
	}
}
