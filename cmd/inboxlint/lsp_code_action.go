package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Code actions for the findings in the requested range: first each
// finding's fixes (lspFixActions), then "ignore RULE on this line" and
// "ignore RULE in this file", which insert the directive the engine
// chooses for the place (lint.IgnoreDirective: a YAML comment in the
// front matter, a template comment elsewhere) with lint's reason placeholder
// for the reason; until the author replaces it, the directive is itself a
// finding at the placeholder.

// lspFixActions are the code actions that apply a finding's own fixes
// (lint.Diagnostic.Fixes), in their order (certain ones first): each a
// quick fix with one text edit per edit of the fix, its line breaks those
// of the document.
func lspFixActions(a *lspAnalysis, f lint.Diagnostic, diag lspDiagnostic) []lspCodeAction {
	var out []lspCodeAction
	for _, fx := range f.Fixes {
		edits := make([]lspTextEdit, 0, len(fx.Edits))
		for _, e := range fx.Edits {
			edits = append(edits, lspTextEdit{Range: lspSpan(e.Span), NewText: a.eol(e.NewText)})
		}
		out = append(out, lspFixAction(a.job.uri, diag, lspFix{title: fx.Title, certain: fx.Kind == lint.FixCertain, edits: edits}))
	}
	return out
}

// lspFix is one fix of a finding as a code action applies it.
type lspFix struct {
	title string
	// certain is a fix --fix would apply: the editor's preferred action.
	certain bool
	edits   []lspTextEdit
}

// lspFixAction is the quick fix that applies fx to the document uri for
// the finding diag: its title capitalized as editors list actions, the
// certain one marked preferred (what an editor's "fix all" or a
// one-key fix picks).
func lspFixAction(uri string, diag lspDiagnostic, fx lspFix) lspCodeAction {
	title := escape.Controls(fx.title)
	if r, size := utf8.DecodeRuneInString(title); size > 0 {
		title = string(unicode.ToUpper(r)) + title[size:]
	}
	return lspCodeAction{
		Title:       title,
		Kind:        lspCodeActionQuickFix,
		Diagnostics: []lspDiagnostic{diag},
		IsPreferred: fx.certain,
		Edit:        &lspWorkspaceEdit{Changes: map[string][]lspTextEdit{uri: fx.edits}},
	}
}

// codeActions answers textDocument/codeAction. The findings are those
// the client sends in the context that came from inboxlint; a client that
// sends none gets the findings of the last lint that lie in the range,
// when that lint is of the text the request is about. findings are that
// lint's, nil when the text has changed since.
func (a *lspAnalysis) codeActions(p lspCodeActionParams, findings []lint.Diagnostic) []lspCodeAction {
	out := []lspCodeAction{}
	if len(p.Context.Only) > 0 {
		wanted := false
		for _, k := range p.Context.Only {
			if k == lspCodeActionQuickFix { // the only kind served, with no sub-kinds
				wanted = true
			}
		}
		if !wanted {
			return out
		}
	}
	type pair struct {
		diag    lspDiagnostic
		finding *lint.Diagnostic
	}
	var pairs []pair
	match := func(d lspDiagnostic) *lint.Diagnostic {
		for i := range findings {
			f := &findings[i]
			if f.Rule == d.Code && lspSpan(f.Span) == d.Range {
				return f
			}
		}
		return nil
	}
	for _, d := range p.Context.Diagnostics {
		if d.Source == "inboxlint" && d.Code != "" {
			pairs = append(pairs, pair{d, match(d)})
		}
	}
	if len(p.Context.Diagnostics) == 0 {
		for i := range findings {
			f := &findings[i]
			r := lspSpan(f.Span)
			if !posBefore(r.End, p.Range.Start) && !posBefore(p.Range.End, r.Start) {
				pairs = append(pairs, pair{lspFinding(*f), f})
			}
		}
	}
	for _, pr := range pairs {
		if pr.finding != nil {
			out = append(out, lspFixActions(a, *pr.finding, pr.diag)...)
		}
	}
	seen := map[string]bool{}
	for _, scope := range []lint.IgnoreScope{lint.IgnoreLine, lint.IgnoreFile} {
		for _, pr := range pairs {
			rule := pr.diag.Code
			if rule == "syntax" {
				continue // a file that does not parse is fixed, not ignored
			}
			line := pr.diag.Range.Start.Line + 1
			title := fmt.Sprintf("Ignore %s on this line", rule)
			key := fmt.Sprintf("%s line %d", rule, line)
			if scope == lint.IgnoreFile {
				title, key = fmt.Sprintf("Ignore %s in this file", rule), rule+" file"
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			e, ok := lint.IgnoreDirective(a.src, rule, line, scope)
			if !ok {
				continue
			}
			at := a.position(e.Offset)
			out = append(out, lspCodeAction{
				Title:       title + " (then write the reason)",
				Kind:        lspCodeActionQuickFix,
				Diagnostics: []lspDiagnostic{pr.diag},
				Edit: &lspWorkspaceEdit{Changes: map[string][]lspTextEdit{
					a.job.uri: {{Range: lspRange{Start: at, End: at}, NewText: a.eol(e.Text)}},
				}},
			})
		}
	}
	return out
}

func posBefore(a, b lspPosition) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
