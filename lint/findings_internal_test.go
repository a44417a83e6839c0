package lint

import (
	"fmt"
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
