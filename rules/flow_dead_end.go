package rules

import "github.com/inboxlint/inboxlint/lint"

// checkFlowDeadEnd is the flow-dead-end rule: it reports messages without
// buttons.
func checkFlowDeadEnd(p *lint.Pass) {
	f := flowOf(p)
	if f == nil {
		return
	}
	for _, n := range f.Nodes[1:] {
		if len(n.Edges) == 0 {
			p.Reportf(n.Message.Heading, "%s has no buttons, so the conversation ends here with no call to action: end it with a button to a lead form, a landing page or another message", flowNodeName(n))
		}
	}
}
