package lint

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// referenceSort is sortDiagnostics as it was written first, with
// sort.SliceStable and a less function: the order the outputs were
// checked against.
func referenceSort(d []Diagnostic) {
	sort.SliceStable(d, func(i, j int) bool {
		a, b := d[i], d[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Span.Start.Line != b.Span.Start.Line {
			return a.Span.Start.Line < b.Span.Start.Line
		}
		if a.Span.Start.Col != b.Span.Start.Col {
			return a.Span.Start.Col < b.Span.Start.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		if a.Variant != b.Variant {
			return a.Variant < b.Variant
		}
		return a.Member < b.Member
	})
}

// randomDiagnostics are n findings drawn from few values per key, so that
// every key decides some comparisons and many findings tie on all of them
// (told apart by Severity and the end of the span, which the order leaves
// alone: a stable sort must keep them as they came).
func randomDiagnostics(r *rand.Rand, n int) []Diagnostic {
	pick := func(vals ...string) string { return vals[r.Intn(len(vals))] }
	d := make([]Diagnostic, n)
	for i := range d {
		d[i] = Diagnostic{
			File:     pick("a.md", "b.md", "a/b.md", "é.md"),
			Span:     render.Span{Start: render.Pos{Line: r.Intn(3) + 1, Col: r.Intn(3) + 1}, End: render.Pos{Offset: i}},
			Rule:     pick("hype", "placeholder", "subject-length"),
			Severity: Severity(r.Intn(3) + 1),
			Message:  pick("m", "n", "m2", ""),
			Variant:  pick("", "a", "b"),
			Member:   pick("", "Dana", "Zoë"),
		}
	}
	return d
}

// sortDiagnostics orders findings exactly as the sort.SliceStable version
// did, ties included, for runs of every size the insertion and merge
// phases of a stable sort treat differently.
func TestSortDiagnosticsIsReference(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	for _, n := range []int{0, 1, 2, 3, 7, 20, 21, 64, 300} {
		for round := range 20 {
			d := randomDiagnostics(r, n)
			want := slices.Clone(d)
			referenceSort(want)
			sortDiagnostics(d)
			if !reflect.DeepEqual(d, want) {
				t.Fatalf("%d findings, round %d: order differs\n got %v\nwant %v", n, round, brief(d), brief(want))
			}
		}
	}
}

// finish skips the sort when the findings are in order already: the run
// gives what sorting them all gives, whether its files came in order
// (each file's findings sorted by add) or not.
func TestFinishSortsOnce(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	e := &Engine{}
	for _, inOrder := range []bool{true, false} {
		for round := range 50 {
			files := []string{"a.md", "b.md", "c/d.md", "c/e.md"}
			if !inOrder {
				r.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
			}
			res := newResult()
			var all []Diagnostic
			for _, f := range files {
				d := randomDiagnostics(r, r.Intn(30))
				for i := range d {
					d[i].File = f
				}
				all = append(all, d...)
				res.add(f, fileResult{diags: d, linted: true}, nil)
			}
			referenceSort(all)
			got := e.finish(res).Diagnostics
			if len(all) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, all) {
				t.Fatalf("files %v, round %d: order differs\n got %v\nwant %v", files, round, brief(got), brief(all))
			}
		}
	}
}

func brief(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %q %s %s #%d", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Rule, d.Message, d.Variant, d.Member, d.Span.End.Offset))
	}
	return out
}
