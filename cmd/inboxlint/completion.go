package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// completion is "inboxlint completion bash|zsh|fish": a completion script
// written from the commands' flag definitions (flagsets.go), so that it
// offers exactly the flags each command parses, and the values of those
// that take one of a list (formats, severities, rule ids).
func (c *cli) completion(args []string) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(c.stdout, "Usage: inboxlint completion bash|zsh|fish\n\nPrints a shell completion script. Load it with:\n  bash: source <(inboxlint completion bash)   (or save it in ~/.local/share/bash-completion/completions/inboxlint)\n  zsh:  inboxlint completion zsh > \"${fpath[1]}/_inboxlint\"\n  fish: inboxlint completion fish > ~/.config/fish/completions/inboxlint.fish\n")
		fmt.Fprint(c.stdout, exitCodes)
		return exitOK
	}
	if len(args) != 1 {
		return c.fail(errors.New("completion needs one shell: bash, zsh or fish"))
	}
	var err error
	switch args[0] {
	case "bash":
		err = writeBashCompletion(c.stdout)
	case "zsh":
		err = writeZshCompletion(c.stdout)
	case "fish":
		err = writeFishCompletion(c.stdout)
	default:
		return c.fail(fmt.Errorf("unknown shell %q: use bash, zsh or fish", args[0]))
	}
	if err != nil {
		return c.fail(fmt.Errorf("cannot write output: %w", err))
	}
	return exitOK
}

func commandNames() []string {
	var names []string
	for _, cmd := range commandList() {
		names = append(names, cmd.name)
	}
	return names
}

func writeBashCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`# bash completion for inboxlint, written by: inboxlint completion bash
_inboxlint() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		mapfile -t COMPREPLY < <(compgen -W "` + strings.Join(commandNames(), " ") + `" -- "$cur")
		return
	fi
	case ${COMP_WORDS[1]} in
`)
	for _, cmd := range commandList() {
		switch cmd.name {
		case "completion":
			fmt.Fprintf(&b, "\tcompletion) mapfile -t COMPREPLY < <(compgen -W \"bash zsh fish\" -- \"$cur\") ;;\n")
			continue
		case "editor-setup":
			fmt.Fprintf(&b, "\teditor-setup) mapfile -t COMPREPLY < <(compgen -W \"%s\" -- \"$cur\") ;;\n", strings.Join(editorNames(), " "))
			continue
		case "help":
			fmt.Fprintf(&b, "\thelp) mapfile -t COMPREPLY < <(compgen -W \"%s\" -- \"$cur\") ;;\n", strings.Join(commandNames(), " "))
			continue
		}
		fmt.Fprintf(&b, "\t%s)\n\t\tcase $prev in\n", cmd.name)
		var names []string
		for _, f := range flagsOf(cmd.fs) {
			names = append(names, "--"+f.Name)
			if f.Shorthand != "" {
				names = append(names, "-"+f.Shorthand)
			}
			if !takesValue(f) {
				continue
			}
			pat := "--" + f.Name
			if f.Shorthand != "" {
				pat += "|-" + f.Shorthand
			}
			switch vals := flagValues(cmd.name, f.Name); {
			case vals != nil:
				fmt.Fprintf(&b, "\t\t%s) mapfile -t COMPREPLY < <(compgen -W \"%s\" -- \"$cur\"); return ;;\n", pat, strings.Join(vals, " "))
			case fileFlag(cmd.name, f.Name):
				fmt.Fprintf(&b, "\t\t%s) mapfile -t COMPREPLY < <(compgen -f -- \"$cur\"); return ;;\n", pat)
			default:
				fmt.Fprintf(&b, "\t\t%s) return ;;\n", pat)
			}
		}
		b.WriteString("\t\tesac\n")
		if len(names) > 0 {
			fmt.Fprintf(&b, "\t\tif [[ $cur == -* ]]; then\n\t\t\tmapfile -t COMPREPLY < <(compgen -W \"%s --help\" -- \"$cur\")\n\t\t\treturn\n\t\tfi\n", strings.Join(names, " "))
		}
		b.WriteString("\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n\t\t;;\n")
	}
	b.WriteString("\tesac\n}\ncomplete -o filenames -o bashdefault -F _inboxlint inboxlint\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// zshQuote escapes text for a zsh _arguments description in single quotes.
func zshQuote(s string) string {
	r := strings.NewReplacer("'", `'\''`, "[", `\[`, "]", `\]`, ":", `\:`)
	return r.Replace(s)
}

func writeZshCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString("#compdef inboxlint\n# zsh completion for inboxlint, written by: inboxlint completion zsh\n_inboxlint() {\n\tlocal -a commands\n\tcommands=(\n")
	for _, cmd := range commandList() {
		fmt.Fprintf(&b, "\t\t'%s:%s'\n", cmd.name, zshQuote(cmd.summary))
	}
	b.WriteString("\t)\n\tif (( CURRENT == 2 )); then\n\t\t_describe 'command' commands\n\t\treturn\n\tfi\n\tcase $words[2] in\n")
	for _, cmd := range commandList() {
		switch cmd.name {
		case "completion":
			b.WriteString("\tcompletion) _values 'shell' bash zsh fish ;;\n")
			continue
		case "editor-setup":
			fmt.Fprintf(&b, "\teditor-setup) _values 'editor' %s ;;\n", strings.Join(editorNames(), " "))
			continue
		case "help":
			b.WriteString("\thelp) _describe 'command' commands ;;\n")
			continue
		}
		fmt.Fprintf(&b, "\t%s)\n\t\t_arguments -s \\\n", cmd.name)
		for _, f := range flagsOf(cmd.fs) {
			spec := zshQuote(f.Usage)
			action := ""
			if takesValue(f) {
				switch vals := flagValues(cmd.name, f.Name); {
				case vals != nil:
					action = fmt.Sprintf(":%s:(%s)", f.Name, strings.Join(vals, " "))
				case fileFlag(cmd.name, f.Name):
					action = fmt.Sprintf(":%s:_files", f.Name)
				default:
					action = fmt.Sprintf(":%s: ", f.Name)
				}
			}
			if f.Shorthand != "" {
				fmt.Fprintf(&b, "\t\t\t'(-%s --%s)'{-%s,--%s}'[%s]%s' \\\n", f.Shorthand, f.Name, f.Shorthand, f.Name, spec, action)
			} else {
				fmt.Fprintf(&b, "\t\t\t'--%s[%s]%s' \\\n", f.Name, spec, action)
			}
		}
		b.WriteString("\t\t\t'--help[print the help]' \\\n\t\t\t'*:file:_files'\n\t\t;;\n")
	}
	b.WriteString("\tesac\n}\nif [ \"$funcstack[1]\" = \"_inboxlint\" ]; then\n\t_inboxlint \"$@\"\nelse\n\tcompdef _inboxlint inboxlint\nfi\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// fishQuote escapes text for fish in single quotes.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

func writeFishCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# fish completion for inboxlint, written by: inboxlint completion fish\ncomplete -c inboxlint -f\n")
	for _, cmd := range commandList() {
		fmt.Fprintf(&b, "complete -c inboxlint -n __fish_use_subcommand -a %s -d %s\n", cmd.name, fishQuote(cmd.summary))
	}
	b.WriteString("complete -c inboxlint -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	fmt.Fprintf(&b, "complete -c inboxlint -n '__fish_seen_subcommand_from editor-setup' -a %s\n", fishQuote(strings.Join(editorNames(), " ")))
	fmt.Fprintf(&b, "complete -c inboxlint -n '__fish_seen_subcommand_from help' -a %s\n", fishQuote(strings.Join(commandNames(), " ")))
	for _, cmd := range commandList() {
		cond := fishQuote("__fish_seen_subcommand_from " + cmd.name)
		if cmd.fs != nil && cmd.args != "" && !strings.HasSuffix(cmd.args, "[flags]") {
			fmt.Fprintf(&b, "complete -c inboxlint -n %s -F\n", cond)
		}
		for _, f := range flagsOf(cmd.fs) {
			fmt.Fprintf(&b, "complete -c inboxlint -n %s -l %s", cond, f.Name)
			if f.Shorthand != "" {
				fmt.Fprintf(&b, " -s %s", f.Shorthand)
			}
			if takesValue(f) {
				switch vals := flagValues(cmd.name, f.Name); {
				case vals != nil:
					fmt.Fprintf(&b, " -x -a %s", fishQuote(strings.Join(vals, " ")))
				case fileFlag(cmd.name, f.Name):
					b.WriteString(" -r -F")
				default:
					b.WriteString(" -x")
				}
			}
			fmt.Fprintf(&b, " -d %s\n", fishQuote(f.Usage))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
