package rules

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"
)

// The bracket scanners find what the regular expressions they replace
// found, on random copy made of the characters that matter.
func TestBracketScannersMatchRegexps(t *testing.T) {
	bracketRE := regexp.MustCompile(`\[([^\[\]\n]{1,80})\]`)
	angleRE := regexp.MustCompile(`<([A-Za-z][A-Za-z ]{1,40})>`)
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"[", "]", "<", ">", "\n", " ", "a", "B", "é", "x", "1", "-"}
	for n := 0; n < 20000; n++ {
		var b []byte
		for k, l := 0, r.IntN(120); k < l; k++ {
			w := alphabet[r.IntN(len(alphabet))]
			if r.IntN(10) == 0 {
				for m := r.IntN(50); m > 0; m-- {
					b = append(b, w...)
				}
			}
			b = append(b, w...)
		}
		s := string(b)
		toPairs := func(ms [][]int) [][2]int {
			var out [][2]int
			for _, m := range ms {
				out = append(out, [2]int{m[0], m[1]})
			}
			return out
		}
		if got, want := brackets(s), toPairs(bracketRE.FindAllStringIndex(s, -1)); !slices.Equal(got, want) {
			t.Fatalf("brackets(%q) = %v; the regexp finds %v", s, got, want)
		}
		if got, want := angles(s), toPairs(angleRE.FindAllStringIndex(s, -1)); !slices.Equal(got, want) {
			t.Fatalf("angles(%q) = %v; the regexp finds %v", s, got, want)
		}
	}
}
