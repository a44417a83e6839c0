package main

import (
	"io"
	"sort"
	"sync"

	"github.com/spf13/pflag"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// command is one command as completion and the flags table see it.
type command struct {
	name, summary, args string
	fs                  *pflag.FlagSet // nil for a command without flags
}

// commandList is every command, in the order of the usage text, with the
// flag set the command itself defines: each command's function is run with
// capture set, so it returns right after defining its flags.
var commandList = sync.OnceValue(func() []command {
	summaries := []struct {
		name, summary string
		run           func(c *cli) int
	}{
		{"lint", "lint templates", func(c *cli) int { return c.lint(nil) }},
		{"render", "print what each sample member would receive", func(c *cli) int { return c.render(nil) }},
		{"rules", "list rules", func(c *cli) int { return c.rules(nil) }},
		{"explain", "a rule's doc and options", func(c *cli) int { return c.explain(nil) }},
		{"preview", "an HTML inbox preview of the templates", func(c *cli) int { return c.preview(nil) }},
		{"lsp", "run the language server", func(c *cli) int { return c.lsp(nil) }},
		{"editor-setup", "print an editor's integration", nil},
		{"config", "print the effective config for one template", func(c *cli) int { return c.configCmd([]string{"print"}) }},
		{"init", "write the starter files", func(c *cli) int { return c.initCmd(nil) }},
		{"completion", "a shell completion script", nil},
		{"version", "print the version", nil},
		{"help", "a command's help", nil},
	}
	var out []command
	for _, s := range summaries {
		cmd := command{name: s.name, summary: s.summary}
		if s.run != nil {
			c := &cli{stdin: nil, stdout: io.Discard, stderr: io.Discard}
			c.capture = func(fs *pflag.FlagSet, args string) { cmd.fs, cmd.args = fs, args }
			s.run(c)
		}
		out = append(out, cmd)
	}
	return out
})

// flagValues are the values a flag of cmd takes, for completion: the
// flags whose value is one of a list.
func flagValues(cmd, name string) []string {
	switch name {
	case "format":
		if cmd == "render" {
			return []string{"text", "dot", "mermaid"}
		}
		return formatNames()
	case "fail-on":
		return []string{"error", "warning", "info", "never"}
	case "color":
		return []string{"auto", "always", "never"}
	case "count":
		return []string{"utf16", "graphemes", "codepoints"}
	case "enable", "disable":
		var ids []string
		for _, r := range rules.All() {
			ids = append(ids, r.Doc().ID)
		}
		sort.Strings(ids)
		return ids
	case "output":
		if cmd != "lint" {
			return nil
		}
		var out []string
		for _, n := range append(lint.FormatNames(), "html", "summary") {
			out = append(out, n+"=")
		}
		sort.Strings(out)
		return out
	}
	return nil
}

// fileFlag reports whether a flag of cmd names a file, for completion;
// the other flags that take a value complete to nothing.
func fileFlag(cmd, name string) bool {
	switch name {
	case "config", "members", "stdin-filename", "baseline", "write-baseline", "output-file", "print-config":
		return true
	case "output":
		return cmd != "lint"
	}
	return false
}

// takesValue reports whether a flag needs a value (is not a switch).
func takesValue(f *pflag.Flag) bool { return f.NoOptDefVal == "" }

// flagsOf lists a flag set's flags in definition order.
func flagsOf(fs *pflag.FlagSet) []*pflag.Flag {
	if fs == nil {
		return nil
	}
	var out []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			out = append(out, f)
		}
	})
	return out
}
