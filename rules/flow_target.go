package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// checkFlowTarget is the flow-target rule: it reports #slug buttons that
// name no message of the conversation.
func checkFlowTarget(p *lint.Pass) {
	f := flowOf(p)
	if f == nil {
		return
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
				p.Reportf(span, "no message has the id %s: %s", idRef(e.Target), render.DidYouMeanText(idRef(s)))
				continue
			}
			p.Reportf(span, "no message has the id %s: link to %s instead, or add a message with that heading", idRef(e.Target), flowIDList(slugs, 5))
		}
	}
}
