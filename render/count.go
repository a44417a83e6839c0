package render

import (
	"fmt"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/inboxlint/inboxlint/render/escape"
)

// CountMode selects how text length is measured against LinkedIn's limits.
// LinkedIn documents its limits as "characters including spaces, emojis and
// punctuation" without saying what a character is, so the mode is a
// configuration choice (`count:` in the config file) rather than a fact.
type CountMode uint8

// The count modes. CountUTF16 is the zero value and the default because it
// is the strictest plausible count: browser form limits (HTML maxlength,
// JavaScript string length) count UTF-16 code units, so an emoji counts 2.
const (
	// CountUTF16 counts UTF-16 code units: a character outside the Basic
	// Multilingual Plane (most emoji) counts 2.
	CountUTF16 CountMode = iota
	// CountGraphemes counts user-perceived characters (extended grapheme
	// clusters): a flag, a skin-toned or ZWJ emoji and e + combining accent
	// each count 1. It is the most lenient count.
	CountGraphemes
	// CountCodePoints counts Unicode code points, as Go's
	// utf8.RuneCountInString does.
	CountCodePoints
)

var countModeNames = [...]string{"utf16", "graphemes", "codepoints"}

// ParseCountMode reads a mode as written in the config file, so a typo is
// reported with the accepted spellings instead of silently meaning utf16.
func ParseCountMode(s string) (CountMode, error) {
	for i, n := range countModeNames {
		if s == n {
			return CountMode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown count mode %s: use utf16, graphemes or codepoints", escape.Excerpt(s))
}

// String is the mode's config spelling ("utf16", "graphemes",
// "codepoints"), so diagnostics and `inboxlint explain` can name the mode
// the user would write.
func (m CountMode) String() string {
	if int(m) < len(countModeNames) {
		return countModeNames[m]
	}
	return fmt.Sprintf("CountMode(%d)", uint8(m))
}

// MarshalText writes the config spelling, so a CountMode round-trips through
// YAML and JSON config and output.
func (m CountMode) MarshalText() ([]byte, error) {
	if int(m) >= len(countModeNames) {
		return nil, fmt.Errorf("invalid count mode %d", uint8(m))
	}
	return []byte(countModeNames[m]), nil
}

// UnmarshalText parses the config spelling with ParseCountMode, so a config
// struct can hold a CountMode field and get the same error message.
func (m *CountMode) UnmarshalText(text []byte) error {
	v, err := ParseCountMode(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Count measures s in mode m. Invalid UTF-8 counts 1 per bad byte in every
// mode, matching how Go (and a browser decoding with replacement) turns each
// bad byte into one U+FFFD. Counting in UTF-16 and code points does not
// allocate, since it runs for every field of every rendered variant and
// member.
func Count(s string, m CountMode) int {
	switch m {
	case CountGraphemes:
		return countGraphemes(s)
	case CountCodePoints:
		return utf8.RuneCountInString(s)
	default:
		return countUTF16Units(s)
	}
}

// countUTF16Units is the length of s in UTF-16 code units: 1 per ASCII byte,
// 1 per code point in the Basic Multilingual Plane, 2 above it (a surrogate
// pair), and 1 per invalid byte.
func countUTF16Units(s string) int {
	n := 0
	for i := 0; i < len(s); {
		// most copy is ASCII: eight bytes at a time while it is
		for i+8 <= len(s) && s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] < utf8.RuneSelf {
			n += 8
			i += 8
		}
		if i == len(s) {
			break
		}
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// countGraphemes counts extended grapheme clusters. Most copy is ASCII or
// Latin, Greek and Cyrillic letters and punctuation, where every character
// is a cluster of its own except CR LF (rule GB3: these are the characters
// graphemeInert knows, between two of which no other rule joins), so such
// text skips the segmenter, which is about fifty times slower.
func countGraphemes(s string) int {
	n, crlf := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				crlf++
			}
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !graphemeInert(r, uint8(size)) {
			return uniseg.GraphemeClusterCount(s)
		}
		n++
		i += size
	}
	return n - crlf
}
