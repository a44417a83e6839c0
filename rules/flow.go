package rules

import (
	"strconv"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// What the flow rules share: the conversation's graph for a pass, and how
// findings name its messages and paths.

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
		ids[i] = idRef(s)
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
		s[i] = excerpt(f.Nodes[n].Slug)
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
	return "message " + idRef(n.Slug)
}
