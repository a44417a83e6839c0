package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/escape"
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
		// yaml.v3's line 2 is after a U+2028, on the file's line 1
		{"yaml: line 2: break\u2028here", "a\u2028b\u0085c\rd\n", 1, "break\u2028here"},
		{"yaml: line 4: x", "a\u2028b\u0085c\rd\n", 2, "x"},
		{"yaml: line 9: x", "a\u2028b\u0085c\rd\r\n", 3, "x"},
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
		// the file's lines, not yaml.v3's, which end at U+2028 and NEL too
		{"- first_name: Ana\u2028  last_name: [Lee]\n", "members.yaml:1:32: last_name must be text, not a list"},
		{"- first_name: Ana\u0085- last_name: [Lee\r\n", "members.yaml:1: did not find expected ',' or ']'"},
	} {
		_, err := ParseMembers("members.yaml", "yaml", []byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseMembers(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

// yaml.v3 quotes an alias's anchor, a tag or a key whole; every YAML input
// (a template's front matter, a members file) reads its errors through
// YAMLErrorLine, which keeps at most escape.ExcerptLen characters of any
// of them.
func TestYAMLErrorsQuoteABoundedExcerpt(t *testing.T) {
	long := strings.Repeat("0123456789", 300)
	for _, in := range []string{
		"*" + long + "\n",
		"a: *" + long + "\n",
		"- first_name: *" + long + "\n",
		"&a [*a, *" + long + "]\n",
		"a: !" + long + " x\n",
	} {
		check := func(where, msg string) {
			t.Helper()
			if strings.Contains(msg, long[:escape.ExcerptLen+1]) {
				t.Errorf("%s: %.30q…: the error quotes more than %d characters of the input: %.200s", where, in, escape.ExcerptLen, msg)
			}
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(in), &doc); err != nil {
			_, msg := YAMLErrorLine(err, []byte(in))
			check("YAMLErrorLine", msg)
		}
		if _, err := ParseMembers("members.yaml", "yaml", []byte(in)); err != nil {
			check("members", err.Error())
		} else if !strings.HasPrefix(in, "a: !") {
			t.Errorf("members %.30q…: no error", in)
		}
		tmpl := Parse("t.md", []byte("---\nformat: message\n"+in+"---\nHi\n"))
		for _, p := range tmpl.Problems {
			check("front matter", p.Msg)
		}
	}
}

func TestBoundYAMLMessage(t *testing.T) {
	long := strings.Repeat("x", 50)
	for _, tt := range []struct{ in, want string }{
		{"did not find expected key", "did not find expected key"},
		{"unknown anchor 'short' referenced", "unknown anchor 'short' referenced"},
		{"unknown anchor '" + long + "' referenced", "unknown anchor '" + long[:40] + "…' referenced"},
		{"mapping key \"" + long + " y\" already defined", "mapping key \"" + long[:40] + "…\" already defined"},
		{"cannot unmarshal !" + long + " `abc...` into string", "cannot unmarshal !" + long[:39] + "… `abc...` into string"},
		{"an 'unclosed quote " + long, "an 'unclosed quote " + long[:40] + "…"},
		{"anchor 'ääääääääääääääääääääääääääääääääääääääääää' value", "anchor 'ääääääääääääääääääääääääääääääääääääääää…' value"},
	} {
		if got := boundYAMLMessage(tt.in); got != tt.want {
			t.Errorf("boundYAMLMessage(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
