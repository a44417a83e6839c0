package rules

import (
	"github.com/inboxlint/inboxlint/lint"
)

// Syntax reports what stopped inboxlint from reading a template as the
// copywriter meant it: broken front matter, Markdown structure it cannot
// map to messages and buttons, template parse and execution errors, sandbox
// violations, bad ignore directives and unreadable member files.
type Syntax struct{}

// Doc implements lint.Rule.
func (Syntax) Doc() lint.Doc {
	return lint.Doc{
		ID:       "syntax",
		Severity: lint.SeverityError,
		Default:  true,
		Title:    "the template can be parsed and rendered",
		Text: "Front matter must be YAML with the known keys, the body Markdown whose messages end in a list of links, " +
			"and every {{ }} action must parse and run inside inboxlint's sandbox (no environment, clock, randomness, " +
			"files or network; capped output and loops). A template that fails here is not checked by the other rules " +
			"for the parts that failed, so fix these first.",
	}
}

// Check implements lint.Rule.
func (Syntax) Check(p *lint.Pass) error {
	for _, pr := range p.Problems {
		p.Report(lint.Diagnostic{Span: pr.Span, Message: pr.Msg, Variant: pr.Variant})
	}
	return nil
}
