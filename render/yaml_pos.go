package render

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 follows YAML 1.1, which ends a line at NEL (U+0085), LINE
// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) as well as at CR LF,
// CR and LF. Editors, git, GitHub's annotations and inboxlint's own
// positions (Source, fileLineCol) end a line only at the last three, so in
// a file holding one of the others every line yaml.v3 names after it is
// wrong: "x" after a U+2028 on line 3 is on yaml.v3's line 4, which is
// another line of the file, or none. Every YAML input (front matter,
// members, config) converts yaml.v3's positions here before it reports
// one.

// yamlOnlyBreaks are the UTF-8 encodings of the line breaks only YAML takes
// for one.
var yamlOnlyBreaks = [...][]byte{[]byte("\u0085"), []byte("\u2028"), []byte("\u2029")}

// hasYAMLOnlyBreak reports whether data holds NEL, U+2028 or U+2029.
func hasYAMLOnlyBreak(data []byte) bool {
	for _, b := range yamlOnlyBreaks {
		if bytes.Contains(data, b) {
			return true
		}
	}
	return false
}

// yamlLineStart is where a line of yaml.v3's counting starts in the file's:
// the file's line and the column of its first character.
type yamlLineStart struct{ line, col int }

// yamlLineMap lists where each of yaml.v3's lines of data starts in the
// file's lines; entry i is yaml.v3's line i+1. It always has an entry: the
// text after the last break is a line too, even when empty.
func yamlLineMap(data []byte) []yamlLineStart {
	m := []yamlLineStart{{1, 1}}
	line, col := 1, 1
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\r' || c == '\n':
			if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			i++
			line, col = line+1, 1
			m = append(m, yamlLineStart{line, col})
			continue
		case c < utf8.RuneSelf:
			i++
			col++
			continue
		}
		_, size := utf8.DecodeRune(data[i:])
		isBreak := false
		for _, b := range yamlOnlyBreaks {
			isBreak = isBreak || bytes.HasPrefix(data[i:], b)
		}
		i += size
		col++
		if isBreak {
			m = append(m, yamlLineStart{line, col})
		}
	}
	return m
}

// yamlFilePos converts yaml.v3's 1-based line and column (in characters)
// to the file's, through m. A line past the end is the last line.
func yamlFilePos(m []yamlLineStart, line, col int) (int, int) {
	if line < 1 {
		return line, col
	}
	s := m[min(line, len(m))-1]
	return s.line, s.col + max(col, 1) - 1
}

// FixYAMLPositions rewrites the Line and Column of every node of doc, which
// yaml.v3 parsed from data, from yaml.v3's counting of lines to the file's
// (see above), so that whatever reports a node's position, or decodes one
// into an error naming its line, names the file's. It costs nothing when
// data holds none of the breaks only YAML knows, where the two agree:
// columns count characters in both.
func FixYAMLPositions(doc *yaml.Node, data []byte) {
	if doc == nil || !hasYAMLOnlyBreak(data) {
		return
	}
	m := yamlLineMap(data)
	// the node tree is a tree: an alias points at its anchor, which is a
	// node of the tree in its own place, and is not walked through
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Line > 0 {
			n.Line, n.Column = yamlFilePos(m, n.Line, n.Column)
		}
		stack = append(stack, n.Content...)
	}
}

// fileLineCol is the 1-based line and column (in characters) of byte
// offset off of data, with lines ending at CR LF, a lone CR or LF: the
// positions inboxlint reports in a members file, as Source does in a
// template.
func fileLineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if c := data[i]; c == '\n' || c == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}
