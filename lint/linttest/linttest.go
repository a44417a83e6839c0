// Package linttest runs rule fixtures. A fixture is a template whose lines
// carry the findings they must produce as template comments, which never
// reach the rendered copy:
//
//	subject: 'Hi %firstname% {{/* want "not a LinkedIn macro" */}}'
//
// Each quoted string (Go syntax, "..." or `...`) is a regular expression
// that one finding's message on that line must match. A want may also sit
// in a YAML comment (# {{/* want "..." */}}), and want:N expects the finding
// on line N instead, for findings on a line that cannot hold a comment (the
// front matter's opening ---). The runner fails on a want no
// finding matched and on a finding no want expected, so fixtures prove both
// that a rule fires and that it stays quiet.
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

var wantRE = regexp.MustCompile(`\{\{-?\s*/\*\s*want(?::(\d+))?\s+(.*?)\s*\*/\s*-?\}\}`)

// expectation is one want: a message pattern on a line.
type expectation struct {
	file string
	line int
	re   *regexp.Regexp
}

// readWants reads the expectations of a fixture.
func readWants(file string, data []byte) ([]expectation, error) {
	src := render.NewSource(file, data)
	var out []expectation
	for _, m := range wantRE.FindAllStringSubmatchIndex(src.Text, -1) {
		line := src.Pos(m[0]).Line
		if m[2] >= 0 {
			line, _ = strconv.Atoi(src.Text[m[2]:m[3]])
		}
		rest := strings.TrimSpace(src.Text[m[4]:m[5]])
		for rest != "" {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: want needs quoted regular expressions: %s", file, line, rest)
			}
			s, _ := strconv.Unquote(q)
			re, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad want pattern: %w", file, line, err)
			}
			out = append(out, expectation{file: file, line: line, re: re})
			rest = strings.TrimSpace(rest[len(q):])
		}
	}
	return out, nil
}

// Run lints every .md fixture in dir with only the rule with id enabled
// (out of all) and checks its findings against the fixtures' wants; id may
// also be the engine's own findings' (syntax), which every run reports. It
// returns how many fixtures had wants and how many had none, so callers
// can insist on both.
func Run(t *testing.T, all []lint.Rule, id, dir string) (firing, quiet int) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("rule %s has no fixtures in %s", id, dir)
	}
	var disable []string
	for _, r := range all {
		if d := r.Doc(); d.ID != id {
			disable = append(disable, d.ID)
		}
	}
	var enable []string
	if !isEngine(id) {
		enable = []string{id}
	}
	// each fixture directory is its own repository: fixtures name members
	// files beside them, and the tests pass in a copy without .git
	res, err := lint.Run(lint.Options{Rules: all, Enable: enable, Disable: disable, Jobs: 1, Root: dir}, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("%v", e)
	}
	byFile := map[string][]lint.Diagnostic{}
	for _, d := range res.Diagnostics {
		// the engine's own findings (syntax) come with every run: a fixture
		// for another rule may hold a template the engine cannot read
		if d.Rule == id {
			byFile[d.File] = append(byFile[d.File], d)
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		wants, err := readWants(f, data)
		if err != nil {
			t.Error(err)
			continue
		}
		if len(wants) > 0 {
			firing++
		} else {
			quiet++
		}
		check(t, byFile[filepath.Clean(f)], wants)
	}
	return firing, quiet
}

// check matches diagnostics against expectations, reporting every unmatched
// expectation and every unexpected diagnostic. An expectation's pattern is
// matched against the message as the text formats print it, with the
// render it was seen in after it (` [variant "v", member "m"]`), so a
// fixture can say which member or variant is the worst.
func check(t *testing.T, diags []lint.Diagnostic, wants []expectation) {
	t.Helper()
	used := make([]bool, len(wants))
	var unexpected []string
	for _, d := range diags {
		ok := false
		msg := d.Message + d.Provenance()
		for i, w := range wants {
			if !used[i] && w.line == d.Span.Start.Line && w.re.MatchString(msg) {
				used[i], ok = true, true
				break
			}
		}
		if !ok {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d: unexpected %s finding: %s", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Rule, msg))
		}
	}
	sort.Strings(unexpected)
	for _, u := range unexpected {
		t.Error(u)
	}
	for i, w := range wants {
		if !used[i] {
			t.Errorf("%s:%d: no finding matched %q", w.file, w.line, w.re)
		}
	}
}

// isEngine reports whether id is one of the engine's own findings, which
// need no rule enabled.
func isEngine(id string) bool {
	for _, d := range lint.Docs(nil, nil) {
		if d.ID == id {
			return d.Engine
		}
	}
	return false
}
