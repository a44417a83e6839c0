package rules

import (
	"errors"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// bodyLength checks each message body against LinkedIn's limits and the
// 500-character guidance. Its fields are the rule's options.
type bodyLength struct {
	Guidance        int `yaml:"guidance" doc:"recommended maximum; longer is a warning"`
	MaxMessage      int `yaml:"max-message" doc:"LinkedIn's limit for a Message Ad body"`
	MaxConversation int `yaml:"max-conversation" doc:"LinkedIn's limit for each Conversation Ad message"`
}

// newBodyLength returns the body-length rule with its default options.
func newBodyLength() lint.Rule {
	return newConfigurable(lint.Doc{
		ID:       "body-length",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "message bodies fit LinkedIn's limits and its guidance",
		Text: "LinkedIn's ad specs cap a Message Ad body at 1,500 characters and each Conversation Ad message at " +
			"8,000, and recommend keeping messages under 500 characters: longer copy is read less on mobile, where " +
			"most members open it. Over the cap is an error, over the guidance a warning. Each body is measured for " +
			"every variant and sample member (a long company name adds up), and the message names the worst case.",
	}, bodyLength{Guidance: 500, MaxMessage: 1500, MaxConversation: 8000})
}

func (r *bodyLength) prepare() error {
	if r.Guidance <= 0 {
		return errors.New("guidance must be positive")
	}
	return positiveFormatLimits(r.MaxMessage, r.MaxConversation)
}

func (r *bodyLength) check(p *lint.Pass) {
	limit, _ := formatLimit(p.Template.Format, r.MaxMessage, r.MaxConversation)
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
			what = "message " + idRef(m.Slug)
		}
		switch {
		case worst.Len > limit:
			p.ReportIn(worst, span, "%s is %d characters %s; LinkedIn's limit is %d", what, worst.Len, worst.Who(), limit)
		case worst.Len > r.Guidance:
			d := worst.Diagnostic(span, "%s is %d characters %s; LinkedIn recommends under %d: cut it to the one point that earns a reply", what, worst.Len, worst.Who(), r.Guidance)
			d.Severity = lint.SeverityWarning
			p.Report(d)
		}
	}
}

// bodySpan is where a finding about a whole body points: the body, or the
// heading for an empty message.
func bodySpan(m *render.Message) render.Span {
	if m.Body.Text.S == "" && !m.Heading.IsZero() {
		return m.Heading
	}
	return m.Body.Span()
}
