package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint"
)

// unusedDirective reports ignore directives that silence nothing, as
// golangci-lint's nolintlint does for //nolint comments. The engine runs
// it after the file's other rules (it checks directives: lint's directiveChecker).
type unusedDirective struct{ doc lint.Doc }

// newUnusedDirective returns the unused-directive rule.
func newUnusedDirective() lint.Rule {
	return &unusedDirective{doc: lint.Doc{
		ID:       "unused-directive",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "every ignore directive silences a finding",
		Text: "An inboxlint:ignore directive is a promise that a finding is deliberate. Once the copy is fixed, or " +
			"the directive sits on the wrong line, it silences nothing, and later it hides a real mistake that " +
			"lands on that line or in that file. The rule reports each directive that names a rule which ran on " +
			"the file and had no finding there to silence: remove the directive, or the rule from its list. A " +
			"rule that is off for the file does not count, so a directive kept for a stricter config is fine.",
	}}
}

func (r *unusedDirective) Doc() lint.Doc { return r.doc }

// ChecksDirectives marks the rule for the engine: it runs last.
func (r *unusedDirective) ChecksDirectives() {}

func (r *unusedDirective) Check(p *lint.Pass) error {
	for _, d := range p.Directives() {
		if len(d.Unused) == 0 {
			continue
		}
		what := "on this line"
		if d.File {
			what = "in this file"
		}
		names := strings.Join(d.Unused, ", ")
		p.Reportf(d.Span, "the directive silences nothing of %s %s: remove it, or %s from its list", excerpt(names), what, excerpt(names))
	}
	return nil
}
