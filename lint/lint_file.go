package lint

import (
	"fmt"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// fileResult is one file's outcome: its findings, or the error that kept
// it from being linted; linted is false for a file the config leaves out.
type fileResult struct {
	diags  []Diagnostic
	src    *render.Source
	err    error
	linted bool
	failOn FailOn
	stats  *fileStats
	// variants are the file's renders, which --fix compares before and
	// after its edits
	variants []*render.Variant
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
	if !j.unnamed && !ce.cfg.matches(j.path) {
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
	p := &Pass{file: j.path, Template: t, countMode: ce.cfg.Count}
	// the pass's tables go back to their pool once its findings are
	// listed, which every return below does first
	defer p.release()
	var problems []problem
	for _, pr := range t.Problems {
		problems = append(problems, problem{Problem: pr})
	}
	if t.Format != "" {
		variants, rendered := t.Render(e.opts.limits)
		p.Variants = variants
		for _, pr := range rendered {
			problems = append(problems, problem{Problem: pr})
		}
		for _, v := range variants {
			for _, pr := range v.Problems {
				problems = append(problems, problem{Problem: pr, variant: v.Name})
			}
		}
	}
	members, err := e.membersFor(ce, t, j.path)
	if err != nil {
		if !t.Members.Present {
			// --members or the config's: the run cannot be trusted
			return fileResult{err: err}
		}
		problems = append(problems, problem{Problem: render.Problem{Span: t.Members.Span(), Msg: escape.Controls(err.Error()) + ": checking against the built-in members instead"}})
		members = e.defaults
	}
	p.members = members
	if pr := p.chooseLanguage(ce.cfg.lang); pr != nil {
		problems = append(problems, problem{Problem: *pr})
	}
	directives, dprobs := parseDirectives(t.Source, ce.hasRule)
	problems = append(problems, dprobs...)
	p.table = e.tables.get(members, p.countMode)

	// The engine's own findings come first, whatever the rules do; no
	// directive silences them. A file that did not parse gets nothing else.
	own := newFindings(p.Variants)
	syntaxSev := ce.engineSev[syntaxDoc.ID]
	for _, pr := range problems {
		own.add(pr.finding(j.path, syntaxSev))
	}
	done := func(rules *findings) fileResult {
		diags := own.list(nil)
		own.release()
		if rules != nil {
			diags = rules.list(diags)
			rules.release()
		}
		return fileResult{diags: diags, src: t.Source, linted: true, failOn: ce.cfg.FailOn, variants: p.Variants}
	}
	if t.Format == "" {
		return done(nil)
	}
	// A file over the rule budget gets the budget's finding instead of the
	// rules': the estimate before the rules run, or the findings they
	// report as they go, may take it over.
	w := measureWork(p)
	if w.units() > ruleBudget {
		own.add(problem{Problem: render.Problem{Span: t.FrontMatter, Msg: w.message(nil)}}.finding(j.path, syntaxSev))
		return done(nil)
	}
	m := &meter{used: w.units(), limit: ruleBudget}
	found, over, err := ce.run(p, newSilencer(directives), m)
	if err != nil {
		return fileResult{err: err}
	}
	if over {
		own.add(problem{Problem: render.Problem{Span: t.FrontMatter, Msg: w.message(m)}}.finding(j.path, syntaxSev))
		return done(nil)
	}
	res = done(found)
	if e.opts.Stats {
		// within the budget: the rules measured these texts already
		s := passStats(p)
		res.stats = &s
	}
	return res
}

// run runs the config's rules on the pass, in ce.rules's order (the rules
// that judge the directives last), and collects what they report, with its
// severity, minus what a directive silences. It stops when the findings
// take the work over the meter's budget (over is then true, and the
// findings are dropped).
func (ce *configEntry) run(p *Pass, silenced *silencer, m *meter) (found *findings, over bool, err error) {
	found = newFindings(p.Variants)
	p.silencer, p.order = silenced, ce.order
	c := collector{found: found, silenced: silenced, m: m}
	p.report = c.report
	for i, ar := range ce.rules {
		p.begin(ar.id)
		p.step = i
		c.sev, c.override = ar.severity, ar.override
		if over, err = m.run(ar.rule, p); over {
			return nil, true, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("%s: rule %s failed: %w", p.file, ar.id, err)
		}
		if p.skipped {
			found.skippedCopies(ar.id)
		}
	}
	return found, false, nil
}

// collector takes the running rule's reports: it charges each to the
// meter, gives it the rule's severity (the config's override first, else
// what the rule set, else the rule's default) and keeps what no directive
// silences. One collector serves every rule of a pass.
type collector struct {
	found         *findings
	silenced      *silencer
	m             *meter
	sev, override Severity
}

func (c *collector) report(d Diagnostic, share *paraShare) {
	c.m.charge(workFinding)
	switch {
	case c.override != 0:
		d.Severity = c.override
	case d.Severity == 0:
		d.Severity = c.sev
	}
	if !c.silenced.covers(d) {
		c.found.addShared(d, share)
	}
}
