package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/preview"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/rules"
)

// defaultAddr is where preview --serve listens: loopback, so the copy in
// the repository is not served to the network unless asked for.
const defaultAddr = "127.0.0.1:8080"

func (c *cli) preview(args []string) int {
	fs := c.flags("preview", "[flags] [path ...]")
	out := fs.StringP("output", "o", "", "write the page to this file (default: standard output)")
	config := fs.String("config", "", "use this config file instead of the nearest .inboxlint.yaml")
	members := fs.String("members", "", "sample members file (CSV, JSON or YAML)")
	member := fs.String("member", "", "only this member: a name (or part of one) or a 1-based number")
	variant := fs.String("variant", "", "only this variant")
	serve := fs.Bool("serve", false, "serve a live preview that updates when the files change")
	addr := fs.String("addr", defaultAddr, "with --serve: the address to listen on")
	if st, done := c.parse(fs, args); done {
		return st
	}
	if *serve && fs.Changed("output") {
		return c.fail(errors.New("--serve and -o cannot be used together"), "the server makes the page on each request; without --serve, -o writes it to a file")
	}
	if fs.Changed("addr") && !*serve {
		return c.fail(errors.New("--addr needs --serve"))
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	opts := lint.Options{Rules: rules.All(), ConfigFile: *config, MembersFile: *members, KeepSources: true}
	popts := preview.Options{Rules: opts.Rules, ConfigFile: *config, Member: *member, Variant: *variant, Title: "inboxlint preview"}
	if *serve {
		return c.servePreview(*addr, opts, popts, paths)
	}
	eng, err := lint.NewEngine(opts)
	if err != nil {
		return c.fail(err)
	}
	res := eng.Run(paths)
	page, err := preview.Build(eng, res, popts)
	if err != nil {
		return c.fail(err)
	}
	// as lint does, a run that rendered nothing because of errors prints
	// only them
	if res.Files > 0 || len(res.Errors) == 0 {
		if err := c.writePage(eng.Root(), *out, page); err != nil {
			return c.fail(err)
		}
	}
	for _, e := range res.Errors {
		c.printErr(e)
	}
	if len(res.Errors) > 0 {
		return exitError
	}
	return exitOK
}

// writePage writes the page to path, atomically and by the repository's
// rules for links and devices (repofs), or to standard output.
func (c *cli) writePage(root *repofs.Root, path string, page *preview.Page) error {
	if path == "" || path == "-" {
		if err := preview.Write(c.stdout, page); err != nil {
			return fmt.Errorf("cannot write output: %w", err)
		}
		return nil
	}
	var buf bytes.Buffer
	if err := preview.Write(&buf, page); err != nil {
		return err
	}
	return root.WriteFile(path, buf.Bytes())
}

func (c *cli) servePreview(addr string, opts lint.Options, popts preview.Options, paths []string) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return c.fail(fmt.Errorf("cannot listen on %s: %w", addr, unwrapNet(err)), "choose another port with --addr 127.0.0.1:PORT (port 0 picks a free one)")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := preview.NewServer(preview.ServeOptions{Lint: opts, Preview: popts, Paths: paths, Log: c.stderr})
	fmt.Fprintf(c.stderr, "inboxlint: serving the preview at http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintln(c.stderr, "hint: this address is reachable from other machines, which then see the copy; the default is "+defaultAddr)
	}
	if err := srv.Run(ctx, ln); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(c.stderr, "inboxlint: stopped")
	return exitOK
}

func unwrapNet(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// htmlFormat is lint --format html: the preview page for the run, as a
// review artifact (the GitHub Action's html-file). It renders with the
// run's own engine, so the page uses the configs and members the findings
// came from.
type htmlFormat struct {
	eng    *lint.Engine
	rules  []lint.Rule
	config string
}

// Format implements lint.Formatter.
func (h htmlFormat) Format(w io.Writer, res *lint.Result) error {
	page, err := preview.Build(h.eng, res, preview.Options{Rules: h.rules, ConfigFile: h.config, Title: "inboxlint preview"})
	if err != nil {
		return err
	}
	return preview.Write(w, page)
}

// newFormatter is lint.NewFormatter plus html, which lives in the preview
// package because it renders every file, not only the findings; the
// engine must have been made with KeepSources for it.
func newFormatter(name string, eng *lint.Engine, config string, fo lint.FormatOptions) (lint.Formatter, error) {
	if name == "html" {
		return htmlFormat{eng: eng, rules: fo.Rules, config: config}, nil
	}
	f, err := lint.NewFormatter(name, fo)
	if err != nil {
		return nil, fmt.Errorf("unknown format %q: use %s", name, joinFormats())
	}
	return f, nil
}

// formatNames are lint's output formats with html.
func formatNames() []string {
	names := append(lint.FormatNames(), "html")
	sort.Strings(names)
	return names
}

func joinFormats() string {
	names := formatNames()
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " or "
		default:
			s += ", "
		}
		s += n
	}
	return s
}
