package lang

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:generate go test -run TestPacksGenerated -update .

// The packs' source is packs/<tag>.yaml; the binary carries them compiled
// into one packs_<tag>_gen.go per pack and packs_gen.go (builtinPacks,
// builtinRegions), which a test regenerates and compares, so the two never
// disagree. Parsing the YAML at
// start-up would cost about 15 ms of CPU (2.7 ms for one pack) on every
// run; the generated data is initialized statically and costs nothing
// until used.

// set indexes the packs, built on first use.
type set struct {
	packs   map[string]*Pack // by tag
	regions map[string]*Pack // regional views, by "fr-CA"
	tags    []string         // sorted
}

var loaded = sync.OnceValue(buildSet)

func buildSet() *set {
	s := &set{packs: map[string]*Pack{}, regions: map[string]*Pack{}}
	for _, p := range builtinPacks {
		s.packs[p.Tag] = p
		s.tags = append(s.tags, p.Tag)
	}
	for _, r := range builtinRegions {
		if p := s.packs[r.Tag]; p != nil {
			s.regions[r.key()] = r.apply(p)
		}
	}
	return s
}

// region is what a region writes differently from its language's pack.
type region struct {
	Tag, Region string
	Question    *Question   // nil: the pack's
	Quotes      []quotePair // nil: the pack's
}

func (r region) key() string { return r.Tag + "-" + r.Region }

// apply returns the regional view of p: p with the region's changes.
func (r region) apply(p *Pack) *Pack {
	v := *p
	v.region = r.Region
	if r.Question != nil {
		v.Question = *r.Question
	}
	if r.Quotes != nil {
		v.quotes = r.Quotes
	}
	return &v
}

// Supported returns the tags of the packs, sorted: de, en, es, fr, it, nl,
// pt-BR.
func Supported() []string {
	return append([]string(nil), loaded().tags...)
}

// Lookup returns the pack for a BCP 47 tag, such as "de", "de-AT",
// "fr-CA" or "pt-BR", and whether there is one. The tag is parsed
// properly (case, extensions and three-letter codes are fine) and its
// language picks the pack, whatever the region: de-CH and de-AT read as
// de, fr-CA as fr, es-MX as es. Where a region writes differently, the
// pack says so and Lookup returns that regional view (fr-CA: no space
// before "?"; de-CH: «guillemets»; en-GB: ‘single quotes’ first).
//
// Portuguese: "pt" and "pt-BR" give the pt-BR pack, because Brazilian
// Portuguese is what nearly all Portuguese-language B2B copy on LinkedIn is
// written in. Any other region (pt-PT, pt-AO, pt-MZ) follows the European
// norm, whose vocabulary and forms of address differ (in Portugal "você"
// is not the informal "you"), so it has no pack: the language heuristics
// are off rather than wrong. A tag in a script other than Latin has none.
func Lookup(tag string) (*Pack, bool) {
	s := loaded()
	if p, ok := s.packs[tag]; ok && p.Tag == tag {
		// a pack's own tag, as Detect returns it: nothing to parse
		return p, true
	}
	t, err := language.Parse(strings.TrimSpace(tag))
	if err != nil {
		return nil, false
	}
	base, conf := t.Base()
	if conf != language.Exact {
		return nil, false // "und": no language named, only guessed
	}
	if script, conf := t.Script(); conf == language.Exact && script.String() != "Latn" {
		return nil, false
	}
	region, conf := t.Region()
	explicit := conf == language.Exact
	key := base.String()
	if key == "pt" {
		if explicit && region.String() != "BR" {
			return nil, false
		}
		key = "pt-BR"
	}
	p, ok := s.packs[key]
	if !ok {
		return nil, false
	}
	if explicit {
		if r, ok := s.regions[p.Tag+"-"+region.String()]; ok {
			return r, true
		}
	}
	return p, true
}

// ParseTag checks a language tag as a template's or config's lang: names
// it, and returns it in its canonical form ("de-CH" for "de-ch"). The
// error says what is wrong in words a user can act on. A well-formed tag
// without a pack (pl, pt-PT) is not an error: it turns the language
// heuristics off.
func ParseTag(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("lang is empty: give a BCP 47 language tag such as de, fr-CA or pt-BR")
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("lang %q is not a BCP 47 language tag: write one such as de, fr-CA or pt-BR", s)
	}
	return t.String(), nil
}
