package rules

import "github.com/inboxlint/inboxlint/lint"

// All returns every built-in rule, alphabetical by id. A new rule is added
// here and nowhere else; lint.Validate checks the list at start-up.
func All() []lint.Rule {
	return []lint.Rule{
		newBodyLength(),
		newButtonCount(),
		newClosingQuestion(),
		newCTALength(),
		newCTASpecificity(),
		newDuplicateButton(),
		newEmojiCount(),
		newFallbackRender(),
		newFlowCycle(),
		newFlowDeadEnd(),
		newFlowOptOut(),
		newFlowSize(),
		newFlowTarget(),
		newFlowUnreachable(),
		newFooterLength(),
		newHype(),
		newLinkLimits(),
		newMacroArticle(),
		newMarkdownFormatting(),
		newPersonalizationDensity(),
		newPlaceholder(),
		newSelfIntroOpener(),
		newSender(),
		newSubjectLength(),
		newSubjectPersonalization(),
		newUnknownMacro(),
	}
}
