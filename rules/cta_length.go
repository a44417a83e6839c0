package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// CTALength checks button labels against LinkedIn's limits.
type CTALength struct{ opts formatLimits }

// NewCTALength returns the rule with its default options.
func NewCTALength() *CTALength {
	return &CTALength{opts: formatLimits{MaxMessage: 20, MaxConversation: 25}}
}

// Doc implements lint.Rule.
func (*CTALength) Doc() lint.Doc {
	return lint.Doc{
		ID:       "cta-length",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "button labels fit on the button",
		Text: "A Message Ad's call-to-action button holds at most 20 characters (LinkedIn's Message Ad specs); " +
			"Campaign Manager rejects longer labels, so that is an error. Conversation Ad buttons are documented at " +
			"25 characters by ad agencies rather than LinkedIn, and longer labels are cut off on mobile, so that is a " +
			"warning. Labels are measured rendered for every variant and member.",
		Options: []lint.Option{
			{Name: "max-message", Default: "20", Doc: "limit for a Message Ad's button; longer is an error"},
			{Name: "max-conversation", Default: "25", Doc: "limit for a Conversation Ad button; longer is a warning"},
		},
	}
}

// Configure implements lint.Configurable.
func (r *CTALength) Configure(decode func(any) error) (lint.Rule, error) {
	c := *r
	if err := decode(&c.opts); err != nil {
		return nil, err
	}
	if err := c.opts.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Check implements lint.Rule.
func (r *CTALength) Check(p *lint.Pass) error {
	conv := p.Template.Format == render.FormatConversation
	limit, _ := r.opts.limit(p.Template.Format)
	for i, m := range p.Template.Messages {
		for j, b := range m.Buttons {
			worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) {
				if i >= len(v.Messages) || j >= len(v.Messages[i].Buttons) {
					return render.Text{}, false
				}
				return v.Messages[i].Buttons[j].Label, true
			})
			if !ok || worst.Len <= limit {
				continue
			}
			d := worst.Diagnostic(b.Label.Span(), "button label is %d characters %s; the button holds %d", worst.Len, worst.Who(), limit)
			if conv {
				d.Severity = lint.SeverityWarning
			}
			p.Report(d)
		}
	}
	return nil
}
