package render_test

import (
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
