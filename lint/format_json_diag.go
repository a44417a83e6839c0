package lint

import (
	"strconv"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

// appendJSONDiagnostic appends d to b exactly as jsonEncoder (encoding/json,
// indented by two spaces from prefix, HTML characters as they are, then
// escape.JSON) encodes it. A run writes one object per finding; encoding/json
// reflects over the struct and then indents what it wrote in a second pass,
// which made the JSON output a tenth of a run's CPU on the reference
// corpus, all of it on the goroutine that writes while the workers lint.
// TestJSONDiagnosticEncoding and FuzzJSONDiagnostic check the two encode
// every diagnostic alike, so a field added to jsonDiagnostic must be added
// here too: the test's random values fill every field by reflection and
// fail on one this function leaves out.
func appendJSONDiagnostic(b []byte, d *jsonDiagnostic, prefix string) []byte {
	w := jsonIndenter{b: b, prefix: prefix}
	w.b = append(w.b, '{')
	w.strField(1, "file", d.File, true)
	w.intField(1, "line", d.Line)
	w.intField(1, "column", d.Column)
	w.intField(1, "endLine", d.EndLine)
	w.intField(1, "endColumn", d.EndColumn)
	w.strField(1, "rule", d.Rule, false)
	w.strField(1, "severity", d.Severity, false)
	w.strField(1, "message", d.Message, false)
	if d.Variant != "" {
		w.strField(1, "variant", d.Variant, false)
	}
	if d.Member != "" {
		w.strField(1, "member", d.Member, false)
	}
	if d.Lang != "" {
		w.strField(1, "lang", d.Lang, false)
	}
	if len(d.Fixes) > 0 {
		w.key(1, "fixes", false)
		w.b = append(w.b, '[')
		for i := range d.Fixes {
			f := &d.Fixes[i]
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.line(2)
			w.b = append(w.b, '{')
			w.strField(3, "title", f.Title, true)
			w.strField(3, "kind", f.Kind, false)
			w.key(3, "edits", false)
			if f.Edits == nil {
				w.b = append(w.b, "null"...) // jsonFixes makes none
				w.line(2)
				w.b = append(w.b, '}')
				continue
			}
			w.b = append(w.b, '[')
			for k := range f.Edits {
				e := &f.Edits[k]
				if k > 0 {
					w.b = append(w.b, ',')
				}
				w.line(4)
				w.b = append(w.b, '{')
				w.intFieldFirst(5, "line", e.Line)
				w.intField(5, "column", e.Column)
				w.intField(5, "endLine", e.EndLine)
				w.intField(5, "endColumn", e.EndColumn)
				w.intField(5, "offset", e.Offset)
				w.intField(5, "endOffset", e.EndOffset)
				w.strField(5, "newText", e.NewText, false)
				w.line(4)
				w.b = append(w.b, '}')
			}
			if len(f.Edits) > 0 {
				w.line(3)
			}
			w.b = append(w.b, ']')
			w.line(2)
			w.b = append(w.b, '}')
		}
		w.line(1)
		w.b = append(w.b, ']')
	}
	w.line(0)
	w.b = append(w.b, '}')
	return w.b
}

// jsonIndenter appends the pieces of an indented JSON value.
type jsonIndenter struct {
	b      []byte
	prefix string
}

// line starts a line at depth: a line break, the prefix, two spaces a
// level.
func (w *jsonIndenter) line(depth int) {
	w.b = append(w.b, '\n')
	w.b = append(w.b, w.prefix...)
	for range depth {
		w.b = append(w.b, ' ', ' ')
	}
}

// key starts an object's member at depth: the comma before every member
// but the first, its line, the quoted name and the colon.
func (w *jsonIndenter) key(depth int, name string, first bool) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.line(depth)
	w.b = append(w.b, '"')
	w.b = append(w.b, name...) // the names are ASCII letters
	w.b = append(w.b, '"', ':', ' ')
}

// strField writes a string member, its value escaped as escape.JSON
// escapes the document: escape.JSON reads a value's characters in their
// context up to its quotes (neither a # nor a [ nor an ignorable
// character), and the rest of the document is ASCII it leaves alone, so a
// value escaped on its own reads as in the escaped document. Only a value
// with a character escape.JSON may escape is read again.
func (w *jsonIndenter) strField(depth int, name, v string, first bool) {
	w.key(depth, name, first)
	start := len(w.b)
	var again bool
	w.b, again = appendJSONString(w.b, v)
	if again {
		enc := w.b[start:]
		// escape.JSON returns what it was given, or a longer copy: an
		// escape is longer than the character it stands for
		if esc := escape.JSON(enc); len(esc) != len(enc) {
			w.b = append(w.b[:start], esc...)
		}
	}
}

func (w *jsonIndenter) intField(depth int, name string, v int) {
	w.key(depth, name, false)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

func (w *jsonIndenter) intFieldFirst(depth int, name string, v int) {
	w.key(depth, name, true)
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

// appendJSONString appends s quoted as encoding/json quotes a string with
// HTML escaping off: '"' and '\' escaped, \b \f \n \r \t by name, the
// other C0 controls as \u00XX, each byte of invalid UTF-8 as \ufffd, and
// U+2028 and U+2029 as \u escapes. It reports whether s holds a character
// escape.JSON may escape after it: a #, DEL or anything not ASCII.
func appendJSONString(b []byte, s string) ([]byte, bool) {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	again := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			if c == '#' || c == 0x7F {
				again = true
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		again = true
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"'), again
}

// jsonPlain marks the ASCII bytes appendJSONString copies as they are and
// escape.JSON leaves alone: the printable ones but the quote, the
// backslash and #.
var jsonPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = c != '"' && c != '\\' && c != '#'
	}
	return t
}()
