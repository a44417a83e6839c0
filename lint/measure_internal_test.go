package lint

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// countedPlan makes the plan newTextPlan makes, in the modes whose
// lengths add up, on random copy of macros, wide characters and broken
// UTF-8 beside the percent signs.
func TestCountedPlan(t *testing.T) {
	pieces := []string{"%FIRSTNAME%", "%COMPANYNAME%", "%", "a", " ", "é", "🎉", "\xe2", "\xe2\x82", "\x82", "\n\n", "中"}
	r := rand.New(rand.NewPCG(6, 6))
	for range 20000 {
		var b strings.Builder
		for k := r.IntN(12); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		uses := render.ScanMacros(s)
		for _, mode := range []render.CountMode{render.CountUTF16, render.CountCodePoints} {
			want := newTextPlan(s, uses, mode)
			if got := countedPlan(s, uses, render.Count(s, mode), mode); !reflect.DeepEqual(got, want) {
				t.Fatalf("countedPlan(%q, mode %d) = %+v, want %+v", s, mode, got, want)
			}
		}
	}
}
