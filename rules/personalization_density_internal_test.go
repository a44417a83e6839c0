package rules

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// A text's macros found paragraph by paragraph are those ScanMacros finds
// in the whole text, at the same offsets, on random copy of macros, loose
// percent signs, names without them and paragraph breaks of every kind.
func TestMacroTallyByParagraph(t *testing.T) {
	pieces := []string{"%FIRSTNAME%", "%COMPANYNAME%", "%JOBTITLE%", "%", "FIRSTNAME", "50", " ", "\n", "\n\n", "\n\n", " \n\n", "\u00a0", "x"}
	r := rand.New(rand.NewPCG(4, 4))
	c := macroTally{shared: true, ranges: paragraphRanges}
	for range 20000 {
		var b strings.Builder
		for k := r.IntN(12); k > 0; k-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkMacroTally(t, &c, b.String())
	}
}

func checkMacroTally(t *testing.T, c *macroTally, s string) {
	t.Helper()
	text := render.TextAt(render.NewSource("ad.md", []byte(s)), s, 0)
	want := render.ScanMacros(s)
	var got []render.MacroUse
	for _, u := range c.appendUses(nil, text) {
		got = append(got, u.use)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("macros of %q by paragraph: %v, ScanMacros: %v", s, got, want)
	}
	if c.uses(s) != (len(want) > 0) {
		t.Fatalf("uses(%q) = %v", s, c.uses(s))
	}
}

func FuzzMacroTally(f *testing.F) {
	for _, s := range []string{"Hi %FIRSTNAME%,\n\n%COMPANYNAME% 50%\n\n%JOBTITLE%", "%FIRST\n\nNAME%", "%%FIRSTNAME%%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := macroTally{shared: true, ranges: paragraphRanges}
		checkMacroTally(t, &c, s)
	})
}
