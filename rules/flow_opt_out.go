package rules

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// flowOptOut reports branching messages past the opening that give the
// member no low-commitment way out. Its field is the rule's option.
type flowOptOut struct {
	Phrases []string `yaml:"phrases"`
}

// flowOptOutPhrases are the phrases out of the box.
var flowOptOutPhrases = []string{"Maybe later", "Not now", "Just browsing", "No thanks", "Not right now", "I'm all set"}

// prepare takes phrases: with no value (null) for the default list, and
// refuses an empty list or phrase.
func (r *flowOptOut) prepare() error {
	if r.Phrases == nil {
		r.Phrases = flowOptOutPhrases
	}
	if len(r.Phrases) == 0 {
		return errors.New("phrases must list at least one label, such as \"Maybe later\"")
	}
	for _, ph := range r.Phrases {
		if flowLabelWords(ph) == "" {
			return errors.New("phrases must not contain an empty phrase")
		}
	}
	return nil
}

func (r *flowOptOut) check(p *lint.Pass) {
	if flowOf(p) == nil {
		return
	}
	variants := p.Variants
	if len(variants) == 0 {
		variants = []*render.Variant{nil}
	}
	// A label may be written with template actions: each variant's
	// rendering must offer the way out. Variants with the same flow have
	// the same findings, found once and reported for each of them, so that
	// a finding every variant has is every variant's.
	found := map[string][]lint.Diagnostic{}
	for _, v := range variants {
		k := flowVariantKey(p.Template, v)
		ds, ok := found[k]
		if !ok {
			ds = r.findings(render.NewFlow(p.Template, v))
			found[k] = ds
		}
		for _, d := range ds {
			if v != nil && len(p.Variants) > 1 {
				d.Variant = v.Name
			}
			p.Report(d)
		}
	}
}

// findings are the flow's messages that offer choices but no way out.
func (r *flowOptOut) findings(f *render.Flow) []lint.Diagnostic {
	phrases := make([]string, len(r.Phrases))
	for i, ph := range r.Phrases {
		phrases[i] = " " + flowLabelWords(ph) + " "
	}
	var ds []lint.Diagnostic
	for _, n := range f.Nodes[1:] {
		if len(n.Edges) < 2 || r.offersOptOut(n, phrases) {
			continue
		}
		ds = append(ds, lint.Diagnostic{Span: n.Message.Heading, Message: fmt.Sprintf("%s offers %d choices but no low-commitment one: add a button such as %s that leads to a polite close", flowNodeName(n), len(n.Edges), quote(r.Phrases[0]))})
	}
	return ds
}

// flowVariantKey is what of variant v the flow takes (render.NewFlow):
// the rendered headings, labels and targets that are written with template
// actions. Variants with the same key have the same flow.
func flowVariantKey(t *render.Template, v *render.Variant) string {
	if v == nil || len(v.Messages) != len(t.Messages) {
		return "\x00"
	}
	var b strings.Builder
	add := func(written string, rendered render.Text) {
		if render.HasActions(written) {
			b.WriteString(strconv.Itoa(len(rendered.S)))
			b.WriteByte(':')
			b.WriteString(rendered.S)
		}
	}
	for i, m := range t.Messages {
		add(m.Title.Text.S, v.Messages[i].Title)
		for j, bt := range m.Buttons {
			if j < len(v.Messages[i].Buttons) {
				add(bt.Label.Text.S, v.Messages[i].Buttons[j].Label)
				add(bt.Target.Text.S, v.Messages[i].Buttons[j].Target)
			}
		}
	}
	return b.String()
}

func (r *flowOptOut) offersOptOut(n render.FlowNode, phrases []string) bool {
	for _, e := range n.Edges {
		label := " " + flowLabelWords(e.Label) + " "
		for _, ph := range phrases {
			if strings.Contains(label, ph) {
				return true
			}
		}
	}
	return false
}

// flowLabelWords lower-cases a label and reduces everything but letters,
// digits and apostrophes to single spaces, so that "Maybe later…" and
// "maybe  LATER" both contain the phrase "maybe later" and "I’m all set"
// matches "I'm all set".
func flowLabelWords(s string) string {
	var b strings.Builder
	space := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c == '\'' || c == '’' || c == 'ʼ':
			b.WriteByte('\'')
			space = false
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(c)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}
