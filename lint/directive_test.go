package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

func TestParseDirectives(t *testing.T) {
	known := func(id string) bool { return id == "subject-length" || id == "placeholder" || id == "hype" }
	tests := []struct {
		name       string
		in         string
		directives []string // "file|line rules"
		problems   []string // "line:col-line:col msg"
	}{
		{
			name:       "same line",
			in:         "subject: Long {{/* inboxlint:ignore subject-length the name is the point */}}\n",
			directives: []string{"line 1 subject-length"},
		},
		{
			name:       "alone on its line: the next line",
			in:         "a\n  {{/* inboxlint:ignore placeholder legal fills it in */}}  \nb [Name]\n",
			directives: []string{"line 3 placeholder"},
		},
		{
			name:       "alone on its line, crlf",
			in:         "a\r\n{{/* inboxlint:ignore placeholder legal fills it in */}}\r\nb [Name]\r\n",
			directives: []string{"line 3 placeholder"},
		},
		{
			name:       "trim markers",
			in:         "x {{- /* inboxlint:ignore hype it is a quote */ -}}\n",
			directives: []string{"line 1 hype"},
		},
		{
			name:       "ignore-file",
			in:         "---\n{{/* inboxlint:ignore-file placeholder legal fills the terms */}}\n",
			directives: []string{"file placeholder"},
		},
		{
			name:       "comma-separated",
			in:         "x {{/* inboxlint:ignore hype,placeholder both are intended */}}\n",
			directives: []string{"line 1 hype,placeholder"},
		},
		{
			name:     "missing reason",
			in:       "x\nsubject: Hi {{/* inboxlint:ignore subject-length */}}\n",
			problems: []string{"2:13-2:54 inboxlint:ignore subject-length needs a reason after the rule id"},
		},
		{
			name:     "missing rule and reason",
			in:       "{{/* inboxlint:ignore-file */}}\n",
			problems: []string{"1:1-1:32 inboxlint:ignore-file needs a rule id and a reason, e.g. {{/* inboxlint:ignore-file subject-length the long name is the point */}}"},
		},
		{
			name:     "unknown rule",
			in:       "Zoë {{/* inboxlint:ignore subject-lenght typo */}}\n",
			problems: []string{`1:5-1:51 inboxlint:ignore names unknown rule "subject-lenght"`},
		},
		{
			name:     "unknown rule in a list",
			in:       "x {{/* inboxlint:ignore hype,nope reason */}}\n",
			problems: []string{`1:3-1:46 inboxlint:ignore names unknown rule "nope"`},
		},
		{
			name:     "unknown directive",
			in:       "x {{/* inboxlint:skip hype reason */}}\n",
			problems: []string{"1:3-1:39 unknown directive inboxlint:skip: use inboxlint:ignore or inboxlint:ignore-file"},
		},
		{
			name:       "several",
			in:         "{{/* inboxlint:ignore hype a */}}\nx\ny {{/* inboxlint:ignore placeholder b */}} {{/* inboxlint:ignore hype */}}\n",
			directives: []string{"line 2 hype", "line 3 placeholder"},
			problems:   []string{"3:44-3:75 inboxlint:ignore hype needs a reason after the rule id"},
		},
		{
			name: "no directives",
			in:   "just text with inboxlint: in it {{/* a comment */}}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := render.NewSource("f.md", []byte(tt.in))
			ds, ps := parseDirectives(src, known)
			var got []string
			for _, d := range ds {
				var ids []string
				for _, id := range []string{"hype", "placeholder", "subject-length"} {
					if d.rules[id] {
						ids = append(ids, id)
					}
				}
				where := fmt.Sprintf("line %d", d.line)
				if d.file {
					where = "file"
				}
				got = append(got, where+" "+strings.Join(ids, ","))
			}
			if strings.Join(got, "\n") != strings.Join(tt.directives, "\n") {
				t.Errorf("directives:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.directives, "\n"))
			}
			var gotP []string
			for _, p := range ps {
				sp := p.Span
				gotP = append(gotP, fmt.Sprintf("%d:%d-%d:%d %s", sp.Start.Line, sp.Start.Col, sp.End.Line, sp.End.Col, p.Msg))
			}
			if strings.Join(gotP, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(gotP, "\n"), strings.Join(tt.problems, "\n"))
			}
		})
	}
}

// wordRule reports every occurrence of a word in the template source.
type wordRule struct{ id, word string }

func (r wordRule) Doc() Doc {
	return Doc{ID: r.id, Severity: SeverityWarning, Default: true, Title: "test rule " + r.id,
		Text: "A rule for tests: it reports every occurrence of a word in the source."}
}

func (r wordRule) Check(p *Pass) error {
	text := p.Template.Source.Text
	for i := 0; ; {
		j := strings.Index(text[i:], r.word)
		if j < 0 {
			return nil
		}
		p.Reportf(p.Template.Source.Span(i+j, i+j+len(r.word)), "found %s", r.word)
		i += j + len(r.word)
	}
}

func TestDirectivesSilenceFindings(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "line, next line, missing reason",
			body: "BAD {{/* inboxlint:ignore flag the first is fine */}} word\n" + // 6
				"{{/* inboxlint:ignore flag,other the next line is fine */}}\n" + // 7
				"BAD word\n" + // 8
				"BAD word\n" + // 9
				"{{/* inboxlint:ignore flag */}}\n" + // 10
				"BAD\n", // 11
			want: []string{
				"6:55 other found word",
				"9:1 flag found BAD",
				"9:5 other found word",
				"10:1 syntax inboxlint:ignore flag needs a reason after the rule id",
				"11:1 flag found BAD",
			},
		},
		{
			name: "ignore-file",
			body: "BAD word\n\n{{/* inboxlint:ignore-file flag legal wrote it */}}\n\nBAD\n",
			want: []string{"6:5 other found word"},
		},
		{
			name: "unknown rule silences nothing",
			body: "BAD {{/* inboxlint:ignore flag,nope typo */}}\n",
			want: []string{
				"6:1 flag found BAD",
				`6:5 syntax inboxlint:ignore names unknown rule "nope"`,
			},
		},
		{
			name: "a rule that is off may be named",
			body: "BAD {{/* inboxlint:ignore off-rule,flag fine */}}\n",
			want: nil,
		},
	}
	dir := t.TempDir()
	rs := []Rule{wordRule{"flag", "BAD"}, wordRule{"other", "word"}, wordRule{"off-rule", "zzz"}}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, fmt.Sprintf("t%d.md", i))
			if err := os.WriteFile(p, []byte("---\nformat: message\nsender: Dana\nsubject: Hi\n---\n"+tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Run(Options{Rules: rs, Disable: []string{"off-rule"}, Root: dir}, []string{p})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Span.Start.Line, d.Span.Start.Col, d.Rule, d.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
