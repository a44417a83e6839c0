package rules

import (
	"fmt"
	"slices"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
)

// The two shapes of a built-in rule; both are made from the rule's id, and
// their card from docs/<id>.md (doc_files.go). A rule without options is its
// card and a check function (newRule). A rule with options is its card and a
// struct named after the rule whose fields are its options
// (newConfigurable): the yaml tag names an option, the value the rule is
// made with is the default, and the struct's check method does the work
// with the options in force; the card's Options section says what each
// option does, and lint.OptionDocs joins the two into the card's Options.
// Options several rules share (a limit per ad format) are a struct of
// their own, embedded with yaml:",inline". Configure is the same for every
// such rule, so a rule file holds only what is particular to its rule.
// A built-in check only reports: it has no way to fail, so it returns
// nothing, and the rule's Check returns nil.

// rule is a built-in rule without options.
type rule struct {
	doc   lint.Doc
	check func(p *lint.Pass)
}

// newRule makes the rule id without options from its check; its card is
// docs/<id>.md (doc_files.go).
func newRule(id string, check func(p *lint.Pass)) lint.Rule {
	return &rule{doc: ruleDoc(id), check: check}
}

// needsPack makes the check of a rule that reads copy in its language
// (sign-offs, openers, question marks) from one that takes the file's
// language pack: the rule stays quiet on a file whose language has none.
func needsPack(check func(p *lint.Pass, pack *lang.Pack)) func(p *lint.Pass) {
	return func(p *lint.Pass) {
		if pack := p.Pack(); pack != nil {
			check(p, pack)
		}
	}
}

func (r *rule) Doc() lint.Doc            { return r.doc }
func (r *rule) Check(p *lint.Pass) error { r.check(p); return nil }

// checker is what an options struct does: check the pass with the options
// it holds. It must not change them: one configured rule checks many files
// at once.
type checker interface {
	check(p *lint.Pass)
}

// preparer is an options struct that has more to do once its options are
// decoded and within their bounds (option_bounds.go): refuse values the
// rule cannot work with that no bound tag says (a pattern that does not
// parse, an empty list), with an error that names the options, and derive
// what check needs from them once per configuration rather than once per
// file (a compiled pattern, a set). Derived fields are tagged yaml:"-", so
// that they are neither options nor documented as such.
type preparer interface {
	prepare() error
}

// configurable is a built-in rule with options of type O (see the top of
// this file); P is *O, whose methods do the work.
type configurable[O any, P interface {
	*O
	checker
}] struct {
	doc  lint.Doc
	opts O
}

// newConfigurable makes the rule id with options from its default options,
// which it prepares; its card is docs/<id>.md (doc_files.go), whose
// Options say what each option does, with the defaults' values as their
// defaults. A default the rule refuses is a programming error.
func newConfigurable[O any, P interface {
	*O
	checker
}](id string, defaults O) lint.Rule {
	doc := ruleDoc(id)
	if err := prepare(P(&defaults)); err != nil {
		panic(fmt.Sprintf("rule %s: the default options: %v", doc.ID, err))
	}
	doc.Options = lint.OptionDocs(&defaults, doc.Options)
	return &configurable[O, P]{doc: doc, opts: defaults}
}

// Doc implements lint.Rule. The Options are a copy, so that the one card a
// rule keeps stays as it is whatever a caller does with it.
func (r *configurable[O, P]) Doc() lint.Doc {
	d := r.doc
	d.Options = slices.Clone(d.Options)
	return d
}

// Check implements lint.Rule.
func (r *configurable[O, P]) Check(p *lint.Pass) error {
	P(&r.opts).check(p)
	return nil
}

// Configure implements lint.Configurable: the config block is decoded over
// a copy of the options in force (the defaults, for the rules in All), so
// options the block leaves out keep their value, and the copy is prepared.
func (r *configurable[O, P]) Configure(decode func(options any) error) (lint.Rule, error) {
	c := *r
	if err := decode(&c.opts); err != nil {
		return nil, err
	}
	if err := prepare(P(&c.opts)); err != nil {
		return nil, err
	}
	return &c, nil
}

// prepare checks an options struct's bounds (option_bounds.go), then runs
// its prepare method, if it has one.
func prepare(opts any) error {
	if err := checkBounds(opts); err != nil {
		return err
	}
	if p, ok := opts.(preparer); ok {
		return p.prepare()
	}
	return nil
}
