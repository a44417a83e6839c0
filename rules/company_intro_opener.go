package rules

import "github.com/inboxlint/inboxlint/lint/lang"

// companyIntroOpener is the company-intro-opener rule: it finds a message
// that opens by talking about the sender's company, the first of the
// pack's company introductions ("At Acme, we…") in its first sentence.
var companyIntroOpener = opener{
	category: lang.CatCompanyIntro,
	what:     "the sender's company",
	first: func(_ *lang.Pack, m *lang.Matcher, toks []lang.Token) (lang.Match, bool) {
		return m.First(toks)
	},
}
