package render_test

import (
	"fmt"
	"testing"

	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// BenchmarkParse parses 1,000 generated Message Ads (front matter, body,
// positions).
func BenchmarkParse(b *testing.B) {
	files := corpus.MessageAds(1, 1000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if t := render.Parse(f.Name, f.Data); t.Format == "" {
				b.Fatal(t.Problems)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files)), "ns/template")
}

// BenchmarkRender runs the authoring stage and personalizes every field for
// the embedded members, over 1,000 parsed ads.
func BenchmarkRender(b *testing.B) {
	files := corpus.MessageAds(1, 1000)
	var ts []*render.Template
	for _, f := range files {
		ts = append(ts, render.Parse(f.Name, f.Data))
	}
	members := render.DefaultMembers()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range ts {
			vs, _ := t.Render(sandbox.DefaultLimits)
			for _, v := range vs {
				for m := range members {
					_ = render.Personalize(v.Subject, &members[m])
					_ = render.Personalize(v.Messages[0].Body, &members[m])
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/template")
}

// BenchmarkVariants parses and renders 1,000 generated Message Ads with 1
// and with 20 variants: what a variant adds to a template's parse and to
// its authoring stage.
func BenchmarkVariants(b *testing.B) {
	for _, n := range []int{1, 20} {
		files := corpus.MessageAds(1, 1000)
		for i := range files {
			files[i].Data = corpus.WithVariants(files[i].Data, n)
		}
		b.Run(fmt.Sprintf("parse/variants=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					if t := render.Parse(f.Name, f.Data); len(t.Variants) != n {
						b.Fatal(t.Problems)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files)), "ns/template")
		})
		b.Run(fmt.Sprintf("render/variants=%d", n), func(b *testing.B) {
			var ts []*render.Template
			for _, f := range files {
				ts = append(ts, render.Parse(f.Name, f.Data))
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range ts {
					if vs, _ := t.Render(sandbox.DefaultLimits); len(vs) != n {
						b.Fatal(len(vs))
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ts)), "ns/template")
		})
	}
}
