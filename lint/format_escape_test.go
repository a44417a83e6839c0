package lint_test

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/rules"
)

// hostileResult is a result whose file names, messages, variant and member
// names and source lines were written by an attacker: a line break followed
// by a workflow command, a file name that starts with one, ESC sequences
// that erase the lines above, a Unicode line separator, a bidi override and
// the runner's older ##[command] syntax.
func hostileResult() *lint.Result {
	evil := "ads/a\n::error file=README.md,line=1::forged.md"
	leading := "::warning file=x.md::y.md"
	escLine := render.NewSource(leading, []byte("---\nsubject: \x1b[2K\x1b[1A%FIRSTNAME% now\n---\n"))
	// "%FIRSTNAME%" starts after "---\nsubject: " and the two ESC
	// sequences: 4 + 9 + 4 + 4 bytes.
	return &lint.Result{
		Files: 2,
		Sources: map[string]*render.Source{
			leading: escLine,
		},
		Diagnostics: []lint.Diagnostic{
			{File: evil, Span: render.Span{Start: render.Pos{Line: 1, Col: 1}, End: render.Pos{Line: 1, Col: 4}},
				Rule: "no-hype", Severity: lint.SeverityError,
				Message: "say less\n::error file=a.md,line=1,title=x::forged\r\n##[warning]old syntax",
				Variant: "v\n::notice::x", Member: "Eve\x1b[2J"},
			{File: leading, Span: escLine.Span(21, 32), Rule: "placeholder", Severity: lint.SeverityWarning,
				Message: "bidi \u202eevil\u202c and sep\u2028::error::x and del\x7f c1\u009b"},
		},
	}
}

// commandLines counts the output lines that GitHub's runner would read
// as a workflow command: after leading white space (and characters a
// culture-aware comparison ignores), "::", or "##[" anywhere.
func commandLines(out string) (v2 []string, v1 []string) {
	for _, l := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeftFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\u00ad' })
		if strings.HasPrefix(trimmed, "::") {
			v2 = append(v2, l)
		}
		if strings.Contains(l, "##[") {
			v1 = append(v1, l)
		}
	}
	return v2, v1
}

// rawControls lists the characters of out that must never be printed:
// C0 controls other than the line feed, DEL, C1 controls, the line and
// paragraph separators, bidi controls and invalid UTF-8.
func rawControls(out string) []string {
	var bad []string
	for i, r := range out {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD"),
			r < 0x20 && r != '\n', r == 0x7F, r >= 0x80 && r <= 0x9F,
			r == 0x2028, r == 0x2029, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069,
			r == 0x200E, r == 0x200F, r == 0x061C:
			bad = append(bad, fmt.Sprintf("%q at byte %d", r, i))
		}
	}
	return bad
}

func TestFormatsEscapeHostileText(t *testing.T) {
	want := map[string]string{
		"text": `ads/a\n::error file=README.md,line=1::forged.md
  1:1     error    say less\n::error file=a.md,line=1,title=x::forged\r\n#\x23[warning]old syntax [variant "v\n::notice::x", member "Eve\x1b[2J"]  no-hype

\x3a:warning file=x.md::y.md
  2:18    warning  bidi \u202eevil\u202c and sep\u2028::error::x and del\x7f c1\x9b  placeholder
  2 | subject: \x1b[2K\x1b[1A%FIRSTNAME% now
    |                        ^^^^^^^^^^^

2 problems (1 error, 1 warning, 0 infos) in 2 files
`,
		"unix": `ads/a\n::error file=README.md,line=1::forged.md:1:1: error: say less\n::error file=a.md,line=1,title=x::forged\r\n#\x23[warning]old syntax [variant "v\n::notice::x", member "Eve\x1b[2J"] (no-hype)
\x3a:warning file=x.md::y.md:2:18: warning: bidi \u202eevil\u202c and sep\u2028::error::x and del\x7f c1\x9b (placeholder)
`,
		"github": `::error file=ads/a%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.md,line=1,col=1,endLine=1,endColumn=4,title=no-hype::say less%0A::error file=a.md,line=1,title=x::forged%0D%0A#\x23[warning]old syntax [variant "v\n::notice::x", member "Eve\x1b[2J"]
::warning file=%3A%3Awarning file=x.md%3A%3Ay.md,line=2,col=18,endLine=2,endColumn=29,title=placeholder::bidi \u202eevil\u202c and sep\u2028::error::x and del\x7f c1\x9b
`,
	}
	for _, name := range lint.FormatNames() {
		t.Run(name, func(t *testing.T) {
			out := formatOutput(t, name, hostileResult())
			if w, ok := want[name]; ok && out != w {
				t.Errorf("%s output:\n%s\nwant:\n%s", name, out, w)
			}
			if bad := rawControls(out); len(bad) > 0 {
				t.Errorf("%s output has raw control characters near: %q", name, bad)
			}
			v2, v1 := commandLines(out)
			wantCommands := 0
			if name == "github" {
				wantCommands = len(hostileResult().Diagnostics)
				for _, l := range v2 {
					if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
						t.Errorf("github: a line that is not one of inboxlint's commands: %q", l)
					}
				}
			}
			if len(v2) != wantCommands {
				t.Errorf("%s: %d lines are workflow commands, want %d:\n%s", name, len(v2), wantCommands, strings.Join(v2, "\n"))
			}
			if len(v1) > 0 {
				t.Errorf("%s: lines with the runner's ##[ command syntax:\n%s", name, strings.Join(v1, "\n"))
			}
		})
	}
}

// JSON and SARIF escape by the rules of JSON; what the formats print
// still decodes to the text as the attacker wrote it.
func TestFormatsJSONKeepHostileText(t *testing.T) {
	r := hostileResult()
	var j struct {
		Diagnostics []struct{ File, Message, Variant, Member string }
	}
	if err := json.Unmarshal([]byte(formatOutput(t, "json", r)), &j); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Runs []struct {
			Results []struct {
				Message    struct{ Text string }
				Properties map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(formatOutput(t, "sarif", r)), &s); err != nil {
		t.Fatal(err)
	}
	for i, d := range r.Diagnostics {
		got := j.Diagnostics[i]
		if got.File != d.File || got.Message != d.Message || got.Variant != d.Variant || got.Member != d.Member {
			t.Errorf("json diagnostic %d = %+v, want the text as written: %q %q %q %q", i, got, d.File, d.Message, d.Variant, d.Member)
		}
		res := s.Runs[0].Results[i]
		if res.Message.Text != d.Message || res.Properties["variant"] != d.Variant || res.Properties["member"] != d.Member {
			t.Errorf("sarif result %d = %+v, want the text as written", i, res)
		}
	}
}

// BenchmarkFormat prints the findings of 1,000 generated templates in each
// format: the cost of escaping every file name, message and source line is
// part of it.
func BenchmarkFormat(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.WriteMessageAds(dir, 1, 1000); err != nil {
		b.Fatal(err)
	}
	// the corpus is its own repository: a run from the working directory
	// would refuse it as outside
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	res := e.Run([]string{dir})
	if len(res.Diagnostics) == 0 || len(res.Errors) > 0 {
		b.Fatalf("the corpus has no findings (errors: %v)", res.Errors)
	}
	for _, name := range lint.FormatNames() {
		b.Run(name, func(b *testing.B) {
			f, err := lint.NewFormatter(name, lint.FormatOptions{Rules: rules.All(), Root: dir})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := f.Format(io.Discard, res); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(res.Diagnostics)), "ns/finding")
		})
	}
}
