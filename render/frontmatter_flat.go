package render

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Most Message Ad front matter is a handful of one-line keys:
//
//	format: message
//	sender: "Kenji Rossi"
//	subject: "%FIRSTNAME%, will we see you in March?"
//
// yaml.v3 spends more time setting up and running its full parser on such a
// document than the rest of the template's parse takes, so flatFrontMatter
// reads this one shape itself and builds the very node tree yaml.v3 would.
// Anything outside the shape (nesting, lists, comments, block or escaped
// scalars, a value YAML would read as a number, a boolean or null, tabs,
// control or line-separator characters, invalid UTF-8) is left to yaml.v3,
// which also words every error: the fast path never rejects a document, it
// only declines it. FuzzFlatFrontMatter checks the two agree on every
// document the fast path accepts.

// flatFrontMatter returns the document node yaml.v3 builds for fm when fm
// is a flat mapping of one-line keys and string values, and false for any
// other document.
func flatFrontMatter(fm string) (*yaml.Node, bool) {
	var root *yaml.Node
	line := 0
	for rest := fm; rest != ""; {
		var l string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, ""
		}
		line++
		if strings.TrimLeft(l, " ") == "" {
			continue
		}
		k, v, ok := flatEntry(l, line)
		if !ok {
			return nil, false
		}
		if root == nil {
			root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line, Column: 1, Content: make([]*yaml.Node, 0, 8)}
		}
		root.Content = append(root.Content, k, v)
	}
	if root == nil {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: 1, Content: []*yaml.Node{root}}, true
}

// flatEntry reads one "key: value" line, the key at the start of the line.
func flatEntry(l string, line int) (k, v *yaml.Node, ok bool) {
	colon := strings.IndexByte(l, ':')
	if colon <= 0 || !isFlatKey(l[:colon]) {
		return nil, nil, false
	}
	at := colon + 1
	for at < len(l) && l[at] == ' ' {
		at++
	}
	if at == colon+1 || at == len(l) {
		// "key:value" is one plain scalar; "key:" is a null value
		return nil, nil, false
	}
	value, style, ok := flatScalar(l[at:])
	if !ok {
		return nil, nil, false
	}
	k = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: l[:colon], Line: line, Column: 1}
	v = &yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Value: value, Line: line, Column: at + 1}
	return k, v, true
}

// maxFlatKey is the longest key the fast path reads. YAML allows a simple
// key of at most 1,024 characters (yaml.v3 rejects a longer one); a front
// matter or variant key is a word, so the fast path stays far below that.
const maxFlatKey = 128

// isFlatKey reports whether s is a key the fast path reads: ASCII letters,
// digits, "_" and "-", starting with a letter, at most maxFlatKey long, and
// not a word YAML reads as something other than a string.
func isFlatKey(s string) bool {
	if len(s) > maxFlatKey || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '_' && c != '-' {
			return false
		}
	}
	return !yamlWord(s)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// flatScalar reads a value that runs to the end of its line: a quoted
// scalar without escapes, or a plain scalar that is a string.
func flatScalar(s string) (string, yaml.Style, bool) {
	if !flatChars(s) {
		return "", 0, false
	}
	switch s[0] {
	case '"', '\'':
		q := s[0]
		end := strings.IndexByte(s[1:], q) + 1
		if end <= 0 || strings.TrimRight(s[end+1:], " ") != "" {
			return "", 0, false
		}
		body := s[1:end]
		if q == '"' && strings.IndexByte(body, '\\') >= 0 {
			return "", 0, false
		}
		if q == '"' {
			return body, yaml.DoubleQuotedStyle, true
		}
		return body, yaml.SingleQuotedStyle, true
	}
	s = strings.TrimRight(s, " ")
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>%@`.+~<=0123456789") || yamlWord(s) ||
		strings.Contains(s, ": ") || strings.HasSuffix(s, ":") || strings.IndexByte(s, '#') >= 0 {
		return "", 0, false
	}
	return s, 0, true
}

// flatChars reports whether s holds only characters the fast path leaves
// as they are: printable, no tab or carriage return, none of the
// characters YAML 1.1 takes for a line break (NEL, U+2028, U+2029), and no
// byte order mark.
func flatChars(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
		case r == utf8.RuneError, r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		}
	}
	return true
}

// yamlWord reports whether a plain scalar s is one YAML reads as a
// boolean or null rather than a string, in any of the spellings yaml.v3
// resolves.
func yamlWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}
