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
	Kind targetKind
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
	Kind targetKind
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
					e.To = f.lookup(e.Target)
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

// lookup returns the index of the message whose id is slug, or -1. A slug
// is matched exactly, as GitHub's preview does, or percent-decoded
// (#caf%C3%A9 for a heading "Café").
func (f *Flow) lookup(slug string) int {
	if slug == "" {
		return -1
	}
	if i, ok := f.bySlug[slug]; ok {
		return i
	}
	if strings.Contains(slug, "%") {
		if d, err := url.PathUnescape(slug); err == nil {
			if i, ok := f.bySlug[d]; ok {
				return i
			}
		}
	}
	return -1
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
	d := suggestDistance(slug)
	n := utf8.RuneCountInString(lower)
	near := slugs[:0:0]
	for _, s := range slugs {
		if m := utf8.RuneCountInString(s); m >= n-d && m <= n+d {
			near = append(near, s)
		}
	}
	return Nearest(lower, near, d)
}

// suggestDistance is how many edits a suggestion for slug may be away.
func suggestDistance(slug string) int { return max(2, min(4, utf8.RuneCountInString(slug)/3)) }

// SuggestCells bounds the work of Suggest(slug) without doing it, in cells
// of an edit-distance table: a case-folded comparison with every id (a cell
// a byte), then a distance, in a band of 2d+1 cells a character, with each
// id whose length is within the d edits allowed. The rules-stage budget
// adds it up for every broken link.
func (f *Flow) SuggestCells(slug string) int {
	n := utf8.RuneCountInString(slug)
	d := suggestDistance(slug)
	cells := len(slug)
	for _, s := range f.Slugs() {
		cells += len(s) + 1
		if m := utf8.RuneCountInString(s); m >= n-d && m <= n+d {
			cells += (min(n, m) + 1) * (2*d + 1)
		}
	}
	return cells
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
