package lint

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// findings keeps the groups' first reports in one shared room and finds
// groups by a scan until there are many: whatever the order reports come
// in, each group holds exactly its own, and the list is what a map of
// groups in report order gives.
func TestFindingsGroups(t *testing.T) {
	variants := []*render.Variant{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	for _, groups := range []int{1, 3, groupScan, groupScan + 1, 3 * groupScan} {
		f := newFindings(variants)
		// the model: each key's reports, first per variant, in order
		type key struct{ start int }
		var order []key
		want := map[key][]Diagnostic{}
		for n := 0; n < 4*groups; n++ {
			k := key{(n * 7) % groups}
			v := variants[(n/groups)%len(variants)].Name
			d := Diagnostic{Span: render.Span{Start: render.Pos{Offset: k.start}, End: render.Pos{Offset: k.start + 1}},
				Rule: "r", Message: fmt.Sprintf("finding %d", k.start), Variant: v, Member: fmt.Sprint(n)}
			f.add(d)
			if _, ok := want[k]; !ok {
				order = append(order, k)
			}
			seen := false
			for _, r := range want[k] {
				seen = seen || r.Variant == v
			}
			if !seen {
				want[k] = append(want[k], d)
			}
		}
		if len(f.groups) != len(order) {
			t.Fatalf("%d groups: findings has %d", len(order), len(f.groups))
		}
		for i, k := range order {
			if got := f.groups[i].reports; !reflect.DeepEqual(got, want[k]) {
				t.Fatalf("%d groups: group %d holds\n%+v\nwant\n%+v", groups, i, got, want[k])
			}
			if j, ok := f.group(f.groups[i].key); !ok || j != i {
				t.Fatalf("%d groups: group %d found at %d, %v", groups, i, j, ok)
			}
		}
		var list []Diagnostic
		for _, k := range order {
			if len(want[k]) == len(variants) {
				d := want[k][0]
				d.Variant = ""
				list = append(list, d)
				continue
			}
			list = append(list, want[k]...)
		}
		if got := f.list(nil); !reflect.DeepEqual(got, list) {
			t.Fatalf("%d groups: list =\n%+v\nwant\n%+v", groups, got, list)
		}
	}
}

// A findings taken from the pool after another file's (release) lists
// what a new one lists, for every mix of groups, variants, shares and
// skipped copies; and release leaves nothing of the file in its room.
func TestFindingsReleased(t *testing.T) {
	variants := []*render.Variant{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	shares := []*paraShare{{variants: []string{"a", "b"}}, {variants: []string{"c"}}}
	r := rand.New(rand.NewSource(15))
	report := func(n int) Diagnostic {
		k := r.Intn(max(1, n/2))
		return Diagnostic{Span: render.Span{Start: render.Pos{Offset: k}, End: render.Pos{Offset: k + 1}},
			Rule: []string{"r", "s"}[r.Intn(2)], Message: fmt.Sprint("finding ", k),
			Variant: []string{"", "a", "b", "c"}[r.Intn(4)], Member: fmt.Sprint(r.Intn(3)),
			Fixes: []Fix{{Title: fmt.Sprint("fix ", k)}}}
	}
	for round := range 300 {
		n := []int{0, 1, 3, groupScan, groupScan + 3, 40, pooledRoom + 5}[round%7]
		vs := variants[:1+r.Intn(len(variants))]
		reused, fresh := newFindings(vs), &findings{variants: vs}
		for range n {
			d := report(n)
			var share *paraShare
			if r.Intn(3) == 0 {
				share = shares[r.Intn(len(shares))]
			}
			reused.addShared(d, share)
			fresh.addShared(d, share)
		}
		if r.Intn(4) == 0 {
			reused.skippedCopies("r")
			fresh.skippedCopies("r")
		}
		got, want := reused.list(nil), fresh.list(nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d, %d reports: the reused findings list\n%+v\nwant\n%+v", round, n, got, want)
		}
		if cap(reused.groups) > pooledRoom || cap(reused.room) > pooledRoom {
			reused.release() // dropped, not pooled: nothing to check
			continue
		}
		reused.release()
		if reused.variants != nil || reused.byKey != nil || reused.copies != nil || reused.skippers != nil || len(reused.groups) != 0 || len(reused.room) != 0 {
			t.Fatalf("round %d: release left variants %v, byKey %v, copies %v, skippers %v, %d groups, %d reports", round,
				reused.variants, reused.byKey, reused.copies, reused.skippers, len(reused.groups), len(reused.room))
		}
		for i, d := range reused.room[:cap(reused.room)] {
			if !reflect.ValueOf(d).IsZero() {
				t.Fatalf("round %d: room %d still holds %+v", round, i, d)
			}
		}
		for i, g := range reused.groups[:cap(reused.groups)] {
			if !reflect.ValueOf(g).IsZero() {
				t.Fatalf("round %d: group %d still holds %+v", round, i, g)
			}
		}
	}
}
