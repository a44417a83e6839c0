package render

import (
	"net/url"
	"strings"
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
	return f
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
	return Nearest(strings.ToLower(slug), slugs, max(2, min(4, len([]rune(slug))/3)))
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
	var out []FlowEdge
	for _, e := range f.Nodes[i].Edges {
		if e.To < 0 {
			continue
		}
		dup := false
		for _, o := range out {
			if o.To == e.To {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
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
	steps := 0
	var walk func(i int) bool // false: stop searching
	walk = func(i int) bool {
		if steps++; steps > SearchBudget {
			return false
		}
		if len(path) > len(best) {
			best = append(best[:0], path...)
			if len(best) == reach {
				return false // every reachable message is on it: none is longer
			}
		}
		for _, e := range f.next(i) {
			if on[e.To] {
				continue
			}
			on[e.To] = true
			path = append(path, e.To)
			ok := walk(e.To)
			path = path[:len(path)-1]
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
	blockers := make([]map[int]bool, n)
	var out []Cycle
	steps := 0
	var stack []int
	var unblock func(u int)
	unblock = func(u int) {
		blocked[u] = false
		for w := range blockers[u] {
			delete(blockers[u], w)
			if blocked[w] {
				unblock(w)
			}
		}
	}
	for _, s := range byOrd {
		if len(out) >= limit || steps > SearchBudget {
			break
		}
		// Only messages at or after s in the walk order take part, so each
		// cycle is found once: from its earliest message.
		for i := range blocked {
			blocked[i] = false
			blockers[i] = nil
		}
		var circuit func(v int) bool
		circuit = func(v int) bool {
			steps++
			found := false
			stack = append(stack, v)
			blocked[v] = true
			for _, e := range f.next(v) {
				w := e.To
				if ord[w] < ord[s] {
					continue
				}
				if len(out) >= limit || steps > SearchBudget {
					break
				}
				if w == s {
					out = append(out, Cycle{Path: append([]int(nil), stack...), Closing: e})
					found = true
				} else if !blocked[w] && circuit(w) {
					found = true
				}
			}
			if found {
				unblock(v)
			} else {
				for _, e := range f.next(v) {
					if ord[e.To] < ord[s] {
						continue
					}
					if blockers[e.To] == nil {
						blockers[e.To] = map[int]bool{}
					}
					blockers[e.To][v] = true
				}
			}
			stack = stack[:len(stack)-1]
			return found
		}
		circuit(s)
	}
	return out
}
