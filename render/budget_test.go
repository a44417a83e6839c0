package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// The safety time limit ends the file's rendering like a file budget:
// reported once, in the first variant, and the fields after it render
// empty.
func TestRenderSafetyTimeout(t *testing.T) {
	src := "---\nformat: message\nsender: Dana\nsubject: \"{{ range until 1000 }}{{ end }}Hi\"\nvariants:\n  - name: a\n  - name: b\n---\nBody {{ .x }}?\n"
	vs, _ := Parse("ad.md", []byte(src)).Render(sandbox.Limits{SafetyTimeout: 1})
	if len(vs[0].Problems) != 1 || !strings.Contains(vs[0].Problems[0].Msg, "safety time limit") || len(vs[1].Problems) != 0 {
		t.Errorf("problems %v / %v, want the safety limit once, in the first variant", vs[0].Problems, vs[1].Problems)
	}
	if vs[1].Subject.S != "" || vs[1].Messages[0].Body.S != "" {
		t.Errorf("fields after the limit rendered: %q %q", vs[1].Subject.S, vs[1].Messages[0].Body.S)
	}
}

// The file budgets are spent by every field of every variant in turn: the
// field that spends one gets the one finding, the fields after it in any
// variant render empty and say nothing, and the fields before it render
// in full, the same way on every run.
func TestRenderFileBudgetAcrossVariants(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nformat: message\nsender: Dana\nsubject: \"{{ .n }} seats\"\nvariants:\n")
	for i := range 20 {
		fmt.Fprintf(&b, "  - name: v%d\n    n: %d\n", i, i)
	}
	b.WriteString("---\nHi {{ range until 6000 }}{{ end }}there?\n\n- [{{ .n }} seats](leadform:x)\n")
	tp := Parse("ad.md", []byte(b.String()))
	for range 2 {
		vs, ps := tp.Render(sandbox.DefaultLimits)
		if len(ps) != 0 || len(vs) != 20 {
			t.Fatalf("%d variants, problems %v", len(vs), ps)
		}
		for i, v := range vs {
			switch {
			case i < 16:
				if len(v.Problems) != 0 || v.Messages[0].Body.S != "Hi there?" || v.Messages[0].Buttons[0].Label.S != fmt.Sprint(i, " seats") {
					t.Fatalf("variant %d: %q %q %v", i, v.Messages[0].Body.S, v.Messages[0].Buttons[0].Label.S, v.Problems)
				}
			case i == 16:
				want := "47:7-47:23 loop iterations exceed the budget of 100000 for the whole file (all fields and variants together), every iteration of a nested loop included, so the rest of the file was not rendered: make the loops smaller"
				if got := strings.Join(problemStrings(v.Problems), "\n"); got != want || v.Subject.S != "16 seats" {
					t.Fatalf("variant 16: subject %q, problems %q, want %q", v.Subject.S, got, want)
				}
			default:
				if len(v.Problems) != 0 || v.Subject.S != "" || v.Messages[0].Buttons[0].Label.S != "" {
					t.Fatalf("variant %d after the budget: %q %v", i, v.Subject.S, v.Problems)
				}
			}
		}
	}
}
