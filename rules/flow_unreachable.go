package rules

import "github.com/inboxlint/inboxlint/lint"

// newFlowUnreachable returns the flow-unreachable rule, which reports
// messages no path of buttons leads to from the opening.
func newFlowUnreachable() lint.Rule {
	return newRule("flow-unreachable", checkFlowUnreachable)
}

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
