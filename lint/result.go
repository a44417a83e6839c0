package lint

import (
	"reflect"
	"sort"

	"github.com/inboxlint/inboxlint/render"
)

// Result is the outcome of a run.
type Result struct {
	// Diagnostics are sorted by file, line, column, rule, message.
	Diagnostics []Diagnostic
	// Files is the number of templates linted.
	Files int
	// Sources holds each linted file that has findings (every linted file
	// with Options.KeepSources), for formats that quote source lines or
	// fingerprint the offending text.
	Sources map[string]*render.Source
	// Errors are problems that stopped a file from being linted at all
	// (unreadable, not a template, bad config): exit status 2.
	Errors []error
	// Docs are the docs of the custom rules the run's configs declared, by
	// id, for formats that describe every rule (SARIF).
	Docs map[string]Doc
	// FailOn is, per linted file, the fail-on of the config in force for
	// it ("" when that config does not set one).
	FailOn map[string]FailOn

	// stream is the linting still to do for a streamed result
	// (Engine.Stream), counted what it counted once done
	stream  *fileStream
	counted *streamed
}

// customDocs collects the docs of the custom rules of every config loaded.
func (e *Engine) customDocs() map[string]Doc {
	e.mu.Lock()
	defer e.mu.Unlock()
	docs := map[string]Doc{}
	for _, ce := range e.configs {
		if ce.cfg == nil {
			continue
		}
		for _, s := range ce.cfg.Custom {
			docs[s.ID] = compileCustomRule(s).Doc()
		}
	}
	return docs
}

func newResult() *Result {
	return &Result{Sources: map[string]*render.Source{}, FailOn: map[string]FailOn{}}
}

// add records one file's outcome; seenErr, when not nil, drops an error
// already reported for another file: the very error value, which the
// engine's caches hand to every file that shares a broken config or
// members file. Two files with the same problem of their own still get an
// error each, whatever their texts.
func (res *Result) add(path string, r fileResult, seenErr map[error]bool) {
	if r.err != nil {
		shared := seenErr != nil && reflect.TypeOf(r.err).Comparable()
		if !shared || !seenErr[r.err] {
			if shared {
				seenErr[r.err] = true
			}
			res.Errors = append(res.Errors, r.err)
		}
	}
	if !r.linted {
		return
	}
	res.Files++
	res.FailOn[path] = r.failOn
	res.Diagnostics = append(res.Diagnostics, r.diags...)
	if len(r.diags) > 0 {
		// formats quote and fingerprint only files with findings; keeping
		// the others would hold every file of a large run
		res.Sources[path] = r.src
	}
}

// finish sorts the findings and adds what the whole run knows.
func (e *Engine) finish(res *Result) *Result {
	SortDiagnostics(res.Diagnostics)
	res.Errors = append(res.Errors, e.unknownFlagRules()...)
	res.Docs = e.customDocs()
	return res
}

// SortDiagnostics orders findings by file, position, rule and message, the
// order every output format uses.
func SortDiagnostics(d []Diagnostic) {
	sort.SliceStable(d, func(i, j int) bool {
		a, b := d[i], d[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Span.Start.Line != b.Span.Start.Line {
			return a.Span.Start.Line < b.Span.Start.Line
		}
		if a.Span.Start.Col != b.Span.Start.Col {
			return a.Span.Start.Col < b.Span.Start.Col
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		if a.Variant != b.Variant {
			return a.Variant < b.Variant
		}
		return a.Member < b.Member
	})
}
