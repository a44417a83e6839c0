package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// addressForm is one form of address met in the copy.
type addressForm struct {
	formal bool
	text   render.Text
	start  int // byte range in text.S
	end    int
}

// checkAddressConsistency is the address-consistency rule: it finds an ad
// that mixes the formal and the informal "you".
func checkAddressConsistency(p *lint.Pass) {
	pack := p.Pack()
	if pack == nil || !pack.Applies(lang.CatAddress) {
		return
	}
	formalM, informalM := pack.Matcher(lang.CatAddress+".formal"), pack.Matcher(lang.CatAddress+".informal")
	for _, v := range p.Variants {
		var forms []addressForm
		formal, informal := 0, 0
		v.Fields(readCopy, func(f render.VariantField) {
			toks := p.Tokens(f.Text.S)
			for _, c := range []struct {
				m      *lang.Matcher
				formal bool
			}{{formalM, true}, {informalM, false}} {
				for _, x := range c.m.All(toks) {
					if c.m.Patterns()[x.Pattern].Items[0].Exact && sentenceStart(f.Text.S, toks, x.Start) {
						continue // a capital at a sentence start means nothing
					}
					forms = append(forms, addressForm{c.formal, f.Text, toks[x.Start].Start, toks[x.End-1].End})
					if c.formal {
						formal++
					} else {
						informal++
					}
				}
			}
		})
		if formal == 0 || informal == 0 {
			continue
		}
		// the dominant form is the more frequent; on a tie, the one the
		// ad uses first (fields are walked in reading order, and within a
		// field the forms are sorted below)
		sortForms(forms)
		dominantFormal := formal > informal || formal == informal && forms[0].formal
		for _, f := range forms {
			if f.formal == dominantFormal {
				continue
			}
			word := f.text.S[f.start:f.end]
			if f.formal {
				p.ReportIn(lint.Render{Variant: v}, f.text.Span(f.start, f.end),
					"%s is the formal \"you\", but the ad mostly addresses the member informally (%d to %d): keep one form of address", quote(word), informal, formal)
			} else {
				p.ReportIn(lint.Render{Variant: v}, f.text.Span(f.start, f.end),
					"%s is the informal \"you\", but the ad mostly addresses the member formally (%d to %d): keep one form of address", quote(word), formal, informal)
			}
			break
		}
	}
}

// sortForms orders the forms by reading order: by field (in the order
// they were met), then by position in the field.
func sortForms(forms []addressForm) {
	order := map[string]int{}
	for _, f := range forms {
		if _, ok := order[f.text.S]; !ok {
			order[f.text.S] = len(order)
		}
	}
	for i := 1; i < len(forms); i++ {
		for j := i; j > 0; j-- {
			a, b := forms[j-1], forms[j]
			if order[a.text.S] < order[b.text.S] || order[a.text.S] == order[b.text.S] && a.start <= b.start {
				break
			}
			forms[j-1], forms[j] = b, a
		}
	}
}

// sentenceStart reports whether toks[i] starts a sentence: the first
// token, after ". ! ? : ¿ ¡" or a paragraph, or at the start of a line.
func sentenceStart(s string, toks []lang.Token, i int) bool {
	if i == 0 {
		return true
	}
	prev := toks[i-1]
	if prev.Kind == lang.Punct && strings.ContainsAny(prev.Text, ".!?:;\n¿¡…") {
		return true
	}
	return strings.Contains(s[prev.End:toks[i].Start], "\n")
}
