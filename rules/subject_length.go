package rules

import (
	"fmt"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// SubjectLength checks the rendered subject against LinkedIn's limit and
// the part of it the inbox shows.
type SubjectLength struct {
	opts subjectLengthOptions
}

type subjectLengthOptions struct {
	Visible int `yaml:"visible"`
	Max     int `yaml:"max"`
}

// NewSubjectLength returns the rule with its default options.
func NewSubjectLength() *SubjectLength {
	return &SubjectLength{opts: subjectLengthOptions{Visible: 40, Max: 60}}
}

// Doc implements lint.Rule.
func (*SubjectLength) Doc() lint.Doc {
	return lint.Doc{
		ID:       "subject-length",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "the subject fits LinkedIn's limit and the visible inbox line",
		Text: "LinkedIn's Message Ad specs limit the subject line to 60 characters; Campaign Manager rejects longer " +
			"ones. Inbox previews show only about the first 40 (third-party guidance from LinkedIn ad agencies), so " +
			"anything past that is a warning: put the hook first. The subject is checked as written and rendered for " +
			"every variant and sample member; the message names the worst case.",
		Options: []lint.Option{
			{Name: "visible", Default: "40", Doc: "characters the inbox preview shows; longer is a warning"},
			{Name: "max", Default: "60", Doc: "LinkedIn's hard limit; longer is an error"},
		},
	}
}

// Configure implements lint.Configurable.
func (r *SubjectLength) Configure(decode func(any) error) (lint.Rule, error) {
	c := *r
	if err := decode(&c.opts); err != nil {
		return nil, err
	}
	if c.opts.Visible <= 0 || c.opts.Max <= 0 {
		return nil, fmt.Errorf("visible and max must be positive")
	}
	return &c, nil
}

// Check implements lint.Rule.
func (r *SubjectLength) Check(p *lint.Pass) error {
	worst, ok := p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Subject, v.Subject.S != "" })
	if !ok {
		return nil
	}
	span := p.Template.Subject.Span()
	switch {
	case worst.Len > r.opts.Max:
		d := worst.Diagnostic(span, "subject is %d characters %s; LinkedIn's limit is %d", worst.Len, worst.Who(), r.opts.Max)
		p.Report(d)
	case worst.Len > r.opts.Visible:
		d := worst.Diagnostic(span, "subject is %d characters %s; the inbox shows about %d, so lead with the hook", worst.Len, worst.Who(), r.opts.Visible)
		d.Severity = lint.SeverityWarning
		p.Report(d)
	}
	return nil
}
