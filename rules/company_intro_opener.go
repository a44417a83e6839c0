package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// checkCompanyIntroOpener is the company-intro-opener rule: it finds a
// message that opens by talking about the sender's company.
func checkCompanyIntroOpener(p *lint.Pass) {
	pack := p.Pack()
	if pack == nil {
		return
	}
	m := pack.Matcher(lang.CatCompanyIntro)
	openingBodies(p, func(v *render.Variant, body render.Text) {
		toks := openingSentence(pack, body.S, p.Tokens(body.S))
		x, ok := m.First(toks)
		if !ok {
			return
		}
		i, j := toks[x.Start].Start, toks[x.End-1].End
		p.ReportIn(lint.Render{Variant: v}, body.Span(i, j),
			"the message opens with the sender's company (%s): open with the member's problem or a question about their work instead", quote(body.S[i:j]))
	})
}
