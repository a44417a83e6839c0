package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// newCompanyIntroOpener returns the company-intro-opener rule, which finds
// a message that opens by talking about the sender's company.
func newCompanyIntroOpener() lint.Rule {
	return newRule(lint.Doc{
		ID:       "company-intro-opener",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "the message does not open with the sender's company",
		Text: "The most common low-reply opener in real sponsored messages is a sentence about the advertiser: " +
			"\"Outlier is an AI data platform…\", \"Acme has paid out more than…\", \"At Acme we…\". The preview " +
			"shows the first line beside the sender's name and the advertiser's logo, so the member already knows " +
			"who writes; a line about the company tells them nothing about their own work, and they move on. Open " +
			"with the member's problem or a question about their work. The rule reads the first sentence of each " +
			"Message Ad body and of a Conversation Ad's opening message, after a greeting, and reports the company " +
			"introductions of the file's language pack: a company name followed by \"is a … platform\", \"is one of " +
			"the\", \"has helped\", \"was founded\", \"helps companies\", and their equivalents in the other languages " +
			"(\"Northwind ist ein Anbieter\", \"Chez Northwind, nous\"). It stays quiet when the language is unknown.",
	}, checkCompanyIntroOpener)
}

func checkCompanyIntroOpener(p *lint.Pass) {
	pack := p.Pack()
	if pack == nil {
		return
	}
	m := pack.Matcher(lang.CatCompanyIntro)
	openingBodies(p, openingPart, func(v *render.Variant, body render.Text) {
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
