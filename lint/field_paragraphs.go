package lint

import "github.com/inboxlint/inboxlint/render"

// FieldParagraphs calls fn with each paragraph (Paragraphs) of the fields
// in set of every variant, in the variants' order and Variant.Fields'
// within each, that the running rule has not met in this pass: the unit a
// rule checks whose findings never cross a blank line. A field for which
// whole is true is passed in one piece instead, once per distinct text
// (FirstSeen): what the rule finds in it may span a blank line. whole may
// be nil. What fn reports is the paragraph's finding (see eachParagraph);
// with one variant, or variants whose names do not tell them apart, fn
// gets each distinct field whole.
//
// It is what walking the variants' fields and calling eachParagraph (or
// FirstSeen) on each does, at less cost: the fields of set and their cuts
// into paragraphs are listed once per pass for all the rules that walk
// that set, so a rule's walk is a loop over the list.
func (p *Pass) FieldParagraphs(set render.FieldSet, whole func(f render.VariantField) bool, fn func(v *render.Variant, t render.Text)) {
	if !p.sharesParts() {
		// whole or not, each distinct field is read once
		for _, v := range p.Variants {
			v.Fields(set, func(f render.VariantField) {
				if p.FirstSeen(f.Text) {
					fn(v, f.Text)
				}
			})
		}
		return
	}
	pt := p.partTable()
	for _, s := range pt.walk(p.Variants, set) {
		v := p.Variants[s.variant]
		if whole != nil && whole(s.field) {
			if p.FirstSeen(s.field.Text) {
				fn(v, s.field.Text)
			}
			continue
		}
		for _, k := range pt.list[s.from:s.to] {
			p.check(v, k, func(par render.Text) { fn(v, par) })
		}
	}
}

// walkStep is one field of one variant in a walk, and its paragraphs,
// list[from:to].
type walkStep struct {
	variant  int32
	from, to int32
	field    render.VariantField
}

// fieldWalk is the walk of the fields in set: steps[from:to].
type fieldWalk struct {
	set      render.FieldSet
	from, to int32
}

// walk returns the steps of the walk of the fields in set of every variant,
// listing them and cutting each field into paragraphs the first time a
// rule walks set in the pass.
func (pt *partTable) walk(variants []*render.Variant, set render.FieldSet) []walkStep {
	for _, w := range pt.walks {
		if w.set == set {
			return pt.steps[w.from:w.to]
		}
	}
	from := len(pt.steps)
	for vi, v := range variants {
		v.Fields(set, func(f render.VariantField) {
			c := pt.cut(variants, v, f.Text, -1, -1)
			pt.steps = append(pt.steps, walkStep{variant: int32(vi), from: c.from, to: c.to, field: f})
		})
	}
	pt.walks = append(pt.walks, fieldWalk{set: set, from: int32(from), to: int32(len(pt.steps))})
	return pt.steps[from:]
}
