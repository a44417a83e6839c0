package lint

import (
	"reflect"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// tokenCases are texts whose tokens Pass.Tokens puts together from their
// paragraphs': blank lines of every kind, white space beside them that
// lang.Tokenize reads as one run, words, macros and URLs at a paragraph's
// edges.
var tokenCases = []string{
	"",
	"one",
	"Hi %FIRSTNAME%,\n\nWe are Northwind.\n\nKind regards,\nDana",
	"\n\nleading and trailing\n\n",
	"a\r\n\r\nb \t\n \n c",
	"word\u00a0\n\nnext",
	"word\n\n\u00a0next",
	"word\n\f\nnext\n\nlast",
	"https://example.com/a\n\nhttps://example.com/b",
	"%FIRST\n\nNAME% 50%\n\n%",
	"e-\n\n-mail",
	"l'\n\n'offre don'\n\nt",
	"ends with a dot.\n\n.starts with one",
	"1,\n\n200 and 4.\n\n5",
	"🎉\n\n🎉",
	"a\n\n\n\n\nb\n\n",
}

// With several variants, a text's tokens are its paragraphs' with a break
// between: exactly lang.TokenizeAll's for the whole text.
func TestTokensFromParagraphs(t *testing.T) {
	for _, s := range tokenCases {
		checkParagraphTokens(t, s)
	}
}

func checkParagraphTokens(t *testing.T, s string) {
	t.Helper()
	p := &Pass{Variants: make([]*render.Variant, 2)}
	want := lang.TokenizeAll(s)
	// ScratchTokens first, in a pass that has cut nothing, and again
	// after another text wrote over its buffer
	for range 2 {
		if got := p.ScratchTokens(s); (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("ScratchTokens(%q) =\n%+v\nwant\n%+v", s, got, want)
		}
		p.ScratchTokens("other\n\ntext " + s)
	}
	got := p.Tokens(s)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokens(%q) =\n%+v\nwant\n%+v", s, got, want)
	}
	// the paragraphs' own tokens were cut once and are kept
	if again := p.Tokens(s); &again[0] != &got[0] {
		t.Errorf("Tokens(%q) cut again", s)
	}
}

func FuzzTokensFromParagraphs(f *testing.F) {
	for _, s := range tokenCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParagraphTokens(t, s)
	})
}
