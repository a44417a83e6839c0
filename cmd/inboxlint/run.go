package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/rules"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

const usage = `inboxlint lints and previews LinkedIn Message Ad and Conversation Ad copy.

Usage:
  inboxlint lint [flags] [path ...]      lint templates (files or directories; default ".")
  inboxlint render [flags] file          print what each sample member would receive
  inboxlint rules                        list rules: id, default severity, title
  inboxlint explain RULE                 the rule's doc and options
  inboxlint preview [flags] [path ...]   an HTML inbox preview of the templates; --serve: a live one
  inboxlint lsp                          run the language server on standard input and output
  inboxlint editor-setup EDITOR          print an editor's integration (inboxlint editor-setup --help lists them)
  inboxlint config print FILE            the effective config for one template, with where each value came from
  inboxlint init [DIR]                   write a starter .inboxlint.yaml, members.csv, pre-commit config and workflow
  inboxlint completion bash|zsh|fish     a shell completion script
  inboxlint version                      print the version
  inboxlint help [COMMAND]               this text, or a command's help

Run "inboxlint help COMMAND" or "inboxlint COMMAND --help" for a command's flags.
`

// cli carries the streams of one invocation, so tests run it in-process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// capture, when set, receives each command's flag set instead of the
	// command running: completion scripts and the README's flags table
	// are generated from the flag definitions themselves (flagsets.go).
	capture func(fs *pflag.FlagSet, args string)
	// usageArgs are the arguments after the flags of the command being
	// run, as its help shows them ("[flags] [path ...]").
	usageArgs string
}

// run is main without os.Exit: it parses args, runs the command and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		// The engine already turns a failure in one file into an error for
		// that file; this is the last line, so that no panic reaches the
		// user as a stack trace.
		if r := recover(); r != nil {
			status = c.fail(fmt.Errorf("internal error: %v", r), "please report this, with the command and the file, at https://github.com/inboxlint/inboxlint/issues")
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "lint":
		return c.lint(rest)
	case "render":
		return c.render(rest)
	case "rules":
		return c.rules(rest)
	case "explain":
		return c.explain(rest)
	case "preview":
		return c.preview(rest)
	case "lsp":
		return c.lsp(rest)
	case "editor-setup":
		return c.editorSetup(rest)
	case "version", "--version", "-v":
		return c.printVersion(rest)
	case "config":
		return c.configCmd(rest)
	case "completion":
		return c.completion(rest)
	case "init":
		return c.initCmd(rest)
	case "help", "-h", "--help":
		return c.help(rest)
	}
	return c.unknownCommand(cmd)
}

func (c *cli) unknownCommand(cmd string) int {
	msg := fmt.Sprintf("unknown command %q", cmd)
	if s := nearestCommand(cmd); s != "" {
		return c.fail(errors.New(msg), render.DidYouMeanText("inboxlint "+s))
	}
	return c.fail(errors.New(msg), "the commands are "+strings.Join(commands[:len(commands)-1], ", ")+" and "+commands[len(commands)-1])
}

var commands = []string{"lint", "render", "rules", "explain", "preview", "lsp", "editor-setup", "config", "init", "completion", "version", "help"}

// nearestCommand suggests a command for a typo ("lnt") or a prefix ("ren").
func nearestCommand(cmd string) string {
	for _, c := range commands {
		if strings.HasPrefix(c, cmd) || strings.HasPrefix(cmd, c) {
			return c
		}
	}
	return render.Nearest(cmd, commands, 2)
}

// fail prints err as "inboxlint: message" plus its hints and hints, and
// returns the error status.
func (c *cli) fail(err error, hints ...string) int {
	c.printErr(err, hints...)
	return exitError
}

// printErr prints err as "inboxlint: message" lines, one for each error
// errors.Join put together, each followed by a "hint: " line for each hint
// attached to it (lint.Hint, found with errors.As) and then by hints. Error
// texts quote file names, config values and paths from the pull request,
// so every line is escaped (errLine): a line break in an error's text is
// part of a quoted name and is printed as \n. Every line the command writes
// to stderr thus starts with "inboxlint: " or "hint: ", and none can be
// read as a workflow command or move a terminal's cursor.
func (c *cli) printErr(err error, hints ...string) {
	for _, e := range joined(err) {
		c.errLine("inboxlint: ", e.Error())
		for _, h := range lint.Hints(e) {
			c.errLine("hint: ", h)
		}
	}
	for _, h := range hints {
		c.errLine("hint: ", h)
	}
}

// errLine writes one line to stderr: prefix, then text escaped.
func (c *cli) errLine(prefix, text string) {
	fmt.Fprintf(c.stderr, "%s%s\n", prefix, escape.Controls(text))
}

// joined returns the errors that errors.Join combined into err (whose
// text is theirs, one a line), or err alone. An error with several
// wrapped errors whose text is its own (fmt.Errorf with several %w) is one
// error.
func joined(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	errs := j.Unwrap()
	texts := make([]string, len(errs))
	for i, e := range errs {
		texts[i] = e.Error()
	}
	if len(errs) == 0 || strings.Join(texts, "\n") != err.Error() {
		return []error{err}
	}
	var out []error
	for _, e := range errs {
		out = append(out, joined(e)...)
	}
	return out
}

func (c *cli) flags(name, args string) *pflag.FlagSet {
	c.usageArgs = args
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(c.stderr)
	// --help prints the command's help on stdout (parse); a usage error
	// prints the error and a hint, not the whole flag list
	fs.Usage = func() {}
	return fs
}

// parse parses flags; it returns a status to exit with when parsing ended
// the command (help or a usage error).
func (c *cli) parse(fs *pflag.FlagSet, args []string) (int, bool) {
	fs.SortFlags = false
	if c.capture != nil {
		c.capture(fs, c.usageArgs)
		return exitOK, true
	}
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		c.printHelp(fs)
		return exitOK, true
	}
	if err != nil {
		return c.fail(err, fmt.Sprintf("run inboxlint %s --help for its flags", fs.Name())), true
	}
	return 0, false
}

// version is inboxlint's version as `inboxlint version` prints it, and as
// SARIF's tool.driver and the language server's serverInfo report it: one
// string, so that a finding can be traced to the build that produced it.
func version() string {
	info, _ := debug.ReadBuildInfo()
	return formatVersion(info, releaseVersion)
}

func (c *cli) lint(args []string) int {
	fs := c.flags("lint", "[flags] [path ...]")
	format := fs.String("format", "text", "output format: "+strings.Join(formatNames(), ", "))
	config := fs.String("config", "", "use this config file instead of the nearest .inboxlint.yaml")
	members := fs.String("members", "", "sample members file (CSV, JSON or YAML)")
	failOn := fs.String("fail-on", "error", "exit 1 on findings at or above: error, warning, info, never")
	stdin := fs.Bool("stdin", false, "lint standard input instead of files")
	stdinName := fs.String("stdin-filename", "", "with --stdin: the path the buffer belongs to (config, names)")
	enable := fs.StringSlice("enable", nil, "turn rules on (comma-separated ids)")
	disable := fs.StringSlice("disable", nil, "turn rules off (comma-separated ids)")
	noColor := fs.Bool("no-color", false, "never colour the output (also NO_COLOR)")
	jobs := fs.IntP("jobs", "j", 0, "files linted at once (default: one per core)")
	changedSince := fs.String("changed-since", "", "lint only templates git reports as added, modified or renamed since this ref")
	baseline := fs.String("baseline", "", "report only findings not recorded in this baseline file")
	writeBaseline := fs.String("write-baseline", "", "record the findings in this baseline file (and exit 0 unless a file could not be linted)")
	// issue 14: --output, -o, --quiet, --max-warnings, --color,
	// --print-config (lint_flags.go)
	x := addLintExtras(fs)
	// issue 12: --fix, --dry-run (fix.go)
	fixFlags := addFixFlags(fs)
	if st, done := c.parse(fs, args); done {
		return st
	}
	if err := x.check(); err != nil {
		return c.fail(err, "run inboxlint lint --help for its flags")
	}
	if err := fixFlags.check(*stdin, *writeBaseline != ""); err != nil {
		return c.fail(err)
	}
	if x.printConfig != "" {
		return c.printConfig(x.printConfig, *config)
	}
	paths := fs.Args()
	if len(paths) == 1 && paths[0] == "-" {
		paths, *stdin = nil, true // "-" is standard input
	}
	if *stdin && len(paths) > 0 {
		return c.fail(errors.New("--stdin and paths cannot be used together"), "pass the file's path with --stdin-filename")
	}
	if *stdinName != "" && !*stdin {
		return c.fail(errors.New("--stdin-filename needs --stdin"))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	all := rules.All()
	opts := lint.Options{
		Rules: all, ConfigFile: *config, MembersFile: *members,
		Enable: *enable, Disable: *disable, Jobs: *jobs,
	}
	if *stdin {
		opts.Stdin = c.stdin
		opts.StdinName = *stdinName
	}
	var changed map[string]bool
	matched := 0 // changed files among those found to lint
	if *changedSince != "" {
		if *stdin {
			return c.fail(errors.New("--changed-since and --stdin cannot be used together"))
		}
		var err error
		if changed, err = changedFiles(*changedSince); err != nil {
			return c.fail(err)
		}
		opts.Only = func(abs string) bool {
			if changed[abs] {
				matched++
				return true
			}
			return false
		}
	}
	// the HTML page shows every file, not only those with findings
	opts.KeepSources = x.wants(*format, "html")
	opts.Stats = x.wants(*format, "summary")
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return c.fail(err)
	}
	defer eng.Close()
	// SARIF locations are relative to the repository root the engine
	// confines every read to.
	fo := lint.FormatOptions{Color: x.useColor(c.stdout, *noColor), Rules: all, Root: eng.Root().Dir(), LinkBase: linkBase()}
	if x.wants(*format, "sarif") {
		fo.Version = version() // only SARIF names the build; reading it is not free
	}
	f, err := newFormatter(*format, eng, opts.ConfigFile, fo)
	if err != nil {
		return c.fail(err)
	}
	var base *lint.Baseline
	if *baseline != "" {
		if base, err = lint.LoadBaseline(eng.Root(), *baseline); err != nil {
			return c.fail(err, "write one with: inboxlint lint --write-baseline "+*baseline)
		}
	}
	flagFailOn, err := lint.ParseFailOn(*failOn)
	if err != nil {
		return c.fail(err)
	}
	// the formats that write file by file get the files as they are
	// linted, and memory stays flat in the number of files; a baseline,
	// --fix, --quiet and the other outputs need the whole run first
	stream := base == nil && *writeBaseline == "" && streamFormats[*format] && !fixFlags.fix &&
		!x.quiet && len(x.outputs) == 0 && x.outputFile == ""
	var res *lint.Result
	if fixFlags.fix {
		var status int
		if res, status = c.runFix(eng, paths, fixFlags); status != 0 {
			return status
		}
	} else if stream {
		res = eng.Stream(paths)
	} else {
		res = eng.Run(paths)
	}
	if changed != nil && matched == 0 {
		if n := missedChanges(eng.Root(), changed, paths); n > 0 {
			res.Errors = append(res.Errors, lint.Hint(fmt.Errorf("git reports %d changed %s under the linted paths, but none of them was found to lint", n, plural(n, "template", "templates")),
				"lint the paths without --changed-since, and please report this with how the directory is reached"))
		}
	}
	if stream {
		out := &heldWriter{w: c.stdout, res: res}
		if err := f.Format(out, res); err != nil {
			return c.fail(fmt.Errorf("cannot write output: %w", err))
		}
		if err := out.finish(); err != nil {
			return c.fail(fmt.Errorf("cannot write output: %w", err))
		}
	}
	if base != nil {
		base.Filter(res)
	}
	if *writeBaseline != "" {
		if err := lint.WriteBaseline(eng.Root(), *writeBaseline, res); err != nil {
			return c.fail(err)
		}
		c.errLine("inboxlint: ", fmt.Sprintf("recorded %d findings in %s", len(res.Diagnostics), *writeBaseline))
		for _, e := range res.Errors {
			c.printErr(e)
		}
		if len(res.Errors) > 0 {
			return exitError
		}
		return exitOK
	}
	x.filter(res)
	if !stream && (res.Files > 0 || len(res.Errors) == 0) && !fixFlags.dryRun {
		// a run that linted nothing because of errors prints only them
		var err error
		if x.outputFile != "" {
			err = writeFormatted(eng, x.outputFile, f, res)
		} else {
			err = f.Format(c.stdout, res)
		}
		if err != nil {
			return c.fail(fmt.Errorf("cannot write output: %w", err))
		}
		res.Errors = append(res.Errors, c.writeOutputs(eng, x, opts.ConfigFile, fo, res)...)
	}
	for _, n := range res.Notes {
		c.printErr(n)
	}
	for _, e := range res.Errors {
		c.printErr(e)
	}
	if len(res.Errors) > 0 {
		return exitError
	}
	if n, over := x.tooManyWarnings(res); over {
		c.errLine("inboxlint: ", fmt.Sprintf("%d warnings, more than --max-warnings %d", n, x.maxWarnings))
		return exitFindings
	}
	// --fail-on decides for every file; without it each file's findings
	// are judged by the fail-on of the config in force for that file.
	if res.Fails(flagFailOn, fs.Changed("fail-on")) {
		return exitFindings
	}
	return exitOK
}
