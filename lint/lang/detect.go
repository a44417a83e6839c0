package lang

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Detection limits and thresholds. The thresholds were set on the native
// samples under testdata/lang and the short texts of detect_test.go, where
// every confident answer is right and no text in an unsupported language
// gets one.
const (
	// detectMaxBytes is how much of the copy Detect reads: enough for a
	// whole Message Ad, and a bound on the work for any input.
	detectMaxBytes = 4096
	// minEvidence is the score the best language needs to be confident:
	// about three function words of its own, or more shared ones.
	minEvidence = 2.5
	// minRatio is how far ahead of the runner-up the best language must be.
	minRatio = 1.6
	// clearEvidence and clearRatio allow less evidence when no other
	// language comes near: "Ihr Forecast im Griff?" has two German
	// function words and nothing else.
	clearEvidence = 2.0
	clearRatio    = 4.0
	// minCoverage is the share of the words that must be the best
	// language's function words, once there are minCoverageWords words: a
	// text in another language scores a few shared short words ("a", "in",
	// "de") but never a tenth of its words.
	minCoverage      = 0.12
	minCoverageWords = 8
	// maxForeign is the share of letters that may belong to no supported
	// language (å, ł, ő, ş, ơ, ...) before the text is taken for another
	// language: names such as "Øyvind Håland" stay below it.
	maxForeign = 0.01
	// Weights of the cues beside function words (a function word weighs
	// 1); each is divided among the languages that share the cue.
	suffixWeight = 0.5
	// Detect stops reading after earlyWords words when the best language
	// has earlyEvidence and is earlyRatio times ahead of the runner-up:
	// the rest of a long ad cannot change that answer.
	earlyWords    = 24
	earlyEvidence = 8
	earlyRatio    = 3
	letterWeight  = 0.3
	openWeight    = 1.0
)

// model is the detector's view of the packs, built on first use. Each cue
// maps to the set of languages whose packs list it (bit i for tags[i]); a
// cue counts 1/n for each of the n languages that share it.
type model struct {
	tags    []string
	words   map[string]langSet // function word
	letters map[rune]langSet   // letter with diacritic
	sfx     map[string]langSet // word ending
	sfxLens []int              // suffix lengths in bytes, longest first
	opens   map[rune]langSet   // opening question mark (¿)
}

// langSet is a set of languages, by index in model.tags.
type langSet uint16

var detector = sync.OnceValue(buildModel)

func buildModel() *model {
	s := loaded()
	m := &model{
		tags:    s.tags,
		words:   make(map[string]langSet, 640),
		letters: make(map[rune]langSet, 32),
		sfx:     make(map[string]langSet, 96),
		opens:   map[rune]langSet{},
	}
	lens := map[int]bool{}
	for i, tag := range s.tags {
		bit := langSet(1) << i
		p := s.packs[tag]
		for _, w := range p.functionWords {
			m.words[w] |= bit
		}
		for _, r := range p.letters {
			m.letters[r] |= bit
		}
		for _, x := range p.suffixes {
			m.sfx[x] |= bit
			lens[len(x)] = true
		}
		if r, _ := utf8.DecodeRuneInString(p.Question.Open); p.Question.Open != "" {
			m.opens[r] |= bit
		}
	}
	for n := range lens {
		m.sfxLens = append(m.sfxLens, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(m.sfxLens)))
	return m
}

// Detect returns the supported language (a tag of Supported) the copy is
// written in, and whether the evidence is strong enough to act on. text is
// the copy a member reads (subject, bodies, button labels), not the front
// matter; macros, URLs and template actions in it are ignored, and only
// its first 4 KiB are read, so the work is bounded whatever the input.
//
// The answer is not confident for copy in a language without a pack
// (Polish, Swedish, Indonesian, ...), in a script other than Latin, with
// too few words to tell (most subject lines alone), or split between two
// languages; the engine then turns the language-specific heuristics off
// for the file. tag is the best guess, or "" when there is none. European
// Portuguese is read as pt-BR; a template sets lang: pt-PT to turn the
// heuristics off.
//
// The detector scores each language by the function words, word endings
// and letters its pack lists; see the package documentation for why it
// does not use a detection library, and for its measured accuracy and cost.
func Detect(text string) (tag string, confident bool) {
	m := detector()
	if len(m.tags) == 0 {
		return "", false
	}
	sc := m.score(text)
	return m.decide(&sc)
}

// scores is what Detect counted in a text.
type scores struct {
	// lang and own are by language index, the first len(model.tags) of
	// them (a langSet holds at most 16)
	lang    [16]float64
	own     [16]float64 // the function-word part of lang
	n       int         // languages
	words   int         // words counted
	latin   int         // Latin letters
	other   int         // letters of other scripts
	foreign int         // Latin letters no pack lists
}

func (m *model) score(text string) scores {
	sc := scores{n: len(m.tags)}
	if len(text) > detectMaxBytes {
		cut := detectMaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = withoutActions(text)
	add := func(set langSet, weight float64, own bool) {
		if set == 0 {
			return
		}
		w := weight / float64(bits.OnesCount16(uint16(set)))
		for i := range sc.n {
			if set&(1<<i) != 0 {
				sc.lang[i] += w
				if own {
					sc.own[i] += w
				}
			}
		}
	}
	var buf [64]byte
	scan(text, func(kind tokenKind, i, j int) bool {
		switch kind {
		case Punct:
			if r, n := utf8.DecodeRuneInString(text[i:j]); n == j-i {
				add(m.opens[r], openWeight, false)
			}
			return true
		case Word:
		default:
			return true
		}
		word := text[i:j]
		fold := appendFold(buf[:0], word)
		letters := 0
		for _, r := range string(fold) {
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			switch {
			case r < utf8.RuneSelf:
				sc.latin++
			case !unicode.Is(unicode.Latin, r):
				sc.other++
			default:
				sc.latin++
				if set, ok := m.letters[r]; ok {
					add(set, letterWeight, false)
				} else {
					sc.foreign++
				}
			}
		}
		if letters == 0 || isAllCaps(word) {
			return true // a number, or an acronym: no language's word
		}
		sc.words++
		add(m.words[string(fold)], 1, true)
		if letters >= 5 {
			m.addSuffix(fold, add)
		}
		// stop early once the answer cannot change: a long, one-sided text
		return sc.words < earlyWords || !m.settled(&sc)
	})
	return sc
}

// settled reports whether the best language leads so far that the rest
// of the text cannot change the answer in practice.
func (m *model) settled(sc *scores) bool {
	top, second := 0.0, 0.0
	for _, v := range sc.lang[:sc.n] {
		switch {
		case v > top:
			top, second = v, top
		case v > second:
			second = v
		}
	}
	return top >= earlyEvidence && top >= earlyRatio*second && sc.foreign == 0
}

// addSuffix credits each language once for the longest of its suffixes
// that w ends with.
func (m *model) addSuffix(w []byte, add func(langSet, float64, bool)) {
	var seen langSet
	for _, n := range m.sfxLens {
		if n >= len(w) {
			continue
		}
		full := m.sfx[string(w[len(w)-n:])]
		if set := full &^ seen; set != 0 {
			seen |= set
			// each language's share is the same as if all sharers counted
			share := float64(bits.OnesCount16(uint16(set))) / float64(bits.OnesCount16(uint16(full)))
			add(set, suffixWeight*share, false)
		}
	}
}

func (m *model) decide(sc *scores) (string, bool) {
	if sc.other > sc.latin || sc.words == 0 {
		return "", false // another script, or no words at all
	}
	best, second := -1, -1
	for i, v := range sc.lang[:sc.n] {
		switch {
		case best < 0 || v > sc.lang[best]:
			best, second = i, best
		case second < 0 || v > sc.lang[second]:
			second = i
		}
	}
	top := sc.lang[best]
	runnerUp := 0.0
	if second >= 0 {
		runnerUp = sc.lang[second]
	}
	if top == 0 || top == runnerUp {
		return "", false
	}
	enough := top >= minEvidence && top >= minRatio*runnerUp ||
		top >= clearEvidence && top >= clearRatio*runnerUp
	confident := enough &&
		float64(sc.foreign) <= maxForeign*float64(sc.latin) &&
		(sc.words < minCoverageWords || sc.own[best] >= minCoverage*float64(sc.words)) &&
		sc.other*10 <= sc.latin
	return m.tags[best], confident
}

// isAllCaps reports whether w has two or more letters, all capitals.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// withoutActions blanks Go template actions and comments ({{ ... }}) out
// of text, so "{{ .event_day }}" and "{{/* inboxlint:ignore ... */}}" do
// not count as words.
func withoutActions(text string) string {
	i := strings.Index(text, "{{")
	if i < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i >= 0 {
		b.WriteString(text[:i])
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			return b.String()
		}
		b.WriteByte(' ')
		text = text[i+j+2:]
		i = strings.Index(text, "{{")
	}
	b.WriteString(text)
	return b.String()
}
