package rules

import (
	"github.com/inboxlint/inboxlint/lint"
)

// Sender checks that the ad names the member it is sent from.
type Sender struct{}

// Doc implements lint.Rule.
func (Sender) Doc() lint.Doc {
	return lint.Doc{
		ID:       "sender",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "the ad names its sender",
		Text: "LinkedIn delivers Message and Conversation Ads from a real member's profile, and Campaign Manager will " +
			"not launch an ad without one. Members decide whether to open a message by who sent it, so the copy " +
			"should be reviewed with its sender: name them in the front matter (sender: Dana Reyes).",
	}
}

// Check implements lint.Rule.
func (Sender) Check(p *lint.Pass) error {
	t := p.Template
	if !t.Sender.Present {
		p.Reportf(t.FrontMatter, "the front matter has no sender: add sender: with the name of the LinkedIn member the ad is sent from")
		return nil
	}
	for _, v := range p.Variants {
		if v.Sender.S == "" {
			span := t.Sender.Span()
			if span.Start.Offset == span.End.Offset {
				span = t.Sender.Key // sender: with no value at all
			}
			p.Report(lint.Diagnostic{Span: span, Variant: v.Name, Message: "sender is empty: name the LinkedIn member the ad is sent from"})
		}
	}
	return nil
}
