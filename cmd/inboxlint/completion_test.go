package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// complete sources the bash completion script and completes words (the
// last one being typed), returning the candidates, one a line.
func complete(t *testing.T, script string, words ...string) []string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
	}
	prog := "set -u\nsource " + script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
		strconv.Itoa(len(words)-1) + "\n_inboxlint\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
	cmd.Dir = t.TempDir()
	for _, f := range []string{"ad.md", "members.csv"} {
		if err := os.WriteFile(filepath.Join(cmd.Dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	return strings.Fields(string(out))
}

func TestCompletionBash(t *testing.T) {
	var out bytes.Buffer
	if st := run([]string{"completion", "bash"}, nil, &out, &out); st != 0 {
		t.Fatalf("status %d: %s", st, out.String())
	}
	script := filepath.Join(t.TempDir(), "inboxlint.bash")
	if err := os.WriteFile(script, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"inboxlint", "l"}, "lint lsp"},
		{[]string{"inboxlint", "co"}, "config completion"},
		{[]string{"inboxlint", "lint", "--fo"}, "--format"},
		{[]string{"inboxlint", "lint", "--max"}, "--max-warnings"},
		{[]string{"inboxlint", "lint", "--format", ""}, "github html json sarif summary text unix vim"},
		{[]string{"inboxlint", "lint", "--fail-on", "w"}, "warning"},
		{[]string{"inboxlint", "lint", "--color", ""}, "auto always never"},
		{[]string{"inboxlint", "lint", "--enable", "subject-l"}, "subject-length"},
		{[]string{"inboxlint", "lint", "--output", "sa"}, "sarif="},
		{[]string{"inboxlint", "lint", "--members", "mem"}, "members.csv"},
		{[]string{"inboxlint", "lint", "a"}, "ad.md"},
		{[]string{"inboxlint", "lint", "-j", ""}, ""},
		{[]string{"inboxlint", "render", "--format", ""}, "text dot mermaid"},
		{[]string{"inboxlint", "preview", "--se"}, "--serve"},
		{[]string{"inboxlint", "config", "--con"}, "--config"},
		{[]string{"inboxlint", "completion", ""}, "bash zsh fish"},
		{[]string{"inboxlint", "help", "ex"}, "explain"},
	}
	for _, tt := range tests {
		got := strings.Join(complete(t, script, tt.words...), " ")
		if got != tt.want {
			t.Errorf("complete %q = %q, want %q", tt.words, got, tt.want)
		}
	}
}

// Every flag each command defines is in every script: the scripts are
// written from the flag sets, not kept by hand.
func TestCompletionCoversEveryFlag(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		var out bytes.Buffer
		if st := run([]string{"completion", shell}, nil, &out, &out); st != 0 {
			t.Fatalf("%s: status %d: %s", shell, st, out.String())
		}
		for _, cmd := range commandList() {
			for _, f := range flagsOf(cmd.fs) {
				want := "--" + f.Name
				if shell == "fish" {
					want = "-l " + f.Name
				}
				if !strings.Contains(out.String(), want) {
					t.Errorf("%s: no %s for %s", shell, want, cmd.name)
				}
			}
		}
		if path, err := exec.LookPath(shell); err == nil && shell != "bash" {
			f := filepath.Join(t.TempDir(), "c")
			if err := os.WriteFile(f, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if msg, err := exec.Command(path, "-n", f).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, msg)
			}
		}
	}
	var out, errOut bytes.Buffer
	if st := run([]string{"completion", "tcsh"}, nil, &out, &errOut); st != exitError || !strings.Contains(errOut.String(), `unknown shell "tcsh": use bash, zsh or fish`) {
		t.Errorf("completion tcsh: status %d, stderr %q", st, errOut.String())
	}
}
