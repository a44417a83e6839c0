package lint

import (
	"reflect"
	"testing"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// partsOf is what Paragraphs hands a rule for each variant's body of t,
// in a pass whose part table is pt: the paragraphs, by variant.
func partsOf(t *testing.T, pt *partTable, tmpl *render.Template) [][]string {
	t.Helper()
	variants, _ := tmpl.Render(sandbox.DefaultLimits)
	p := &Pass{Template: tmpl, Variants: variants, parts: pt}
	var got [][]string
	for _, v := range variants {
		var pars []string
		p.Paragraphs(v, v.Messages[0].Body, func(par render.Text) { pars = append(pars, par.S) })
		got = append(got, pars)
	}
	return got
}

// A part table back from the pool cuts the next pass's texts as a new
// one does, and release leaves nothing of the pass it served: no text,
// no share, no map entry, in the room it keeps as well as in use.
func TestPartTableRelease(t *testing.T) {
	first := render.Parse("a.md", []byte("---\nformat: message\nvariants:\n  - name: a\n    p: \"One.\"\n  - name: b\n    p: \"Two.\"\n  - name: c\n    p: \"Three.\"\n---\nHi,\n\n{{ .p }}\n\nBye.\n"))
	second := render.Parse("b.md", []byte("---\nformat: message\nvariants:\n  - name: x\n    p: \"Other.\"\n  - name: y\n    p: \"Copy.\"\n---\n{{ .p }}\n\nShared paragraph.\n\nLast one.\n"))
	want := partsOf(t, new(partTable), second)

	pt := new(partTable)
	if got := partsOf(t, pt, first); len(got) != 3 || len(got[0]) != 3 || len(got[1]) != 1 {
		t.Fatalf("first pass: %q", got)
	}
	pt.release()
	for name, n := range map[string]int{"parts": len(pt.parts), "cuts": len(pt.cuts), "list": len(pt.list), "mine": len(pt.mine), "byKey": len(pt.byKey), "byCut": len(pt.byCut), "shares": len(pt.shares), "checked": len(pt.checked)} {
		if n != 0 {
			t.Errorf("after release %s holds %d", name, n)
		}
	}
	for _, p := range pt.parts[:cap(pt.parts)] {
		if p.text.S != "" {
			t.Errorf("released room keeps the text %q", p.text.S)
		}
	}
	for _, c := range pt.cuts[:cap(pt.cuts)] {
		if c.text.S != "" {
			t.Errorf("released room keeps the cut text %q", c.text.S)
		}
	}
	for _, s := range pt.shares[:cap(pt.shares)] {
		if s != nil {
			t.Errorf("released room keeps a share %v", s.variants)
		}
	}
	if pt.sized || pt.rule != 0 || pt.curVariant != nil {
		t.Errorf("released table still sized %v, rule %d, variant %v", pt.sized, pt.rule, pt.curVariant)
	}
	if got := partsOf(t, pt, second); !reflect.DeepEqual(got, want) {
		t.Fatalf("reused table: %q, a new one: %q", got, want)
	}
}
