package lint_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// formatResult is a run's result built by hand: a file with non-ASCII text
// and a tab, a second file with a finding that spans two lines, and a
// finding in a file whose source is not known.
func formatResult() *lint.Result {
	webinar := render.NewSource("ads/webinar.md", []byte("---\nsubject: Zoë, 日本 %FIRSTNAME% now\nsender:\tTab\n---\n"))
	b := render.NewSource("b.md", []byte("Hello\nWorld\n"))
	// "%FIRSTNAME%" is at Text offset 4+9+4+2+6+1 = 26.
	line3 := strings.Index(webinar.Text, "sender")
	return &lint.Result{
		Files: 3,
		Sources: map[string]*render.Source{
			"ads/webinar.md": webinar,
			"b.md":           b,
		},
		Diagnostics: []lint.Diagnostic{
			{File: "ads/webinar.md", Span: webinar.Span(26, 37), Rule: "subject-length", Severity: lint.SeverityWarning,
				Message: `subject is 47 characters`, Variant: "vp-sales", Member: "Zoë Fischer"},
			{File: "ads/webinar.md", Span: webinar.Span(line3+8, line3+11), Rule: "sender", Severity: lint.SeverityError, Message: "sender <Tab> is odd"},
			{File: "b.md", Span: b.Span(0, 5), Rule: "closing-question", Severity: lint.SeverityInfo, Message: "no question", Variant: "cfo"},
			{File: "b.md", Span: b.Span(2, 9), Rule: "z-rule", Severity: lint.SeverityInfo, Message: "two lines", Member: "Ana Lee"},
			{File: "gone.md", Span: render.Span{Start: render.Pos{Line: 7, Col: 2}, End: render.Pos{Line: 7, Col: 4}}, Rule: "syntax", Severity: lint.SeverityError, Message: "no source"},
		},
	}
}

func formatOutput(t *testing.T, name string, r *lint.Result) string {
	t.Helper()
	f, err := lint.NewFormatter(name, lint.FormatOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestFormatJSON(t *testing.T) {
	out := formatOutput(t, "json", formatResult())
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	diag := func(file string, line, col, endLine, endCol int, rule, sev, msg, variant, member string) map[string]any {
		d := map[string]any{"file": file, "line": float64(line), "column": float64(col), "endLine": float64(endLine),
			"endColumn": float64(endCol), "rule": rule, "severity": sev, "message": msg}
		if variant != "" {
			d["variant"] = variant
		}
		if member != "" {
			d["member"] = member
		}
		return d
	}
	want := map[string]any{
		"version": float64(1),
		"diagnostics": []any{
			diag("ads/webinar.md", 2, 18, 2, 29, "subject-length", "warning", `subject is 47 characters`, "vp-sales", "Zoë Fischer"),
			diag("ads/webinar.md", 3, 9, 3, 12, "sender", "error", "sender <Tab> is odd", "", ""),
			diag("b.md", 1, 1, 1, 6, "closing-question", "info", "no question", "cfo", ""),
			diag("b.md", 1, 3, 2, 4, "z-rule", "info", "two lines", "", "Ana Lee"),
			diag("gone.md", 7, 2, 7, 4, "syntax", "error", "no source", "", ""),
		},
		"summary": map[string]any{"files": float64(3), "errors": float64(2), "warnings": float64(1), "infos": float64(2)},
	}
	for _, key := range []string{"version", "diagnostics", "summary"} {
		if !reflect.DeepEqual(got[key], want[key]) {
			g, _ := json.Marshal(got[key])
			w, _ := json.Marshal(want[key])
			t.Errorf("%s:\n%s\nwant:\n%s", key, g, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("top-level keys %v, want version, diagnostics, summary", keysOf(got))
	}
	// HTML characters are not escaped, so the output reads as written.
	if !strings.Contains(out, "sender <Tab> is odd") {
		t.Errorf("JSON escapes < and >:\n%s", out)
	}
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestFormatJSONEmpty(t *testing.T) {
	out := formatOutput(t, "json", &lint.Result{Files: 2})
	want := "{\n  \"version\": 1,\n  \"diagnostics\": [],\n  \"summary\": {\n    \"files\": 2,\n    \"errors\": 0,\n    \"warnings\": 0,\n    \"infos\": 0\n  }\n}\n"
	if out != want {
		t.Errorf("empty JSON:\n%s\nwant:\n%s", out, want)
	}
}

func TestFormatUnix(t *testing.T) {
	out := formatOutput(t, "unix", formatResult())
	want := `ads/webinar.md:2:18: warning: subject is 47 characters [variant "vp-sales", member "Zoë Fischer"] (subject-length)
ads/webinar.md:3:9: error: sender <Tab> is odd (sender)
b.md:1:1: info: no question [variant "cfo"] (closing-question)
b.md:1:3: info: two lines [member "Ana Lee"] (z-rule)
gone.md:7:2: error: no source (syntax)
`
	if out != want {
		t.Errorf("unix:\n%s\nwant:\n%s", out, want)
	}
	if out := formatOutput(t, "unix", &lint.Result{}); out != "" {
		t.Errorf("unix with no findings = %q, want nothing", out)
	}
}

func TestFormatText(t *testing.T) {
	out := formatOutput(t, "text", formatResult())
	// The caret under %FIRSTNAME% starts after "subject: Zoë, 日本 ", 19
	// terminal cells (日 and 本 are two cells each); a tab shows as a space.
	want := `ads/webinar.md
  2:18    warning  subject is 47 characters [variant "vp-sales", member "Zoë Fischer"]  subject-length
  2 | subject: Zoë, 日本 %FIRSTNAME% now
    |                    ^^^^^^^^^^^
  3:9     error    sender <Tab> is odd  sender
  3 | sender: Tab
    |         ^^^

b.md
  1:1     info     no question [variant "cfo"]  closing-question
  1 | Hello
    | ^^^^^
  1:3     info     two lines [member "Ana Lee"]  z-rule
  1 | Hello
    |   ^^^

gone.md
  7:2     error    no source  syntax

5 problems (2 errors, 1 warning, 2 infos) in 3 files
`
	if out != want {
		t.Errorf("text:\n%s\nwant:\n%s", out, want)
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour without Color")
	}
}

func TestFormatTextSummary(t *testing.T) {
	tests := []struct {
		r    *lint.Result
		want string
	}{
		{&lint.Result{Files: 1}, "no problems in 1 file\n"},
		{&lint.Result{Files: 0}, "no problems in 0 files\n"},
		{&lint.Result{Files: 2, Diagnostics: []lint.Diagnostic{{File: "a.md", Rule: "r", Severity: lint.SeverityError, Message: "m",
			Span: render.Span{Start: render.Pos{Line: 1, Col: 1}, End: render.Pos{Line: 1, Col: 2}}}}},
			"a.md\n  1:1     error    m  r\n\n1 problem (1 error, 0 warnings, 0 infos) in 2 files\n"},
	}
	for _, tt := range tests {
		if got := formatOutput(t, "text", tt.r); got != tt.want {
			t.Errorf("text:\n%q\nwant:\n%q", got, tt.want)
		}
	}
}

func TestFormatTextColor(t *testing.T) {
	f, err := lint.NewFormatter("text", lint.FormatOptions{Color: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Format(&buf, formatResult()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\x1b[") {
		t.Errorf("no colour with Color set")
	}
}

// A caret under a span with a tab in it covers the tab's cell.
func TestFormatTextCaretOverTab(t *testing.T) {
	src := render.NewSource("t.md", []byte("a\tb\n"))
	r := &lint.Result{Files: 1, Sources: map[string]*render.Source{"t.md": src},
		Diagnostics: []lint.Diagnostic{{File: "t.md", Span: src.Span(0, 3), Rule: "r", Severity: lint.SeverityInfo, Message: "m"}}}
	want := "t.md\n  1:1     info     m  r\n  1 | a b\n    | ^^^\n\n1 problem (0 errors, 0 warnings, 1 info) in 1 file\n"
	if got := formatOutput(t, "text", r); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestNewFormatter(t *testing.T) {
	names := lint.FormatNames()
	if !sort.StringsAreSorted(names) {
		t.Errorf("FormatNames() = %q, not sorted", names)
	}
	for _, n := range []string{"json", "text", "unix"} {
		found := false
		for _, m := range names {
			found = found || m == n
		}
		if !found {
			t.Errorf("FormatNames() = %q, no %s", names, n)
		}
		if _, err := lint.NewFormatter(n, lint.FormatOptions{}); err != nil {
			t.Errorf("NewFormatter(%q): %v", n, err)
		}
	}
	_, err := lint.NewFormatter("xml", lint.FormatOptions{})
	if err == nil {
		t.Fatal("NewFormatter(xml): no error")
	}
	want := `unknown format "xml": use ` + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestSummarize(t *testing.T) {
	r := formatResult()
	if got, want := lint.Summarize(r), (lint.Summary{Files: 3, Errors: 2, Warnings: 1, Infos: 2}); got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
}
