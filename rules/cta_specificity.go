package rules

import (
	"strings"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
)

// ctaSpecificity finds call-to-action buttons that do not say what the
// member gets: vague labels ("Learn More", "Mehr erfahren") and labels
// without a verb where the language puts it. Its exported fields are the
// rule's options.
type ctaSpecificity struct {
	Vague patternList `yaml:"vague" unset:"the language pack's" bound:"no-empty-entries"`
	Verbs patternList `yaml:"verbs" bound:"no-empty-entries"`
	// vague and verbs are the options indexed, once per configuration
	// rather than once per file; vague is nil when the option is unset
	vague, verbs *lang.Matcher `yaml:"-"`
}

func (r *ctaSpecificity) prepare() error {
	var err error
	if r.vague, err = r.Vague.replacing("vague"); err != nil {
		return err
	}
	r.verbs, err = r.Verbs.matcher("verbs")
	return err
}

func (r *ctaSpecificity) check(p *lint.Pass) {
	pack := p.Pack()
	if pack == nil {
		return // the language's vague labels and verbs are unknown
	}
	c := r.checkFor(pack)
	// English labels are common on ads in every language ("Download",
	// "Learn more"): a label the file's language does not accept is also
	// judged as English
	var en *ctaCheck
	if pack.Tag != "en" {
		enPack, _ := lang.Lookup("en")
		en = r.checkFor(enPack)
	}
	for _, v := range p.Variants {
		v.Fields(buttonLabels, func(f render.VariantField) {
			target := v.Messages[f.Message].Buttons[f.Index].Target
			if kind, _ := render.ClassifyTarget(target.S); kind != render.TargetURL && kind != render.TargetLeadForm {
				return
			}
			label := f.Text
			if !p.FirstSeen(label) {
				return
			}
			i := len(label.S) - len(strings.TrimLeft(label.S, " \t"))
			j := len(strings.TrimRight(label.S, " \t"))
			if i >= j {
				return
			}
			text := label.S[i:j]
			span := label.Span(i, j)
			toks := p.Tokens(label.S)
			verdict, inEnglish := c.judge(toks), pack.Tag == "en"
			if verdict != ctaFine && en != nil {
				if v := en.judge(toks); v != ctaNoVerb {
					verdict, inEnglish = v, true
				}
			}
			switch verdict {
			case ctaVague:
				if inEnglish {
					p.ReportIn(lint.Render{Variant: v}, span,
						"button label %s is vague: say what the member gets, such as \"Get the pricing guide\" or \"Book a demo\"", quote(text))
				} else {
					p.ReportIn(lint.Render{Variant: v}, span,
						"button label %s is vague: say what the member gets (the guide, the demo, the seat)", quote(text))
				}
			case ctaNoVerb:
				switch pack.CTA.VerbPosition {
				case lang.VerbFirst:
					if pack.Tag == "en" {
						p.ReportIn(lint.Render{Variant: v}, span,
							"button label %s does not start with a verb: lead with what the member does, such as \"Get …\" or \"Book …\"", quote(text))
					} else {
						p.ReportIn(lint.Render{Variant: v}, span,
							"button label %s does not start with a verb: lead with what the member does", quote(text))
					}
				default:
					p.ReportIn(lint.Render{Variant: v}, span,
						"button label %s has no verb at its start or end: say what the member does", quote(text))
				}
			}
		})
	}
}

type ctaVerdict uint8

const (
	ctaFine ctaVerdict = iota
	ctaVague
	ctaNoVerb
)

// checkFor returns how labels are judged in a pack's language with the
// options in force.
func (r *ctaSpecificity) checkFor(pack *lang.Pack) *ctaCheck {
	c := &ctaCheck{pack: pack, vague: r.vague, extra: r.verbs}
	if c.vague == nil {
		c.vague = pack.Matcher(lang.CatCTAVague)
	}
	return c
}

// ctaCheck judges labels in one language.
type ctaCheck struct {
	pack         *lang.Pack
	vague, extra *lang.Matcher
}

// judge tells whether a label (its tokens) is a decline, vague, or has
// its verb where the language puts it, after any interjection ("Yes,
// send it", "Oui, je m'inscris").
func (c *ctaCheck) judge(toks []lang.Token) ctaVerdict {
	if _, ok := c.pack.Matcher(lang.CatCTADeclines).Whole(toks); ok {
		return ctaFine
	}
	if _, ok := c.vague.Whole(toks); ok {
		return ctaVague
	}
	var buf [16]lang.Token
	words := buf[:0]
	for _, t := range toks {
		if t.Kind == lang.Word || t.Kind == lang.Macro {
			words = append(words, t)
		}
	}
	if len(words) == 0 {
		return ctaNoVerb
	}
	start := 0
	if m, ok := c.pack.Matcher(lang.CatCTAInterjections).At(words, 0); ok && m.End < len(words) {
		start = m.End
	}
	verbs := c.pack.Matcher(lang.CatCTAVerbs)
	pos := c.pack.CTA.VerbPosition
	for _, m := range []*lang.Matcher{verbs, c.extra} {
		if pos != lang.VerbLast {
			if _, ok := m.At(words, start); ok {
				return ctaFine
			}
		}
		if pos != lang.VerbFirst {
			for _, x := range m.All(words[start:]) {
				if start+x.End == len(words) {
					return ctaFine
				}
			}
		}
	}
	return ctaNoVerb
}
