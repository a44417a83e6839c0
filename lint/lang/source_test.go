package lang

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestSources: every pack source parses and validates, and the binary's
// packs are the same seven, in the same order.
func TestSources(t *testing.T) {
	packs, regions, err := readSources(os.DirFS("packs"))
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, p := range packs {
		tags = append(tags, p.Tag)
	}
	want := []string{"de", "en", "es", "fr", "it", "nl", "pt-BR"}
	if !slices.Equal(tags, want) || !slices.Equal(Supported(), want) {
		t.Errorf("packs %v, Supported() %v; want %v", tags, Supported(), want)
	}
	if len(regions) == 0 {
		t.Error("no regional views")
	}
}

// TestEveryCategory: each pack has every category, or declares it not
// applicable with a reason; a category declared not applicable is empty.
func TestEveryCategory(t *testing.T) {
	for _, p := range builtinPacks {
		has := map[string]bool{
			catFunctionWords: len(p.functionWords) > 0, catLetters: len(p.letters) > 0, catSuffixes: len(p.suffixes) > 0,
			CatCTAVague: len(p.CTA.vague) > 0, CatCTAVerbs: len(p.CTA.verbs) > 0, catCTAVerbPosition: p.CTA.VerbPosition != 0,
			CatCTADeclines: len(p.CTA.declines) > 0, CatCTAInterjections: len(p.CTA.interjections) > 0,
			CatSelfIntro: len(p.SelfIntro) > 0, CatCompanyIntro: len(p.companyIntro) > 0,
			CatGreetings: len(p.greetings) > 0, CatSignOffs: len(p.signOffs) > 0, CatHype: len(p.hype) > 0,
			CatDraftMarkers: len(p.DraftMarkers) > 0, catQuestion: p.Question.Mark != "", catQuotes: len(p.quotes) > 0,
			CatAddress: len(p.address.formal) > 0 && len(p.address.informal) > 0, catAcronyms: len(p.acronyms) > 0,
			CatArticles: p.articles != nil,
		}
		if len(has) != len(categories()) {
			t.Fatalf("the test checks %d categories; Categories() has %d", len(has), len(categories()))
		}
		for _, c := range categories() {
			if has[c] == p.Applies(c) {
				continue
			}
			if has[c] {
				t.Errorf("%s: %s has entries but is declared not applicable", p.Tag, c)
			} else {
				t.Errorf("%s: %s is missing and not declared not applicable", p.Tag, c)
			}
		}
		for _, e := range p.notApplicable {
			if len(e.reason) < 20 {
				t.Errorf("%s: not_applicable %s gives no real reason: %q", p.Tag, e.category, e.reason)
			}
		}
	}
	// articles are English only; address applies to every language but English
	for _, p := range builtinPacks {
		if p.Applies(CatArticles) != (p.Tag == "en") {
			t.Errorf("%s: articles applies = %v", p.Tag, p.Applies(CatArticles))
		}
		if p.Applies(CatAddress) == (p.Tag == "en") {
			t.Errorf("%s: address applies = %v", p.Tag, p.Applies(CatAddress))
		}
	}
	var nilPack *Pack
	if nilPack.Applies(CatHype) {
		t.Error("a nil pack (no language) applies hype")
	}
}

// minimal is a valid pack source; the cases below break one thing each.
const minimal = `tag: sv
name: Test
not_applicable:
  detect.letters: written in plain ASCII letters only, for this test
  articles: no article depends on the next word's sound in this test
detect:
  function_words: [the, of]
  suffixes: [ing]
cta:
  verb_position: first
  verbs: [get, book]
  vague: [learn more]
  declines: [maybe later]
  interjections: ["yes"]
openers:
  self_intro: ["i'm {name} from"]
  company_intro: ["{company} is a|an {words} platform"]
greetings: [hi]
sign_offs: [best]
hype: [act now]
draft_markers: ["=TODO"]
question:
  mark: "?"
quotes:
  - {open: "“", close: "”"}
address:
  formal: [sir]
  informal: [mate]
acronyms: [XYZQ]
`

func TestParsePackValid(t *testing.T) {
	p, _, err := parsePack("packs/sv.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if p.Tag != "sv" || len(p.CTA.verbs) != 2 || p.CTA.VerbPosition != VerbFirst || !p.IsFunctionWord("of") {
		t.Errorf("parsed %+v", p)
	}
}

func TestParsePackErrors(t *testing.T) {
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"missing category", "hype: [act now]\n", "", "hype is missing or empty"},
		{"empty category", "hype: [act now]", "hype: []", "hype is missing or empty"},
		{"not applicable but present", "  articles: no article", "  hype: no article", "hype is declared not applicable but has entries"},
		{"unknown not-applicable", "  articles: no article", "  artikel: no article", `unknown category "artikel"`},
		{"unknown key", "greetings: [hi]", "greeting: [hi]", "field greeting not found"},
		{"duplicate", "hype: [act now]", "hype: [act now, Act  Now]", `packs/sv.yaml:20: hype: "Act  Now" is the same entry as line 20`},
		{"bad pattern", `self_intro: ["i'm {name} from"]`, `self_intro: ["i'm {vorname} from"]`, `packs/sv.yaml:16: openers.self_intro: "i'm {vorname} from": unknown slot`},
		{"slot where none go", "hype: [act now]", `hype: ["act {words} now"]`, "this category takes no slots"},
		{"tag and file", "tag: sv", "tag: da", `tag "da" does not match the file name sv.yaml`},
		{"tag not canonical", "tag: sv", "tag: SV", "not in canonical form"},
		{"tag unknown", "tag: sv", "tag: xx", "is not a BCP 47 tag"},
		{"function word of two words", "[the, of]", "[the, of course]", `function word "of course" must be one word`},
		{"acronym in lower case", "[XYZQ]", "[Xyzq]", "must be written in capitals"},
		{"acronym already shared", "[XYZQ]", "[EBITDA]", "already in the shared list"},
		{"acronym that is a currency", "[XYZQ]", "[CHF]", "already in the shared list or the currency codes"},
		{"letters in ASCII", "  suffixes: [ing]", "  letters: e\n  suffixes: [ing]", "not a lower-case letter outside ASCII"},
		{"verb position", "verb_position: first", "verb_position: middle", "write first, last or both"},
		{"space that is no space", `mark: "?"`, "mark: \"?\"\n  space_before: [\"x\"]", "is not one space character"},
		{"space required without spaces", `mark: "?"`, "mark: \"?\"\n  space_required: true", "needs the spaces in space_before"},
		{"address half", "  informal: [mate]\n", "", "address needs both formal and informal forms"},
		{"formal and informal", "informal: [mate]", "informal: [mate, Sir]", "is in both address.formal and address.informal"},
		{"vague and decline", "declines: [maybe later]", "declines: [maybe later, learn more]", "is in both cta.vague and cta.declines"},
		{"quote of two marks", `{open: "“", close: "”"}`, `{open: "“", close: "””"}`, "each mark must be one character"},
		{"not a list", "greetings: [hi]", "greetings: hi", "want a list"},
	} {
		src := strings.Replace(minimal, c.from, c.to, 1)
		if src == minimal {
			t.Fatalf("%s: %q is not in the minimal pack", c.name, c.from)
		}
		_, _, err := parsePack("packs/sv.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v; want one containing %q", c.name, err, c.want)
		}
	}
}

// TestParsePackRegions: a region overrides question and quotes only, and
// must be a region code.
func TestParsePackRegions(t *testing.T) {
	src := minimal + "regions:\n  CA:\n    question:\n      mark: \"?\"\n      space_before: [\"\\u202F\"]\n"
	p, regions, err := parsePack("packs/sv.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) != 1 || regions[0].apply(p).String() != "sv-CA" || regions[0].Question.spaceBefore[0] != '\u202F' || p.Question.spaceBefore != nil {
		t.Errorf("regions %v, pack question %+v", regions, p.Question)
	}
	for _, bad := range []string{"regions:\n  Canada:\n    quotes: [{open: \"«\", close: \"»\"}]\n", "regions:\n  CA: {}\n"} {
		if _, _, err := parsePack("packs/sv.yaml", []byte(minimal+bad)); err == nil {
			t.Errorf("region %q accepted", bad)
		}
	}
}

// TestPackEntries: entries a native speaker reads, not accidents of YAML:
// no entry with surrounding spaces, no upper case outside exact-case
// words and acronyms, and every pattern's source is what the pack shows.
func TestPackEntries(t *testing.T) {
	for _, p := range builtinPacks {
		p.patterns(func(cat string, pat *Pattern) {
			if strings.TrimSpace(pat.Source) != pat.Source {
				t.Errorf("%s %s: %q has surrounding spaces", p.Tag, cat, pat.Source)
			}
			if !strings.Contains(pat.Source, "=") && strings.ToLower(pat.Source) != pat.Source {
				t.Errorf("%s %s: %q: write entries in lower case (\"=\" for an exact-case word)", p.Tag, cat, pat.Source)
			}
			if pat.line == 0 {
				t.Errorf("%s %s: %q has no line", p.Tag, cat, pat.Source)
			}
		})
		for _, a := range p.acronyms {
			if err := checkAcronym(a); err != nil {
				t.Errorf("%s acronym %q: %v", p.Tag, a, err)
			}
		}
	}
}
