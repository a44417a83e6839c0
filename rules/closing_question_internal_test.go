package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// closingPieces are paragraphs and separators a body's end is made of:
// questions, statements, sign-offs with and without a name, names alone,
// and the white space closingParagraphs trims or cuts at.
var closingPieces = []string{
	"Can I save you a seat?", "Which of these costs the most", "See you there.", "Kind regards,", "Kind regards,\nDana Reyes",
	"Best,", "Dana", "Dana Reyes", "— Dana", "Viele Grüße", "Bonne journée !", "¿Hablamos?", "Thanks!", "[TBD].",
	"\n\n", "\n\n", "\n\n\n", " \n\n ", "\n", " ", "\r\n\r\n", "\t",
}

// closingSentence finds in the part closingParts picks what it finds in
// the whole body: the part is all the rule reads when variants share it.
func TestClosingPartDecidesAlike(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for _, tag := range []string{"en", "de", "fr", "es"} {
		pack, ok := lang.Lookup(tag)
		if !ok {
			t.Fatalf("no pack %s", tag)
		}
		c := closingParts{pack: pack}
		for range 4000 {
			var b strings.Builder
			for k := r.IntN(9); k > 0; k-- {
				b.WriteString(closingPieces[r.IntN(len(closingPieces))])
			}
			checkClosingPart(t, &c, b.String())
		}
	}
}

func checkClosingPart(t *testing.T, c *closingParts, body string) {
	t.Helper()
	i, j := c.of(body)
	if j != len(body) || i < 0 || i > j {
		t.Fatalf("closing part of %q is [%d, %d)", body, i, j)
	}
	want, wok := closingSentence(c.pack, body)
	got, gok := closingSentence(c.pack, body[i:j])
	if gok != wok {
		t.Fatalf("closingSentence(%q) ok %v, in its part %q %v", body, wok, body[i:j], gok)
	}
	if !wok {
		return
	}
	got.start, got.end, got.core, got.mark = got.start+i, got.end+i, got.core+i, got.mark+i
	if got != want {
		t.Fatalf("closingSentence(%q) = %+v, in its part %q %+v", body, want, body[i:j], got)
	}
}

func FuzzClosingPart(f *testing.F) {
	for _, s := range []string{"Can we talk?\n\nKind regards,\n\nDana", "Best,\n\nDana", "Hi\n\n\n\nthere", "a\n\nb\n\nc\n\nd"} {
		f.Add(s)
	}
	pack, _ := lang.Lookup("en")
	f.Fuzz(func(t *testing.T, body string) {
		c := closingParts{pack: pack}
		checkClosingPart(t, &c, body)
		checkClosingPart(t, &c, body) // from the cache
	})
}
