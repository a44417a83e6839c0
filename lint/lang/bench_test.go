package lang_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// The benchmarks measure what the engine will pay per file: detecting the
// language of a subject line, of a 300-character body and of a whole
// Conversation Ad, a pack lookup, and the acronym test the hype rule runs
// per capitalized word. Detection and the packs are built on first use;
// BenchmarkFirstUse measures that start-up cost.

func BenchmarkDetect(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "lang", "de", "conversation-*.md"))
	if err != nil || len(files) == 0 {
		b.Fatal("no sample", err)
	}
	ad := adCopy(b, files[0])
	for _, c := range []struct{ name, text string }{
		{"subject", shortTexts[7].text},
		{"body-300", bodies[2].text},
		{"conversation-ad", ad},
	} {
		b.Run(c.name, func(b *testing.B) {
			lang.Detect(c.text)
			b.SetBytes(int64(len(c.text)))
			b.ReportAllocs()
			for b.Loop() {
				lang.Detect(c.text)
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	for _, tag := range []string{"de", "fr-CA", "pt", "pt-PT"} {
		b.Run(tag, func(b *testing.B) {
			lang.Lookup(tag)
			b.ReportAllocs()
			for b.Loop() {
				lang.Lookup(tag)
			}
		})
	}
}

func BenchmarkAcronymKnown(b *testing.B) {
	p, _ := lang.Lookup("de")
	a := lang.NewAcronyms(p, []string{"ACME"})
	words := []string{"DSGVO", "EBITDA", "KPIS", "EUR", "GRATIS", "ACME"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			a.Known(w)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := bodies[4].text
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		lang.Tokenize(text)
	}
}

// BenchmarkDetectCorpus detects the language of every template of a
// corpus directory named by INBOXLINT_BENCH_CORPUS (such as the reference
// corpus of ../shared/bench/gen_corpus.go), the work the engine adds per
// file when no lang: is set. It reports ns per template, to set beside
// BenchmarkRun's.
func BenchmarkDetectCorpus(b *testing.B) {
	dir := os.Getenv("INBOXLINT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set INBOXLINT_BENCH_CORPUS to a corpus directory")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no templates in %s: %v", dir, err)
	}
	texts := make([]string, len(files))
	for i, f := range files {
		texts[i] = adCopy(b, f)
	}
	counts := map[string]int{}
	for _, s := range texts {
		tag, ok := lang.Detect(s)
		if !ok {
			tag = "not confident"
		}
		counts[tag]++
	}
	b.Logf("%d templates: %v", len(texts), counts)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			lang.Detect(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(texts)), "ns/template")
}

// BenchmarkTokenizeBodies cuts the detection tests' bodies, in seven
// languages, as the engine cuts a file's texts: with one Tokenizer.
func BenchmarkTokenizeBodies(b *testing.B) {
	n := 0
	for _, t := range bodies {
		n += len(t.text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		var z lang.Tokenizer
		for _, t := range bodies {
			z.All(t.text)
		}
	}
}
