// Package lint is inboxlint's engine. It knows nothing about particular
// checks: those are Rules (package rules), each a small value with a Doc and
// a Check method, handed to Run as an explicit list and validated at
// start-up.
//
// For every template Run parses the source (package render), renders each
// variant, loads the sample members, and gives each enabled rule a Pass: the
// parsed template, the rendered variants and the members. A rule reports
// findings only through the Pass, naming the exact source span; the engine
// stamps the rule id, the severity (the config's override or the rule's
// default), the file, and the variant and member, drops what an ignore
// directive silences, and sorts everything by file, line, column and rule so
// output is the same whatever the number of cores.
//
// The rules see each text once per distinct render, not once per variant
// (Pass.FirstSeen), and each member class once, not each member
// (Pass.Longest, Pass.MacroValues), and their work on one file is bounded
// by ruleBudget: estimated before they run, and counted on as they report,
// a file over it gets one syntax finding and no other.
//
// Configuration (.inboxlint.yaml) is found per file by walking up from its
// directory to the repository root; rule options are decoded into each
// rule's own typed options by its Configure method. Every file the engine
// reads (templates, members files, configs, baselines) goes through package
// lint/repofs, which confines it to that root. Output formats live in
// format_*.go.
//
// # Languages
//
// Each file is checked in one language (language.go): its front matter's
// lang: (a BCP 47 tag), else the config's lang:, else what lang.Detect
// reads in the first variant's copy. The pass carries it and its pack
// (Pass.Pack), and Pass.Tokens cuts each distinct text into tokens once for
// every rule that reads it. A language without a pack, or copy too short
// to tell, leaves the pack nil: the language-specific rules stay quiet for the
// file rather than apply another language's vocabulary.
//
// # One finding per mistake
//
// A linter that reports one mistake three times teaches people to ignore
// it, so the built-in rules keep to one policy: a mistake is reported by
// the rule that names it best, and a rule whose finding would only follow
// from a mistake another rule reports stays quiet for it. Each pair is
// tested by rule fixtures:
//
//   - A broken macro or another tool's merge tag ("%FirstName%",
//     "{{first_name}}", "*|FNAME|*") is unknown-macro's finding. The copy
//     meant to personalize, so personalization-density's "no macro" note
//     and subject-personalization stay quiet for the text that holds it,
//     and markdown-formatting does not read "*|FNAME|*" as emphasis.
//   - A placeholder in brackets ("[TBD]", "<insert date>") is placeholder's
//     one finding, not also a draft marker inside it; and closing-question
//     leaves a last sentence that ends in a reported placeholder alone.
//   - The words of a hype phrase are not also shouting, and a draft marker
//     in capitals (TODO, TBD) is placeholder's, not hype's.
//   - A self-introduction and a company introduction are looked for in the
//     same first sentence; each names a different opener.
//   - personalization-density counts distinct fields: %FIRSTNAME% in the
//     subject and again in the greeting is one.
//   - A directive that suppresses nothing is unused-directive's finding.
package lint
