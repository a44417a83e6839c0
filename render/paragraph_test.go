package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		s    string
		want []string
	}{
		{"", nil},
		{"one", []string{"one"}},
		{"one\ntwo", []string{"one\ntwo"}},
		{"one\n\ntwo", []string{"one", "two"}},
		{"one  \n \t\n\n  two\n", []string{"one", "two\n"}},
		{"\n\none\n\n", []string{"one"}},
		{"one\r\n\r\ntwo", []string{"one", "two"}},
		{"a\n\nb\n\n\nc", []string{"a", "b", "c"}},
		// other white space beside a blank line: lang.Tokenize reads the
		// run differently, so it stays inside the paragraph
		{"one\u00a0\n\ntwo", []string{"one\u00a0\n\ntwo"}},
		{"one\n\n\u00a0two", []string{"one\n\n\u00a0two"}},
		{"one\n\f\ntwo", []string{"one\n\f\ntwo"}},
		{"one\n\u2028\ntwo\n\nthree", []string{"one\n\u2028\ntwo", "three"}},
		{"   ", []string{"   "}},
		{"\n\n", nil},
	}
	for _, tt := range tests {
		var got []string
		Paragraphs(tt.s, func(i, j int) bool {
			got = append(got, tt.s[i:j])
			return true
		})
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("Paragraphs(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	n := 0
	Paragraphs("a\n\nb\n\nc", func(i, j int) bool {
		n++
		return n < 2
	})
	if n != 2 {
		t.Errorf("Paragraphs went on after fn returned false: %d calls", n)
	}
}

// Sub is slice without the copy: the same text, map and anchor, so Equal;
// SubEqual says so without building it, and tells other ranges apart.
func TestTextSub(t *testing.T) {
	src := NewSource("f.md", []byte(textSrc))
	txt := buildText(src)
	empty := newTextBuilder(src, 0, 18)
	empty.Exact("ab", 0)
	empty.Mapped("", 5, 5)
	empty.Exact("cd", 2)
	withEmpty := empty.Done()
	for _, base := range []Text{txt, withEmpty, TextAt(src, "abc", 0), {}} {
		for i := 0; i <= len(base.S); i++ {
			for j := i; j <= len(base.S); j++ {
				sub, sl := base.sub(i, j), base.slice(i, j)
				if !sub.Equal(sl) {
					t.Errorf("%q.Sub(%d, %d) = %+v, slice gives %+v", base.S, i, j, sub, sl)
				}
				if !base.SubEqual(i, j, sl) {
					t.Errorf("%q.SubEqual(%d, %d, slice) = false", base.S, i, j)
				}
				if j > i && base.SubEqual(i, j-1, sl) {
					t.Errorf("%q.SubEqual(%d, %d) holds for the slice to %d", base.S, i, j-1, j)
				}
			}
		}
	}
	// the same bytes with another map are not the same paragraph
	b := newTextBuilder(src, 0, 18)
	b.Mapped("abc", 4, 10)
	if TextAt(src, "abc", 0).SubEqual(0, 3, b.Done()) {
		t.Error("SubEqual holds for a text with another map")
	}
}

// The paragraphs of two texts that render a paragraph alike are Equal
// wherever they lie in their texts, and their spans are the source's.
func TestTextSubOfVariants(t *testing.T) {
	src := NewSource("f.md", []byte("Intro\n\n{{ .p }}\n\nShared [TBD] part."))
	render := func(p string) Text {
		b := newTextBuilder(src, 0, len(src.Text))
		b.Exact("Intro\n\n", 0)
		b.Mapped(p, 7, 15)
		b.Exact("\n\nShared [TBD] part.", 15)
		return b.Done()
	}
	a, c := render("short"), render("a much longer\n\nparagraph")
	last := func(t Text) (int, int) {
		var i, j int
		Paragraphs(t.S, func(s, e int) bool {
			i, j = s, e
			return true
		})
		return i, j
	}
	ai, aj := last(a)
	ci, cj := last(c)
	if ai == ci {
		t.Fatalf("the shared paragraph is at %d in both", ai)
	}
	pa, pc := a.sub(ai, aj), c.sub(ci, cj)
	if !pa.Equal(pc) || !c.SubEqual(ci, cj, pa) || pa.Key() == pc.Key() {
		t.Errorf("the shared paragraphs %+v and %+v", pa, pc)
	}
	k := strings.Index(pa.S, "[TBD]")
	if sp := pc.Span(k, k+5); src.Text[sp.Start.Offset:sp.End.Offset] != "[TBD]" {
		t.Errorf("the paragraph's span of [TBD] is %+v", sp)
	}
	// the differing paragraphs map to the action
	var firsts []Text
	Paragraphs(c.S, func(i, j int) bool {
		firsts = append(firsts, c.sub(i, j))
		return true
	})
	if len(firsts) != 4 {
		t.Fatalf("%d paragraphs", len(firsts))
	}
	for _, p := range firsts[1:3] {
		if sp := p.Span(0, len(p.S)); sp.Start.Offset != 7 || sp.End.Offset != 15 {
			t.Errorf("paragraph %q spans %d..%d, want the action 7..15", p.S, sp.Start.Offset, sp.End.Offset)
		}
	}
}

// Random texts: Sub agrees with slice whatever the segments.
func TestTextSubRandom(t *testing.T) {
	src := NewSource("f.md", []byte(strings.Repeat("abcdefghij", 10)))
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		b := newTextBuilder(src, 0, 100)
		at := 0
		for range 1 + r.IntN(6) {
			n := r.IntN(5)
			switch r.IntN(3) {
			case 0:
				b.Mapped(strings.Repeat("x", n), at, at+r.IntN(3))
			default:
				if at+n <= 100 {
					b.Exact(src.Text[at:at+n], at)
				}
			}
			at = min(100, at+n+r.IntN(2))
		}
		txt := b.Done()
		var room SegRoom
		var made []Text
		for i := 0; i <= len(txt.S); i++ {
			for j := i; j <= len(txt.S); j++ {
				if !txt.sub(i, j).Equal(txt.slice(i, j)) || !txt.SubEqual(i, j, txt.slice(i, j)) {
					t.Fatalf("%+v: Sub(%d, %d) and slice differ", txt, i, j)
				}
				u := txt.SubIn(i, j, &room)
				if !u.Equal(txt.slice(i, j)) {
					t.Fatalf("%+v: SubIn(%d, %d) and slice differ", txt, i, j)
				}
				made = append(made, u)
			}
		}
		// the sub-texts made in one room keep their maps until Reset
		k := 0
		for i := 0; i <= len(txt.S); i++ {
			for j := i; j <= len(txt.S); j++ {
				if !made[k].Equal(txt.slice(i, j)) {
					t.Fatalf("%+v: SubIn(%d, %d) changed once later sub-texts were made", txt, i, j)
				}
				k++
			}
		}
		if room.Reset(0) && len(made) > 1 && len(made[1].segs) > 0 {
			t.Fatal("Reset kept room over its bound")
		}
	}
}
