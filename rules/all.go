package rules

import "github.com/inboxlint/inboxlint/lint"

// All returns every built-in rule, alphabetical by id. A new rule is added
// here and nowhere else; lint.Validate checks the list at start-up.
func All() []lint.Rule {
	return []lint.Rule{
		newAddressConsistency(),
		newBodyLength(),
		newButtonCount(),
		newClosingQuestion(),
		newCompanyIntroOpener(),
		newCTALength(),
		newCTARepeated(),
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
		newLeakedCode(),
		newLinkLimits(),
		newMacroArticle(),
		newMarkdownFormatting(),
		newPersonalizationDensity(),
		newPlaceholder(),
		newRepeatedWord(),
		newSelfIntroOpener(),
		newSender(),
		newSubjectLength(),
		newSubjectPersonalization(),
		newTrailingWhitespace(),
		newUnknownMacro(),
		newUnusedDirective(),
	}
}
