package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// bodyLength checks each message body against LinkedIn's limits, one per
// ad format, and the 500-character guidance. Its fields are the rule's
// options: the guidance is bounded on its own, before the limits (see
// option_bounds.go).
type bodyLength struct {
	Guidance     int `yaml:"guidance" bound:"positive"`
	formatLimits `yaml:",inline"`
}

func (r *bodyLength) check(p *lint.Pass) {
	limit, _ := r.of(p.Template.Format)
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
