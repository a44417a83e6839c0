package main

import (
	"os"
	"strings"
	"testing"
)

const (
	readmeFile = "../../README.md"
	flagsBegin = "<!-- flags:begin: generated from the flag definitions by go test ./cmd/inboxlint -run TestREADMEFlags -update -->\n"
	flagsEnd   = "<!-- flags:end -->"
)

// TestREADMEFlags fails when the README's flags tables are not what the
// commands' flag definitions give: a flag was added, renamed or reworded
// without -update.
func TestREADMEFlags(t *testing.T) {
	data, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i, j := strings.Index(text, flagsBegin), strings.Index(text, flagsEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q block", strings.TrimSpace(flagsBegin), strings.TrimSpace(flagsEnd))
	}
	want := flagsTable() + "\n"
	got := text[i+len(flagsBegin) : j]
	if got == want {
		return
	}
	if *update {
		text = text[:i+len(flagsBegin)] + want + text[j:]
		if err := os.WriteFile(readmeFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's flags tables are stale: run go test ./cmd/inboxlint -run TestREADMEFlags -update")
}

// Every flag of every command is in the tables.
func TestFlagsTableHasEveryFlag(t *testing.T) {
	table := flagsTable()
	for _, cmd := range commandList() {
		for _, f := range flagsOf(cmd.fs) {
			if !strings.Contains(table, "`--"+f.Name) {
				t.Errorf("%s --%s is not in the table", cmd.name, f.Name)
			}
		}
	}
}
