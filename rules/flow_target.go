package rules

import (
	"strconv"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// FlowTarget reports #slug buttons that name no message of the
// conversation.
type FlowTarget struct{}

// Doc implements lint.Rule.
func (FlowTarget) Doc() lint.Doc {
	return lint.Doc{
		ID:       "flow-target",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "every #slug button names a message of the conversation",
		Text: "A Conversation Ad message has up to five buttons (four on the opening, where LinkedIn adds " +
			"\"Not interested\"), and each one either leaves the conversation for a landing page or a Lead Gen Form, " +
			"or shows the member another message (LinkedIn's Conversation Ads specs). A #slug button whose id " +
			"matches no message heading leads nowhere: the branch cannot be built in Campaign Manager, and the " +
			"member who picks it gets no answer. Message ids are GitHub's heading anchors (lower-case, spaces " +
			"turned into hyphens, punctuation dropped), so the same link works in GitHub's Markdown preview; the " +
			"finding suggests the nearest id. A target written with template actions is checked as rendered for " +
			"the first variant.",
	}
}

// Check implements lint.Rule.
func (FlowTarget) Check(p *lint.Pass) error {
	f := flowOf(p)
	if f == nil {
		return nil
	}
	slugs := f.Slugs()
	suggest := map[string]string{} // by target: many buttons may share a broken one
	for _, n := range f.Nodes {
		for _, e := range n.Edges {
			if !e.Broken() {
				continue
			}
			span := e.Source.Target.Span()
			if e.Target == "" {
				p.Reportf(span, "button links to #, which names no message: write the id of a message heading, such as %s", flowIDList(slugs, 1))
				continue
			}
			s, ok := suggest[e.Target]
			if !ok {
				s = f.Suggest(e.Target)
				suggest[e.Target] = s
			}
			if s != "" {
				p.Reportf(span, "no message has the id #%s: %s", e.Target, render.DidYouMeanText("#"+s))
				continue
			}
			p.Reportf(span, "no message has the id #%s: link to %s instead, or add a message with that heading", e.Target, flowIDList(slugs, 5))
		}
	}
	return nil
}

// flowOf builds the graph the flow rules check: nil for a Message Ad, which
// has no flow. Text written with template actions (a target such as
// #{{.next}}) is taken from the first variant.
func flowOf(p *lint.Pass) *render.Flow {
	if p.Template.Format != render.FormatConversation || len(p.Template.Messages) == 0 {
		return nil
	}
	var v *render.Variant
	if len(p.Variants) > 0 {
		v = p.Variants[0]
	}
	return render.NewFlow(p.Template, v)
}

// flowIDList shows up to n message ids for a message: "#a, #b or #c".
func flowIDList(slugs []string, n int) string {
	if len(slugs) == 0 {
		return "#opening"
	}
	more := len(slugs) > n
	if more {
		slugs = slugs[:n]
	}
	ids := make([]string, len(slugs))
	for i, s := range slugs {
		ids[i] = "#" + s
	}
	switch {
	case more:
		return strings.Join(ids, ", ") + ", …"
	case len(ids) == 1:
		return ids[0]
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}

// flowPath shows a path of messages by their ids: "planning → more".
func flowPath(f *render.Flow, path []int) string {
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = f.Nodes[n].Slug
		if s[i] == "" {
			s[i] = "(untitled)"
		}
	}
	return strings.Join(s, " → ")
}

// flowNodeName names a message in findings: "message #pricing", or its
// position when its heading gives it no id.
func flowNodeName(n render.FlowNode) string {
	if n.Slug == "" {
		return "message " + strconv.Itoa(n.Index+1)
	}
	return "message #" + n.Slug
}
