package lint

import (
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

func certainAt(src *render.Source, start, end int, s string) Diagnostic {
	return Diagnostic{Fixes: []Fix{
		{Title: "suggested", Kind: FixSuggestion, Edits: []TextEdit{EditSource(src, start, end, "no")}},
		{Title: "certain", Kind: FixCertain, Edits: []TextEdit{EditSource(src, start, end, s)}},
	}}
}

func TestPickFixes(t *testing.T) {
	src := render.NewSource("f.md", []byte("0123456789"))
	tests := []struct {
		name  string
		diags []Diagnostic
		want  string // the new texts picked, in order
	}{
		{"apart", []Diagnostic{certainAt(src, 0, 2, "a"), certainAt(src, 4, 6, "b")}, "ab"},
		{"touching", []Diagnostic{certainAt(src, 0, 2, "a"), certainAt(src, 2, 4, "b")}, "ab"},
		{"overlapping: the first wins", []Diagnostic{certainAt(src, 0, 3, "a"), certainAt(src, 2, 4, "b"), certainAt(src, 5, 6, "c")}, "ac"},
		{"the same span twice", []Diagnostic{certainAt(src, 1, 3, "a"), certainAt(src, 1, 3, "a")}, "a"},
		{"an insertion is never certain", []Diagnostic{certainAt(src, 3, 3, "a"), certainAt(src, 5, 6, "b")}, "b"},
		{"suggestions only", []Diagnostic{{Fixes: []Fix{{Kind: FixSuggestion, Edits: []TextEdit{EditSource(src, 0, 1, "x")}}}}}, ""},
		{"refused", []Diagnostic{certainAt(src, 7, 8, "refused"), certainAt(src, 8, 9, "d")}, "d"},
	}
	for _, tt := range tests {
		var got strings.Builder
		for _, f := range pickFixes(tt.diags, func(f Fix) bool { return f.Edits[0].NewText == "refused" }) {
			if f.Kind != FixCertain {
				t.Errorf("%s: picked a %v fix", tt.name, f.Kind)
			}
			got.WriteString(f.Edits[0].NewText)
		}
		if got.String() != tt.want {
			t.Errorf("%s: picked %q, want %q", tt.name, got.String(), tt.want)
		}
	}
}

func TestApplyEditsAndShift(t *testing.T) {
	// the raw bytes have a BOM and CRLF: edits are on raw offsets
	src := render.NewSource("f.md", []byte("\ufeffab\r\ncd  \r\nef"))
	edits := []TextEdit{EditSource(src, 0, 1, "AA"), EditSource(src, 5, 7, "")}
	got, err := applyEdits(src.Raw, edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "\ufeffAAb\r\ncd\r\nef"; string(got) != want {
		t.Errorf("applyEdits = %q, want %q", got, want)
	}
	for _, tt := range []struct{ off, want int }{{0, 0}, {4, 5}, {9, 10}, {13, 12}} {
		if got := shiftOffset(tt.off, edits); got != tt.want {
			t.Errorf("shiftOffset(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
	if _, err := applyEdits([]byte("ab"), []TextEdit{{Span: render.Span{Start: render.Pos{Offset: 1}, End: render.Pos{Offset: 9}}}}); err == nil {
		t.Errorf("an edit past the end of the file applied")
	}
}

func TestExpectText(t *testing.T) {
	src := render.NewSource("f.md", []byte("Hi firstname, and more"))
	whole := render.TextAt(src, src.Text, 0)
	part := render.TextAt(src, src.Text[3:8], 3) // "first": part of an edit's range
	edit := EditSource(src, 3, 12, "%FIRSTNAME%")
	if s, ok := expectText(whole, []TextEdit{edit}); !ok || s != "Hi %FIRSTNAME%, and more" {
		t.Errorf("expectText(whole) = %q, %v", s, ok)
	}
	if _, ok := expectText(part, []TextEdit{edit}); ok {
		t.Errorf("a text holding part of an edited range was foretold")
	}
	other := render.TextAt(src, src.Text[14:], 14)
	if s, ok := expectText(other, []TextEdit{edit}); !ok || s != "and more" {
		t.Errorf("a text the edit does not touch: %q, %v", s, ok)
	}
}
