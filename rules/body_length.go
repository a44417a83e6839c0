package rules

import (
	"fmt"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// BodyLength checks each message body against LinkedIn's limits and the
// 500-character guidance.
type BodyLength struct{ opts bodyLengthOptions }

type bodyLengthOptions struct {
	Guidance     int `yaml:"guidance"`
	formatLimits `yaml:",inline"`
}

// NewBodyLength returns the rule with its default options.
func NewBodyLength() *BodyLength {
	return &BodyLength{opts: bodyLengthOptions{Guidance: 500, formatLimits: formatLimits{MaxMessage: 1500, MaxConversation: 8000}}}
}

// Doc implements lint.Rule.
func (*BodyLength) Doc() lint.Doc {
	return lint.Doc{
		ID:       "body-length",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "message bodies fit LinkedIn's limits and its guidance",
		Text: "LinkedIn's ad specs cap a Message Ad body at 1,500 characters and each Conversation Ad message at " +
			"8,000, and recommend keeping messages under 500 characters: longer copy is read less on mobile, where " +
			"most members open it. Over the cap is an error, over the guidance a warning. Each body is measured for " +
			"every variant and sample member (a long company name adds up), and the message names the worst case.",
		Options: []lint.Option{
			{Name: "guidance", Default: "500", Doc: "recommended maximum; longer is a warning"},
			{Name: "max-message", Default: "1500", Doc: "LinkedIn's limit for a Message Ad body"},
			{Name: "max-conversation", Default: "8000", Doc: "LinkedIn's limit for each Conversation Ad message"},
		},
	}
}

// Configure implements lint.Configurable.
func (r *BodyLength) Configure(decode func(any) error) (lint.Rule, error) {
	c := *r
	if err := decode(&c.opts); err != nil {
		return nil, err
	}
	if c.opts.Guidance <= 0 {
		return nil, fmt.Errorf("guidance must be positive")
	}
	if err := c.opts.validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Check implements lint.Rule.
func (r *BodyLength) Check(p *lint.Pass) error {
	limit, _ := r.opts.limit(p.Template.Format)
	for i, m := range p.Template.Messages {
		worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) {
			if i >= len(v.Messages) {
				return render.Text{}, false
			}
			return v.Messages[i].Body, true
		})
		if !ok {
			continue
		}
		span := bodySpan(m)
		what := "body"
		if m.Slug != "" {
			what = fmt.Sprintf("message #%s", m.Slug)
		}
		switch {
		case worst.Len > limit:
			p.Report(worst.Diagnostic(span, "%s is %d characters %s; LinkedIn's limit is %d", what, worst.Len, worst.Who(), limit))
		case worst.Len > r.opts.Guidance:
			d := worst.Diagnostic(span, "%s is %d characters %s; LinkedIn recommends under %d: cut it to the one point that earns a reply", what, worst.Len, worst.Who(), r.opts.Guidance)
			d.Severity = lint.SeverityWarning
			p.Report(d)
		}
	}
	return nil
}

// bodySpan is where a finding about a whole body points: the body, or the
// heading for an empty message.
func bodySpan(m *render.Message) render.Span {
	if m.Body.Text.S == "" && !m.Heading.IsZero() {
		return m.Heading
	}
	return m.Body.Span()
}
