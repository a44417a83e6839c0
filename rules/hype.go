package rules

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// hype finds fake urgency and spam markers: hype phrases, words in
// capitals, runs of exclamation marks and a subject that fakes a reply. Its
// exported fields are the rule's options.
type hype struct {
	Phrases  patternList `yaml:"phrases" unset:"the language pack's" bound:"no-empty-entries"`
	Acronyms []string    `yaml:"acronyms" bound:"no-empty-entries"`

	// phrases is Phrases parsed and indexed; nil when Phrases is unset
	// (the file's pack's list applies).
	phrases *lang.Matcher `yaml:"-"`
	// acronyms holds the allowance per pack, each built the first time a
	// file in the pack's language is checked (allowance).
	acronyms *packAcronyms `yaml:"-"`
}

// packAcronyms are a configuration's acronym allowances, by the pack a
// file was checked with (nil: language-neutral). Building one for every
// pack when the rule is configured cost a lookup and an allowance per
// language on every run, for the one or two languages a run meets.
type packAcronyms struct {
	extra  []string
	byPack sync.Map // *lang.Pack -> *lang.Acronyms
}

// prepare parses the configured phrases and builds the acronym
// allowances.
func (r *hype) prepare() error {
	var err error
	if r.phrases, err = r.Phrases.replacing("phrases"); err != nil {
		return err
	}
	r.acronyms = &packAcronyms{extra: r.Acronyms}
	return nil
}

// allowance returns the acronyms allowed in capitals for a pack; a
// regional view shares its language's, and a pack that is not one of the
// languages' gets the language-neutral allowance.
func (r *hype) allowance(p *lang.Pack) *lang.Acronyms {
	if a, ok := r.acronyms.byPack.Load(p); ok {
		return a.(*lang.Acronyms)
	}
	var base *lang.Pack
	if p != nil {
		base, _ = lang.Lookup(p.Tag)
	}
	a, _ := r.acronyms.byPack.LoadOrStore(p, lang.NewAcronyms(base, r.acronyms.extra))
	return a.(*lang.Acronyms)
}

func (r *hype) check(p *lint.Pass) {
	pack := p.Pack()
	phrases := r.phrases
	if phrases == nil {
		phrases = pack.Matcher(lang.CatHype)
	}
	c := hypeCheck{phrases: phrases, acronyms: r.allowance(pack), drafts: pack.Matcher(lang.CatDraftMarkers)}
	// phrases, capitals and "!!" lie within a paragraph; the subject is
	// read whole, for the fake reply at its start
	isSubject := func(f render.VariantField) bool { return f.Kind == render.FieldSubject }
	p.FieldParagraphs(readCopy, isSubject, func(v *render.Variant, t render.Text) {
		if t.Key() != v.Subject.Key() {
			reportText(p, v, t, c.find(t.S, p.Tokens(t.S), -1))
			return
		}
		skip := -1
		if i, j, ok := fakeReply(t.S); ok {
			skip = j
			p.ReportIn(lint.Render{Variant: v}, t.Span(i, j),
				"the subject starts with %s, faking a reply or forward: members feel tricked when they open it, so lead with the real hook", quote(t.S[i:j]))
		}
		reportText(p, v, t, c.find(t.S, p.Tokens(t.S), skip))
	})
}

// fakeReply finds a "Re:", "Fwd:", "Fw:" at the start of a subject (any
// case, spaces allowed before the colon) and returns its range.
func fakeReply(s string) (start, end int, ok bool) {
	i := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	switch strings.ToLower(s[i:j]) {
	case "re", "fw", "fwd":
	default:
		return 0, 0, false
	}
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k < len(s) && s[k] == ':' {
		return i, k + 1, true
	}
	return 0, 0, false
}

// hypeCheck is what the rule looks for in one file's texts.
type hypeCheck struct {
	phrases, drafts *lang.Matcher
	acronyms        *lang.Acronyms
}

// find returns the hype phrases, capitalized words and "!!" runs in s,
// whose tokens are toks; capitalized words before the byte offset skip (a
// fake-reply prefix) do not count.
func (c *hypeCheck) find(s string, toks []lang.Token, skip int) []textFinding {
	var out []textFinding
	var covered []lang.Match
	if c.phrases.Len() > 0 {
		covered = c.phrases.Leftmost(toks)
		for _, m := range covered {
			i, j := toks[m.Start].Start, toks[m.End-1].End
			out = append(out, textFinding{i, j, fmt.Sprintf("%s reads as hype or spam: replace it with a concrete detail, such as a date, a number or what the member gets", quote(s[i:j]))})
		}
	}
	drafts := c.drafts.All(toks)
	inMatch := func(ms []lang.Match, a, b int) bool {
		for _, m := range ms {
			if a < m.End && m.Start < b {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(toks); k++ {
		if toks[k].Kind != lang.Word {
			continue
		}
		// an elided word and the rest of it are one word here: "DON'T"
		a, b := k, k+1
		for b < len(toks) && toks[b].Kind == lang.Word && toks[b].Start == toks[b-1].End && strings.HasSuffix(toks[b-1].Text, "'") {
			b++
		}
		k = b - 1
		i, j := toks[a].Start, toks[b-1].End
		w := s[i:j]
		if i < skip || !hypeShouted(w) || c.acronyms.Known(w) || inMatch(covered, a, b) || inMatch(drafts, a, b) {
			continue
		}
		// %WORD, WORD%, *|WORD|* and {WORD}: unknown-macro reports those;
		// FIRST_NAME is leaked-code's
		if i > 0 && (s[i-1] == '%' || s[i-1] == '_') || j < len(s) && (s[j] == '%' || s[j] == '_') ||
			i > 0 && j < len(s) && strings.IndexByte("|{", s[i-1]) >= 0 && strings.IndexByte("|}", s[j]) >= 0 {
			continue
		}
		if hypeDraftMarkers[w] {
			continue // placeholder reports those
		}
		out = append(out, textFinding{i, j, fmt.Sprintf("%s is written in capitals, which reads as shouting: write it in normal case (or add it to the rule's acronyms if it is one)", quote(w))})
	}
	for i := 0; i < len(s); i++ {
		k := strings.Index(s[i:], "!!")
		if k < 0 {
			break
		}
		i += k
		j := i
		for j < len(s) && s[j] == '!' {
			j++
		}
		out = append(out, textFinding{i, j, fmt.Sprintf("%s reads as spam: use one exclamation mark at most", quote(s[i:j]))})
		i = j
	}
	return out
}

// hypeDraftMarkers are capitalized on purpose in any language; the
// placeholder rule reports them.
var hypeDraftMarkers = map[string]bool{"TODO": true, "TBD": true, "TBC": true, "TBA": true, "FIXME": true, "XXX": true, "XXXX": true}

// hypeShouted reports whether w has at least four letters, all capitals:
// shorter words in capitals are nearly always acronyms.
func hypeShouted(w string) bool {
	if w == "" || w[0] >= 'a' && w[0] <= 'z' {
		return false // most words, at once
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLetter(r):
			return false // a script without case
		}
	}
	return letters >= 4
}
