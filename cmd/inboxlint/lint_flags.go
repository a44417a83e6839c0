package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/pflag"

	"github.com/inboxlint/inboxlint/lint"
)

// lintExtras are lint's output, verbosity and colour flags (issue 14),
// defined apart from the others so that the lint command's flag block
// stays easy to merge.
type lintExtras struct {
	outputs     []string
	outputFile  string
	quiet       bool
	maxWarnings int
	color       string
	printConfig string
	// specs are the parsed --output values
	specs []outputSpec
}

// outputSpec is one --output FORMAT=FILE.
type outputSpec struct {
	format, file string
}

func addLintExtras(fs *pflag.FlagSet) *lintExtras {
	x := &lintExtras{}
	fs.StringArrayVar(&x.outputs, "output", nil, "also write this format to a file: FORMAT=FILE, repeatable (sarif=inboxlint.sarif)")
	fs.StringVarP(&x.outputFile, "output-file", "o", "", "write the --format output to this file instead of standard output")
	fs.BoolVarP(&x.quiet, "quiet", "q", false, "report and count errors only, not warnings or infos")
	fs.IntVar(&x.maxWarnings, "max-warnings", -1, "exit 1 when there are more than this many warnings (-1: no limit)")
	fs.StringVar(&x.color, "color", "auto", "colour the text output: auto, always or never (NO_COLOR and FORCE_COLOR apply to auto)")
	fs.StringVar(&x.printConfig, "print-config", "", "print the effective config for this template, with where each value came from, and exit")
	return x
}

// check validates the flags' values once they are parsed.
func (x *lintExtras) check() error {
	switch x.color {
	case "auto", "always", "never":
	default:
		return fmt.Errorf("unknown --color %q: use auto, always or never", x.color)
	}
	if x.maxWarnings < -1 {
		return fmt.Errorf("--max-warnings must be a number of warnings, or -1 for no limit")
	}
	seen := map[string]bool{}
	if x.outputFile != "" {
		seen[x.outputFile] = true
	}
	for _, o := range x.outputs {
		f, file, ok := strings.Cut(o, "=")
		if !ok || f == "" || file == "" {
			return fmt.Errorf("--output %q: write FORMAT=FILE, such as sarif=inboxlint.sarif", o)
		}
		if !knownFormat(f) {
			return fmt.Errorf("--output %q: unknown format %q: use %s", o, f, joinFormats())
		}
		if seen[file] {
			return fmt.Errorf("--output %q: %s is written twice", o, file)
		}
		seen[file] = true
		x.specs = append(x.specs, outputSpec{f, file})
	}
	return nil
}

func knownFormat(name string) bool {
	for _, n := range formatNames() {
		if n == name {
			return true
		}
	}
	return false
}

// wants reports whether --format or an --output is format.
func (x *lintExtras) wants(primary, format string) bool {
	if primary == format {
		return true
	}
	for _, s := range x.specs {
		if s.format == format {
			return true
		}
	}
	return false
}

// useColor decides whether the text output is coloured: --color always
// or never (--no-color is never) decides; auto colours a terminal, unless
// NO_COLOR is set, and anything when FORCE_COLOR is set (to other than 0
// or false). Output to a file (-o) is not a terminal.
func (x *lintExtras) useColor(stdout io.Writer, noColor bool) bool {
	switch {
	case noColor || x.color == "never":
		return false
	case x.color == "always":
		return true
	case x.outputFile != "":
		return false
	case os.Getenv("NO_COLOR") != "":
		return false
	}
	if v := os.Getenv("FORCE_COLOR"); v != "" && v != "0" && v != "false" {
		return true
	}
	f, ok := stdout.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// filter applies --quiet to a result: only errors are reported and
// counted.
func (x *lintExtras) filter(res *lint.Result) {
	if !x.quiet {
		return
	}
	kept := res.Diagnostics[:0]
	for _, d := range res.Diagnostics {
		if d.Severity == lint.SeverityError {
			kept = append(kept, d)
		}
	}
	res.Diagnostics = kept
}

// tooManyWarnings is the --max-warnings verdict.
func (x *lintExtras) tooManyWarnings(res *lint.Result) (int, bool) {
	if x.maxWarnings < 0 {
		return 0, false
	}
	n := lint.Summarize(res).Warnings
	return n, n > x.maxWarnings
}

// writeOutputs writes each --output's format to its file, through the
// repository root (atomically; a link in the repository cannot aim the
// write outside it). Each format is written whole or not at all, and a
// failure is reported without stopping the others.
func (c *cli) writeOutputs(eng *lint.Engine, x *lintExtras, config string, fo lint.FormatOptions, res *lint.Result) []error {
	var errs []error
	fo.Color = false
	for _, s := range x.specs {
		f, err := newFormatter(s.format, eng, config, fo)
		if err == nil {
			err = writeFormatted(eng, s.file, f, res)
		}
		if err != nil {
			err = fmt.Errorf("--output %s: %w", s.format, err)
			if errors.Is(err, fs.ErrNotExist) {
				err = lint.Hint(err, "create the directory "+filepath.Dir(s.file)+" first")
			}
			errs = append(errs, err)
		}
	}
	return errs
}

// writeFormatted writes one format's output to file through the root.
func writeFormatted(eng *lint.Engine, file string, f lint.Formatter, res *lint.Result) error {
	var buf bytes.Buffer
	if err := f.Format(&buf, res); err != nil {
		return err
	}
	return eng.Root().WriteFile(file, buf.Bytes())
}

// linkBase is where the summary format links findings to: the commit's
// files on GitHub, from the variables the Actions runner sets for every
// step (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA); "" elsewhere.
// Each is checked to look like what the runner sets, so the link cannot
// carry anything else.
func linkBase() string {
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if !strings.HasPrefix(server, "https://") || strings.ContainsAny(server[len("https://"):], "/?#@ ") ||
		strings.Count(repo, "/") != 1 || strings.ContainsAny(repo, "?#@ %") || len(sha) < 7 || strings.Trim(sha, "0123456789abcdef") != "" {
		return ""
	}
	return server + "/" + repo + "/blob/" + sha
}
