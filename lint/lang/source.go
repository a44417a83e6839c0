package lang

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// readSources reads and validates every pack source (*.yaml) in fsys:
// the packs, sorted by tag, and their regional views. The binary does not
// do this (see packs_gen.go); the generator and the tests do.
func readSources(fsys fs.FS) (packs []*Pack, regions []region, err error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, nil, err
	}
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p, rs, err := parsePack("packs/"+name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		packs = append(packs, p)
		regions = append(regions, rs...)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	if len(packs) == 0 {
		return nil, nil, errors.New("no packs")
	}
	sort.Slice(packs, func(i, j int) bool { return packs[i].Tag < packs[j].Tag })
	sort.Slice(regions, func(i, j int) bool { return regions[i].key() < regions[j].key() })
	return packs, regions, nil
}

// The data file's shape. Lists of entries keep their line numbers for
// error messages.

type packFile struct {
	Tag           string            `yaml:"tag"`
	Name          string            `yaml:"name"`
	NotApplicable map[string]string `yaml:"not_applicable"`
	Detect        struct {
		FunctionWords entries `yaml:"function_words"`
		Letters       string  `yaml:"letters"`
		Suffixes      entries `yaml:"suffixes"`
	} `yaml:"detect"`
	CTA struct {
		VerbPosition  string  `yaml:"verb_position"`
		Verbs         entries `yaml:"verbs"`
		Vague         entries `yaml:"vague"`
		Declines      entries `yaml:"declines"`
		Interjections entries `yaml:"interjections"`
	} `yaml:"cta"`
	Openers struct {
		SelfIntro    entries `yaml:"self_intro"`
		CompanyIntro entries `yaml:"company_intro"`
	} `yaml:"openers"`
	Greetings    entries       `yaml:"greetings"`
	SignOffs     entries       `yaml:"sign_offs"`
	Hype         entries       `yaml:"hype"`
	DraftMarkers entries       `yaml:"draft_markers"`
	Question     *questionFile `yaml:"question"`
	Quotes       []quotesFile  `yaml:"quotes"`
	Address      struct {
		Formal   entries `yaml:"formal"`
		Informal entries `yaml:"informal"`
	} `yaml:"address"`
	Acronyms entries               `yaml:"acronyms"`
	Articles *articlesFile         `yaml:"articles"`
	Regions  map[string]regionFile `yaml:"regions"`
}

type questionFile struct {
	Mark          string   `yaml:"mark"`
	Open          string   `yaml:"open"`
	SpaceBefore   []string `yaml:"space_before"`
	SpaceRequired bool     `yaml:"space_required"`
}

type quotesFile struct {
	Open        string `yaml:"open"`
	Close       string `yaml:"close"`
	SpaceInside bool   `yaml:"space_inside"`
}

type articlesFile struct {
	BeforeConsonant        string  `yaml:"before_consonant"`
	BeforeVowel            string  `yaml:"before_vowel"`
	VowelLetters           string  `yaml:"vowel_letters"`
	ConsonantSoundPrefixes entries `yaml:"consonant_sound_prefixes"`
	VowelSoundPrefixes     entries `yaml:"vowel_sound_prefixes"`
	VowelLetterNames       string  `yaml:"vowel_letter_names"`
	WordAcronyms           entries `yaml:"word_acronyms"`
}

type regionFile struct {
	Question *questionFile `yaml:"question"`
	Quotes   []quotesFile  `yaml:"quotes"`
}

type entry struct {
	Value string
	Line  int
}

type entries []entry

// UnmarshalYAML reads a list of strings and keeps each one's line.
func (e *entries) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("line %d: want a list", n.Line)
	}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag != "!!str" && c.Tag != "!!int" && c.Tag != "!!float" && c.Tag != "!!bool" {
			return fmt.Errorf("line %d: want a string, got %s", c.Line, c.ShortTag())
		}
		*e = append(*e, entry{Value: c.Value, Line: c.Line})
	}
	return nil
}

// problems collects a pack file's errors, each with its file and line.
type problems struct {
	file string
	errs []error
}

func (p *problems) add(line int, format string, args ...any) {
	if line > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s:%d: %s", p.file, line, fmt.Sprintf(format, args...)))
		return
	}
	p.errs = append(p.errs, fmt.Errorf("%s: %s", p.file, fmt.Sprintf(format, args...)))
}

// parsePack reads and validates one data file; name is its path in the
// repository ("packs/de.yaml"). It returns the pack and its
// regional views.
func parsePack(name string, data []byte) (*Pack, []region, error) {
	pr := &problems{file: name}
	var f packFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	want := strings.TrimSuffix(path.Base(name), ".yaml")
	switch t, err := language.Parse(f.Tag); {
	case f.Tag == "":
		pr.add(0, "tag is missing")
	case err != nil:
		pr.add(0, "tag %q is not a BCP 47 tag: %v", f.Tag, err)
	case t.String() != f.Tag:
		pr.add(0, "tag %q is not in canonical form; write %q", f.Tag, t.String())
	case f.Tag != want:
		pr.add(0, "tag %q does not match the file name %s", f.Tag, path.Base(name))
	}
	if strings.TrimSpace(f.Name) == "" {
		pr.add(0, "name is missing: give the language's name in the language")
	}
	p := &Pack{Tag: f.Tag, Name: f.Name}
	na := map[string]bool{}
	for _, c := range categories() {
		why, ok := f.NotApplicable[c]
		if !ok {
			continue
		}
		if strings.TrimSpace(why) == "" {
			pr.add(0, "not_applicable: %s needs a reason", c)
		}
		na[c] = true
		p.notApplicable = append(p.notApplicable, exemption{category: c, reason: why})
	}
	for c := range f.NotApplicable {
		if !slices.Contains(categories(), c) {
			pr.add(0, "not_applicable: unknown category %q (the categories are %s)", c, strings.Join(categories(), ", "))
		}
	}

	// function words come first: every pattern's slots consult them
	stop := map[string]bool{}
	for _, e := range f.Detect.FunctionWords {
		// an elided form ("l'", "don'") is written with its apostrophe,
		// as the tokenizer cuts it from the word that follows
		v, elided := strings.CutSuffix(e.Value, "'")
		toks := Tokenize(v)
		if len(toks) != 1 || toks[0].Kind != Word {
			pr.add(e.Line, "function word %q must be one word", e.Value)
			continue
		}
		w := toks[0].Fold
		if elided {
			w += "'"
		}
		if stop[w] {
			pr.add(e.Line, "function word %q is listed twice", e.Value)
		}
		stop[w] = true
		p.functionWords = append(p.functionWords, w)
	}
	sorted := slices.Sorted(maps.Keys(stop))
	p.stop = &sorted
	for _, r := range f.Detect.Letters {
		switch {
		case unicode.IsSpace(r):
			continue
		case !unicode.IsLetter(r) || !unicode.IsLower(r) || r < utf8.RuneSelf:
			pr.add(0, "detect.letters: %q is not a lower-case letter outside ASCII", r)
		case containsRune(p.letters, r):
			pr.add(0, "detect.letters: %q is listed twice", r)
		default:
			p.letters = append(p.letters, r)
		}
	}
	seenSuffix := map[string]bool{}
	for _, e := range f.Detect.Suffixes {
		n := utf8.RuneCountInString(e.Value)
		if n < 2 || n > 6 || strings.IndexFunc(e.Value, func(r rune) bool { return !unicode.IsLetter(r) || !unicode.IsLower(r) }) >= 0 {
			pr.add(e.Line, "suffix %q must be 2 to 6 lower-case letters", e.Value)
			continue
		}
		if seenSuffix[e.Value] {
			pr.add(e.Line, "suffix %q is listed twice", e.Value)
		}
		seenSuffix[e.Value] = true
		p.suffixes = append(p.suffixes, e.Value)
	}

	list := func(cat string, es entries, slots bool) []*Pattern {
		var out []*Pattern
		seen := map[string]int{}
		for _, e := range es {
			pat, err := ParsePattern(e.Value)
			if err != nil {
				pr.add(e.Line, "%s: %q: %v", cat, e.Value, err)
				continue
			}
			pat.line = e.Line
			pat.stop = p.stop
			if !slots && pat.hasSlots() {
				pr.add(e.Line, "%s: %q: this category takes no slots", cat, e.Value)
				continue
			}
			k := patternKey(pat)
			if at, dup := seen[k]; dup {
				pr.add(e.Line, "%s: %q is the same entry as line %d", cat, e.Value, at)
				continue
			}
			seen[k] = e.Line
			out = append(out, pat)
		}
		return out
	}
	p.CTA.verbs = list(CatCTAVerbs, f.CTA.Verbs, false)
	p.CTA.vague = list(CatCTAVague, f.CTA.Vague, false)
	p.CTA.declines = list(CatCTADeclines, f.CTA.Declines, false)
	p.CTA.interjections = list(CatCTAInterjections, f.CTA.Interjections, false)
	switch f.CTA.VerbPosition {
	case "first":
		p.CTA.VerbPosition = VerbFirst
	case "last":
		p.CTA.VerbPosition = VerbLast
	case "both":
		p.CTA.VerbPosition = verbBoth
	case "":
	default:
		pr.add(0, "cta.verb_position is %q: write first, last or both", f.CTA.VerbPosition)
	}
	p.SelfIntro = list(CatSelfIntro, f.Openers.SelfIntro, true)
	p.companyIntro = list(CatCompanyIntro, f.Openers.CompanyIntro, true)
	p.greetings = list(CatGreetings, f.Greetings, false)
	p.signOffs = list(CatSignOffs, f.SignOffs, false)
	p.hype = list(CatHype, f.Hype, false)
	p.DraftMarkers = list(CatDraftMarkers, f.DraftMarkers, false)
	p.address.formal = list(CatAddress+".formal", f.Address.Formal, false)
	p.address.informal = list(CatAddress+".informal", f.Address.Informal, false)

	overlap := func(a, b string, x, y []*Pattern) {
		keys := map[string]bool{}
		for _, q := range x {
			keys[patternKey(q)] = true
		}
		for _, q := range y {
			if keys[patternKey(q)] {
				pr.add(q.line, "%q is in both %s and %s", q.Source, a, b)
			}
		}
	}
	overlap(CatCTAVague, CatCTADeclines, p.CTA.vague, p.CTA.declines)
	overlap(CatCTAVerbs, CatCTAInterjections, p.CTA.verbs, p.CTA.interjections)
	overlap(CatAddress+".formal", CatAddress+".informal", p.address.formal, p.address.informal)

	shared := sharedAcronyms()
	seenAcr := map[string]int{}
	for _, e := range f.Acronyms {
		if err := checkAcronym(e.Value); err != nil {
			pr.add(e.Line, "acronym %q: %v", e.Value, err)
			continue
		}
		switch at, dup := seenAcr[e.Value]; {
		case dup:
			pr.add(e.Line, "acronym %q is listed twice (line %d)", e.Value, at)
		case shared[e.Value]:
			pr.add(e.Line, "acronym %q is already in the shared list or the currency codes", e.Value)
		default:
			seenAcr[e.Value] = e.Line
			p.acronyms = append(p.acronyms, e.Value)
		}
	}

	if f.Question != nil {
		p.Question = question(pr, "question", f.Question)
	}
	p.quotes = quotes(pr, "quotes", f.Quotes)
	if f.Articles != nil {
		p.articles = articles(pr, f.Articles)
	}

	// every category is there, or declared not applicable, not both
	present := map[string]bool{
		catFunctionWords:    len(p.functionWords) > 0,
		catLetters:          len(p.letters) > 0,
		catSuffixes:         len(p.suffixes) > 0,
		CatCTAVague:         len(f.CTA.Vague) > 0,
		CatCTAVerbs:         len(f.CTA.Verbs) > 0,
		catCTAVerbPosition:  f.CTA.VerbPosition != "",
		CatCTADeclines:      len(f.CTA.Declines) > 0,
		CatCTAInterjections: len(f.CTA.Interjections) > 0,
		CatSelfIntro:        len(f.Openers.SelfIntro) > 0,
		CatCompanyIntro:     len(f.Openers.CompanyIntro) > 0,
		CatGreetings:        len(f.Greetings) > 0,
		CatSignOffs:         len(f.SignOffs) > 0,
		CatHype:             len(f.Hype) > 0,
		CatDraftMarkers:     len(f.DraftMarkers) > 0,
		catQuestion:         f.Question != nil,
		catQuotes:           len(f.Quotes) > 0,
		CatAddress:          len(f.Address.Formal) > 0 || len(f.Address.Informal) > 0,
		catAcronyms:         len(f.Acronyms) > 0,
		CatArticles:         f.Articles != nil,
	}
	for _, c := range categories() {
		switch {
		case present[c] && na[c]:
			pr.add(0, "%s is declared not applicable but has entries", c)
		case !present[c] && !na[c]:
			pr.add(0, "%s is missing or empty: add its entries, or declare it under not_applicable with the reason", c)
		}
	}
	if present[CatAddress] && (len(f.Address.Formal) == 0 || len(f.Address.Informal) == 0) {
		pr.add(0, "address needs both formal and informal forms")
	}

	var regions []region
	for code, rf := range f.Regions {
		r, err := language.ParseRegion(code)
		if err != nil || r.String() != code {
			pr.add(0, "regions: %q is not an ISO 3166 region code in canonical form", code)
			continue
		}
		if rf.Question == nil && len(rf.Quotes) == 0 {
			pr.add(0, "regions: %s changes nothing", code)
			continue
		}
		v := region{Tag: p.Tag, Region: code}
		if rf.Question != nil {
			q := question(pr, "regions."+code+".question", rf.Question)
			v.Question = &q
		}
		if len(rf.Quotes) > 0 {
			v.Quotes = quotes(pr, "regions."+code+".quotes", rf.Quotes)
		}
		regions = append(regions, v)
	}
	sort.Slice(regions, func(i, j int) bool { return regions[i].Region < regions[j].Region })
	if len(pr.errs) > 0 {
		return nil, nil, errors.Join(pr.errs...)
	}
	return p, regions, nil
}
