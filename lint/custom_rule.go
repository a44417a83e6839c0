package lint

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/render"
)

// CompileCustom turns a declared rule into an ordinary Rule.
func CompileCustom(s *CustomSpec) Rule { return &customRule{spec: s} }

type customRule struct{ spec *CustomSpec }

func (r *customRule) Doc() Doc {
	s := r.spec
	var what string
	switch s.Kind {
	case "forbidden":
		what = fmt.Sprintf("forbids /%s/", s.Pattern)
	case "required":
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
			s.Kind, s.Config, s.Line, what, strings.Join(s.Scope, ", ")),
	}
}

// scoped calls fn for every text of a variant in the rule's scope.
func (r *customRule) scoped(v *render.Variant, fn func(render.Text)) {
	for _, sc := range r.spec.Scope {
		switch sc {
		case "subject":
			fn(v.Subject)
		case "sender":
			fn(v.Sender)
		case "footer":
			fn(v.Footer)
		case "body":
			for _, m := range v.Messages {
				fn(m.Body)
			}
		case "button":
			for _, m := range v.Messages {
				for _, b := range m.Buttons {
					fn(b.Label)
				}
			}
		}
	}
}

func (r *customRule) Check(p *Pass) error {
	s := r.spec
	matches := map[render.TextKey]bool{} // for required: variants share most texts
	for _, v := range p.Variants {
		switch s.Kind {
		case "forbidden":
			r.scoped(v, func(t render.Text) {
				if !p.FirstSeen(t) {
					return
				}
				for _, m := range s.Pattern.FindAllStringIndex(t.S, -1) {
					p.Report(Diagnostic{Span: t.Span(m[0], m[1]), Variant: v.Name,
						Message: fmt.Sprintf("%s (found %q)", s.Message, t.S[m[0]:m[1]])})
				}
			})
		case "substitute":
			r.scoped(v, func(t render.Text) {
				if !p.FirstSeen(t) {
					return
				}
				for _, sub := range s.Replace {
					for _, m := range sub.Wrong.FindAllStringIndex(t.S, -1) {
						msg := fmt.Sprintf("write %q instead of %q", sub.Right, t.S[m[0]:m[1]])
						if s.Message != "" {
							msg = s.Message + ": " + msg
						}
						p.Report(Diagnostic{Span: t.Span(m[0], m[1]), Variant: v.Name, Message: msg})
					}
				}
			})
		case "required":
			found := false
			var first render.Text
			haveFirst := false
			r.scoped(v, func(t render.Text) {
				if !haveFirst {
					first, haveFirst = t, true
				}
				if found {
					return
				}
				m, ok := matches[t.Key()]
				if !ok {
					m = s.Pattern.MatchString(t.S)
					matches[t.Key()] = m
				}
				found = m
			})
			if !found && haveFirst {
				span := first.Anchor()
				if span.IsZero() || first.S == "" && span.Start.Offset == 0 {
					span = p.Template.FrontMatter
				}
				p.Report(Diagnostic{Span: span, Variant: v.Name,
					Message: fmt.Sprintf("%s (no match for /%s/ in the %s)", s.Message, s.Pattern, strings.Join(s.Scope, ", "))})
			}
		}
	}
	return nil
}
