package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// What the opener rules (company-intro-opener, self-intro-opener) share:
// each looks for one thing in the first sentence of each variant's opening
// message, in the file's language.

// opener is an opener rule: it reports the first match that first finds,
// among the tokens of the opening sentence, of the pack's patterns of
// category, as opening with what ("the sender's company").
type opener struct {
	category string
	what     string
	first    func(pack *lang.Pack, m *lang.Matcher, toks []lang.Token) (lang.Match, bool)
}

// check is the rule's check (made with needsPack: the patterns are the
// language's).
func (o opener) check(p *lint.Pass, pack *lang.Pack) {
	m := pack.Matcher(o.category)
	openingBodies(p, openingPart, func(v *render.Variant, body render.Text) {
		// a variant's opening part is mostly its own: its tokens are
		// not kept, its paragraphs' are
		toks := openingSentence(pack, body.S, p.ScratchTokens(body.S))
		if x, ok := o.first(pack, m, toks); ok {
			i, j := toks[x.Start].Start, toks[x.End-1].End
			p.ReportIn(lint.Render{Variant: v}, body.Span(i, j),
				"the message opens with %s (%s): open with the member's problem or a question about their work instead", o.what, quote(body.S[i:j]))
		}
	})
}
