package main

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// lspLines splits a document into lines as LSP does (at "\r\n", "\r" and
// "\n") and returns each line's length in UTF-16 units.
func lspLines(text string) []int {
	var out []int
	n := 0
	for i := 0; i < len(text); {
		if text[i] == '\r' || text[i] == '\n' {
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			out = append(out, n)
			n = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		n += utf16.RuneLen(r)
		i += size
	}
	return append(out, n)
}

// inDocument reports whether a range lies inside the document.
func inDocument(lines []int, r lspRange) bool {
	ok := func(p lspPosition) bool {
		return p.Line >= 0 && p.Line < len(lines) && p.Character >= 0 && p.Character <= lines[p.Line]
	}
	return ok(r.Start) && ok(r.End) && !posBefore(r.End, r.Start)
}

// lspEditPieces are what the random edits insert: emoji and other
// characters of two UTF-16 units or two columns, line breaks of every
// kind, and the template's own syntax.
var lspEditPieces = []string{"👋", "😀 ", "中文", "é", "\r\n", "\r", "\n", "---\n", "%FIRSTNAME%", "%", "{{ .x }}", "{{", "[Name]", "- [Go](#a)\n", "# A\n", "\"", ": ", "\t"}

// FuzzLSPEdits sends a document through random edits (insertions of the
// pieces above, deletions that may cut across the front matter), each
// as a didChange, with requests at random positions in between. Every
// diagnostic, hover range, symbol, location and edit the server sends
// must lie inside the text it is about, every request gets an answer,
// and the server must still be serving at the end.
func FuzzLSPEdits(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{9, 200, 4, 17, 33, 250, 1, 90, 12, 180, 7, 7, 7})
	f.Add([]byte("front matter cut across: \xff\x00\x10\xfe"))
	f.Fuzz(lspEditsProperty)
}

func lspEditsProperty(t *testing.T, ops []byte) {
	{
		if len(ops) > 60 {
			ops = ops[:60]
		}
		s := newLSPServer("")
		s.debounce = time.Millisecond
		c := startLSP(t, s.serve)
		if err := c.call(lspMethodInitialize, map[string]any{"rootUri": nil, "capabilities": map[string]any{}}, nil); err != nil {
			t.Fatal(err)
		}
		const uri = "untitled:fuzz.md"
		text := lspConversation
		texts := map[int32]string{1: text}
		c.notify(lspMethodDidOpen, lspDidOpenParams{TextDocument: lspTextDocumentItem{URI: uri, Version: 1, Text: text}})
		version := int32(1)
		check := func(what string, text string, rs ...lspRange) {
			t.Helper()
			lines := lspLines(text)
			for _, r := range rs {
				if !inDocument(lines, r) {
					t.Fatalf("%s: range %+v outside the document (%d lines: %v)\n%q", what, r, len(lines), lines, text)
				}
			}
		}
		seen := int32(0) // the newest version whose diagnostics came
		note := func(p lspPublishDiagnosticsParams) {
			if p.Version == nil {
				t.Fatalf("diagnostics without a version")
			}
			for _, d := range p.Diagnostics {
				check("diagnostic "+d.Code, texts[*p.Version], d.Range)
			}
			if *p.Version < seen {
				t.Fatalf("diagnostics of version %d after those of %d", *p.Version, seen)
			}
			seen = *p.Version
		}
		drain := func() {
			for {
				select {
				case n := <-c.notes:
					if n.Method != lspMethodPublishDiagnostics {
						continue
					}
					var p lspPublishDiagnosticsParams
					if err := json.Unmarshal(*n.Params, &p); err != nil {
						t.Fatal(err)
					}
					note(p)
				default:
					return
				}
			}
		}
		for i := 0; i+1 < len(ops); i += 2 {
			op, arg := ops[i], int(ops[i+1])
			pos := 0
			if len(text) > 0 {
				pos = arg * len(text) / 256
			}
			for pos > 0 && pos < len(text) && text[pos]&0xC0 == 0x80 {
				pos-- // keep the text UTF-8: editors send valid text
			}
			switch op % 4 {
			case 0, 1:
				text = text[:pos] + lspEditPieces[int(op/4)%len(lspEditPieces)] + text[pos:]
			case 2:
				end := min(len(text), pos+int(op/4)%40)
				for end < len(text) && text[end]&0xC0 == 0x80 {
					end++
				}
				text = text[:pos] + text[end:]
			case 3:
				lines := lspLines(text)
				p := lspPosition{Line: arg % (len(lines) + 1), Character: int(op) % 90}
				switch op / 4 % 5 {
				case 0:
					var h *lspHover
					if err := c.call(lspMethodHover, at(uri, p.Line, p.Character), &h); err != nil {
						t.Fatalf("hover: %v", err)
					}
					if h != nil && h.Range != nil {
						check("hover", text, *h.Range)
					}
				case 1:
					var l lspCompletionList
					if err := c.call(lspMethodCompletion, at(uri, p.Line, p.Character), &l); err != nil {
						t.Fatalf("completion: %v", err)
					}
					for _, it := range l.Items {
						check("completion", text, it.TextEdit.Range)
					}
				case 2:
					var syms []lspDocumentSymbol
					if err := c.call(lspMethodDocumentSymbol, doc(uri), &syms); err != nil {
						t.Fatalf("symbols: %v", err)
					}
					for _, s := range syms {
						check("symbol", text, s.Range, s.SelectionRange)
						for _, b := range s.Children {
							check("symbol", text, b.Range, b.SelectionRange)
						}
					}
				case 3:
					var acts []lspCodeAction
					rng := lspRange{Start: lspPosition{}, End: p}
					if err := c.call(lspMethodCodeAction, map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng, "context": map[string]any{"diagnostics": []any{}}}, &acts); err != nil {
						t.Fatalf("code action: %v", err)
					}
					for _, a := range acts {
						for _, e := range a.Edit.Changes[uri] {
							check("code action", text, e.Range)
						}
					}
				case 4:
					var locs []lspLocation
					if err := c.call(lspMethodReferences, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p, "context": map[string]any{"includeDeclaration": true}}, &locs); err != nil {
						t.Fatalf("references: %v", err)
					}
					for _, l := range locs {
						check("reference", text, l.Range)
					}
				}
				continue
			}
			version++
			texts[version] = text
			c.notify(lspMethodDidChange, lspDidChangeParams{TextDocument: lspVersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []lspContentChange{{Text: text}}})
			drain()
		}
		// the last text is linted and published; the server still answers
		for seen != version {
			note(c.published())
		}
		var raw json.RawMessage
		if err := c.call(lspMethodShutdown, nil, &raw); err != nil || string(raw) != "null" {
			t.Fatalf("shutdown: %s %v", raw, err)
		}
		c.notify(lspMethodExit, nil)
		if st := c.exitStatus(); st != 0 {
			t.Fatalf("exit status %d", st)
		}
		if e := c.stderr.String(); e != "" {
			t.Fatalf("stderr: %s", e)
		}
	}
}
