package lint

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// compileCustomRule turns a declared rule into an ordinary Rule.
func compileCustomRule(s *CustomSpec) Rule { return &customRule{spec: s} }

type customRule struct{ spec *CustomSpec }

func (r *customRule) Doc() Doc {
	s := r.spec
	var what string
	switch s.Kind {
	case customForbidden:
		what = fmt.Sprintf("forbids /%s/", s.Pattern)
	case customRequired:
		what = fmt.Sprintf("requires /%s/", s.Pattern)
	default:
		var pairs []string
		for _, sub := range s.Replace {
			pairs = append(pairs, fmt.Sprintf("/%s/ → %q", sub.Wrong, sub.Right))
		}
		what = "substitutes " + strings.Join(pairs, ", ")
	}
	title := s.Message
	if title == "" {
		title = "house style: " + what
	}
	title = strings.TrimSuffix(title, ".")
	if r := []rune(title); len(r) > 60 {
		title = strings.TrimRight(string(r[:57]), " .") + "..."
	}
	if r := []rune(title); len(r) > 0 {
		title = strings.ToLower(string(r[:1])) + string(r[1:])
	}
	return Doc{
		ID:       s.ID,
		Severity: s.Severity,
		Default:  true,
		Title:    title,
		Text: fmt.Sprintf("A custom %s rule declared in %s (line %d). It %s in the %s.",
			s.Kind, s.config, s.line, what, s.Scope),
	}
}

// scoped calls fn for every text of a variant in the rule's scope.
func (r *customRule) scoped(v *render.Variant, fn func(render.Text)) {
	v.Fields(r.spec.Scope, func(f render.VariantField) { fn(f.Text) })
}

// Check matches the rule's patterns against the texts in its scope, every
// variant's. A text that several variants share (all plain text does) is
// matched once. All the custom rules of a file share the file's matching
// budget (render.MatchBudget): the rule that runs out of it reports so
// once, at the text it was matching, and the matching stops there for
// every custom rule of the file.
func (r *customRule) Check(p *Pass) error {
	s := r.spec
	budget := p.Template.MatchBudget()
	if budget.Spent() {
		return nil
	}
	type key struct {
		re   *sandbox.Pattern
		text string
	}
	found := map[key][][]int{}
	matched := map[key]bool{}
	stopped := false
	stop := func(t render.Text, v *render.Variant) {
		if !stopped {
			stopped = true
			p.Report(Diagnostic{Span: t.Anchor(), Variant: v.Name, Message: fmt.Sprintf(
				"custom rule %q: matching stopped at the budget of %d for the custom rules of one file (characters scanned × pattern instructions), so the custom rules were not checked in the rest of the file: use simpler patterns",
				s.ID, render.MaxMatchWork)})
		}
	}
	findAll := func(re *sandbox.Pattern, t render.Text, v *render.Variant) [][]int {
		k := key{re, t.S}
		if ms, ok := found[k]; ok || stopped {
			return ms
		}
		ms, ok := budget.FindAll(re, t.S)
		if !ok {
			stop(t, v)
			return nil
		}
		found[k] = ms
		return ms
	}
	for _, v := range p.Variants {
		switch s.Kind {
		case customForbidden:
			r.scoped(v, func(t render.Text) {
				if !p.FirstSeen(t) {
					return // the same copy in an earlier variant: checked there
				}
				for _, m := range findAll(s.Pattern, t, v) {
					p.Report(Diagnostic{Span: t.Span(m[0], m[1]), Variant: v.Name,
						Message: fmt.Sprintf("%s (found %s)", s.Message, escape.Excerpt(t.S[m[0]:m[1]]))})
				}
			})
		case customSubstitute:
			r.scoped(v, func(t render.Text) {
				if !p.FirstSeen(t) {
					return
				}
				for _, sub := range s.Replace {
					for _, m := range findAll(sub.Wrong, t, v) {
						msg := fmt.Sprintf("write %s instead of %s", escape.Excerpt(sub.Right), escape.Excerpt(t.S[m[0]:m[1]]))
						if s.Message != "" {
							msg = s.Message + ": " + msg
						}
						d := Diagnostic{Span: t.Span(m[0], m[1]), Variant: v.Name, Message: msg}
						// the rule's author wrote the one right form: --fix
						// applies it
						if fx, ok := TextFix(FixCertain, "write "+escape.Excerpt(sub.Right), t, m[0], m[1], sub.Right); ok {
							d.Fixes = []Fix{fx}
						}
						p.Report(d)
					}
				}
			})
		case customRequired:
			found := false
			var first render.Text
			haveFirst := false
			r.scoped(v, func(t render.Text) {
				if !haveFirst {
					first, haveFirst = t, true
				}
				if found || stopped {
					return
				}
				k := key{s.Pattern, t.S}
				m, ok := matched[k]
				if !ok {
					if m, ok = budget.MatchString(s.Pattern, t.S); !ok {
						stop(t, v)
						return
					}
					matched[k] = m
				}
				found = m
			})
			if !found && haveFirst && !stopped {
				span := first.Anchor()
				if span.IsZero() || first.S == "" && span.Start.Offset == 0 {
					span = p.Template.FrontMatter
				}
				p.Report(Diagnostic{Span: span, Variant: v.Name,
					Message: fmt.Sprintf("%s (no match for /%s/ in the %s)", s.Message, s.Pattern, s.Scope)})
			}
		}
		if stopped {
			return nil
		}
	}
	return nil
}
