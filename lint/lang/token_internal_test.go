package lang

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestIsNFC(t *testing.T) {
	for _, s := range []string{"", "plain", "Grüße", "déjà vu", "e\u0301", "\u00e9\u0301", "A\u030a", "\u212b", "\u0340", "œuvre", "İstanbul", "日本語", "\u1100\u1161"} {
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("isNFC(%q) = %v, want %v", s, got, want)
		}
	}
	// every character below U+0300, alone and before a combining mark
	for r := rune(1); r < 0x300; r++ {
		for _, s := range []string{string(r), string(r) + "x", string(r) + "\u0301"} {
			if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
				t.Fatalf("isNFC(%q) = %v, want %v", s, got, want)
			}
		}
	}
}
