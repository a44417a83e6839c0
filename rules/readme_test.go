package rules_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

const (
	beginMark = "<!-- rules:start -->"
	endMark   = "<!-- rules:end -->"
)

// rulesSection renders the README's rules table and one section per rule
// from the docs, the single source of both.
func rulesSection(docs []lint.Doc) string {
	var b strings.Builder
	b.WriteString("| rule | default | checks |\n|---|---|---|\n")
	for _, d := range docs {
		sev := d.Severity.String()
		if !d.Default {
			sev += " (off)"
		}
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", d.ID, d.ID, sev, d.Title)
	}
	for _, d := range docs {
		fmt.Fprintf(&b, "\n### %s\n\n%s\n", d.ID, d.Text)
		if len(d.Options) > 0 {
			b.WriteString("\n| option | default | meaning |\n|---|---|---|\n")
			for _, o := range d.Options {
				fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", o.Name, o.Default, o.Doc)
			}
		}
	}
	return b.String()
}

// TestREADMERules fails when the README's rules section differs from the
// rule docs; go test ./rules -update rewrites it.
func TestREADMERules(t *testing.T) {
	path := filepath.Join("..", "README.md")
	s := string(readFile(t, path))
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s ... %s section", beginMark, endMark)
	}
	want := s[:i+len(beginMark)] + "\n" + rulesSection(lint.Docs(rules.All(), nil)) + s[j:]
	if want == s {
		return
	}
	if !*update {
		t.Fatal("README.md's rules section is stale: run go test ./rules -update")
	}
	rewrite(t, path, []byte(want))
}
