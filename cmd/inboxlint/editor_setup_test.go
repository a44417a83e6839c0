package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editor-setup prints each editor's file byte for byte (the file
// .ci/nvim-test.sh runs in the real editor), and every file in editors/ is
// some editor's.
func TestEditorSetupPrintsTheFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("editors", "*"))
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string]bool{}
	for _, e := range editors {
		want, err := os.ReadFile(filepath.Join("editors", e.file))
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		var out, errOut bytes.Buffer
		if st := run([]string{"editor-setup", e.name}, nil, &out, &errOut); st != exitOK || errOut.Len() > 0 {
			t.Errorf("editor-setup %s: status %d, stderr %q", e.name, st, errOut.String())
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("editor-setup %s printed %d bytes, not editors/%s (%d bytes)", e.name, out.Len(), e.file, len(want))
		}
		printed[filepath.Join("editors", e.file)] = true
	}
	for _, f := range files {
		if !printed[f] {
			t.Errorf("%s is no editor's: add it to editors in editor_setup.go", f)
		}
	}
}

func TestEditorSetupErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"editor-setup", "emac"}, "inboxlint: unknown editor \"emac\"\nhint: did you mean \"emacs\"?\n"},
		{[]string{"editor-setup", "notepad"}, "inboxlint: unknown editor \"notepad\"\nhint: the editors are neovim, vim, emacs, vscode, helix\n"},
		{[]string{"editor-setup"}, "inboxlint: editor-setup needs exactly one editor\nhint: the editors are neovim, vim, emacs, vscode, helix\n"},
		{[]string{"editor-setup", "vim", "emacs"}, "inboxlint: editor-setup needs exactly one editor\nhint: the editors are neovim, vim, emacs, vscode, helix\n"},
		{[]string{"editor-setup", "\x1b[2Jvim"}, "inboxlint: unknown editor \"\\x1b[2Jvim\"\nhint: the editors are neovim, vim, emacs, vscode, helix\n"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		st := run(tt.args, nil, &out, &errOut)
		if st != exitError || out.Len() > 0 || errOut.String() != tt.want {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want 2, nothing, %q", tt.args, st, out.String(), errOut.String(), tt.want)
		}
	}
}

// The README's Helix recipe is the file editor-setup prints (the others
// are checked by .ci/nvim-test.sh, which also runs them).
func TestREADMEHelixRecipe(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("editors", "languages.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i := strings.Index(s, "#### Helix")
	if i < 0 {
		t.Fatal("README.md has no #### Helix section")
	}
	j := strings.Index(s[i:], "```toml\n")
	if j < 0 {
		t.Fatal("README.md's Helix section has no toml block")
	}
	block, _, found := strings.Cut(s[i+j+len("```toml\n"):], "```")
	if !found {
		t.Fatal("README.md's Helix toml block does not end")
	}
	if block != string(want) {
		t.Errorf("README.md's Helix block differs from editors/languages.toml:\n%s", block)
	}
}
