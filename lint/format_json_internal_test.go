package lint

import (
	"bytes"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

// The JSON format writes a finding at a time what encoding/json writes
// for the whole document (two-space indent, HTML as is, then escape.JSON),
// whatever the findings hold: none, one, many, characters JSON or a CI
// runner needs escaped.
func TestFormatJSONIsTheDocument(t *testing.T) {
	type document struct {
		Version     int              `json:"version"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
		Summary     Summary          `json:"summary"`
	}
	messages := []string{"plain", "<b>&amp;</b> \"quoted\" \\ back", "line\nbreak\ttab\x00nul\x1b[31m", "\u2028\u2029 \u202e bidi \u0085 next", "##[group]x ## [y] #\u200b#[z]", "::error::no", "\xff invalid", "emoji 👍🏽 and ü"}
	for n := 0; n <= len(messages); n++ {
		r := &Result{Files: 3, Sources: map[string]*render.Source{}}
		for i := range n {
			d := Diagnostic{File: []string{"a.md", "b ##[x].md", "c\u2028.md"}[i%3], Rule: "hype", Severity: Severity(1 + i%3), Message: messages[i]}
			d.Span.Start.Line, d.Span.Start.Col, d.Span.End.Line, d.Span.End.Col = i+1, 2, i+1, 9
			if i%2 == 1 {
				d.Variant, d.Member = messages[(i+1)%len(messages)], "Dana <d>"
			}
			r.Diagnostics = append(r.Diagnostics, d)
		}
		sortDiagnostics(r.Diagnostics)
		doc := document{Version: jsonVersion, Diagnostics: []jsonDiagnostic{}, Summary: Summarize(r)}
		for _, d := range r.Diagnostics {
			doc.Diagnostics = append(doc.Diagnostics, jsonDiagnostic{
				File: d.File, Line: d.Span.Start.Line, Column: d.Span.Start.Col,
				EndLine: d.Span.End.Line, EndColumn: d.Span.End.Col,
				Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
				Variant: d.Variant, Member: d.Member,
			})
		}
		var want, got bytes.Buffer
		if err := writeJSON(&want, doc); err != nil {
			t.Fatal(err)
		}
		if err := (jsonFormat{}).Format(&got, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d findings: streamed\n%s\nwant\n%s", n, got.String(), want.String())
		}
	}
}
