package lint

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Directives are template comments, which never reach the rendered copy:
//
//	{{/* inboxlint:ignore RULE[,RULE] reason */}}       this line
//	{{/* inboxlint:ignore-file RULE[,RULE] reason */}}  the whole file
//
// or, in the front matter, YAML comments (yamlDirectiveRE).
//
// An ignore directive alone on its line applies to the next line instead,
// like a //nolint comment above a statement. A reason is required, and the
// rules must exist and be rules: the engine's own findings (syntax) say
// what stopped it from reading the template and cannot be silenced. A
// directive that breaks any of this is a syntax finding and silences
// nothing. It is compiled the first time a source holds "inboxlint:"
// (parseDirectives), which most never do.
var directiveRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\{\{-?\s*/\*\s*inboxlint:([a-z-]*)\s*(.*?)\s*\*/\s*-?\}\}`)
})

type directive struct {
	file  bool
	line  int // line whose findings are ignored
	rules map[string]bool
	// span is the directive's comment; used holds the rules it silenced
	// a finding of, for unused-directive
	span render.Span
	ids  []string // rules, in the order written
	used map[string]bool
}

func (d *directive) covers(diag Diagnostic) bool {
	if !d.rules[diag.Rule] || !d.file && diag.Span.Start.Line != d.line {
		return false
	}
	d.used[diag.Rule] = true
	return true
}

// silencer answers whether any of a file's directives covers a finding,
// looking only at the directives of the finding's line and the file's, so
// that a file with many directives and many findings is not checked pair
// by pair.
type silencer struct {
	file   []*directive
	byLine map[int][]*directive
	all    []*directive
}

func newSilencer(ds []*directive) *silencer {
	s := &silencer{all: ds}
	for _, d := range ds {
		switch {
		case d.file:
			s.file = append(s.file, d)
		case s.byLine == nil:
			s.byLine = map[int][]*directive{d.line: {d}}
		default:
			s.byLine[d.line] = append(s.byLine[d.line], d)
		}
	}
	return s
}

func (s *silencer) covers(diag Diagnostic) bool {
	covered := false
	// every directive that covers the finding has done its work, so that
	// two directives for one finding are both used
	for _, d := range s.byLine[diag.Span.Start.Line] {
		covered = d.covers(diag) || covered
	}
	for _, d := range s.file {
		covered = d.covers(diag) || covered
	}
	return covered
}

// DirectiveUse is one ignore directive of the file and what it silenced,
// for the unused-directive rule.
type DirectiveUse struct {
	// Span is the directive's comment.
	Span render.Span
	// File is set for inboxlint:ignore-file.
	File bool
	// Unused are the rules the directive names that ran on the file and
	// had no finding for it to silence, in the order written. A rule that
	// is off does not count: the directive may be for when it is on.
	Unused []string
}

// Directives returns the file's ignore directives and what each silenced
// in the rules run so far. The engine runs a rule that implements
// directiveChecker after every other rule, so it sees them all.
func (p *Pass) Directives() []DirectiveUse {
	if p.silencer == nil {
		return nil
	}
	var out []DirectiveUse
	for _, d := range p.silencer.all {
		u := DirectiveUse{Span: d.span, File: d.file}
		for _, id := range d.ids {
			if !d.used[id] && p.hasRun(id) {
				u.Unused = append(u.Unused, id)
			}
		}
		out = append(out, u)
	}
	return out
}

// hasRun reports whether rule id has run on the pass, the running rule
// included.
func (p *Pass) hasRun(id string) bool {
	i, ok := p.order[id]
	return ok && i <= p.step
}

// directiveChecker marks a rule that judges the directives themselves
// (Pass.Directives): the engine runs it after the file's other rules.
type directiveChecker interface {
	Rule
	ChecksDirectives()
}

// reasonPlaceholder is what the language server's "ignore" code actions
// write where the reason goes. It is no reason: a directive that still
// holds it is reported (at the placeholder) and silences nothing, so the
// editor shows where to type why the rule does not apply.
const reasonPlaceholder = "<reason>"

// yamlDirectiveRE is the front matter's form of a directive, a YAML
// comment, since a template comment cannot stand between YAML keys:
//
//	subject: A very long subject  # inboxlint:ignore subject-length reason
//	# inboxlint:ignore unknown-key the key is read by our upload script
//	# inboxlint:ignore-file placeholder legal fills the bracketed terms
//
// It is matched against the text of a comment, from its "#".
var yamlDirectiveRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#\s*inboxlint:([a-z-]*)\s*(.*?)\s*$`) })

// rawDirective is one directive as found, before it is checked.
type rawDirective struct {
	start, end int // the whole directive in Source.Text
	kind, rest string
	restAt     int // offset of rest in Source.Text
}

// parseDirectives finds the directives in a source: template comments
// anywhere, and YAML comments in the front matter. known says whether a
// rule id exists.
func parseDirectives(src *render.Source, known func(string) bool) ([]*directive, []problem) {
	if !strings.Contains(src.Text, "inboxlint:") {
		return nil, nil
	}
	var raws []rawDirective
	for _, m := range directiveRE().FindAllStringSubmatchIndex(src.Text, -1) {
		raws = append(raws, rawDirective{start: m[0], end: m[1], kind: src.Text[m[2]:m[3]], rest: src.Text[m[4]:m[5]], restAt: m[4]})
	}
	raws = append(raws, yamlDirectives(src)...)
	sort.SliceStable(raws, func(i, j int) bool { return raws[i].start < raws[j].start })
	var out []*directive
	var problems []problem
	for _, r := range raws {
		span := src.Span(r.start, r.end)
		kind, rest := r.kind, r.rest
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
		if i := strings.Index(rest, reasonPlaceholder); i >= 0 {
			at := r.restAt + i
			problems = append(problems, problem{Problem: render.Problem{
				Span: src.Span(at, at+len(reasonPlaceholder)),
				Msg:  fmt.Sprintf("inboxlint:%s %s: replace %s with why the rule does not apply here", kind, fields[0], reasonPlaceholder),
			}})
			continue
		}
		d := &directive{file: kind == "ignore-file", rules: map[string]bool{}, span: span, used: map[string]bool{}}
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
			if !d.rules[id] {
				d.ids = append(d.ids, id)
			}
			d.rules[id] = true
		}
		if !ok {
			continue
		}
		d.line = span.Start.Line
		if !d.file && aloneOnLine(src, r.start, r.end) {
			d.line++
		}
		out = append(out, d)
	}
	return out, problems
}

// yamlDirectives finds the directives written as YAML comments in the
// front matter. A "#" starts a comment after a space or tab, or at the
// start of a line, outside quotes; so that a "#" inside a block scalar
// (footer: |) or a multi-line quoted value, which is copy, is never taken
// for one, a candidate counts only when YAML itself parsed it as a comment.
func yamlDirectives(src *render.Source) []rawDirective {
	start, end, ok := src.FrontMatter()
	if !ok || !strings.Contains(src.Text[start:end], "inboxlint:") {
		return nil
	}
	fm := src.Text[start:end]
	var doc yaml.Node
	if yaml.Unmarshal([]byte(fm), &doc) != nil {
		return nil // the syntax rule reports the front matter
	}
	comments := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					comments[l] = true
				}
			}
		}
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(&doc)
	var out []rawDirective
	for off := 0; off < len(fm); {
		le := strings.IndexByte(fm[off:], '\n')
		if le < 0 {
			le = len(fm)
		} else {
			le += off
		}
		line := fm[off:le]
		if c := yamlCommentAt(line); c >= 0 {
			text := strings.TrimRight(line[c:], " \t")
			if m := yamlDirectiveRE().FindStringSubmatchIndex(text); m != nil && comments[text] {
				at := start + off + c
				out = append(out, rawDirective{start: at, end: at + len(text), kind: text[m[2]:m[3]], rest: text[m[4]:m[5]], restAt: at + m[4]})
			}
		}
		off = le + 1
	}
	return out
}

// yamlCommentAt is where a comment starts in a line of YAML, or -1: a "#"
// at the start of the line or after a space or tab, outside single and
// double quotes.
func yamlCommentAt(line string) int {
	var quote byte
	for j := 0; j < len(line); j++ {
		c := line[j]
		switch {
		case quote == '"' && c == '\\':
			j++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			if j == 0 || strings.IndexByte(" \t:[{,-", line[j-1]) >= 0 {
				quote = c
			}
		case c == '#' && (j == 0 || line[j-1] == ' ' || line[j-1] == '\t'):
			return j
		}
	}
	return -1
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
