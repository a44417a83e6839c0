package lang_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// show writes tokens as kind:text, folded, for comparison.
func show(toks []lang.Token) string {
	names := map[lang.TokenKind]string{lang.Word: "w", lang.Macro: "m", lang.Symbol: "s", lang.Punct: "p", lang.URL: "u"}
	var out []string
	for _, t := range toks {
		out = append(out, names[t.Kind]+":"+t.Fold)
	}
	return strings.Join(out, " ")
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Jetzt Platz sichern", "w:jetzt w:platz w:sichern"},
		{"Je m’appelle Camille", "w:je w:m' w:appelle w:camille"},
		{"Don't miss out!", "w:don' w:t w:miss w:out p:!"},
		{"l'offre limitée", "w:l' w:offre w:limitée"},
		{"risk-free e-mail", "w:risk w:free w:e w:mail"},
		{"Jetzt – sichern", "w:jetzt p:– w:sichern"},
		{"Hi %FIRSTNAME%,", "w:hi m:%FIRSTNAME% p:,"},
		{"100% free, 4 % genau", "w:100 s:% w:free p:, w:4 s:% w:genau"},
		{"1,200 leads, 4.5 stars", "w:1,200 w:leads p:, w:4.5 w:stars"},
		{"Referent: N.N.", "w:referent p:: w:n.n p:."},
		{"Booking.com and Acme.io", "w:booking.com w:and w:acme.io"},
		{"See https://example.com/a-b?x=1, or www.example.com.", "w:see u:https://example.com/a-b?x=1, w:or u:www.example.com."},
		{"Erster Absatz.\n\nZweiter\nAbsatz", "w:erster w:absatz p:. p:\n\n w:zweiter w:absatz"},
		{"«Bonjour»", "p:« w:bonjour p:»"},
		{"Viele GRÜSSE", "w:viele w:grüsse"},
		{"Straße", "w:strasse"},
		{"Cafe\u0301", "w:café"}, // NFD in, NFC out
		{"¿Hablamos?", "p:¿ w:hablamos p:?"},
		{"Save 20% 🎉", "w:save w:20 s:% s:🎉"},
		{"disponible\u202f?", "w:disponible p:?"},
		{"", ""},
	} {
		if got := show(lang.Tokenize(c.in)); got != c.want {
			t.Errorf("Tokenize(%q) = %s; want %s", c.in, got, c.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "Hallo %FIRSTNAME%, ich bin Anna von Acme."
	for _, tok := range lang.Tokenize(s) {
		if tok.Kind == lang.Word && s[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %q at %d:%d reads %q in the text", tok.Text, tok.Start, tok.End, s[tok.Start:tok.End])
		}
	}
	toks := lang.Tokenize(s)
	if toks[5].Text != "Anna" || toks[5].Start != 27 {
		t.Errorf("token 5 = %+v; want Anna at 27", toks[5])
	}
}

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Mehr", "mehr"},
		{"GRÜSSE", "grüsse"},
		{"Grüße", "grüsse"},
		{"ẞ", "ss"},
		{"Don’t", "don't"},
		{"Éxito", "éxito"},
		{"e\u0301", "é"},
		{"ΣΟΦΙΑ", "σοφια"},
		{"İstanbul", "i̇stanbul"},
		{"plain", "plain"},
	} {
		if got := lang.Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// TestTokenizeBounded: the work on a huge text stops at the token cap.
func TestTokenizeBounded(t *testing.T) {
	toks := lang.Tokenize(strings.Repeat("word ", 100000))
	if len(toks) != 1<<14 {
		t.Errorf("Tokenize of 100,000 words gave %d tokens; want the cap, 16384", len(toks))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Je m’appelle Camille", "100% free!!", "%FIRSTNAME%, https://x.y", "N.N. e-mail 1,2", "\n\n\u202f?", "Cafe\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tok := range lang.Tokenize(s) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("token %+v out of order or bounds (previous end %d, len %d)", tok, prev, len(s))
			}
			if tok.Text == "" || tok.Fold == "" {
				t.Fatalf("empty token %+v", tok)
			}
			if utf8.ValidString(s) && !utf8.ValidString(tok.Fold) {
				t.Fatalf("fold of valid text is invalid: %q", tok.Fold)
			}
			if tok.Kind == lang.Word && tok.Fold != lang.Fold(tok.Text) {
				t.Fatalf("word %q has Fold %q; foldWord gives %q", tok.Text, tok.Fold, lang.Fold(tok.Text))
			}
			prev = tok.End
		}
		tag, ok := lang.Detect(s)
		if tag2, ok2 := lang.Detect(s); tag2 != tag || ok2 != ok {
			t.Fatalf("Detect not deterministic: %q,%v then %q,%v", tag, ok, tag2, ok2)
		}
		if ok && tag == "" {
			t.Fatal("confident with no tag")
		}
		_ = fmt.Sprint(tag)
	})
}

// tokenizerTexts are cut one after the other by one Tokenizer: capitals
// and folds of every kind, so that the texts' folded words share its
// buffer, and long ones that make it start another.
var tokenizerTexts = []string{
	"Jetzt Platz sichern",
	"Viele GRÜSSE aus der Straße",
	"",
	"all lower case, nothing to fold",
	"Je m’appelle Camille; İstanbul ΣΟΦΙΑ ǅemal",
	strings.Repeat("Grüße und Hallo ", 200),
	"Hi %FIRSTNAME%, See https://Example.com/A",
	strings.Repeat("WORD ", 2000),
	"Cafe\u0301 ẞ Ǆ",
	// far more tokens than spaces: they outgrow the room they start in
	strings.Repeat("a,b;c!", 100),
	"after the overflow, Back in the Room",
}

// A Tokenizer gives every text TokenizeAll's tokens, and a text cut later
// never changes those of one cut before: its folds go after theirs.
func TestTokenizer(t *testing.T) {
	for _, room := range []int{0, 40, 1000, 100000} {
		t.Run(fmt.Sprint(room), func(t *testing.T) { checkTokenizer(t, room) })
	}
}

// checkTokenizer cuts tokenizerTexts with a Tokenizer that has room for
// about room tokens: some texts fit in it, some do not, one outgrows it.
func checkTokenizer(t *testing.T, room int) {
	var z lang.Tokenizer
	z.Reserve(room)
	var got [][]lang.Token
	var shown []string
	for _, s := range tokenizerTexts {
		toks := z.All(s)
		if cap(toks) != len(toks) {
			t.Fatalf("All(%.20q) has room for %d more tokens: an append would write into another text's", s, cap(toks)-len(toks))
		}
		got = append(got, toks)
		shown = append(shown, show(toks))
	}
	for i, s := range tokenizerTexts {
		want := lang.TokenizeAll(s)
		if len(got[i]) != len(want) {
			t.Fatalf("text %d: %d tokens, TokenizeAll has %d", i, len(got[i]), len(want))
		}
		for k := range want {
			if got[i][k] != want[k] {
				t.Fatalf("text %d token %d = %+v; TokenizeAll has %+v", i, k, got[i][k], want[k])
			}
		}
		if now := show(got[i]); now != shown[i] {
			t.Fatalf("text %d's tokens changed once later texts were cut:\n%s\nwas\n%s", i, now, shown[i])
		}
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range tokenizerTexts[:5] {
		f.Add(s, "Zweiter Text")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var z lang.Tokenizer
		z.Reserve(lang.EstimateTokens(a) + 2)
		ta := z.All(a)
		before := show(ta)
		tb := z.All(b)
		if show(ta) != before || show(ta) != show(lang.TokenizeAll(a)) || show(tb) != show(lang.TokenizeAll(b)) {
			t.Fatalf("Tokenizer cut %q then %q unlike TokenizeAll", a, b)
		}
	})
}

// Take hands out room no later text's tokens write into, and a Tokenizer
// Reset for its next caller cuts as a new one does, keeping its room only
// within the bounds it is given.
func TestTokenizerTakeAndReset(t *testing.T) {
	var z lang.Tokenizer
	z.Reserve(8)
	room := z.Take(5)
	if len(room) != 0 || cap(room) != 5 {
		t.Fatalf("Take(5) = len %d cap %d, want 0 and 5", len(room), cap(room))
	}
	room = append(room, lang.TokenizeAll("one two three")...)
	before := show(room)
	for _, s := range tokenizerTexts {
		z.All(s)
	}
	if show(room) != before {
		t.Fatalf("the room Take gave changed once later texts were cut:\n%s\nwas\n%s", show(room), before)
	}
	if !z.Reset(1<<20, 1<<20) {
		t.Fatal("Reset within its bounds dropped the room")
	}
	for _, s := range tokenizerTexts {
		if got, want := show(z.All(s)), show(lang.TokenizeAll(s)); got != want {
			t.Fatalf("after Reset, All(%.20q) =\n%s\nwant\n%s", s, got, want)
		}
	}
	if z.Reset(1, 1<<20) {
		t.Fatal("Reset kept room of more tokens than its bound")
	}
	if got, want := show(z.All("Hallo Welt")), show(lang.TokenizeAll("Hallo Welt")); got != want {
		t.Fatalf("after a Reset that dropped the room, All = %s, want %s", got, want)
	}
}
