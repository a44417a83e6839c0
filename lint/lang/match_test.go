package lang_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

// matchTexts are copy the matcher is held to Pattern.MatchAt on: every
// native sample, the detection texts, each pattern of every pack written
// out in a sentence (slots filled), and copy made to trip the edges.
func matchTexts(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, files := range samples(t) {
		for _, f := range files {
			out = append(out, adCopy(t, f))
		}
	}
	for _, s := range shortTexts {
		out = append(out, s.text)
	}
	for _, s := range bodies {
		out = append(out, s.text)
	}
	fill := strings.NewReplacer("{name}", "Dana Smith", "{company}", "Today Cobalt Analytics", "{words}", "head of growth")
	for _, tag := range lang.Supported() {
		p, _ := lang.Lookup(tag)
		var b strings.Builder
		p.Patterns(func(_ string, pat *lang.Pattern) {
			var words []string
			for _, f := range strings.Fields(pat.Source) {
				alts := strings.Split(strings.TrimPrefix(f, "="), "|")
				words = append(words, alts[len(alts)-1])
			}
			fmt.Fprintf(&b, "Hi. %s, %s! ", fill.Replace(strings.Join(words, " ")), strings.ToUpper(fill.Replace(pat.Source)))
		})
		out = append(out, b.String())
	}
	out = append(out,
		"Acme is Bright is a platform. Smith & Co has helped 400 teams. At Acme we build. I'm Dana Lee Ross Jr from Acme",
		"act act now now 100 % free, 100% free risk free risk-free DON'T MISS OUT don’t miss out",
		"", "   ", "%FIRSTNAME% %COMPANYNAME% is a platform", "https://act.now/limited-time act now")
	return out
}

// TestMatcherAgreesWithMatchAt: for every pack category, the matcher
// finds at each position exactly the match Pattern.MatchAt finds there.
func TestMatcherAgreesWithMatchAt(t *testing.T) {
	texts := matchTexts(t)
	cats := append(lang.Categories(), "address.formal", "address.informal")
	checked := 0
	for _, tag := range lang.Supported() {
		p, _ := lang.Lookup(tag)
		for _, cat := range cats {
			m := p.Matcher(cat)
			pats := m.Patterns()
			for _, s := range texts {
				toks := lang.Tokenize(s)
				got := map[[2]int]int{}
				for _, x := range m.All(toks) {
					got[[2]int{x.Pattern, x.Start}] = x.End
				}
				for k, pat := range pats {
					for i := range toks {
						end, ok := pat.MatchAt(toks, i)
						gotEnd, gotOK := got[[2]int{k, i}]
						if ok != gotOK || ok && end != gotEnd {
							t.Errorf("%s %s %q at token %d of %q: MatchAt = %d, %v; matcher = %d, %v",
								tag, cat, pat.Source, i, s, end, ok, gotEnd, gotOK)
						}
						if ok {
							checked++
						}
					}
				}
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d matches compared; the texts no longer exercise the packs", checked)
	}
}

// TestMatcherWhole: a label matches the matcher's Whole exactly when one
// of its patterns' Whole accepts it, and the first such pattern is named.
func TestMatcherWhole(t *testing.T) {
	for _, tag := range lang.Supported() {
		p, _ := lang.Lookup(tag)
		for _, cat := range []string{lang.CatCTAVague, lang.CatCTADeclines, lang.CatSignOffs} {
			m := p.Matcher(cat)
			var labels []string
			for _, pat := range m.Patterns() {
				labels = append(labels, pat.Source, strings.ToUpper(pat.Source)+"!", pat.Source+" now", "« "+pat.Source+" »")
			}
			for _, l := range labels {
				toks := lang.Tokenize(l)
				want := -1
				for k, pat := range m.Patterns() {
					if pat.Whole(toks) {
						want = k
						break
					}
				}
				got, ok := m.Whole(toks)
				if !ok {
					got = -1
				}
				if got != want {
					t.Errorf("%s %s Whole(%q) = %d; want %d", tag, cat, l, got, want)
				}
			}
		}
	}
}

func TestMatcherLeftmost(t *testing.T) {
	var pats []*lang.Pattern
	for _, s := range []string{"act now", "now", "limited time", "limited time offer", "100% free", "{company} is a|an {words} platform"} {
		p, err := lang.ParsePattern(s)
		if err != nil {
			t.Fatal(err)
		}
		pats = append(pats, p)
	}
	m := lang.NewMatcher(pats)
	for _, c := range []struct{ text, want string }{
		{"Act now: a limited time offer, 100 % free.", "[Act now] [limited time offer] [100 % free]"},
		{"Actnow impact now-ish", "[now]"},
		{"We say Acme Corp is an AI data platform", "[Acme Corp is an AI data platform]"},
		{"limited, time", ""},
		{"https://x.com/act-now act", ""},
	} {
		toks := lang.Tokenize(c.text)
		var got []string
		for _, x := range m.Leftmost(toks) {
			got = append(got, "["+c.text[toks[x.Start].Start:toks[x.End-1].End]+"]")
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("Leftmost(%q) = %s; want %s", c.text, g, c.want)
		}
	}
}

// Pack.Matcher builds each pack's matcher of a category once, however
// many goroutines ask for it at once, and every one gets that matcher.
func TestPackMatcherConcurrent(t *testing.T) {
	type key struct {
		tag, category string
	}
	var keys []key
	for _, tag := range lang.Supported() {
		p, _ := lang.Lookup(tag)
		seen := map[string]bool{}
		p.Patterns(func(category string, _ *lang.Pattern) {
			if !seen[category] {
				seen[category] = true
				keys = append(keys, key{tag, category})
			}
		})
	}
	const workers = 8
	got := make([][]*lang.Matcher, workers)
	done := make(chan int)
	for w := range workers {
		go func() {
			for i := range keys {
				k := keys[(i+w*7)%len(keys)]
				p, _ := lang.Lookup(k.tag)
				got[w] = append(got[w], p.Matcher(k.category))
			}
			done <- w
		}()
	}
	for range workers {
		<-done
	}
	for i, k := range keys {
		p, _ := lang.Lookup(k.tag)
		want := p.Matcher(k.category)
		if want.Len() == 0 {
			t.Errorf("%s %s: the matcher has no patterns", k.tag, k.category)
		}
		for w := range workers {
			if m := got[w][(i-w*7%len(keys)+len(keys))%len(keys)]; m != want {
				t.Fatalf("%s %s: worker %d got another matcher", k.tag, k.category, w)
			}
		}
	}
}
