package lint_test

import (
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint/linttest"
	"github.com/inboxlint/inboxlint/rules"
)

// The engine's own findings have fixtures like a rule's, in
// testdata/rules/syntax/, that fire and that stay quiet.
func TestSyntaxFixtures(t *testing.T) {
	firing, quiet := linttest.Run(t, rules.All(), "syntax", filepath.Join("..", "testdata", "rules", "syntax"))
	if firing == 0 || quiet == 0 {
		t.Errorf("syntax has %d fixtures that fire and %d that stay quiet; it needs both", firing, quiet)
	}
}
