package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// tokenKind tells what a Token is made of.
type tokenKind uint8

// The kinds of token copy is cut into. Patterns match Word, Macro and
// symbol tokens; a Punct token is a boundary no phrase crosses, and a URL
// is skipped whole.
const (
	// Word is a run of letters, digits and combining marks: "Platz",
	// "B2B", "1,200", "Booking.com". An elided word keeps its apostrophe
	// and ends there ("m'" of "m'appelle", "don'" of "don't"), and a
	// hyphen between letters separates two words ("e-mail", "risk-free").
	Word tokenKind = iota
	// Macro is a %NAME% merge field as written, valid or not.
	Macro
	// symbol is one symbol character: "%", "€", "&", "+", an emoji.
	symbol
	// Punct is sentence or clause punctuation (. , ; : ! ? ¿ ¡ … quotes,
	// brackets, a dash between spaces) or a paragraph break.
	Punct
	// URL is a web address from http://, https:// or www. up to the next
	// white space.
	URL
)

// Token is one unit of copy as the packs' patterns see it.
type Token struct {
	Kind tokenKind
	// Start and End are the token's byte offsets in the tokenized text.
	Start, End int
	// Text is the token as written, in NFC, with typographic apostrophes
	// (’ ʼ ‘ ´) turned into '. Exact-case pattern words compare with it.
	Text string
	// Fold is Text case-folded (foldWord); patterns compare with it.
	Fold string
}

// maxTokens bounds the work one Tokenize call does: copy longer than this
// (LinkedIn's longest field is a 20,000-character footer) is cut.
const maxTokens = 1 << 14

// Tokenize cuts s into tokens. It is the one tokenizer the packs are
// written for: a pattern's words are read with it too, so copy and pack
// agree on what a word is. White space makes no token, except a blank line
// (two or more line breaks), which is a Punct token: phrases do not cross
// paragraphs. At most 16,384 tokens are returned.
func Tokenize(s string) []Token { return tokenize(s, maxTokens, nil) }

// TokenizeAll is Tokenize without the cap on the number of tokens, for a
// caller whose work is bounded otherwise: the engine budgets each file's
// rule work by the bytes of its copy before any rule runs, and a rule
// must see all of the copy it checks.
func TokenizeAll(s string) []Token { return tokenize(s, -1, nil) }

// EstimateTokens is about how many tokens s has, rarely fewer: one per
// run of spaces or line, and a quarter more for punctuation. It reads s
// at the speed of a byte count, for a caller that makes room for tokens
// (Tokenizer.Reserve).
func EstimateTokens(s string) int {
	n := strings.Count(s, " ") + strings.Count(s, "\n")
	return n + n/4 + 4
}

func tokenize(s string, limit int, z *Tokenizer) []Token {
	est := EstimateTokens(s)
	if limit >= 0 {
		est = min(est, limit)
	}
	var out []Token
	switch {
	case z == nil:
		out = make([]Token, 0, est)
	case cap(z.toks)-len(z.toks) >= est:
		out = z.toks[len(z.toks):len(z.toks)]
	default:
		// a new room, twice the last within a bound, for this text and
		// the next: the texts that did not fit the room Reserve made
		// share arrays, which a Tokenizer used again keeps
		z.grow(est)
		out = z.toks[:0]
	}
	// The folded form of every word whose Fold is not its Text is appended
	// to one buffer, and Fold is a string of those bytes, which are not
	// written again: a capitalized word costs no allocation of its own.
	// Should the buffer grow, the strings keep the old one.
	var arena []byte
	if need := len(s)/4 + 8; !isFolded(s) {
		switch {
		case z == nil:
			arena = make([]byte, 0, need)
		case cap(z.fold)-len(z.fold) < need:
			z.fold = make([]byte, 0, max(need, minFoldRoom))
			fallthrough
		default:
			arena = z.fold
		}
	}
	scan(s, func(kind tokenKind, i, j int) bool {
		t := Token{Kind: kind, Start: i, End: j, Text: s[i:j]}
		switch kind {
		case Word:
			start := len(arena)
			switch ascii, lower := asciiCase(t.Text); {
			case ascii && lower:
				t.Fold = t.Text // most words: their own NFC and fold
			case ascii:
				arena = append(arena, t.Text...)
				for k := start; k < len(arena); k++ {
					if c := arena[k]; c >= 'A' && c <= 'Z' {
						arena[k] = c + 'a' - 'A'
					}
				}
			default:
				t.Text = wordText(t.Text)
				if isFolded(t.Text) {
					t.Fold = t.Text
				} else {
					arena = appendFold(arena, t.Text)
				}
			}
			if len(arena) > start {
				t.Fold = unsafe.String(unsafe.SliceData(arena[start:]), len(arena)-start)
			}
		case Punct:
			if isParagraph(t.Text) {
				t.Text = "\n\n"
			} else if r, _ := utf8.DecodeRuneInString(t.Text); isApostrophe(r) {
				t.Text = "'"
			}
		}
		if kind != Word {
			t.Fold = t.Text
		}
		out = append(out, t)
		return limit < 0 || len(out) < limit
	})
	if z != nil {
		if arena != nil {
			z.fold = arena
		}
		if room := z.toks[len(z.toks):]; cap(room) > 0 && unsafe.SliceData(out) == unsafe.SliceData(room) {
			// the tokens took part of the room (else they outgrew it into
			// an array of their own, and the room is as it was)
			z.toks = z.toks[:len(z.toks)+len(out)]
		}
		out = out[:len(out):len(out)]
	}
	return out
}

func isParagraph(s string) bool { return strings.Count(s, "\n") >= 2 }

// scan calls fn with the kind and byte range of each token of s, in order,
// until fn returns false. It allocates nothing; Tokenize and Detect share
// it.
func scan(s string, fn func(kind tokenKind, start, end int) bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			j, breaks := i, 0
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n') {
				if s[j] == '\n' {
					breaks++
				}
				j++
			}
			if breaks >= 2 && !fn(Punct, i, j) {
				return
			}
			i = j
			continue
		}
		if c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && isURLStart(s[i:]) {
				j := urlEnd(s, i)
				if !fn(URL, i, j) {
					return
				}
				i = j
				continue
			}
			j := wordEnd(s, i)
			if !fn(Word, i, j) {
				return
			}
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		kind, j := Punct, i+n
		switch {
		case unicode.IsSpace(r):
			k := i + n
			for k < len(s) {
				c, m := utf8.DecodeRuneInString(s[k:])
				if !unicode.IsSpace(c) {
					break
				}
				k += m
			}
			if strings.Count(s[i:k], "\n") >= 2 && !fn(Punct, i, k) {
				return
			}
			i = k
			continue
		case r == '%' && macroEnd(s, i) > 0:
			kind, j = Macro, macroEnd(s, i)
		case isWordRune(r):
			kind, j = Word, wordEnd(s, i)
		case isHyphen(r) && i > 0 && isWordRune(prevRune(s, i)) && i+n < len(s) && startsWord(s[i+n:]):
			i += n // a hyphen inside a compound separates words and makes no token
			continue
		case unicode.IsSymbol(r) || strings.ContainsRune("%&#@+*=/\\|~^_", r):
			kind = symbol
		}
		if !fn(kind, i, j) {
			return
		}
		i = j
	}
}

func urlEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c, m := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(c) {
			break
		}
		j += m
	}
	return j
}

// wordEnd returns the end of the word that starts at i: letters, digits
// and marks, with "." or "," between two letters or digits ("Booking.com",
// "1,200", "4.5"), and an apostrophe that is followed by a letter, which
// ends the word after it ("l'" of "l'offre").
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		if c := s[j]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			j++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case isWordRune(r):
			j += n
			continue
		case (r == '.' || r == ',') && j+n < len(s):
			next, _ := utf8.DecodeRuneInString(s[j+n:])
			prev := prevRune(s, j)
			if r == ',' && unicode.IsDigit(prev) && unicode.IsDigit(next) ||
				r == '.' && isWordRune(prev) && isWordRune(next) && !unicode.IsUpper(next) ||
				r == '.' && unicode.IsUpper(prev) && unicode.IsUpper(next) && isAbbrevDot(s, j) {
				j += n
				continue
			}
		case isApostrophe(r) && j+n < len(s):
			next, _ := utf8.DecodeRuneInString(s[j+n:])
			if unicode.IsLetter(next) {
				return j + n
			}
		}
		break
	}
	return j
}

// isAbbrevDot reports whether the "." at j sits inside an abbreviation of
// single capitals, as in "N.N." or "U.S.A.": a one-letter part before it.
func isAbbrevDot(s string, j int) bool {
	_, n := utf8.DecodeLastRuneInString(s[:j])
	k := j - n
	if k == 0 {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(s[:k])
	return !isWordRune(before)
}

// wordText is a word as a Token's Text holds it: NFC, with typographic
// apostrophes turned into '.
func wordText(text string) string {
	if !isPlainASCII(text) {
		if !isNFC(text) {
			text = norm.NFC.String(text)
		}
		if strings.ContainsAny(text, "’ʼ‘´") {
			text = apostrophes.Replace(text)
		}
	}
	return text
}

// asciiCase reports whether s is plain ASCII and, if it is, whether it
// has no capitals: then s is its own NFC and its own Fold.
func asciiCase(s string) (ascii, lower bool) {
	lower = true
	for k := 0; k < len(s); k++ {
		switch c := s[k]; {
		case c >= utf8.RuneSelf:
			return false, false
		case c >= 'A' && c <= 'Z':
			lower = false
		}
	}
	return true, lower
}

// isFolded reports whether s is its own Fold: plain ASCII without
// capitals.
func isFolded(s string) bool {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// foldWord is the comparison form of a word: NFC, Unicode full case folding
// (so "Grüße" and "GRÜSSE" and the Swiss "Grüsse" are one word) and plain
// apostrophes. Pack entries and copy are compared folded.
func foldWord(s string) string {
	if isPlainASCII(s) {
		for k := 0; k < len(s); k++ {
			if c := s[k]; c >= 'A' && c <= 'Z' {
				return strings.ToLower(s)
			}
		}
		return s
	}
	var buf [64]byte
	return string(appendFold(buf[:0], s))
}

// appendFold appends foldWord(s) to buf. Letters of the Latin blocks the packs
// write are folded here without allocating; anything else goes through
// x/text's full case folding.
func appendFold(buf []byte, s string) []byte {
	start := len(buf)
	if !isNFC(s) {
		s = norm.NFC.String(s)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		case r == 'ß' || r == 'ẞ':
			buf = append(buf, "ss"...)
		case r == 'ſ':
			buf = append(buf, 's')
		case isApostrophe(r):
			buf = append(buf, '\'')
		case r < 0x250 && r != 0x130 && r != 0x149 && r != 0x1F0:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			c := folders.Get().(*cases.Caser)
			f := c.String(s)
			folders.Put(c)
			return append(buf[:start], norm.NFC.String(apostrophes.Replace(f))...)
		}
	}
	return buf
}

// apostrophes are the characters typed for an apostrophe, read as '.
var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'", "‘", "'", "´", "'")

var folders = sync.Pool{New: func() any { c := cases.Fold(); return &c }}

func isPlainASCII(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '´'
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func prevRune(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// macroEnd returns the end of a %NAME% merge field starting at i (1 to 40
// letters, digits or underscores between the signs), or 0.
func macroEnd(s string, i int) int {
	for j := i + 1; j < len(s) && j-i <= 41; j++ {
		c := s[j]
		switch {
		case c == '%':
			if j > i+1 {
				return j + 1
			}
			return 0
		case c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

func isURLStart(s string) bool {
	if len(s) < 5 {
		return false
	}
	switch s[0] {
	case 'h', 'H':
		return hasPrefixFold(s, "https://") || hasPrefixFold(s, "http://")
	case 'w', 'W':
		return hasPrefixFold(s, "www.") && len(s) > 4 && isWordRune(rune(s[4]))
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isNFC reports whether s is in Unicode Normalization Form C. Every
// character below U+0300 (ASCII and the Latin letters the packs write) is
// its own NFC and composes with nothing before a combining mark, all of
// which lie at U+0300 or above, so such text needs no look-up.
func isNFC(s string) bool {
	for _, r := range s {
		if r >= 0x300 {
			return norm.NFC.IsNormalString(s)
		}
	}
	return true
}
