package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// textSrc is the source the Text tests map into:
//
//	offset 0         1
//	       01234567890123 4567
//	       abc \u00e9 def⏎ghi
const textSrc = "abc \\u00e9 def\nghi"

// textOffsets is the span of textSrc[s:e] in textSrc (no BOM, no CR: the
// offsets are the same in the file).
func textOffsets(sp Span) (int, int) { return sp.Start.Offset, sp.End.Offset }

// buildText assembles "abcé defghi": "abc" exact at 0, "é" mapped from the
// escape at 4..10, " def" exact at 10, "ghi" exact at 15 (not adjacent in the
// source, so a new segment).
func buildText(src *Source) Text {
	b := newTextBuilder(src, 0, len(src.Text))
	b.Exact("abc", 0)
	b.Mapped("é", 4, 10)
	b.Exact(" def", 10)
	b.Exact("ghi", 15)
	return b.Done()
}

func TestTextBuilder(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	txt := buildText(src)
	if want := "abcé defghi"; txt.S != want {
		t.Fatalf("S = %q, want %q", txt.S, want)
	}
	if txt.source() != src {
		t.Errorf("Source() is not the builder's source")
	}
	if got, want := txt.Anchor(), src.Span(0, len(src.Text)); got != want {
		t.Errorf("Anchor() = %+v, want %+v", got, want)
	}
	// S: a b c é(2 bytes) ␠ d e f g h i
	//    0 1 2 3         5 6 7 8 9 10 11
	tests := []struct {
		name       string
		i, j       int
		start, end int // offsets into textSrc
		line, col  int // of the start
	}{
		{"whole", 0, len(txt.S), 0, 18, 1, 1},
		{"inside the first exact segment", 1, 2, 1, 2, 1, 2},
		{"the first exact segment", 0, 3, 0, 3, 1, 1},
		{"the mapped character", 3, 5, 4, 10, 1, 5},
		{"half of the mapped character", 3, 4, 4, 10, 1, 5},
		{"exact into mapped", 1, 5, 1, 10, 1, 2},
		{"mapped into exact", 3, 7, 4, 12, 1, 5},
		{"inside a later exact segment", 6, 8, 11, 13, 1, 12},
		{"across non-adjacent exact segments", 7, 10, 12, 16, 1, 13},
		{"the last segment, on line 2", 9, 12, 15, 18, 2, 1},
		{"inside the last segment", 10, 11, 16, 17, 2, 2},
		{"empty inside exact", 2, 2, 2, 2, 1, 3},
		{"empty at the start of an exact segment", 5, 5, 10, 10, 1, 11},
		{"empty inside mapped", 4, 4, 4, 10, 1, 5},
		{"empty at the end", 12, 12, 18, 18, 2, 4},
		{"clamped past the end", 10, 99, 16, 18, 2, 2},
		{"clamped before the start", -3, 2, 0, 2, 1, 1},
		{"reversed", 5, 2, 10, 10, 1, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := txt.SrcRange(tt.i, tt.j)
			if s != tt.start || e != tt.end {
				t.Errorf("SrcRange(%d, %d) = %d, %d, want %d, %d", tt.i, tt.j, s, e, tt.start, tt.end)
			}
			sp := txt.Span(tt.i, tt.j)
			if s, e := textOffsets(sp); s != tt.start || e != tt.end {
				t.Errorf("Span(%d, %d) offsets = %d, %d, want %d, %d", tt.i, tt.j, s, e, tt.start, tt.end)
			}
			if sp.Start.Line != tt.line || sp.Start.Col != tt.col {
				t.Errorf("Span(%d, %d) starts at %d:%d, want %d:%d", tt.i, tt.j, sp.Start.Line, sp.Start.Col, tt.line, tt.col)
			}
		})
	}
}

func TestTextBuilderMergesAdjacentExact(t *testing.T) {
	src := NewSource("f.md", []byte("abcdef"))
	b := newTextBuilder(src, 0, 6)
	b.Exact("ab", 0)
	b.Exact("", 2) // nothing: no segment
	b.Exact("cd", 2)
	if b.Len() != 4 {
		t.Errorf("Len() = %d, want 4", b.Len())
	}
	txt := b.Done()
	if txt.S != "abcd" {
		t.Fatalf("S = %q", txt.S)
	}
	if len(txt.segs) != 1 {
		t.Errorf("adjacent exact copies make %d segments, want 1", len(txt.segs))
	}
	if s, e := txt.SrcRange(1, 3); s != 1 || e != 3 {
		t.Errorf("SrcRange(1, 3) = %d, %d, want 1, 3", s, e)
	}
}

func TestTextEmpty(t *testing.T) {
	src := NewSource("f.md", []byte("subject: \nbody"))
	tests := []struct {
		name       string
		txt        Text
		start, end int
	}{
		{"TextAt empty", TextAt(src, "", 9), 9, 9},
		{"builder with nothing", newTextBuilder(src, 2, 7).Done(), 2, 7},
		{"builder with an empty mapped segment", func() Text {
			b := newTextBuilder(src, 0, 14)
			b.Mapped("", 10, 14)
			return b.Done()
		}(), 10, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.txt.S != "" {
				t.Fatalf("S = %q, want empty", tt.txt.S)
			}
			s, e := textOffsets(tt.txt.Span(0, 0))
			if s != tt.start || e != tt.end {
				t.Errorf("Span(0, 0) = %d..%d, want %d..%d", s, e, tt.start, tt.end)
			}
		})
	}
	if sp := (Text{S: "x"}).Span(0, 1); sp != (Span{}) {
		t.Errorf("a Text without a source has span %+v, want the zero span", sp)
	}
	if sp := (Text{}).Anchor(); sp != (Span{}) {
		t.Errorf("a Text without a source has anchor %+v, want the zero span", sp)
	}
}

func TestTextAt(t *testing.T) {
	src := NewSource("f.md", []byte("\xEF\xBB\xBFsubject: Hi 😀 there\r\n"))
	// "Hi 😀 there" starts at Text offset 9.
	txt := TextAt(src, "Hi 😀 there", 9)
	tests := []struct {
		i, j              int
		raw               string
		startCol, endCol  int
		startCol16, end16 int
	}{
		{0, 2, "Hi", 10, 12, 10, 12},
		{3, 7, "😀", 13, 14, 13, 15},
		{8, 13, "there", 15, 20, 16, 21},
	}
	for _, tt := range tests {
		sp := txt.Span(tt.i, tt.j)
		if raw := string(src.Raw[sp.Start.Offset:sp.End.Offset]); raw != tt.raw {
			t.Errorf("Span(%d, %d) covers %q, want %q", tt.i, tt.j, raw, tt.raw)
		}
		if sp.Start.Col != tt.startCol || sp.End.Col != tt.endCol || sp.Start.Col16 != tt.startCol16 || sp.End.Col16 != tt.end16 {
			t.Errorf("Span(%d, %d) columns = %d-%d (UTF-16 %d-%d), want %d-%d (%d-%d)", tt.i, tt.j,
				sp.Start.Col, sp.End.Col, sp.Start.Col16, sp.End.Col16, tt.startCol, tt.endCol, tt.startCol16, tt.end16)
		}
	}
	if got, want := txt.Anchor(), src.Span(9, 9+len(txt.S)); got != want {
		t.Errorf("Anchor() = %+v, want %+v", got, want)
	}
	// The anchor ends before the CR of the CRLF.
	if end := txt.Anchor().End.Offset; end != len(src.Raw)-2 {
		t.Errorf("anchor ends at byte %d, want %d (before the CR)", end, len(src.Raw)-2)
	}
}

func TestTextSlice(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	txt := buildText(src)
	tests := []struct {
		name  string
		i, j  int
		want  string
		spans [][4]int // i, j in the slice, want start, end offsets
	}{
		{"across segments", 2, 9, "cé def", [][4]int{{0, 1, 2, 3}, {1, 3, 4, 10}, {3, 7, 10, 14}, {0, 7, 2, 14}}},
		{"exact only", 5, 11, " defgh", [][4]int{{1, 4, 11, 14}, {4, 6, 15, 17}}},
		{"the mapped part", 3, 5, "é", [][4]int{{0, 2, 4, 10}, {1, 2, 4, 10}}},
		{"empty", 4, 4, "", [][4]int{{0, 0, 0, 18}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sl := txt.slice(tt.i, tt.j)
			if sl.S != tt.want {
				t.Fatalf("Slice(%d, %d).S = %q, want %q", tt.i, tt.j, sl.S, tt.want)
			}
			// a non-empty slice is anchored where it came from; an empty
			// one keeps the whole field's anchor
			wantAnchor := txt.Anchor()
			if tt.i < tt.j {
				wantAnchor = txt.Span(tt.i, tt.j)
			}
			if sl.Anchor() != wantAnchor {
				t.Errorf("Slice's anchor %+v, want %+v", sl.Anchor(), wantAnchor)
			}
			for _, c := range tt.spans {
				s, e := textOffsets(sl.Span(c[0], c[1]))
				if s != c[2] || e != c[3] {
					t.Errorf("Slice.Span(%d, %d) = %d..%d, want %d..%d", c[0], c[1], s, e, c[2], c[3])
				}
			}
			// A slice's spans agree with the original's.
			if len(tt.want) > 0 {
				if a, b := sl.Span(0, len(sl.S)), txt.Span(tt.i, tt.j); a != b {
					t.Errorf("Slice.Span(all) = %+v, original Span(%d, %d) = %+v", a, tt.i, tt.j, b)
				}
			}
		})
	}
}

func TestTextBuilderText(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	orig := buildText(src)
	// Compose: "<" + orig[1:6] + ">" with the brackets mapped elsewhere.
	b := newTextBuilder(src, 0, 18)
	b.Mapped("<", 15, 16)
	b.Text(orig, 1, 6)
	b.Text(orig, 6, 6) // empty: nothing
	b.Mapped(">", 17, 18)
	txt := b.Done()
	if want := "<bcé >"; txt.S != want {
		t.Fatalf("S = %q, want %q", txt.S, want)
	}
	tests := []struct{ i, j, start, end int }{
		{0, 1, 15, 16}, // "<"
		{1, 3, 1, 3},   // "bc"
		{3, 5, 4, 10},  // "é"
		{5, 6, 10, 11}, // " "
		{6, 7, 17, 18}, // ">"
		{1, 6, 1, 11},  // "bcé "
		{0, 7, 15, 18}, // all: starts at "<"'s source, ends at ">"'s
	}
	for _, tt := range tests {
		if s, e := txt.SrcRange(tt.i, tt.j); s != tt.start || e != tt.end {
			t.Errorf("SrcRange(%d, %d) = %d, %d, want %d, %d", tt.i, tt.j, s, e, tt.start, tt.end)
		}
	}
}

func TestTextOutRanges(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	txt := buildText(src) // "abcé defghi": abc@0, é from 4..10, " def"@10, ghi@15
	tests := []struct {
		name       string
		start, end int // into textSrc
		want       [][2]int
	}{
		{"inside an exact segment", 1, 2, [][2]int{{1, 2}}},
		{"a whole exact segment", 0, 3, [][2]int{{0, 3}}},
		{"part of the escape gives the whole character", 5, 6, [][2]int{{3, 5}}},
		{"the escape", 4, 10, [][2]int{{3, 5}}},
		{"exact into the escape, merged", 1, 5, [][2]int{{1, 5}}},
		{"the escape into exact, merged", 6, 12, [][2]int{{3, 7}}},
		{"the space between abc and the escape came from nowhere", 3, 4, nil},
		{"the line break was dropped", 14, 15, nil},
		{"across the dropped line break, touching in S: merged", 13, 16, [][2]int{{8, 10}}},
		{"text, escape and text in a row: one range", 1, 12, [][2]int{{1, 7}}},
		{"everything", 0, len(textSrc), [][2]int{{0, 12}}},
		{"empty", 2, 2, nil},
		{"reversed", 5, 2, nil},
		{"past the end", 40, 50, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := txt.OutRanges(tt.start, tt.end)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("OutRanges(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
			}
		})
	}
	// a {{ range }} repeats its literal text: each copy is a range
	b := newTextBuilder(src, 0, len(src.Text))
	b.Exact("abc", 0)
	b.Mapped("é", 4, 10)
	b.Exact("abc", 0)
	if got, want := b.Done().OutRanges(1, 3), [][2]int{{1, 3}, {6, 8}}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("OutRanges of repeated text = %v, want %v", got, want)
	}
	if got := (Text{}).OutRanges(0, 5); got != nil {
		t.Errorf("OutRanges of a Text with no map = %v, want nil", got)
	}
}

// TestTextOutRangesThroughStages maps source spans through both rendering
// stages, an action in one variant and macros filled for a member, and
// checks the round trip with SrcRange: every byte of the personalized
// text is found again from the source it came from.
func TestTextOutRangesThroughStages(t *testing.T) {
	in := "---\nformat: message\nsender: Dana\nsubject: \"%FIRSTNAME%, {{ .hook }} at %COMPANYNAME%\"\n" +
		"vars:\n  hook: a seat\nvariants:\n  - name: a\n  - name: b\n    hook: \"%FIRSTNAME% again\"\n---\n" +
		"Hi %FIRSTNAME%,\n\nTODO: {{ .hook | upper }} for %COMPANYNAME%.\n\n- [Go](https://x.example)\n"
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("parse problems: %q", problemStrings(tp.Problems))
	}
	vs, ps := tp.Render(sandbox.DefaultLimits)
	if len(ps) > 0 || len(vs) != 2 {
		t.Fatalf("render: %d variants, problems %q", len(vs), problemStrings(ps))
	}
	m := &Member{FirstName: "Zoë", CompanyName: "Acme & Co"}
	src := tp.Source.Text
	at := func(s string) (int, int) {
		i := strings.Index(src, s)
		if i < 0 {
			t.Fatalf("%q not in the source", s)
		}
		return i, i + len(s)
	}
	cut := func(s string, rs [][2]int) []string {
		var out []string
		for _, r := range rs {
			out = append(out, s[r[0]:r[1]])
		}
		return out
	}
	tests := []struct {
		name    string
		variant int
		field   func(v *Variant) Text
		span    string // the source text the finding is on
		want    []string
	}{
		{"a macro gives the member's value", 0, func(v *Variant) Text { return v.Subject }, "%COMPANYNAME%\"", []string{"Acme & Co"}},
		{"an action gives its output", 0, func(v *Variant) Text { return v.Subject }, "{{ .hook }}", []string{"a seat"}},
		{"an action that printed a macro gives the filled value", 1, func(v *Variant) Text { return v.Subject }, "{{ .hook }}", []string{"Zoë again"}},
		{"part of a macro gives the whole value", 0, func(v *Variant) Text { return v.Subject }, "FIRST", []string{"Zoë"}},
		{"exact copy in the body", 0, func(v *Variant) Text { return v.Messages[0].Body }, "TODO", []string{"TODO"}},
		{"a span over text, an action and a macro", 0, func(v *Variant) Text { return v.Messages[0].Body }, "TODO: {{ .hook | upper }} for %COMPANYNAME%", []string{"TODO: A SEAT for Acme & Co"}},
		{"a span in another field is not in this one", 0, func(v *Variant) Text { return v.Subject }, "TODO", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt := Personalize(tt.field(vs[tt.variant]), m)
			s, e := at(tt.span)
			if tt.span == "%COMPANYNAME%\"" {
				e-- // without the closing quote
			}
			if got := cut(pt.S, pt.OutRanges(s, e)); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("OutRanges(%q) in %q = %q, want %q", tt.span, pt.S, got, tt.want)
			}
		})
	}
	// round trip: each byte's source range leads back to a range holding it
	for vi, v := range vs {
		for _, txt := range []Text{v.Subject, v.Messages[0].Body} {
			pt := Personalize(txt, m)
			for i := 0; i < len(pt.S); i++ {
				s, e := pt.SrcRange(i, i+1)
				found := false
				for _, r := range pt.OutRanges(s, e) {
					if r[0] <= i && i < r[1] {
						found = true
					}
				}
				if !found && s < e {
					t.Errorf("variant %d %q: byte %d maps to source %d..%d, whose OutRanges %v miss it", vi, pt.S, i, s, e, pt.OutRanges(s, e))
				}
			}
		}
	}
}

// TestTextBuilderTextManySegments: copying sub-ranges of a text made of
// many segments keeps every byte's map, wherever the range starts (the
// builder finds the first segment by binary search).
func TestTextBuilderTextManySegments(t *testing.T) {
	src := NewSource("f.md", []byte(strings.Repeat("ab{{x}}", 50)))
	b := newTextBuilder(src, 0, len(src.Text))
	for k := 0; k < 50; k++ {
		b.Exact("ab", 7*k)
		b.Mapped("", 7*k+2, 7*k+7) // an action that printed nothing
		b.Mapped("XY", 7*k+2, 7*k+7)
	}
	orig := b.Done()
	for i := 0; i <= len(orig.S); i++ {
		for j := i; j <= len(orig.S); j += 3 {
			c := newTextBuilder(src, 0, len(src.Text))
			c.Text(orig, i, j)
			got := c.Done()
			if got.S != orig.S[i:j] {
				t.Fatalf("Text(%d, %d) = %q, want %q", i, j, got.S, orig.S[i:j])
			}
			for k := 0; k < len(got.S); k++ {
				gs, ge := got.SrcRange(k, k+1)
				ws, we := orig.SrcRange(i+k, i+k+1)
				if gs != ws || ge != we {
					t.Fatalf("Text(%d, %d): byte %d maps to %d..%d, in the original %d..%d", i, j, k, gs, ge, ws, we)
				}
			}
		}
	}
}

func TestTextEqualAndKey(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	a, b := buildText(src), buildText(src)
	if !a.Equal(b) {
		t.Error("two texts built alike are not Equal")
	}
	if a.Key() == b.Key() {
		t.Error("texts built apart have the same key: a key must not cost a hash of the text")
	}
	if c := a; c.Key() != a.Key() || !c.Equal(a) {
		t.Error("a copy of a text has another key, or is not Equal")
	}
	other := newTextBuilder(src, 0, len(src.Text))
	other.Mapped("abcé defghi", 0, 18) // the same text, another map
	if o := other.Done(); o.S != a.S || o.Equal(a) {
		t.Errorf("%q with another map Equal to %q", o.S, a.S)
	}
	if at := TextAt(src, "abc", 0); at.Equal(TextAt(src, "abc", 0).slice(0, 2)) || !at.Equal(TextAt(src, "abc", 0)) {
		t.Error("TextAt: Equal does not follow the text and the field")
	}
	if x, y := TextAt(src, src.Text[15:18], 15), TextAt(src, src.Text[15:18], 15); x.Key() != y.Key() || !x.Equal(y) {
		t.Error("the same bytes of the source in the same field have different keys")
	}
}

func TestTextExactRange(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	txt := buildText(src) // "abc" exact@0, "é" mapped 4..10, " def" exact@10, "ghi" exact@15
	tests := []struct {
		name       string
		i, j       int
		start, end int
		ok         bool
	}{
		{"inside the first exact segment", 1, 3, 1, 3, true},
		{"a whole exact segment", 5, 9, 10, 14, true},
		{"the last segment", 9, 12, 15, 18, true},
		{"the mapped character", 3, 5, 0, 0, false},
		{"exact into mapped", 1, 5, 0, 0, false},
		{"mapped into exact", 3, 7, 0, 0, false},
		{"across segments apart in the source", 7, 10, 0, 0, false},
		{"empty", 2, 2, 0, 0, false},
		{"reversed", 5, 2, 0, 0, false},
		{"past the end", 10, 99, 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := txt.ExactRange(tt.i, tt.j)
		if ok != tt.ok || ok && (s != tt.start || e != tt.end) {
			t.Errorf("%s: ExactRange(%d, %d) = %d, %d, %v, want %d, %d, %v", tt.name, tt.i, tt.j, s, e, ok, tt.start, tt.end, tt.ok)
		}
		if ok && txt.S[tt.i:tt.j] != src.Text[s:e] {
			t.Errorf("%s: %q is not the source's %q", tt.name, txt.S[tt.i:tt.j], src.Text[s:e])
		}
	}
	// adjacent exact copies merged by the builder, and two exact segments
	// that touch in the source as well as in the text
	b := newTextBuilder(src, 0, len(src.Text))
	b.Exact("abc", 0)
	b.Mapped("", 3, 3)
	b.Exact(" ", 3)
	two := b.Done()
	if _, _, ok := two.ExactRange(1, 4); ok {
		t.Errorf("a range across an empty produced piece is exact")
	}
	if s, e, ok := TextAt(src, "abc", 0).ExactRange(0, 3); !ok || s != 0 || e != 3 {
		t.Errorf("TextAt's ExactRange(0, 3) = %d, %d, %v", s, e, ok)
	}
}
