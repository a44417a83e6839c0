package rules

import "github.com/inboxlint/inboxlint/lint"

// All returns every built-in rule, alphabetical by id. A new rule is added
// here and nowhere else; lint.Validate checks the list at start-up.
func All() []lint.Rule {
	return []lint.Rule{
		NewBodyLength(),
		ButtonCount{},
		ClosingQuestion{},
		NewCTALength(),
		NewCTASpecificity(),
		DuplicateButton{},
		NewEmojiCount(),
		FallbackRender{},
		FlowCycle{},
		FlowDeadEnd{},
		NewFlowOptOut(),
		NewFlowSize(),
		FlowTarget{},
		FlowUnreachable{},
		NewFooterLength(),
		NewHype(),
		NewLinkLimits(),
		MacroArticle{},
		MarkdownFormatting{},
		NewPersonalizationDensity(),
		Placeholder{},
		SelfIntroOpener{},
		Sender{},
		NewSubjectLength(),
		SubjectPersonalization{},
		UnknownMacro{},
	}
}
