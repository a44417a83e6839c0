package rules

import "github.com/inboxlint/inboxlint/lint"

// All returns every built-in rule, alphabetical by id. A new rule is added
// here and nowhere else; lint.Validate checks the list at start-up. Each
// entry pairs a rule's id (which names its card, docs/<id>.md, and its
// fixtures, testdata/rules/<id>/) with what checks: a check function
// (newRule), or the rule's options struct with its default values
// (newConfigurable), the one place each default is written.
func All() []lint.Rule {
	return []lint.Rule{
		newRule("address-consistency", checkAddressConsistency),
		newConfigurable("body-length", bodyLength{Guidance: 500, formatLimits: formatLimits{MaxMessage: 1500, MaxConversation: 8000}}),
		newRule("button-count", checkButtonCount),
		newRule("closing-question", needsPack(checkClosingQuestion)),
		newRule("company-intro-opener", needsPack(companyIntroOpener.check)),
		newConfigurable("cta-length", ctaLength{formatLimits{MaxMessage: 20, MaxConversation: 25}}),
		newRule("cta-repeated", checkCTARepeated),
		newConfigurable("cta-specificity", ctaSpecificity{}),
		newRule("duplicate-button", checkDuplicateButton),
		newConfigurable("emoji-count", emojiCount{Max: 10}),
		newRule("fallback-render", checkFallbackRender),
		newRule("flow-cycle", checkFlowCycle),
		newRule("flow-dead-end", checkFlowDeadEnd),
		newConfigurable("flow-opt-out", flowOptOut{Phrases: flowOptOutPhrases}),
		newConfigurable("flow-size", flowSize{MaxMessages: 25, MaxDepth: 5}),
		newRule("flow-target", checkFlowTarget),
		newRule("flow-unreachable", checkFlowUnreachable),
		newConfigurable("footer-length", footerLength{formatLimits{MaxMessage: 10000, MaxConversation: 20000}}),
		newConfigurable("hype", hype{}),
		newRule("leaked-code", checkLeakedCode),
		newConfigurable("link-limits", linkLimits{MaxLinks: 3, MaxText: 70, MaxURLMessage: 1024, MaxURLConversation: 2000}),
		newRule("macro-article", checkMacroArticle),
		newRule("markdown-formatting", checkMarkdownFormatting),
		newConfigurable("personalization-density", personalizationDensity{Max: 3}),
		newRule("placeholder", checkPlaceholder),
		newRule("repeated-word", checkRepeatedWord),
		newRule("self-intro-opener", needsPack(selfIntroOpener.check)),
		newRule("sender", checkSender),
		newConfigurable("subject-length", subjectLength{Visible: 40, Max: 60}),
		newRule("subject-personalization", checkSubjectPersonalization),
		newRule("trailing-whitespace", checkTrailingWhitespace),
		newRule("unknown-macro", checkUnknownMacro),
		newUnusedDirective(),
	}
}
