package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// exitCodes closes every command's help: scripts and CI read the status.
const exitCodes = `
Exit status:
  0  success: no findings at or above --fail-on (lint)
  1  findings at or above --fail-on, or more warnings than --max-warnings (lint)
  2  a usage, config or input error (printed on stderr)
`

// commandHelp is what each command's --help (and inboxlint help COMMAND)
// says above its flags.
var commandHelp = map[string]string{
	"lint": `Usage: inboxlint lint [flags] [path ...]

Lints templates: files, directories (walked for .md templates, skipping
hidden directories, node_modules and what .gitignore ignores), quoted glob
patterns such as 'ads/**/*.md', or - for standard input. Default ".".
`,
	"render": `Usage: inboxlint render [flags] file

Prints what each sample member would receive: subject, body and buttons of
every variant, rendered.
`,
	"rules": `Usage: inboxlint rules [flags]

Lists the rules: id, default severity, title; with the custom rules of the
config in force for the current directory.
`,
	"explain": `Usage: inboxlint explain [flags] RULE

Prints a rule's doc and options.
`,
	"preview": `Usage: inboxlint preview [flags] [path ...]

Writes an HTML inbox preview of the templates; --serve runs a live one.
`,
	"lsp": `Usage: inboxlint lsp [flags]

Runs the language server on standard input and output.
`,
	"version": `Usage: inboxlint version

Prints the version, the VCS revision and whether the working tree was
modified when inboxlint was built.
`,
	"config": `Usage: inboxlint config print [flags] FILE

Prints the effective config for one template: every .inboxlint.yaml from the
file's directory up to the repository root (or to one with root: true) and
what they extend, merged, the nearest winning key by key, each value with
the file and line it came from.
`,
	"config print": `Usage: inboxlint config print [flags] FILE

Prints the effective config for one template, each value with the file and
line it came from.
`,
	"init": `Usage: inboxlint init [flags] [DIR]

Writes the starter files into DIR (default "."): a commented .inboxlint.yaml
(with the line that gives editors its JSON Schema), a sample members.csv, a
.pre-commit-config.yaml and a GitHub Actions workflow. A file that exists is
left as it is.
`,
	// editor-setup prints its own help (editor_setup.go); listed so that
	// inboxlint help editor-setup finds it
	"editor-setup": "",
	"help": `Usage: inboxlint help [COMMAND]

Prints the commands, or one command's help.
`,
}

// printHelp writes a command's help to standard output: what it does, its
// flags and the exit statuses.
func (c *cli) printHelp(fs *pflag.FlagSet) {
	writeHelp(c.stdout, fs.Name(), fs)
}

func writeHelp(w io.Writer, name string, fs *pflag.FlagSet) {
	text, ok := commandHelp[name]
	if !ok {
		text = fmt.Sprintf("Usage: inboxlint %s [flags]\n", name)
	}
	fmt.Fprint(w, text)
	if fs != nil && fs.HasFlags() {
		fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
	}
	fmt.Fprint(w, exitCodes)
}

// help is "inboxlint help [COMMAND]".
func (c *cli) help(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stdout, usage)
		fmt.Fprint(c.stdout, exitCodes)
		return exitOK
	}
	if args[0] == "-h" || args[0] == "--help" {
		writeHelp(c.stdout, "help", nil)
		return exitOK
	}
	name := strings.Join(args, " ")
	if _, ok := commandHelp[name]; !ok {
		return c.unknownCommand(args[0])
	}
	return run(append(append([]string{}, args...), "--help"), c.stdin, c.stdout, c.stderr)
}
