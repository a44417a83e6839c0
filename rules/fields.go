package rules

import (
	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// The field sets rules walk with render.Variant.Fields, named once here so
// that rules that check the same copy check the same fields.
var (
	// readCopy is the copy a member reads in the ad itself, not around it:
	// the subject, each message body and each button label. The sender and
	// footer are left out: LinkedIn shows them as they are, so a rule
	// about how copy reads (hype, articles, personalization) leaves them
	// alone.
	readCopy = render.NewFieldSet(render.FieldSubject, render.FieldBody, render.FieldButtonLabel)

	// bodyFields are the message bodies.
	bodyFields = render.NewFieldSet(render.FieldBody)

	// buttonLabels are the button labels.
	buttonLabels = render.NewFieldSet(render.FieldButtonLabel)

	// addresses are where a member's click leads: body link URLs and
	// button targets.
	addresses = render.NewFieldSet(render.FieldLinkURL, render.FieldButtonTarget)
)

// openingBodies calls fn for the opening body of each variant (a Message
// Ad's one message, a Conversation Ad's first), skipping a body an earlier
// variant rendered the same: its findings are reported already.
func openingBodies(p *lint.Pass, fn func(v *render.Variant, body render.Text)) {
	for _, v := range p.Variants {
		if len(v.Messages) > 0 && p.FirstSeen(v.Messages[0].Body) {
			fn(v, v.Messages[0].Body)
		}
	}
}

// firstSeenFields calls fn for each field in set of each variant, skipping
// a text an earlier variant rendered the same: its findings are reported
// already.
func firstSeenFields(p *lint.Pass, set render.FieldSet, fn func(v *render.Variant, f render.VariantField)) {
	for _, v := range p.Variants {
		v.Fields(set, func(f render.VariantField) {
			if p.FirstSeen(f.Text) {
				fn(v, f)
			}
		})
	}
}
