package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// checkMacroArticle is the macro-article rule: it finds "a" or "an" written
// right before a macro whose value needs the other article for some member:
// "a %JOBTITLE%" becomes "a Account Executive".
func checkMacroArticle(p *lint.Pass) {
	if !p.Pack().Applies(lang.CatArticles) {
		return // only English picks its article by the next word's sound
	}
	// the first value, in member order, that wants the other article, by
	// typed article and macro; found is false when every value agrees
	type articleMacro struct {
		typed string
		mac   render.Macro
	}
	type disagree struct {
		v     lint.MemberValue
		found bool
	}
	var first map[articleMacro]disagree
	// the article and the macro are on one line (wordBefore crosses no
	// line break), so each distinct paragraph is checked once, and its
	// finding is every variant's that renders it
	p.FieldParagraphs(readCopy, nil, func(v *render.Variant, t render.Text) {
		var buf [8]render.MacroUse
		for _, u := range render.AppendMacros(buf[:0], t.S) {
			as, ae, ok := wordBefore(t.S, u.Start)
			if !ok {
				continue
			}
			article := t.S[as:ae]
			typed := strings.ToLower(article)
			if typed != "a" && typed != "an" {
				continue
			}
			key := articleMacro{typed, u.Macro}
			d, ok := first[key]
			if !ok {
				// each distinct value once, in the order the members
				// give them: the first that disagrees is the first
				// member's who does
				for _, mv := range p.MacroValues(u.Macro) {
					if mv.Value == u.Macro.Fallback() {
						continue // fallback-render's business (personalization off, or no value)
					}
					if want, ok := indefiniteArticle(mv.Value); ok && want != typed {
						d = disagree{mv, true}
						break
					}
				}
				if first == nil {
					first = map[articleMacro]disagree{}
				}
				first[key] = d
			}
			if !d.found {
				continue
			}
			r := lint.Render{Variant: v, Member: d.v.Member}
			p.ReportIn(r, t.Span(as, u.End), "%s: rephrase so no article is needed before %s",
				quote(article+" "+d.v.Value), u.Macro)
		}
	})
}
