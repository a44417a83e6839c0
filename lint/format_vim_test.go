package lint_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// The vim format gives the byte column Vim's %c reads, however the line
// is made up: emoji (4 bytes, 2 screen columns), CJK (3 bytes, 2 screen
// columns), accented letters (2 bytes), a tab, a byte order mark before
// line 1, CRLF line endings, a lone CR.
func TestFormatVim(t *testing.T) {
	tests := []struct {
		name, text, before string
		wantCol            int
	}{
		{"ascii", "---\nHi there [Name]\n", "Hi there ", 10},
		{"emoji", "---\nHi 👋 [Name]\n", "Hi 👋 ", 9},
		{"two emoji and cjk", "---\n👋👋 日本 [Name]\n", "👋👋 日本 ", 17},
		{"accents and a tab", "---\nZoë\té [Name]\n", "Zoë\té ", 9},
		{"bom, line 1", "\uFEFF[Name] x\n", "", 1},
		{"bom, line 1, after an emoji", "\uFEFF👋 [Name]\n", "👋 ", 6},
		{"crlf", "---\r\nsubject: x\r\nHi 👋 [Name]\r\n", "Hi 👋 ", 9},
		{"lone cr", "---\rHi 👋 [Name]\r", "Hi 👋 ", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := render.NewSource("ads/a.md", []byte(tt.text))
			off := strings.Index(src.Text, "[Name]")
			span := src.Span(off, off+len("[Name]"))
			r := &lint.Result{
				Sources:     map[string]*render.Source{"ads/a.md": src},
				Diagnostics: []lint.Diagnostic{{File: "ads/a.md", Span: span, Rule: "placeholder", Severity: lint.SeverityError, Message: "fill it"}},
			}
			want := "ads/a.md:" + strconv.Itoa(span.Start.Line) + ":" + strconv.Itoa(tt.wantCol) + ": error: fill it (placeholder)\n"
			if got := formatOutput(t, "vim", r); got != want {
				t.Errorf("vim: %q, want %q", got, want)
			}
			if len(tt.before)+1 != tt.wantCol {
				t.Fatalf("test table: %q is %d bytes, so the column is %d", tt.before, len(tt.before), len(tt.before)+1)
			}
		})
	}
	// without the file's source, the character column
	r := formatResult()
	out := formatOutput(t, "vim", r)
	if !strings.Contains(out, "gone.md:7:2: error: no source (syntax)\n") {
		t.Errorf("vim without a source:\n%s", out)
	}
	// "subject: Zoë, 日本 " is 22 bytes; the rest of the line is the unix
	// format's, provenance included
	if want := "ads/webinar.md:2:23: warning: subject is 47 characters [variant \"vp-sales\", member \"Zoë Fischer\"] (subject-length)\n"; !strings.HasPrefix(out, want) {
		t.Errorf("vim:\n%s\nwant it to start with\n%s", out, want)
	}
}
