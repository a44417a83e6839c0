package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// footerLength checks the custom footer against LinkedIn's limits, one
// per ad format, which are the rule's options.
type footerLength struct {
	formatLimits `yaml:",inline"`
}

func (r *footerLength) check(p *lint.Pass) {
	if !p.Template.Footer.Present {
		return
	}
	limit, ad := r.of(p.Template.Format)
	worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Footer, v.Footer.S != "" })
	if !ok || worst.Len <= limit {
		return
	}
	p.ReportIn(worst, p.Template.Footer.Span(), "footer is %d characters; LinkedIn allows %d in %s: link to the full terms instead", worst.Len, limit, ad)
}
