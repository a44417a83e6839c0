package rules_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// fixedSuffix names a fixture's golden result under --fix: X.md.fixed is
// X.md after lint --fix with only X's rule on (go test ./rules -update
// rewrites it).
const fixedSuffix = ".fixed"

// TestFixGoldens runs --fix on every fixture that has a golden result,
// with only its rule on, and compares the file written with the golden;
// a second --fix must then change nothing. The rules whose fixes --fix
// applies must each have one.
func TestFixGoldens(t *testing.T) {
	all := rules.All()
	haveGolden := map[string]bool{}
	for _, r := range all {
		id := r.Doc().ID
		dir := fixtureDir(id)
		goldens, _ := filepath.Glob(filepath.Join(dir, "*.md"+fixedSuffix))
		for _, golden := range goldens {
			haveGolden[id] = true
			name := strings.TrimSuffix(filepath.Base(golden), fixedSuffix)
			t.Run(id+"/"+name, func(t *testing.T) {
				got := fixOnce(t, all, id, dir, name)
				if *update {
					rewrite(t, golden, got.after)
				}
				want := readFile(t, golden)
				if !bytes.Equal(got.after, want) {
					t.Errorf("--fix wrote:\n%s\nwant (%s):\n%s", got.after, golden, want)
				}
				if got.applied == 0 {
					t.Errorf("--fix applied no fix to %s", name)
				}
				if got.again != 0 || !bytes.Equal(got.second, got.after) {
					t.Errorf("a second --fix applied %d fixes:\n%s", got.again, got.second)
				}
			})
		}
	}
	for _, id := range []string{"unknown-macro", "link-limits", "trailing-whitespace"} {
		if !haveGolden[id] {
			t.Errorf("rule %s has certain fixes but no fixture with a golden %s result", id, fixedSuffix)
		}
	}
}

type fixOutcome struct {
	after, second  []byte
	applied, again int
}

// fixOnce copies the fixture directory into a repository of its own, runs
// --fix on name twice with only rule id on, and returns the file after
// each run.
func fixOnce(t *testing.T, all []lint.Rule, id, dir, name string) fixOutcome {
	t.Helper()
	repo := tempRepo(t, dirFiles(t, dir, fixedSuffix))
	var disable []string
	for _, r := range all {
		if r.Doc().ID != id {
			disable = append(disable, r.Doc().ID)
		}
	}
	eng, err := lint.NewEngine(lint.Options{Rules: all, Enable: []string{id}, Disable: disable, Root: repo})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	path := filepath.Join(repo, name)
	run := func() ([]byte, int) {
		res := eng.Fix([]string{path}, lint.FixOptions{})
		for _, e := range res.Errors {
			t.Errorf("--fix: %v", e)
		}
		n := 0
		for _, f := range res.Files {
			if f.Err != nil {
				t.Errorf("--fix: %v", f.Err)
			}
			n += f.Applied
		}
		return readFile(t, path), n
	}
	var out fixOutcome
	out.after, out.applied = run()
	out.second, out.again = run()
	return out
}
