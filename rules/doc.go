// Package rules holds inboxlint's built-in rules, one file per rule. All
// returns them in an explicit, alphabetical list: there is no registration
// by init, so the list is the one place that says what runs, and All is
// the package's only face (the rule types are unexported).
//
// A rule is a lint.Rule made in All by newRule (its id and a check
// function) or, when it has options, by newConfigurable (its id and the
// rule's options struct, whose fields are its options, whose value there
// is the defaults, and whose check method does the work); see rule.go.
// Its card's prose (severity, default, title, text, what each option
// does) is the Markdown file docs/<id>.md, embedded and parsed by
// doc_files.go, which documents the format. What several rules share
// lives in a file named for it, not in the first rule that needed it:
//
//   - fields.go: the field sets rules walk with render.Variant.Fields or
//     lint.Pass.FieldParagraphs (each distinct paragraph of a set's
//     texts), and the walk over the part of each variant's opening body a
//     rule reads (openingBodies)
//   - report.go: how rules report several findings in one text, or one
//     field's findings from several variants
//   - option_bounds.go: the bound tags of int and list options, which
//     Configure checks for every rule
//   - phrase_options.go: patternList, the options written in the language
//     packs' pattern language, and how a rule indexes them
//   - opener.go, opening_sentence.go: the opener rules' shared check and
//     the opening sentence they read
//   - quote.go: quote, idRef and excerpt, through which every message
//     quotes copy (at most 60 characters, escaped)
//   - flow.go: the conversation graph of the flow-* rules and how their
//     messages name messages and paths
//   - limits.go: formatLimits, the options of a limit per ad format
//   - text.go, merge_fields.go, article.go: text scanning, merge-field
//     aliases and macro findings, English articles
//
// Rules report through the pass: Pass.Reportf for a finding about the
// template as written, Pass.ReportIn for one seen in a render (a variant,
// a member), whose variant and member go in the diagnostic's fields.
//
// # Adding a rule
//
//  1. A file named for the rule id, rules/<id_with_underscores>.go, with
//     its check: a function check<Rule>(p *lint.Pass), or the check method
//     of its options struct. Add newRule("<id>", check<Rule>) or
//     newConfigurable("<id>", <rule>{defaults}) to All, in alphabetical
//     order of ids.
//  2. The card, docs/<id>.md: front matter with the default severity
//     (error, warning or info) and whether the rule runs by default (true
//     or false), then a "# title" heading saying what good copy does
//     (lower-case, no period, at most 60 characters) and one paragraph
//     saying why the rule exists (a LinkedIn limit, what members do), as
//     plain text wrapped at 80 columns; see doc_files.go. TestDocFiles
//     checks every rule has a complete card that renders as written, and
//     lint.Validate checks the cards at start-up.
//  3. Options, if any: fields of the rule's struct, each tagged
//     yaml:"name" (or a group of options other rules have too, such as
//     formatLimits, embedded with yaml:",inline"); the default is the
//     value in the newConfigurable call in All, written nowhere else. What
//     each option does goes in the card's "## Options" list, one item per
//     option in field order (doc_files.go); TestDocFiles checks the card
//     documents every option and no other. An option with a bound says
//     so in a tag (option_bounds.go): bound:"positive" or
//     bound:"not-negative" on an int, bound:"no-empty-entries" on a list;
//     a prepare method refuses other values the rule cannot use and
//     derives what check needs (tagged yaml:"-"), such as a patternList's
//     matcher. The check must not change the options.
//  4. Walk fields with render.Variant.Fields over a set from fields.go (or
//     a new named set there), skip text an earlier variant rendered the
//     same (Pass.FirstSeen), and quote copy only through quote, idRef or
//     excerpt. Messages are lower-case, with no final period, and say what
//     to do; no "in variant" or "for member" words: use Pass.ReportIn.
//  5. Fixtures under testdata/rules/<id>/: at least one template on which
//     the rule fires, each finding marked on its line with
//     {{/* want "regexp" */}}, and at least one on which it stays quiet
//     (TestFixtures fails a rule without both).
//  6. Regenerate the README's rules section from the cards:
//     go test ./rules -run TestREADME -update, and check the diff.
package rules
