package rules

import "github.com/inboxlint/inboxlint/lint"

// maxCycles bounds the flow-cycle findings for one file: past a handful,
// more of them say nothing new, and a densely linked flow has thousands.
const maxCycles = 50

// newFlowCycle returns the flow-cycle rule, which reports paths of buttons
// that return to an earlier message.
func newFlowCycle() lint.Rule {
	return newRule(lint.Doc{
		ID:       "flow-cycle",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "no path of buttons returns to an earlier message",
		Text: "A Conversation Ad is meant to be a tree: each of a message's buttons (up to five, four on the " +
			"opening where LinkedIn adds \"Not interested\"; LinkedIn's Conversation Ads specs) moves the member " +
			"forward to an offer or a polite close. A button that leads back to a message already on the path sends " +
			"the member round in circles, repeats copy they have read, and makes the campaign's reporting by path " +
			"hard to read. Each distinct loop is reported once, at the button that closes it, with the path from " +
			"the first message of the loop a member meets (planning → more → planning). Several buttons may lead " +
			"to the same message (a shared \"Maybe later\" close): that is not a loop.",
	}, checkFlowCycle)
}

func checkFlowCycle(p *lint.Pass) {
	f := flowOf(p)
	if f == nil {
		return
	}
	for _, c := range f.Cycles(maxCycles) {
		path := flowPath(f, append(c.Path, c.Path[0]))
		p.Reportf(c.Closing.Source.Span, "button leads back to an earlier message: %s; point it at a new message, a landing page or a lead form", path)
	}
}
