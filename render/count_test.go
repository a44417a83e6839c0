package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

func TestCount(t *testing.T) {
	tests := []struct {
		name                   string
		in                     string
		utf16, graphemes, cpts int
	}{
		{"empty", "", 0, 0, 0},
		{"ascii", "Hi Dana, join us", 16, 16, 16},
		{"crlf is one grapheme", "a\r\nb", 4, 3, 4},
		{"lone cr and lf", "\n\ra\r\r\n", 6, 5, 6},
		{"crlf beside non-ascii", "é\r\n", 3, 2, 3},
		{"e acute precomposed", "\u00e9", 1, 1, 1},
		{"e plus combining acute", "e\u0301", 2, 1, 2},
		{"name with combining accent", "Zoe\u0308", 4, 3, 4},
		{"thumbs up", "👍", 2, 1, 1},
		{"thumbs up with skin tone", "👍🏽", 4, 1, 2},
		{"zwj family", "👨\u200d👩\u200d👧", 8, 1, 5},
		{"flag", "🇩🇪", 4, 1, 2},
		{"cjk", "山田 太郎", 5, 5, 5},
		{"cjk extension b is astral", "𠮷野家", 4, 3, 3},
		// uniseg v0.4.7 implements Unicode 15.0 segmentation, which splits
		// the conjunct प्रि after the virama; Unicode 15.1 (rule GB9c) would
		// join it and count 2.
		{"devanagari", "प्रिया", 6, 3, 6},
		{"valid replacement character", "\uFFFD", 1, 1, 1},
		{"invalid byte", "a\xffb", 3, 3, 3},
		{"two invalid bytes", "\xff\xfe", 2, 2, 2},
		{"truncated sequence", "\xe5\xb1", 2, 2, 2},
		{"encoded surrogate", "\xed\xa0\x80", 3, 3, 3},
		{"mixed", "Hi 👋 José!", 11, 10, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				mode CountMode
				want int
			}{{CountUTF16, tt.utf16}, {CountGraphemes, tt.graphemes}, {CountCodePoints, tt.cpts}} {
				if got := Count(tt.in, c.mode); got != c.want {
					t.Errorf("Count(%q, %v) = %d, want %d", tt.in, c.mode, got, c.want)
				}
			}
		})
	}
}

func TestCountDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("Hi %FIRSTNAME%, 👋 José — 山田 ", 20)
	for _, m := range []CountMode{CountUTF16, CountCodePoints} {
		if n := testing.AllocsPerRun(100, func() { Count(s, m) }); n != 0 {
			t.Errorf("Count(_, %v) allocates %.0f times per call, want 0", m, n)
		}
	}
}

func TestParseCountMode(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    CountMode
		wantErr string
	}{
		{"utf16", CountUTF16, ""},
		{"graphemes", CountGraphemes, ""},
		{"codepoints", CountCodePoints, ""},
		{"UTF16", 0, `unknown count mode "UTF16": use utf16, graphemes or codepoints`},
		{"utf-16", 0, `unknown count mode "utf-16": use utf16, graphemes or codepoints`},
		{"", 0, `unknown count mode "": use utf16, graphemes or codepoints`},
	} {
		got, err := ParseCountMode(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseCountMode(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseCountMode(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("ParseCountMode(%q).String() = %q, want it to round-trip", tt.in, got.String())
		}
	}
	if got := CountMode(9).String(); got != "CountMode(9)" {
		t.Errorf("CountMode(9).String() = %q, want %q", got, "CountMode(9)")
	}
}

func TestCountModeText(t *testing.T) {
	var m CountMode
	if err := m.UnmarshalText([]byte("graphemes")); err != nil || m != CountGraphemes {
		t.Fatalf("UnmarshalText(graphemes) = %v, %v; want graphemes", m, err)
	}
	b, err := m.MarshalText()
	if err != nil || string(b) != "graphemes" {
		t.Errorf("MarshalText() = %q, %v; want graphemes", b, err)
	}
	if err := m.UnmarshalText([]byte("bytes")); err == nil || err.Error() != `unknown count mode "bytes": use utf16, graphemes or codepoints` {
		t.Errorf("UnmarshalText(bytes) error = %v", err)
	}
	if m != CountGraphemes {
		t.Errorf("failed UnmarshalText changed the mode to %v", m)
	}
	if _, err := CountMode(7).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid mode succeeded")
	}
}

func BenchmarkCount(b *testing.B) {
	inputs := []struct{ name, s string }{
		{"ascii", strings.Repeat("Hi Dana, marketing teams tell us they struggle. ", 10)},
		{"mixed", strings.Repeat("Hi José 👋🏽, 山田さん — join 200+ leaders! ", 10)},
	}
	for _, in := range inputs {
		for _, m := range []CountMode{CountUTF16, CountCodePoints, CountGraphemes} {
			b.Run(in.name+"/"+m.String(), func(b *testing.B) {
				b.SetBytes(int64(len(in.s)))
				b.ReportAllocs()
				for b.Loop() {
					Count(in.s, m)
				}
			})
		}
	}
}

// TestCountGraphemesASCII checks the ASCII shortcut against the segmenter
// on every ASCII character, alone and in pairs.
func TestCountGraphemesASCII(t *testing.T) {
	for a := range utf8.RuneSelf {
		for b := range utf8.RuneSelf {
			s := string([]byte{byte(a), byte(b)})
			if got, want := Count(s, CountGraphemes), uniseg.GraphemeClusterCount(s); got != want {
				t.Errorf("Count(%q, graphemes) = %d, uniseg says %d", s, got, want)
			}
		}
	}
}

// countUTF16Units reads eight ASCII bytes at a time: whatever the run of
// ASCII before, between and after other bytes (two- and four-byte
// characters, invalid bytes, a sequence cut short), it counts what a
// decoder of one rune at a time counts.
func TestCountUTF16UnitsMatchesRuneByRune(t *testing.T) {
	oneByOne := func(s string) int {
		n := 0
		for _, r := range s { // an invalid byte is one U+FFFD
			if r > 0xFFFF {
				n += 2
			} else {
				n++
			}
		}
		return n
	}
	pieces := []string{"é", "🎉", "\xff", "\xf0\x9f", "中", "\xe4\xb8", "\x80"}
	for _, p := range pieces {
		for before := 0; before <= 17; before++ {
			for after := 0; after <= 9; after++ {
				s := strings.Repeat("a", before) + p + strings.Repeat("b", after) + p
				if got, want := countUTF16Units(s), oneByOne(s); got != want {
					t.Fatalf("countUTF16Units(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "abcdefgh", "abcdefghi", strings.Repeat("x", 64), "1234567🎉"} {
		if got, want := countUTF16Units(s), oneByOne(s); got != want {
			t.Errorf("countUTF16Units(%q) = %d, want %d", s, got, want)
		}
	}
}
