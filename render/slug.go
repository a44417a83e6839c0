package render

import (
	"strings"
	"unicode"
)

// headingSlug returns the anchor GitHub gives a heading, so that a button link
// such as #creative-production works both in inboxlint and in GitHub's
// Markdown preview: lower-case, each space turned into "-", and every
// character dropped that GitHub's slugger (github-slugger) drops. It keeps
// letters, marks (including the spacing vowel signs of Indic scripts),
// decimal and letter numbers, connector punctuation such as "_", "-", and
// symbols that are alphabetic (circled letters); it drops other
// punctuation, other numbers ("½", "²"), symbols, emoji and control and
// format characters. Template actions are removed first, so a heading's id
// does not change between variants.
func headingSlug(heading string) string {
	heading = stripActions(heading)
	var b strings.Builder
	for _, r := range strings.TrimSpace(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.In(r, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// HeadingSlug is the id a Conversation Ad message with this heading gets
// (see headingSlug): the language server's rename checks the new
// heading's id before it rewrites the buttons that link to it.
func HeadingSlug(heading string) string { return headingSlug(heading) }

// stripActions removes {{ ... }} actions from s.
func stripActions(s string) string {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+2:]
	}
}
