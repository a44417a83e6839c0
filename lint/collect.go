package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

type job struct {
	path     string
	explicit bool
	data     []byte // for stdin
	// unnamed is standard input without --stdin-filename: the config's
	// include and exclude cannot place it, so it is linted
	unnamed bool
	// arg is the index of the path argument the file was found under
	arg int
}

// ErrNotTemplate is wrapped by the error for a file named explicitly that
// is no inboxlint template (a README); callers that lint whatever they are
// given, such as the language server, test for it with errors.Is.
var ErrNotTemplate = errors.New("not an inboxlint template")

// NotTemplateError explains why data, named explicitly, is not linted.
func NotTemplateError(path string, data []byte) error {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return Hint(fmt.Errorf("%s: the file is UTF-16, which inboxlint does not read", path), "save it as UTF-8")
	}
	return Hint(fmt.Errorf("%s: %w: its front matter has no format key", path, ErrNotTemplate),
		"start the file with ---, format: message (or conversation), sender and subject, then ---")
}

func tooLarge(name string) error {
	return Hint(fmt.Errorf("%s: file is larger than %d KiB, the most a template may be", name, render.MaxFileSize>>10),
		"a template is one ad; if this is not one, exclude it in .inboxlint.yaml")
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, render.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	if len(data) > render.MaxFileSize {
		return nil, tooLarge(name)
	}
	return data, nil
}

// collect expands paths into files to lint, in a stable order: files as
// they are, directories and glob patterns walked (walk.go). Everything is
// confined to the engine's root: a path outside it is an error with a
// hint, a link that leads out of it an error. Each job records the
// argument it came from, so that a directory or pattern that yields no
// template can be reported; the notes are what the walks skipped.
func (e *Engine) collect(paths []string) ([]job, []error, []error) {
	var jobs []job
	var errs, notes []error
	// seen drops a file named twice, or found under two arguments; one
	// argument names or finds each file once (a walk meets every path
	// once), so a run of one needs none
	var seen map[string]bool
	if len(paths) > 1 {
		seen = map[string]bool{}
	}
	add := func(p string, explicit bool, arg int) {
		p = filepath.Clean(p)
		if seen != nil {
			if seen[p] {
				return
			}
			seen[p] = true
		}
		jobs = append(jobs, job{path: p, explicit: explicit, arg: arg})
	}
	for i, p := range paths {
		var w walkResult
		if e.isGlob(p) {
			w = e.globFiles(p)
		} else {
			st, err := e.root.Stat(p)
			if err != nil {
				errs = append(errs, findError(err))
				continue
			}
			if !st.IsDir() {
				add(p, true, i)
				continue
			}
			w = e.walk(p, nil)
		}
		errs = append(errs, w.errs...)
		notes = append(notes, w.notes...)
		jobs = slices.Grow(jobs, len(w.files))
		for _, f := range w.files {
			add(f, false, i)
		}
	}
	return jobs, errs, notes
}

// findError words a failure to find a path to lint: "PATH: reason", and
// for a path outside the repository a hint.
func findError(err error) error {
	if errors.Is(err, repofs.ErrOutside) {
		return Hint(err, "run inboxlint from the repository that holds the file")
	}
	return err
}

// readError words a failure to read a template that was found: repofs's
// refusals as they are (a template over the size limit with a hint), an
// operating-system error as "PATH: cannot read: reason".
func readError(path string, err error) error {
	var fe *repofs.Error
	switch {
	case errors.Is(err, repofs.ErrTooLarge):
		return tooLarge(path)
	case errors.Is(err, repofs.ErrOutside), errors.Is(err, fs.ErrNotExist):
		return findError(err)
	case errors.Is(err, repofs.ErrLinkOutside), errors.Is(err, repofs.ErrNotRegular):
		return err
	case errors.As(err, &fe):
		return fmt.Errorf("%s: cannot read: %w", escape.Controls(path), fe.Err)
	}
	return fmt.Errorf("%s: cannot read: %w", escape.Controls(path), err)
}

// ReadTemplate reads a template named on the command line, confined to
// the engine's root and to render.MaxFileSize, as lint reads every
// template; the render command uses it. Errors are *repofs.Error values:
// refusals (repofs.ErrOutside, ErrLinkOutside, ErrNotRegular, ErrTooLarge)
// or the operating system's.
func (e *Engine) ReadTemplate(path string) ([]byte, error) {
	return e.root.ReadFile(path, repofs.TemplateLimit)
}
