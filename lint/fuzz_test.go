package lint_test

// Native fuzz targets for the engine: config loading, and the whole lint of
// one file with every built-in rule. Seeds come from the repository's
// examples and rule fixtures (added at run time) and from the hostile
// inputs in testdata/fuzz/<Target>/. Run one target at a time:
//
//	go test ./lint -run '^$' -fuzz '^FuzzLint$' -fuzztime 60s
//
// .ci/fuzz.sh runs each briefly.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
	"github.com/inboxlint/inboxlint/rules"
)

// fzLimits are the sandbox's defaults: its work budgets make every run of
// an input give the same findings, which the target compares.
var fzLimits = sandbox.DefaultLimits

// fzTemplates are the repository's templates, the seeds of FuzzLint.
func fzTemplates(f *testing.F) [][]byte {
	f.Helper()
	var out [][]byte
	for _, pattern := range []string{"../testdata/examples/*.md", "../testdata/rules/*/*.md", "../testdata/ci/*.md"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, data)
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed templates found under ../testdata")
	}
	return out
}

// fzLineStarts are the offsets where the file's lines start, counting
// LF, CRLF and a lone CR as line ends, after a byte order mark.
func fzLineStarts(data []byte) (starts []int) {
	bom := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		bom = 3
	}
	starts = []int{bom}
	for i := bom; i < len(data); i++ {
		if data[i] == '\n' || data[i] == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// fzCheckPos says what is wrong with p as a position of data, or "": the
// offset is in the file and not inside a CRLF or (for UTF-8 text) a
// character, and the line and column are those of the offset.
func fzCheckPos(data []byte, starts []int, p render.Pos) string {
	if p.Offset < 0 || p.Offset > len(data) {
		return fmt.Sprintf("offset %d outside the file of %d bytes", p.Offset, len(data))
	}
	if p.Line < 1 || p.Line > len(starts) || p.Col < 1 || p.Col16 < p.Col {
		return fmt.Sprintf("%d:%d (UTF-16 column %d) is not a position in %d lines", p.Line, p.Col, p.Col16, len(starts))
	}
	if p.Offset > 0 && p.Offset < len(data) && data[p.Offset-1] == '\r' && data[p.Offset] == '\n' {
		return fmt.Sprintf("offset %d splits a CRLF", p.Offset)
	}
	if utf8.Valid(data) && p.Offset < len(data) && !utf8.RuneStart(data[p.Offset]) {
		return fmt.Sprintf("offset %d is inside a character", p.Offset)
	}
	line := 0
	for line+1 < len(starts) && starts[line+1] <= p.Offset {
		line++
	}
	if line+1 != p.Line {
		return fmt.Sprintf("offset %d is on line %d, not %d", p.Offset, line+1, p.Line)
	}
	start := min(starts[line], p.Offset)
	if seg := data[start:p.Offset]; utf8.Valid(seg) && utf8.RuneCount(seg)+1 != p.Col {
		return fmt.Sprintf("offset %d is in column %d, not %d", p.Offset, utf8.RuneCount(seg)+1, p.Col)
	}
	return ""
}

// fzCheckDiags checks every diagnostic of a run over one file.
func fzCheckDiags(t *testing.T, file string, data []byte, ds []lint.Diagnostic, known map[string]bool, secrets ...string) {
	t.Helper()
	starts := fzLineStarts(data)
	for _, d := range ds {
		where := fmt.Sprintf("%s %d:%d-%d:%d %s %q", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Span.End.Line, d.Span.End.Col, d.Rule, d.Message)
		if d.File != file {
			t.Fatalf("%s: file is not %s", where, file)
		}
		if !known[d.Rule] {
			t.Fatalf("%s: unknown rule", where)
		}
		if d.Severity < lint.SeverityInfo || d.Severity > lint.SeverityError {
			t.Fatalf("%s: severity %d", where, d.Severity)
		}
		if d.Message == "" || strings.Contains(d.Message, "\n") {
			t.Fatalf("%s: message is not one line", where)
		}
		for _, s := range secrets {
			if strings.Contains(d.Message, s) {
				t.Fatalf("%s: message reveals a secret", where)
			}
		}
		if msg := fzCheckPos(data, starts, d.Span.Start); msg != "" {
			t.Fatalf("%s: start: %s", where, msg)
		}
		if msg := fzCheckPos(data, starts, d.Span.End); msg != "" {
			t.Fatalf("%s: end: %s", where, msg)
		}
		s, e := d.Span.Start, d.Span.End
		if s.Offset > e.Offset || s.Line > e.Line || s.Line == e.Line && s.Col > e.Col {
			t.Fatalf("%s: start %+v is after end %+v", where, s, e)
		}
	}
}

// fzErrors are the run errors a template on its own may cause.
var fzErrors = []string{
	"not an inboxlint template",
}

// FuzzLint lints one file with every built-in rule, from standard input and
// from disk. Invariants: nothing panics (the engine turns a panic into an
// "internal error", which fails the target); the only run error is "not a
// template"; every diagnostic is of a known rule, with a one-line message
// and a span inside the file whose line and column agree with its offset;
// no message reveals the environment or a file's content; the result is
// the same when run twice, and when two copies of the file are read from
// disk and linted at once (two jobs).
func FuzzLint(f *testing.F) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		f.Fatal(err)
	}
	envSecret, fileSecret := "env-"+hex.EncodeToString(b[:12]), "file-"+hex.EncodeToString(b[12:])
	// f.Setenv cannot be used with f.Fuzz; the value only matters to this
	// process, and a random one cannot collide with anything.
	if err := os.Setenv("INBOXLINT_FUZZ_SECRET", envSecret); err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte(fileSecret), 0o600); err != nil {
		f.Fatal(err)
	}
	for _, data := range fzTemplates(f) {
		f.Add(data)
	}
	all := rules.All()
	known := map[string]bool{}
	for _, d := range lint.Docs(all, nil) {
		known[d.ID] = true
	}
	stdinName := filepath.Join(dir, "copies", "ad.md")
	copies := []string{filepath.Join(dir, "copies", "a.md"), filepath.Join(dir, "copies", "b.md")}
	if err := os.MkdirAll(filepath.Dir(copies[0]), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > render.MaxFileSize {
			return // a run error before anything is parsed; see TestBadInput
		}
		lintStdin := func() *lint.Result {
			res, err := lint.Run(lint.WithLimits(lint.Options{Rules: all, Stdin: bytes.NewReader(data), StdinName: stdinName, Root: filepath.Dir(stdinName)}, fzLimits), nil)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		res := lintStdin()
		for _, err := range res.Errors {
			ok := false
			for _, want := range fzErrors {
				ok = ok || strings.Contains(err.Error(), want)
			}
			if !ok {
				t.Fatalf("run error: %v", err)
			}
		}
		fzCheckDiags(t, stdinName, data, res.Diagnostics, known, envSecret, fileSecret)
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "safety time limit") {
				return // the last-resort time limit depends on the machine: not compared
			}
		}
		if again := lintStdin(); !reflect.DeepEqual(again.Diagnostics, res.Diagnostics) || fmt.Sprint(again.Errors) != fmt.Sprint(res.Errors) {
			t.Fatalf("linting twice differs:\n%v\n%v", res.Diagnostics, again.Diagnostics)
		}

		// From disk: two copies, walked with two jobs, so that they are
		// linted at the same time; each must have the stdin run's findings
		// (one job), under its own name.
		for _, p := range copies {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		disk, err := lint.Run(lint.WithLimits(lint.Options{Rules: all, Jobs: 2, Root: filepath.Dir(copies[0])}, fzLimits), []string{filepath.Dir(copies[0])})
		if err != nil {
			t.Fatal(err)
		}
		if len(disk.Errors) > 0 {
			t.Fatalf("from disk: %v", disk.Errors)
		}
		for _, p := range copies {
			var got []lint.Diagnostic
			for _, d := range disk.Diagnostics {
				if d.File == p {
					d.File = stdinName
					got = append(got, d)
				}
			}
			if !reflect.DeepEqual(got, res.Diagnostics) && (len(got) > 0 || len(res.Diagnostics) > 0) {
				t.Fatalf("%s from disk differs from standard input:\n%v\n%v", filepath.Base(p), got, res.Diagnostics)
			}
		}
	})
}

// FuzzParseConfig parses a config file, and when it parses, builds the
// rule set it selects and lints a template with it. Invariants: a parse or
// rule-set error is a *render.FileError named by the file, with a position
// inside it and a one-line message; parsing is deterministic; the
// configured rules lint without a panic, and their findings lie inside the
// template.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		"",
		"members: members.csv\ncount: graphemes\nfail-on: warning\ninclude: [\"ads/**/*.md\"]\nexclude: [\"ads/archive/**\"]\n",
		"rules:\n  subject-length: {visible: 30, max: 50}\n  closing-question: {enabled: false}\n  cta-specificity: {severity: error, vague: [\"Learn More\"]}\n  hype: off\n  placeholder: warning\n",
		"custom:\n  - id: no-synergy\n    kind: forbidden\n    pattern: '(?i)\\bsynerg(y|ies)\\b'\n    message: say what it does\n    scope: [subject, body]\n    severity: warning\n",
		"custom:\n  - id: house\n    kind: substitute\n    replace: {'e-mail': email, '(?i)linked in': LinkedIn}\n  - id: need-q\n    kind: required\n    pattern: '\\?'\n    message: ask a question\n    scope: [body, button, sender, footer]\n",
		"custom:\n  - id: empty\n    kind: forbidden\n    pattern: ''\n    message: matches everywhere\n",
		"rules:\n  placeholdr: off\n",
		"custom:\n  - id: bad\n    kind: forbidden\n    pattern: '(unclosed'\n    message: m\n",
		"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nrules:\n  hype: {phrases: *b}\n",
		"rules: {subject-length: {max: -1, visible: 1e9}, body-length: {max: x}}\n",
		"rules:\n\tsubject-length: off\n",
		"\ufeffrules:\n  syntax: {enabled: maybe}\n",
		"members: a.csv\u2028rules: [hype]\u0085fail-on: maybe\u2029count: x\n",
		"rules:\u2028- hype",
		"rules:\n  hype: {phrases: [x], bogus: 1}\u2028  placeholder: {max: y}\r  nope: on\r\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	path := filepath.Join(dir, ".inboxlint.yaml")
	adName := filepath.Join(dir, "ad.md")
	all := rules.All()
	known := map[string]bool{}
	for _, d := range lint.Docs(all, nil) {
		known[d.ID] = true
	}
	ad := []byte("---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, e-mail about synergy at [Company]?\"\nfooter: Linked in\n---\nHi %FIRSTNAME%, join our AMAZING session!! Learn how %COMPANYNAME% grows.\n\n- [Learn More](https://example.com/?q=\"x\")\n")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkErr := func(stage string, err error) {
			var ce *render.FileError
			if !errors.As(err, &ce) {
				t.Fatalf("%s: error %v is a %T, not a *render.FileError", stage, err, err)
			}
			// lines end at CR LF, a lone CR and LF, as in an editor, not
			// at the NEL, U+2028 and U+2029 yaml.v3 breaks lines at too
			starts := fzLineStarts(data)
			if ce.File != path || ce.Line < 0 || ce.Line > len(starts) || ce.Col < 0 || ce.Line == 0 && ce.Col != 0 {
				t.Fatalf("%s: error %q at %s:%d:%d, not in the %d lines of %s", stage, ce.Msg, ce.File, ce.Line, ce.Col, len(starts), path)
			}
			if ce.Line > 0 {
				end := len(data)
				if ce.Line < len(starts) {
					end = starts[ce.Line]
				}
				text := strings.TrimRight(string(data[starts[ce.Line-1]:end]), "\r\n")
				if n := utf8.RuneCountInString(text); ce.Col > n+1 {
					t.Fatalf("%s: error %q at %d:%d, past the end of line %d of %d characters", stage, ce.Msg, ce.Line, ce.Col, ce.Line, n)
				}
			}
			if ce.Msg == "" || strings.Contains(ce.Msg, "\n") {
				t.Fatalf("%s: error message %q is not one line", stage, ce.Msg)
			}
		}
		cfg, err := lint.ParseConfig(path, data)
		cfg2, err2 := lint.ParseConfig(path, data)
		if fmt.Sprint(err) != fmt.Sprint(err2) || fzConfigString(cfg) != fzConfigString(cfg2) {
			t.Fatalf("parsing twice differs: %v / %v", err, err2)
		}
		if err != nil {
			checkErr("parse", err)
			return
		}
		if cfg.Path != path {
			t.Fatalf("config path %q", cfg.Path)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := lint.NewEngine(lint.WithLimits(lint.Options{Rules: all, ConfigFile: path, Stdin: bytes.NewReader(ad), StdinName: adName, Root: filepath.Dir(adName)}, fzLimits))
		if err != nil {
			checkErr("rule set", err)
			return
		}
		res := e.Run(nil)
		if len(res.Errors) > 0 {
			// only a members file the config names may fail now
			if cfg.Members == "" {
				t.Fatalf("run errors: %v", res.Errors)
			}
			return
		}
		for _, s := range cfg.Custom {
			known[s.ID] = true
		}
		fzCheckDiags(t, adName, ad, res.Diagnostics, known)
		for _, s := range cfg.Custom {
			delete(known, s.ID)
		}
	})
}

// fzConfigString prints a config without its pointers, for comparing two
// parses of the same file.
func fzConfigString(c *lint.Config) string {
	if c == nil {
		return "<nil>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q %q %q %v %v %q %q %q\n", c.Path, c.Dir, c.Members, c.Count, c.CountSet(), c.FailOn, c.Include, c.Exclude)
	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rc := c.Rules[id]
		fmt.Fprintf(&b, "rule %q %v %v %d:%d %v\n", id, rc.Enabled != nil && *rc.Enabled, rc.Severity, rc.Line(), rc.Col(), rc.Options != nil)
	}
	for _, s := range c.Custom {
		fmt.Fprintf(&b, "custom %q %q %v %v %q %q %v\n", s.ID, s.Kind, s.Pattern, s.Replace, s.Message, s.Scope, s.Severity)
	}
	return b.String()
}
