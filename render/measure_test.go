package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// graphemeContexts cover every Grapheme_Cluster_Break property and the
// sequences that look back further than one character (flags, emoji ZWJ
// sequences, Indic conjuncts, Hangul syllables).
var graphemeContexts = []string{
	"", "a", "\r", "\n", "\t", "\u00ad",
	"\u0301",     // Extend (combining acute)
	"\u200d",     // ZWJ
	"\ufe0f",     // Extend (emoji presentation)
	"\U0001F3FB", // Extend (skin tone)
	"\u0903",     // SpacingMark
	"\u0600",     // Prepend
	"🇸", "🇸🇪", "🇸🇪🇸",
	"ᄀ", "ᅡ", "ᆨ", "가", "각", // Hangul L, V, T, LV, LVT
	"👍", "👍\u200d", "©", "‼",
	"क", "क\u094d", "\u094d", // Indic consonant, + virama, virama
	"é", "e\u0301", "\xff", "\xe2\x80",
}

// TestGraphemeInert checks every character graphemeInert calls inert
// against the segmenter: next to it, in any context, a concatenation's
// grapheme count is the sum of the parts' minus what the two characters at
// the join merge into.
func TestGraphemeInert(t *testing.T) {
	left := []string{"", "a", "\u0600", "👍\u200d", "🇸", "ᄀ", "\r", "क\u094d"}
	n := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !utf8.ValidRune(r) || !graphemeInert(r, uint8(utf8.RuneLen(r))) {
			continue
		}
		n++
		c := string(r)
		for _, a := range left {
			for _, b := range graphemeContexts {
				for _, pair := range [][2]string{{a + c, b}, {b, c + a}} {
					x, y := pair[0], pair[1]
					want := countGraphemes(x + y)
					loss, ok := JoinLoss(Measured(x, CountGraphemes), Measured(y, CountGraphemes), CountGraphemes)
					if ok && (x == "" || y == "" || utf8.ValidString(x) || utf8.ValidString(y)) {
						if got := countGraphemes(x) + countGraphemes(y) - loss; got != want {
							t.Fatalf("%U: graphemes(%q + %q) = %d, parts and join give %d", r, x, y, want, got)
						}
					} else if !ok && utf8.ValidString(x) && utf8.ValidString(y) {
						t.Fatalf("%U: JoinLoss(%q, %q) cannot tell, though %U is inert", r, x, y, r)
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d inert characters: the set lost its letters", n)
	}
}

func TestJoinLoss(t *testing.T) {
	tests := []struct {
		a, b string
		mode CountMode
		loss int
		ok   bool
	}{
		{"Hi ", "Zoë", CountGraphemes, 0, true},
		{"Zoë", "’s", CountGraphemes, 0, true},        // two inert non-ASCII characters
		{"e", "\u0301rin", CountGraphemes, 1, true},   // a value that starts with a combining mark
		{"Zoe", "\u0308", CountGraphemes, 1, true},    // ... after a value
		{"line\r", "\nnext", CountGraphemes, 1, true}, // CR LF
		{"\r", "\n", CountUTF16, 0, true},
		{"🇸", "🇪", CountGraphemes, 0, false},       // a flag across the join
		{"👍\u200d", "👍", CountGraphemes, 0, false}, // an emoji ZWJ sequence
		{"👍", "\u200d", CountGraphemes, 0, false},  // neither side inert: counted on the built string
		{"\u0600", "a", CountGraphemes, 1, true},   // Prepend joins what follows
		{"🚀", "Sam", CountGraphemes, 0, true},      // emoji then ASCII
		{"\xc3", "\xa9", CountUTF16, 0, false},     // two halves of é
		{"\xc3", "é", CountUTF16, 0, true},         // an invalid byte before a valid value
		{"", "\u0301", CountGraphemes, 0, true},    // nothing to join
		{"abc", "", CountCodePoints, 0, true},
		{"🚀", "🚀", CountUTF16, 0, true},
	}
	for _, tt := range tests {
		loss, ok := JoinLoss(Measured(tt.a, tt.mode), Measured(tt.b, tt.mode), tt.mode)
		if ok != tt.ok || ok && loss != tt.loss {
			t.Errorf("JoinLoss(%q, %q, %s) = %d, %v; want %d, %v", tt.a, tt.b, tt.mode, loss, ok, tt.loss, tt.ok)
		}
		if ok && tt.ok {
			if got, want := Count(tt.a, tt.mode)+Count(tt.b, tt.mode)-loss, Count(tt.a+tt.b, tt.mode); got != want {
				t.Errorf("%q + %q in %s: parts give %d, the string counts %d", tt.a, tt.b, tt.mode, got, want)
			}
		}
	}
}

func TestMeasured(t *testing.T) {
	m := Measured("Zoë’s 🚀", CountUTF16)
	if m.N != 8 || !m.Valid() || m.Empty() {
		t.Errorf("Measured = %+v, want 8 units, valid, not empty", m)
	}
	if h, tl := m.InertEdges(); !h || tl {
		t.Errorf("InertEdges of %q = %v, %v; want true (Z), false (the rocket)", "Zoë’s 🚀", h, tl)
	}
	if e := Measured("", CountGraphemes); !e.Empty() || e.N != 0 {
		t.Errorf("Measured(\"\") = %+v", e)
	}
	if bad := Measured("a\xff", CountCodePoints); bad.Valid() || bad.N != 2 {
		t.Errorf("Measured of invalid UTF-8 = %+v, want invalid with 2 code points", bad)
	}
}

// TestCountGraphemesFastPath: text of inert characters is counted without
// the segmenter, and must count the same as with it.
func TestCountGraphemesFastPath(t *testing.T) {
	alphabet := []string{"a", "Z", " ", "\r", "\n", "\r\n", "é", "ß", "Ł", "ő", "ẞ", "Ω", "я", "Ж", "—", "’", "…", "•", "\u00a0", "\u0085", "\u0301", "🇸", "👍", "\u200d", "가", "\xff"}
	r := rand.New(rand.NewPCG(5, 8))
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := countGraphemes(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Fatalf("countGraphemes(%q) = %d, the segmenter counts %d", s, got, want)
		}
	}
}
