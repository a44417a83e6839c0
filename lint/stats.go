package lint

import "github.com/inboxlint/inboxlint/render"

// FileStats are what a scorecard shows of one linted file besides its
// findings: the longest subject and body any sample member receives, and
// who receives them. The engine computes them (Options.Stats) while it
// still holds the file's renders, with the measurements the length rules
// share (Pass.Longest), so no output has to lint the file again.
type FileStats struct {
	Subject, Body Longest
}

// Longest is the longest render of one field.
type Longest struct {
	// Len is in the count mode of the config in force; 0 when the file has
	// no such field.
	Len int
	// Member is the sample member whose render is the longest, "" when the
	// copy as written is.
	Member string
	// Variant is the variant it is in, "" for a file without variants.
	Variant string
}

func longestOf(r Render, ok bool) Longest {
	if !ok {
		return Longest{}
	}
	l := Longest{Len: r.Len}
	if r.Member != nil {
		l.Member = r.Member.Label()
	}
	if r.Variant != nil {
		l.Variant = r.Variant.Name
	}
	return l
}

// passStats measures a pass's longest subject and body (over every
// message of a conversation).
func passStats(p *Pass) FileStats {
	var s FileStats
	s.Subject = longestOf(p.Longest(func(v *render.Variant) (render.Text, bool) { return v.Subject, v.Subject.S != "" }))
	for i := range p.Template.Messages {
		b := longestOf(p.Longest(func(v *render.Variant) (render.Text, bool) {
			if i >= len(v.Messages) {
				return render.Text{}, false
			}
			return v.Messages[i].Body, true
		}))
		if b.Len > s.Body.Len {
			s.Body = b
		}
	}
	return s
}
