package lint

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

// MaxFixPasses bounds the lints --fix runs on one file after the first:
// each pass applies the certain fixes that do not overlap, lints the
// result again and checks it, until no certain fix is left. Overlapping
// fixes take a pass each, and a batch the check refuses is halved until
// the fix at fault is found, so a file needs a few passes; one that still
// has fixes after MaxFixPasses keeps them, and FileFix.Pending says so.
const MaxFixPasses = 10

// fixWriters is how many files Engine.Fix writes at once.
const fixWriters = 8

// FixOptions configure Engine.Fix.
type FixOptions struct {
	// DryRun computes every file's fixes and its diff, and writes nothing.
	DryRun bool
	// BeforeWrite, when set, is called with a file's path once its fixes
	// are made and before it is written: tests change the file there, to
	// check that a file changed since it was read is left alone. It may
	// be called for several files at once.
	BeforeWrite func(path string)
}

// FileFix is what --fix did, or with DryRun would do, to one file.
type FileFix struct {
	Path string
	// before is the file as read; after the file with the fixes applied.
	before, after []byte
	// Applied is the number of fixes in after.
	Applied int
	// Refused is the number of certain fixes left out because applying
	// them would have changed the copy otherwise than they meant (a "#"
	// that starts a YAML comment, a % that cannot start a YAML scalar).
	Refused int
	// Pending is true when the file still had certain fixes after
	// MaxFixPasses passes.
	Pending bool
	// Err is why the fixed file was not written (it changed since it was
	// read, it is a symbolic link); the file is then as it was, and the
	// findings reported for it are those of the file as read.
	Err error
}

// Diff is the file's change as a unified diff, a/PATH against b/PATH, as
// git prints it; "" when nothing changed.
func (f *FileFix) Diff() string {
	name := filepath.ToSlash(f.Path)
	return udiff.Unified("a/"+name, "b/"+name, string(f.before), string(f.after))
}

// FixResult is the outcome of a --fix run.
type FixResult struct {
	// Result holds what remains: the findings of every file as it is
	// after the run (with DryRun, as it would be), sorted like Run's.
	*Result
	// Files are the files that fixes changed (or would change), and those
	// the write was refused for, in the order they were linted.
	Files []FileFix
}

// Fix lints paths like Run, applies the certain fixes of each file to a
// fixed point (MaxFixPasses) and, unless opts.DryRun, writes each changed
// file with repofs.Root.ReplaceFile: atomically, never through a symbolic
// link, and never over a file that changed since it was read. Every batch
// of edits is checked before it is kept: the file is linted again, and
// its renders must be those before with just the edited text replaced
// (verifyEdits); a batch that fails is halved until the fix at fault is
// found and refused. With the engine's Stdin set, the buffer is fixed and
// nothing is written, whatever DryRun says.
func (e *Engine) Fix(paths []string, opts FixOptions) *FixResult {
	if e.opts.Stdin != nil {
		name := e.opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := readLimited(e.opts.Stdin, name)
		res := newResult()
		if err != nil {
			res.Errors = append(res.Errors, err)
			return &FixResult{Result: res}
		}
		if !e.root.Contains(name) {
			res.Errors = append(res.Errors, findError(&repofs.Error{Path: name, Err: repofs.ErrOutside}))
			return &FixResult{Result: e.finish(res)}
		}
		opts.DryRun = true
		r, ff, _ := e.fixFile(job{path: name, explicit: true, data: data}, opts)
		res.add(name, r, nil)
		out := &FixResult{Result: e.finish(res)}
		if ff != nil {
			out.Files = append(out.Files, *ff)
		}
		return out
	}
	res := newResult()
	jobs := e.jobs(res, paths)
	results := make([]fileResult, len(jobs))
	fixes := make([]*FileFix, len(jobs))
	n := e.opts.Jobs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(1, len(jobs)))
	// Writes wait on the disk (each syncs a file): writers of their own
	// do them, so that the linting goes on meanwhile.
	var wg, wwg sync.WaitGroup
	next := make(chan int)
	writes := make(chan int, len(jobs))
	pending := make([]*fixWrite, len(jobs))
	for range fixWriters {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for i := range writes {
				results[i] = pending[i].do(opts, results[i])
			}
		}()
	}
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], fixes[i], pending[i] = e.fixFile(jobs[i], opts)
				if pending[i] != nil {
					writes <- i
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	close(writes)
	wwg.Wait()

	out := &FixResult{}
	e.gather(res, paths, jobs, results)
	for _, ff := range fixes {
		if ff != nil {
			out.Files = append(out.Files, *ff)
		}
	}
	out.Result = e.finish(res)
	return out
}

// fixKey identifies a refused fix by where it is and what it writes.
type fixKey struct {
	start, end int
	text       string
}

// fixFile fixes one file: it returns the findings that remain and what
// was done (nil when the file has no certain fix to apply), and the write
// still to do, if any: the findings are then those of the file as read
// until the write is done.
func (e *Engine) fixFile(j job, opts FixOptions) (fileResult, *FileFix, *fixWrite) {
	first := e.lintFile(j)
	if first.err != nil || !first.linted {
		return first, nil, nil
	}
	orig := first.src.Raw
	cur, r := orig, first
	refused := map[fixKey]bool{}
	isRefused := func(f Fix) bool {
		for _, ed := range f.Edits {
			if refused[fixKey{ed.Span.Start.Offset, ed.Span.End.Offset, ed.NewText}] {
				return true
			}
		}
		return false
	}
	applied, take, passes := 0, 0, 0
	for ; passes < MaxFixPasses; passes++ {
		batch := pickFixes(r.diags, isRefused)
		if len(batch) == 0 {
			break
		}
		if take > 0 && take < len(batch) {
			batch = batch[:take]
		}
		edits := fixEdits(batch)
		next, err := applyEdits(cur, edits)
		if err != nil {
			return first, &FileFix{Path: j.path, before: orig, after: orig, Err: fmt.Errorf("%s: cannot apply fixes: %w (please report this with the file)", j.path, err)}, nil
		}
		nr := e.lintFile(job{path: j.path, explicit: true, data: next})
		if nr.err == nil && nr.linted && len(r.variants) > 0 && verifyEdits(r.variants, nr.variants, edits) {
			moved := make(map[fixKey]bool, len(refused))
			for k := range refused {
				moved[fixKey{shiftOffset(k.start, edits), shiftOffset(k.end, edits), k.text}] = true
			}
			refused = moved
			cur, r, take = next, nr, 0
			applied += len(batch)
			continue
		}
		if len(batch) == 1 {
			for _, ed := range batch[0].Edits {
				refused[fixKey{ed.Span.Start.Offset, ed.Span.End.Offset, ed.NewText}] = true
			}
			take = 0
			continue
		}
		take = (len(batch) + 1) / 2
	}
	ff := &FileFix{Path: j.path, before: orig, after: cur, Applied: applied, Refused: len(refused)}
	ff.Pending = passes == MaxFixPasses && len(pickFixes(r.diags, isRefused)) > 0
	if applied == 0 {
		if ff.Refused == 0 && !ff.Pending {
			return first, nil, nil
		}
		return first, ff, nil
	}
	root := e.rootFor(j.path)
	if opts.DryRun || j.data != nil {
		if err := root.Replaceable(j.path); err != nil && j.data == nil {
			ff.Err = fixRefusal(err)
			return first, ff, nil
		}
		return r, ff, nil
	}
	return first, ff, &fixWrite{root: root, path: j.path, orig: orig, fixed: r, ff: ff}
}

// fixWrite is a fixed file still to be written.
type fixWrite struct {
	root  *repofs.Root
	path  string
	orig  []byte
	fixed fileResult
	ff    *FileFix
}

// do writes the file (repofs.Root.ReplaceFile) and returns what to report
// for it: the fixed file's findings, or when the write is refused, those
// of the file as read, which is what the file still holds (first).
func (w *fixWrite) do(opts FixOptions, first fileResult) fileResult {
	if opts.BeforeWrite != nil {
		opts.BeforeWrite(w.path)
	}
	if err := w.root.ReplaceFile(w.path, w.orig, w.ff.after); err != nil {
		w.ff.Err = fixRefusal(err)
		w.ff.after, w.ff.Applied = w.orig, 0
		return first
	}
	return w.fixed
}

// fixRefusal words why a fixed file was not written.
func fixRefusal(err error) error {
	switch {
	case errors.Is(err, repofs.ErrChanged):
		return Hint(fmt.Errorf("%w, so --fix left it alone", err), "run inboxlint lint --fix again")
	case errors.Is(err, repofs.ErrSymlink):
		return Hint(fmt.Errorf("%w, which --fix does not write through", err), "run --fix on the file the link points to")
	}
	return fmt.Errorf("%w: the fixes were not written", err)
}
