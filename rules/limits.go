package rules

import "github.com/inboxlint/inboxlint/render"

// formatLimits are the options of a rule whose LinkedIn limit differs
// between Message Ads and Conversation Ads (a body, a button label, a
// footer): the two limits, named the same in every such rule's config
// block. A rule embeds them with yaml:",inline", and its card says what
// each limit is of. Both are bounded as one group (option_bounds.go), so
// that the error names both whichever is out.
type formatLimits struct {
	MaxMessage      int `yaml:"max-message" bound:"positive"`
	MaxConversation int `yaml:"max-conversation" bound:"positive"`
}

// of is the limit for an ad format, with the format's name for messages
// ("a Message Ad").
func (l *formatLimits) of(f render.Format) (int, string) {
	if f == render.FormatConversation {
		return l.MaxConversation, "a Conversation Ad"
	}
	return l.MaxMessage, "a Message Ad"
}
