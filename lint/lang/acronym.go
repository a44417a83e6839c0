package lang

import (
	"bufio"
	_ "embed"
	"errors"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/iso4217.txt
var iso4217Data string

//go:embed data/acronyms.txt
var acronymsData string

// notAcronyms are ISO 4217 codes that never name a currency in copy and
// would hide a draft marker: XXX ("no currency") is what writers type for
// a number still to come, and XTS is reserved for testing.
var notAcronyms = map[string]bool{"XXX": true, "XTS": true}

// currencyCodes returns the current ISO 4217 alphabetic codes (EUR, USD,
// CHF, ...), from the embedded List One, in the order of the list.
func currencyCodes() []string { return currencies().codes }

type currencyList struct {
	codes []string
	names map[string]string
}

var currencies = sync.OnceValue(func() currencyList {
	l := currencyList{names: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(iso4217Data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, " ", 3)
		if len(f) == 3 {
			l.codes = append(l.codes, f[0])
			l.names[f[0]] = f[2]
		}
	}
	return l
})

// currencyName returns the ISO 4217 name of a current code ("Swiss
// Franc" for CHF), or "" when code is not one.
func currencyName(code string) string { return currencies().names[code] }

// sharedWords returns the words of the shared acronym list, in file order.
var sharedWords = sync.OnceValue(func() []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(acronymsData))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
})

// sharedAcronyms is the language-neutral allowance: the shared list and
// the currency codes. It is built on first use: a run whose copy has no
// word in capitals never needs it.
var sharedAcronyms = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range sharedWords() {
		m[w] = true
	}
	for _, c := range currencies().codes {
		if !notAcronyms[c] {
			m[c] = true
		}
	}
	return m
})

// sharedPlurals are the shared words that take an "S" plural: the shared
// list without the currency codes.
var sharedPlurals = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range sharedWords() {
		m[w] = true
	}
	return m
})

// checkAcronym reports what is wrong with an acronym entry: it must be one
// word of at least two characters whose letters are all capitals.
func checkAcronym(w string) error {
	toks := Tokenize(w)
	switch {
	case len(toks) != 1 || toks[0].Kind != Word || toks[0].Text != w:
		return errors.New("must be one word of letters and digits")
	case utf8.RuneCountInString(w) < 2:
		return errors.New("must be at least two characters")
	case strings.IndexFunc(w, unicode.IsLetter) < 0:
		return errors.New("must have a letter")
	case strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) && !unicode.IsUpper(r) }) >= 0:
		return errors.New("must be written in capitals")
	}
	return nil
}

// Acronyms is the allowance of words written in capitals that are names,
// not shouting: the ISO 4217 currency codes, the international B2B
// acronyms every language uses (CEO, MQL, EBITDA, SAML, ...), the pack's
// own (DSGVO, TVA, IVA, BTW, LGPD, ...) and the words a config lists. It
// is built once per configuration and safe for concurrent use.
type Acronyms struct {
	// own are the pack's and the config's words; they take an "S" plural
	// like the shared list (nobody writes "EURS", but "TOPS" and "PENS"
	// are words, so currency codes take none). The shared allowance
	// (sharedAcronyms, sharedPlurals) is not copied: every configuration
	// and pack reads the one set, built the first time a word in capitals
	// is looked up.
	own map[string]bool
}

// NewAcronyms returns the allowance for a pack (nil for a file whose
// language has no pack: the language-neutral part only) plus extra words
// from the config, which are matched in capitals whatever case they are
// written in. It costs only the pack's and the config's words.
func NewAcronyms(p *Pack, extra []string) *Acronyms {
	a := &Acronyms{own: map[string]bool{}}
	if p != nil {
		for _, w := range p.acronyms {
			a.own[w] = true
		}
	}
	for _, w := range extra {
		if w = strings.TrimSpace(w); w != "" {
			a.own[upper(w)] = true
		}
	}
	return a
}

// Known reports whether a word written in capitals is a known acronym. An
// "S" after a known acronym other than a currency code is its plural
// ("KPIS", "CEOS"), and a word is compared in capitals, so "Eur" is EUR.
// Some currency codes are also English words (ALL, TOP, MAD); the hype
// rule looks only at words of four or more letters, which no code is.
func (a *Acronyms) Known(word string) bool {
	w := upper(word)
	if a.own[w] || sharedAcronyms()[w] {
		return true
	}
	if n := len(w); n >= 3 && w[n-1] == 'S' {
		return a.own[w[:n-1]] || sharedPlurals()[w[:n-1]]
	}
	return false
}

func upper(s string) string {
	if !isPlainASCII(s) {
		s = norm.NFC.String(s)
	}
	return strings.ToUpper(s)
}
