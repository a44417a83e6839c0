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
	// the variants mostly render one subject: it is read once
	last, lastFine := "", false
	reportInVariants(p, func(v *render.Variant) bool {
		if v.Subject.S == "" {
			return false
		}
		if v.Subject.S != last {
			last, lastFine = v.Subject.S, subjectPersonal(v.Subject.S)
		}
		return !lastFine
	}, lint.Diagnostic{
		Span:    subj.Span(),
		Message: "the subject names neither the member nor their company: consider adding %FIRSTNAME% or %COMPANYNAME%",
	})
}

// subjectPersonal reports whether a subject names the member or their
// company, or holds a broken macro ("%FirstName%", "{{first_name}}"),
// which is unknown-macro's one finding: the writer meant to personalize it.
func subjectPersonal(s string) bool {
	var buf [8]render.MacroUse
	for _, u := range render.AppendMacros(buf[:0], s) {
		if u.Macro == render.MacroFirstName || u.Macro == render.MacroCompanyName {
			return true
		}
	}
	return len(findUnknownMacros(s)) > 0
}
