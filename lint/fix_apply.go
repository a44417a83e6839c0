package lint

import (
	"fmt"
	"sort"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/inboxlint/inboxlint/render"
)

// How --fix turns diagnostics into a new file: pick the certain fixes that
// do not overlap (the first wins), apply their edits to the bytes read,
// and check the result renders the copy the edits meant, before anything
// is written (fixer.go runs these to a fixed point).

// pickFixes returns, from one file's diagnostics in their sorted order,
// the certain fixes to apply together: each one whose edits overlap no
// edit of a fix picked before it, and that rejected does not refuse. An
// overlapping fix is left for the next pass, which lints the fixed file
// again and finds it again if it is still needed.
func pickFixes(diags []Diagnostic, rejected func(Fix) bool) []Fix {
	var out []Fix
	var taken [][2]int
	overlaps := func(e TextEdit) bool {
		for _, t := range taken {
			if e.Span.Start.Offset < t[1] && t[0] < e.Span.End.Offset {
				return true
			}
		}
		return false
	}
	for i := range diags {
		f, ok := diags[i].certain()
		if !ok || len(f.Edits) == 0 || rejected(f) {
			continue
		}
		clash := false
		for _, e := range f.Edits {
			if e.Span.End.Offset <= e.Span.Start.Offset || overlaps(e) {
				clash = true // an insertion or an overlap: not this pass
				break
			}
		}
		if clash {
			continue
		}
		for _, e := range f.Edits {
			taken = append(taken, [2]int{e.Span.Start.Offset, e.Span.End.Offset})
		}
		out = append(out, f)
	}
	return out
}

// fixEdits lists the edits of fixes in source order.
func fixEdits(fixes []Fix) []TextEdit {
	var edits []TextEdit
	for _, f := range fixes {
		edits = append(edits, f.Edits...)
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Span.Start.Offset < edits[j].Span.Start.Offset })
	return edits
}

// applyEdits applies non-overlapping edits to the file's bytes.
func applyEdits(raw []byte, edits []TextEdit) ([]byte, error) {
	ue := make([]udiff.Edit, len(edits))
	for i, e := range edits {
		if e.Span.Start.Offset < 0 || e.Span.End.Offset > len(raw) || e.Span.End.Offset < e.Span.Start.Offset {
			return nil, fmt.Errorf("edit at offset %d..%d lies outside the file of %d bytes", e.Span.Start.Offset, e.Span.End.Offset, len(raw))
		}
		ue[i] = udiff.Edit{Start: e.Span.Start.Offset, End: e.Span.End.Offset, New: e.NewText}
	}
	return udiff.ApplyBytes(raw, ue)
}

// verifyEdits checks that the edits, applied to the file that rendered
// before, gave the file that renders after, and changed nothing but what
// they replaced: the same variants with the same fields, each field's
// text the one before with every copy of an edited stretch of source
// replaced by the edit's new text. An edit maps through the text maps to
// its source exactly, but what the new text means there is the file's
// business: a "#" starts a YAML comment after a space, a "%" may not
// start a plain YAML scalar, "{{" starts a template action, and a line
// starting "- [" is a button. Any such surprise changes a render, and the
// edits are then refused.
func verifyEdits(before, after []*render.Variant, edits []TextEdit) bool {
	if len(before) != len(after) {
		return false
	}
	for k := range before {
		if before[k].Name != after[k].Name {
			return false
		}
		var want []string
		var kinds []render.FieldKind
		ok := true
		before[k].Fields(allFields, func(f render.VariantField) {
			s, good := expectText(f.Text, edits)
			ok = ok && good
			want = append(want, s)
			kinds = append(kinds, f.Kind)
		})
		if !ok {
			return false
		}
		n := 0
		after[k].Fields(allFields, func(f render.VariantField) {
			if n >= len(want) || f.Kind != kinds[n] || f.Text.S != want[n] {
				ok = false
			}
			n++
		})
		if !ok || n != len(want) {
			return false
		}
	}
	return true
}

// expectText is t.S with every verbatim copy of an edited range of the
// source replaced by the edit's new text. Text the parser or an action
// produced from source an edit touches (the line break that stands for a
// blank line and the spaces around it, an action's output) is expected to
// stay as it is, which the comparison with the new render then confirms or
// refutes. It fails when a copy holds only part of an edited range, so
// that the outcome cannot be foretold.
func expectText(t render.Text, edits []TextEdit) (string, bool) {
	type repl struct {
		i, j int
		s    string
	}
	var rs []repl
	for _, e := range edits {
		for _, r := range t.OutRanges(e.start, e.end) {
			s, end, ok := t.ExactRange(r[0], r[1])
			switch {
			case ok && s == e.start && end == e.end:
				rs = append(rs, repl{r[0], r[1], e.NewText})
			case copiesSome(t, r, e):
				return "", false
			}
		}
	}
	if len(rs) == 0 {
		return t.S, true
	}
	sort.Slice(rs, func(a, b int) bool { return rs[a].i < rs[b].i })
	var out []byte
	at := 0
	for _, r := range rs {
		if r.i < at {
			return "", false
		}
		out = append(append(out, t.S[at:r.i]...), r.s...)
		at = r.j
	}
	return string(append(out, t.S[at:]...)), true
}

// copiesSome reports whether some byte of t.S[r[0]:r[1]] is a verbatim
// copy of a byte of the edit's range.
func copiesSome(t render.Text, r [2]int, e TextEdit) bool {
	for i := r[0]; i < r[1]; i++ {
		if s, _, ok := t.ExactRange(i, i+1); ok && s >= e.start && s < e.end {
			return true
		}
	}
	return false
}

// shiftOffset maps an offset in the file before edits to the file after
// them: edits before it move it by how much they grew or shrank the file.
func shiftOffset(off int, edits []TextEdit) int {
	d := 0
	for _, e := range edits {
		if e.Span.End.Offset <= off {
			d += len(e.NewText) - (e.Span.End.Offset - e.Span.Start.Offset)
		}
	}
	return off + d
}
