package rules

import (
	"errors"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// bodyLength checks each message body against LinkedIn's limits and the
// 500-character guidance. Its fields are the rule's options.
type bodyLength struct {
	Guidance        int `yaml:"guidance"`
	MaxMessage      int `yaml:"max-message"`
	MaxConversation int `yaml:"max-conversation"`
}

// prepare refuses a guidance that is not positive first, on its own, and
// then the limits, as the bound tags of the other length rules do (which
// would check all three at once, before prepare).
func (r *bodyLength) prepare() error {
	if r.Guidance <= 0 {
		return errors.New("guidance must be positive")
	}
	if r.MaxMessage <= 0 || r.MaxConversation <= 0 {
		return errors.New("max-message and max-conversation must be positive")
	}
	return nil
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
			p.ReportIn(worst, span, "%s is %d characters; LinkedIn's limit is %d", what, worst.Len, limit)
		case worst.Len > r.Guidance:
			d := worst.Diagnostic(span, "%s is %d characters; LinkedIn recommends under %d: cut it to the one point that earns a reply", what, worst.Len, r.Guidance)
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
