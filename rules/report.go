package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
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

// fixableFinding is a textFinding with fixes that replace its text,
// certain ones first.
type fixableFinding struct {
	textFinding
	fixes []textFix
}

// textFix is a fix of a textFinding: its text replaced by repl.
type textFix struct {
	kind  lint.FixKind
	title string
	repl  string
}

// certainFix and suggestFix are a textFinding's fixes: the finding's text
// replaced by repl, titled "write REPL".
func certainFix(repl string) []textFix {
	return []textFix{{lint.FixCertain, "write " + excerpt(repl), repl}}
}

func suggestFix(repls ...string) []textFix {
	var out []textFix
	for _, r := range repls {
		out = append(out, textFix{lint.FixSuggestion, "write " + excerpt(r), r})
	}
	return out
}

// reportText reports the findings a rule found in t, a field of the
// variant v.
func reportText(p *lint.Pass, v *render.Variant, t render.Text, fs []textFinding) {
	for _, f := range fs {
		p.ReportIn(lint.Render{Variant: v}, t.Span(f.start, f.end), "%s", f.msg)
	}
}

// reportFixable is reportText for findings with fixes. A fix is attached
// only when the finding's text is a verbatim copy of the source
// (lint.TextFix): text a template action produced is not in the file,
// and gets none.
func reportFixable(p *lint.Pass, v *render.Variant, t render.Text, fs []fixableFinding) {
	for _, f := range fs {
		d := lint.Render{Variant: v}.Diagnostic(t.Span(f.start, f.end), "%s", f.msg)
		d.Fixes = textFixes(t, f.start, f.end, f.fixes)
		p.Report(d)
	}
}

// textFixes turns fixes of t.S[i:j] into lint fixes, dropping them all
// when the text is not in the source as it is.
func textFixes(t render.Text, i, j int, fs []textFix) []lint.Fix {
	var out []lint.Fix
	for _, f := range fs {
		fx, ok := lint.TextFix(f.kind, f.title, t, i, j, f.repl)
		if !ok {
			return nil
		}
		out = append(out, fx)
	}
	return out
}

// variantFinding is one variant's finding about a field, before it is
// reported. The message never names the variant: the engine prints the
// variant after it (lint.Diagnostic.Provenance).
type variantFinding struct {
	variant string
	span    render.Span
	message string
	// severity, when set, overrides the rule's default.
	severity lint.Severity
}

// reportVariantFindings reports one field's findings from several variants.
// When every variant of the file has the same finding, it is reported once
// without a variant; otherwise each is reported with its variant, so the
// output says which variant to fix.
func reportVariantFindings(p *lint.Pass, fs []variantFinding) {
	if len(fs) == 0 {
		return
	}
	same := len(fs) == len(p.Variants)
	for _, f := range fs[1:] {
		if f.span != fs[0].span || f.message != fs[0].message {
			same = false
			break
		}
	}
	if same {
		f := fs[0]
		p.Report(lint.Diagnostic{Span: f.span, Severity: f.severity, Message: f.message})
		return
	}
	for _, f := range fs {
		p.Report(lint.Diagnostic{Span: f.span, Severity: f.severity, Variant: f.variant, Message: f.message})
	}
}

// reportInVariants reports d, a finding whose span and message are the
// same in every variant, for each variant has holds for: once, for all of
// them, when it holds for every variant (as reportVariantFindings does),
// else once per variant it holds for, in order.
func reportInVariants(p *lint.Pass, has func(v *render.Variant) bool, d lint.Diagnostic) {
	var room [64]bool
	flagged := room[:0]
	if len(p.Variants) > len(room) {
		flagged = make([]bool, 0, len(p.Variants))
	}
	n := 0
	for _, v := range p.Variants {
		h := has(v)
		flagged = append(flagged, h)
		if h {
			n++
		}
	}
	switch n {
	case 0:
	case len(p.Variants):
		p.Report(d)
	default:
		for k, v := range p.Variants {
			if flagged[k] {
				d.Variant = v.Name
				p.Report(d)
			}
		}
	}
}
