package render

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Flow is the graph of an ad: one node per message, one edge per button.
// A Conversation Ad's #slug buttons link its messages into a tree (or, by
// mistake, a graph with cycles and orphans); URL and lead form buttons leave
// the conversation and end at terminal nodes. The flow rules, the render
// tree and the dot and Mermaid drawings all read this one model, and the
// graph algorithms they need (reachability, depth, cycles) live here so
// that the rules stay thin.
//
// A Flow is built from the parsed template, whose structure is the same in
// every variant; only text that contains template actions (a heading, a
// label, a target written with {{ }}) is taken from the variant the flow
// was built for.
type Flow struct {
	// Conversation is false for a Message Ad: one node, no #slug edges.
	Conversation bool
	// Nodes are the messages in source order; Nodes[0] is the opening.
	Nodes []FlowNode
	// Terminals are the distinct places buttons leave the conversation
	// for (landing pages and lead forms), in order of first use.
	Terminals []FlowTerminal

	bySlug map[string]int
	// nexts[i] lists the distinct messages node i links to (see next)
	nexts [][]FlowEdge
}

// FlowNode is one message of the flow.
type FlowNode struct {
	// Index is the message's position (Template.Messages[Index]).
	Index int
	// Slug is the id #slug buttons link to; empty for a Message Ad.
	Slug string
	// Title is the heading as rendered for the flow's variant; for a
	// Message Ad, which has no heading, it is the subject.
	Title   string
	Message *Message
	// Edges are the message's buttons, in order.
	Edges []FlowEdge
}

// FlowEdge is one button.
type FlowEdge struct {
	// From is the index of the message the button is on, Button its
	// position among the message's buttons.
	From, Button int
	// Label is the button label as rendered for the flow's variant.
	Label string
	// Kind classifies the target (ClassifyTarget).
	Kind TargetKind
	// Target is what the button points at: the slug (without "#") of a
	// message target, the URL, the lead form's name, or the raw target when
	// it is none of these.
	Target string
	// To is the index of the message a #slug target names, or -1 (another
	// kind of target, or a slug no message has).
	To int
	// Terminal is the index in Flow.Terminals of a URL or lead form target,
	// or -1.
	Terminal int
	// Source is the button in the template, for positions.
	Source *Button
}

// Broken reports whether the edge is a #slug button that names no message.
func (e FlowEdge) Broken() bool { return e.Kind == TargetMessage && e.To < 0 }

// FlowTerminal is a place a button leaves the conversation for.
type FlowTerminal struct {
	// Kind is TargetURL or TargetLeadForm.
	Kind TargetKind
	// Target is the URL or the lead form's name.
	Target string
}

// NewFlow builds the flow of t. v, when not nil, is the variant whose
// rendering supplies text that contains template actions: headings,
// labels, and targets (a target with actions is classified as rendered).
// Without a variant such text is taken as written.
func NewFlow(t *Template, v *Variant) *Flow {
	f := &Flow{Conversation: t.Format == FormatConversation, bySlug: map[string]int{}}
	for i, m := range t.Messages {
		if m.Slug != "" {
			if _, dup := f.bySlug[m.Slug]; !dup {
				f.bySlug[m.Slug] = i
			}
		}
	}
	var vms []VariantMessage
	if v != nil && len(v.Messages) == len(t.Messages) {
		vms = v.Messages
	}
	terminals := map[FlowTerminal]int{}
	for i, m := range t.Messages {
		n := FlowNode{Index: i, Slug: m.Slug, Message: m}
		switch {
		case !f.Conversation:
			n.Title = t.Subject.Text.S
			if v != nil && HasActions(n.Title) {
				n.Title = v.Subject.S
			}
		case vms != nil && HasActions(m.Title.Text.S):
			n.Title = vms[i].Title.S
		default:
			n.Title = m.Title.Text.S
		}
		for j := range m.Buttons {
			b := &m.Buttons[j]
			label, target := b.Label.Text.S, b.Target.Text.S
			if vms != nil && j < len(vms[i].Buttons) {
				if HasActions(label) {
					label = vms[i].Buttons[j].Label.S
				}
				if HasActions(target) {
					target = vms[i].Buttons[j].Target.S
				}
			}
			e := FlowEdge{From: i, Button: j, Label: label, To: -1, Terminal: -1, Source: b}
			e.Kind, e.Target = ClassifyTarget(target)
			switch e.Kind {
			case TargetMessage:
				if f.Conversation {
					e.To, _ = f.Lookup(e.Target)
				}
			case TargetURL, TargetLeadForm:
				key := FlowTerminal{Kind: e.Kind, Target: e.Target}
				k, ok := terminals[key]
				if !ok {
					k = len(f.Terminals)
					terminals[key] = k
					f.Terminals = append(f.Terminals, key)
				}
				e.Terminal = k
			case TargetInvalid:
				if strings.TrimSpace(target) == "#" {
					// "#" names a message with an empty id: a broken
					// message link rather than an unknown kind of target
					e.Kind, e.Target = TargetMessage, ""
				}
			}
			n.Edges = append(n.Edges, e)
		}
		f.Nodes = append(f.Nodes, n)
	}
	f.linkNext()
	return f
}

// linkNext lists, once, the distinct messages each node links to: the path
// searches visit a node many times, and a message may have thousands of
// buttons.
func (f *Flow) linkNext() {
	f.nexts = make([][]FlowEdge, len(f.Nodes))
	last := make([]int, len(f.Nodes)) // node+1 that last linked to each message
	for i, n := range f.Nodes {
		for _, e := range n.Edges {
			if e.To < 0 || last[e.To] == i+1 {
				continue
			}
			last[e.To] = i + 1
			f.nexts[i] = append(f.nexts[i], e)
		}
	}
}

// Lookup returns the index of the message whose id is slug. A slug is
// matched exactly, as GitHub's preview does, or percent-decoded
// (#caf%C3%A9 for a heading "Café").
func (f *Flow) Lookup(slug string) (int, bool) {
	if slug == "" {
		return -1, false
	}
	if i, ok := f.bySlug[slug]; ok {
		return i, true
	}
	if strings.Contains(slug, "%") {
		if d, err := url.PathUnescape(slug); err == nil {
			if i, ok := f.bySlug[d]; ok {
				return i, true
			}
		}
	}
	return -1, false
}

// Slugs lists the message ids in source order, for suggestions.
func (f *Flow) Slugs() []string {
	var out []string
	for i, n := range f.Nodes {
		if n.Slug != "" && f.bySlug[n.Slug] == i {
			out = append(out, n.Slug)
		}
	}
	return out
}

// Suggest returns the message id a broken #slug most likely meant: the id
// that differs only in case, else the nearest within a few edits; "" when
// nothing is close.
func (f *Flow) Suggest(slug string) string {
	slugs := f.Slugs()
	for _, s := range slugs {
		if strings.EqualFold(s, slug) {
			return s
		}
	}
	// an id whose length differs by more than the distance allowed cannot
	// be within it: only the others are worth an edit distance
	lower := strings.ToLower(slug)
	d := max(2, min(4, utf8.RuneCountInString(slug)/3))
	n := utf8.RuneCountInString(lower)
	near := slugs[:0:0]
	for _, s := range slugs {
		if m := utf8.RuneCountInString(s); m >= n-d && m <= n+d {
			near = append(near, s)
		}
	}
	return Nearest(lower, near, d)
}

// Owner returns the index of the message that owns the id of message i:
// i itself, or the earlier message with the same slug (a duplicate heading,
// already a syntax problem), or -1 when the message has no id.
func (f *Flow) Owner(i int) int {
	j, ok := f.bySlug[f.Nodes[i].Slug]
	if !ok {
		return -1
	}
	return j
}

// next lists the distinct messages node i links to, in button order, with
// the first button that links to each.
func (f *Flow) next(i int) []FlowEdge {
	if f.nexts == nil {
		f.linkNext() // a Flow built by hand
	}
	return f.nexts[i]
}

// Reachable reports for each message whether a path of #slug buttons leads
// to it from the opening. The opening is always reachable.
func (f *Flow) Reachable() []bool {
	seen := make([]bool, len(f.Nodes))
	if len(f.Nodes) == 0 {
		return seen
	}
	queue := []int{0}
	seen[0] = true
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, e := range f.next(i) {
			if !seen[e.To] {
				seen[e.To] = true
				queue = append(queue, e.To)
			}
		}
	}
	return seen
}

// order numbers the messages in the order a depth-first walk from the
// opening, in button order, first meets them; messages it never meets
// follow in source order, each starting a walk of its own. It is the order
// in which cycles are reported and rotated.
func (f *Flow) order() []int {
	ord := make([]int, len(f.Nodes))
	for i := range ord {
		ord[i] = -1
	}
	n := 0
	var walk func(i int)
	walk = func(i int) {
		ord[i] = n
		n++
		for _, e := range f.next(i) {
			if ord[e.To] < 0 {
				walk(e.To)
			}
		}
	}
	for i := range f.Nodes {
		if ord[i] < 0 {
			walk(i)
		}
	}
	return ord
}

// SearchBudget bounds the path searches (LongestPath, Cycles) in steps.
// Longest simple paths and cycle enumeration are exponential in the worst
// case; a real conversation (tens of messages, five buttons each) needs a
// few thousand steps, and a pathological file stops at the budget instead
// of hanging the linter.
const SearchBudget = 1 << 20

// LongestPath returns the longest simple path of #slug buttons from the
// opening, as message indexes starting with 0: its length is the
// conversation's depth in levels (the opening alone is level 1). Of paths of
// equal length the first in button order wins, so the result is
// deterministic. In a flow too tangled to search within SearchBudget
// steps, it is the longest path found by then.
func (f *Flow) LongestPath() []int {
	if len(f.Nodes) == 0 {
		return nil
	}
	reach := 0
	for _, r := range f.Reachable() {
		if r {
			reach++
		}
	}
	var best []int
	on := make([]bool, len(f.Nodes))
	path := []int{0}
	on[0] = true
	// match is how long a prefix path and best share, so that a longer
	// path copies only where it leaves best: the work stays in proportion
	// to the steps, even along a chain of thousands of messages
	match := 0
	steps := 0
	var walk func(i int) bool // false: stop searching
	walk = func(i int) bool {
		if steps++; steps > SearchBudget {
			return false
		}
		if len(path) > len(best) {
			best = append(best[:match], path[match:]...)
			match = len(path)
			if len(best) == reach {
				return false // every reachable message is on it: none is longer
			}
		}
		for _, e := range f.next(i) {
			if on[e.To] {
				continue
			}
			on[e.To] = true
			if k := len(path); match == k && k < len(best) && best[k] == e.To {
				match++
			}
			path = append(path, e.To)
			ok := walk(e.To)
			path = path[:len(path)-1]
			match = min(match, len(path))
			on[e.To] = false
			if !ok {
				return false
			}
		}
		return true
	}
	walk(0)
	return best
}

// SearchSteps bounds, without searching, the steps LongestPath and
// Cycles(limit) take together, so that their work can be budgeted before it
// is done. Each takes at most SearchBudget+1. In a flow without cycles the
// longest-path walk takes one step per path from the opening, which is
// counted; and Johnson's algorithm enters each message at most once per
// cycle it finds (and once more) from each message it starts from.
func (f *Flow) SearchSteps(limit int) int {
	n := len(f.Nodes)
	if n == 0 {
		return 0
	}
	capped := SearchBudget + 1
	cycles := capped
	if n < capped {
		cycles = min(capped, n*(n+limit+1))
	}
	return cycles + f.pathCount(capped)
}

// pathCount bounds the walks LongestPath makes from the opening, up to
// limit: exactly, one per path, when no path can return to a message on it;
// with a cycle, by the walks of fewer steps than there are messages, simple
// or not (counted while that takes less work than limit steps).
func (f *Flow) pathCount(limit int) int {
	const (
		unseen = iota
		open
		done
	)
	state := make([]uint8, len(f.Nodes))
	paths := make([]int, len(f.Nodes))
	type frame struct{ v, k int }
	stack := []frame{{0, 0}}
	state[0] = open
	for len(stack) > 0 {
		fr := &stack[len(stack)-1]
		next := f.next(fr.v)
		if fr.k < len(next) {
			w := next[fr.k].To
			fr.k++
			switch state[w] {
			case open:
				return f.walkCount(limit)
			case unseen:
				state[w] = open
				stack = append(stack, frame{w, 0})
			}
			continue
		}
		c := 1
		for _, e := range next {
			c = min(limit, c+paths[e.To])
		}
		paths[fr.v] = c
		state[fr.v] = done
		stack = stack[:len(stack)-1]
	}
	return paths[0]
}

// walkCount counts the walks from the opening of fewer steps than there
// are messages, up to limit, or returns limit when counting them would
// take more work than that.
func (f *Flow) walkCount(limit int) int {
	n := len(f.Nodes)
	size := n
	for i := range f.Nodes {
		size += len(f.next(i))
	}
	cur, nxt := make([]int, n), make([]int, n)
	cur[0] = 1
	total := 1
	for steps := 1; steps < n; steps++ {
		if steps*size > limit {
			return limit
		}
		clear(nxt)
		any := false
		for v, c := range cur {
			if c == 0 {
				continue
			}
			for _, e := range f.next(v) {
				nxt[e.To] = min(limit, nxt[e.To]+c)
				any = true
			}
		}
		for _, c := range nxt {
			if total = min(limit, total+c); total == limit {
				return limit
			}
		}
		if !any {
			break
		}
		cur, nxt = nxt, cur
	}
	return total
}

// Cycle is a path of #slug buttons that returns to a message already on it.
type Cycle struct {
	// Path lists the messages of the cycle, starting with the one a walk
	// from the opening meets first; the last one links back to Path[0].
	Path []int
	// Closing is the button that returns to Path[0].
	Closing FlowEdge
}

// Cycles returns every elementary cycle of the flow (each loop through
// distinct messages, once, whatever message it is entered from), at most
// limit of them (and no more than SearchBudget steps of search). They are
// ordered by where a walk from the opening meets them, then by button
// order, so the result is deterministic. It is Johnson's algorithm
// ("Finding all the elementary circuits of a directed graph", 1975), which
// spends time in proportion to the cycles it finds.
func (f *Flow) Cycles(limit int) []Cycle {
	ord := f.order()
	byOrd := make([]int, len(ord))
	for i, o := range ord {
		byOrd[o] = i
	}
	n := len(f.Nodes)
	blocked := make([]bool, n)
	// blockers[u] lists the nodes to unblock with u (Johnson's B-lists); a
	// node may be listed twice, which unblocks nothing more, and lists cost
	// far less than a set per node
	blockers := make([][]int, n)
	var out []Cycle
	steps := 0
	var stack []int // the path from s
	// unblock unblocks u and, in turn, what waits for it; a worklist, not
	// recursion, since a chain of waiting messages may be thousands long
	var work []int
	unblock := func(u int) {
		blocked[u] = false
		work = append(work[:0], u)
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			ws := blockers[x]
			blockers[x] = ws[:0] // keeps the memory; nothing adds to it meanwhile
			for _, w := range ws {
				if blocked[w] {
					blocked[w] = false
					work = append(work, w)
				}
			}
		}
	}
	// touched are the nodes a search from one start blocked, reset before
	// the next start: resetting every node each time would cost the number
	// of messages squared
	var touched []int
	// frames are the circuit calls of Johnson's algorithm in progress, kept
	// on a slice rather than the call stack: a path may be thousands of
	// messages deep, and a compact stack keeps each step cheap
	type frame struct {
		v, k  int // the node, the index of its next edge to try
		found bool
	}
	var frames []frame
	enter := func(v int) {
		steps++
		stack = append(stack, v)
		blocked[v] = true
		touched = append(touched, v)
		frames = append(frames, frame{v: v})
	}
	for _, s := range byOrd {
		if len(out) >= limit || steps > SearchBudget {
			break
		}
		// Only messages at or after s in the walk order take part, so each
		// cycle is found once: from its earliest message.
		for _, i := range touched {
			blocked[i] = false
			blockers[i] = blockers[i][:0]
		}
		touched = touched[:0]
		enter(s)
		for len(frames) > 0 {
			fr := &frames[len(frames)-1]
			next := f.next(fr.v)
			if fr.k < len(next) {
				e := &next[fr.k]
				fr.k++
				w := e.To
				switch {
				case ord[w] < ord[s]:
				case len(out) >= limit || steps > SearchBudget:
					fr.k = len(next) // stop: the budget is spent
				case w == s:
					out = append(out, Cycle{Path: append([]int(nil), stack...), Closing: *e})
					fr.found = true
				case !blocked[w]:
					enter(w) // its result joins fr.found when it returns
				}
				continue
			}
			// the call for fr.v returns
			v, found := fr.v, fr.found
			if found {
				unblock(v)
			} else {
				for _, e := range next {
					if ord[e.To] < ord[s] {
						continue
					}
					if len(blockers[e.To]) == 0 {
						touched = append(touched, e.To)
					}
					blockers[e.To] = append(blockers[e.To], v)
				}
			}
			stack = stack[:len(stack)-1]
			frames = frames[:len(frames)-1]
			if found && len(frames) > 0 {
				frames[len(frames)-1].found = true
			}
		}
	}
	return out
}
