package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/render"
)

// Merge fields of other tools: the names email and CRM platforms give the
// fields LinkedIn's macros fill (first_name, FNAME, Company), which
// copywriters paste into ads. unknown-macro suggests the macro for them,
// and placeholder leaves a [First Name] bracket to it.

// aliasMacroOf maps a field name, lower-case without separators, to the
// macro it means.
var aliasMacroOf = map[string]render.Macro{
	"firstname": render.MacroFirstName, "fname": render.MacroFirstName, "first": render.MacroFirstName,
	"givenname": render.MacroFirstName, "name": render.MacroFirstName, "contactfirstname": render.MacroFirstName,
	"lastname": render.MacroLastName, "lname": render.MacroLastName, "surname": render.MacroLastName,
	"familyname": render.MacroLastName, "last": render.MacroLastName,
	"company": render.MacroCompanyName, "companyname": render.MacroCompanyName, "organization": render.MacroCompanyName,
	"organisation": render.MacroCompanyName, "org": render.MacroCompanyName, "account": render.MacroCompanyName,
	"accountname": render.MacroCompanyName, "employer": render.MacroCompanyName,
	"jobtitle": render.MacroJobTitle, "title": render.MacroJobTitle, "position": render.MacroJobTitle,
	"role": render.MacroJobTitle, "job": render.MacroJobTitle,
	"industry": render.MacroIndustry, "sector": render.MacroIndustry,
}

// aliasSeparators are dropped from a field name before it is looked up:
// first_name, first-name and First Name are one alias.
var aliasSeparators = strings.NewReplacer("_", "", "-", "", " ", "", ":", "", ".", "")

// mergeAlias maps another tool's field name (first_name, FNAME, Company)
// to the LinkedIn macro it means.
func mergeAlias(name string) (render.Macro, bool) {
	n := aliasSeparators.Replace(strings.ToLower(name))
	m, ok := aliasMacroOf[n]
	return m, ok
}
