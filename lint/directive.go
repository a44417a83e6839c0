package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/inboxlint/inboxlint/render"

	"github.com/inboxlint/inboxlint/render/escape"
)

// Directives are template comments, which never reach the rendered copy:
//
//	{{/* inboxlint:ignore RULE[,RULE] reason */}}       this line
//	{{/* inboxlint:ignore-file RULE[,RULE] reason */}}  the whole file
//
// An ignore directive alone on its line applies to the next line instead,
// like a //nolint comment above a statement. A reason is required, and the
// rules must exist and be rules: the engine's own findings (syntax) say
// what stopped it from reading the template and cannot be silenced. A
// directive that breaks any of this is a syntax finding and silences
// nothing.
var directiveRE = regexp.MustCompile(`\{\{-?\s*/\*\s*inboxlint:([a-z-]*)\s*(.*?)\s*\*/\s*-?\}\}`)

type directive struct {
	file  bool
	line  int // line whose findings are ignored
	rules map[string]bool
}

func (d directive) covers(diag Diagnostic) bool {
	if !d.rules[diag.Rule] {
		return false
	}
	return d.file || diag.Span.Start.Line == d.line
}

// silencer answers whether any of a file's directives covers a finding,
// looking only at the directives of the finding's line and the file's, so
// that a file with many directives and many findings is not checked pair
// by pair.
type silencer struct {
	file   []directive
	byLine map[int][]directive
}

func newSilencer(ds []directive) *silencer {
	s := &silencer{}
	for _, d := range ds {
		switch {
		case d.file:
			s.file = append(s.file, d)
		case s.byLine == nil:
			s.byLine = map[int][]directive{d.line: {d}}
		default:
			s.byLine[d.line] = append(s.byLine[d.line], d)
		}
	}
	return s
}

func (s *silencer) covers(diag Diagnostic) bool {
	for _, d := range s.byLine[diag.Span.Start.Line] {
		if d.covers(diag) {
			return true
		}
	}
	for _, d := range s.file {
		if d.covers(diag) {
			return true
		}
	}
	return false
}

// parseDirectives finds the directives in a source. known says whether a
// rule id exists.
func parseDirectives(src *render.Source, known func(string) bool) ([]directive, []problem) {
	if !strings.Contains(src.Text, "inboxlint:") {
		return nil, nil
	}
	var out []directive
	var problems []problem
	for _, m := range directiveRE.FindAllStringSubmatchIndex(src.Text, -1) {
		span := src.Span(m[0], m[1])
		kind := src.Text[m[2]:m[3]]
		rest := src.Text[m[4]:m[5]]
		bad := func(msg string) {
			problems = append(problems, problem{Problem: render.Problem{Span: span, Msg: msg}})
		}
		if kind != "ignore" && kind != "ignore-file" {
			name := "inboxlint:" + kind
			if len(kind) > escape.ExcerptLen { // [a-z-]*: ASCII
				name = escape.Excerpt(name)
			}
			bad(fmt.Sprintf("unknown directive %s: use inboxlint:ignore or inboxlint:ignore-file", name))
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			bad(fmt.Sprintf("inboxlint:%s needs a rule id and a reason, e.g. {{/* inboxlint:%s subject-length the long name is the point */}}", kind, kind))
			continue
		}
		if len(fields) < 2 {
			bad(fmt.Sprintf("inboxlint:%s %s needs a reason after the rule id", kind, fields[0]))
			continue
		}
		d := directive{file: kind == "ignore-file", rules: map[string]bool{}}
		ok := true
		for _, id := range strings.Split(fields[0], ",") {
			if own, isOwn := engineDoc(id); isOwn {
				bad(fmt.Sprintf("inboxlint:%s cannot silence %s findings: fix what they report", kind, own.ID))
				ok = false
				break
			}
			if !known(id) {
				bad(fmt.Sprintf("inboxlint:%s names unknown rule %s", kind, escape.Excerpt(id)))
				ok = false
				break
			}
			d.rules[id] = true
		}
		if !ok {
			continue
		}
		d.line = span.Start.Line
		if !d.file && aloneOnLine(src, m[0], m[1]) {
			d.line++
		}
		out = append(out, d)
	}
	return out, problems
}

func aloneOnLine(src *render.Source, start, end int) bool {
	ls := strings.LastIndexByte(src.Text[:start], '\n') + 1
	le := strings.IndexByte(src.Text[end:], '\n')
	if le < 0 {
		le = len(src.Text)
	} else {
		le += end
	}
	return strings.TrimSpace(src.Text[ls:start]) == "" && strings.TrimSpace(src.Text[end:le]) == ""
}
