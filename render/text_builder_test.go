package render

import (
	"testing"
	"unsafe"
)

// A builder that adopted a string copies nothing while it is written the
// string's own bytes, and copies what it has the moment it is not: its
// text is what was written, either way.
func TestTextBuilderAdopt(t *testing.T) {
	src := NewSource("ad.md", []byte("Hello there, Ada"))
	for _, c := range []struct {
		adopt  string
		writes []string
		shares bool // S is the adopted string's memory
	}{
		{"Hello Ada", []string{"Hello ", "Ada"}, true},
		{"Hello Ada", []string{"Hello "}, true},
		{"Hello Ada", []string{"Hello ", "Bob"}, false},
		{"Hello Ada", []string{"Hello ", "Ada", "!"}, false},
		{"Hello Ada", []string{"Hello  ", "Ada"}, false},
		{"Hi", []string{"Hello"}, false},
		{"", []string{"x"}, false},
	} {
		b := newTextBuilder(src, 0, 5)
		b.adopt(c.adopt)
		want := ""
		for i, w := range c.writes {
			b.Mapped(w, i, i+1)
			want += w
		}
		got := b.Done()
		if got.S != want {
			t.Errorf("adopt %q, write %q: S = %q, want %q", c.adopt, c.writes, got.S, want)
		}
		if shares := unsafe.StringData(got.S) == unsafe.StringData(c.adopt); shares != c.shares {
			t.Errorf("adopt %q, write %q: shares the adopted string = %v, want %v", c.adopt, c.writes, shares, c.shares)
		}
		if len(got.segs) != len(c.writes) || got.segs[len(got.segs)-1].outEnd != len(want) {
			t.Errorf("adopt %q, write %q: segments %+v", c.adopt, c.writes, got.segs)
		}
	}
}
