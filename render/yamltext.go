package render

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// scalarText builds the Text of a YAML scalar whose value starts at start in
// src.Text and ends before limit. It re-reads the scalar's source with the
// YAML rules for its style so that every character of the value maps to the
// characters that wrote it; should the re-reading disagree with the YAML
// parser, the whole value maps to its whole source, which is still right,
// only less precise.
func scalarText(src *Source, v *yaml.Node, start, limit int) Text {
	// limit comes from the line of the next key, which in a flow mapping
	// ({format: message, subject: Hi}) is the value's own line, before it:
	// read to the end of the line instead.
	if limit < start {
		limit = start
		if i := strings.IndexByte(src.Text[start:], '\n'); i >= 0 {
			limit += i
		} else {
			limit = len(src.Text)
		}
	}
	raw := src.Text[start:limit]
	var t Text
	var ok bool
	switch v.Style {
	case yaml.DoubleQuotedStyle:
		t, ok = quotedText(src, raw, start, '"')
	case yaml.SingleQuotedStyle:
		t, ok = quotedText(src, raw, start, '\'')
	case yaml.LiteralStyle, yaml.FoldedStyle:
		t, ok = blockText(src, raw, start, v.Style == yaml.FoldedStyle)
	default:
		t, ok = plainText(src, raw, start)
	}
	if ok && t.S == v.Value {
		return t
	}
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
		!strings.Contains(v.Value, "\n") && strings.HasPrefix(raw, v.Value) {
		// A plain scalar on one line is a verbatim copy of its source,
		// wherever it ends (a flow mapping's "," or "}").
		return TextAt(src, v.Value, start)
	}
	end := start + len(strings.TrimRight(raw, " \t\n"))
	b := newTextBuilder(src, start, end)
	b.Mapped(v.Value, start, end)
	return b.Done()
}

// plainText reads a plain scalar: lines folded with single spaces, a
// trailing comment dropped.
func plainText(src *Source, raw string, start int) (Text, bool) {
	lines := strings.Split(raw, "\n")
	b := newTextBuilder(src, start, start)
	off := start
	pendingBreaks := 0
	lastEnd := start
	for i, line := range lines {
		lineOff := off
		off += len(line) + 1
		content := line
		lead := 0
		if i > 0 {
			lead = len(content) - len(strings.TrimLeft(content, " \t"))
			if lead == 0 && content != "" {
				// A line at column 0 cannot continue a top-level value:
				// it is the closing --- fence (or a comment).
				break
			}
			content = content[lead:]
		}
		content = content[:plainCommentAt(content, i > 0)]
		content = strings.TrimRight(content, " \t")
		if content == "" {
			if b.Len() > 0 {
				pendingBreaks++
			}
			continue
		}
		if b.Len() > 0 {
			if pendingBreaks == 0 {
				b.Mapped(" ", lastEnd, lineOff+lead)
			} else {
				b.Mapped(strings.Repeat("\n", pendingBreaks), lastEnd, lineOff+lead)
			}
		}
		pendingBreaks = 0
		b.Exact(content, lineOff+lead)
		lastEnd = lineOff + lead + len(content)
	}
	t := b.Done()
	t.anchorEnd = lastEnd
	return t, true
}

// plainCommentAt is where a comment starts in one line of a plain scalar:
// a "#" after a space or tab, or at the start of a continuation line; the
// length of line when there is none. "C#" and "#1" are text.
func plainCommentAt(line string, continuation bool) int {
	for j := 0; j < len(line); j++ {
		if line[j] == '#' && (j == 0 && continuation || j > 0 && (line[j-1] == ' ' || line[j-1] == '\t')) {
			return j
		}
	}
	return len(line)
}

// quotedText reads a single- or double-quoted scalar.
func quotedText(src *Source, raw string, start int, q byte) (Text, bool) {
	if raw == "" || raw[0] != q {
		return Text{}, false
	}
	b := newTextBuilder(src, start, start)
	i := 1
	for i < len(raw) {
		c := raw[i]
		switch {
		case c == q && q == '\'' && i+1 < len(raw) && raw[i+1] == '\'':
			b.Mapped("'", start+i, start+i+2)
			i += 2
		case c == q:
			t := b.Done()
			t.anchorEnd = start + i + 1
			return t, true
		case c == '\\' && q == '"' && i+1 < len(raw) && raw[i+1] == '\n':
			// An escaped line break joins the lines: the break and the
			// next line's indentation are dropped.
			j := i + 2
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t') {
				j++
			}
			i = j
		case c == '\\' && q == '"':
			s, n, ok := yamlEscape(raw[i:])
			if !ok {
				return Text{}, false
			}
			b.Mapped(s, start+i, start+i+n)
			i += n
		case c == '\n' || c == ' ' || c == '\t':
			// Whitespace: spaces before a line break are dropped and the
			// break folds into a space (or into n-1 newlines for n breaks).
			j := i
			for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t') {
				j++
			}
			if j < len(raw) && raw[j] == '\n' {
				breaks := 0
				for j < len(raw) && (raw[j] == '\n' || raw[j] == ' ' || raw[j] == '\t') {
					if raw[j] == '\n' {
						breaks++
					}
					j++
				}
				s := " "
				if breaks > 1 {
					s = strings.Repeat("\n", breaks-1)
				}
				b.Mapped(s, start+i, start+j)
				i = j
				continue
			}
			b.Exact(raw[i:j], start+i)
			i = j
		default:
			j := i + 1
			for j < len(raw) && raw[j] != q && raw[j] != '\\' && raw[j] != '\n' && raw[j] != ' ' && raw[j] != '\t' {
				j++
			}
			b.Exact(raw[i:j], start+i)
			i = j
		}
	}
	return Text{}, false
}

// yamlEscape decodes one double-quoted escape at the start of s.
func yamlEscape(s string) (string, int, bool) {
	if len(s) < 2 {
		return "", 0, false
	}
	simple := map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	if r, ok := simple[s[1]]; ok {
		return r, 2, true
	}
	n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[1]]
	if n == 0 || len(s) < 2+n {
		return "", 0, false
	}
	v, err := strconv.ParseUint(s[2:2+n], 16, 32)
	if err != nil {
		return "", 0, false
	}
	return string(rune(v)), 2 + n, true
}

// blockText reads a literal (|) or folded (>) block scalar.
func blockText(src *Source, raw string, start int, folded bool) (Text, bool) {
	nl := strings.IndexByte(raw, '\n')
	if nl < 0 {
		return Text{}, false
	}
	header := raw[:nl]
	if h := strings.IndexByte(header, '#'); h >= 0 {
		header = header[:h] // "| # a comment" is not a chomping indicator
	}
	chomp := byte(0)
	if strings.ContainsRune(header, '-') {
		chomp = '-'
	} else if strings.ContainsRune(header, '+') {
		chomp = '+'
	}
	body := raw[nl+1:]
	lines := strings.Split(body, "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		indent = len(l) - len(strings.TrimLeft(l, " "))
		break
	}
	if indent <= 0 {
		return Text{}, false
	}
	b := newTextBuilder(src, start, start)
	off := start + nl + 1
	type piece struct {
		text string
		at   int
		more bool // more-indented line: folding keeps its breaks
	}
	var pieces []piece
	blanks := []int{} // blank lines before each piece
	blank := 0
	lastEnd := off
	for _, l := range lines {
		lineOff := off
		off += len(l) + 1
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if len(l)-len(strings.TrimLeft(l, " ")) < indent {
			break
		}
		pieces = append(pieces, piece{text: l[indent:], at: lineOff + indent, more: l[indent] == ' ' || l[indent] == '\t'})
		blanks = append(blanks, blank)
		blank = 0
		lastEnd = lineOff + len(l)
	}
	for i, p := range pieces {
		if i > 0 {
			prev := pieces[i-1]
			gapStart := prev.at + len(prev.text)
			switch {
			case folded && blanks[i] == 0 && !p.more && !prev.more:
				b.Mapped(" ", gapStart, p.at)
			case folded && !p.more && !prev.more:
				b.Mapped(strings.Repeat("\n", blanks[i]), gapStart, p.at)
			default:
				b.Mapped(strings.Repeat("\n", blanks[i]+1), gapStart, p.at)
			}
		}
		b.Exact(p.text, p.at)
	}
	if len(pieces) > 0 && chomp != '-' {
		last := pieces[len(pieces)-1]
		n := 1
		if chomp == '+' {
			n += blank
		}
		b.Mapped(strings.Repeat("\n", n), last.at+len(last.text), lastEnd)
	}
	t := b.Done()
	t.anchorEnd = lastEnd
	return t, true
}
