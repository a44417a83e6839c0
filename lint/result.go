package lint

import (
	"errors"
	"reflect"
	"sort"
	"strings"

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
	// Notes are what a run passed over that the user should know of, and
	// that fails nothing: a directory with no template, a link or a FIFO a
	// walk skipped. The CLI prints them on stderr.
	Notes []error
	// Docs are the docs of the custom rules the run's configs declared, by
	// id, for formats that describe every rule (SARIF).
	Docs map[string]Doc
	// failOn is, per linted file, the fail-on of the config in force for
	// it ("" when that config does not set one).
	failOn map[string]FailOn
	// stats are, with Options.Stats, each linted file's longest renders.
	stats map[string]fileStats
	// customAt is where each custom rule of the run's configs is
	// declared, by id: its documentation (the text format's rule list).
	customAt map[string]Origin

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
	return &Result{Sources: map[string]*render.Source{}, failOn: map[string]FailOn{}, stats: map[string]fileStats{}}
}

// add records one file's outcome; seenErr, when not nil, drops an error
// already reported for another file: the very error value, which the
// engine's caches hand to every file that shares a broken config or
// members file, or a config error with the same position and text (the
// directories under a broken config each merge it, each with its own
// entry). Two files with the same problem of their own still get an error
// each, whatever their texts. The errors of a config come joined
// (errors.Join): each is an entry of its own.
func (res *Result) add(path string, r fileResult, seenErr map[any]bool) {
	res.addErrors(r.err, seenErr)
	if !r.linted {
		return
	}
	res.Files++
	res.failOn[path] = r.failOn
	if r.stats != nil {
		res.stats[path] = *r.stats
	}
	res.Diagnostics = append(res.Diagnostics, r.diags...)
	if len(r.diags) > 0 {
		// formats quote and fingerprint only files with findings; keeping
		// the others would hold every file of a large run
		res.Sources[path] = r.src
	}
}

// addErrors records a file's errors, dropping those seenErr has (see add).
func (res *Result) addErrors(fileErr error, seenErr map[any]bool) {
	for _, err := range splitJoined(fileErr) {
		var key any
		var fe *render.FileError
		switch {
		case seenErr == nil:
		case errors.As(err, &fe):
			key = err.Error()
		case reflect.TypeOf(err).Comparable():
			key = err
		}
		if key != nil && seenErr[key] {
			continue
		}
		if key != nil {
			seenErr[key] = true
		}
		res.Errors = append(res.Errors, err)
	}
}

// finish sorts the findings and adds what the whole run knows.
func (e *Engine) finish(res *Result) *Result {
	sortDiagnostics(res.Diagnostics)
	res.Errors = append(res.Errors, e.unknownFlagRules()...)
	res.Docs = e.customDocs()
	res.customAt = e.customOrigins()
	return res
}

// sortDiagnostics orders findings by file, position, rule and message, the
// order every output format uses.
func sortDiagnostics(d []Diagnostic) {
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

// splitJoined returns the errors errors.Join combined into err (all the
// problems of a config, reported at once), each its own entry of
// Result.Errors; nil for nil. An error with several wrapped errors whose
// text is its own (fmt.Errorf with several %w) is one error.
func splitJoined(err error) []error {
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok || len(j.Unwrap()) == 0 {
		return []error{err}
	}
	errs := j.Unwrap()
	texts := make([]string, len(errs))
	for i, e := range errs {
		texts[i] = e.Error()
	}
	if strings.Join(texts, "\n") != err.Error() {
		return []error{err}
	}
	var out []error
	for _, e := range errs {
		out = append(out, splitJoined(e)...)
	}
	return out
}
