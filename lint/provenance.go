package lint

import (
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// provenance says which render a finding was seen in, the same way in
// every format that prints a finding as a line of text (text, unix,
// github): ` [variant "vp-sales", member "Dana Reyes"]` after the message,
// or "" for a finding the engine merged because every render has it, or
// one that depends on no render. json and sarif carry the same two names
// as fields (variant, member) and properties.
//
// Rules never write these words into their messages: they report the
// render in Diagnostic.Variant and Member, and the engine merges the
// findings identical across renders (findings.go). Both names come from
// files in the pull request (the template's variants:, the members file),
// so each is quoted as escape.Excerpt quotes copy: at most
// escape.ExcerptLen characters, escaped.
func provenance(d Diagnostic) string {
	if d.Variant == "" && d.Member == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [")
	if d.Variant != "" {
		b.WriteString("variant ")
		b.WriteString(escape.Excerpt(d.Variant))
	}
	if d.Member != "" {
		if d.Variant != "" {
			b.WriteString(", ")
		}
		b.WriteString("member ")
		b.WriteString(escape.Excerpt(d.Member))
	}
	b.WriteString("]")
	return b.String()
}
