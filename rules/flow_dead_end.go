package rules

import "github.com/inboxlint/inboxlint/lint"

// newFlowDeadEnd returns the flow-dead-end rule, which reports messages
// without buttons.
func newFlowDeadEnd() lint.Rule {
	return newRule(lint.Doc{
		ID:       "flow-dead-end",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "every message offers at least one button",
		Text: "In a Conversation Ad the member can only answer with buttons (up to five per message, four on the " +
			"opening where LinkedIn adds \"Not interested\"; LinkedIn's Conversation Ads specs): there is no reply " +
			"box. A message without buttons ends the conversation with no call to action, so a member who got that " +
			"far has nothing to click. End every message with a next step: a lead form, a landing page, or at " +
			"least a polite close that links to something useful. An opening without buttons is button-count's " +
			"error and is not reported again here.",
	}, checkFlowDeadEnd)
}

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
