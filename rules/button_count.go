package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// checkButtonCount is the button-count rule: it checks the number of buttons
// per message.
func checkButtonCount(p *lint.Pass) {
	t := p.Template
	if t.Format == render.FormatMessage {
		for _, m := range t.Messages {
			switch n := len(m.Buttons); {
			case n == 0:
				p.Reportf(endOfMessage(t, m), "the message has no call-to-action button: end it with one link in a list, such as - [Save my spot](leadform:NAME)")
			case n > 1:
				p.Reportf(m.Buttons[1].Span, "a Message Ad has exactly one button, this one has %d: keep the one that matters", n)
			}
		}
		return
	}
	for i, m := range t.Messages {
		max := 5
		if i == 0 {
			max = 4
		}
		n := len(m.Buttons)
		switch {
		case i == 0 && n == 0:
			p.Reportf(m.Heading, "the opening message has no buttons: a conversation starts with at least one choice")
		case n > max && i == 0:
			p.Reportf(m.Buttons[max].Span, "the opening message has %d buttons; LinkedIn adds \"Not interested\", so it allows %d", n, max)
		case n > max:
			p.Reportf(m.Buttons[max].Span, "message %s has %d buttons; LinkedIn allows %d", idRef(m.Slug), n, max)
		}
	}
}

// endOfMessage points at the last line of a message, where a missing button
// list would go.
func endOfMessage(t *render.Template, m *render.Message) render.Span {
	if m.Span.End.Line == 0 {
		return t.FrontMatter
	}
	return t.Source.LineSpan(m.Span.End.Line)
}
