package render

import (
	"strings"
	"unicode"
)

// Slug returns the anchor GitHub gives a heading, so that a button link
// such as #creative-production works both in inboxlint and in GitHub's
// Markdown preview: lower-case, punctuation other than "-" and "_" dropped,
// each space turned into "-". Template actions are removed first, so a
// heading's id does not change between variants.
func Slug(heading string) string {
	heading = stripActions(heading)
	var b strings.Builder
	for _, r := range strings.TrimSpace(heading) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

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
