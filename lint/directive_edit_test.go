package lint

import (
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

func TestIgnoreDirective(t *testing.T) {
	const fm = "---\nformat: message\nsender: Dana\n"
	tests := []struct {
		name  string
		in    string
		line  int
		scope IgnoreScope
		want  string // the text after the edit; "" when no edit fits
	}{
		{
			name: "front matter: a yaml comment at the end of the key's line",
			in:   fm + "subject: \"A long one\"  \n---\nHi\n",
			line: 4,
			want: fm + "subject: \"A long one\" # inboxlint:ignore R <reason>  \n---\nHi\n",
		},
		{
			name: "front matter line that has a comment: a line above, indented alike",
			in:   "---\nformat: message\nvars:\n  x: 1 # the count\n---\nHi\n",
			line: 4,
			want: "---\nformat: message\nvars:\n  # inboxlint:ignore R <reason>\n  x: 1 # the count\n---\nHi\n",
		},
		{
			name: "block scalar: a template comment, which the copy never shows",
			in:   fm + "footer: |\n  Terms # apply\n---\nHi\n",
			line: 5,
			want: fm + "footer: |\n  Terms # apply {{- /* inboxlint:ignore R <reason> */}}\n---\nHi\n",
		},
		{
			name: "body line",
			in:   fm + "subject: s\n---\nHi [Name], welcome.\n\n- [Go](https://x.test)\n",
			line: 6,
			want: fm + "subject: s\n---\nHi [Name], welcome. {{- /* inboxlint:ignore R <reason> */}}\n\n- [Go](https://x.test)\n",
		},
		{
			name: "button line",
			in:   fm + "subject: s\n---\nHi.\n\n- [Go](https://x.test)\n",
			line: 8,
			want: fm + "subject: s\n---\nHi.\n\n- [Go](https://x.test) {{- /* inboxlint:ignore R <reason> */}}\n",
		},
		{
			name:  "file: the front matter's first line",
			in:    fm + "subject: s\n---\nHi.\n",
			scope: IgnoreFile,
			want:  "---\n# inboxlint:ignore-file R <reason>\nformat: message\nsender: Dana\nsubject: s\n---\nHi.\n",
		},
		{
			name:  "no front matter: no file directive",
			in:    "Hi.\n",
			scope: IgnoreFile,
		},
		{
			name: "a line past the end",
			in:   fm + "subject: s\n---\nHi.\n",
			line: 40,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := render.NewSource("f.md", []byte(tt.in))
			e, ok := IgnoreDirective(src, "R", tt.line, tt.scope)
			got := ""
			if ok {
				got = src.Text[:e.Offset] + e.Text + src.Text[e.Offset:]
			}
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if !ok {
				return
			}
			// with a reason for the placeholder the directive silences R
			ds, ps := parseDirectives(render.NewSource("f.md", []byte(strings.Replace(got, reasonPlaceholder, "why", 1))), func(string) bool { return true })
			line := tt.line
			if strings.HasSuffix(e.Text, "\n") && tt.scope == IgnoreLine {
				line++
			}
			if len(ps) != 0 || len(ds) != 1 || !ds[0].covers(Diagnostic{Rule: "R", Span: render.Span{Start: render.Pos{Line: line}}}) {
				t.Errorf("directive does not cover line %d: %+v %+v", line, ds, ps)
			}
		})
	}
}
