package rules

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render"
)

// formatLimits are the options of a rule whose LinkedIn limit differs
// between Message Ads and Conversation Ads (body, button label, footer).
type formatLimits struct {
	MaxMessage      int `yaml:"max-message"`
	MaxConversation int `yaml:"max-conversation"`
}

func (l formatLimits) validate() error {
	if l.MaxMessage <= 0 || l.MaxConversation <= 0 {
		return fmt.Errorf("max-message and max-conversation must be positive")
	}
	return nil
}

// limit is the limit for an ad format, with the format's name for
// messages ("a Message Ad").
func (l formatLimits) limit(f render.Format) (int, string) {
	if f == render.FormatConversation {
		return l.MaxConversation, "a Conversation Ad"
	}
	return l.MaxMessage, "a Message Ad"
}
