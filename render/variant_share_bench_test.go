package render

import (
	"testing"

	"github.com/inboxlint/inboxlint/lint/corpus"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// BenchmarkRenderCampaign renders the 950 KB Conversation Ad with 30
// variants (corpus.BigCampaign) with each field run once per distinct
// value of what it reads (shared) and, for comparison, once per variant
// (every).
func BenchmarkRenderCampaign(b *testing.B) {
	tp := Parse("campaign.md", corpus.BigCampaign(30))
	defer func() { shareOutputs = true }()
	for _, share := range []bool{true, false} {
		name := map[bool]string{true: "shared", false: "every"}[share]
		b.Run(name, func(b *testing.B) {
			shareOutputs = share
			b.ReportAllocs()
			for b.Loop() {
				if vs, ps := tp.Render(sandbox.DefaultLimits); len(vs) != 30 || len(ps) > 0 {
					b.Fatalf("%d variants, problems %v", len(vs), ps)
				}
			}
		})
	}
}
