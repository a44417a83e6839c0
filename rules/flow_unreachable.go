package rules

import "github.com/inboxlint/inboxlint/lint"

// newFlowUnreachable returns the flow-unreachable rule, which reports
// messages no path of buttons leads to from the opening.
func newFlowUnreachable() lint.Rule {
	return newRule(lint.Doc{
		ID:       "flow-unreachable",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "every message can be reached from the opening",
		Text: "A Conversation Ad starts at its first message, and members move on only by picking a button (up to " +
			"five per message, four on the opening where LinkedIn adds \"Not interested\"; LinkedIn's Conversation " +
			"Ads specs). A message no chain of #slug buttons leads to from the opening is never shown: it is usually " +
			"a branch whose button was deleted or whose link has a typo (see flow-target). Link to it or delete it, " +
			"so that reviewers do not proofread copy nobody will read. A message whose heading repeats an earlier " +
			"id is left to the syntax rule.",
	}, checkFlowUnreachable)
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
