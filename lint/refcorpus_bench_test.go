package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// BenchmarkReferenceCorpus lints the corpus directory INBOXLINT_BENCH_CORPUS
// names (the reference corpus: go run ../shared/bench/gen_corpus.go -n
// 10000 -seed 1 -members 12 -out DIR) with every default rule and the
// corpus's members.csv, as `inboxlint lint` does: the figure for issue 15's
// targets and for what the language packs and detection cost (set it
// beside the same benchmark on main with benchstat).
func BenchmarkReferenceCorpus(b *testing.B) {
	dir := os.Getenv("INBOXLINT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set INBOXLINT_BENCH_CORPUS to a corpus directory")
	}
	members := filepath.Join(dir, "members.csv")
	if _, err := os.Stat(members); err != nil {
		members = ""
	}
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), MembersFile: members, Root: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	files := 0
	b.ReportAllocs()
	for b.Loop() {
		res := e.Run([]string{dir})
		if len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
		files = res.Files
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(max(files, 1)), "ns/template")
}
