package sandbox

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"
)

// Error is a template parse or execution failure in one field. It is
// reported as a syntax diagnostic at Offset..End of the field's text, never
// as a crash or a hang: a field whose template cannot run simply has no
// rendered copy.
type Error struct {
	// Offset is the byte offset in the field text where the problem is:
	// best effort, 0..len(text), or -1 when the position is unknown.
	Offset int
	// End is the end byte offset (exclusive) of the offending span, such as
	// the name of an unavailable function; End >= Offset.
	End int
	// Msg is lower-case with no trailing period and says what to do, e.g.
	// `template function "env" is not available: templates cannot read the
	// environment`.
	Msg string
	// Undefined is the name of the function the field calls when no
	// function of that name exists at all (not one the sandbox refuses,
	// which Msg explains): the caller may suggest the nearest of
	// Functions. Empty for every other error.
	Undefined string
}

// Error returns Msg; the position is the caller's to render.
func (e *Error) Error() string { return e.Msg }

// Errors: text/template reports "template: field:LINE:COL: executing
// "field" at <CONTEXT>: DETAIL" for execution and "template: field:LINE:
// DETAIL" for parsing. Both become an Error with a byte offset in the
// field and a message in inboxlint's style.

func (s *execState) execError(err error) *Error {
	text := s.ft.text
	var se *sandboxError
	isSandbox := errors.As(err, &se)
	var ee template.ExecError
	if !errors.As(err, &ee) {
		if isSandbox && se.span != nil {
			return &Error{Offset: se.span.off, End: se.span.end, Msg: se.msg}
		}
		return &Error{Offset: -1, End: -1, Msg: cleanMsg(err.Error())}
	}
	off, detail, ok := s.splitExecError(ee.Err.Error())
	if !ok {
		off, detail = -1, ee.Err.Error()
	}
	if isSandbox {
		if se.span != nil {
			return &Error{Offset: se.span.off, End: se.span.end, Msg: se.msg}
		}
		return spanAt(text, off, se.msg)
	}
	if key, ok := missingKey(detail); ok {
		e := spanAt(text, off, fmt.Sprintf("no value for %s: add it to vars or to the variant", quote(key)))
		if e.Offset >= 0 {
			tok := text[e.Offset:e.End]
			for i := 0; i < len(tok); i++ {
				j := strings.Index(tok[i:], "."+key)
				if j < 0 {
					break
				}
				i += j
				if k := i + 1 + len(key); k == len(tok) || tok[k] == '.' {
					e.Offset, e.End = e.Offset+i, e.Offset+k
					break
				}
			}
		}
		return e
	}
	if name, rest, ok := strings.Cut(detail, ": "); ok && strings.HasPrefix(name, "error calling ") {
		name = strings.TrimPrefix(name, "error calling ")
		rest = strings.TrimPrefix(rest, "runtime error: ")
		return spanAt(text, off, name+": "+cleanMsg(rest))
	}
	return spanAt(text, off, cleanMsg(detail))
}

// splitExecError returns the offset and the detail of an execution error
// message.
func (s *execState) splitExecError(msg string) (off int, detail string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "template: "+fieldName+":")
	if !ok {
		return 0, "", false
	}
	lineStr, rest, _ := strings.Cut(rest, ":")
	colStr, rest, _ := strings.Cut(rest, ": ")
	line, err1 := strconv.Atoi(lineStr)
	col, err2 := strconv.Atoi(colStr)
	rest, ok = strings.CutPrefix(rest, "executing \""+fieldName+"\" at <")
	if err1 != nil || err2 != nil || !ok {
		return 0, "", false
	}
	off = lineColOffset(s.ft.text, line, col)
	// The context is the String of a node at off; prefer the longest one
	// that fits, since a context may itself contain ">: ".
	best := -1
	if off >= 0 {
		inspect(s.ft.tree.Root, func(n parse.Node) {
			if int(n.Position()) != off {
				return
			}
			if c := n.String(); len(c) > best && strings.HasPrefix(rest, c+">: ") {
				best = len(c)
			}
		})
	}
	if best >= 0 {
		return off, rest[best+3:], true
	}
	if i := strings.Index(rest, ">: "); i >= 0 {
		return off, rest[i+3:], true
	}
	return off, rest, true
}

func missingKey(detail string) (string, bool) {
	q, ok := strings.CutPrefix(detail, "map has no entry for key ")
	if !ok {
		return "", false
	}
	key, err := strconv.Unquote(q)
	return key, err == nil
}

// lineColOffset converts text/template's line (1-based) and column
// (0-based, in bytes) to a byte offset in text, or -1.
func lineColOffset(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if off+col > len(text) || col < 0 {
		return -1
	}
	return off + col
}

// spanAt is an Error at the token that starts at off.
func spanAt(text string, off int, msg string) *Error {
	if off < 0 || off > len(text) {
		return &Error{Offset: -1, End: -1, Msg: msg}
	}
	return &Error{Offset: off, End: tokenEnd(text, off), Msg: msg}
}

// tokenEnd is the end of the template token at off: a field chain, variable,
// identifier, number, or quoted string.
func tokenEnd(text string, off int) int {
	if off >= len(text) {
		return len(text)
	}
	i := off
	switch c := text[i]; c {
	case '"', '\'', '`':
		i++
		for i < len(text) && text[i] != c {
			if text[i] == '\\' && c != '`' {
				i++
			}
			i++
		}
		return min(i+1, len(text))
	}
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '$' && r != '_' && r != '-' && r != '+' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		if (r == '-' || r == '+') && i > off {
			break
		}
		i += n
	}
	if i == off {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return i
}

// cleanMsg makes a Go error message read like inboxlint's: lower-case
// first letter, no trailing period.
func cleanMsg(msg string) string {
	msg = strings.TrimSuffix(strings.TrimSpace(msg), ".")
	r, n := utf8.DecodeRuneInString(msg)
	if unicode.IsUpper(r) && (len(msg) == n || !unicode.IsUpper(rune(msg[n]))) {
		msg = string(unicode.ToLower(r)) + msg[n:]
	}
	return msg
}

// parseError turns a parse error into an Error. text/template gives
// only the line, so the span is found by scanning the line's actions.
func parseError(text string, err error) *Error {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: "+fieldName+":")
	if !ok {
		return &Error{Offset: -1, End: -1, Msg: cleanMsg(msg)}
	}
	lineStr, detail, _ := strings.Cut(rest, ": ")
	line, _ := strconv.Atoi(lineStr)
	acts := scanActions(text)

	switch {
	case strings.Contains(detail, "multiple definition of template"):
		return definitionError(text)
	case detail == "unexpected EOF":
		if a := unclosedBlock(acts); a != nil {
			return &Error{Offset: a.wordOff, End: a.wordOff + len(a.word),
				Msg: fmt.Sprintf("{{ %s }} has no {{ end }}: add one where its content ends", a.word)}
		}
		return &Error{Offset: len(text), End: len(text), Msg: "unexpected end of the field"}
	case detail == "unexpected {{end}}":
		if a := strayEnd(acts); a != nil {
			return &Error{Offset: a.wordOff, End: a.wordOff + len(a.word),
				Msg: "{{ end }} has no {{ if }}, {{ range }} or {{ with }} to close: remove it"}
		}
	case detail == "unclosed action" || detail == "unclosed comment":
		for _, a := range acts {
			if !a.closed {
				what := "}}"
				if a.comment {
					what = "*/}}"
				}
				return &Error{Offset: a.start, End: a.start + 2, Msg: fmt.Sprintf("%s: close it with %s", detail, what)}
			}
		}
	}
	e := &Error{Offset: -1, End: -1, Msg: cleanMsg(detail)}
	ls := lineColOffset(text, line, 0)
	if ls < 0 {
		return e
	}
	le := len(text)
	if i := strings.IndexByte(text[ls:], '\n'); i >= 0 {
		le = ls + i
	}
	// Point at the quoted token the message names, if it is in an action on
	// the line; else at the line's first action; else at the line.
	var tok string
	if i := strings.IndexByte(detail, '"'); i >= 0 {
		if q, err := strconv.QuotedPrefix(detail[i:]); err == nil {
			tok, _ = strconv.Unquote(q)
		}
	}
	for _, a := range acts {
		if a.end <= ls || a.start > le {
			continue
		}
		if tok != "" {
			if i := strings.Index(text[a.start:a.end], tok); i >= 0 {
				e.Offset, e.End = a.start+i, a.start+i+len(tok)
				return e
			}
			continue
		}
		e.Offset, e.End = a.start, a.end
		return e
	}
	e.Offset, e.End = ls, le
	return e
}

// fieldAction is an action found by scanning the text, for error positions.
type fieldAction struct {
	start, end int // from "{{" to after "}}", or to the end of the text
	word       string
	wordOff    int
	closed     bool
	comment    bool
}

// innerEnd is where the action's content ends, before " -}}".
func (a fieldAction) innerEnd(text string) int {
	e := a.end
	if a.closed {
		e -= 2
	}
	return len(strings.TrimRight(strings.TrimSuffix(strings.TrimRight(text[:e], " \t\r\n"), " -"), " \t\r\n"))
}

// scanActions finds the actions in text as the template lexer would,
// skipping quoted strings and comments.
func scanActions(text string) []fieldAction {
	var acts []fieldAction
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return acts
		}
		a := fieldAction{start: i + j, end: len(text)}
		k := a.start + 2
		if k+1 < len(text) && text[k] == '-' && strings.IndexByte(" \t\r\n", text[k+1]) >= 0 {
			k++
		}
		for k < len(text) && strings.IndexByte(" \t\r\n", text[k]) >= 0 {
			k++
		}
		if strings.HasPrefix(text[k:], "/*") {
			a.comment = true
			e := strings.Index(text[k+2:], "*/")
			if e < 0 {
				return append(acts, a)
			}
			k += 2 + e + 2
		} else {
			w := k
			for w < len(text) && (text[w] == '_' || text[w] >= 0x80 || text[w] >= 'a' && text[w] <= 'z' || text[w] >= 'A' && text[w] <= 'Z') {
				w++
			}
			a.word, a.wordOff = text[k:w], k
			k = w
		}
	scan:
		for k < len(text) {
			switch c := text[k]; c {
			case '"', '\'':
				for k++; k < len(text) && text[k] != c && text[k] != '\n'; k++ {
					if text[k] == '\\' {
						k++
					}
				}
				k++
			case '`':
				e := strings.IndexByte(text[k+1:], '`')
				if e < 0 {
					break scan
				}
				k += e + 2
			case '}':
				if k+1 < len(text) && text[k+1] == '}' {
					a.end, a.closed = k+2, true
					break scan
				}
				k++
			default:
				k++
			}
		}
		acts = append(acts, a)
		if !a.closed {
			return acts
		}
		i = a.end
	}
}

// blockStack matches block openers with {{ end }}: it returns the openers
// left open and the first end with no opener.
func blockStack(acts []fieldAction) (open []*fieldAction, stray *fieldAction) {
	for i := range acts {
		a := &acts[i]
		if a.comment {
			continue
		}
		switch a.word {
		case "if", "range", "with", "define", "block":
			open = append(open, a)
		case "end":
			if len(open) == 0 {
				if stray == nil {
					stray = a
				}
				continue
			}
			open = open[:len(open)-1]
		}
	}
	return open, stray
}

func unclosedBlock(acts []fieldAction) *fieldAction {
	open, _ := blockStack(acts)
	if len(open) == 0 {
		return nil
	}
	return open[len(open)-1]
}

func strayEnd(acts []fieldAction) *fieldAction {
	_, stray := blockStack(acts)
	return stray
}

// quoteLen is the most characters of a field's text, or of its data, that
// a message quotes: enough to recognise a name or a pattern, too little to
// carry a secret. It is escape.ExcerptLen, and quote is escape.Excerpt's
// rule: the sandbox imports nothing else of inboxlint, and render's tests
// check that the two agree.
const quoteLen = 40

// quoteCut is the byte length of s's first quoteLen characters.
func quoteCut(s string) int {
	n := 0
	for i := range s {
		if n == quoteLen {
			return i
		}
		n++
	}
	return len(s)
}

// quote quotes text from the field or its data for a message: at most
// quoteLen characters in Go's double-quoted syntax (control characters,
// invalid bytes, quotes and backslashes escaped), and "…" after the closing
// quote when the text was longer.
func quote(s string) string {
	cut := quoteCut(s)
	q := strconv.Quote(s[:cut])
	if cut < len(s) {
		q += "…"
	}
	return q
}

// printable is the first quoteLen characters of s ("…" after them when
// there were more) as they are, but with every character Go does not
// consider printable (control characters, line and paragraph separators,
// bidirectional marks) and every invalid byte written as a Go escape: a
// regular expression reads as written, backslashes and all, in a message
// that stays on one line and means nothing to a terminal.
func printable(s string) string {
	cut := quoteCut(s)
	var b strings.Builder
	for i := 0; i < cut; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	if cut < len(s) {
		b.WriteString("…")
	}
	return b.String()
}
