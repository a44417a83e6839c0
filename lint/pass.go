package lint

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render"
)

// Pass is what a rule sees of one template: the parse, every variant's
// render, the sample members, and how to count characters. A rule reports
// through it and nowhere else.
type Pass struct {
	// File is the template's path as the user named it.
	File     string
	Template *render.Template
	// Variants are the authoring-stage renders, one per variant.
	Variants []*render.Variant
	// Members are the sample records macros are filled from.
	Members []render.Member
	// CountMode is how lengths are measured (config count:).
	CountMode render.CountMode
	// Problems are the syntax findings the engine met before rules ran:
	// parse errors, template errors, bad directives.
	Problems []Problem

	rule   string
	report func(Diagnostic)
}

// Problem is a syntax finding with the variant it came from, if any.
type Problem struct {
	render.Problem
	Variant string
}

// Reportf reports a finding at span.
func (p *Pass) Reportf(span render.Span, format string, args ...any) {
	p.Report(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}

// Report reports a finding; the rule fills Span, Message and, when the
// finding depends on one render, Variant and Member. The engine fills the
// rest.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.rule
	d.File = p.File
	p.report(d)
}

// Count measures s in the configured count mode.
func (p *Pass) Count(s string) int { return render.Count(s, p.CountMode) }

// Render is one candidate a length limit is checked against: a variant's
// copy as written (Member nil: macros counted as typed, which is what
// Campaign Manager's editor counts) or personalized for one member.
type Render struct {
	Variant *render.Variant
	Member  *render.Member
	Len     int
}

// Who describes the render for messages: `when rendered for "Alexandra
// Konstantinopoulou" in variant "vp-sales"`.
func (r Render) Who() string {
	s := "as written"
	if r.Member != nil {
		s = fmt.Sprintf("when rendered for %q", r.Member.Label())
	}
	if r.Variant != nil && r.Variant.Name != "" {
		s += fmt.Sprintf(" in variant %q", r.Variant.Name)
	}
	return s
}

// Diagnostic fills a diagnostic's variant and member from the render.
func (r Render) Diagnostic(span render.Span, format string, args ...any) Diagnostic {
	d := Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)}
	if r.Variant != nil {
		d.Variant = r.Variant.Name
	}
	if r.Member != nil {
		d.Member = r.Member.Label()
	}
	return d
}

// Longest measures a field across every variant, as written and for every
// member, and returns the longest render. field picks the text from a
// variant; ok false skips that variant. The lengths come from counting the
// literal text once and adding each member's macro values, without building
// the personalized strings.
func (p *Pass) Longest(field func(v *render.Variant) (render.Text, bool)) (Render, bool) {
	var best Render
	found := false
	for _, v := range p.Variants {
		t, ok := field(v)
		if !ok {
			continue
		}
		raw := p.Count(t.S)
		if !found || raw > best.Len {
			best = Render{Variant: v, Len: raw}
			found = true
		}
		uses := render.ScanMacros(t.S)
		if len(uses) == 0 {
			continue
		}
		for i := range p.Members {
			m := &p.Members[i]
			if n := render.PersonalizedLen(t.S, uses, m, p.CountMode); n > best.Len {
				best = Render{Variant: v, Member: m, Len: n}
			}
		}
	}
	return best, found
}

// NewPass prepares a pass outside the engine, for benchmarks and tools
// that check one parsed template with one rule (CheckRule).
func NewPass(file string, t *render.Template, variants []*render.Variant, members []render.Member, mode render.CountMode) *Pass {
	return &Pass{File: file, Template: t, Variants: variants, Members: members, CountMode: mode}
}

// CheckRule runs one rule on the pass and returns its findings with the
// rule's default severity; no directive or deduplication applies.
func (p *Pass) CheckRule(r Rule) ([]Diagnostic, error) {
	d := r.Doc()
	var out []Diagnostic
	p.rule = d.ID
	p.report = func(diag Diagnostic) {
		if diag.Severity == 0 {
			diag.Severity = d.Severity
		}
		out = append(out, diag)
	}
	err := r.Check(p)
	return out, err
}
