package render

import (
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Pos is a position in a template's source file. Offset counts bytes of the
// file exactly as it is on disk (a UTF-8 byte order mark and CR bytes
// included); Line and Col are 1-based, Col counting characters (Unicode code
// points) and Col16 counting UTF-16 code units, which is what LSP clients and
// VS Code expect. A byte order mark is not part of line 1's columns.
type Pos struct {
	Offset int
	Line   int
	Col    int
	Col16  int
}

// Span is the half-open range [Start, End) of source a diagnostic is about.
type Span struct {
	Start, End Pos
}

// IsZero reports whether the span was never set.
func (s Span) IsZero() bool { return s.Start.Line == 0 }

// Source is a template file prepared for parsing. Parsers work on Text, a
// normalized copy (no byte order mark, every line ending a single "\n"), and
// convert their offsets into Text back to exact positions in the original
// bytes with Pos and Span. Keeping one normalized copy lets the YAML and
// Markdown parsers, which disagree about CR handling, see the same input.
type Source struct {
	Name string
	// Raw is the file as read. It is read-only: when the file needs no
	// normalizing it shares Text's memory, so a large run keeps one copy
	// of each file, not two.
	Raw []byte
	// Text is Raw without the byte order mark and with CRLF and lone CR
	// turned into LF.
	Text string

	bom        int   // bytes of BOM removed from the front
	removedCR  []int // offsets in Text just after which a CR byte was dropped (CRLF)
	lineStarts []int // offsets in Text where each line starts
	// marks are the columns at every colMarkStep-th byte of long lines,
	// so that a position far along a line is not counted from its start
	marks []colMark
}

// colMark is the column of the character that starts at offset off.
type colMark struct{ off, col, col16 int }

// colMarkStep is how far apart column marks are on a long line: counting
// a column is then at most this many bytes of work, however long the line
// (a one-line 1 MiB body with a finding every few words would otherwise
// cost each finding a scan of the line so far).
const colMarkStep = 256

// NewSource normalizes data for parsing.
func NewSource(name string, data []byte) *Source {
	s := &Source{Name: name, Raw: data}
	text := data
	if len(text) >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
		s.bom = 3
		text = text[3:]
	}
	var b strings.Builder
	if idx := indexCR(text); idx < 0 {
		s.Text = string(text)
		if s.bom == 0 {
			s.Raw = unsafe.Slice(unsafe.StringData(s.Text), len(s.Text))
		}
	} else {
		b.Grow(len(text))
		for i := 0; i < len(text); i++ {
			c := text[i]
			if c != '\r' {
				b.WriteByte(c)
				continue
			}
			if i+1 < len(text) && text[i+1] == '\n' {
				// CRLF: drop the CR, keep the LF.
				s.removedCR = append(s.removedCR, b.Len())
				continue
			}
			b.WriteByte('\n') // lone CR is a line break, as in CommonMark and YAML
		}
		s.Text = b.String()
	}
	s.lineStarts = make([]int, 1, strings.Count(s.Text, "\n")+1)
	for i := 0; i < len(s.Text); {
		k := strings.IndexByte(s.Text[i:], '\n')
		if k < 0 {
			break
		}
		i += k + 1
		s.lineStarts = append(s.lineStarts, i)
	}
	for n, start := range s.lineStarts {
		end := len(s.Text)
		if n+1 < len(s.lineStarts) {
			end = s.lineStarts[n+1]
		}
		if end-start > colMarkStep {
			s.markLine(start, end)
		}
	}
	return s
}

// markLine records the column marks of the line Text[start:end].
func (s *Source) markLine(start, end int) {
	col, col16 := 1, 1
	next := start + colMarkStep
	for i := start; i < end; {
		if i >= next {
			s.marks = append(s.marks, colMark{i, col, col16})
			next = i + colMarkStep
		}
		if s.Text[i] < utf8.RuneSelf {
			// a run of ASCII up to the next mark: a column a byte
			j := i + 1
			for lim := min(end, next); j < lim && s.Text[j] < utf8.RuneSelf; j++ {
			}
			col += j - i
			col16 += j - i
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s.Text[i:end])
		col++
		if r >= 0x10000 && size == 4 {
			col16 += 2
		} else {
			col16++
		}
		i += size
	}
}

func indexCR(b []byte) int {
	for i, c := range b {
		if c == '\r' {
			return i
		}
	}
	return -1
}

// lines is the number of lines in the file.
func (s *Source) lines() int { return len(s.lineStarts) }

// Line returns the text of 1-based line n without its line ending, for
// showing a finding in context.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lineStarts) {
		return ""
	}
	start := s.lineStarts[n-1]
	end := len(s.Text)
	if n < len(s.lineStarts) {
		end = s.lineStarts[n] - 1
	}
	return s.Text[start:end]
}

// Pos converts an offset in Text into a position in the original file.
func (s *Source) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > off }) - 1
	start := s.lineStarts[line]
	col, col16 := 1, 1
	if k := sort.Search(len(s.marks), func(k int) bool { return s.marks[k].off > off }) - 1; k >= 0 && s.marks[k].off >= start {
		start, col, col16 = s.marks[k].off, s.marks[k].col, s.marks[k].col16
	}
	for i := start; i < off; {
		if s.Text[i] < utf8.RuneSelf {
			col++
			col16++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s.Text[i:])
		if i+size > off {
			break // off points inside a character: count it once
		}
		col++
		if r >= 0x10000 && size == 4 {
			col16 += 2
		} else {
			col16++
		}
		i += size
	}
	// Each dropped CR stood just before the LF at its entry's offset, so
	// the CRs before off are the entries below it; an offset at a line end
	// lands before the CR, where an editor puts the end of the line.
	crs := sort.SearchInts(s.removedCR, off)
	return Pos{Offset: off + s.bom + crs, Line: line + 1, Col: col, Col16: col16}
}

// Span converts the range [start, end) of Text into a span of the file.
func (s *Source) Span(start, end int) Span {
	if end < start {
		end = start
	}
	return Span{Start: s.Pos(start), End: s.Pos(end)}
}

// LineSpan spans 1-based line n without its line ending.
func (s *Source) LineSpan(n int) Span {
	if n < 1 || n > len(s.lineStarts) {
		return Span{}
	}
	start := s.lineStarts[n-1]
	return s.Span(start, start+len(s.Line(n)))
}

// Slice returns the file's bytes between two Pos offsets, as written.
func (s *Source) Slice(start, end int) string {
	start = max(0, min(start, len(s.Raw)))
	end = max(start, min(end, len(s.Raw)))
	return string(s.Raw[start:end])
}
