package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// flagsTable is the README's flags reference: a table per command, written
// from the flag sets the commands define (flagsets.go), so that it cannot
// drift from them; TestREADMEFlags fails when the README's copy is stale.
func flagsTable() string {
	var b strings.Builder
	for _, cmd := range commandList() {
		flags := flagsOf(cmd.fs)
		if len(flags) == 0 {
			continue
		}
		args := strings.TrimSpace(strings.TrimPrefix(cmd.args, "[flags]"))
		fmt.Fprintf(&b, "`%s`\n\n| flag | default | meaning |\n|---|---|---|\n", strings.TrimSpace("inboxlint "+cmd.fs.Name()+" "+args))
		for _, f := range flags {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", flagName(cmd.name, f), flagDefault(f), mdCell(f.Usage))
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func flagName(cmd string, f *pflag.Flag) string {
	name := "`--" + f.Name
	if takesValue(f) {
		name += " " + strings.ToUpper(valueWord(cmd, f))
	}
	name += "`"
	if f.Shorthand != "" {
		name = "`-" + f.Shorthand + "`, " + name
	}
	return name
}

// valueWord names a flag's value in the table: FILE, N, LIST, VALUE.
func valueWord(cmd string, f *pflag.Flag) string {
	switch {
	case cmd == "lint" && f.Name == "output":
		return "format=file"
	case fileFlag(cmd, f.Name):
		return "file"
	}
	switch f.Value.Type() {
	case "int":
		return "n"
	case "stringSlice", "stringArray":
		return "list"
	}
	return "value"
}

func flagDefault(f *pflag.Flag) string {
	switch {
	case !takesValue(f):
		return "off"
	case f.DefValue == "" || f.DefValue == "[]" || f.DefValue == "0" && f.Name == "jobs":
		return ""
	}
	return "`" + f.DefValue + "`"
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
