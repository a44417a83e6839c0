package rules

import "github.com/inboxlint/inboxlint/render"

// formatLimit is the limit for an ad format, of the two a rule whose
// LinkedIn limit differs between Message Ads and Conversation Ads (body,
// button label, footer) keeps, with the format's name for messages ("a
// Message Ad").
func formatLimit(f render.Format, message, conversation int) (int, string) {
	if f == render.FormatConversation {
		return conversation, "a Conversation Ad"
	}
	return message, "a Message Ad"
}
