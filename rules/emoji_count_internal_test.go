package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// emojiPieces are what grapheme clusters are made of around a paragraph
// cut: emojis, a variation selector, a joiner, skin tones, flags' regional
// indicators, a combining mark, a prepended mark, and the white space
// Paragraphs cuts at or keeps.
var emojiPieces = []string{
	"🎉", "👍", "\uFE0F", "\u200D", "🏽", "🇫", "🇷", "\u0301", "\u0600", "❤", "☺", "a", "é", " ", "\n", "\n\n", "\n\n", "\r", "\t", "\u00a0", ".",
}

// Counting a body's emojis paragraph by paragraph finds the emojis
// segmenting the whole body finds: the same number, and the same range
// for each of them.
func TestEmojiTallyByParagraph(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	c := emojiTally{shared: true, ranges: paragraphRanges}
	byPar := 0
	for range 20000 {
		var b strings.Builder
		for k := r.IntN(16); k > 0; k-- {
			b.WriteString(emojiPieces[r.IntN(len(emojiPieces))])
		}
		s := b.String()
		if emojiByParagraph(s) {
			byPar++
		}
		checkEmojiTally(t, &c, s)
	}
	if byPar < 1000 {
		t.Fatalf("only %d bodies counted by paragraph", byPar)
	}
}

func checkEmojiTally(t *testing.T, c *emojiTally, s string) {
	t.Helper()
	body := render.TextAt(render.NewSource("ad.md", []byte(s)), s, 0)
	want := emojiSpans(s)
	for max := range len(want) + 2 {
		n, over := c.count(body, max)
		var wantOver [2]int
		if max < len(want) {
			wantOver = want[max]
		}
		if n != len(want) || over != wantOver {
			t.Fatalf("count(%q, %d) = %d, %v; segmenting the whole body: %d, %v", s, max, n, over, len(want), wantOver)
		}
	}
}

// paragraphRanges is lint.Pass.ParagraphRanges in a pass that shares
// paragraphs.
func paragraphRanges(dst [][2]int, s string) [][2]int {
	render.Paragraphs(s, func(i, j int) bool {
		dst = append(dst, [2]int{i, j})
		return true
	})
	return dst
}

func FuzzEmojiTally(f *testing.F) {
	for _, s := range []string{"🎉\n\n🎉🎉", "a \uFE0F\n\n\uFE0F", "🇫🇷\n\n🇷🇫", "\u0600\n\n\u0301👍"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := emojiTally{shared: true, ranges: paragraphRanges}
		checkEmojiTally(t, &c, s)
	})
}

// bareBreaks is the plain definition, at the speed of a byte search.
func TestBareBreaks(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	pieces := []string{" ", "\n", "\r", "\t", "a", "é", "\u00a0"}
	for range 20000 {
		var b strings.Builder
		for k := r.IntN(10); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		want := !strings.ContainsAny(s, "\r\t") && !strings.Contains(s, " \n") && !strings.Contains(s, "\n ")
		if got := bareBreaks(s); got != want {
			t.Fatalf("bareBreaks(%q) = %v, want %v", s, got, want)
		}
	}
}
