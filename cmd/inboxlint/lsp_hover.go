package main

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Hover explains what is under the cursor in terms of what members will
// read: a macro's value for each sample member and LinkedIn's fallback, a
// button's destination and label length, a {{ .var }}'s value in each
// variant, each with the field's worst-case length against its limits.
func (a *lspAnalysis) hover(p lspPosition) *lspHover {
	off := a.offset(p)
	var lines []string
	var rng lspRange
	f, inField := a.fieldAt(off)
	switch {
	case a.macroAt(off) != nil:
		use := a.macroAt(off)
		rng = a.textRange(use.Start, use.End)
		lines = a.macroHover(use.Macro)
	case a.varAt(off) != nil:
		v := a.varAt(off)
		rng = a.textRange(v.start, v.end)
		lines = a.varHover(v.path)
	case inField && (f.kind == render.FieldButtonLabel || f.kind == render.FieldButtonTarget):
		b := a.t.Messages[f.message].Buttons[f.button]
		rng = lspSpan(b.Span)
		lines = a.buttonHover(f)
		inField = false // the button's lines already say its label's length
	case inField:
		// anywhere else in a field: its length against its limits
		start, end := f.field.Text.SrcRange(0, len(f.field.Text.S))
		rng = a.textRange(start, end)
		lines = a.lengthLines(f)
		inField = false
	default:
		return nil
	}
	if inField {
		lines = append(lines, "")
		lines = append(lines, a.lengthLines(f)...)
	}
	return &lspHover{Contents: lspMarkupContent{Kind: lspMarkdown, Value: strings.Join(lines, "\n")}, Range: &rng}
}

// macroAt is the macro whose text holds off (its end included), or nil.
func (a *lspAnalysis) macroAt(off int) *render.MacroUse {
	ls, le := lineAround(a.src.Text, off)
	for _, u := range render.ScanMacros(a.src.Text[ls:le]) {
		if ls+u.Start <= off && off <= ls+u.End {
			u.Start += ls
			u.End += ls
			return &u
		}
	}
	return nil
}

// lspHoverMembers is how many sample members a macro's hover lists: a
// members file may hold thousands, and a hover is read at a glance.
const lspHoverMembers = 25

func (a *lspAnalysis) macroHover(mac render.Macro) []string {
	lines := []string{fmt.Sprintf("**%s** for each sample member:", mac), ""}
	for i := range a.members {
		if i == lspHoverMembers {
			lines = append(lines, fmt.Sprintf("- … and %d more", len(a.members)-i))
			break
		}
		m := &a.members[i]
		lines = append(lines, fmt.Sprintf("- %s: %s", mdEscape(m.Label()), mdCode(m.Value(mac))))
	}
	lines = append(lines, "", fmt.Sprintf("LinkedIn's fallback, when a member has no value or personalization is off: %s", mdCode(mac.Fallback())))
	return lines
}

// lspVarUse is one {{ .name }} in the source: the action's extent and
// the dotted path it reads.
type lspVarUse struct {
	start, end int
	path       []string
}

// varActionRE finds an action that reads a variable, {{ .a.b ... }}.
var varActionRE = lazyRE(`\{\{-?\s*\$?\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)[^}]*\}\}`)

func (a *lspAnalysis) varAt(off int) *lspVarUse {
	ls, le := lineAround(a.src.Text, off)
	for _, m := range varActionRE().FindAllStringSubmatchIndex(a.src.Text[ls:le], -1) {
		if ls+m[0] <= off && off <= ls+m[1] {
			return &lspVarUse{start: ls + m[0], end: ls + m[1], path: strings.Split(a.src.Text[ls+m[2]:ls+m[3]], ".")}
		}
	}
	return nil
}

func (a *lspAnalysis) varHover(path []string) []string {
	name := "." + strings.Join(path, ".")
	lines := []string{fmt.Sprintf("**%s** in each variant:", mdEscape(name)), ""}
	specs := a.t.Variants
	if len(specs) == 0 {
		specs = []render.VariantSpec{{}}
	}
	for _, spec := range specs {
		who := "the template"
		if spec.Name != "" {
			who = "variant " + mdEscape(spec.Name)
		}
		v, ok := lookupVar(a.t.Vars, spec.Values, path)
		value := "not set: renders `<no value>`"
		if ok {
			value = mdCode(varText(v))
		}
		lines = append(lines, fmt.Sprintf("- %s: %s", who, value))
	}
	return lines
}

// lookupVar reads a dotted path from a variant's data: its values over
// the file's vars, as rendering merges them.
func lookupVar(vars, values map[string]any, path []string) (any, bool) {
	var cur any
	if v, ok := values[path[0]]; ok {
		cur = v
	} else if v, ok := vars[path[0]]; ok {
		cur = v
	} else {
		return nil, false
	}
	for _, k := range path[1:] {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// varText is a value as hover shows it: a scalar as text, a list or
// mapping in YAML flow style, cut to a readable length.
func varText(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case map[string]any, []any:
		b, err := yaml.Marshal(x)
		if err != nil {
			s = fmt.Sprint(x)
		} else {
			s = strings.TrimSpace(string(b))
		}
	default:
		s = fmt.Sprint(x)
	}
	const most = 400
	if len(s) > most {
		cut := most
		for cut > 0 && !utf8RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

func (a *lspAnalysis) buttonHover(f lspField) []string {
	b := a.t.Messages[f.message].Buttons[f.button]
	label := lspField{kind: render.FieldButtonLabel, message: f.message, button: f.button, field: b.Label}
	target := lspField{kind: render.FieldButtonTarget, message: f.message, button: f.button, field: b.Target}
	lines := []string{fmt.Sprintf("**Button** %s", mdCode(b.Label.Text.S)), ""}
	// one line per destination, naming the variants when they differ
	var leads []string
	by := map[string][]string{}
	for _, v := range a.variants {
		t, ok := target.rendered(v)
		if !ok {
			continue
		}
		d := a.destination(t.S)
		if by[d] == nil {
			leads = append(leads, d)
		}
		by[d] = append(by[d], mdEscape(variantName(v)))
	}
	if len(leads) == 0 {
		leads = append(leads, a.destination(b.Target.Text.S))
	}
	for _, l := range leads {
		if len(leads) > 1 {
			l += " (" + strings.Join(by[l], ", ") + ")"
		}
		lines = append(lines, "Leads to "+l)
	}
	lines = append(lines, "")
	return append(lines, a.lengthLines(label)...)
}

// destination says where a rendered button target leads.
func (a *lspAnalysis) destination(target string) string {
	kind, what := render.ClassifyTarget(target)
	switch kind {
	case render.TargetMessage:
		for _, m := range a.t.Messages {
			if m.Slug == what {
				return fmt.Sprintf("the message %s (line %d)", mdCode(m.Title.Text.S), m.Heading.Start.Line)
			}
		}
		return fmt.Sprintf("%s, which no message has: a broken link", mdCode("#"+what))
	case render.TargetURL:
		return "the landing page " + mdCode(what)
	case render.TargetLeadForm:
		return "the Lead Gen Form " + mdCode(what)
	}
	return mdCode(target) + ", which is no target: use https://…, leadform:NAME or #slug"
}

// mdEscape makes text from the template safe to show as Markdown: no
// control characters, and no character Markdown would read as markup.
func mdEscape(s string) string {
	s = escape.Controls(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode shows text from the template as a Markdown code span, fenced
// with more backticks than it holds in a row.
func mdCode(s string) string {
	s = escape.Controls(s)
	run, longest := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	return fence + " " + s + " " + fence
}

// lineAround is the line of text that holds off, as [start, end) without
// its line break: what hover looks in for the macro or action under the
// cursor.
func lineAround(text string, off int) (start, end int) {
	start = strings.LastIndexByte(text[:off], '\n') + 1
	if end = strings.IndexByte(text[off:], '\n'); end < 0 {
		return start, len(text)
	}
	return start, off + end
}
