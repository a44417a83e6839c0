package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/rules"
)

// configCmd is "inboxlint config print FILE".
func (c *cli) configCmd(args []string) int {
	if len(args) == 0 || args[0] != "print" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(c.stdout, commandHelp["config"])
			return exitOK
		}
		return c.fail(errors.New("config needs a subcommand: print"), "inboxlint config print FILE prints the effective config for one template")
	}
	fs := c.flags("config print", "[flags] FILE")
	config := fs.String("config", "", "use this config file instead of the nearest .inboxlint.yaml")
	if st, done := c.parse(fs, args[1:]); done {
		return st
	}
	if fs.NArg() != 1 {
		return c.fail(errors.New("config print needs exactly one file"), "inboxlint config print ads/webinar.md")
	}
	return c.printConfig(fs.Arg(0), *config)
}

// printConfig prints the effective config for file: config print and
// lint --print-config.
func (c *cli) printConfig(file, config string) int {
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: config})
	if err != nil {
		return c.fail(err)
	}
	defer eng.Close()
	if !eng.Root().Contains(file) {
		return c.fail(fmt.Errorf("%s: the file is outside the repository", file), "run inboxlint from the repository that holds the file")
	}
	cfg, err := eng.ConfigFor(file)
	if err != nil {
		return c.fail(err)
	}
	if err := writeConfig(c.stdout, file, cfg); err != nil {
		return c.fail(fmt.Errorf("cannot write output: %w", err))
	}
	return exitOK
}

// writeConfig writes cfg as YAML that is itself a valid config, each
// value followed by a comment naming the file and line it came from, or
// "default". Values come from configs in the pull request: every line is
// escaped.
func writeConfig(w io.Writer, file string, cfg *lint.Config) error {
	var b strings.Builder
	line := func(indent int, text, origin string) {
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", indent), escape.Controls(text))
		if origin != "" {
			fmt.Fprintf(&b, "  # %s", escape.Controls(origin))
		}
		b.WriteByte('\n')
	}
	from := func(key string) string {
		if o, ok := cfg.Origins[key]; ok {
			return filepath.ToSlash(o.String())
		}
		return "default"
	}
	fmt.Fprintf(&b, "# effective config for %s\n", escape.Controls(filepath.ToSlash(file)))
	if len(cfg.Files) == 0 {
		b.WriteString("# no .inboxlint.yaml applies: the defaults\n")
	} else {
		files := make([]string, len(cfg.Files))
		for i, f := range cfg.Files {
			files[i] = filepath.ToSlash(f)
		}
		fmt.Fprintf(&b, "# merged from, the later winning: %s\n", escape.Controls(strings.Join(files, ", ")))
	}
	rel := func(p string) string {
		if r, err := filepath.Rel(cfg.Dir, p); err == nil && cfg.Dir != "" {
			return filepath.ToSlash(r)
		}
		return filepath.ToSlash(p)
	}
	if cfg.Members != "" {
		line(0, "members: "+quote(rel(cfg.Members)), from("members"))
	} else {
		line(0, "members: \"\"", "default: the built-in members")
	}
	line(0, "count: "+cfg.Count.String(), from("count"))
	failOn := cfg.FailOn
	if failOn == 0 {
		failOn = lint.FailOnError
	}
	line(0, "fail-on: "+failOn.String(), from("fail-on"))
	globs := func(key string, g []string, dir string) {
		if len(g) == 0 {
			line(0, key+": []", from(key))
			return
		}
		qs := make([]string, len(g))
		for i, s := range g {
			qs[i] = quote(s)
		}
		origin := from(key)
		if d := filepath.ToSlash(dir); d != "" && d != "." {
			origin += ", relative to " + d
		}
		line(0, key+": ["+strings.Join(qs, ", ")+"]", origin)
	}
	globs("include", cfg.Include, cfg.IncludeDir)
	globs("exclude", cfg.Exclude, cfg.ExcludeDir)
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		line(0, "rules: {}", "default")
	} else {
		line(0, "rules:", "")
	}
	for _, id := range ids {
		rc := cfg.Rules[id]
		line(1, quote(id)+":", from("rules."+id))
		if rc.Enabled != nil {
			line(2, fmt.Sprintf("enabled: %v", *rc.Enabled), from("rules."+id+".enabled"))
		}
		if rc.Severity != 0 {
			line(2, "severity: "+rc.Severity.String(), from("rules."+id+".severity"))
		}
		if rc.Options != nil {
			for i := 0; i+1 < len(rc.Options.Content); i += 2 {
				k, v := rc.Options.Content[i], rc.Options.Content[i+1]
				line(2, quote(k.Value)+": "+flow(v), from("rules."+id+"."+k.Value))
			}
		}
	}
	if len(cfg.Custom) == 0 {
		line(0, "custom: []", "default")
	} else {
		line(0, "custom:", "")
	}
	for _, s := range cfg.Custom {
		line(1, "- id: "+quote(s.ID), from("custom."+s.ID))
		line(2, "kind: "+s.Kind.String(), "")
		if s.Pattern != nil {
			line(2, "pattern: "+quote(s.Pattern.String()), "")
		}
		if len(s.Replace) > 0 {
			line(2, "replace:", "")
			for _, r := range s.Replace {
				line(3, quote(r.Wrong.String())+": "+quote(r.Right), "")
			}
		}
		if s.Message != "" {
			line(2, "message: "+quote(s.Message), "")
		}
		line(2, "severity: "+s.Severity.String(), "")
		line(2, "scope: ["+s.Scope.String()+"]", "")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// quote writes s as a YAML double-quoted scalar when it needs it.
func quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// flow writes a YAML value on one line.
func flow(n *yaml.Node) string {
	c := *n
	setFlow(&c)
	out, err := yaml.Marshal(&c)
	if err != nil {
		return quote(n.Value)
	}
	return strings.TrimSpace(string(out))
}

func setFlow(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode {
		n.Style = yaml.FlowStyle
	}
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for i, k := range n.Content {
		cp := *k
		setFlow(&cp)
		n.Content[i] = &cp
	}
}
