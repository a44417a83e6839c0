// Package rules holds inboxlint's built-in rules, one file per rule. All
// returns them in an explicit, alphabetical list: there is no registration
// by init, so the list is the one place that says what runs.
//
// A rule is a small value implementing lint.Rule: Doc returns its card (id,
// default severity, title, why, options) and Check looks at a lint.Pass and
// reports through it. Rules with options implement lint.Configurable and
// hold their options in a typed struct whose zero config is the default.
// Each rule has fixtures under testdata/rules/<id>/ run by lint/linttest.
package rules
