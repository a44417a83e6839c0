package lint

import "github.com/inboxlint/inboxlint/render"

// variantCopies answers, for a finding reported in one variant, which
// variants render the same text where it lies: a rule that checks each
// distinct text once (Pass.FirstSeen) reports the finding for the first
// variant only, and the others have it all the same. (A rule that checks
// each distinct paragraph once, Pass.FieldParagraphs, hands the engine the
// variants that render the paragraph with the report; findings uses
// byName to find them.) It is built only for
// a file whose findings need it, and caches per field, so its work is
// proportional to the copy the file rendered, not to its findings.
type variantCopies struct {
	variants []*render.Variant
	// byName finds a report's variant; nil when two variants share a
	// name (a syntax finding), and a report then stands for its own
	// variant alone.
	byName map[string]int
	// fields are each variant's fields, in Variant.Fields order, which is
	// the template's structure and so the same in every variant.
	fields [][]render.VariantField
	room   []render.VariantField
	// same caches, by variant and field position, the variants whose field
	// there renders the same text.
	same map[[2]int][]int
}

// allFields is every field kind, for finding the field a span lies in.
var allFields = render.NewFieldSet(render.FieldSender, render.FieldSubject, render.FieldTitle, render.FieldBody,
	render.FieldButtonLabel, render.FieldButtonTarget, render.FieldLinkText, render.FieldLinkURL, render.FieldFooter)

func newVariantCopies(variants []*render.Variant) *variantCopies {
	c := &variantCopies{variants: variants, byName: make(map[string]int, len(variants)), fields: make([][]render.VariantField, len(variants)), same: map[[2]int][]int{}}
	for i, v := range variants {
		if _, dup := c.byName[v.Name]; dup {
			c.byName = nil
			break
		}
		c.byName[v.Name] = i
	}
	return c
}

// of returns the indexes of the variants that have report d: its own, and
// those whose field holding d's span renders the same text. A report that
// names no known variant, or whose span lies in no field (a front matter
// key, a members file), stands for its own variant alone.
func (c *variantCopies) of(d Diagnostic) []int {
	vi, ok := c.byName[d.Variant]
	if !ok {
		return nil
	}
	j := c.field(vi, d.Span.Start.Offset, d.Span.End.Offset)
	if j < 0 {
		return []int{vi}
	}
	key := [2]int{vi, j}
	if same, ok := c.same[key]; ok {
		return same
	}
	f := c.fields[vi][j]
	var same []int
	for ci := range c.variants {
		if ci == vi {
			same = append(same, ci)
			continue
		}
		fs := c.variantFields(ci)
		if j < len(fs) && fs[j].Kind == f.Kind && fs[j].Message == f.Message && fs[j].Index == f.Index && fs[j].Text.Equal(f.Text) {
			same = append(same, ci)
		}
	}
	c.same[key] = same
	return same
}

// own is the index of the variant report d names, for a report that
// stands for its own variant; -1 when it names none the file has.
func (c *variantCopies) own(d Diagnostic) int {
	if vi, ok := c.byName[d.Variant]; ok {
		return vi
	}
	return -1
}

// field is the position of the field of variant vi that a finding at the
// source range [start, end) is about, or -1: the smallest field whose text
// comes from within the range, or else the one field inside it (a finding
// on a field as written, quotes and all).
func (c *variantCopies) field(vi, start, end int) int {
	best, size := -1, 0
	inside, n := -1, 0
	for j, f := range c.variantFields(vi) {
		if f.Text.S == "" {
			continue
		}
		s, e := f.Text.SrcRange(0, len(f.Text.S))
		if s <= start && end <= e && (best < 0 || e-s < size) {
			best, size = j, e-s
		}
		if start <= s && e <= end {
			inside, n = j, n+1
		}
	}
	if best < 0 && n == 1 {
		return inside
	}
	return best
}

// variantFields is variant vi's fields, listed on first use. The lists
// are cut from one array, sized on the first for every variant: the
// template's structure, and so the number of fields, is every variant's.
func (c *variantCopies) variantFields(vi int) []render.VariantField {
	if c.fields[vi] == nil {
		if c.room == nil {
			n := 0
			c.variants[vi].Fields(allFields, func(render.VariantField) { n++ })
			c.room = make([]render.VariantField, 0, n*len(c.variants))
		}
		at := len(c.room)
		c.variants[vi].Fields(allFields, func(f render.VariantField) { c.room = append(c.room, f) })
		c.fields[vi] = c.room[at:len(c.room):len(c.room)]
	}
	return c.fields[vi]
}
