package lint

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
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
		p.eachParagraph(v, v.Messages[0].Body, func(par render.Text) { pars = append(pars, par.S) })
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
	// a field walk and a part's tokens, which release must drop as well
	variants, _ := first.Render(sandbox.DefaultLimits)
	p := &Pass{Template: first, Variants: variants, parts: pt}
	walked := 0
	pt.begin() // the next rule
	p.FieldParagraphs(render.NewFieldSet(render.FieldBody), nil, func(v *render.Variant, par render.Text) {
		walked++
		p.Part(v, par, 0, len(par.S), func(part render.Text) { p.ScratchTokens(part.S) })
	})
	if walked != 5 || len(pt.steps) != 3 {
		t.Fatalf("the walk met %d paragraphs in %d steps, want 5 in 3", walked, len(pt.steps))
	}
	p.releaseTokens()
	pt.release()
	for _, st := range pt.steps[:cap(pt.steps)] {
		if st.field.Text.S != "" {
			t.Errorf("released room keeps the walked field %q", st.field.Text.S)
		}
	}
	for _, toks := range pt.tokens[:cap(pt.tokens)] {
		if toks != nil {
			t.Errorf("released room keeps a part's tokens %v", toks)
		}
	}
	if len(pt.walks) != 0 || len(pt.steps) != 0 || len(pt.tokens) != 0 {
		t.Errorf("after release: %d walks, %d steps, %d parts' tokens", len(pt.walks), len(pt.steps), len(pt.tokens))
	}
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

// The tokens ScratchTokens puts together for the part a rule checks in
// Part stay with the part: the next rule that checks it reads the same
// tokens, which are lang.TokenizeAll's, and another text cut in between
// leaves them as they were.
func TestPartKeepsItsTokens(t *testing.T) {
	tmpl := render.Parse("a.md", []byte("---\nformat: message\nvariants:\n  - name: a\n    p: \"One, Ana.\"\n  - name: b\n    p: \"Two, Ben.\"\n---\nHi %FIRSTNAME%,\n\n{{ .p }}\n\nBye.\n"))
	variants, _ := tmpl.Render(sandbox.DefaultLimits)
	p := &Pass{Template: tmpl, Variants: variants}
	defer p.release()
	kept := map[string][]lang.Token{}
	for rule := range 2 {
		p.begin(fmt.Sprint("rule", rule))
		for _, v := range variants {
			body := v.Messages[0].Body
			end := strings.Index(body.S, "\n\nBye")
			p.Part(v, body, 0, end, func(part render.Text) {
				toks := p.ScratchTokens(part.S)
				p.ScratchTokens("something else\n\nentirely")
				if want := lang.TokenizeAll(part.S); !reflect.DeepEqual(toks, want) {
					t.Fatalf("rule %d: ScratchTokens(%q) =\n%+v\nwant\n%+v", rule, part.S, toks, want)
				}
				if k, ok := kept[part.S]; ok && &k[0] != &toks[0] {
					t.Errorf("rule %d put the tokens of %q together again", rule, part.S)
				}
				kept[part.S] = toks
			})
		}
	}
	if len(kept) != 2 {
		t.Fatalf("the parts checked: %q, want one per variant", kept)
	}
}
