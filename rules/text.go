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
func containsFold(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	first, other := sub[0], sub[0]
	if first >= 'a' && first <= 'z' {
		other = first - ('a' - 'A')
	}
	for i := 0; i+n <= len(s); i++ {
		// jump to the next place the first byte matches, in either case
		k := strings.IndexByte(s[i:len(s)-n+1], first)
		if other != first {
			if k2 := strings.IndexByte(s[i:len(s)-n+1], other); k2 >= 0 && (k < 0 || k2 < k) {
				k = k2
			}
		}
		if k < 0 {
			return false
		}
		i += k
		j := 0
		for j < n {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == n {
			return true
		}
	}
	return false
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
