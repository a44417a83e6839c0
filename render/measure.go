package render

import (
	"unicode"
	"unicode/utf8"
)

// Measure is the length of a string in one count mode, with what it takes
// to measure a concatenation of measured strings without building it. A
// limit is checked on every variant personalized for every sample member;
// measuring a text's literal parts and each member's macro values once, and
// adding them up per member, keeps that cost from growing with the text
// times the members.
type Measure struct {
	// N is the string's length (Count).
	N int
	// head and tail are the first and last character's bytes (hn and tn
	// bytes long, 0 for the empty string).
	head, tail [utf8.UTFMax]byte
	hn, tn     uint8
	valid      bool
	// headInert and tailInert: see graphemeInert
	headInert, tailInert bool
}

// Measured measures s in mode m.
func Measured(s string, m CountMode) Measure {
	ms := Measure{N: Count(s, m), valid: utf8.ValidString(s)}
	if s == "" {
		return ms
	}
	r, n := utf8.DecodeRuneInString(s)
	ms.hn = uint8(copy(ms.head[:], s[:n]))
	ms.headInert = graphemeInert(r, ms.hn)
	r, n = utf8.DecodeLastRuneInString(s)
	ms.tn = uint8(copy(ms.tail[:], s[len(s)-n:]))
	ms.tailInert = graphemeInert(r, ms.tn)
	return ms
}

// Valid reports whether the string was valid UTF-8.
func (m Measure) Valid() bool { return m.valid }

// Empty reports whether the string was empty.
func (m Measure) Empty() bool { return m.hn == 0 }

// InertEdges reports whether the first and the last character are inert
// for grapheme joins (see JoinLoss), which is true of the empty string's
// missing ones: a join at an inert edge is always measured from the edges.
func (m Measure) InertEdges() (head, tail bool) {
	if m.hn == 0 {
		return true, true
	}
	return m.valid && m.headInert, m.valid && m.tailInert
}

// JoinLoss is how much shorter a+b is than a.N+b.N: the string b directly
// after a, counted in mode m. ok is false when the edges cannot tell, and
// the concatenation must be counted as a whole.
//
// UTF-16 units and code points add up, provided no character forms across
// the join; that takes an incomplete UTF-8 sequence on one side and
// continuation bytes on the other, so one valid side suffices. Graphemes
// add up except at the join: the last character of a and the first of b
// may form one cluster (an accent or a zero-width joiner starting b, CR
// LF). When either of the two is inert (see graphemeInert), the boundary
// between them depends on the two alone and no other boundary moves, so
// counting the two characters tells the loss; otherwise (two emoji halves
// of a flag, a ZWJ sequence) the rules look further and ok is false.
func JoinLoss(a, b Measure, m CountMode) (loss int, ok bool) {
	if a.tn == 0 || b.hn == 0 {
		return 0, true
	}
	if !a.valid && !b.valid {
		return 0, false
	}
	if m != CountGraphemes {
		return 0, true
	}
	x, y := a.tail[:a.tn], b.head[:b.hn]
	if a.tn == 1 && b.hn == 1 && x[0] < utf8.RuneSelf && y[0] < utf8.RuneSelf {
		if x[0] == '\r' && y[0] == '\n' {
			return 1, true
		}
		return 0, true
	}
	switch {
	case a.tailInert && b.headInert:
		// no rule joins two inert characters but CR LF, which is ASCII
		return 0, true
	case !a.tailInert && !b.headInert:
		return 0, false
	}
	var pair [2 * utf8.UTFMax]byte
	n := copy(pair[:], x)
	n += copy(pair[n:], y)
	return 2 - countGraphemes(string(pair[:n])), true
}

// graphemeInert reports whether r (size bytes of valid UTF-8) takes part in
// no grapheme rule that looks past its neighbour: its Grapheme_Cluster_Break
// property is Other, CR, LF or Control, and it is neither
// Extended_Pictographic nor an Indic consonant, linker or extender (UAX #29
// rules GB3 to GB13). After such a character the segmenter is in the same
// state whatever came before, and before it only the character just ahead
// decides the boundary. The set is kept small and certain rather than
// complete (ASCII, Latin, Greek and Cyrillic letters, Latin-1 and general
// punctuation); a character outside it only makes a join count the slow
// way. TestGraphemeInert checks every member against the segmenter.
func graphemeInert(r rune, size uint8) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return false // an invalid byte
	case r < utf8.RuneSelf:
		return true
	case r == 0xA9 || r == 0xAE:
		return false // © and ®: Extended_Pictographic
	case r <= 0x24F:
		// C1 controls, Latin-1 Supplement, Latin Extended-A and -B: letters,
		// punctuation and controls, no combining marks
		return true
	case r >= 0x1E00 && r <= 0x1EFF: // Latin Extended Additional
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, quotation marks, bullets, ellipsis
		return true
	case r >= 0x2030 && r <= 0x205E:
		return r != 0x203C && r != 0x2049 // ‼ and ⁉: Extended_Pictographic
	}
	return unicode.IsLetter(r) && (unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r))
}
