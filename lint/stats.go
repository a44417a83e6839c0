package lint

import "github.com/inboxlint/inboxlint/render"

// fileStats are what a scorecard shows of one linted file besides its
// findings: the longest subject and body any sample member receives, and
// who receives them. The engine computes them (Options.Stats) while it
// still holds the file's renders, with the measurements the length rules
// share (Pass.Longest), so no output has to lint the file again.
type fileStats struct {
	subject, body longest
}

// longest is the longest render of one field.
type longest struct {
	// n is in the count mode of the config in force; 0 when the file has
	// no such field.
	n int
	// member is the sample member whose render is the longest, "" when the
	// copy as written is.
	member string
	// variant is the variant it is in, "" for a file without variants.
	variant string
}

func longestOf(r Render, ok bool) longest {
	if !ok {
		return longest{}
	}
	l := longest{n: r.Len}
	if r.Member != nil {
		l.member = r.Member.Label()
	}
	if r.Variant != nil {
		l.variant = r.Variant.Name
	}
	return l
}

// passStats measures a pass's longest subject and body (over every
// message of a conversation).
func passStats(p *Pass) fileStats {
	var s fileStats
	s.subject = longestOf(p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Subject, v.Subject.S != "" }))
	for i := range p.Template.Messages {
		b := longestOf(p.Longest(func(v *render.Variant) (render.Text, bool) {
			if i >= len(v.Messages) {
				return render.Text{}, false
			}
			return v.Messages[i].Body, true
		}))
		if b.n > s.body.n {
			s.body = b
		}
	}
	return s
}
