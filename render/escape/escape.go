// Package escape makes untrusted text safe to print. Templates, member
// files and configs come from pull requests, and what inboxlint prints goes
// to terminals and CI logs, where a raw control character is an
// instruction: an ESC sequence erases or recolours the lines above it, and a
// line break followed by "::error" becomes a GitHub workflow command. Every
// human-readable output passes text it did not write itself through
// Controls, and every message that quotes file content quotes at most a
// short Excerpt of it.
//
// The package is a leaf: render, lint and the command all use it.
package escape

import (
	"strconv"
	"strings"
	"unicode/utf8"
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
// runner. Everything else, backslashes included, is printed as it is, so
// ordinary copy reads exactly as written. Text with nothing to escape is
// returned without allocating.
func Controls(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case unsafeRune(r):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
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
