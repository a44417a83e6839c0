package lint

import (
	"errors"
	"fmt"
	"sort"

	"github.com/inboxlint/inboxlint/render"
)

// The engine reports one kind of finding itself, as a compiler driver
// reports compile errors before any analysis runs: what stopped it from
// reading a template as the copywriter meant it. Those findings carry the
// id syntax, are documented and configured like a rule's (their severity
// can be set), but no Rule reports them, and they cannot be turned off or
// ignored: a file that did not parse would otherwise lint clean.

// syntaxDoc documents the engine's findings; its Engine property is what
// sets it apart from a rule's doc.
var syntaxDoc = Doc{
	ID:       "syntax",
	Severity: SeverityError,
	Default:  true,
	Engine:   true,
	Title:    "the template can be parsed and rendered",
	Text: "Front matter must be YAML with the known keys, the body Markdown whose messages end in a list of links, " +
		"and every {{ }} action must parse and run inside inboxlint's sandbox (no environment, clock, randomness, " +
		"files or network; capped output and loops). A template that fails here is not checked by the other rules " +
		"for the parts that failed, so fix these first.",
}

// engineDocs are the docs of the findings the engine reports itself.
var engineDocs = []Doc{syntaxDoc}

// engineDoc returns the doc of the engine's findings with that id.
func engineDoc(id string) (Doc, bool) {
	for _, d := range engineDocs {
		if d.ID == id {
			return d, true
		}
	}
	return Doc{}, false
}

// Docs lists every finding a run can report, for `inboxlint rules`,
// `explain`, the README's table and SARIF's rule metadata: the engine's own
// (syntax) and rules', sorted by id, then cfg's custom rules in the order
// the config declares them (cfg may be nil).
func Docs(rules []Rule, cfg *Config) []Doc {
	docs := append([]Doc{}, engineDocs...)
	for _, r := range rules {
		docs = append(docs, r.Doc())
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	if cfg != nil {
		for _, s := range cfg.Custom {
			docs = append(docs, compileCustomRule(s).Doc())
		}
	}
	return docs
}

// problem is a reason the engine could not read part of a template, met
// before any rule runs (parse and render errors, a broken members file, a
// bad directive, the rules' budget), with the variant it came from, if
// any.
type problem struct {
	render.Problem
	variant string
}

// finding is the problem as the engine reports it.
func (pr problem) finding(file string, sev Severity) Diagnostic {
	return Diagnostic{File: file, Span: pr.Span, Rule: syntaxDoc.ID, Severity: sev, Message: pr.Msg, Variant: pr.variant}
}

// engineSeverities is the severity a config gives each of the engine's
// findings, checking that it does not try to turn them off.
func engineSeverities(cfg *Config) (map[string]Severity, error) {
	sev := make(map[string]Severity, len(engineDocs))
	for _, d := range engineDocs {
		sev[d.ID] = d.Severity
		rc := cfg.Rules[d.ID]
		if rc == nil {
			continue
		}
		if rc.Enabled != nil && !*rc.Enabled {
			return nil, Hint(&render.FileError{File: rc.file, Line: rc.line, Col: rc.col, Msg: offMessage(d)}, offHint(d))
		}
		if rc.Options != nil {
			k := rc.Options.Content[0]
			return nil, &render.FileError{File: rc.optionFile(k.Value), Line: k.Line, Col: k.Column,
				Msg: fmt.Sprintf("rule %q has no options: it takes only severity", d.ID)}
		}
		if rc.Severity != 0 {
			sev[d.ID] = rc.Severity
		}
	}
	return sev, nil
}

// disableFlagError is --disable naming one of the engine's findings.
func disableFlagError(d Doc) error {
	return Hint(errors.New("--disable "+d.ID+": "+offMessage(d)), offHint(d))
}

func offMessage(d Doc) string {
	return fmt.Sprintf("%s findings cannot be turned off: they say what stopped inboxlint from reading a template", d.ID)
}

func offHint(d Doc) string {
	return fmt.Sprintf("fix what they report, or leave the file out with exclude: in %s; rules: {%s: warning} lowers their severity", ConfigName, d.ID)
}
