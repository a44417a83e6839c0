package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/repofs"
)

// starterConfig is the .inboxlint.yaml inboxlint init writes: every key,
// explained, the schema line first so that an editor with the YAML
// language server completes and checks the rest.
const starterConfig = `# yaml-language-server: $schema=` + lint.SchemaURL + `
#
# inboxlint's settings for this repository. A .inboxlint.yaml in a
# subdirectory merges with this one, the nearest winning key by key (root:
# true in one stops the merge there); inboxlint config print FILE shows what
# applies to one template, and where each value came from.

# The sample members every template is rendered for: CSV (comma, semicolon
# or tab separated), JSON or YAML, relative to this file.
members: members.csv

# How lengths are counted: utf16 (as LinkedIn counts), graphemes or
# codepoints.
count: utf16

# The lowest severity that fails the run (exit 1): error, warning, info or
# never. --fail-on overrides it.
fail-on: error

# Which templates to lint, as globs relative to this file (default: every
# .md file with a format key in its front matter, minus what .gitignore
# ignores).
# include: ["ads/**/*.md"]
# exclude: ["ads/archive/**"]

# Configs to build on, relative to this file: their keys apply unless this
# file sets them.
# extends: ../shared/inboxlint.yaml

# Rule settings by id: off, on, a severity, or a mapping with enabled,
# severity and the rule's options (inboxlint rules lists them;
# inboxlint explain RULE documents one).
rules:
  subject-length: {visible: 40}
  # hype: off

# The team's own rules: forbidden and required patterns, substitutions.
custom:
  - id: no-synergy
    kind: forbidden
    pattern: '(?i)\bsynerg(y|ies)\b'
    message: say what the product does instead of "synergy"
    severity: warning
`

// starterMembers is the sample members.csv inboxlint init writes: a few
// members with the lengths that break copy (a long company name, a long
// title, accents, a missing value, personalization off).
const starterMembers = `first_name,last_name,job_title,company_name,industry,personalization
Jordan,Lee,CFO,Acme,Software,on
Alexandra,Konstantinopoulou,Vice President of Financial Planning and Analysis,Northwind Traders International Holdings,Financial Services,on
Zoë,Fischer,Head of Procurement,Müller & Söhne GmbH,Manufacturing,on
Sam,Okafor,,Globex,Retail,on
Priya,Raman,Controller,Initech,Software,off
`

// starterPreCommit is the .pre-commit-config.yaml inboxlint init writes.
const starterPreCommit = `# pre-commit (https://pre-commit.com): inboxlint on the staged templates.
repos:
  - repo: https://github.com/inboxlint/inboxlint
    rev: main # pin a release tag or a commit SHA: pre-commit never updates a branch it has installed
    hooks:
      - id: inboxlint # or inboxlint-strict, to refuse warnings too
        files: ^ads/ # where your templates are
`

// starterWorkflow is the GitHub Actions workflow inboxlint init writes:
// the README's, which .ci/action-test.sh runs under act (a test checks
// they are the same).
const starterWorkflow = `# .github/workflows/inboxlint.yml in a copy repository: lint the ad
# templates on every pull request and push to main, annotate the diff, and
# send the findings to GitHub code scanning.
name: inboxlint

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write # upload-sarif

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - name: Lint ad copy
        id: inboxlint
        uses: inboxlint/inboxlint@main
        with:
          paths: ads
          fail-on: error
          changed-only: true
          sarif-file: inboxlint.sarif

      - name: Upload to code scanning
        if: ${{ !cancelled() && hashFiles('inboxlint.sarif') != '' }}
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: inboxlint.sarif
          category: inboxlint

      - name: Report
        if: ${{ !cancelled() }}
        env:
          ERRORS: ${{ steps.inboxlint.outputs.errors }}
          WARNINGS: ${{ steps.inboxlint.outputs.warnings }}
        run: echo "inboxlint found $ERRORS errors and $WARNINGS warnings"
`

// starterFiles are what init writes, in order.
var starterFiles = []struct{ name, data string }{
	{lint.ConfigName, starterConfig},
	{"members.csv", starterMembers},
	{".pre-commit-config.yaml", starterPreCommit},
	{filepath.Join(".github", "workflows", "inboxlint.yml"), starterWorkflow},
}

// initCmd is "inboxlint init [DIR]": the starter files, in DIR (default
// the current directory), each written only where no file of that name
// exists.
func (c *cli) initCmd(args []string) int {
	fs := c.flags("init", "[flags] [DIR]")
	if st, done := c.parse(fs, args); done {
		return st
	}
	if fs.NArg() > 1 {
		return c.fail(errors.New("init takes at most one directory"))
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	root, err := repofs.Open(repofs.FindRoot(dir))
	if err != nil {
		return c.fail(fmt.Errorf("cannot open the repository root: %w", err))
	}
	defer root.Close()
	status, wrote := exitOK, 0
	for _, f := range starterFiles {
		p := filepath.Join(dir, f.name)
		err := root.CreateFile(p, []byte(f.data))
		switch {
		case errors.Is(err, repofs.ErrExists):
			c.errLine("inboxlint: ", err.Error())
		case err != nil:
			c.printErr(err)
			status = exitError
		default:
			fmt.Fprintf(c.stdout, "wrote %s\n", filepath.ToSlash(p))
			wrote++
		}
	}
	if status == exitOK && wrote > 0 {
		fmt.Fprintln(c.stdout, "next: edit members.csv and .inboxlint.yaml, then run inboxlint lint")
	}
	return status
}
