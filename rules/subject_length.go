package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// subjectLength checks the rendered subject against LinkedIn's limit and
// the part of it the inbox shows. Its fields are the rule's options.
type subjectLength struct {
	Visible int `yaml:"visible" bound:"positive"`
	Max     int `yaml:"max" bound:"positive"`
}

func (r *subjectLength) check(p *lint.Pass) {
	worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Subject, v.Subject.S != "" })
	if !ok {
		return
	}
	span := p.Template.Subject.Span()
	switch {
	case worst.Len > r.Max:
		d := worst.Diagnostic(span, "subject is %d characters; LinkedIn's limit is %d", worst.Len, r.Max)
		p.Report(d)
	case worst.Len > r.Visible:
		d := worst.Diagnostic(span, "subject is %d characters; the inbox shows about %d, so lead with the hook", worst.Len, r.Visible)
		d.Severity = lint.SeverityWarning
		p.Report(d)
	}
}
