package rules

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestIndexFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"Hello World", "world", 6},
		{"HELLO", "hello", 0},
		{"hello", "hello!", -1},
		{"", "a", -1},
		{"abc", "", 0},
		{"xXxXy", "xy", 3},
		{"My Name is Dana", "name", 3},
		{"caf\u00e9 TODO", "todo", 6},
		{"aaaaab", "aab", 3},
		{"12%FIRSTNAME% firstname", "firstname", 3},
	}
	for _, tt := range tests {
		if got := indexFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
		if got, want := containsFold(tt.s, tt.sub), tt.want >= 0; got != want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, want)
		}
		// agrees with strings.Index on lower-cased ASCII
		if l := strings.Index(strings.ToLower(tt.s), tt.sub); l != tt.want && isASCII(tt.s) {
			t.Errorf("indexFold(%q, %q) = %d but strings.Index on the lower-cased text = %d", tt.s, tt.sub, tt.want, l)
		}
	}
}

func TestEachFold(t *testing.T) {
	tests := []struct {
		s, sub string
		want   []int
	}{
		{"Name name NAME", "name", []int{0, 5, 10}},
		{"aaaa", "aa", []int{0, 1, 2}}, // overlapping instances too
		{"FIRSTNAME FIRSTNAME", "firstname", []int{0, 10}},
		{"", "a", nil},
		{"xyz", "a", nil},
	}
	for _, tt := range tests {
		var got []int
		eachFold(tt.s, tt.sub, func(at int) bool {
			got = append(got, at)
			return true
		})
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("eachFold(%q, %q) = %v, want %v", tt.s, tt.sub, got, tt.want)
		}
	}
	var first []int
	eachFold("ab ab ab", "ab", func(at int) bool { first = append(first, at); return false })
	if fmt.Sprint(first) != "[0]" {
		t.Errorf("eachFold did not stop when fn returned false: %v", first)
	}
}

// TestContainsMacroWord: names all in one case, the case eachFold keeps
// looking for only once (searching the rest of the text for the other case
// once per name made a 1 MB text of macros take half a second).
func TestContainsMacroWord(t *testing.T) {
	s := strings.Repeat("GREAT %FIRSTNAME% DEAL ", 20000)
	if containsMacroWord(s) {
		t.Error("every FIRSTNAME is in a macro, yet containsMacroWord is true")
	}
	if !containsMacroWord(s + "FIRSTNAME%") {
		t.Error("an unopened FIRSTNAME% is not seen")
	}
	if !containsMacroWord("firstname, FIRSTNAME") || containsMacroWord("%FIRSTNAME% %LASTNAME%") {
		t.Error("containsMacroWord counts names outside macros wrong")
	}
}

func TestSpanSet(t *testing.T) {
	s := newSpanSet([][2]int{{10, 20}, {15, 25}, {40, 45}, {30, 31}})
	tests := []struct {
		i, j int
		want bool
	}{
		{0, 10, false}, {0, 11, true}, {24, 26, true}, {25, 30, false},
		{30, 31, true}, {31, 40, false}, {44, 50, true}, {45, 60, false}, {12, 13, true},
	}
	for _, tt := range tests {
		if got := s.overlaps(tt.i, tt.j); got != tt.want {
			t.Errorf("overlaps(%d, %d) = %v, want %v", tt.i, tt.j, got, tt.want)
		}
	}
	s.add([][2]int{{25, 30}})
	if !s.overlaps(26, 27) || s.overlaps(31, 40) {
		t.Error("add did not merge the new range in")
	}
	// the same answers as asking every range, on random sets
	r := rand.New(rand.NewPCG(1, 1))
	for k := 0; k < 200; k++ {
		var rs [][2]int
		for n := r.IntN(20); n > 0; n-- {
			a := r.IntN(100)
			rs = append(rs, [2]int{a, a + 1 + r.IntN(10)})
		}
		set := newSpanSet(rs)
		for q := 0; q < 50; q++ {
			i := r.IntN(110)
			j := i + 1 + r.IntN(10)
			want := false
			for _, x := range rs {
				want = want || i < x[1] && j > x[0]
			}
			if got := set.overlaps(i, j); got != want {
				t.Fatalf("%v: overlaps(%d, %d) = %v, want %v", rs, i, j, got, want)
			}
		}
	}
}
