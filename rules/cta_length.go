package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// ctaLength checks button labels against LinkedIn's limits, one per ad
// format, which are the rule's options.
type ctaLength struct {
	formatLimits `yaml:",inline"`
}

func (r *ctaLength) check(p *lint.Pass) {
	conv := p.Template.Format == render.FormatConversation
	limit, _ := r.of(p.Template.Format)
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
			d := worst.Diagnostic(b.Label.Span(), "button label is %d characters; the button holds %d", worst.Len, limit)
			if conv {
				d.Severity = lint.SeverityWarning
			}
			p.Report(d)
		}
	}
}
