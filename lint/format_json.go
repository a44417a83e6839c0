package lint

import (
	"bytes"
	"encoding/json"
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
}

type jsonOutput struct {
	Version     int              `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     Summary          `json:"summary"`
}

func (jsonFormat) Format(w io.Writer, r *Result) error {
	out := jsonOutput{Version: jsonVersion, Diagnostics: make([]jsonDiagnostic, 0, len(r.Diagnostics)), Summary: Summarize(r)}
	for _, d := range r.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			File: d.File, Line: d.Span.Start.Line, Column: d.Span.Start.Col,
			EndLine: d.Span.End.Line, EndColumn: d.Span.End.Col,
			Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
			Variant: d.Variant, Member: d.Member,
		})
	}
	return writeJSON(w, out)
}

// writeJSON is how the JSON and SARIF formats print: indented, HTML
// characters as they are (the output reads as written), and through
// escape.JSON, so that no character a terminal or CI runner acts on is
// printed raw while the value decodes to the text as written.
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
