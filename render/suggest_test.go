package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
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
		if got := distance(a, b); got != want {
			t.Fatalf("distance(%q, %q) = %d, want %d", a, b, got, want)
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
		{strings.Repeat("a", 100), "", maxDistance + 1}, {strings.Repeat("ab", 40), strings.Repeat("ba", 40), 2},
	} {
		if got := distance(c.a, c.b); got != c.want {
			t.Errorf("distance(%.20q, %.20q) = %d, want %d", c.a, c.b, got, c.want)
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
		if d := distance(huge, "upper"); d != maxDistance+1 {
			t.Fatalf("Distance = %d", d)
		}
		if d := distance(huge[:5000], huge[1:5000]); d != 1 {
			t.Fatalf("Distance = %d", d)
		}
	})
	// the banded table of two long words is two rows of 2*maxDistance+1
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

func TestDidYouMean(t *testing.T) {
	tests := []struct{ got, want string }{
		{DidYouMean("rules"), `did you mean "rules"?`},
		{DidYouMean(`a "quoted" name`), `did you mean "a \"quoted\" name"?`},
		{DidYouMean(""), ""},
		{DidYouMean(Nearest("rulez", []string{"members", "rules"}, 2)), `did you mean "rules"?`},
		{DidYouMean(Nearest("zzzzz", []string{"members", "rules"}, 2)), ""},
		{DidYouMeanText("%FIRSTNAME%"), "did you mean %FIRSTNAME%?"},
		{DidYouMeanText("#pricing"), "did you mean #pricing?"},
		{DidYouMeanText("inboxlint lint"), "did you mean inboxlint lint?"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: %q, want %q", i, tt.got, tt.want)
		}
	}
}

// TestOnePhrasing keeps every suggestion in the module phrased by
// DidYouMean: no string in the module's other code says "did you mean".
func TestOnePhrasing(t *testing.T) {
	root := ".."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "suggest.go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && strings.Contains(strings.ToLower(lit.Value), "did you mean") {
				t.Errorf("%s: %s phrases a suggestion itself: use render.DidYouMean", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
