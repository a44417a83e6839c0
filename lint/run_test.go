package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// pickRules returns the built-in rules with the given ids, so that tests do
// not change when a new rule is added to rules.All().
// pickRules returns the built-in rules with those ids; syntax, the
// engine's own findings, comes with every run and needs no rule.
func pickRules(t *testing.T, ids ...string) []lint.Rule {
	t.Helper()
	var out []lint.Rule
	for _, id := range ids {
		if id == "syntax" {
			continue
		}
		found := false
		for _, r := range rules.All() {
			if r.Doc().ID == id {
				out = append(out, r)
				found = true
			}
		}
		if !found {
			t.Fatalf("no built-in rule %q", id)
		}
	}
	return out
}

func runRules(t *testing.T) []lint.Rule {
	return pickRules(t, "placeholder", "sender", "subject-length", "syntax", "unknown-macro")
}

// writeTree writes files (slash paths relative to a new temp dir) and
// returns the dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, "/") {
			continue
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// diagLines shows diagnostics as "rel/path:line:col-line:col rule severity message".
func diagLines(dir string, ds []lint.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		f := d.File
		if r, err := filepath.Rel(dir, f); err == nil && !strings.HasPrefix(r, "..") {
			f = filepath.ToSlash(r)
		}
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s %s", f, d.Span.Start.Line, d.Span.Start.Col, d.Span.End.Line, d.Span.End.Col, d.Rule, d.Severity, d.Message))
	}
	return out
}

// errLines are the run's errors as the command prints them (each error's
// hints on lines of their own), with dir left out of paths.
func errLines(dir string, errs []error) []string {
	var out []string
	for _, e := range errs {
		text := e.Error()
		for _, h := range lint.Hints(e) {
			text += "\nhint: " + h
		}
		out = append(out, strings.ReplaceAll(text, dir+string(filepath.Separator), ""))
	}
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var campaign = map[string]string{
	".inboxlint.yaml":     "rules:\n  placeholder: {severity: warning}\n",
	"README.md":           "# Campaigns\n\nNot a template.\n",
	"notes.txt":           "---\nformat: message\n---\n",
	"a.md":                "---\nformat: message\nsender: Dana\nsubject: Hi %FIRSTNAME%, TODO write this\n---\nHi %firstname%, join us.\n\n- [Save my spot](leadform:x)\n",
	"b.md":                "---\nformat: message\nsubject: Hello\n---\nHi [Speaker name].\n\n- [Go](https://x.example)\n",
	"c-broken.md":         "---\nformat: message\nsender: Dana\nsubject: Hi\ncolour: red\n---\nBody TODO.\n",
	"sub/.inboxlint.yaml": "rules:\n  placeholder: off\n",
	"sub/c.md":            "---\nformat: message\nsender: Dana\nsubject: Hi TODO\n---\nBody TODO.\n\n- [Go](https://x.example)\n",
	"sub/z.md/":           "", // a directory named like a template
	".hidden/d.md":        "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nTODO\n",
	"node_modules/e.md":   "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nTODO\n",
	"sub/deeper/f.MD":     "---\nformat: message\nsender: Dana\nsubject: A subject that is far too long for the inbox line, really\n---\nBody.\n",
}

var campaignWant = []string{
	`a.md:4:26-4:30 placeholder warning draft marker "TODO": finish the copy before it ships`,
	`a.md:6:4-6:15 unknown-macro error "%firstname%" is not a LinkedIn macro and will be shown as typed: did you mean %FIRSTNAME%?`,
	`b.md:1:1-1:4 sender error the front matter has no sender: add sender: with the name of the LinkedIn member the ad is sent from`,
	`b.md:5:4-5:18 placeholder warning unfilled placeholder "[Speaker name]": replace it with the real text`,
	`c-broken.md:5:1-5:7 syntax error unknown front matter key "colour": use format, sender, subject, footer, vars, variants, members, lang`,
	`c-broken.md:7:6-7:10 placeholder warning draft marker "TODO": finish the copy before it ships`,
	`sub/deeper/f.MD:4:10-4:67 subject-length warning subject is 57 characters; the inbox shows about 40, so lead with the hook`,
}

func TestRunWalk(t *testing.T) {
	dir := writeTree(t, campaign)
	var first *lint.Result
	for _, jobs := range []int{1, 2, 8} {
		res, err := lint.Run(lint.Options{Rules: runRules(t), Jobs: jobs, Root: dir}, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 {
			t.Errorf("jobs=%d: errors %q", jobs, res.Errors)
		}
		if res.Files != 5 {
			t.Errorf("jobs=%d: Files = %d, want 5 (a, b, c-broken, sub/c, sub/deeper/f)", jobs, res.Files)
		}
		// only files with findings keep their source
		withFindings := map[string]bool{}
		for _, d := range res.Diagnostics {
			withFindings[d.File] = true
		}
		if len(res.Sources) != len(withFindings) {
			t.Errorf("jobs=%d: %d sources, want %d (the files with findings)", jobs, len(res.Sources), len(withFindings))
		}
		for f := range withFindings {
			if res.Sources[f] == nil {
				t.Errorf("jobs=%d: no source kept for %s, which has findings", jobs, f)
			}
		}
		sameLines(t, fmt.Sprintf("jobs=%d diagnostics", jobs), diagLines(dir, res.Diagnostics), campaignWant)
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(res.Diagnostics, first.Diagnostics) {
			t.Errorf("jobs=%d: diagnostics differ from jobs=1", jobs)
		}
	}
}

func TestRunSorted(t *testing.T) {
	// Findings in one file on the same line come out by column, then rule.
	dir := writeTree(t, map[string]string{
		"x.md": "---\nformat: message\nsender: Dana\nsubject: TODO %firstname% TBD\n---\nBody.\n",
	})
	res, err := lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Span.Start.Line, d.Span.Start.Col, d.Rule))
	}
	sameLines(t, "order", got, []string{"4:10 placeholder", "4:15 unknown-macro", "4:27 placeholder"})
}

func TestSortDiagnostics(t *testing.T) {
	at := func(file string, line, col int, rule, msg string) lint.Diagnostic {
		d := lint.Diagnostic{File: file, Rule: rule, Message: msg}
		d.Span.Start.Line, d.Span.Start.Col = line, col
		return d
	}
	ds := []lint.Diagnostic{
		at("b.md", 1, 1, "a", "m"),
		at("a.md", 2, 1, "a", "m"),
		at("a.md", 1, 5, "a", "m"),
		at("a.md", 1, 1, "z", "m"),
		at("a.md", 1, 1, "a", "n"),
		at("a.md", 1, 1, "a", "m"),
	}
	lint.SortDiagnostics(ds)
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Rule, d.Message))
	}
	sameLines(t, "sorted", got, []string{"a.md:1:1 a m", "a.md:1:1 a n", "a.md:1:1 z m", "a.md:1:5 a m", "a.md:2:1 a m", "b.md:1:1 a m"})
}

func TestRunExplicitPaths(t *testing.T) {
	dir := writeTree(t, campaign)
	p := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	res, err := lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{p("README.md"), p("a.md"), p("missing.md"), p("a.md"), p(".hidden/d.md")})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "errors", errLines(dir, res.Errors), []string{
		"missing.md: no such file or directory",
		"README.md: not an inboxlint template: its front matter has no format key\nhint: start the file with ---, format: message (or conversation), sender and subject, then ---",
	})
	// a.md once, and a hidden file named explicitly is linted.
	if res.Files != 2 {
		t.Errorf("Files = %d, want 2", res.Files)
	}
	got := diagLines(dir, res.Diagnostics)
	want := append(append([]string{}, campaignWant[:2]...),
		`.hidden/d.md:4:10-4:14 placeholder warning draft marker "TODO": finish the copy before it ships`,
		`.hidden/d.md:6:1-6:5 placeholder warning draft marker "TODO": finish the copy before it ships`)
	sameLines(t, "diagnostics", got, []string{want[2], want[3], want[0], want[1]})
}

func TestRunUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a file with mode 000")
	}
	dir := writeTree(t, map[string]string{
		"locked.md": "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n",
		"ok.md":     "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
	})
	locked := filepath.Join(dir, "locked.md")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chmod(locked, 0o644) }()
	res, err := lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "errors", errLines(dir, res.Errors), []string{"locked.md: cannot read: permission denied"})
	if res.Files != 1 || len(res.Diagnostics) != 1 {
		t.Errorf("Files = %d, diagnostics %q; want ok.md linted", res.Files, diagLines(dir, res.Diagnostics))
	}
}

func TestRunConfigDiscovery(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml":             "rules:\n  placeholder: error\n",
		"ads/.inboxlint.yml":          "rules:\n  placeholder: info\n",
		"ads/archive/.inboxlint.yaml": "exclude: [\"old-*.md\"]\n",
		"top.md":                      "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
		"ads/one.md":                  "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
		"ads/q3/two.md":               "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
		"ads/archive/old-1.md":        "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
		"ads/archive/keep.md":         "---\nformat: message\nsender: Dana\nsubject: TODO\n---\nBody.\n",
	})
	res, err := lint.Run(lint.Options{Rules: runRules(t), Jobs: 4, Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		r, _ := filepath.Rel(dir, d.File)
		got = append(got, fmt.Sprintf("%s %s %s", filepath.ToSlash(r), d.Rule, d.Severity))
	}
	sameLines(t, "findings", got, []string{
		// the nearest config has no rules: block: placeholder's severity
		// is the nearest config's that sets one (ads/.inboxlint.yml)
		"ads/archive/keep.md placeholder info",
		"ads/one.md placeholder info",
		"ads/q3/two.md placeholder info",
		"top.md placeholder error",
	})
	if res.Files != 4 {
		t.Errorf("Files = %d, want 4 (old-1.md is excluded)", res.Files)
	}

	// --config overrides discovery for every file.
	override := filepath.Join(dir, "override.yaml")
	if err := os.WriteFile(override, []byte("rules:\n  placeholder: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = lint.Run(lint.Options{Rules: runRules(t), ConfigFile: override, Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 5 {
		t.Errorf("with --config: Files = %d, want 5", res.Files)
	}
	for _, d := range res.Diagnostics {
		if d.Severity != lint.SeverityWarning {
			t.Errorf("with --config: %s has severity %s, want warning", d.File, d.Severity)
		}
	}

	// A broken config is an error for the files under it only.
	if err := os.WriteFile(filepath.Join(dir, "ads", ".inboxlint.yml"), []byte("rules:\n  placeholder: loud\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// (reported once, not once per file)
	sameLines(t, "errors with a broken config", errLines(dir, res.Errors), []string{
		`ads/.inboxlint.yml:2:16: rule "placeholder": "loud" is not a setting: use off, on, a severity, or a mapping of options`,
	})
	if res.Files != 1 {
		t.Errorf("with a broken config: Files = %d, want 1 (top.md; ads/archive/ merges the broken ads/.inboxlint.yml)", res.Files)
	}
}

func TestRunEnableDisable(t *testing.T) {
	dir := writeTree(t, campaign)
	count := func(res *lint.Result, rule string) int {
		n := 0
		for _, d := range res.Diagnostics {
			if d.Rule == rule {
				n++
			}
		}
		return n
	}
	// --disable turns a rule off everywhere.
	res, err := lint.Run(lint.Options{Rules: runRules(t), Disable: []string{"placeholder", "unknown-macro"}, Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if count(res, "placeholder") != 0 || count(res, "unknown-macro") != 0 || count(res, "sender") != 1 {
		t.Errorf("with --disable: %q", diagLines(dir, res.Diagnostics))
	}
	// --enable turns on a rule a config turned off: sub/c.md has two TODOs,
	// at the severity of the parent config, which sub/ merges.
	res, err = lint.Run(lint.Options{Rules: runRules(t), Enable: []string{"placeholder"}, Root: dir}, []string{filepath.Join(dir, "sub")})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "with --enable", diagLines(dir, res.Diagnostics), []string{
		`sub/c.md:4:13-4:17 placeholder warning draft marker "TODO": finish the copy before it ships`,
		`sub/c.md:6:6-6:10 placeholder warning draft marker "TODO": finish the copy before it ships`,
		`sub/deeper/f.MD:4:10-4:67 subject-length warning subject is 57 characters; the inbox shows about 40, so lead with the hook`,
	})
	// An id that cannot be a rule is an error before anything runs.
	_, err = lint.Run(lint.Options{Rules: runRules(t), Enable: []string{"Place_holder"}, Root: dir}, []string{dir})
	if err == nil || err.Error() != `unknown rule "Place_holder": did you mean "placeholder"?` {
		t.Errorf("--enable Place_holder: error %v", err)
	}
	// One that could be a custom rule is an error once no config declares
	// it; the files are still linted.
	res, err = lint.Run(lint.Options{Rules: runRules(t), Enable: []string{"placeholdr"}, Disable: []string{"no-such-rule"}, Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "unknown --enable/--disable", errLines(dir, res.Errors), []string{
		`unknown rule "placeholdr": did you mean "placeholder"?`,
		`unknown rule "no-such-rule"`,
	})
	if res.Files != 5 {
		t.Errorf("with unknown rules: Files = %d, want 5", res.Files)
	}
	// A custom rule declared in a config may be named.
	cdir := writeTree(t, map[string]string{
		".inboxlint.yaml": "custom:\n  - {id: no-hi, kind: forbidden, pattern: Hi, message: do not say hi}\n",
		"x.md":            "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n",
	})
	res, err = lint.Run(lint.Options{Rules: runRules(t), Disable: []string{"no-hi"}, Root: cdir}, []string{cdir})
	if err != nil || len(res.Errors) > 0 || len(res.Diagnostics) > 0 {
		t.Errorf("--disable no-hi: %v %v %q", err, res.Errors, diagLines(cdir, res.Diagnostics))
	}
	res, err = lint.Run(lint.Options{Rules: runRules(t), Root: cdir}, []string{cdir})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "custom rule", diagLines(cdir, res.Diagnostics), []string{`x.md:4:10-4:12 no-hi warning do not say hi (found "Hi")`})
}

func TestRunStdin(t *testing.T) {
	dir := writeTree(t, campaign)
	const tpl = "---\nformat: message\nsender: Dana\nsubject: Hi TODO\n---\nBody.\n"
	tests := []struct {
		name, file string
		want       []string
	}{
		{"root config", "new.md", []string{`new.md:4:13-4:17 placeholder warning draft marker "TODO": finish the copy before it ships`}},
		{"sub config turns placeholder off", "sub/new.md", nil},
		{"a file that need not exist, in a directory that need not", "sub/later/new.md", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(dir, filepath.FromSlash(tt.file))
			res, err := lint.Run(lint.Options{Rules: runRules(t), Stdin: strings.NewReader(tpl), StdinName: name, Root: dir}, []string{"ignored"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			if res.Files != 1 || (res.Sources[name] != nil) != (len(res.Diagnostics) > 0) {
				t.Errorf("Files = %d, source under %q: %v with %d findings", res.Files, name, res.Sources[name] != nil, len(res.Diagnostics))
			}
			sameLines(t, "diagnostics", diagLines(dir, res.Diagnostics), tt.want)
		})
	}
	// Without a name: <stdin>, and a non-template on stdin is an error.
	res, err := lint.Run(lint.Options{Rules: runRules(t), Stdin: strings.NewReader("# readme\n")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "stdin errors", errLines(dir, res.Errors), []string{"<stdin>: not an inboxlint template: its front matter has no format key\nhint: start the file with ---, format: message (or conversation), sender and subject, then ---"})
	// Too large.
	big := strings.Repeat("x", 1<<20+1)
	res, err = lint.Run(lint.Options{Rules: runRules(t), Stdin: strings.NewReader(big), StdinName: "big.md"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "big stdin", errLines(dir, res.Errors), []string{"big.md: file is larger than 1024 KiB, the most a template may be", "hint: a template is one ad; if this is not one, exclude it in .inboxlint.yaml"})
}

func TestRunFailOn(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".inboxlint.yaml":     "fail-on: warning\n",
		"sub/.inboxlint.yaml": "count: utf16\n",
		"a.md":                "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n",
		"other/b.md":          "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n",
		"sub/c.md":            "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n",
	})
	res, err := lint.Run(lint.Options{Rules: runRules(t), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for f, v := range res.FailOn() {
		r, _ := filepath.Rel(dir, f)
		got[filepath.ToSlash(r)] = v.String()
	}
	// sub/ merges the root config: its fail-on applies there too
	want := map[string]string{"a.md": "warning", "other/b.md": "warning", "sub/c.md": "warning"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FailOn = %v, want %v", got, want)
	}
}
