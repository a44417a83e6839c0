package lint_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// TestKeepSources: by default only files with findings keep their source
// in the result; with KeepSources every linted file does (the preview shows
// clean files too), and files that were not linted never do.
func TestKeepSources(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"clean.md":  "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:x)\n",
		"flawed.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, saving you a seat?\"\n---\nHi %FIRSTNAME%, TODO: can I save you a seat?\n\n- [Save my seat](leadform:x)\n",
		"notes.md":  "# Not a template\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		keep bool
		want string
	}{{false, "flawed.md"}, {true, "clean.md flawed.md"}} {
		res, err := lint.Run(lint.Options{Rules: rules.All(), KeepSources: tt.keep, Root: dir}, []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for p, src := range res.Sources {
			if src == nil || src.Name != p {
				t.Errorf("source of %s: %v", p, src)
			}
			got = append(got, filepath.Base(p))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != tt.want || res.Files != 2 {
			t.Errorf("KeepSources %v: sources %q of %d files, want %q of 2", tt.keep, got, res.Files, tt.want)
		}
	}
	// a buffer (the language server's path) follows the option too
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), KeepSources: true, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res := e.LintBuffer(filepath.Join(dir, "clean.md"), []byte(files["clean.md"])); len(res.Sources) != 1 || len(res.Diagnostics) != 0 {
		t.Errorf("LintBuffer with KeepSources: %d sources, %d findings", len(res.Sources), len(res.Diagnostics))
	}
}
