package lint

import (
	"strings"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// IgnoreScope is what an ignore directive written by IgnoreDirective
// silences.
type IgnoreScope uint8

// The two scopes of inboxlint:ignore and inboxlint:ignore-file.
const (
	IgnoreLine IgnoreScope = iota
	IgnoreFile
)

// DirectiveEdit is an insertion that adds a directive to a template: Text
// goes at Offset of Source.Text (the normalized text; a caller writing to
// a file with CRLF line endings turns Text's "\n" into its own).
type DirectiveEdit struct {
	Offset int
	Text   string
}

// IgnoreDirective says where and how to write a directive that ignores
// rule on 1-based line (IgnoreLine) or in the whole file (IgnoreFile),
// with reasonPlaceholder for the reason, which the author then replaces.
// The engine owns the directive syntax, so it also decides the form: in
// the front matter a YAML comment at the end of the line (or on its own
// line above it, when the line already ends in a comment), inside a block
// scalar or anywhere in the body a trimmed template comment at the end of
// the line; the file's directives go on the front matter's first line.
// Each candidate is tried on a copy of the source and kept only when the
// directive then covers the line and the template parses into the same
// fields, messages and buttons with no new syntax problem, so an edit
// never changes the copy. ok is false when no form fits (a file whose
// front matter does not parse, say).
func IgnoreDirective(src *render.Source, rule string, line int, scope IgnoreScope) (DirectiveEdit, bool) {
	before := render.ParseSource(src)
	if scope == IgnoreFile {
		start, _, ok := src.FrontMatter()
		if !ok {
			return DirectiveEdit{}, false
		}
		e := DirectiveEdit{Offset: start, Text: "# inboxlint:ignore-file " + rule + " " + reasonPlaceholder + "\n"}
		return e, directiveFits(src, before, e, rule, 0, true)
	}
	ls, le, ok := lineRange(src.Text, line)
	if !ok {
		return DirectiveEdit{}, false
	}
	text := src.Text[ls:le]
	trimmed := strings.TrimRight(text, " \t")
	end := ls + len(trimmed)
	var candidates []DirectiveEdit
	if fs, fe, ok := src.FrontMatter(); ok && ls >= fs && ls < fe {
		if yamlCommentAt(text) < 0 {
			candidates = append(candidates, DirectiveEdit{Offset: end, Text: " # inboxlint:ignore " + rule + " " + reasonPlaceholder})
		}
		indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
		candidates = append(candidates, DirectiveEdit{Offset: ls, Text: indent + "# inboxlint:ignore " + rule + " " + reasonPlaceholder + "\n"})
	}
	candidates = append(candidates, DirectiveEdit{Offset: end, Text: " {{- /* inboxlint:ignore " + rule + " " + reasonPlaceholder + " */}}"})
	for _, e := range candidates {
		if directiveFits(src, before, e, rule, line, false) {
			return e, true
		}
	}
	return DirectiveEdit{}, false
}

// directiveFits applies e (with a real reason for the placeholder) to a
// copy of src and says whether the directive then silences rule where it
// should and leaves the template's structure as it was.
func directiveFits(src *render.Source, before *render.Template, e DirectiveEdit, rule string, line int, file bool) bool {
	text := src.Text[:e.Offset] + strings.Replace(e.Text, reasonPlaceholder, "checked", 1) + src.Text[e.Offset:]
	after := render.Parse(src.Name, []byte(text))
	if !sameShape(before, after) {
		return false
	}
	ds, problems := parseDirectives(after.Source, func(string) bool { return true })
	if len(problems) > 0 {
		old, _ := parseDirectives(src, func(string) bool { return true })
		if len(ds) == 0 || len(problems) > len(old) {
			return false
		}
	}
	if strings.HasSuffix(e.Text, "\n") && !file {
		line++ // the directive's own line came before the finding's
	}
	probe := Diagnostic{Rule: rule, Span: render.Span{Start: render.Pos{Line: line}}}
	for _, d := range ds {
		if d.file == file && d.covers(probe) {
			return true
		}
	}
	return false
}

// sameShape compares what an inserted comment must not change: the
// format, the problems, the messages with their slugs, buttons and links,
// and every field of every variant as rendered.
func sameShape(a, b *render.Template) bool {
	if a.Format != b.Format || len(a.Problems) != len(b.Problems) || len(a.Messages) != len(b.Messages) || len(a.Variants) != len(b.Variants) {
		return false
	}
	for i, m := range a.Messages {
		n := b.Messages[i]
		if m.Slug != n.Slug || len(m.Buttons) != len(n.Buttons) || len(m.Links) != len(n.Links) {
			return false
		}
	}
	va, pa := a.Render(sandbox.DefaultLimits)
	vb, pb := b.Render(sandbox.DefaultLimits)
	if len(pa) != len(pb) || len(va) != len(vb) {
		return false
	}
	const all = render.FieldSet(1<<(render.FieldFooter+1) - 1)
	for i := range va {
		var ta, tb []string
		va[i].Fields(all, func(f render.VariantField) { ta = append(ta, f.Text.S) })
		vb[i].Fields(all, func(f render.VariantField) { tb = append(tb, f.Text.S) })
		if len(va[i].Problems) != len(vb[i].Problems) || strings.Join(ta, "\x00") != strings.Join(tb, "\x00") {
			return false
		}
	}
	return true
}

// lineRange is the 1-based line n of text, without its "\n".
func lineRange(text string, n int) (start, end int, ok bool) {
	start = 0
	for i := 1; i < n; i++ {
		j := strings.IndexByte(text[start:], '\n')
		if j < 0 {
			return 0, 0, false
		}
		start += j + 1
	}
	end = strings.IndexByte(text[start:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += start
	}
	return start, end, true
}
