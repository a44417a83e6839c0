package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The two scans below find a macro name that lost one of its percent
// signs, exactly as the patterns
//
//	(?i)%(firstname|lastname|jobtitle|companyname|industry)\b
//	(?i)\b(firstname|lastname|jobtitle|companyname|industry)%
//
// would (FindAllStringSubmatchIndex), which TestMacroScansMatchPatterns
// and FuzzMacroScans check. A case-insensitive pattern without a literal
// prefix tries every position of the text, and ordinary copy ("92%", "in
// your industry") sent every such text through both: the scans start only
// at a percent sign and test the five names there.

// findPercentWords returns each %WORD% (a letter and one to 29 more
// letters or underscores between percent signs) with its range and the
// word's, exactly as the pattern %([A-Za-z][A-Za-z_]{1,29})% would, which
// TestMacroScansMatchPatterns and FuzzMacroScans check: ordinary copy
// with a stray percent sign ("within 5%") no longer compiles and runs a
// pattern.
func findPercentWords(s string) [][]int {
	letter := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
	return eachPercent(s, func(at int) ([]int, int) {
		j := at + 1
		if j >= len(s) || !letter(s[j]) {
			return nil, at + 1
		}
		for j++; j < len(s) && (letter(s[j]) || s[j] == '_'); j++ {
		}
		if n := j - at - 2; n >= 1 && n <= 29 && j < len(s) && s[j] == '%' {
			return []int{at, j + 1, at + 1, j}, j + 1
		}
		return nil, at + 1
	})
}

// macroNames are the names of LinkedIn's macros in lower case, in the
// patterns' order; their first letters differ, so at most one matches at a
// position.
var macroNames = [...]string{"firstname", "lastname", "jobtitle", "companyname", "industry"}

// eachPercent scans s for '%' and calls match at each, in order: match
// returns the finding there (nil for none) and where the scan goes on.
func eachPercent(s string, match func(at int) (found []int, next int)) [][]int {
	var out [][]int
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '%')
		if k < 0 {
			return out
		}
		found, next := match(i + k)
		if found != nil {
			out = append(out, found)
		}
		i = next
	}
}

// findUnclosed returns, for each %NAME not followed by a word character,
// its range and the name's.
func findUnclosed(s string) [][]int {
	return eachPercent(s, func(at int) ([]int, int) {
		for _, name := range macroNames {
			end, ok := foldPrefix(s, at+1, name)
			if ok && (end == len(s) || !isASCIIWord(s[end])) {
				return []int{at, end, at + 1, end}, end
			}
		}
		return nil, at + 1
	})
}

// findUnopened returns, for each NAME% not preceded by a word character,
// its range and the name's.
func findUnopened(s string) [][]int {
	return eachPercent(s, func(at int) ([]int, int) {
		for _, name := range macroNames {
			start, ok := foldSuffix(s, at, name)
			if ok && (start == 0 || !isASCIIWord(s[start-1])) {
				return []int{start, at + 1, start, at}, at + 1
			}
		}
		return nil, at + 1
	})
}

// foldPrefix reports whether s[from:] starts with name (ASCII lower case)
// under Unicode simple case folding, as (?i) matches, and where it ends.
func foldPrefix(s string, from int, name string) (end int, ok bool) {
	for j := 0; j < len(name); j++ {
		if from >= len(s) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(s[from:])
		if !foldsTo(r, name[j]) {
			return 0, false
		}
		from += n
	}
	return from, true
}

// foldSuffix reports whether s[:to] ends with name under simple case
// folding, and where it starts.
func foldSuffix(s string, to int, name string) (start int, ok bool) {
	for j := len(name) - 1; j >= 0; j-- {
		if to == 0 {
			return 0, false
		}
		r, n := utf8.DecodeLastRuneInString(s[:to])
		if !foldsTo(r, name[j]) {
			return 0, false
		}
		to -= n
	}
	return to, true
}

// foldsTo reports whether r is in c's simple case-folding orbit (c, C and,
// for s and k, ſ and the Kelvin sign), the runes (?i)c matches. An invalid
// byte decodes to utf8.RuneError, which is in no letter's orbit.
func foldsTo(r rune, c byte) bool {
	if r < utf8.RuneSelf {
		return r == rune(c) || r == rune(c)-('a'-'A')
	}
	for f := unicode.SimpleFold(rune(c)); f != rune(c); f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// isASCIIWord reports whether b is a word character for \b: an ASCII
// letter, digit or underscore. A byte of a multi-byte character is not.
func isASCIIWord(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
