package lang_test

import (
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

func TestParsePatternErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "empty pattern"},
		{"{name}", "at least one word"},
		{"{name} {words} von", "two slots side by side"},
		{"ich bin {name} von {company} und {words}", "at most two"},
		{"ich bin {vorname}", `unknown slot "{vorname}"`},
		{"hi, there", `punctuation ","`},
		{"hallo %FIRSTNAME%", "macro %FIRSTNAME%"},
		{"a|a", `"a" is given twice`},
		{"=Sie|=Ihnen", `write "=" once`},
		{"a||an", "empty word"},
	} {
		_, err := lang.ParsePattern(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParsePattern(%q) error = %v; want one containing %q", c.in, err, c.want)
		}
	}
}

// find reports the text a pattern matches first in s, or "".
func find(t *testing.T, pattern, s string) string {
	t.Helper()
	p, err := lang.ParsePattern(pattern)
	if err != nil {
		t.Fatalf("ParsePattern(%q): %v", pattern, err)
	}
	toks := lang.Tokenize(s)
	i, j, ok := p.Find(toks, 0)
	if !ok {
		return ""
	}
	return s[toks[i].Start:toks[j-1].End]
}

func TestPatternFind(t *testing.T) {
	for _, c := range []struct{ pattern, text, want string }{
		{"je m'appelle", "Bonjour, je m’appelle Camille.", "je m’appelle"},
		{"ich bin {name} von|bei", "Hallo, ich bin Katrin Vogel von Northwind.", "ich bin Katrin Vogel von"},
		{"ich bin {name} von|bei", "ich bin Teamleiterin bei Acme", "ich bin Teamleiterin bei"},
		// lower case is no name, and a phrase does not cross punctuation
		{"ich bin {name} von|bei", "ich bin gespannt, von Ihnen zu hören", ""},
		{"i'm {name} from", "Hi, I'm Dana from Acme", "I'm Dana from"},
		{"i'm {name} from", "I'm Dana Lee Smith Jones from Acme", ""}, // four words: no name
		{"{company} is a|an|the {words} platform", "Outlier is an AI data platform for labs.", "Outlier is an AI data platform"},
		{"{company} is a|an|the {words} platform", "Cobalt Analytics is the platform", "Cobalt Analytics is the platform"},
		{"{company} is a|an|the {words} platform", "Smith & Co is a platform", "Smith & Co is a platform"},
		// the limit of a slot without a list of companies: any capitalized
		// word that is not a function word can be one
		{"{company} is a|an|the {words} platform", "Pricing is a platform question", "Pricing is a platform"},
		{"{company} is a|an|the {words} platform", "pricing is a platform question", ""},
		{"100% free", "It is 100 % FREE today", "100 % FREE"},
		{"risk-free", "a risk free trial", "risk free"},
		{"act now", "Act now!", "Act now"},
		{"act now", "Please act. Now we talk", ""},
		{"act now", "impact now", ""},
		{"=Sie", "Wissen sie, ob Sie kommen?", "Sie"},
		{"=Le", "le Le", "Le"},
		{"{company} has helped|paid", "Acme has paid out more than", "Acme has paid"},
		{"at {company} we|we're", "At Northwind we're building", "At Northwind we're"},
		{"the world's {words} leading", "the world's leading", "the world's leading"},
		{"ich bin {words} bei", "ich bin eins zwei drei vier fünf sechs sieben bei", ""},
	} {
		if got := find(t, c.pattern, c.text); got != c.want {
			t.Errorf("%q in %q matched %q; want %q", c.pattern, c.text, got, c.want)
		}
	}
}

// TestPatternSlotStop: a pack's function words never fill a name or a
// company: "This is a platform" is not a company introducing itself.
func TestPatternSlotStop(t *testing.T) {
	en, _ := lang.Lookup("en")
	var pat *lang.Pattern
	for _, p := range en.CompanyIntro() {
		if strings.HasPrefix(p.Source, "{company} is a|an|the") {
			pat = p
		}
	}
	if pat == nil {
		t.Fatal("en has no {company} is a|an|the pattern")
	}
	for text, want := range map[string]bool{
		"This is a new platform for teams":           false,
		"Our team is the leading provider":           false,
		"Brightlane is a revenue platform for teams": true,
	} {
		_, _, ok := pat.Find(lang.Tokenize(text), 0)
		if ok != want {
			t.Errorf("%q in %q: %v; want %v", pat.Source, text, ok, want)
		}
	}
}

func TestPatternWhole(t *testing.T) {
	for _, c := range []struct {
		pattern, label string
		want           bool
	}{
		{"no thanks", "No, thanks!", true},
		{"no thanks", "No thanks, later", false},
		{"mehr erfahren", "Mehr erfahren →", true},
		{"mehr erfahren", "Jetzt mehr erfahren", false},
		{"peut-être plus tard", "Peut-être plus tard", true},
		{"100% free", "100% free", true},
		{"en savoir plus", "En savoir +", false},
	} {
		p, err := lang.ParsePattern(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Whole(lang.Tokenize(c.label)); got != c.want {
			t.Errorf("%q whole %q = %v; want %v", c.pattern, c.label, got, c.want)
		}
	}
}

func TestPatternWords(t *testing.T) {
	p, _ := lang.ParsePattern("je m'appelle {name} de|chez")
	if got := strings.Join(p.Words(), " "); got != "je m' appelle de" {
		t.Errorf("Words() = %q; want %q", got, "je m' appelle de")
	}
	if !p.HasSlots() || p.String() != "je m'appelle {name} de|chez" {
		t.Errorf("HasSlots %v, String %q", p.HasSlots(), p.String())
	}
}

func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{"ich bin {name} von|bei", "{company} is a|an {words} platform", "=Sie", "100% free", "a||b", "{x}"} {
		f.Add(s, "Hallo, ich bin Anna von Acme. Acme is an AI platform. 100 % free")
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		p, err := lang.ParsePattern(pattern)
		if err != nil {
			return
		}
		toks := lang.Tokenize(text)
		for i := range toks {
			if end, ok := p.MatchAt(toks, i); ok && (end <= i || end > len(toks)) {
				t.Fatalf("MatchAt(%d) ended at %d of %d", i, end, len(toks))
			}
		}
		p.Whole(toks)
	})
}

func BenchmarkPatternFind(b *testing.B) {
	de, _ := lang.Lookup("de")
	toks := lang.Tokenize("Hallo Anna, ich bin Katrin Vogel von Northwind. Nur heute zeigen wir, wie Vertriebsteams ihre Prognose auf 4 % genau bekommen.")
	pats := append(append([]*lang.Pattern(nil), de.SelfIntro...), de.Hype()...)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pats {
			p.Find(toks, 0)
		}
	}
}
