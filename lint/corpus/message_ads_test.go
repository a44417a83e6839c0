package corpus

import (
	"flag"
	"os"
	"testing"

	"github.com/inboxlint/inboxlint/render"
)

var (
	corpusDir = flag.String("corpus-dir", "", "TestCorpus: also write the generated corpus into this directory")
	corpusN   = flag.Int("corpus-n", 10000, "TestCorpus: how many templates to write with -corpus-dir")
)

// TestCorpus checks that the generator is deterministic and that every
// template it makes parses; with -corpus-dir it also writes a corpus for
// the performance script (.ci/perf.sh).
func TestCorpus(t *testing.T) {
	a, b := MessageAds(7, 200), MessageAds(7, 200)
	for i := range a {
		if a[i].Name != b[i].Name || string(a[i].Data) != string(b[i].Data) {
			t.Fatalf("corpus is not deterministic at %s", a[i].Name)
		}
		if tp := render.Parse(a[i].Name, a[i].Data); tp.Format != render.FormatMessage || len(tp.Problems) > 0 {
			t.Fatalf("%s does not parse: %v\n%s", a[i].Name, tp.Problems, a[i].Data)
		}
	}
	if string(MessageAds(8, 1)[0].Data) == string(a[0].Data) && string(MessageAds(9, 1)[0].Data) == string(a[0].Data) {
		t.Error("the seed does not change the corpus")
	}
	if *corpusDir != "" {
		if err := os.MkdirAll(*corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := WriteMessageAds(*corpusDir, 1, *corpusN); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBigCampaign checks that the campaign is deterministic, parses and
// renders with the variants asked for, and grows with them.
func TestBigCampaign(t *testing.T) {
	a, b := BigCampaign(3), BigCampaign(3)
	if string(a) != string(b) {
		t.Fatal("BigCampaign is not deterministic")
	}
	tp := render.Parse("big.md", a)
	if tp.Format != render.FormatConversation || len(tp.Problems) > 0 {
		t.Fatalf("BigCampaign(3) does not parse: %v", tp.Problems)
	}
	if n := len(tp.Variants); n != 3 {
		t.Errorf("BigCampaign(3) has %d variants, want 3", n)
	}
	if len(BigCampaign(6)) <= len(a) {
		t.Error("more variants do not make a bigger campaign")
	}
}
