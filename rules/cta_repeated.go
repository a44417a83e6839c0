package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
)

// checkCTARepeated is the cta-repeated rule: it notes a body whose last line
// only repeats a button's label.
func checkCTARepeated(p *lint.Pass) {
	for _, v := range p.Variants {
		for _, m := range v.Messages {
			if len(m.Buttons) == 0 || !p.FirstSeen(m.Body) {
				continue
			}
			body := m.Body.S
			end := len(strings.TrimRight(body, " \t\n"))
			start := strings.LastIndexByte(body[:end], '\n') + 1
			line := body[start:end]
			if strings.TrimSpace(line) == "" {
				continue
			}
			words := labelWords(p.Tokens(line))
			if words == "" {
				continue
			}
			for _, b := range m.Buttons {
				if labelWords(p.Tokens(b.Label.S)) == words {
					lead := len(line) - len(strings.TrimLeft(line, " \t"))
					p.ReportIn(lint.Render{Variant: v}, m.Body.Span(start+lead, end),
						"the body ends with %s, which only repeats the button below it: end with a question or the reason to click instead", quote(strings.TrimSpace(line)))
					break
				}
			}
		}
	}
}

// labelWords is a text's words and macros, folded, joined by spaces.
func labelWords(toks []lang.Token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == lang.Word || t.Kind == lang.Macro {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Fold)
		}
	}
	return b.String()
}
