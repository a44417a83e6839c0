package render

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// The path and cycle searches were rewritten to cost a bounded amount per
// step (the distinct next messages listed once, the cycle search on a
// slice rather than the call stack). These tests hold them to the
// straightforward versions they replaced, which stay here as references:
// the same paths, the same cycles in the same order, the same place to
// stop when the budget runs out, and SearchSteps never below the steps
// they take.

// refNext lists the distinct messages node i links to, in button order.
func refNext(f *Flow, i int) []FlowEdge {
	var out []FlowEdge
	for _, e := range f.Nodes[i].Edges {
		if e.To < 0 {
			continue
		}
		dup := false
		for _, o := range out {
			if o.To == e.To {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

func refLongestPath(f *Flow) (best []int, steps int) {
	if len(f.Nodes) == 0 {
		return nil, 0
	}
	reach := 0
	for _, r := range f.Reachable() {
		if r {
			reach++
		}
	}
	on := make([]bool, len(f.Nodes))
	path := []int{0}
	on[0] = true
	var walk func(i int) bool
	walk = func(i int) bool {
		if steps++; steps > searchBudget {
			return false
		}
		if len(path) > len(best) {
			best = append(best[:0], path...)
			if len(best) == reach {
				return false
			}
		}
		for _, e := range refNext(f, i) {
			if on[e.To] {
				continue
			}
			on[e.To] = true
			path = append(path, e.To)
			ok := walk(e.To)
			path = path[:len(path)-1]
			on[e.To] = false
			if !ok {
				return false
			}
		}
		return true
	}
	walk(0)
	return best, steps
}

func refCycles(f *Flow, limit int) (out []Cycle, steps int) {
	ord := f.order()
	byOrd := make([]int, len(ord))
	for i, o := range ord {
		byOrd[o] = i
	}
	n := len(f.Nodes)
	blocked := make([]bool, n)
	blockers := make([]map[int]bool, n)
	var stack []int
	var unblock func(u int)
	unblock = func(u int) {
		blocked[u] = false
		for w := range blockers[u] {
			delete(blockers[u], w)
			if blocked[w] {
				unblock(w)
			}
		}
	}
	for _, s := range byOrd {
		if len(out) >= limit || steps > searchBudget {
			break
		}
		for i := range blocked {
			blocked[i] = false
			blockers[i] = nil
		}
		var circuit func(v int) bool
		circuit = func(v int) bool {
			steps++
			found := false
			stack = append(stack, v)
			blocked[v] = true
			for _, e := range refNext(f, v) {
				w := e.To
				if ord[w] < ord[s] {
					continue
				}
				if len(out) >= limit || steps > searchBudget {
					break
				}
				if w == s {
					out = append(out, Cycle{Path: append([]int(nil), stack...), Closing: e})
					found = true
				} else if !blocked[w] && circuit(w) {
					found = true
				}
			}
			if found {
				unblock(v)
			} else {
				for _, e := range refNext(f, v) {
					if ord[e.To] < ord[s] {
						continue
					}
					if blockers[e.To] == nil {
						blockers[e.To] = map[int]bool{}
					}
					blockers[e.To][v] = true
				}
			}
			stack = stack[:len(stack)-1]
			return found
		}
		circuit(s)
	}
	return out, steps
}

// randomFlow builds a conversation of n messages whose buttons link at
// random, some twice to the same message and some to no message.
func randomFlow(t *testing.T, r *rand.Rand, n, maxButtons int) *Flow {
	var spec []string
	for i := 0; i < n; i++ {
		var targets []string
		for k := r.IntN(maxButtons + 1); k > 0; k-- {
			switch j := r.IntN(n + 2); j {
			case n:
				targets = append(targets, "missing")
			case n + 1:
				targets = append(targets, "leadform:demo")
			default:
				targets = append(targets, fmt.Sprintf("m%d", j))
			}
		}
		spec = append(spec, fmt.Sprintf("M%d: %s", i, strings.Join(targets, " ")))
	}
	return NewFlow(conversation(t, strings.Join(spec, "; ")), nil)
}

func TestFlowSearchesMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2))
	for k := 0; k < 300; k++ {
		n := 1 + r.IntN(14)
		f := randomFlow(t, r, n, 1+r.IntN(4))
		want, lpSteps := refLongestPath(f)
		if got := f.LongestPath(); !reflect.DeepEqual(got, want) {
			t.Fatalf("flow %d: LongestPath = %v, the reference %v", k, got, want)
		}
		limit := 1 + r.IntN(60)
		wantC, cySteps := refCycles(f, limit)
		if got := f.Cycles(limit); !reflect.DeepEqual(got, wantC) {
			t.Fatalf("flow %d: Cycles(%d) = %v,\nthe reference %v", k, limit, got, wantC)
		}
		if s := f.SearchSteps(limit); s < lpSteps+cySteps {
			t.Fatalf("flow %d: SearchSteps(%d) = %d, but the searches take %d + %d", k, limit, s, lpSteps, cySteps)
		}
	}
}

// TestFlowSearchesAtTheBudget holds the searches to the references where
// they stop at searchBudget: a chain whose every start walks to its end
// (cycles), and a ladder with a message no longest path can take in
// (paths).
func TestFlowSearchesAtTheBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("walks a million steps")
	}
	var spec []string
	n := 2000
	for i := 0; i < n; i++ {
		spec = append(spec, fmt.Sprintf("M%d: m%d", i, (i+1)%n))
	}
	chain := NewFlow(conversation(t, strings.Join(spec, "; ")), nil)
	want, steps := refCycles(chain, 50)
	if steps <= searchBudget {
		t.Fatalf("the chain takes %d steps, not past the budget", steps)
	}
	if got := chain.Cycles(50); !reflect.DeepEqual(got, want) {
		t.Errorf("Cycles on a chain past the budget: %d cycles, the reference %d", len(got), len(want))
	}

	spec = []string{"M0: x m1 m2", "X: leadform:a"}
	for i := 1; i < 60; i++ {
		spec = append(spec, fmt.Sprintf("M%d: m%d m%d", i, i+1, i+2))
	}
	ladder := NewFlow(conversation(t, strings.Join(spec, "; ")), nil)
	wantP, steps := refLongestPath(ladder)
	if steps <= searchBudget {
		t.Fatalf("the ladder takes %d steps, not past the budget", steps)
	}
	if got := ladder.LongestPath(); !reflect.DeepEqual(got, wantP) {
		t.Errorf("LongestPath on a ladder past the budget = %v, the reference %v", got, wantP)
	}
	if s := ladder.SearchSteps(50); s <= searchBudget {
		t.Errorf("SearchSteps of a ladder = %d, want above the budget", s)
	}
}

func TestFlowSearchSteps(t *testing.T) {
	tests := []struct {
		spec string
		want int
	}{
		// a tree: one walk per path from the opening (3), each start enters
		// at most its messages once per cycle found and once more
		{"A: b c; B: leadform:x; C: leadform:x", 3 + 3*(3+2+1)},
		// a shared close: paths a, a-b, a-b-d, a-c, a-c-d, a-d
		{"A: b c d; B: d; C: d; D: leadform:x", 6 + 4*(4+2+1)},
		// a cycle: the walks of fewer steps than messages, a and a-b
		{"A: b; B: a", 2 + 2*(2+2+1)},
		// a cycle with a branch: a, a-b, a-c, a-b-a, a-b-c, a-c-b
		{"A: b c; B: a c; C: b", 6 + 3*(3+2+1)},
	}
	for _, tt := range tests {
		if got := NewFlow(conversation(t, tt.spec), nil).SearchSteps(2); got != tt.want {
			t.Errorf("SearchSteps(%q) = %d, want %d", tt.spec, got, tt.want)
		}
	}
}

// TestFlowSuggestMatchesNearest: leaving out the ids whose length alone
// puts them too far changes no suggestion.
func TestFlowSuggestMatchesNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	words := []string{"pricing", "demo", "case-study", "maybe-later", "stay-in-touch", "q", "pricing-2", "café", "İstanbul"}
	var spec []string
	for i, w := range words {
		spec = append(spec, fmt.Sprintf("%s: m%d", w, i))
	}
	f := NewFlow(conversation(t, strings.Join(spec, "; ")), nil)
	for k := 0; k < 2000; k++ {
		w := []rune(words[r.IntN(len(words))])
		for e := r.IntN(5); e > 0 && len(w) > 0; e-- {
			switch i := r.IntN(len(w)); r.IntN(3) {
			case 0:
				w = append(w[:i], w[i+1:]...)
			case 1:
				w[i] = rune('a' + r.IntN(26))
			default:
				w = append(w[:i], append([]rune{'x'}, w[i:]...)...)
			}
		}
		slug := string(w)
		if r.IntN(4) == 0 {
			slug = strings.ToUpper(slug)
		}
		want := ""
		for _, s := range f.Slugs() {
			if strings.EqualFold(s, slug) {
				want = s
				break
			}
		}
		if want == "" {
			want = Nearest(strings.ToLower(slug), f.Slugs(), max(2, min(4, len([]rune(slug))/3)))
		}
		if got := f.Suggest(slug); got != want {
			t.Fatalf("Suggest(%q) = %q, want %q", slug, got, want)
		}
	}
}
