package preview_test

import (
	"io"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/lint/preview"
	"github.com/inboxlint/inboxlint/rules"
)

// countingWriter counts what the page would be on disk.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkPage is lint --format html on the 1,000-template corpus with
// the 13 embedded members: the whole run from disk, the page model and
// the HTML. It reports the page's size in MB beside the time; the issue's
// budget is under 2 s and at most 30 MB.
func BenchmarkPage(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.WriteMessageAds(dir, 1, 1000); err != nil {
		b.Fatal(err)
	}
	opts := lint.Options{Rules: rules.All(), KeepSources: true, Root: dir}
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		eng, err := lint.NewEngine(opts)
		if err != nil {
			b.Fatal(err)
		}
		res := eng.Run([]string{dir})
		page, err := preview.Build(eng, res, preview.Options{Rules: opts.Rules})
		if err != nil {
			b.Fatal(err)
		}
		w := &countingWriter{}
		if err := preview.Write(w, page); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	_ = io.Discard
}
