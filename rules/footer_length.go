package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// FooterLength checks the custom footer against LinkedIn's limits.
type FooterLength struct{ opts formatLimits }

// NewFooterLength returns the rule with its default options.
func NewFooterLength() *FooterLength {
	return &FooterLength{opts: formatLimits{MaxMessage: 10000, MaxConversation: 20000}}
}

// Doc implements lint.Rule.
func (*FooterLength) Doc() lint.Doc {
	return lint.Doc{
		ID:       "footer-length",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "the custom footer fits LinkedIn's limit",
		Text: "The optional custom footer (terms and conditions) holds up to 10,000 characters in a Message Ad " +
			"(LinkedIn's Message Ad specs) and 20,000 in a Conversation Ad (LinkedIn's Conversation Ad specs); " +
			"Campaign Manager rejects longer footers. The footer is measured as written and rendered for every " +
			"variant and sample member, and the message names the worst case.",
		Options: []lint.Option{
			{Name: "max-message", Default: "10000", Doc: "LinkedIn's limit for a Message Ad footer"},
			{Name: "max-conversation", Default: "20000", Doc: "LinkedIn's limit for a Conversation Ad footer"},
		},
	}
}

// Configure implements lint.Configurable.
func (r *FooterLength) Configure(decode func(any) error) (lint.Rule, error) {
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
func (r *FooterLength) Check(p *lint.Pass) error {
	if !p.Template.Footer.Present {
		return nil
	}
	limit, ad := r.opts.limit(p.Template.Format)
	worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Footer, v.Footer.S != "" })
	if !ok || worst.Len <= limit {
		return nil
	}
	p.Report(worst.Diagnostic(p.Template.Footer.Span(), "footer is %d characters %s; LinkedIn allows %d in %s: link to the full terms instead", worst.Len, worst.Who(), limit, ad))
	return nil
}
