package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// How rules that find several things in one text, or the same thing in
// several variants, report them.

// textFinding is one finding in a text, at s[start:end] of the text it was
// found in, with its message: what a rule's pure find function returns,
// so that the function can be table-tested without a pass.
type textFinding struct {
	start, end int
	msg        string
}

// reportText reports the findings a rule found in t, a field of the
// variant v.
func reportText(p *lint.Pass, v *render.Variant, t render.Text, fs []textFinding) {
	for _, f := range fs {
		p.ReportIn(lint.Render{Variant: v}, t.Span(f.start, f.end), "%s", f.msg)
	}
}

// variantFinding is one variant's finding about a field, before it is
// reported: message takes the words that name the variant (" in variant
// \"vp-sales\"", or "" when the finding is the same in every variant).
type variantFinding struct {
	variant string
	span    render.Span
	message func(who string) string
	// severity, when set, overrides the rule's default.
	severity lint.Severity
}

// reportVariantFindings reports one field's findings from several variants.
// When every variant of the file has the same finding, it is reported once
// without naming a variant; otherwise each is reported with its variant
// named in the message, so the text output says which variant to fix.
func reportVariantFindings(p *lint.Pass, fs []variantFinding) {
	if len(fs) == 0 {
		return
	}
	same := len(fs) == len(p.Variants)
	for _, f := range fs[1:] {
		if f.span != fs[0].span || f.message("") != fs[0].message("") {
			same = false
			break
		}
	}
	if same {
		f := fs[0]
		p.Report(lint.Diagnostic{Span: f.span, Severity: f.severity, Message: f.message("")})
		return
	}
	for _, f := range fs {
		who := ""
		if f.variant != "" {
			who = " in variant " + escape.Excerpt(f.variant) // as lint.Render.Who names it
		}
		p.Report(lint.Diagnostic{Span: f.span, Severity: f.severity, Variant: f.variant, Message: f.message(who)})
	}
}
