package lint

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

type fileResult struct {
	diags  []Diagnostic
	src    *render.Source
	err    error
	linted bool
	failOn string
}

func (e *Engine) lintFile(j job) (res fileResult) {
	defer func() {
		// A rule or parser bug must not take the other files down with it.
		if r := recover(); r != nil {
			res = fileResult{err: fmt.Errorf("%s: internal error: %v (please report this with the file)", j.path, r)}
		}
	}()
	data := j.data
	if data == nil {
		var err error
		if data, err = e.ReadTemplate(j.path); err != nil {
			return fileResult{err: readError(j.path, err)}
		}
	}
	ce := e.configFor(j.path)
	if ce.err != nil {
		return fileResult{err: ce.err}
	}
	// include/exclude first: a README a hook passes by name is simply
	// outside the copy, not a broken template
	if !ce.cfg.Matches(j.path) {
		return fileResult{}
	}
	src := render.NewSource(j.path, data)
	if !src.IsTemplate() {
		if !j.explicit {
			return fileResult{}
		}
		return fileResult{err: NotTemplateError(j.path, data)}
	}

	t := render.ParseSource(src)
	p := &Pass{File: j.path, Template: t, CountMode: ce.cfg.Count}
	for _, pr := range t.Problems {
		p.Problems = append(p.Problems, Problem{Problem: pr})
	}
	if t.Format != "" {
		variants, problems := t.Render(e.opts.Limits)
		p.Variants = variants
		for _, pr := range problems {
			p.Problems = append(p.Problems, Problem{Problem: pr})
		}
		for _, v := range variants {
			for _, pr := range v.Problems {
				p.Problems = append(p.Problems, Problem{Problem: pr, Variant: v.Name})
			}
		}
	}
	members, err := e.membersFor(ce, t, j.path)
	if err != nil {
		if !t.Members.Present {
			// --members or the config's: the run cannot be trusted
			return fileResult{err: err}
		}
		p.Problems = append(p.Problems, Problem{Problem: render.Problem{Span: t.Members.Span(), Msg: escape.Controls(err.Error()) + ": checking against the built-in members instead"}})
		members = e.defaults
	}
	p.Members = members
	directives, dprobs := parseDirectives(t.Source, func(id string) bool { return ce.hasRule(id) })
	p.Problems = append(p.Problems, dprobs...)
	p.table = e.tables.get(members, p.CountMode)
	silenced := newSilencer(directives)

	// check runs the rules, or only syntax; with a meter, it stops when the
	// findings take the work over the budget (over is then true)
	check := func(syntaxOnly bool, m *meter) (diags []Diagnostic, over bool, err error) {
		seen := map[diagKey]bool{}
		for _, ar := range ce.rules {
			if syntaxOnly && ar.id != "syntax" {
				continue
			}
			p.begin(ar.id)
			sev, override := ar.severity, ar.override
			p.report = func(d Diagnostic) {
				m.charge(workFinding)
				switch {
				case override != 0:
					d.Severity = override
				case d.Severity == 0:
					d.Severity = sev
				}
				if silenced.covers(d) {
					return
				}
				k := diagKey{d.Span.Start.Offset, d.Span.End.Offset, d.Rule, d.Message}
				if seen[k] {
					return // the same finding in several variants or members: once
				}
				seen[k] = true
				diags = append(diags, d)
			}
			over, err = m.run(ar.rule, p)
			if over {
				return nil, true, nil
			}
			if err != nil {
				return nil, false, fmt.Errorf("%s: rule %s failed: %w", j.path, ar.id, err)
			}
		}
		return diags, false, nil
	}
	if t.Format == "" {
		// nothing but syntax can be checked in a file that did not parse
		diags, _, err := check(true, nil)
		if err != nil {
			return fileResult{err: err}
		}
		return fileResult{diags: diags, src: t.Source, linted: true, failOn: ce.cfg.FailOn}
	}
	// A file over the rule budget gets the budget's finding and syntax's
	// alone: the estimate before the rules run, or the findings they
	// report as they go, may take it over.
	w := measureWork(p)
	over := w.units() > RuleBudget
	var diags []Diagnostic
	var stopped *meter
	if !over {
		m := &meter{used: w.units(), limit: RuleBudget}
		var err error
		diags, over, err = check(false, m)
		if err != nil {
			return fileResult{err: err}
		}
		if over {
			stopped = m
		}
	}
	if over {
		p.Problems = append(p.Problems, Problem{Problem: render.Problem{Span: t.FrontMatter, Msg: w.message(stopped)}})
		var err error
		if diags, _, err = check(true, nil); err != nil {
			return fileResult{err: err}
		}
	}
	return fileResult{diags: diags, src: t.Source, linted: true, failOn: ce.cfg.FailOn}
}

type diagKey struct {
	start, end int
	rule, msg  string
}
