package render

import (
	"errors"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestYAMLErrorLine(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"scanner error, numbered from 1", "a: 1\n  b: 2\n", 2, "mapping values are not allowed in this context"},
		{"parser error, numbered from 0", "- a\nb: c\n", 2, "did not find expected '-' indicator"},
		{"parser error in a flow list", "a: 1\nb: [1, 2\nc: 3\n", 2, "did not find expected ',' or ']'"},
		{"parser error, CRLF", "a: 1\r\nb:\r\n  - c\r\n d: e\r\n", 4, "did not find expected key"},
		{"a tab", "a:\n\t- b\n", 2, "found character that cannot start any token"},
		{"past the last line: the line after the last break", "a: 'x\n", 2, "found unexpected end of stream"},
		{"past the end of a flow mapping", "{a: 1\n", 2, "did not find expected ',' or '}'"},
		{"no line", "a: \"x", 0, "found unexpected end of stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc yaml.Node
			err := yaml.Unmarshal([]byte(tt.in), &doc)
			if err == nil {
				t.Fatal("no error")
			}
			line, msg := YAMLErrorLine(err, []byte(tt.in))
			if line != tt.line || msg != tt.msg {
				t.Errorf("YAMLErrorLine(%v) = %d, %q; want %d, %q", err, line, msg, tt.line, tt.msg)
			}
		})
	}
	// Errors that are not yaml.v3's, or that name a line past the data,
	// are read as far as they can be.
	for _, tt := range []struct {
		err  string
		data string
		line int
		msg  string
	}{
		{"yaml: line 40: found unexpected end of stream", "a\nb\n", 3, "found unexpected end of stream"},
		{"yaml: line x: odd", "a\n", 0, "line x: odd"},
		{"yaml: line 3 odd", "a\n", 0, "line 3 odd"},
		{"something else", "a\n", 0, "something else"},
		{"yaml: line 2: break\u2028here", "a\u2028b\u0085c\rd\n", 2, "break\u2028here"},
		{"yaml: line 9: x", "a\u2028b\u0085c\rd\r\n", 5, "x"},
	} {
		line, msg := YAMLErrorLine(errors.New(tt.err), []byte(tt.data))
		if line != tt.line || msg != tt.msg {
			t.Errorf("YAMLErrorLine(%q) = %d, %q; want %d, %q", tt.err, line, msg, tt.line, tt.msg)
		}
	}
}

// A members file's YAML errors have the lines every other YAML input's
// have: the parser's, which yaml.v3 numbers from 0, are on the line of
// the problem.
func TestParseMembersYAMLErrorLines(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"- first_name: Ana\nlast_name: Lee\n", "members.yaml:2: did not find expected '-' indicator"},
		{"- first_name: Ana\n- last_name: [Lee\n", "members.yaml:2: did not find expected ',' or ']'"},
		{"- first_name: Ana\n  last_name: Lee\n\t- x\n", "members.yaml:2: found a tab character that violates indentation"},
	} {
		_, err := ParseMembers("members.yaml", "yaml", []byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseMembers(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}
