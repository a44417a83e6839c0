package lint

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// LangSource says where a file's language came from.
type LangSource string

// Where a file's language comes from, in the order they are tried.
const (
	// LangFrontMatter: the template's front matter names it (lang: de).
	LangFrontMatter LangSource = "front-matter"
	// LangConfig: the config's lang: names it for every template.
	LangConfig LangSource = "config"
	// LangDetected: lang.Detect read it from the copy, confidently.
	LangDetected LangSource = "detected"
	// LangUnknown: no tag was given and the copy was too short or in a
	// language without a pack to tell.
	LangUnknown LangSource = "undetected"
)

// Language is the language a file's copy is checked in.
type Language struct {
	// Tag is the BCP 47 tag as given (canonical form) or detected; ""
	// when undetected.
	Tag string
	// Source says where Tag came from.
	Source LangSource
	// Pack is the language's pack, or nil when inboxlint has none for it
	// (pl, pt-PT) or the language is unknown: the language-specific
	// heuristics are then off for the file.
	Pack *lang.Pack
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
			p.Language = Language{Source: LangFrontMatter}
			return &render.Problem{Span: span, Msg: escape.Controls(err.Error())}
		}
		p.setLanguage(tag, LangFrontMatter)
		return nil
	}
	if configLang != "" {
		if tag, err := lang.ParseTag(configLang); err == nil {
			p.setLanguage(tag, LangConfig)
			return nil
		}
	}
	p.Language = Language{Source: LangUnknown}
	if len(p.Variants) > 0 {
		if tag, ok := lang.Detect(copyText(p.Variants[0])); ok {
			p.setLanguage(tag, LangDetected)
		}
	}
	return nil
}

func (p *Pass) setLanguage(tag string, src LangSource) {
	pack, _ := lang.Lookup(tag)
	p.Language = Language{Tag: tag, Source: src, Pack: pack}
}

// copyText is what a member reads of a variant: the subject, each body and
// each button label, up to the 4 KiB lang.Detect reads.
func copyText(v *render.Variant) string {
	if len(v.Messages) == 1 && len(v.Messages[0].Buttons) == 0 {
		return v.Subject.S + "\n\n" + v.Messages[0].Body.S
	}
	var b strings.Builder
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

// SetLanguage sets the pass's language outside the engine (benchmarks,
// tools that check one template with CheckRule): a tag as a front matter
// would give it, or "" to detect it from the copy.
func (p *Pass) SetLanguage(tag string) {
	p.Language = Language{}
	if tag != "" {
		if t, err := lang.ParseTag(tag); err == nil {
			p.setLanguage(t, LangConfig)
			return
		}
	}
	if len(p.Variants) > 0 {
		if t, ok := lang.Detect(copyText(p.Variants[0])); ok {
			p.setLanguage(t, LangDetected)
			return
		}
	}
	p.Language = Language{Source: LangUnknown}
}

// Pack is the file's language pack, nil when the language-specific
// heuristics are off for it.
func (p *Pass) Pack() *lang.Pack { return p.Language.Pack }

// Tokens returns the tokens of s (lang.TokenizeAll: the engine's rule
// budget bounds the copy), cut once per pass and text: every phrase rule
// that reads the same copy shares them.
func (p *Pass) Tokens(s string) []lang.Token {
	if toks, ok := p.tokens[s]; ok {
		return toks
	}
	toks := lang.TokenizeAll(s)
	if p.tokens == nil {
		p.tokens = map[string][]lang.Token{}
	}
	p.tokens[s] = toks
	return toks
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
	return p.Language
}

// String describes the language for a person: "de (detected)", "pt-PT
// (front matter; no language pack: language rules off)", "undetected:
// language rules off".
func (l Language) String() string {
	switch {
	case l.Tag == "":
		return "undetected: language rules off"
	case l.Pack == nil:
		return escape.Controls(l.Tag) + " (" + string(l.Source) + "; no language pack: language rules off)"
	}
	return l.Tag + " (" + string(l.Source) + ")"
}
