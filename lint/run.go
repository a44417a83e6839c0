package lint

import (
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
)

// Run lints paths (files or directories; directories are walked for
// templates) or, when opts.Stdin is set, standard input.
func Run(opts Options, paths []string) (*Result, error) {
	e, err := NewEngine(opts)
	if err != nil {
		return nil, err
	}
	return e.Run(paths), nil
}

// Run lints paths with the engine's options.
func (e *Engine) Run(paths []string) *Result {
	if e.opts.Stdin != nil {
		name := e.opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := readLimited(e.opts.Stdin, name)
		if err != nil {
			res := newResult()
			res.Errors = append(res.Errors, err)
			return res
		}
		return e.lintBuffer(name, data, e.opts.StdinName == "")
	}
	res := newResult()
	jobs := e.jobs(res, paths)
	res.failOn = make(map[string]FailOn, len(jobs)) // one per linted file
	results := make([]fileResult, len(jobs))
	n := e.opts.Jobs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(1, len(jobs)))
	if n == 1 {
		// one worker would only add a goroutine and a hand-off between
		// threads per file: lint here
		for i := range jobs {
			results[i] = e.lintFile(jobs[i])
		}
	} else {
		var wg sync.WaitGroup
		var next atomic.Int64
		for w := 0; w < n; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
					results[i] = e.lintFile(jobs[i])
				}
			}()
		}
		wg.Wait()
	}

	e.gather(res, paths, jobs, results)
	return e.finish(res)
}

// gather adds the files' outcomes to res in the order of jobs, and the
// notes of the arguments under which no template was linted: what Run
// and Fix do once every file is done.
func (e *Engine) gather(res *Result, paths []string, jobs []job, results []fileResult) {
	seenErr := map[any]bool{}
	linted := map[int]bool{}
	// the findings' room at once: grown file by file, the run's
	// findings were copied over and over as they grew
	n := 0
	for _, r := range results {
		n += len(r.diags)
	}
	res.Diagnostics = slices.Grow(res.Diagnostics, n)
	for i, r := range results {
		res.add(jobs[i].path, r, seenErr)
		if e.opts.KeepSources && r.linted {
			res.Sources[jobs[i].path] = r.src
		}
		if r.linted || r.err != nil {
			linted[jobs[i].arg] = true
		}
	}
	if e.opts.Only == nil {
		res.Notes = append(res.Notes, e.emptyArgs(paths, linted)...)
	}
}

// jobs are the files paths name that the run lints; the errors of
// finding them go into res.
func (e *Engine) jobs(res *Result, paths []string) []job {
	jobs, errs, notes := e.collect(paths)
	res.Errors = append(res.Errors, errs...)
	res.Notes = append(res.Notes, notes...)
	if e.opts.Only != nil {
		kept := jobs[:0]
		for _, j := range jobs {
			if rel, err := e.root.Rel(j.path); err == nil && e.opts.Only(filepath.Join(e.root.Dir(), rel)) {
				kept = append(kept, j)
			}
		}
		jobs = kept
	}
	return jobs
}

// LintBuffer lints one in-memory buffer under name, with the config that
// name would get on disk: an editor's unsaved text (the language server).
// Unlike Run it never reads the file.
func (e *Engine) LintBuffer(name string, data []byte) *Result {
	return e.lintBuffer(name, data, false)
}

// lintBuffer is LintBuffer; unnamed is standard input without
// --stdin-filename (see job.unnamed).
func (e *Engine) lintBuffer(name string, data []byte, unnamed bool) *Result {
	res := newResult()
	if len(data) > render.MaxFileSize {
		res.Errors = append(res.Errors, tooLarge(name))
		return res
	}
	if data == nil {
		data = []byte{} // nil would make lintFile read the file
	}
	if !e.root.Contains(name) {
		// the buffer would get the config and members of another tree:
		// --stdin-filename is confined like a template named on the
		// command line (the language server passes each document's own
		// repository as the root)
		res.Errors = append(res.Errors, findError(&repofs.Error{Path: name, Err: repofs.ErrOutside}))
		return e.finish(res)
	}
	r := e.lintFile(job{path: name, explicit: true, data: data, unnamed: unnamed})
	res.add(name, r, nil)
	if e.opts.KeepSources && r.linted {
		res.Sources[name] = r.src
	}
	return e.finish(res)
}
