package rules

import "github.com/inboxlint/inboxlint/lint"

// checkFlowUnreachable is the flow-unreachable rule: it reports messages no
// path of buttons leads to from the opening.
func checkFlowUnreachable(p *lint.Pass) {
	f := flowOf(p)
	if f == nil {
		return
	}
	for i, r := range f.Reachable() {
		if r || f.Owner(i) != i {
			continue // reachable, or no id of its own: a syntax problem already
		}
		n := f.Nodes[i]
		p.Reportf(n.Message.Heading, "message %s is not reachable from the opening: link a button to %s, or delete the message", idRef(n.Slug), idRef(n.Slug))
	}
}
