package lint_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/rules"
)

// BenchmarkFix runs lint --fix on the 1,000 templates BenchmarkRun lints
// (templates=1000), writing the fixed files, so the two compare: --fix
// costs the lint, plus for each file with a certain fix the re-lint that
// checks the edits and reports what remains, and the write. Each
// iteration starts from the corpus as generated (the files the last one
// fixed are put back outside the timer). It reports the fixes applied and
// the files written per run. dry-run=true is --fix --dry-run: the same
// work without the writes (each one a synced temporary file and a rename).
// fixable=all gives every template a certain fix (trailing spaces after
// the sender), the worst case: every file is linted twice and written.
func BenchmarkFix(b *testing.B) {
	for _, all := range []bool{false, true} {
		for _, dry := range []bool{false, true} {
			fixable := "corpus"
			if all {
				fixable = "all"
			}
			b.Run(fmt.Sprintf("templates=1000/fixable=%s/dry-run=%v", fixable, dry), func(b *testing.B) { benchFix(b, all, dry) })
		}
	}
}

func benchFix(b *testing.B, all, dry bool) {
	const n = 1000
	dir := b.TempDir()
	for _, f := range corpus.MessageAds(1, n) {
		data := f.Data
		if all {
			data = bytes.Replace(data, []byte("\nsubject:"), []byte("  \nsubject:"), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	b.ReportAllocs()
	var last *lint.FixResult
	fixes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if last != nil && !dry {
			b.StopTimer()
			for _, f := range last.Files {
				if err := os.WriteFile(f.Path, f.Before(), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
		last = e.Fix([]string{dir}, lint.FixOptions{DryRun: dry})
		if last.Result.Files != n || len(last.Errors) > 0 {
			b.Fatalf("fixed %d files, errors %v", last.Result.Files, last.Errors)
		}
		fixes = 0
		for _, f := range last.Files {
			fixes += f.Applied
		}
	}
	b.StopTimer()
	if fixes == 0 {
		b.Fatal("the corpus has no certain fix: the benchmark measures nothing")
	}
	perTemplate := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	b.ReportMetric(perTemplate, "ns/template")
	b.ReportMetric(float64(fixes), "fixes/run")
	b.ReportMetric(float64(len(last.Files)), "files-fixed/run")
}
