package render

// Searches of the flow's paths: the longest chain of #slug buttons and
// the loops, each bounded in steps so that a tangled flow costs what its
// budget allows, never more.

// order numbers the messages in the order a depth-first walk from the
// opening, in button order, first meets them; messages it never meets
// follow in source order, each starting a walk of its own. It is the order
// in which cycles are reported and rotated.
func (f *Flow) order() []int {
	ord := make([]int, len(f.Nodes))
	for i := range ord {
		ord[i] = -1
	}
	n := 0
	var walk func(i int)
	walk = func(i int) {
		ord[i] = n
		n++
		for _, e := range f.next(i) {
			if ord[e.To] < 0 {
				walk(e.To)
			}
		}
	}
	for i := range f.Nodes {
		if ord[i] < 0 {
			walk(i)
		}
	}
	return ord
}

// searchBudget bounds the path searches (LongestPath, Cycles) in steps.
// Longest simple paths and cycle enumeration are exponential in the worst
// case; a real conversation (tens of messages, five buttons each) needs a
// few thousand steps, and a pathological file stops at the budget instead
// of hanging the linter.
const searchBudget = 1 << 20

// LongestPath returns the longest simple path of #slug buttons from the
// opening, as message indexes starting with 0: its length is the
// conversation's depth in levels (the opening alone is level 1). Of paths of
// equal length the first in button order wins, so the result is
// deterministic. In a flow too tangled to search within searchBudget
// steps, it is the longest path found by then.
func (f *Flow) LongestPath() []int {
	if len(f.Nodes) == 0 {
		return nil
	}
	reach := 0
	for _, r := range f.Reachable() {
		if r {
			reach++
		}
	}
	var best []int
	on := make([]bool, len(f.Nodes))
	path := []int{0}
	on[0] = true
	// match is how long a prefix path and best share, so that a longer
	// path copies only where it leaves best: the work stays in proportion
	// to the steps, even along a chain of thousands of messages
	match := 0
	steps := 0
	var walk func(i int) bool // false: stop searching
	walk = func(i int) bool {
		if steps++; steps > searchBudget {
			return false
		}
		if len(path) > len(best) {
			best = append(best[:match], path[match:]...)
			match = len(path)
			if len(best) == reach {
				return false // every reachable message is on it: none is longer
			}
		}
		for _, e := range f.next(i) {
			if on[e.To] {
				continue
			}
			on[e.To] = true
			if k := len(path); match == k && k < len(best) && best[k] == e.To {
				match++
			}
			path = append(path, e.To)
			ok := walk(e.To)
			path = path[:len(path)-1]
			match = min(match, len(path))
			on[e.To] = false
			if !ok {
				return false
			}
		}
		return true
	}
	walk(0)
	return best
}

// SearchSteps bounds, without searching, the steps LongestPath and
// Cycles(limit) take together, so that their work can be budgeted before it
// is done. Each takes at most searchBudget+1. In a flow without cycles the
// longest-path walk takes one step per path from the opening, which is
// counted; and Johnson's algorithm enters each message at most once per
// cycle it finds (and once more) from each message it starts from.
func (f *Flow) SearchSteps(limit int) int {
	n := len(f.Nodes)
	if n == 0 {
		return 0
	}
	capped := searchBudget + 1
	cycles := capped
	if n < capped {
		cycles = min(capped, n*(n+limit+1))
	}
	return cycles + f.pathCount(capped)
}

// pathCount bounds the walks LongestPath makes from the opening, up to
// limit: exactly, one per path, when no path can return to a message on it;
// with a cycle, by the walks of fewer steps than there are messages, simple
// or not (counted while that takes less work than limit steps).
func (f *Flow) pathCount(limit int) int {
	const (
		unseen = iota
		open
		done
	)
	state := make([]uint8, len(f.Nodes))
	paths := make([]int, len(f.Nodes))
	type frame struct{ v, k int }
	stack := []frame{{0, 0}}
	state[0] = open
	for len(stack) > 0 {
		fr := &stack[len(stack)-1]
		next := f.next(fr.v)
		if fr.k < len(next) {
			w := next[fr.k].To
			fr.k++
			switch state[w] {
			case open:
				return f.walkCount(limit)
			case unseen:
				state[w] = open
				stack = append(stack, frame{w, 0})
			}
			continue
		}
		c := 1
		for _, e := range next {
			c = min(limit, c+paths[e.To])
		}
		paths[fr.v] = c
		state[fr.v] = done
		stack = stack[:len(stack)-1]
	}
	return paths[0]
}

// walkCount counts the walks from the opening of fewer steps than there
// are messages, up to limit, or returns limit when counting them would
// take more work than that.
func (f *Flow) walkCount(limit int) int {
	n := len(f.Nodes)
	size := n
	for i := range f.Nodes {
		size += len(f.next(i))
	}
	cur, nxt := make([]int, n), make([]int, n)
	cur[0] = 1
	total := 1
	for steps := 1; steps < n; steps++ {
		if steps*size > limit {
			return limit
		}
		clear(nxt)
		any := false
		for v, c := range cur {
			if c == 0 {
				continue
			}
			for _, e := range f.next(v) {
				nxt[e.To] = min(limit, nxt[e.To]+c)
				any = true
			}
		}
		for _, c := range nxt {
			if total = min(limit, total+c); total == limit {
				return limit
			}
		}
		if !any {
			break
		}
		cur, nxt = nxt, cur
	}
	return total
}

// Cycle is a path of #slug buttons that returns to a message already on it.
type Cycle struct {
	// Path lists the messages of the cycle, starting with the one a walk
	// from the opening meets first; the last one links back to Path[0].
	Path []int
	// Closing is the button that returns to Path[0].
	Closing FlowEdge
}

// Cycles returns every elementary cycle of the flow (each loop through
// distinct messages, once, whatever message it is entered from), at most
// limit of them (and no more than searchBudget steps of search). They are
// ordered by where a walk from the opening meets them, then by button
// order, so the result is deterministic. It is Johnson's algorithm
// ("Finding all the elementary circuits of a directed graph", 1975), which
// spends time in proportion to the cycles it finds.
func (f *Flow) Cycles(limit int) []Cycle {
	ord := f.order()
	byOrd := make([]int, len(ord))
	for i, o := range ord {
		byOrd[o] = i
	}
	n := len(f.Nodes)
	blocked := make([]bool, n)
	// blockers[u] lists the nodes to unblock with u (Johnson's B-lists); a
	// node may be listed twice, which unblocks nothing more, and lists cost
	// far less than a set per node
	blockers := make([][]int, n)
	var out []Cycle
	steps := 0
	var stack []int // the path from s
	// unblock unblocks u and, in turn, what waits for it; a worklist, not
	// recursion, since a chain of waiting messages may be thousands long
	var work []int
	unblock := func(u int) {
		blocked[u] = false
		work = append(work[:0], u)
		for len(work) > 0 {
			x := work[len(work)-1]
			work = work[:len(work)-1]
			ws := blockers[x]
			blockers[x] = ws[:0] // keeps the memory; nothing adds to it meanwhile
			for _, w := range ws {
				if blocked[w] {
					blocked[w] = false
					work = append(work, w)
				}
			}
		}
	}
	// touched are the nodes a search from one start blocked, reset before
	// the next start: resetting every node each time would cost the number
	// of messages squared
	var touched []int
	// frames are the circuit calls of Johnson's algorithm in progress, kept
	// on a slice rather than the call stack: a path may be thousands of
	// messages deep, and a compact stack keeps each step cheap
	type frame struct {
		v, k  int // the node, the index of its next edge to try
		found bool
	}
	var frames []frame
	enter := func(v int) {
		steps++
		stack = append(stack, v)
		blocked[v] = true
		touched = append(touched, v)
		frames = append(frames, frame{v: v})
	}
	for _, s := range byOrd {
		if len(out) >= limit || steps > searchBudget {
			break
		}
		// Only messages at or after s in the walk order take part, so each
		// cycle is found once: from its earliest message.
		for _, i := range touched {
			blocked[i] = false
			blockers[i] = blockers[i][:0]
		}
		touched = touched[:0]
		enter(s)
		for len(frames) > 0 {
			fr := &frames[len(frames)-1]
			next := f.next(fr.v)
			if fr.k < len(next) {
				e := &next[fr.k]
				fr.k++
				w := e.To
				switch {
				case ord[w] < ord[s]:
				case len(out) >= limit || steps > searchBudget:
					fr.k = len(next) // stop: the budget is spent
				case w == s:
					out = append(out, Cycle{Path: append([]int(nil), stack...), Closing: *e})
					fr.found = true
				case !blocked[w]:
					enter(w) // its result joins fr.found when it returns
				}
				continue
			}
			// the call for fr.v returns
			v, found := fr.v, fr.found
			if found {
				unblock(v)
			} else {
				for _, e := range next {
					if ord[e.To] < ord[s] {
						continue
					}
					if len(blockers[e.To]) == 0 {
						touched = append(touched, e.To)
					}
					blockers[e.To] = append(blockers[e.To], v)
				}
			}
			stack = stack[:len(stack)-1]
			frames = frames[:len(frames)-1]
			if found && len(frames) > 0 {
				frames[len(frames)-1].found = true
			}
		}
	}
	return out
}
