package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// checkSubjectPersonalization is the subject-personalization rule: it
// suggests addressing the member in the subject.
func checkSubjectPersonalization(p *lint.Pass) {
	subj := p.Template.Subject
	if !subj.Present {
		return // the syntax rule reports a missing subject
	}
	fs := make([]variantFinding, 0, len(p.Variants))
	for _, v := range p.Variants {
		if v.Subject.S == "" {
			continue
		}
		personal := false
		var buf [8]render.MacroUse
		for _, u := range render.AppendMacros(buf[:0], v.Subject.S) {
			if u.Macro == render.MacroFirstName || u.Macro == render.MacroCompanyName {
				personal = true
				break
			}
		}
		// a broken macro ("%FirstName%", "{{first_name}}") is unknown-macro's
		// one finding: the writer meant to personalize the subject
		if personal || len(findUnknownMacros(v.Subject.S)) > 0 {
			continue
		}
		fs = append(fs, variantFinding{
			variant: v.Name,
			span:    subj.Span(),
			message: "the subject names neither the member nor their company: consider adding %FIRSTNAME% or %COMPANYNAME%",
		})
	}
	reportVariantFindings(p, fs)
}
