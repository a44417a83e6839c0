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
	return &unusedDirective{doc: ruleDoc("unused-directive")}
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
