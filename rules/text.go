package rules

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// containsFold reports whether s contains sub, ignoring the case of ASCII
// letters; sub must be lower-case. It allocates nothing: rules call it as
// a cheap test before running a regular expression.
func containsFold(s, sub string) bool { return indexFold(s, sub) >= 0 }

// indexFold is the index of the first instance of sub in s, ignoring the
// case of ASCII letters (sub must be lower-case), or -1. It jumps between
// the places where sub's first letter occurs in either case, each found
// once with strings.IndexByte, so it is linear in len(s).
func indexFold(s, sub string) int {
	at := -1
	eachFold(s, sub, func(i int) bool {
		at = i
		return false
	})
	return at
}

// eachFold calls fn with the index of every instance of sub in s, ignoring
// the case of ASCII letters (sub must be lower-case), in order (instances
// may overlap), until fn returns false. Like indexFold it finds each place
// sub's first letter occurs once, so the whole walk is linear in len(s);
// calling indexFold again on the rest after each instance would rescan the
// rest for a letter case that never occurs, once per instance.
func eachFold(s, sub string, fn func(at int) bool) {
	n := len(sub)
	if n == 0 {
		fn(0)
		return
	}
	lim := len(s) - n + 1
	if lim <= 0 {
		return
	}
	first, other := sub[0], sub[0]
	if first >= 'a' && first <= 'z' {
		other = first - ('a' - 'A')
	}
	next := func(c byte, from int) int {
		if k := strings.IndexByte(s[from:lim], c); k >= 0 {
			return from + k
		}
		return -1
	}
	nf, no := next(first, 0), -1
	if other != first {
		no = next(other, 0)
	}
	for {
		c := nf
		if c < 0 || no >= 0 && no < c {
			c = no
		}
		if c < 0 {
			return
		}
		if equalFold(s[c:c+n], sub) && !fn(c) {
			return
		}
		if c == nf {
			nf = next(first, c+1)
		} else {
			no = next(other, c+1)
		}
	}
}

// equalFold compares s with the lower-case sub, ignoring ASCII case.
func equalFold(s, sub string) bool {
	for j := 0; j < len(sub); j++ {
		c := s[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sub[j] {
			return false
		}
	}
	return true
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// bareBreaks reports whether every line break in s has no blank beside
// it and s has no carriage return or tab: then each cut render.Paragraphs
// makes has a line break on each side, and a pattern or a grapheme
// cluster that never spans a line break finds in a paragraph what it
// finds there in the whole text. It reads s at the speed of a byte search.
func bareBreaks(s string) bool {
	if strings.IndexByte(s, '\r') >= 0 || strings.IndexByte(s, '\t') >= 0 {
		return false
	}
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], '\n')
		if k < 0 {
			return true
		}
		i += k
		if i > 0 && s[i-1] == ' ' || i+1 < len(s) && s[i+1] == ' ' {
			return false
		}
	}
}

// hasLetter reports whether s has a letter, in any script: a word that is
// only digits or symbols ("2", "10%") is not one the word rules judge.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// lazyRE compiles a pattern on first use. Rules hold many patterns that
// most runs never need, and compiling them all at start-up would cost the
// one-file run (an editor's on-save, a pre-commit hook) a millisecond.
func lazyRE(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// spanSet is a set of byte ranges of one text that findings already cover,
// for the rules that skip what another finding or a macro holds. Kept
// sorted and merged, it answers in logarithmic time, so a text with
// thousands of findings costs no more than its length times a logarithm.
type spanSet struct {
	r [][2]int // sorted, non-overlapping
}

// newSpanSet makes a set of the ranges, which may overlap.
func newSpanSet(ranges [][2]int) *spanSet {
	s := &spanSet{}
	s.add(ranges)
	return s
}

// overlaps reports whether [i, j) overlaps a range of the set.
func (s *spanSet) overlaps(i, j int) bool {
	k := sort.Search(len(s.r), func(k int) bool { return s.r[k][1] > i })
	return k < len(s.r) && s.r[k][0] < j
}

// add puts ranges into the set.
func (s *spanSet) add(ranges [][2]int) {
	if len(ranges) == 0 {
		return
	}
	all := append(append(make([][2]int, 0, len(s.r)+len(ranges)), s.r...), ranges...)
	slices.SortFunc(all, func(a, b [2]int) int { return a[0] - b[0] })
	out := all[:0]
	for _, r := range all {
		if n := len(out); n > 0 && r[0] < out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	s.r = out
}

// wordBefore finds the word that ends just before at, separated from it by
// spaces or tabs only (at least one). A word is a run of letters that does
// not continue through an apostrophe, digit or another letter.
func wordBefore(s string, at int) (start, end int, ok bool) {
	end = at
	for end > 0 && (s[end-1] == ' ' || s[end-1] == '\t') {
		end--
	}
	if end == at || end == 0 {
		return 0, 0, false
	}
	start = end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsLetter(r) {
			break
		}
		start -= n
	}
	if start == end {
		return 0, 0, false
	}
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsDigit(r) || r == '\'' || r == '’' || r == '%' || r == '-' {
			return 0, 0, false
		}
	}
	return start, end, true
}
