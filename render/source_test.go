package render

import (
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// srcP is shorthand for a position in a table.
func srcP(off, line, col, col16 int) Pos { return Pos{Offset: off, Line: line, Col: col, Col16: col16} }

func TestSourceText(t *testing.T) {
	tests := []struct {
		name, in, want string
		lines          int
	}{
		{"ascii", "ab\ncd", "ab\ncd", 2},
		{"trailing newline", "ab\n", "ab\n", 2},
		{"bom", "\xEF\xBB\xBFab", "ab", 1},
		{"crlf", "ab\r\ncd\r\n", "ab\ncd\n", 3},
		{"lone cr", "a\rb\rc", "a\nb\nc", 3},
		{"cr then crlf", "a\r\r\nb", "a\n\nb", 3},
		{"bom and crlf", "\xEF\xBB\xBF---\r\n", "---\n", 2},
		{"empty", "", "", 1},
		{"bom only", "\xEF\xBB\xBF", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f.md", []byte(tt.in))
			if s.Text != tt.want {
				t.Errorf("Text = %q, want %q", s.Text, tt.want)
			}
			if string(s.Raw) != tt.in {
				t.Errorf("Raw = %q, want the input %q", s.Raw, tt.in)
			}
			if s.lines() != tt.lines {
				t.Errorf("lines() = %d, want %d", s.lines(), tt.lines)
			}
		})
	}
}

func TestSourcePos(t *testing.T) {
	tests := []struct {
		name string
		in   string
		off  int // offset in Text
		want Pos
	}{
		{"ascii start", "ab\ncd", 0, srcP(0, 1, 1, 1)},
		{"ascii line end", "ab\ncd", 2, srcP(2, 1, 3, 3)},
		{"ascii second line", "ab\ncd", 3, srcP(3, 2, 1, 1)},
		{"ascii end of file", "ab\ncd", 5, srcP(5, 2, 3, 3)},
		{"after trailing newline", "ab\n", 3, srcP(3, 2, 1, 1)},

		// é is 2 bytes, 日 and 本 3 each: one column each.
		{"after é", "é日本x", 2, srcP(2, 1, 2, 2)},
		{"after 日", "é日本x", 5, srcP(5, 1, 3, 3)},
		{"after 本", "é日本x", 8, srcP(8, 1, 4, 4)},
		{"after x", "é日本x", 9, srcP(9, 1, 5, 5)},
		{"non-ascii second line", "日\né!", 6, srcP(6, 2, 2, 2)},

		// 😀 is 4 bytes, one character, two UTF-16 units.
		{"before emoji", "a😀b", 1, srcP(1, 1, 2, 2)},
		{"after emoji", "a😀b", 5, srcP(5, 1, 3, 4)},
		{"after two emoji", "😀😀b", 8, srcP(8, 1, 3, 5)},
		{"after emoji and b", "a😀b", 6, srcP(6, 1, 4, 5)},

		// The BOM's 3 bytes count in Offset, not in line 1's columns.
		{"bom start", "\xEF\xBB\xBFab\ncd", 0, srcP(3, 1, 1, 1)},
		{"bom line 1", "\xEF\xBB\xBFab\ncd", 1, srcP(4, 1, 2, 2)},
		{"bom line 2", "\xEF\xBB\xBFab\ncd", 4, srcP(7, 2, 2, 2)},

		// CRLF: Offset counts the CRs before it; the end of a line is
		// before its CR.
		{"crlf line 1 end", "ab\r\ncd\r\nef", 2, srcP(2, 1, 3, 3)},
		{"crlf line 2", "ab\r\ncd\r\nef", 3, srcP(4, 2, 1, 1)},
		{"crlf line 2 end", "ab\r\ncd\r\nef", 5, srcP(6, 2, 3, 3)},
		{"crlf line 3", "ab\r\ncd\r\nef", 6, srcP(8, 3, 1, 1)},
		{"crlf line 3 end", "ab\r\ncd\r\nef", 8, srcP(10, 3, 3, 3)},
		{"crlf empty line", "a\r\n\r\nb", 2, srcP(3, 2, 1, 1)},
		{"crlf after empty line", "a\r\n\r\nb", 3, srcP(5, 3, 1, 1)},
		{"bom crlf non-ascii", "\xEF\xBB\xBFé\r\nx😀y", 4, srcP(8, 2, 2, 2)},
		{"bom crlf after emoji", "\xEF\xBB\xBFé\r\nx😀y", 8, srcP(12, 2, 3, 4)},

		// A lone CR is a line break of one byte.
		{"lone cr line 2", "a\rb\rc", 2, srcP(2, 2, 1, 1)},
		{"lone cr line 3", "a\rb\rc", 4, srcP(4, 3, 1, 1)},
		{"cr then crlf, line 2", "a\r\r\nb", 2, srcP(2, 2, 1, 1)},
		{"cr then crlf, line 3", "a\r\r\nb", 3, srcP(4, 3, 1, 1)},

		// Offsets out of range are clamped.
		{"negative", "ab", -5, srcP(0, 1, 1, 1)},
		{"past the end", "ab\ncd", 99, srcP(5, 2, 3, 3)},
		{"past the end crlf", "ab\r\ncd\r\n", 99, srcP(8, 3, 1, 1)},
		{"past the end bom", "\xEF\xBB\xBFab", 99, srcP(5, 1, 3, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f.md", []byte(tt.in))
			if got := s.Pos(tt.off); got != tt.want {
				t.Errorf("Pos(%d) = %+v, want %+v", tt.off, got, tt.want)
			}
		})
	}
}

func TestSourceSpan(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		start, end int
		want       Span
		raw        string // the bytes of the file the span covers
	}{
		{"ascii word", "hello world", 6, 11, Span{srcP(6, 1, 7, 7), srcP(11, 1, 12, 12)}, "world"},
		{"multi-byte", "Zoë & 日本", 7, 13, Span{srcP(7, 1, 7, 7), srcP(13, 1, 9, 9)}, "日本"},
		{"astral", "😀 ok", 0, 4, Span{srcP(0, 1, 1, 1), srcP(4, 1, 2, 3)}, "😀"},
		{"across crlf", "ab\r\ncd", 1, 4, Span{srcP(1, 1, 2, 2), srcP(5, 2, 2, 2)}, "b\r\nc"},
		{"line end before cr", "ab\r\ncd", 0, 2, Span{srcP(0, 1, 1, 1), srcP(2, 1, 3, 3)}, "ab"},
		{"bom", "\xEF\xBB\xBFhi there", 3, 8, Span{srcP(6, 1, 4, 4), srcP(11, 1, 9, 9)}, "there"},
		{"empty", "abc", 1, 1, Span{srcP(1, 1, 2, 2), srcP(1, 1, 2, 2)}, ""},
		{"end before start", "abc", 2, 1, Span{srcP(2, 1, 3, 3), srcP(2, 1, 3, 3)}, ""},
		{"past the end", "abc", 1, 50, Span{srcP(1, 1, 2, 2), srcP(3, 1, 4, 4)}, "bc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f.md", []byte(tt.in))
			got := s.Span(tt.start, tt.end)
			if got != tt.want {
				t.Errorf("Span(%d, %d) = %+v, want %+v", tt.start, tt.end, got, tt.want)
			}
			if raw := string(s.Raw[got.Start.Offset:got.End.Offset]); raw != tt.raw {
				t.Errorf("span covers %q of the file, want %q", raw, tt.raw)
			}
		})
	}
}

func TestSourceLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // lines 0..len+1: out of range is ""
	}{
		{"lf", "ab\ncd\n", []string{"ab", "cd", ""}},
		{"no final newline", "ab\ncd", []string{"ab", "cd"}},
		{"crlf", "ab\r\ncd\r\n", []string{"ab", "cd", ""}},
		{"lone cr", "ab\rcd", []string{"ab", "cd"}},
		{"bom", "\xEF\xBB\xBFab\n日本", []string{"ab", "日本"}},
		{"blank lines", "a\n\n\nb", []string{"a", "", "", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f.md", []byte(tt.in))
			if s.lines() != len(tt.want) {
				t.Fatalf("lines() = %d, want %d", s.lines(), len(tt.want))
			}
			for i, w := range tt.want {
				if got := s.Line(i + 1); got != w {
					t.Errorf("Line(%d) = %q, want %q", i+1, got, w)
				}
			}
			for _, n := range []int{-1, 0, len(tt.want) + 1} {
				if got := s.Line(n); got != "" {
					t.Errorf("Line(%d) = %q, want \"\"", n, got)
				}
			}
		})
	}
}

func TestSourceLineSpan(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want Span
	}{
		{"first line", "ab\ncd", 1, Span{srcP(0, 1, 1, 1), srcP(2, 1, 3, 3)}},
		{"last line", "ab\ncd", 2, Span{srcP(3, 2, 1, 1), srcP(5, 2, 3, 3)}},
		{"crlf ends before cr", "ab\r\ncd\r\n", 1, Span{srcP(0, 1, 1, 1), srcP(2, 1, 3, 3)}},
		{"crlf second line", "ab\r\ncd\r\n", 2, Span{srcP(4, 2, 1, 1), srcP(6, 2, 3, 3)}},
		{"crlf empty last line", "ab\r\ncd\r\n", 3, Span{srcP(8, 3, 1, 1), srcP(8, 3, 1, 1)}},
		{"bom", "\xEF\xBB\xBFé😀\nx", 1, Span{srcP(3, 1, 1, 1), srcP(9, 1, 3, 4)}},
		{"lone cr", "a\rbc", 2, Span{srcP(2, 2, 1, 1), srcP(4, 2, 3, 3)}},
		{"zero", "ab", 0, Span{}},
		{"past the end", "ab", 2, Span{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSource("f.md", []byte(tt.in))
			got := s.LineSpan(tt.n)
			if got != tt.want {
				t.Errorf("LineSpan(%d) = %+v, want %+v", tt.n, got, tt.want)
			}
			if got.IsZero() != (tt.want == Span{}) {
				t.Errorf("IsZero() = %v", got.IsZero())
			}
		})
	}
}

// TestSourcePosLongLines checks the column marks of long lines against
// counting from the start of the line, at every offset: ASCII, accents,
// emoji (two UTF-16 units), invalid bytes, CRLF line ends, a byte order
// mark and long runs of ASCII, on lines far longer than the distance
// between marks.
func TestSourcePosLongLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeffshort line\r\n")
	pieces := []string{"word ", "café ", "🚀", "\xff", "—", "x"}
	for i := 0; i < 3*colMarkStep; i++ {
		b.WriteString(pieces[i%len(pieces)])
	}
	b.WriteString("\r\n")
	for i := 0; i < 2*colMarkStep+7; i++ {
		b.WriteString("é")
	}
	b.WriteString("\n" + strings.Repeat("ascii", colMarkStep) + "é")
	b.WriteString("\nend")
	src := NewSource("long.md", []byte(b.String()))
	if len(src.marks) == 0 {
		t.Fatal("no column marks on lines longer than colMarkStep")
	}
	for off := 0; off <= len(src.Text); off++ {
		got := src.Pos(off)
		// the reference: count from the line's start
		line := sort.Search(len(src.lineStarts), func(i int) bool { return src.lineStarts[i] > off }) - 1
		col, col16 := 1, 1
		for i := src.lineStarts[line]; i < off; {
			r, size := utf8.DecodeRuneInString(src.Text[i:])
			if i+size > off {
				break
			}
			col++
			col16++
			if r >= 0x10000 && size == 4 {
				col16++
			}
			i += size
		}
		if got.Line != line+1 || got.Col != col || got.Col16 != col16 {
			t.Fatalf("Pos(%d) = line %d col %d col16 %d; counting from the line's start gives %d, %d, %d", off, got.Line, got.Col, got.Col16, line+1, col, col16)
		}
	}
}
