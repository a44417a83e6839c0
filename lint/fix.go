package lint

import (
	"github.com/inboxlint/inboxlint/render"
)

// FixKind says who may apply a fix: --fix, or only the user in the
// editor.
type FixKind uint8

// Fix kinds. The zero value is not a kind.
const (
	// FixSuggestion needs judgement (a reworded CTA, a shorter subject):
	// the language server offers it as a code action, --fix never applies
	// it.
	FixSuggestion FixKind = iota + 1
	// FixCertain is the one correct replacement (%firstname% is
	// %FIRSTNAME%): --fix applies it.
	FixCertain
)

func (k FixKind) String() string {
	switch k {
	case FixCertain:
		return "certain"
	case FixSuggestion:
		return "suggestion"
	}
	return "none"
}

// Fix is one way to resolve a diagnostic, in the manner of
// analysis.SuggestedFix: text edits on exact spans of the template source,
// with a title an editor shows as the code action.
type Fix struct {
	// Title is one line: "write %FIRSTNAME%".
	Title string
	Kind  FixKind
	// Edits are in source order and do not overlap.
	Edits []TextEdit
}

// TextEdit replaces the bytes of the file at Span with NewText. Span's
// offsets are byte offsets into the file as read (Source.Raw), its lines
// and columns those of every other span; an edit never straddles a line
// ending it did not find in the copy.
type TextEdit struct {
	Span    render.Span
	NewText string
	// start and end locate the edit in Source.Text, where the renders'
	// maps point: the fixer checks with them that applying the edit
	// changes the copy exactly as intended.
	start, end int
}

// editText returns the edit that replaces t.S[i:j] with s. It fails (ok
// false) unless t.S[i:j] is a verbatim copy of the source: text an action,
// a YAML escape or a macro produced is not in the file, so no edit of the
// file can replace just it, and no fix is offered for it.
func editText(t render.Text, i, j int, s string) (e TextEdit, ok bool) {
	start, end, ok := t.ExactRange(i, j)
	if !ok {
		return TextEdit{}, false
	}
	return TextEdit{Span: t.Span(i, j), NewText: s, start: start, end: end}, true
}

// EditSource returns the edit that replaces src.Text[start:end] with s,
// for rules that look at the source itself (trailing whitespace) rather
// than at a rendered field.
func EditSource(src *render.Source, start, end int, s string) TextEdit {
	return TextEdit{Span: src.Span(start, end), NewText: s, start: start, end: end}
}

// TextFix is a fix of one edit, editText's: what most rules offer. It
// fails like editText.
func TextFix(kind FixKind, title string, t render.Text, i, j int, s string) (Fix, bool) {
	e, ok := editText(t, i, j, s)
	if !ok {
		return Fix{}, false
	}
	return Fix{Title: title, Kind: kind, Edits: []TextEdit{e}}, true
}

// certain returns the diagnostic's first certain fix, which --fix applies.
func (d *Diagnostic) certain() (Fix, bool) {
	for _, f := range d.Fixes {
		if f.Kind == FixCertain {
			return f, true
		}
	}
	return Fix{}, false
}
