package lint_test

import (
	"bytes"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// FuzzFix runs --fix --dry-run on any file (the standard-input path, so
// nothing is written) and checks what a fix run must always give: no
// panic, edits inside the file, a fixed file on which a second run
// applies nothing (unless the passes ran out), and a file without any
// change when no fix was applied. Seeds are the repository's templates,
// whose fixtures hold every kind of certain fix.
//
//	go test ./lint -run '^$' -fuzz '^FuzzFix$' -fuzztime 60s
func FuzzFix(f *testing.F) {
	for _, data := range fzTemplates(f) {
		f.Add(data)
	}
	root := f.TempDir()
	fix := func(t *testing.T, data []byte) lint.FileFix {
		e, err := lint.NewEngine(lint.WithLimits(lint.Options{Rules: rules.All(), Root: root, Stdin: bytes.NewReader(data), StdinName: root + "/ad.md"}, fzLimits))
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		res := e.Fix(nil, lint.FixOptions{DryRun: true})
		ff := lint.NewFileFix(data, data)
		if len(res.Files) > 0 {
			ff = res.Files[0]
		}
		// what remains is reported on the fixed file: its fixes lie in it
		for _, d := range res.Diagnostics {
			for _, fx := range d.Fixes {
				for _, ed := range fx.Edits {
					if ed.Span.Start.Offset < 0 || ed.Span.End.Offset < ed.Span.Start.Offset || ed.Span.End.Offset > len(ff.After()) {
						t.Fatalf("edit %d..%d outside the file of %d bytes", ed.Span.Start.Offset, ed.Span.End.Offset, len(ff.After()))
					}
				}
			}
		}
		return ff
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		first := fix(t, data)
		if first.Applied == 0 {
			if !bytes.Equal(first.After(), data) {
				t.Fatalf("no fix applied, yet the file changed:\n%q\n%q", data, first.After())
			}
			return
		}
		if first.Pending {
			return
		}
		second := fix(t, first.After())
		if second.Applied != 0 {
			t.Fatalf("a second --fix applied %d fixes to the fixed file\n%q\n→ %q", second.Applied, first.After(), second.After())
		}
	})
}
