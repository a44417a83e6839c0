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
	bw := bufio.NewWriterSize(w, outputBuffer)
	fmt.Fprintf(bw, "{\n  \"version\": %d,\n  \"diagnostics\": [", jsonVersion)
	diags := newJSONArray(bw, "    ")
	err := r.eachFile(func(ff fileFindings) error {
		for _, d := range ff.diagnostics {
			diags.addDiagnostic(&jsonDiagnostic{
				File: d.File, Line: d.Span.Start.Line, Column: d.Span.Start.Col,
				EndLine: d.Span.End.Line, EndColumn: d.Span.End.Col,
				Rule: d.Rule, Severity: d.Severity.String(), Message: d.Message,
				Variant: d.Variant, Member: d.Member, Lang: escape.Controls(d.lang), Fixes: jsonFixes(d.Fixes),
			})
		}
		return nil
	})
	if err == nil {
		diags.end(bw, "  ")
		_, _ = bw.WriteString("],\n  \"summary\": ")
		var summary []byte
		if summary, err = newJSONEncoder("  ").encode(Summarize(r)); err == nil {
			_, _ = bw.Write(summary)
			_, _ = bw.WriteString("\n}\n")
		}
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
	b, err := newJSONEncoder("").encode(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// jsonEncoder encodes values the way every JSON document inboxlint writes
// them: indented by two spaces from a prefix (the depth the value sits
// at), HTML characters as they are, control characters escaped
// (escape.JSON).
type jsonEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newJSONEncoder(prefix string) *jsonEncoder {
	e := &jsonEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetIndent(prefix, "  ")
	e.enc.SetEscapeHTML(false)
	return e
}

// encode returns v encoded, without the line break Encode ends it with.
// The bytes are valid until the next call.
func (e *jsonEncoder) encode(v any) ([]byte, error) {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return escape.JSON(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))), nil
}

// jsonArray writes the elements of a JSON array one at a time, each on
// its own line at indent, as encoding/json would indent the whole array:
// a streamed document reads byte for byte as the one encoded at once.
// bufio.Writer keeps the first write error, for its Flush to return.
type jsonArray struct {
	w      *bufio.Writer
	e      *jsonEncoder
	indent string
	n      int
	// buf is addDiagnostic's, reused from one element to the next
	buf []byte
}

func newJSONArray(w *bufio.Writer, indent string) *jsonArray {
	return &jsonArray{w: w, e: newJSONEncoder(indent), indent: indent}
}

// add writes v as the array's next element.
func (a *jsonArray) add(v any) error {
	b, err := a.e.encode(v)
	if err != nil {
		return err
	}
	a.write(b)
	return nil
}

// addDiagnostic writes d as the array's next element, as add would
// (appendJSONDiagnostic, which escapes as escape.JSON does).
func (a *jsonArray) addDiagnostic(d *jsonDiagnostic) {
	a.buf = appendJSONDiagnostic(a.buf[:0], d, a.indent)
	a.write(a.buf)
}

// write writes an encoded element.
func (a *jsonArray) write(b []byte) {
	if a.n > 0 {
		_ = a.w.WriteByte(',')
	}
	a.n++
	_ = a.w.WriteByte('\n')
	_, _ = a.w.WriteString(a.indent)
	_, _ = a.w.Write(b)
}

// end writes, to w, what goes before the array's closing bracket: a line
// break and the indentation of the array's own line (outer) when it has
// elements, nothing when it is empty ([]).
func (a *jsonArray) end(w *bufio.Writer, outer string) {
	if a.n > 0 {
		_, _ = w.WriteString("\n" + outer)
	}
}
