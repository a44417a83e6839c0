package lint_test

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// TestExamples pins down what the example campaigns show: the clean ads,
// written the way good B2B copy is written, get no finding at all from any
// rule, and each flawed one shows its spread of rules.
func TestExamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "examples")
	res, err := lint.Run(lint.Options{Rules: rules.All(), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	got := map[string][]string{}
	for _, d := range res.Diagnostics {
		name := filepath.Base(d.File)
		if ids := got[name]; len(ids) == 0 || ids[len(ids)-1] != d.Rule {
			got[name] = append(got[name], d.Rule)
		}
	}
	for name, ids := range got {
		sort.Strings(ids)
		got[name] = dedupe(ids)
	}
	want := map[string][]string{
		"demo-request.md":         {"cta-length", "placeholder", "self-intro-opener", "sender", "subject-length", "unknown-macro"},
		"software-demo-flawed.md": {"flow-cycle", "flow-dead-end", "flow-opt-out", "flow-size", "flow-target", "flow-unreachable"},
		"webinar-flawed.md": {"body-length", "closing-question", "cta-specificity", "fallback-render", "hype", "link-limits",
			"macro-article", "markdown-formatting", "personalization-density", "subject-personalization"},
	}
	for _, clean := range []string{"event-invitation.md", "report-offer.md", "roundtable-invite.md", "software-demo.md"} {
		if ids := got[clean]; len(ids) > 0 {
			t.Errorf("clean example %s has findings from %v", clean, ids)
		}
		delete(got, clean)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rules firing on the flawed examples:\ngot  %v\nwant %v", got, want)
	}
	if res.Files != 7 {
		t.Errorf("linted %d examples, want 7", res.Files)
	}
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// exampleFiles reads testdata/examples: each template by its base name.
func exampleFiles(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("../testdata/examples/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("examples: %v (%d files)", err, len(paths))
	}
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	return out
}
