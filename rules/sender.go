package rules

import (
	"github.com/inboxlint/inboxlint/lint"
)

// checkSender is the sender rule: it checks that the ad names the member it
// is sent from.
func checkSender(p *lint.Pass) {
	t := p.Template
	if !t.Sender.Present {
		p.Reportf(t.FrontMatter, "the front matter has no sender: add sender: with the name of the LinkedIn member the ad is sent from")
		return
	}
	for _, v := range p.Variants {
		if v.Sender.S == "" {
			span := t.Sender.Span()
			if span.Start.Offset == span.End.Offset {
				span = t.Sender.Key // sender: with no value at all
			}
			p.ReportIn(lint.Render{Variant: v}, span, "sender is empty: name the LinkedIn member the ad is sent from")
		}
	}
}
