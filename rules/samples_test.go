package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/rules"
)

// TestLanguageSamples lints the native sample copy of every language pack
// (testdata/lang/<tag>/) with every rule: a clean sample gets no warning
// or error, and a flawed one gets exactly one finding for each mistake its
// header plants ("#   N. rule-id: ...") and no other warning or error.
// The flawed samples are detected as their language, so this also holds
// the packs, detection and the rules to each other.
func TestLanguageSamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "lang")
	res, err := lint.Run(lint.Options{Rules: rules.All(), Root: dir, Jobs: 1}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Error(e)
	}
	byFile := map[string][]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		byFile[filepath.ToSlash(d.File)] = append(byFile[filepath.ToSlash(d.File)], d)
	}
	n := 0
	for _, tag := range lang.Supported() {
		files, _ := filepath.Glob(filepath.Join(dir, tag, "*.md"))
		for _, f := range files {
			n++
			want := plantedRules(t, f)
			var got []string
			for _, d := range byFile[filepath.ToSlash(f)] {
				if d.Severity >= lint.SeverityWarning || slices.Contains(want, d.Rule) {
					got = append(got, d.Rule)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: findings from %v; the file plants %v", f, got, want)
				for _, d := range byFile[filepath.ToSlash(f)] {
					t.Logf("  %d:%d %s %s", d.Span.Start.Line, d.Span.Start.Col, d.Rule, d.Message)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d samples linted", n)
	}
}

// plantedRules reads the rule ids of a sample's "#   N. rule-id: ..."
// header lines, sorted.
func plantedRules(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^#\s+\d+\.\s+([a-z-]+):`).FindAllStringSubmatch(string(data), -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	slices.Sort(out)
	return out
}
