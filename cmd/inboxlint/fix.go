package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/inboxlint/inboxlint/lint"
)

// fixFlags are lint's --fix and --dry-run, kept in a block of their own.
type fixFlags struct {
	fix, dryRun bool
}

func addFixFlags(fs *pflag.FlagSet) *fixFlags {
	f := &fixFlags{}
	fs.BoolVar(&f.fix, "fix", false, "apply the certain fixes to the files, then report the findings that remain")
	fs.BoolVar(&f.dryRun, "dry-run", false, "with --fix: print the fixes as a unified diff and change nothing")
	return f
}

// check refuses the combinations --fix cannot serve.
func (f *fixFlags) check(stdin, writeBaseline bool) error {
	switch {
	case f.dryRun && !f.fix:
		return lint.Hint(errors.New("--dry-run needs --fix"), "inboxlint lint --fix --dry-run prints the fixes as a diff")
	case f.fix && writeBaseline:
		return lint.Hint(errors.New("--fix and --write-baseline cannot be used together"), "fix first, then record what remains with --write-baseline")
	case f.fix && stdin && !f.dryRun:
		return lint.Hint(errors.New("--fix cannot write standard input back"), "use --fix --dry-run for a diff, or name the file")
	}
	return nil
}

// fixBeforeWrite is the engine's FixOptions.BeforeWrite: nil, except in
// the tests, which change a file there to see it left alone.
var fixBeforeWrite func(path string)

// runFix runs the fixes: with --dry-run it prints each file's diff on
// stdout, else it writes the files; either way it says on stderr what was
// (or would be) fixed, and returns what remains to report. A file whose
// write was refused is an error of the run.
func (c *cli) runFix(eng *lint.Engine, paths []string, f *fixFlags) (*lint.Result, int) {
	fr := eng.Fix(paths, lint.FixOptions{DryRun: f.dryRun, BeforeWrite: fixBeforeWrite})
	fixes, files := 0, 0
	for i := range fr.Files {
		ff := &fr.Files[i]
		if ff.Err != nil {
			fr.Errors = append(fr.Errors, ff.Err)
			continue
		}
		if ff.Applied > 0 {
			fixes += ff.Applied
			files++
			if f.dryRun {
				if _, err := fmt.Fprint(c.stdout, ff.Diff()); err != nil {
					return nil, c.fail(fmt.Errorf("cannot write output: %w", err))
				}
			}
		}
		if ff.Refused > 0 {
			c.errLine("inboxlint: ", fmt.Sprintf("%s: %d %s not applied: %s would change the copy otherwise than meant, fix %s by hand",
				ff.Path, ff.Refused, plural(ff.Refused, "fix", "fixes"), plural(ff.Refused, "it", "they"), plural(ff.Refused, "it", "them")))
		}
		if ff.Pending {
			c.errLine("inboxlint: ", fmt.Sprintf("%s: fixes remain after %d passes: run inboxlint lint --fix again", ff.Path, lint.MaxFixPasses))
		}
	}
	verb := "fixed"
	if f.dryRun {
		verb = "would fix"
	}
	c.errLine("inboxlint: ", fmt.Sprintf("%s %d %s in %d %s", verb, fixes, plural(fixes, "problem", "problems"), files, plural(files, "file", "files")))
	return fr.Result, 0
}
