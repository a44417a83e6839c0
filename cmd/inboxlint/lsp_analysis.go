package main

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
	"github.com/inboxlint/inboxlint/rules"
)

// lspAnalysis is one document's text understood the way the engine
// understands it, for the requests that look inside a template (hover,
// completion, symbols, navigation, rename, code actions): parsed,
// rendered for every variant, with the sample members and the config its
// path gets. It is made for each request from the newest text, so it never
// answers about text the editor no longer shows.
type lspAnalysis struct {
	job      lspJob
	src      *render.Source
	t        *render.Template
	variants []*render.Variant
	members  []render.Member
	cfg      *lint.Config
	mode     render.CountMode
	// crlf is true when the document's lines end in CRLF: edits the server
	// sends insert line breaks of the same kind.
	crlf bool
}

// analyze prepares the analysis of a document's text; ok is false for a
// Markdown file that is no template (nothing to say about it).
func (s *lspServer) analyze(job lspJob) (a *lspAnalysis, ok bool) {
	data := []byte(job.text)
	if !render.IsTemplate(data) {
		return nil, false
	}
	a = &lspAnalysis{job: job, src: render.NewSource(job.path, data), crlf: strings.Contains(job.text, "\r\n")}
	a.t = render.ParseSource(a.src)
	a.variants, _ = a.t.Render(sandbox.DefaultLimits)
	a.members = render.DefaultMembers()
	a.cfg = lint.DefaultConfig()
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: s.config, Root: engineRoot(job.root)})
	if err == nil {
		defer eng.Close()
		if filepath.IsAbs(job.path) {
			if cfg, err := eng.ConfigForDir(filepath.Dir(job.path)); err == nil && cfg != nil {
				a.cfg = cfg
			}
		}
		if ms, err := eng.Members(job.path, a.t); err == nil && len(ms) > 0 {
			a.members = ms
		}
	}
	a.mode = a.cfg.Count
	return a, true
}

// offset turns an LSP position (0-based line, UTF-16 character) into an
// offset of Source.Text, clamped to the line: a position past the end of
// a line is its end, a line past the end of the text is the text's end.
func (a *lspAnalysis) offset(p lspPosition) int {
	text := a.src.Text
	off := 0
	for line := 0; line < p.Line; line++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	for units := 0; off < len(text) && text[off] != '\n'; {
		r, size := utf8.DecodeRuneInString(text[off:])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > p.Character {
			break
		}
		units += w
		off += size
	}
	return off
}

// position is the LSP position of an offset of Source.Text.
func (a *lspAnalysis) position(off int) lspPosition {
	return lspPos(a.src.Pos(off))
}

func lspPos(p render.Pos) lspPosition {
	return lspPosition{Line: p.Line - 1, Character: p.Col16 - 1}
}

func lspSpan(s render.Span) lspRange {
	return lspRange{Start: lspPos(s.Start), End: lspPos(s.End)}
}

// textRange is the LSP range of Source.Text[start:end].
func (a *lspAnalysis) textRange(start, end int) lspRange {
	return lspSpan(a.src.Span(start, end))
}

// eol turns the "\n" of text the server inserts into the document's own
// line ending.
func (a *lspAnalysis) eol(s string) string {
	if a.crlf {
		return strings.ReplaceAll(s, "\n", "\r\n")
	}
	return s
}

// lspField is one text field of the template as written, where the cursor
// may be: its kind, its message and button (or -1) and its text.
type lspField struct {
	kind    render.FieldKind
	message int
	button  int
	field   render.Field
}

// fieldAt is the field whose text holds offset off (its end included, for
// a cursor just after the last character), or false.
func (a *lspAnalysis) fieldAt(off int) (lspField, bool) {
	for _, f := range a.fields() {
		if !f.field.Present && f.field.Text.S == "" {
			continue
		}
		start, end := f.field.Text.SrcRange(0, len(f.field.Text.S))
		if start <= off && off <= end {
			return f, true
		}
	}
	return lspField{}, false
}

// fields lists the template's fields in source order.
func (a *lspAnalysis) fields() []lspField {
	t := a.t
	out := []lspField{
		{render.FieldSender, -1, -1, t.Sender},
		{render.FieldSubject, -1, -1, t.Subject},
		{render.FieldFooter, -1, -1, t.Footer},
	}
	for i, m := range t.Messages {
		out = append(out, lspField{render.FieldTitle, i, -1, m.Title}, lspField{render.FieldBody, i, -1, m.Body})
		for j, b := range m.Buttons {
			out = append(out, lspField{render.FieldButtonLabel, i, j, b.Label}, lspField{render.FieldButtonTarget, i, j, b.Target})
		}
	}
	return out
}

// rendered is a field's text in one variant.
func (f lspField) rendered(v *render.Variant) (render.Text, bool) {
	if f.message >= len(v.Messages) {
		return render.Text{}, false
	}
	switch f.kind {
	case render.FieldSender:
		return v.Sender, true
	case render.FieldSubject:
		return v.Subject, true
	case render.FieldFooter:
		return v.Footer, true
	}
	m := v.Messages[f.message]
	switch f.kind {
	case render.FieldTitle:
		return m.Title, true
	case render.FieldBody:
		return m.Body, true
	}
	if f.button >= len(m.Buttons) {
		return render.Text{}, false
	}
	if f.kind == render.FieldButtonLabel {
		return m.Buttons[f.button].Label, true
	}
	return m.Buttons[f.button].Target, true
}

// variantName is how hover names a variant.
func variantName(v *render.Variant) string {
	if v.Name == "" {
		return "the template"
	}
	return "variant " + v.Name
}

// lspLimit is one limit a field is checked against: the rule, what
// happens past it, and the number.
type lspLimit struct {
	rule, what string
	n          int
}

// lspLimitOption names the option of a length rule that is one of a
// field's limits, and how hover calls that limit.
type lspLimitOption struct{ rule, option, what string }

// limitsFor are the limits the length rules check a field against, with
// the options of the config in force (the rule's documented default when
// the config does not set one). A rule the config turns off has none.
func (a *lspAnalysis) limitsFor(kind render.FieldKind) []lspLimit {
	perFormat := "max-message"
	if a.t.Format == render.FormatConversation {
		perFormat = "max-conversation"
	}
	var want []lspLimitOption
	switch kind {
	case render.FieldSubject:
		want = []lspLimitOption{{"subject-length", "visible", "inbox preview"}, {"subject-length", "max", "LinkedIn's limit"}}
	case render.FieldBody:
		want = []lspLimitOption{{"body-length", "guidance", "guidance"}, {"body-length", perFormat, "LinkedIn's limit"}}
	case render.FieldButtonLabel:
		want = []lspLimitOption{{"cta-length", perFormat, "button limit"}}
	case render.FieldFooter:
		want = []lspLimitOption{{"footer-length", perFormat, "LinkedIn's limit"}}
	}
	var out []lspLimit
	for _, w := range want {
		if n, ok := a.ruleOption(w.rule, w.option); ok {
			out = append(out, lspLimit{rule: w.rule, what: w.what, n: n})
		}
	}
	return out
}

// ruleOption is a rule's integer option as the config sets it, else its
// documented default; false when the config turns the rule off or the
// rule has no such option.
func (a *lspAnalysis) ruleOption(id, option string) (int, bool) {
	rc := a.cfg.Rules[id]
	if rc != nil && rc.Enabled != nil && !*rc.Enabled {
		return 0, false
	}
	if rc != nil && rc.Options != nil {
		for i := 0; i+1 < len(rc.Options.Content); i += 2 {
			if rc.Options.Content[i].Value == option {
				if n, err := strconv.Atoi(rc.Options.Content[i+1].Value); err == nil {
					return n, true
				}
			}
		}
	}
	for _, r := range rules.All() {
		if d := r.Doc(); d.ID == id {
			for _, o := range d.Options {
				if o.Name == option {
					n, err := strconv.Atoi(o.Default)
					return n, err == nil
				}
			}
		}
	}
	return 0, false
}

// worstLength is the longest a field gets over every variant and sample
// member, with whose render it is, and its length as written.
func (a *lspAnalysis) worstLength(f lspField) (worst int, who string, written int) {
	written = render.Count(f.field.Text.S, a.mode)
	worst = -1
	for _, v := range a.variants {
		text, ok := f.rendered(v)
		if !ok {
			continue
		}
		for i := range a.members {
			m := &a.members[i]
			if n := render.Count(render.Personalize(text, m).S, a.mode); n > worst {
				worst, who = n, m.Label()
				if v.Name != "" {
					who += " · variant " + v.Name
				}
			}
		}
	}
	if worst < 0 {
		worst, who = written, "as written"
	}
	return worst, who, written
}

// lengthLines are hover's lines on a field's length against its limits.
func (a *lspAnalysis) lengthLines(f lspField) []string {
	worst, who, written := a.worstLength(f)
	lines := []string{fmt.Sprintf("%s: %d characters as written, at most %d rendered (%s)", f.kind, written, worst, mdEscape(who))}
	for _, l := range a.limitsFor(f.kind) {
		verdict := "fits"
		if worst > l.n {
			verdict = fmt.Sprintf("over by %d", worst-l.n)
		}
		lines = append(lines, fmt.Sprintf("- %s %d (`%s`): %s", l.what, l.n, l.rule, verdict))
	}
	return lines
}
