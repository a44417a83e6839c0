// Package escape makes untrusted text safe to print. Templates, member
// files and configs come from pull requests, and what inboxlint prints goes
// to terminals and CI logs, where a raw control character is an
// instruction: an ESC sequence erases or recolours the lines above it, and a
// line break followed by "::error" becomes a GitHub workflow command. Every
// human-readable output passes text it did not write itself through
// Controls (Line when the text begins an output line), JSON output passes
// through JSON, and every message that quotes file content quotes at most
// a short Excerpt of it.
//
// The package is a leaf: render, lint and the command all use it.
package escape

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// ExcerptLen is the most characters of file content an error message
// quotes: enough to recognise a misspelt column or key, too little to leak
// a secret that a hostile file points inboxlint at.
const ExcerptLen = 40

// unsafeRune reports whether r must not reach a terminal or a log as it
// is: C0 controls (tab and line breaks included), DEL, C1 controls, the
// Unicode line and paragraph separators, and the bidirectional formatting
// characters, which reorder what a reader sees ("Trojan Source").
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r == 0x061C, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Controls returns s with every unsafe character written as a Go escape
// (\n, \t, \x1b, \u2028, ...) and every invalid UTF-8 byte as \xNN, so
// that the text stays on one line and means nothing to a terminal or a CI
// runner. The runner also reads the older command syntax "##[error]data"
// anywhere in a line, so the second # of a "##[" is written as \x23 (also
// when characters that a culture-aware comparison skips, such as a soft
// hyphen, sit between the three). Everything else, backslashes included,
// is printed as it is, so ordinary copy reads exactly as written, and
// escaping escaped text changes nothing. Text with nothing to escape is
// returned without allocating.
func Controls(s string) string { return escapeString(s, false, nil) }

// Line is Controls for text that begins an output line (a file name in
// the unix format, a line of copy in a preview). GitHub's runner reads a
// line as a workflow command when, after leading white space, it starts
// with "::", so a leading "::" also has its first colon written as \x3a:
// a file name or a template line cannot become an "::error" annotation.
func Line(s string) string { return escapeString(s, true, nil) }

// ControlsMap is Controls that also says where each character of s went:
// for every character boundary i of s, at[i] is the offset in the escaped
// text where the character at s[i] starts (at[len(s)] is the escaped
// text's length), so that a caret drawn
// under a quoted source line stays under the characters it points at.
func ControlsMap(s string) (string, []int) {
	at := make([]int, len(s)+1)
	return escapeString(s, false, at), at
}

// escapeString is Controls and Line; at, when not nil, receives the offset
// map of ControlsMap.
func escapeString(s string, lineStart bool, at []int) string {
	colon := -1
	if lineStart {
		colon = leadingCommand(s)
	}
	i := firstUnsafe(s)
	if colon >= 0 && (i < 0 || colon < i) {
		i = colon
	}
	if i < 0 {
		for k := range at {
			at[k] = k
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for k := 0; k < i && at != nil; k++ {
		at[k] = k
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		for k := i; k < i+size && at != nil; k++ {
			at[k] = b.Len()
		}
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
		case i == colon:
			b.WriteString(`\x3a`)
		case r == '#' && legacyCommand(s, i):
			b.WriteString(`\x23`)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	if at != nil {
		at[len(s)] = b.Len()
	}
	return b.String()
}

func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F || c == '#' && legacyCommand(s, i) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// ignorable reports whether r is a default-ignorable code point (soft
// hyphen, zero-width space and joiners, variation selectors, ...) that
// Controls prints as it is. A culture-aware string comparison, such as the
// one the Actions runner makes, skips these, so "#\u00ad#[" matches "##[".
func ignorable(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r >= 0x180B && r <= 0x180F, r >= 0x200B && r <= 0x200D, r >= 0x2060 && r <= 0x2065,
		r >= 0x206A && r <= 0x206F, r == 0x3164, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF,
		r == 0xFFA0, r >= 0xFFF0 && r <= 0xFFF8, r >= 0x1BCA0 && r <= 0x1BCA3,
		r >= 0x1D173 && r <= 0x1D17A, r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

// next returns the first rune at or after s[i] that is not ignorable; -1
// at the end of s.
func next(s string, i int) rune {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !ignorable(r) {
			return r
		}
		i += size
	}
	return -1
}

// legacyCommand reports whether the # at s[i] is the second # of a "##["
// (ignorable characters skipped).
func legacyCommand(s string, i int) bool {
	if next(s, i+1) != '[' {
		return false
	}
	for j := i; j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !ignorable(r) {
			return r == '#'
		}
		j -= size
	}
	return false
}

// leadingCommand returns the offset of the first colon of a "::" that
// starts s after white space and ignorable characters, or -1. White space
// that Controls escapes (a tab) ends the search: escaped, it is no longer
// white space to the runner.
func leadingCommand(s string) int {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r) || !unicode.IsSpace(r) && !ignorable(r) {
			break
		}
		i += size
	}
	if i < len(s) && s[i] == ':' {
		if next(s, i+1) == ':' {
			return i
		}
	}
	return -1
}

// JSON makes encoded JSON safe to print. encoding/json escapes C0 controls
// and the line separators but leaves DEL, C1 controls and bidirectional
// formatting characters raw, and a "##[" in a string would still be a
// command to the Actions runner; JSON writes those as \u escapes, which
// decode to the same value. It only touches characters inside strings (the
// structure is ASCII, its line breaks stay), and returns b itself when
// there is nothing to escape.
func JSON(b []byte) []byte {
	// a view of b, not a copy: b is only read, and the copy would be
	// most of what printing a finding that needs no escape allocates
	s := unsafe.String(unsafe.SliceData(b), len(b))
	i := firstUnsafeJSON(s)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, s[:i]...)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x7F && unsafeRune(r), r == '#' && legacyCommand(s, i):
			out = append(out, `\u`...)
			out = append(out, hex2(byte(r>>8))...)
			out = append(out, hex2(byte(r))...)
		default:
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return out
}

func firstUnsafeJSON(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == 0x7F || c == '#' && legacyCommand(s, i) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

func escapeRune(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if r < 0x100 {
		return `\x` + hex2(byte(r))
	}
	q := strconv.QuoteRuneToASCII(r) // '\u2028'
	return q[1 : len(q)-1]
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xF]})
}

// Excerpt quotes file content for an error message: at most ExcerptLen
// characters, in double quotes, with quotes, backslashes and unsafe
// characters escaped as Go's %q does, and "…" after the closing quote when
// the text was longer.
func Excerpt(s string) string {
	cut, n := len(s), 0
	for i := range s {
		if n == ExcerptLen {
			cut = i
			break
		}
		n++
	}
	q := strconv.Quote(s[:cut])
	if cut < len(s) {
		q += "…"
	}
	return q
}
