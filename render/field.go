package render

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/render/escape"
)

// FieldKind names one kind of text field of a rendered variant. Rules walk
// the fields they check by kind (Variant.Fields) instead of each writing its
// own loop over a slightly different set, and a custom rule's scope: words
// compile to a set of kinds (ParseFieldSet).
type FieldKind uint8

// The kinds of text field, in the order Variant.Fields hands them out
// within their places: the front matter's sender and subject, each
// message's title, body, links and buttons, then the front matter's footer.
const (
	FieldSender       FieldKind = iota // the sender's name
	FieldSubject                       // the subject line
	FieldTitle                         // a Conversation Ad message's heading (empty in a Message Ad)
	FieldBody                          // a message body
	FieldButtonLabel                   // the text of a button
	FieldButtonTarget                  // where a button leads: #slug, URL or leadform:NAME
	FieldLinkText                      // the text of a link in a body (part of the body's text)
	FieldLinkURL                       // the URL of a link in a body
	FieldFooter                        // the custom footer
	numFieldKinds
)

var fieldKindNames = [numFieldKinds]string{
	FieldSender:       "sender",
	FieldSubject:      "subject",
	FieldTitle:        "title",
	FieldBody:         "body",
	FieldButtonLabel:  "button label",
	FieldButtonTarget: "button target",
	FieldLinkText:     "link text",
	FieldLinkURL:      "link URL",
	FieldFooter:       "footer",
}

// String is the kind as messages name it: "subject", "button label", ...
func (k FieldKind) String() string {
	if k < numFieldKinds {
		return fieldKindNames[k]
	}
	return fmt.Sprintf("FieldKind(%d)", uint8(k))
}

// FieldSet is a set of field kinds: which fields a rule checks, or which a
// custom rule's scope: selects. The zero value is the empty set; sets
// combine with | and &^.
type FieldSet uint16

// NewFieldSet is the set of the given kinds.
func NewFieldSet(kinds ...FieldKind) FieldSet {
	var s FieldSet
	for _, k := range kinds {
		s |= 1 << k
	}
	return s
}

// CopyFields are the fields whose text the member reads as the ad's copy:
// sender, subject, bodies, button labels and footer. Titles are left out
// (a heading names a Conversation Ad message for the buttons that lead to
// it), and so are link texts, which are part of the body's text already;
// targets and URLs are addresses, not copy.
const CopyFields = FieldSet(1<<FieldSender | 1<<FieldSubject | 1<<FieldBody | 1<<FieldButtonLabel | 1<<FieldFooter)

// has reports whether k is in the set.
func (s FieldSet) has(k FieldKind) bool { return k < numFieldKinds && s&(1<<k) != 0 }

// String lists the set's members in the words of a custom rule's scope:
// (ScopeWords), in that order, and the kinds no scope word selects by
// their names after them: "subject, body, button". The empty set is "".
func (s FieldSet) String() string {
	var parts []string
	left := s
	for _, w := range scopeWords {
		if s&w.set == w.set {
			parts = append(parts, w.word)
			left &^= w.set
		}
	}
	for k := FieldKind(0); k < numFieldKinds; k++ {
		if left.has(k) {
			parts = append(parts, k.String())
		}
	}
	return strings.Join(parts, ", ")
}

// scopeWords are the words a custom rule's scope: may use, in the order
// the docs list them, and the kinds each selects. "button" is the button's
// label, the copy on it.
var scopeWords = []struct {
	word string
	set  FieldSet
}{
	{"subject", NewFieldSet(FieldSubject)},
	{"body", NewFieldSet(FieldBody)},
	{"button", NewFieldSet(FieldButtonLabel)},
	{"footer", NewFieldSet(FieldFooter)},
	{"sender", NewFieldSet(FieldSender)},
}

// ScopeWords are the words a custom rule's scope: may use (subject, body,
// button, footer, sender), in the order the docs list them, for messages
// that say what is allowed.
func ScopeWords() []string {
	words := make([]string, len(scopeWords))
	for i, w := range scopeWords {
		words[i] = w.word
	}
	return words
}

// ParseFieldSet compiles the words of a custom rule's scope: into a set.
// A word outside ScopeWords is an error that quotes it as an escaped
// excerpt and lists the words; the caller adds the position. An empty list
// is the empty set: choosing a default is the caller's.
func ParseFieldSet(words []string) (FieldSet, error) {
	var s FieldSet
	for _, word := range words {
		found := false
		for _, w := range scopeWords {
			if w.word == word {
				s |= w.set
				found = true
				break
			}
		}
		if !found {
			return 0, fmt.Errorf("unknown scope %s: use %s", escape.Excerpt(word), strings.Join(ScopeWords(), ", "))
		}
	}
	return s, nil
}

// VariantField is one text field of a rendered variant, as Variant.Fields
// hands it to a rule: what it is, where it sits in the variant and its
// text. Message and Index find the field in the Template too
// (Template.Messages[Message].Buttons[Index] for a button), whose Field
// has the span of the field as written.
type VariantField struct {
	Kind FieldKind
	// Message is the index of the field's message in Variant.Messages and
	// Template.Messages; -1 for sender, subject and footer.
	Message int
	// Index is the button's index in its message's Buttons (button label
	// and target) or the link's in its Links (link text and URL); -1 for
	// the other kinds.
	Index int
	Text  Text
}

// Fields calls fn for every field of the variant whose kind is in set, in
// source order as far as rules can tell: sender, subject, then each
// message's title, body, links (text, then URL) and buttons (label, then
// target), then the footer (the last front matter field a member reads, at
// the end of the ad). An absent field is handed out with empty text, so a
// rule that needs a value checks Text.S.
func (v *Variant) Fields(set FieldSet, fn func(f VariantField)) {
	if set.has(FieldSender) {
		fn(VariantField{Kind: FieldSender, Message: -1, Index: -1, Text: v.Sender})
	}
	if set.has(FieldSubject) {
		fn(VariantField{Kind: FieldSubject, Message: -1, Index: -1, Text: v.Subject})
	}
	const inMessages = FieldSet(1<<FieldTitle | 1<<FieldBody | 1<<FieldLinkText | 1<<FieldLinkURL | 1<<FieldButtonLabel | 1<<FieldButtonTarget)
	if set&inMessages != 0 {
		for i := range v.Messages {
			m := &v.Messages[i]
			if set.has(FieldTitle) {
				fn(VariantField{Kind: FieldTitle, Message: i, Index: -1, Text: m.Title})
			}
			if set.has(FieldBody) {
				fn(VariantField{Kind: FieldBody, Message: i, Index: -1, Text: m.Body})
			}
			if set&(1<<FieldLinkText|1<<FieldLinkURL) != 0 {
				for j, l := range m.Links {
					if set.has(FieldLinkText) {
						fn(VariantField{Kind: FieldLinkText, Message: i, Index: j, Text: l.Text})
					}
					if set.has(FieldLinkURL) {
						fn(VariantField{Kind: FieldLinkURL, Message: i, Index: j, Text: l.URL})
					}
				}
			}
			if set&(1<<FieldButtonLabel|1<<FieldButtonTarget) != 0 {
				for j, b := range m.Buttons {
					if set.has(FieldButtonLabel) {
						fn(VariantField{Kind: FieldButtonLabel, Message: i, Index: j, Text: b.Label})
					}
					if set.has(FieldButtonTarget) {
						fn(VariantField{Kind: FieldButtonTarget, Message: i, Index: j, Text: b.Target})
					}
				}
			}
		}
	}
	if set.has(FieldFooter) {
		fn(VariantField{Kind: FieldFooter, Message: -1, Index: -1, Text: v.Footer})
	}
}
