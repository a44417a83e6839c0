package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
	"github.com/inboxlint/inboxlint/rules"
)

// The benchmarks measure inboxlint on a generated corpus of realistic
// Message Ads (corpus.MessageAds): the whole run from disk at 1k and 10k
// templates and with 1, 12 and 100 sample members, and each stage and rule
// on its own. They report ns/template and templates/s beside Go's ns/op,
// so runs of different sizes compare directly; see the README's
// performance section for the recipe with benchstat.

func benchRun(b *testing.B, n int, members string) {
	dir := b.TempDir()
	if err := corpus.WriteMessageAds(dir, 1, n); err != nil {
		b.Fatal(err)
	}
	e, err := lint.NewEngine(lint.Options{Rules: rules.All(), MembersFile: members, Root: dir})
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

// BenchmarkRun lints the corpus from disk with every default rule.
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("templates=%d", n), func(b *testing.B) { benchRun(b, n, "") })
	}
}

// BenchmarkRunMembers shows the cost growing with the members each
// template is rendered for (the embedded set has 13): little, since the
// members fall into classes that every template shares, and 1,000 members
// cycling through the embedded set's values are 13 classes.
func BenchmarkRunMembers(b *testing.B) {
	for _, m := range []int{1, 12, 100, 1000} {
		b.Run(fmt.Sprintf("members=%d", m), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "members.csv")
			if err := os.WriteFile(path, membersCSV(m), 0o644); err != nil {
				b.Fatal(err)
			}
			benchRun(b, 1000, path)
		})
	}
}

// BenchmarkRunVariants lints 1,000 templates with 1 and with 20 variants
// that differ in one paragraph (issue 15's target: 20 variants at most 3×
// one): the rules check each distinct paragraph once, so the cost grows
// with the distinct copy, not with the variants.
func BenchmarkRunVariants(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("variants=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			for _, f := range corpus.MessageAds(1, 1000) {
				if err := os.WriteFile(filepath.Join(dir, f.Name), corpus.WithVariants(f.Data, n), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			b.ReportAllocs()
			for b.Loop() {
				if res := e.Run([]string{dir}); res.Files != 1000 || len(res.Errors) > 0 {
					b.Fatalf("linted %d files, errors %v", res.Files, res.Errors)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/template")
		})
	}
}

// membersCSV makes n members cycling through the embedded set's values.
func membersCSV(n int) []byte {
	base := render.DefaultMembers()
	var sb strings.Builder
	sb.WriteString("first_name,last_name,job_title,company_name,industry\n")
	for i := 0; i < n; i++ {
		m := base[i%len(base)]
		fmt.Fprintf(&sb, "%q,%q,%q,%q,%q\n", m.FirstName, m.LastName, m.JobTitle, m.CompanyName, m.Industry)
	}
	return []byte(sb.String())
}

// parsed is the corpus parsed and rendered once, for the per-rule
// benchmarks.
type parsed struct {
	t        *render.Template
	variants []*render.Variant
}

func parseCorpus(b *testing.B, n int) []parsed {
	var out []parsed
	for _, f := range corpus.MessageAds(1, n) {
		t := render.Parse(f.Name, f.Data)
		v, _ := t.Render(sandbox.DefaultLimits)
		out = append(out, parsed{t, v})
	}
	return out
}

// BenchmarkRule runs each rule alone over 1,000 parsed templates.
func BenchmarkRule(b *testing.B) {
	corpus := parseCorpus(b, 1000)
	members := render.DefaultMembers()
	for _, r := range rules.All() {
		b.Run(r.Doc().ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, c := range corpus {
					p := lint.NewPass(c.t.Source.Name, c.t, c.variants, members, render.CountUTF16)
					if _, err := p.CheckRule(r); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(corpus)), "ns/template")
		})
	}
}
