package lint

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/inboxlint/inboxlint/render/escape"
)

// jsonVersion is the version of the JSON output's schema. It changes only
// when a field is removed or changes meaning; new fields may appear.
const jsonVersion = 1

// jsonFormat is the stable, versioned machine format of DESIGN §5.
type jsonFormat struct{}

type jsonDiagnostic struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Variant   string `json:"variant,omitempty"`
	Member    string `json:"member,omitempty"`
	// Lang is the language the file was checked in (front matter, config
	// or detected), omitted when unknown: a field added in version 1.
	Lang string `json:"lang,omitempty"`
	// Fixes are the finding's fixes (see Fix): "certain" ones --fix
	// applies, "suggestion"s an editor offers.
	Fixes []jsonFix `json:"fixes,omitempty"`
}

type jsonFix struct {
	Title string     `json:"title"`
	Kind  string     `json:"kind"`
	Edits []jsonEdit `json:"edits"`
}

// jsonEdit is a TextEdit: the span as lines and columns like the
// diagnostic's, and as byte offsets into the file, which a tool that
// applies the edit to the bytes it read needs.
type jsonEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	NewText   string `json:"newText"`
}

func jsonFixes(fixes []Fix) []jsonFix {
	var out []jsonFix
	for _, f := range fixes {
		jf := jsonFix{Title: f.Title, Kind: f.Kind.String(), Edits: make([]jsonEdit, 0, len(f.Edits))}
		for _, e := range f.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{
				Line: e.Span.Start.Line, Column: e.Span.Start.Col, EndLine: e.Span.End.Line, EndColumn: e.Span.End.Col,
				Offset: e.Span.Start.Offset, EndOffset: e.Span.End.Offset, NewText: e.NewText,
			})
		}
		out = append(out, jf)
	}
	return out
}

func (jsonFormat) Format(w io.Writer, r *Result) error {
	// The document is written a finding at a time, as encoding/json with
	// two-space indentation would write it whole: {"version", then
	// "diagnostics" (an array, [] when empty), then "summary", which is
	// known only once every file is done.
	//
	// bufio.Writer keeps the first write error and Flush returns it, so
	// the writes below need no check of their own.
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"version\": %d,\n  \"diagnostics\": [", jsonVersion)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	n := 0
	err := r.eachFile(func(ff fileFindings) error {
		for _, d := range ff.diagnostics {
			buf.Reset()
			if err := enc.Encode(jsonDiagnostic{
				File: d.File, Line: d.Span.Start.Line, Column: d.Span.Start.Col,
				EndLine: d.Span.End.Line, EndColumn: d.Span.End.Col,
				Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
				Variant: d.Variant, Member: d.Member, Lang: escape.Controls(d.lang), Fixes: jsonFixes(d.Fixes),
			}); err != nil {
				return err
			}
			if n > 0 {
				_ = bw.WriteByte(',')
			}
			n++
			_, _ = bw.WriteString("\n    ")
			// Encode ends the value with a newline
			_, _ = bw.Write(escape.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		}
		return nil
	})
	if err == nil {
		if n > 0 {
			_, _ = bw.WriteString("\n  ")
		}
		_, _ = bw.WriteString("],\n  \"summary\": ")
		buf.Reset()
		enc.SetIndent("  ", "  ")
		err = enc.Encode(Summarize(r))
		_, _ = bw.Write(escape.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))))
		_, _ = bw.WriteString("\n}\n")
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeJSON is how the SARIF format prints: indented, HTML characters as
// they are (the output reads as written), and through escape.JSON, so that
// no character a terminal or CI runner acts on is printed raw while the
// value decodes to the text as written. The JSON format writes the same
// way, a finding at a time.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(buf.Bytes()))
	return err
}
