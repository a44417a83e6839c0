package lint

import (
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/inboxlint/inboxlint/render"
)

// fileFindings are one linted file's findings, sorted, and its source for
// the formats that quote the offending line or fingerprint its text.
type fileFindings struct {
	file        string
	diagnostics []Diagnostic
	source      *render.Source
}

// Stream is Run for outputs that write file by file: it returns at once,
// and the files are linted while the formatter walks them (Result.eachFile),
// each handed over as soon as it and every file before it in sorted order
// are done. A file's findings and source are dropped once the formatter
// has written them, so memory stays flat however many files the run
// lints. Files, Errors, FailOn, Docs and Summarize are complete once
// eachFile has returned; Diagnostics and Sources stay empty.
//
// The HTML page needs every file at once and standard input is one file:
// with Options.KeepSources or Options.Stdin, Stream is Run.
func (e *Engine) Stream(paths []string) *Result {
	if e.opts.Stdin != nil || e.opts.KeepSources {
		return e.Run(paths)
	}
	res := newResult()
	jobs := e.jobs(res, paths)
	res.failOn = make(map[string]FailOn, len(jobs)) // one per linted file
	res.stream = &fileStream{e: e, jobs: jobs, paths: paths}
	return res
}

// fileStream is the linting a streamed Result still has to do.
type fileStream struct {
	e     *Engine
	jobs  []job
	paths []string // the run's arguments, for the notes of those with no template
	used  bool
}

// streamed is what a streamed Result counted while its files went by.
type streamed struct {
	summary Summary
	// worst is the most severe finding among the files of each fail-on
	// (Result.Fails)
	worst map[FailOn]Severity
}

// eachFile calls fn with every file that has findings, in the order of
// file names, which is the order of Diagnostics. For a streamed result
// (Engine.Stream) it does the linting, and can be called once; an error
// from fn stops the calls, and eachFile returns it once the run is done.
func (r *Result) eachFile(fn func(fileFindings) error) error {
	if r.stream != nil {
		return r.stream.run(r, fn)
	}
	d := r.Diagnostics
	for i := 0; i < len(d); {
		j := i + 1
		for j < len(d) && d[j].File == d[i].File {
			j++
		}
		if err := fn(fileFindings{file: d[i].File, diagnostics: d[i:j:j], source: r.Sources[d[i].File]}); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// run lints the files with a pool of workers and hands them to fn in
// order through a reorder buffer of a few files per worker: a worker
// takes the next file only when the buffer has room, so a slow writer
// holds back the linting instead of piling up results.
func (fs *fileStream) run(res *Result, fn func(fileFindings) error) error {
	if fs.used {
		panic("lint: a streamed Result's files were already walked")
	}
	fs.used = true
	e, jobs := fs.e, fs.jobs
	// diagnostics are sorted by file first: lint in that order, hand over
	// in that order
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	// a walk's files come sorted already: checking is a comparison a
	// file, sorting many
	byPath := func(a, b int) int { return strings.Compare(jobs[a].path, jobs[b].path) }
	if !slices.IsSortedFunc(order, byPath) {
		slices.SortStableFunc(order, byPath)
	}

	n := e.opts.Jobs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(1, len(jobs)))
	window := 16 * n
	slots := make([]chan fileResult, window)
	for i := range slots {
		slots[i] = make(chan fileResult, 1)
	}
	// a worker takes a place in the window, then the next file: no
	// dispatcher in between, and no wait while the writer keeps up
	room := make(chan struct{}, window)
	var wg sync.WaitGroup
	if len(order) == 1 {
		// one file is linted here: a worker would only add a goroutine
		// whose stack grows from nothing and two hand-offs between threads,
		// which is most of what linting one template costs beyond the work
		room <- struct{}{}
		slots[0] <- e.lintFile(jobs[order[0]])
	} else {
		var next atomic.Int64
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					room <- struct{}{}
					k := int(next.Add(1) - 1)
					if k >= len(order) {
						<-room
						return
					}
					slots[k%window] <- e.lintFile(jobs[order[k]])
				}
			}()
		}
	}

	st := &streamed{worst: map[FailOn]Severity{}}
	type jobErr struct {
		job int
		err error
	}
	var errs []jobErr
	var fnErr error
	linted := map[int]bool{}
	for k := range order {
		r := <-slots[k%window]
		<-room
		i := order[k]
		if r.err != nil {
			errs = append(errs, jobErr{i, r.err})
		}
		if r.linted || r.err != nil {
			linted[jobs[i].arg] = true
		}
		if !r.linted {
			continue
		}
		path := jobs[i].path
		res.Files++
		res.failOn[path] = r.failOn
		if r.stats != nil {
			res.stats[path] = *r.stats
		}
		if len(r.diags) == 0 {
			continue
		}
		sortDiagnostics(r.diags)
		for _, d := range r.diags {
			st.count(d, r.failOn)
		}
		if fnErr == nil {
			fnErr = fn(fileFindings{file: path, diagnostics: r.diags, source: r.src})
		}
	}
	wg.Wait()
	// errors in the order Run reports them: the order of the jobs
	slices.SortFunc(errs, func(a, b jobErr) int { return a.job - b.job })
	seenErr := map[any]bool{}
	for _, je := range errs {
		res.addErrors(je.err, seenErr)
	}
	if e.opts.Only == nil {
		res.Notes = append(res.Notes, e.emptyArgs(fs.paths, linted)...)
	}
	res.counted = st
	res.stream = nil
	e.finish(res)
	return fnErr
}

// count adds one finding of a file whose config has fail-on f.
func (st *streamed) count(d Diagnostic, f FailOn) {
	switch d.Severity {
	case SeverityError:
		st.summary.Errors++
	case SeverityWarning:
		st.summary.Warnings++
	case SeverityInfo:
		st.summary.Infos++
	}
	if w, ok := st.worst[f]; !ok || d.Severity > w {
		st.worst[f] = d.Severity
	}
}

// Fails reports whether a finding fails the run: judged by flag for every
// file when flagSet (--fail-on was given), else by the fail-on of the
// config in force for the finding's file, or flag when it sets none.
func (r *Result) Fails(flag FailOn, flagSet bool) bool {
	judge := func(f FailOn, sev Severity) bool {
		if !flagSet && f != 0 {
			return f.fails(sev)
		}
		return flag.fails(sev)
	}
	if r.counted != nil {
		for f, sev := range r.counted.worst {
			if judge(f, sev) {
				return true
			}
		}
		return false
	}
	for _, d := range r.Diagnostics {
		if judge(r.failOn[d.File], d.Severity) {
			return true
		}
	}
	return false
}
