package render

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// fullDistance is the textbook Levenshtein table, the reference for the
// banded one.
func fullDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

func TestDistanceMatchesTheTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("abcé日")
	word := func() string {
		r := make([]rune, rng.IntN(12))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 3000 {
		a, b := word(), word()
		want := fullDistance(a, b)
		if got := Distance(a, b); got != want {
			t.Fatalf("Distance(%q, %q) = %d, want %d", a, b, got, want)
		}
		for k := 0; k <= 6; k++ {
			got := distanceWithin(a, b, k)
			if want <= k && got != want || want > k && got != k+1 {
				t.Fatalf("distanceWithin(%q, %q, %d) = %d, distance %d", a, b, k, got, want)
			}
		}
	}
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"kitten", "sitting", 3}, {"", "abc", 3}, {"uper", "upper", 1},
		{strings.Repeat("a", 100), "", MaxDistance + 1}, {strings.Repeat("ab", 40), strings.Repeat("ba", 40), 2},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%.20q, %.20q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"upper", "lower", "title", "trim", "trimAll", "repeat"}
	for _, c := range []struct {
		word string
		dist int
		want string
	}{
		{"uper", 2, "upper"}, {"trimall", 2, "trimAll"}, {"tirm", 2, "trim"}, {"xyzzy", 2, ""},
		{"trimAl", 1, "trimAll"}, {"", 2, ""}, {"lower", 0, "lower"}, {"lowr", -1, ""},
		{"tim", 1, "trim"}, // trim is one edit away, title two
	} {
		if got := Nearest(c.word, names, c.dist); got != c.want {
			t.Errorf("Nearest(%q, %d) = %q, want %q", c.word, c.dist, got, c.want)
		}
	}
}

// A word as long as a file costs about nothing: its length rules every
// candidate out before any distance is computed.
func TestNearestHugeWord(t *testing.T) {
	huge := strings.Repeat("x", 900_000)
	functions := sandbox.Functions()
	allocs := testing.AllocsPerRun(5, func() {
		if s := Nearest(huge, functions, 2); s != "" {
			t.Fatalf("suggested %q", s)
		}
		if d := Distance(huge, "upper"); d != MaxDistance+1 {
			t.Fatalf("Distance = %d", d)
		}
		if d := Distance(huge[:5000], huge[1:5000]); d != 1 {
			t.Fatalf("Distance = %d", d)
		}
	})
	// the banded table of two long words is two rows of 2*MaxDistance+1
	// cells; decoding them is two []rune
	if allocs > 10 {
		t.Errorf("%v allocations", allocs)
	}
	ft, err := sandbox.Parse("{{ " + huge + " }}")
	if ft != nil || err == nil || err.Msg != `template function "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"… is not defined` {
		t.Errorf("sandbox.Parse with a 900 KB name: %v", err)
	}
	if p := errProblem(TextAt(NewSource("ad.md", nil), "", 0), err); p.Msg != err.Msg {
		t.Errorf("the finding for a 900 KB name is %q", p.Msg)
	}
}

func BenchmarkNearestHugeWord(b *testing.B) {
	huge := strings.Repeat("x", 900_000)
	functions := sandbox.Functions()
	for b.Loop() {
		Nearest(huge, functions, 2)
	}
}
