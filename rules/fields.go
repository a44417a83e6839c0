package rules

import (
	"strings"

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

// openingBodies calls fn for the part that decides of the opening body of
// each variant (a Message Ad's one message, a Conversation Ad's first):
// the part part picks, which fn gets once per distinct copy of it
// (lint.Pass.Part), or the whole body when nothing is shared. A part an
// earlier variant rendered the same is skipped: its findings are reported
// already.
func openingBodies(p *lint.Pass, part func(body string) (i, j int), fn func(v *render.Variant, body render.Text)) {
	for _, v := range p.Variants {
		if len(v.Messages) == 0 {
			continue
		}
		body := v.Messages[0].Body
		i, j := 0, len(body.S)
		if len(p.Variants) > 1 {
			i, j = part(body.S) // one variant's body is read whole
		}
		p.Part(v, body, i, j, func(t render.Text) { fn(v, t) })
	}
}

// hasAction reports whether a field's copy holds a template action's
// braces, which a rule's pattern may read across a blank line.
func hasAction(f render.VariantField) bool { return strings.Contains(f.Text.S, "{{") }

// openingPart is the part of a body its opening sentence lies in: its
// first two paragraphs (render.Paragraphs), for a greeting alone in the
// first ("Hi %FIRSTNAME%,") leaves the sentence to the second. What
// openingSentence finds in them is what it finds in the whole body: the
// greeting is in the first, and the sentence ends at the latest at the
// line break that ends the second.
func openingPart(body string) (int, int) {
	end, n := len(body), 0
	render.Paragraphs(body, func(_, j int) bool {
		if n++; n == 2 {
			end = j
			return false
		}
		return true
	})
	return 0, end
}
