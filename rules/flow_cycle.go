package rules

import "github.com/inboxlint/inboxlint/lint"

// maxCycles bounds the flow-cycle findings for one file: past a handful,
// more of them say nothing new, and a densely linked flow has thousands.
const maxCycles = 50

// checkFlowCycle is the flow-cycle rule: it reports paths of buttons that
// return to an earlier message.
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
