package rules

import (
	"regexp"
	"strings"
	"sync"
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
	n := len(sub)
	if n == 0 {
		return 0
	}
	lim := len(s) - n + 1
	if lim <= 0 {
		return -1
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
			return -1
		}
		if equalFold(s[c:c+n], sub) {
			return c
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

// containsAnyFold is containsFold for several lower-case needles.
func containsAnyFold(s string, subs ...string) bool {
	for _, sub := range subs {
		if containsFold(s, sub) {
			return true
		}
	}
	return false
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

// lazyRE compiles a pattern on first use. Rules hold many patterns that
// most runs never need, and compiling them all at start-up would cost the
// one-file run (an editor's on-save, a pre-commit hook) a millisecond.
func lazyRE(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
