package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// checkYAMLPositions says what is wrong with the positions of doc, which
// yaml.v3 parsed from data and FixYAMLPositions converted: every plain
// one-word scalar whose text occurs once in data must be at that text's
// line and column in the file's counting (fileLineCol), unless a tag or an
// anchor is written before it, where its node starts.
func checkYAMLPositions(doc *yaml.Node, data []byte) string {
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		stack = append(stack, n.Content...)
		if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Value == "" || strings.ContainsAny(n.Value, " \t\r\n\u0085\u2028\u2029#:,[]{}") ||
			bytes.Count(data, []byte(n.Value)) != 1 {
			continue
		}
		at := bytes.Index(data, []byte(n.Value))
		if before := bytes.Fields(data[:at]); len(before) > 0 {
			if w := bytes.TrimLeft(before[len(before)-1], "[{,-?:"); len(w) > 0 && (w[0] == '!' || w[0] == '&') {
				continue
			}
		}
		line, col := fileLineCol(data, at)
		if n.Line != line || n.Column != col {
			return fmt.Sprintf("%q is at %d:%d, reported at %d:%d", n.Value, line, col, n.Line, n.Column)
		}
	}
	return ""
}

// yaml.v3 ends lines at NEL, U+2028 and U+2029 too; after
// FixYAMLPositions every node is where the file's lines put it, whatever
// the mix of breaks, characters and structure before it.
func TestFixYAMLPositions(t *testing.T) {
	for _, in := range []string{
		"a: 1\u2028bee: 2\n",
		"a: 1\u0085bee: 2\u2029cee: 3\n",
		"a: 1\r\n\u2028bee: x\rcee: y\u2028dee: z",
		"# a comment\u2028 still\nkey: value\n",
		"list:\u2028  - one\u2028  - two\n  - three\n",
		"{alpha: 1,\u2028 beta: [gamma,\u2029delta]}\n",
		"é: ü\u2028ßx: 日本\u2028€k: 😀v\n",
		"q: \"quoted\u2028text\"\nafter: here\n",
		"blk: |\n  line\u2028more\nnext: key\n",
		"\tx: 1\n",
		"anchor: &A val\u2028ref: *A\nlast: end\n",
	} {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(in), &doc); err != nil {
				t.Skipf("not YAML: %v", err)
			}
			FixYAMLPositions(&doc, []byte(in))
			if msg := checkYAMLPositions(&doc, []byte(in)); msg != "" {
				t.Error(msg)
			}
		})
	}
	// without the breaks only YAML knows, yaml.v3's positions are the
	// file's already and are left as they are
	var doc yaml.Node
	in := []byte("a: 1\r\nbee: 2\rcee: é\n")
	if err := yaml.Unmarshal(in, &doc); err != nil {
		t.Fatal(err)
	}
	FixYAMLPositions(&doc, in)
	if msg := checkYAMLPositions(&doc, in); msg != "" {
		t.Error(msg)
	}
}

// FuzzFixYAMLPositions checks the invariant of TestFixYAMLPositions on any
// YAML: every plain one-word scalar found once in the input is reported at
// its line and column.
func FuzzFixYAMLPositions(f *testing.F) {
	for _, s := range []string{
		"a: 1\u2028bee: 2\n", "x:\u0085  - y\u2029  - z\r\n", "{k: [v,\u2028w]}", "é\u2028: ü\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) || bytes.HasPrefix(data, []byte("\xFF\xFE")) {
			return
		}
		FixYAMLPositions(&doc, data)
		if msg := checkYAMLPositions(&doc, data); msg != "" {
			t.Fatal(msg)
		}
	})
}

// The file's lines end at CR LF, a lone CR and LF, never at the breaks only
// YAML knows; columns count characters.
func TestFileLineCol(t *testing.T) {
	data := []byte("ab\r\ncé\rd\u2028e\nf")
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {4, 2, 1}, {7, 2, 3}, {8, 3, 1}, {9, 3, 2}, {12, 3, 3}, {14, 4, 1}, {99, 4, 2}, {-1, 1, 1},
	} {
		if line, col := fileLineCol(data, tt.off); line != tt.line || col != tt.col {
			t.Errorf("fileLineCol(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// fileLineLengths is the length in characters of each of data's lines, in
// the file's counting of them (fileLineCol).
func fileLineLengths(data []byte) []int {
	lens := []int{0}
	for i := 0; i < len(data); {
		switch c := data[i]; {
		case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
		case c == '\n' || c == '\r':
			lens = append(lens, 0)
			i++
		default:
			_, size := utf8.DecodeRune(data[i:])
			lens[len(lens)-1]++
			i += size
		}
	}
	return lens
}

// filePosProblem says what is wrong with line:col as a position of data
// (line 0 means none, and then col must be 0; col 0 means the whole line),
// or "".
func filePosProblem(data []byte, line, col int) string {
	lens := fileLineLengths(data)
	switch {
	case line == 0 && col == 0:
		return ""
	case line < 1 || line > len(lens):
		return fmt.Sprintf("line %d is not one of the %d lines", line, len(lens))
	case col < 0 || col > lens[line-1]+1:
		return fmt.Sprintf("column %d is past the end of line %d, of %d characters", col, line, lens[line-1])
	}
	return ""
}
