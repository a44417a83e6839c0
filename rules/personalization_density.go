package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// personalizationDensity finds messages stuffed with macros, and ads with
// none at all. Its field is the rule's option.
type personalizationDensity struct {
	Max int `yaml:"max" bound:"positive"`
}

// densityMacro is one macro use located in a variant's text.
type densityMacro struct {
	use  render.MacroUse
	text render.Text
}

func (r *personalizationDensity) check(p *lint.Pass) {
	t := p.Template
	message := t.Format == render.FormatMessage
	var tally macroTally
	if len(p.Variants) > 1 {
		tally = macroTally{shared: true, ranges: p.ParagraphRanges}
	}
	for i, m := range t.Messages {
		var fs []variantFinding
		for _, v := range p.Variants {
			if i >= len(v.Messages) {
				continue
			}
			var uses []densityMacro
			if message {
				uses = tally.appendUses(uses, v.Subject)
			}
			uses = tally.appendUses(uses, v.Messages[i].Body)
			uses = distinctMacros(uses)
			if len(uses) <= r.Max {
				continue
			}
			over := uses[r.Max]
			what := "message " + idRef(m.Slug) + " uses"
			if message {
				what = "the subject and body use"
			}
			n, max, name := len(uses), r.Max, over.use.Macro.String()
			fs = append(fs, variantFinding{
				variant: v.Name,
				span:    over.text.Span(over.use.Start, over.use.End),
				message: fmt.Sprintf("%s %d different macros, and more than %d reads like a mail merge: keep the one or two that matter (%s here is number %d)", what, n, max, name, max+1),
			})
		}
		reportVariantFindings(p, fs)
	}

	at := t.Subject.Span()
	if !t.Subject.Present {
		at = t.FrontMatter
	}
	var none []variantFinding
	for _, v := range p.Variants {
		if densityUsesMacros(&tally, v) {
			continue
		}
		none = append(none, variantFinding{
			variant:  v.Name,
			span:     at,
			severity: lint.SeverityInfo,
			message:  "the ad uses no personalization macro: address the member with %FIRSTNAME% in the greeting, or name %COMPANYNAME% where it fits",
		})
	}
	reportVariantFindings(p, none)
}

// distinctMacros keeps the first use of each macro: %FIRSTNAME% in the
// subject and again in the greeting is one personalization field.
func distinctMacros(uses []densityMacro) []densityMacro {
	var seen [16]bool
	out := uses[:0]
	for _, u := range uses {
		if k := int(u.use.Macro); k < len(seen) {
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		out = append(out, u)
	}
	return out
}

// macroTally finds the macros of a file's texts. With several variants
// it scans each distinct paragraph once: a macro is a name between two
// percent signs, which no paragraph break splits, so a text's macros are
// its paragraphs'.
type macroTally struct {
	shared bool
	// ranges finds a text's paragraphs (lint.Pass.ParagraphRanges) in
	// pars, a buffer
	ranges func(dst [][2]int, s string) [][2]int
	pars   [][2]int
	byPar  map[string][]render.MacroUse
}

// appendUses appends the macro uses in t to out.
func (c *macroTally) appendUses(out []densityMacro, t render.Text) []densityMacro {
	if !c.shared {
		for _, u := range render.ScanMacros(t.S) {
			out = append(out, densityMacro{use: u, text: t})
		}
		return out
	}
	c.pars = c.ranges(c.pars[:0], t.S)
	for _, r := range c.pars {
		for _, u := range c.paragraph(t.S[r[0]:r[1]]) {
			u.Start, u.End = u.Start+r[0], u.End+r[0]
			out = append(out, densityMacro{use: u, text: t})
		}
	}
	return out
}

// uses reports whether s has a macro.
func (c *macroTally) uses(s string) bool {
	if !c.shared {
		return len(render.ScanMacros(s)) > 0
	}
	c.pars = c.ranges(c.pars[:0], s)
	for _, r := range c.pars {
		if len(c.paragraph(s[r[0]:r[1]])) > 0 {
			return true
		}
	}
	return false
}

// paragraph returns the macro uses of one paragraph, scanned once.
func (c *macroTally) paragraph(par string) []render.MacroUse {
	if strings.IndexByte(par, '%') < 0 {
		return nil
	}
	uses, ok := c.byPar[par]
	if !ok {
		uses = render.ScanMacros(par)
		if c.byPar == nil {
			c.byPar = map[string][]render.MacroUse{}
		}
		c.byPar[par] = uses
	}
	return uses
}

// densityUsesMacros reports whether a variant's copy has a macro anywhere
// the member reads it (subject, bodies or button labels), or a broken one
// that unknown-macro reports: the writer meant to personalize, and that
// mistake is one finding, not two.
func densityUsesMacros(c *macroTally, v *render.Variant) bool {
	found := false
	v.Fields(readCopy, func(f render.VariantField) {
		found = found || c.uses(f.Text.S) || len(findUnknownMacros(f.Text.S)) > 0
	})
	return found
}
