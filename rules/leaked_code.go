package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// checkLeakedCode is the leaked-code rule: it finds template and pipeline
// tokens that reached the copy.
func checkLeakedCode(p *lint.Pass) {
	// a leftover "{{ name }}" may span a blank line (findUnknownMacros):
	// in a text with braces the whole text decides
	p.FieldParagraphs(readCopy, hasAction, func(v *render.Variant, t render.Text) {
		reportText(p, v, t, findLeakedCode(t.S, p.Tokens(t.S)))
	})
}

func findLeakedCode(s string, toks []lang.Token) []textFinding {
	var cands []textFinding
	add := func(i, j int, what string) {
		cands = append(cands, textFinding{i, j, fmt.Sprintf("%s is %s that reached the copy: fill it in or remove it", quote(s[i:j]), what)})
	}
	for _, lit := range []struct{ text, what string }{
		{"[object Object]", "a program's printout of an object"},
		{"${", "a template variable"},
		{"{{", "template syntax"},
		{"}}", "template syntax"},
		{"%%", "an escaped percent sign"},
	} {
		for i := 0; ; {
			k := strings.Index(s[i:], lit.text)
			if k < 0 {
				break
			}
			a, b := i+k, i+k+len(lit.text)
			if lit.text == "${" {
				if e := strings.IndexByte(s[b:], '}'); e >= 0 && e <= 60 && !strings.ContainsAny(s[b:b+e], " \n") {
					b += e + 1
				}
			}
			for lit.text == "%%" && b < len(s) && s[b] == '%' {
				b++
			}
			add(a, b, lit.what)
			i = b
		}
	}
	for k, t := range toks {
		if t.Kind != lang.Word {
			continue
		}
		switch {
		case isUpperSnake(s, t):
			i, j := snakeRange(s, t)
			add(i, j, "an identifier")
		case t.Text == "NaN":
			add(t.Start, t.End, "a program's value for nothing")
		case t.Text == "undefined" || t.Text == "null":
			if standsAlone(toks, k) {
				add(t.Start, t.End, "a program's value for nothing")
			}
		}
	}
	if len(cands) == 0 {
		return nil // the usual case: no other rule's scan is needed
	}
	// what other rules report is theirs: merge tags, placeholders, macros
	// and URLs
	var taken [][2]int
	for _, f := range findUnknownMacros(s) {
		taken = append(taken, [2]int{f.start, f.end})
	}
	for _, f := range findPlaceholders(s) {
		taken = append(taken, [2]int{f.start, f.end})
	}
	for _, t := range toks {
		if t.Kind == lang.URL || t.Kind == lang.Macro {
			taken = append(taken, [2]int{t.Start, t.End})
		}
	}
	sortFindings(cands)
	var out []textFinding
	for _, c := range cands {
		free := len(out) == 0 || out[len(out)-1].end <= c.start
		for _, r := range taken {
			if c.start < r[1] && r[0] < c.end {
				free = false
				break
			}
		}
		if free {
			out = append(out, c)
		}
	}
	return out
}

// isUpperSnake reports whether the word at t is part of an UPPER_SNAKE
// identifier: capitals and digits with an underscore joining two parts.
func isUpperSnake(s string, t lang.Token) bool {
	if !isSnakeByte(s[t.Start]) {
		return false // most words: the identifier would start with this byte
	}
	i, j := snakeRange(s, t)
	id := s[i:j]
	if i != t.Start || !strings.Contains(strings.Trim(id, "_"), "_") {
		return false
	}
	letters := 0
	for k := 0; k < len(id); k++ {
		c := id[k]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '_' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// snakeRange extends a word over the underscores and capitals joined to it.
func snakeRange(s string, t lang.Token) (int, int) {
	i, j := t.Start, t.End
	for j < len(s) && isSnakeByte(s[j]) {
		j++
	}
	for i > 0 && isSnakeByte(s[i-1]) {
		i--
	}
	return i, j
}

// isSnakeByte reports whether c can be part of an UPPER_SNAKE identifier:
// a capital, a digit or an underscore.
func isSnakeByte(c byte) bool { return c == '_' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// standsAlone reports whether toks[k] stands where a value would: not
// before a word it qualifies ("null results", "an undefined process").
func standsAlone(toks []lang.Token, k int) bool {
	return k+1 >= len(toks) || toks[k+1].Kind != lang.Word || !hasLetter(toks[k+1].Text)
}
