package rules_test

import (
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/linttest"
	"github.com/inboxlint/inboxlint/rules"
)

func TestValidate(t *testing.T) {
	if err := lint.Validate(rules.All()); err != nil {
		t.Fatal(err)
	}
}

// TestFixtures runs every rule over its fixtures in testdata/rules/<id>/
// and insists that each rule has fixtures that fire and fixtures that stay
// quiet.
func TestFixtures(t *testing.T) {
	all := rules.All()
	for _, r := range all {
		id := r.Doc().ID
		t.Run(id, func(t *testing.T) {
			firing, quiet := linttest.Run(t, all, id, fixtureDir(id))
			if firing == 0 {
				t.Errorf("rule %s has no fixture that makes it fire", id)
			}
			if quiet == 0 {
				t.Errorf("rule %s has no fixture on which it stays quiet", id)
			}
		})
	}
}
