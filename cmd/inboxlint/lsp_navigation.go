package main

import (
	"fmt"
	"strings"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Navigation in a Conversation Ad: its messages as document symbols, and
// a #slug (a button's or a body link's target) leading to its message's
// heading (definition), to every link that targets it (references) and
// renamed with the heading (rename: the heading and every button that
// links to it change together).

// symbols are the messages of the ad, each with its buttons as children.
func (a *lspAnalysis) symbols() []lspDocumentSymbol {
	out := []lspDocumentSymbol{}
	for i, m := range a.t.Messages {
		name, detail := m.Title.Text.S, "#"+m.Slug
		sel := m.Heading
		if a.t.Format != render.FormatConversation || m.Heading.IsZero() {
			name, detail = fmt.Sprintf("message %d", i+1), "subject: "+a.t.Subject.Text.S
			sel = m.Span
		}
		if strings.TrimSpace(name) == "" {
			name = fmt.Sprintf("message %d", i+1) // a symbol must have a name
		}
		sym := lspDocumentSymbol{Name: escape.Controls(name), Detail: escape.Controls(detail), Kind: lspSymbolNamespace, Range: lspSpan(m.Span), SelectionRange: lspSpan(sel)}
		for _, b := range m.Buttons {
			label := b.Label.Text.S
			if strings.TrimSpace(label) == "" {
				label = "(button)"
			}
			sym.Children = append(sym.Children, lspDocumentSymbol{
				Name: escape.Controls(label), Detail: escape.Controls("→ " + b.Target.Text.S), Kind: lspSymbolEvent,
				Range: lspSpan(b.Span), SelectionRange: lspSpan(b.Label.Span()),
			})
		}
		out = append(out, sym)
	}
	return out
}

// lspSlugRef is one link to a message as written: the target's field,
// and the slug it names.
type lspSlugRef struct {
	target render.Field
	slug   string
	// dynamic is true for a target built by a template action: its slug
	// is what it renders to in some variant, and an edit cannot rewrite it.
	dynamic bool
}

// slugRefs are every button target and body link that names a message,
// as written or, for an action, as rendered in each variant.
func (a *lspAnalysis) slugRefs() []lspSlugRef {
	var out []lspSlugRef
	add := func(f render.Field, rendered func(v *render.Variant) (string, bool)) {
		if !render.HasActions(f.Text.S) {
			if kind, slug := render.ClassifyTarget(f.Text.S); kind == render.TargetMessage {
				out = append(out, lspSlugRef{target: f, slug: slug})
			}
			return
		}
		seen := map[string]bool{}
		for _, v := range a.variants {
			if s, ok := rendered(v); ok {
				if kind, slug := render.ClassifyTarget(s); kind == render.TargetMessage && !seen[slug] {
					seen[slug] = true
					out = append(out, lspSlugRef{target: f, slug: slug, dynamic: true})
				}
			}
		}
	}
	for i, m := range a.t.Messages {
		for j, l := range m.Links {
			add(l.URL, func(v *render.Variant) (string, bool) {
				if i < len(v.Messages) && j < len(v.Messages[i].Links) {
					return v.Messages[i].Links[j].URL.S, true
				}
				return "", false
			})
		}
		for j, b := range m.Buttons {
			add(b.Target, func(v *render.Variant) (string, bool) {
				if i < len(v.Messages) && j < len(v.Messages[i].Buttons) {
					return v.Messages[i].Buttons[j].Target.S, true
				}
				return "", false
			})
		}
	}
	return out
}

// fieldHas reports whether a field's text holds offset off, its end
// included.
func fieldHas(f render.Field, off int) bool {
	if !f.Present && f.Text.S == "" {
		return false
	}
	start, end := f.Text.SrcRange(0, len(f.Text.S))
	return start <= off && off <= end
}

// slugAt is the message the cursor names: by a link's #slug under it, or
// by its heading. -1 when there is none (a link to no message included).
func (a *lspAnalysis) slugAt(off int) (msg int, onHeading bool) {
	for _, r := range a.slugRefs() {
		if fieldHas(r.target, off) {
			return a.messageBySlug(r.slug), false
		}
	}
	line := a.src.Pos(off).Line
	for i, m := range a.t.Messages {
		if !m.Heading.IsZero() && m.Heading.Start.Line == line {
			return i, true
		}
	}
	return -1, false
}

func (a *lspAnalysis) messageBySlug(slug string) int {
	for i, m := range a.t.Messages {
		if m.Slug == slug && !m.Heading.IsZero() {
			return i
		}
	}
	return -1
}

// definition is the heading of the message a #slug under the cursor
// leads to.
func (a *lspAnalysis) definition(p lspPosition) []lspLocation {
	i, onHeading := a.slugAt(a.offset(p))
	if i < 0 || onHeading {
		return []lspLocation{}
	}
	return []lspLocation{{URI: a.job.uri, Range: lspSpan(a.t.Messages[i].Heading)}}
}

// references are the links to the message the cursor names, and with
// includeDeclaration its heading first.
func (a *lspAnalysis) references(p lspPosition, includeDeclaration bool) []lspLocation {
	out := []lspLocation{}
	i, _ := a.slugAt(a.offset(p))
	if i < 0 {
		return out
	}
	m := a.t.Messages[i]
	if includeDeclaration {
		out = append(out, lspLocation{URI: a.job.uri, Range: lspSpan(m.Heading)})
	}
	for _, r := range a.slugRefs() {
		if r.slug == m.Slug {
			out = append(out, lspLocation{URI: a.job.uri, Range: lspSpan(r.target.Span())})
		}
	}
	return out
}

// prepareRename says what a rename at the cursor would rename: the
// heading of the message it names, or nil (nothing to rename here).
func (a *lspAnalysis) prepareRename(p lspPosition) *lspPrepareRenameResult {
	i, _ := a.slugAt(a.offset(p))
	if i < 0 {
		return nil
	}
	m := a.t.Messages[i]
	return &lspPrepareRenameResult{Range: lspSpan(m.Title.Span()), Placeholder: m.Title.Text.S}
}

// rename gives the message the cursor names a new heading and every link
// to it the heading's new #slug. It refuses a heading whose id would be
// empty or another message's, and a rename that would leave a link
// behind (a target an action builds).
func (a *lspAnalysis) rename(p lspPosition, newName string) (*lspWorkspaceEdit, *jsonrpc2.Error) {
	i, _ := a.slugAt(a.offset(p))
	if i < 0 {
		return nil, &jsonrpc2.Error{Code: lspCodeRequestFailed, Message: "nothing to rename here: rename a message's heading, or a #slug that links to one"}
	}
	failed := func(format string, args ...any) *jsonrpc2.Error {
		return &jsonrpc2.Error{Code: lspCodeRequestFailed, Message: fmt.Sprintf(format, args...)}
	}
	newName = strings.TrimSpace(newName)
	if newName == "" || strings.ContainsAny(newName, "\r\n") {
		return nil, failed("a heading is one line of text: give the message a name")
	}
	m := a.t.Messages[i]
	slug := render.HeadingSlug(newName)
	if slug == "" {
		return nil, failed("heading %q has no letters or digits, so buttons could not link to it", newName)
	}
	for j, o := range a.t.Messages {
		if j != i && o.Slug == slug {
			return nil, failed("message %d (line %d) already has the id #%s: choose another heading", j+1, o.Heading.Start.Line, slug)
		}
	}
	start, end := m.Title.Text.SrcRange(0, len(m.Title.Text.S))
	edits := []lspTextEdit{{Range: a.textRange(start, end), NewText: newName}}
	for _, r := range a.slugRefs() {
		if r.slug != m.Slug {
			continue
		}
		if r.dynamic {
			return nil, failed("the link at line %d builds its target with a template action: change it by hand, then rename", r.target.Span().Start.Line)
		}
		s, e := r.target.Text.SrcRange(0, len(r.target.Text.S))
		edits = append(edits, lspTextEdit{Range: a.textRange(s, e), NewText: "#" + slug})
	}
	return &lspWorkspaceEdit{Changes: map[string][]lspTextEdit{a.job.uri: edits}}, nil
}
