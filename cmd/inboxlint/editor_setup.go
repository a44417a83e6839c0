package main

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/render"
)

// editorFiles are the editor integrations users install: product files,
// embedded so that `inboxlint editor-setup` prints the one for the editor
// in use, and the very files .ci/nvim-test.sh runs in the real editors and
// the README shows.
//
//go:embed editors
var editorFiles embed.FS

// editors are the editors editor-setup knows, in the order its help lists
// them, with the file it prints and where that file goes.
var editors = []struct {
	name, file, where string
}{
	{"neovim", "inboxlint.lua", "~/.config/nvim/init.lua (or a file it requires)"},
	{"vim", "inboxlint.vim", "your vimrc"},
	{"emacs", "inboxlint.el", "a directory on your load-path, then (require 'inboxlint) in your init file"},
	{"vscode", "vscode-tasks.json", ".vscode/tasks.json"},
	{"helix", "languages.toml", "~/.config/helix/languages.toml"},
}

func editorNames() []string {
	names := make([]string, len(editors))
	for i, e := range editors {
		names[i] = e.name
	}
	return names
}

// editorSetup prints the integration for one editor on stdout, as a file
// to save (`inboxlint editor-setup emacs > ~/.emacs.d/lisp/inboxlint.el`);
// where it goes is in the file's opening comment and in --help.
func (c *cli) editorSetup(args []string) int {
	fs := flag.NewFlagSet("editor-setup", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintln(c.stderr, "usage: inboxlint editor-setup "+strings.Join(editorNames(), "|"))
		fmt.Fprintln(c.stderr, "prints the editor's integration, to save where it says:")
		for _, e := range editors {
			fmt.Fprintf(c.stderr, "  %-7s %s\n", e.name, e.where)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if fs.NArg() != 1 {
		return c.fail(errors.New("editor-setup needs exactly one editor"), "the editors are "+strings.Join(editorNames(), ", "))
	}
	name := fs.Arg(0)
	for _, e := range editors {
		if e.name != name {
			continue
		}
		data, err := editorFiles.ReadFile("editors/" + e.file)
		if err != nil {
			return c.fail(fmt.Errorf("internal error: %w", err))
		}
		if _, err := c.stdout.Write(data); err != nil {
			return c.fail(fmt.Errorf("cannot write output: %w", err))
		}
		return exitOK
	}
	hint := "the editors are " + strings.Join(editorNames(), ", ")
	if s := render.DidYouMean(render.Nearest(name, editorNames(), 2)); s != "" {
		hint = s
	}
	return c.fail(fmt.Errorf("unknown editor %q", name), hint)
}
