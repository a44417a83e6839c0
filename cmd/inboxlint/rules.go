package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/rules"
)

// ruleDocs are the docs of the engine's findings and the built-in rules,
// then of the custom rules of the config in force for the current
// directory (or --config), checked the way lint checks it (clashing custom
// ids, unknown rules, bad options).
func (c *cli) ruleDocs(config string) ([]lint.Doc, error) {
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: config})
	if err != nil {
		return nil, err
	}
	defer eng.Close()
	cfg, err := eng.ConfigForDir(".")
	if err != nil {
		return nil, err
	}
	return lint.Docs(rules.All(), cfg), nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (c *cli) rules(args []string) int {
	fs := c.flags("rules", "[flags]")
	config := fs.String("config", "", "also list the custom rules of this config")
	if st, done := c.parse(fs, args); done {
		return st
	}
	if fs.NArg() > 0 {
		return c.fail(fmt.Errorf("rules takes no arguments"), "to read one rule's doc: inboxlint explain "+fs.Arg(0))
	}
	docs, err := c.ruleDocs(*config)
	if err != nil {
		return c.fail(err)
	}
	width := 0
	for _, d := range docs {
		width = max(width, utf8.RuneCountInString(escape.Line(d.ID)))
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	// custom rules' ids and titles come from a config in the pull request
	for _, d := range docs {
		sev := d.Severity.String()
		if !d.Default {
			sev = "off"
		}
		fmt.Fprintf(c.stdout, "%-*s  %-7s  %s\n", width, escape.Line(d.ID), sev, escape.Controls(d.Title))
	}
	return exitOK
}

func (c *cli) explain(args []string) int {
	fs := c.flags("explain", "RULE")
	config := fs.String("config", "", "also explain the custom rules of this config")
	if st, done := c.parse(fs, args); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.fail(errors.New("explain needs exactly one rule id"), "list them with: inboxlint rules")
	}
	docs, err := c.ruleDocs(*config)
	if err != nil {
		return c.fail(err)
	}
	id := fs.Arg(0)
	for _, d := range docs {
		if d.ID != id {
			continue
		}
		state := "on by default"
		switch {
		case d.Engine:
			state = "always on"
		case !d.Default:
			state = "off by default"
		}
		// a custom rule's doc comes from a config in the pull request: each
		// line is escaped as a line
		fmt.Fprintf(c.stdout, "%s (%s, %s)\n%s\n\n", escape.Line(d.ID), d.Severity, state, escape.Line(d.Title))
		for _, l := range strings.Split(wrap(d.Text, 80), "\n") {
			fmt.Fprintln(c.stdout, escape.Line(l))
		}
		if len(d.Options) > 0 {
			fmt.Fprintln(c.stdout, "\nOptions:")
			for _, o := range d.Options {
				fmt.Fprintf(c.stdout, "  %s (default %s): %s\n", escape.Controls(o.Name), escape.Controls(o.Default), escape.Controls(o.Doc))
			}
		}
		return exitOK
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	hint := "list them with: inboxlint rules"
	if s := render.DidYouMean(render.Nearest(id, ids, 3)); s != "" {
		hint = s
	}
	return c.fail(fmt.Errorf("unknown rule %q", id), hint)
}

// wrap breaks text into lines of at most width bytes at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
		if i > 0 {
			if n+1+len(w) > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
