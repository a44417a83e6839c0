package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint"
)

// The rule cards' prose lives in docs/<id>.md, one Markdown file per rule,
// so that it is written and reviewed as prose and a Markdown linter can
// read it. A file is
//
//	---
//	severity: warning
//	default: true
//	---
//
//	# the card's title
//
//	The card's text, wrapped at will: its lines are joined
//	with single spaces.
//
//	## Options
//
//	- `max`: what the option does, wrapped at will, the lines after
//	  the first indented by two spaces
//	- `words`: what the next option does
//
// The front matter holds exactly the keys severity (error, warning or
// info) and default (true or false), one "key: value" a line, read here
// without a YAML parser. The title is the one level-1 heading and the text
// the one paragraph after it; the rule's id is the file's name. A rule
// with options documents each, and nothing else, in the Options section
// that ends the file, in the order of its options struct's fields: one
// list item per option, its name in backticks, then what it does (lower
// case, no period). The default is not written here: it is the value the
// rule is made with in All, and lint.OptionDocs joins the two. The prose
// (title, text, options) is plain text: a backslash before ASCII
// punctuation (\* \_ \` \<) keeps the character literal, as Markdown does,
// so that the file renders as the text the card holds; no other markup is
// allowed (TestDocFiles renders every file to check it, and compares the
// Options with the rule's options struct).
//
// The files are parsed once per process, on the first rules.All, at a
// cost of microseconds (BenchmarkParseDocFiles). A file that does not
// parse is a programming error that TestDocFiles reports with its line;
// at run time its rule gets the card as far as it parsed, which
// lint.Validate refuses at start-up, rather than a panic.

// optionsHeading opens a card's Options section.
const optionsHeading = "## Options"

//go:embed docs/*.md
var docFS embed.FS

// docSet is every doc file parsed, by rule id, and the errors found.
type docSet struct {
	docs map[string]lint.Doc
	errs []error
}

// docFiles parses the embedded doc files, once.
var docFiles = sync.OnceValue(func() docSet { return parseDocFS(docFS) })

// parseDocFS parses every docs/*.md file of fsys.
func parseDocFS(fsys fs.FS) docSet {
	set := docSet{docs: map[string]lint.Doc{}}
	names, err := fs.Glob(fsys, "docs/*.md")
	if err != nil {
		set.errs = append(set.errs, err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			set.errs = append(set.errs, err)
			continue
		}
		d, err := parseDoc(name, string(data))
		if err != nil {
			set.errs = append(set.errs, err)
		}
		set.docs[d.ID] = d
	}
	return set
}

// ruleDoc is the card of the rule id, from docs/<id>.md: just the id when
// there is no such file, which lint.Validate refuses.
func ruleDoc(id string) lint.Doc {
	if d, ok := docFiles().docs[id]; ok {
		return d
	}
	return lint.Doc{ID: id}
}

// parseDoc reads one doc file, named name (docs/<id>.md), into a card
// whose Options, if any, have a name and a doc but no default. On an
// error it returns the card as far as it was read, and an error that
// names the file and line.
func parseDoc(name, src string) (lint.Doc, error) {
	d := lint.Doc{ID: strings.TrimSuffix(path.Base(name), ".md")}
	lines := strings.Split(src, "\n")
	n := 0 // lines[n] is line n+1
	fail := func(format string, args ...any) (lint.Doc, error) {
		return d, fmt.Errorf("%s:%d: %s", name, n+1, fmt.Sprintf(format, args...))
	}
	if !strings.HasSuffix(src, "\n") {
		n = len(lines) - 1
		return fail("the file must end with a line break")
	}
	lines = lines[:len(lines)-1]
	for i, l := range lines {
		if l != strings.TrimRight(l, " \t\r") {
			n = i
			return fail("the line ends in white space")
		}
	}
	line := func() string {
		if n < len(lines) {
			return lines[n]
		}
		return ""
	}
	more := func() bool { return n < len(lines) }

	if !more() || line() != "---" {
		return fail("the file must start with front matter: a line ---, then severity and default")
	}
	seen := map[string]bool{}
	for n++; ; n++ {
		if !more() {
			return fail("the front matter has no closing ---")
		}
		l := line()
		if l == "---" {
			break
		}
		key, value, ok := strings.Cut(l, ": ")
		switch {
		case !ok:
			return fail("front matter lines are key: value, not %q", l)
		case seen[key]:
			return fail("%s is set twice", key)
		}
		seen[key] = true
		switch key {
		case "severity":
			sev, err := lint.ParseSeverity(value)
			if err != nil {
				return fail("%v", err)
			}
			d.Severity = sev
		case "default":
			switch value {
			case "true":
				d.Default = true
			case "false":
				d.Default = false
			default:
				return fail("default is %q: use true or false", value)
			}
		default:
			return fail("unknown key %q: the front matter holds severity and default", key)
		}
	}
	for _, key := range []string{"severity", "default"} {
		if !seen[key] {
			return fail("the front matter has no %s", key)
		}
	}
	n++
	if line() != "" || !more() {
		return fail("a blank line, then the title as a # heading, must follow the front matter")
	}
	n++
	title, ok := strings.CutPrefix(line(), "# ")
	if !ok || strings.TrimSpace(title) == "" {
		return fail("the title must be a level-1 heading: # title")
	}
	var err error
	if d.Title, err = unescapeDoc(title); err != nil {
		return fail("%v", err)
	}
	n++
	if !more() {
		return fail("the text must follow the title after one blank line")
	}
	if line() != "" {
		return fail("a blank line, then the text, must follow the title")
	}
	n++
	if !more() || line() == "" {
		return fail("the text must follow the title after one blank line")
	}
	start := n
	for ; more() && line() != ""; n++ {
	}
	text := strings.Join(lines[start:n], " ")
	if d.Text, err = unescapeDoc(text); err != nil {
		n = start
		return fail("%v", err)
	}
	if !more() {
		return d, nil
	}
	blank := n
	for ; more() && line() == ""; n++ {
	}
	switch {
	case !more():
		n = blank
		return fail("the file must end with the text, not with blank lines")
	case strings.HasPrefix(line(), "#") && line() != optionsHeading:
		return fail("the only section after the text is %s, not %q", optionsHeading, line())
	case line() != optionsHeading:
		return fail("the text must be one paragraph: the card has no room for a second")
	case n != blank+1:
		return fail("one blank line, then %s, must follow the text", optionsHeading)
	}
	n++
	if line() != "" || !more() {
		return fail("a blank line, then the options as a list, must follow %s", optionsHeading)
	}
	n++
	if !more() {
		return fail("the options must follow %s, one list item each", optionsHeading)
	}
	seen = map[string]bool{}
	for more() {
		item, ok := strings.CutPrefix(line(), "- `")
		opt, first, ok2 := strings.Cut(item, "`: ")
		if !ok || !ok2 || opt == "" || strings.ContainsAny(opt, " `") || strings.TrimSpace(first) == "" {
			return fail("an option is a list item, - `name`: what it does, not %q", line())
		}
		if seen[opt] {
			return fail("option %s is documented twice", opt)
		}
		seen[opt] = true
		at := n
		parts := []string{first}
		for n++; more() && strings.HasPrefix(line(), "  "); n++ {
			cont := line()[2:]
			if strings.HasPrefix(cont, " ") {
				return fail("an option's doc goes on in lines indented by two spaces")
			}
			parts = append(parts, cont)
		}
		o := lint.Option{Name: opt}
		if o.Doc, err = unescapeDoc(strings.Join(parts, " ")); err != nil {
			n = at
			return fail("%v", err)
		}
		d.Options = append(d.Options, o)
		if more() && line() == "" {
			return fail("the options are one list, the end of the file: no blank line in or after it")
		}
	}
	return d, nil
}

// unescapeDoc drops the backslash of Markdown's escapes (a backslash
// before ASCII punctuation) from a doc file's prose; any other backslash
// is an error, as it would show in the rendered file.
func unescapeDoc(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 >= len(s) || !isASCIIPunct(s[i+1]) {
			return "", fmt.Errorf(`a backslash escapes ASCII punctuation only (\* \_ \<); write \\ for a backslash`)
		}
		i++
		b.WriteByte(s[i])
	}
	return b.String(), nil
}

// isASCIIPunct reports whether c is ASCII punctuation, which Markdown lets
// a backslash escape.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
