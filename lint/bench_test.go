package lint_test

import (
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/linttest"
	"github.com/inboxlint/inboxlint/rules"
)

func benchRun(b *testing.B, n int) {
	dir := b.TempDir()
	if err := linttest.WriteCorpus(dir, 1, n); err != nil {
		b.Fatal(err)
	}
	e, err := lint.NewEngine(lint.Options{Rules: rules.All()})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := e.Run([]string{dir})
		if res.Files != n || len(res.Errors) > 0 {
			b.Fatalf("linted %d files, errors %v", res.Files, res.Errors)
		}
	}
	b.StopTimer()
	perTemplate := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	b.ReportMetric(perTemplate, "ns/template")
	b.ReportMetric(1e9/perTemplate, "templates/s")
}

// BenchmarkRun1k lints 1,000 generated Message Ads against the embedded
// members with every default rule, reading the files from disk.
func BenchmarkRun1k(b *testing.B) { benchRun(b, 1000) }

// BenchmarkRun10k is BenchmarkRun1k at the size of a large copy repository.
func BenchmarkRun10k(b *testing.B) { benchRun(b, 10000) }
