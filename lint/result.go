package lint

import (
	"cmp"
	"errors"
	"reflect"
	"slices"
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
	sortDiagnostics(r.diags)
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

// finish sorts the findings and adds what the whole run knows. A run's
// files come in the order of their names, each with its findings sorted
// (add), so the findings are most often in order already: checking costs
// a comparison a finding, sorting them all again many.
func (e *Engine) finish(res *Result) *Result {
	if !slices.IsSortedFunc(res.Diagnostics, compareDiagnostics) {
		sortDiagnostics(res.Diagnostics)
	}
	res.Errors = append(res.Errors, e.unknownFlagRules()...)
	res.Docs = e.customDocs()
	res.customAt = e.customOrigins()
	return res
}

// sortDiagnostics orders findings by file, position, rule and message, the
// order every output format uses. A stable sort: findings equal in every
// key keep the order they were reported in. slices.SortStableFunc rather
// than sort.SliceStable, which makes a swapper by reflection for every
// file's findings and calls the comparison through it.
func sortDiagnostics(d []Diagnostic) {
	slices.SortStableFunc(d, compareDiagnostics)
}

// compareDiagnostics is the order of sortDiagnostics.
func compareDiagnostics(a, b Diagnostic) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start.Line, b.Span.Start.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Start.Col, b.Span.Start.Col); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	if c := strings.Compare(a.Variant, b.Variant); c != 0 {
		return c
	}
	return strings.Compare(a.Member, b.Member)
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
