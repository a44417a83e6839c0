package escape

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// visible is s as a culture-aware comparison sees it: ignorable
// characters dropped.
func visible(s string) string {
	return strings.Map(func(r rune) rune {
		if ignorable(r) {
			return -1
		}
		return r
	}, s)
}

// FuzzEscape checks what every output relies on: escaped text is valid
// UTF-8 with no unsafe character and no "##[", escaping it again changes
// nothing, Line's text never starts with "::" after white space, the
// offset map agrees with the text, and JSON keeps the value.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", "a\n::error file=x::y", "##[error]x", "#\u00ad#[x", "\u3000::x", "\x1b[2J\xff", "é\u202e\u2028", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Controls(s)
		if !utf8.ValidString(c) {
			t.Fatalf("Controls(%q) = %q, not valid UTF-8", s, c)
		}
		for _, r := range c {
			if unsafeRune(r) {
				t.Fatalf("Controls(%q) = %q keeps %U", s, c, r)
			}
		}
		if strings.Contains(visible(c), "##[") {
			t.Fatalf("Controls(%q) = %q keeps a ##[", s, c)
		}
		if Controls(c) != c {
			t.Fatalf("Controls is not idempotent on %q: %q then %q", s, c, Controls(c))
		}
		l := Line(s)
		trimmed := strings.TrimLeftFunc(visible(l), unicode.IsSpace)
		if strings.HasPrefix(trimmed, "::") {
			t.Fatalf("Line(%q) = %q starts with ::", s, l)
		}
		if Line(l) != l || Controls(l) != l {
			t.Fatalf("Line(%q) = %q is changed by escaping again", s, l)
		}
		m, at := ControlsMap(s)
		if m != c || len(at) != len(s)+1 || at[len(s)] != len(m) {
			t.Fatalf("ControlsMap(%q) = %q, %v; Controls gives %q", s, m, at, c)
		}
		prev := 0
		for i := range s {
			if at[i] < prev || at[i] > len(m) {
				t.Fatalf("ControlsMap(%q): offset %d maps to %d after %d", s, i, at[i], prev)
			}
			prev = at[i]
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		j := JSON(b)
		var back string
		if err := json.Unmarshal(j, &back); err != nil {
			t.Fatalf("JSON(%s) = %s is not JSON: %v", b, j, err)
		}
		var want string
		_ = json.Unmarshal(b, &want) // invalid UTF-8 is already U+FFFD here
		if back != want {
			t.Fatalf("JSON(%s) = %s decodes to %q, want %q", b, j, back, want)
		}
		for _, r := range string(j) {
			if unsafeRune(r) {
				t.Fatalf("JSON(%s) = %s keeps %U", b, j, r)
			}
		}
		if strings.Contains(visible(string(j)), "##[") {
			t.Fatalf("JSON(%s) = %s keeps a ##[", b, j)
		}
	})
}
