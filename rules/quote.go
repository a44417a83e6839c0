package rules

import (
	"strconv"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

// Quoting copy in messages. A message quotes what it is about (a label, a
// phrase, a URL, a message id) so the writer finds it, but the quoted text
// comes from the template, the members file or the config, and a hostile
// or careless one can be a whole file on one line: a message that repeats
// a 900 KB heading is as useless as it is slow to print. Every rule quotes
// copy through quote, names a message by its id through idRef, and shows
// copy to be written as it is through excerpt, so that no message holds
// more than quoteLen characters of any one piece. The names of variants
// and members are not copy: they are quoted as escape.Excerpt quotes them,
// as lint.Render.Who does.
//
// The cut is longer than escape.Excerpt's (40), which is made for names in
// error messages: copy is quoted to be recognised, and 40 characters cut
// real findings short (a landing-page URL, a closing sentence, a long link
// text), while 60 shows them whole or enough to find. The escaping is the
// same: strconv.Quote, so control and invisible characters are written as
// escapes, never raw.

// quoteLen is the most characters of one piece of copy a message quotes.
const quoteLen = 60

// shorten cuts s to quoteLen characters, the last of them "…" when it was
// longer. It does not escape: callers quote or escape the result.
func shorten(s string) string {
	n := 0
	for i := range s {
		if n == quoteLen-1 {
			if _, w := utf8.DecodeRuneInString(s[i:]); i+w < len(s) {
				return s[:i] + "…"
			}
			break
		}
		n++
	}
	return s
}

// quote quotes a piece of copy for a message: "Learn more", at most
// quoteLen characters with "…" inside the quotes when it was cut, escaped
// as %q does.
func quote(s string) string { return strconv.Quote(shorten(s)) }

// excerpt is copy a message shows as it is to be written, unquoted: a
// suggested URL, a message id, a path of ids. It is shortened like quote
// and has its unsafe characters escaped (escape.Controls).
func excerpt(s string) string { return escape.Controls(shorten(s)) }

// idRef names a message by its id for a message: #pricing, an excerpt
// with its # as it is written in links.
func idRef(slug string) string { return "#" + excerpt(slug) }
