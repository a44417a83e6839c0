package rules

import (
	"fmt"

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
	// one buffer of macros serves every variant's texts
	var scan []render.MacroUse
	var uses []densityMacro
	for i, m := range t.Messages {
		var fs []variantFinding
		for _, v := range p.Variants {
			if i >= len(v.Messages) {
				continue
			}
			uses = uses[:0]
			if message {
				uses, scan = appendDensityMacros(uses, scan, v.Subject)
			}
			uses, scan = appendDensityMacros(uses, scan, v.Messages[i].Body)
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
	reportInVariants(p, func(v *render.Variant) bool { return !densityUsesMacros(v) }, lint.Diagnostic{
		Span:     at,
		Severity: lint.SeverityInfo,
		Message:  "the ad uses no personalization macro: address the member with %FIRSTNAME% in the greeting, or name %COMPANYNAME% where it fits",
	})
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

// appendDensityMacros appends the macros of t to out, scanned into scan,
// a buffer it returns for the next text.
func appendDensityMacros(out []densityMacro, scan []render.MacroUse, t render.Text) ([]densityMacro, []render.MacroUse) {
	scan = render.AppendMacros(scan[:0], t.S)
	for _, u := range scan {
		out = append(out, densityMacro{use: u, text: t})
	}
	return out, scan
}

// densityUsesMacros reports whether a variant's copy has a macro anywhere
// the member reads it (subject, bodies or button labels), or a broken one
// that unknown-macro reports: the writer meant to personalize, and that
// mistake is one finding, not two.
func densityUsesMacros(v *render.Variant) bool {
	found := false
	v.Fields(readCopy, func(f render.VariantField) {
		found = found || render.HasMacros(f.Text.S) || len(findUnknownMacros(f.Text.S)) > 0
	})
	return found
}
