package lint

import (
	"strings"
	"sync"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// langSource says where a file's language came from.
type langSource string

// Where a file's language comes from, in the order they are tried.
const (
	// langFrontMatter: the template's front matter names it (lang: de).
	langFrontMatter langSource = "front-matter"
	// langConfig: the config's lang: names it for every template.
	langConfig langSource = "config"
	// langDetected: lang.Detect read it from the copy, confidently.
	langDetected langSource = "detected"
	// langUnknown: no tag was given and the copy was too short or in a
	// language without a pack to tell.
	langUnknown langSource = "undetected"
)

// Language is the language a file's copy is checked in.
type Language struct {
	// tag is the BCP 47 tag as given (canonical form) or detected; ""
	// when undetected.
	tag string
	// source says where tag came from.
	source langSource
	// pack is the language's pack, or nil when inboxlint has none for it
	// (pl, pt-PT) or the language is unknown: the language-specific
	// heuristics are then off for the file.
	pack *lang.Pack
}

// chooseLanguage picks the file's language: the front matter's lang:,
// else the config's, else what Detect reads in the first variant's copy.
// A front matter lang: that is not a tag is a problem of the file, which
// it returns, and the heuristics are off for it.
func (p *Pass) chooseLanguage(configLang string) *render.Problem {
	if f := p.Template.Lang; f.Present {
		tag, err := lang.ParseTag(f.Text.S)
		if err != nil {
			span := f.Text.Anchor()
			if strings.TrimSpace(f.Text.S) == "" {
				span = f.Key
			}
			p.language = Language{source: langFrontMatter}
			return &render.Problem{Span: span, Msg: escape.Controls(err.Error())}
		}
		p.setLanguage(tag, langFrontMatter)
		return nil
	}
	if configLang != "" {
		if tag, err := lang.ParseTag(configLang); err == nil {
			p.setLanguage(tag, langConfig)
			return nil
		}
	}
	p.language = Language{source: langUnknown}
	if len(p.Variants) > 0 {
		if tag, ok := lang.Detect(copyText(p.Variants[0])); ok {
			p.setLanguage(tag, langDetected)
		}
	}
	return nil
}

func (p *Pass) setLanguage(tag string, src langSource) {
	pack, _ := lang.Lookup(tag)
	p.language = Language{tag: tag, source: src, pack: pack}
}

// copyText is what a member reads of a variant: the subject, each body and
// each button label, up to the 4 KiB lang.Detect reads.
func copyText(v *render.Variant) string {
	if len(v.Messages) == 1 && len(v.Messages[0].Buttons) == 0 {
		return v.Subject.S + "\n\n" + v.Messages[0].Body.S
	}
	var b strings.Builder
	n := len(v.Subject.S)
	for _, m := range v.Messages {
		n += 2 + len(m.Body.S)
		for _, bt := range m.Buttons {
			n += 2 + len(bt.Label.S)
		}
	}
	b.Grow(min(n, detectBytes))
	add := func(s string) {
		if n := detectBytes - b.Len(); n > 0 {
			b.WriteString(s[:min(len(s), n)])
		}
	}
	add(v.Subject.S)
	for _, m := range v.Messages {
		add("\n\n")
		add(m.Body.S)
		for _, bt := range m.Buttons {
			add("\n\n")
			add(bt.Label.S)
		}
	}
	return b.String()
}

// detectBytes is how much of the copy lang.Detect reads.
const detectBytes = 4 << 10

// setLanguageTag sets the pass's language outside the engine (benchmarks,
// tools that check one template with checkRule): a tag as a front matter
// would give it, or "" to detect it from the copy.
func (p *Pass) setLanguageTag(tag string) {
	p.language = Language{}
	if tag != "" {
		if t, err := lang.ParseTag(tag); err == nil {
			p.setLanguage(t, langConfig)
			return
		}
	}
	if len(p.Variants) > 0 {
		if t, ok := lang.Detect(copyText(p.Variants[0])); ok {
			p.setLanguage(t, langDetected)
			return
		}
	}
	p.language = Language{source: langUnknown}
}

// Pack is the file's language pack, nil when the language-specific
// heuristics are off for it.
func (p *Pass) Pack() *lang.Pack { return p.language.pack }

// Tokens returns the tokens of s (lang.TokenizeAll: the engine's rule
// budget bounds the copy), cut once per pass and text: every phrase rule
// that reads the same copy shares them. With several variants each
// distinct paragraph (render.Paragraphs) is cut once, and a text's tokens
// are its paragraphs' with a paragraph-break token between, which is what
// lang.TokenizeAll gives for the whole text (no token crosses a blank
// line): variants that differ in one paragraph cut little more than one.
func (p *Pass) Tokens(s string) []lang.Token {
	if toks, ok := p.tokens[s]; ok {
		return toks
	}
	var toks []lang.Token
	if shareParagraphs && len(p.Variants) > 1 {
		toks = p.paragraphTokens(s)
	} else {
		toks = p.tokenizer().All(s)
	}
	p.tokens[s] = toks
	return toks
}

// tokenizer is the pass's tokenizer, whose room is made (or taken from an
// earlier pass) on first use.
func (p *Pass) tokenizer() *lang.Tokenizer {
	if p.tokenCache == nil {
		p.tokenCache = tokenCaches.Get().(*tokenCache)
		p.tokens = p.tokenCache.tokens
		p.tokenCache.z.Reserve(p.tokenRoom())
	}
	return &p.tokenCache.z
}

// tokenCache is the memory of a pass's tokens (Tokens): the tokenizer's
// buffers and the map of each text's tokens, which the next pass uses
// again (Pass.release) rather than make its own.
type tokenCache struct {
	z      lang.Tokenizer
	tokens map[string][]lang.Token
}

var tokenCaches = sync.Pool{New: func() any { return &tokenCache{tokens: map[string][]lang.Token{}} }}

// maxPooledTokens and maxPooledFold bound the buffers a pass's tokenCache
// may hold and still go back to tokenCaches: a hostile file's go to the
// collector.
const (
	maxPooledTokens = 1 << 14
	maxPooledFold   = 1 << 16
)

// releaseTokens hands the pass's token memory back for the next pass. Its
// tokens must be dead: the rules keep none (they copy what they quote),
// and the pass's findings are listed.
func (p *Pass) releaseTokens() {
	c := p.tokenCache
	if c == nil {
		return
	}
	p.tokenCache, p.tokens, p.scratch = nil, nil, nil
	if len(c.tokens) > maxPooledParts || !c.z.Reset(maxPooledTokens, maxPooledFold) {
		return
	}
	clear(c.tokens)
	tokenCaches.Put(c)
}

// ScratchTokens returns the tokens of s, as Tokens does, for a rule that
// reads a text once in the pass (a part of one variant's body that the
// others render differently): the paragraphs' tokens are cut once per
// pass and kept, as Tokens keeps them, but the text's own are put
// together in a buffer of the pass's that the next call of ScratchTokens
// writes over, and are not kept. The one exception is the part the rule
// is checking in Part, whose tokens are kept with the part for the next
// rule that checks it. The rule must not keep them, nor modify them; a
// text of one paragraph, or any text in a pass that shares nothing, gets
// Tokens' own.
func (p *Pass) ScratchTokens(s string) []lang.Token {
	if !shareParagraphs || len(p.Variants) <= 1 {
		return p.Tokens(s)
	}
	var room [8][2]int
	pars := paragraphRanges(room[:0], s)
	if len(pars) == 1 && pars[0] == [2]int{0, len(s)} {
		return p.Tokens(s)
	}
	if pt := p.parts; pt != nil && pt.cur > 0 {
		// the part a rule checks in Part: kept with it, for every rule
		// that checks that part reads its tokens (the opener rules, both
		// of the opening sentence)
		k := pt.cur - 1
		if pt.parts[k].text.S == s { // the same bytes cut the same tokens
			if pt.tokens[k] == nil {
				toks := p.appendParagraphTokens(nil, s, pars)
				pt.tokens[k] = toks[:len(toks):len(toks)]
			}
			return pt.tokens[k]
		}
	}
	p.scratch = p.appendParagraphTokens(p.scratch[:0], s, pars)
	return p.scratch
}

// paragraphTokens is s's tokens put together from its paragraphs'.
func (p *Pass) paragraphTokens(s string) []lang.Token {
	var room [8][2]int
	pars := paragraphRanges(room[:0], s)
	if len(pars) == 1 && pars[0] == [2]int{0, len(s)} {
		return p.tokenizer().All(s)
	}
	toks := p.appendParagraphTokens(nil, s, pars)
	return toks[:len(toks):len(toks)]
}

// paragraphRanges appends render.Paragraphs' ranges of s to pars.
func paragraphRanges(pars [][2]int, s string) [][2]int {
	render.Paragraphs(s, func(i, j int) bool {
		pars = append(pars, [2]int{i, j})
		return true
	})
	return pars
}

// appendParagraphTokens appends to dst the tokens of s, whose paragraphs
// are pars: theirs (Tokens), with a paragraph-break token between.
func (p *Pass) appendParagraphTokens(dst []lang.Token, s string, pars [][2]int) []lang.Token {
	var room [8][]lang.Token
	each := room[:0] // the paragraphs' tokens, looked up once
	n := len(pars) + 1
	for _, r := range pars {
		toks := p.Tokens(s[r[0]:r[1]])
		each = append(each, toks)
		n += len(toks)
	}
	out := dst
	switch {
	case cap(out)-len(out) >= n:
	case dst == nil:
		out = p.tokenizer().Take(n) // the room the paragraphs' came from
	default:
		out = make([]lang.Token, len(dst), len(dst)+n)
		copy(out, dst)
	}
	at := 0 // the end of the last paragraph
	brk := func(i, j int) {
		if i < j {
			out = append(out, lang.Token{Kind: lang.Punct, Start: i, End: j, Text: "\n\n", Fold: "\n\n"})
		}
	}
	for k, r := range pars {
		brk(at, r[0])
		// one copy of the paragraph's tokens, then their offsets moved
		n := len(out)
		out = append(out, each[k]...)
		for i := n; i < len(out); i++ {
			out[i].Start += r[0]
			out[i].End += r[0]
		}
		at = r[1]
	}
	brk(at, len(s))
	return out
}

// Language returns the language the engine checks a template in, as lint
// would choose it for the file (front matter, the file's config, else
// detection from the first variant): what `inboxlint render` shows.
func (e *Engine) Language(file string, t *render.Template, variants []*render.Variant) Language {
	cfgLang := ""
	if ce := e.configFor(file); ce != nil && ce.err == nil && ce.cfg != nil {
		cfgLang = ce.cfg.lang
	}
	p := &Pass{Template: t, Variants: variants}
	p.chooseLanguage(cfgLang)
	return p.language
}

// String describes the language for a person: "de (detected)", "pt-PT
// (front matter; no language pack: language rules off)", "undetected:
// language rules off".
func (l Language) String() string {
	switch {
	case l.tag == "":
		return "undetected: language rules off"
	case l.pack == nil:
		return escape.Controls(l.tag) + " (" + string(l.source) + "; no language pack: language rules off)"
	}
	return l.tag + " (" + string(l.source) + ")"
}
