package rules

import (
	"errors"
	"strings"
	"unicode"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// ctaSpecificity finds call-to-action buttons that do not say what the
// member gets: vague labels ("Learn More") and labels that do not start
// with a verb. Its exported fields are the rule's options.
type ctaSpecificity struct {
	Vague []string `yaml:"vague" doc:"labels that are too vague, matched case-insensitively against the whole trimmed label; replaces the default list"`
	Verbs []string `yaml:"verbs" doc:"more words a label may start with, added to the built-in list of call-to-action verbs (book, get, download, ...)"`
	// vagueSet and verbSet are the options normalized, computed once per
	// configuration rather than once per file
	vagueSet, verbSet map[string]bool `yaml:"-"`
}

// ctaVagueDefault are labels that could sit on any button of any ad.
var ctaVagueDefault = []string{
	"Learn More", "Click Here", "Submit", "Read More", "More", "Go", "Continue", "Details",
	"More Info", "Find Out More", "See More", "Click", "Here", "Next", "Info",
}

// ctaVerbs are the imperative verbs a call to action commonly starts with.
var ctaVerbs = []string{
	"access", "add", "apply", "ask", "attend", "book", "browse", "build", "buy", "calculate", "call",
	"chat", "check", "choose", "claim", "compare", "connect", "contact", "count", "create", "discover",
	"download", "email", "enroll", "enrol", "estimate", "explore", "find", "follow", "get", "give",
	"grab", "hear", "hold", "join", "keep", "learn", "let's", "let", "listen", "meet", "notify", "open",
	"order", "pick", "plan", "preview", "read", "redeem", "register", "remind", "request", "reserve",
	"rsvp", "save", "schedule", "secure", "see", "send", "set", "share", "shop", "show", "sign", "speak",
	"start", "subscribe", "take", "talk", "tell", "test", "try", "unlock", "upgrade", "view", "visit",
	"watch",
}

// ctaDeclines are low-commitment choices ("Maybe later"): a way out of the
// ad, not a call to action, even when they open a page.
var ctaDeclines = map[string]bool{
	"maybe later": true, "not now": true, "not right now": true, "no thanks": true, "no, thanks": true,
	"no thank you": true, "i'm all set": true, "just browsing": true, "not interested": true, "no": true,
}

// ctaInterjections may open a label before its verb: "Yes, send it".
var ctaInterjections = map[string]bool{"yes": true, "sure": true, "ok": true, "okay": true, "absolutely": true}

// newCTASpecificity returns the cta-specificity rule with its default
// options.
func newCTASpecificity() lint.Rule {
	return newConfigurable(lint.Doc{
		ID:       "cta-specificity",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "buttons that leave the conversation say what the member gets",
		Text: "A button that opens a landing page or a Lead Gen Form is the ad's one conversion point, and its " +
			"label is all the member reads before deciding. LinkedIn's Sponsored Messaging best practices ask for " +
			"a clear, specific call to action; a label that could sit on any ad (\"Learn More\", \"Click Here\", " +
			"\"Submit\") promises nothing, and one that does not start with a verb (\"Pricing guide\") does not say " +
			"what happens on click. Write what the member does and gets: \"Get the pricing guide\", \"Book a " +
			"15-minute demo\". The rule checks buttons whose rendered target is a URL or a lead form; a " +
			"Conversation Ad button that leads to another message (#slug) is an answer to the message, not a call " +
			"to action, and is left alone, as is a way out such as \"Maybe later\" or \"No thanks\".",
	}, ctaSpecificity{Vague: ctaVagueDefault})
}

func (r *ctaSpecificity) prepare() error {
	for _, l := range append(append([]string(nil), r.Vague...), r.Verbs...) {
		if strings.TrimSpace(l) == "" {
			return errors.New("vague and verbs must not contain empty entries")
		}
	}
	r.vagueSet = map[string]bool{}
	for _, l := range r.Vague {
		r.vagueSet[ctaNormalize(l)] = true
	}
	r.verbSet = map[string]bool{}
	for _, l := range append(append([]string(nil), ctaVerbs...), r.Verbs...) {
		r.verbSet[ctaNormalize(l)] = true
	}
	return nil
}

func (r *ctaSpecificity) check(p *lint.Pass) {
	vague, verbs := r.vagueSet, r.verbSet
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
			switch norm := ctaNormalize(text); {
			case ctaDeclines[norm]:
			case vague[norm]:
				p.ReportIn(lint.Render{Variant: v}, span,
					"button label %s is vague: say what the member gets, such as \"Get the pricing guide\" or \"Book a demo\"", quote(text))
			case !verbs[ctaFirstWord(text)]:
				p.ReportIn(lint.Render{Variant: v}, span,
					"button label %s does not start with a verb: lead with what the member does, such as \"Get …\" or \"Book …\"", quote(text))
			}
		})
	}
}

// ctaNormalize lower-cases a label, turns typographic apostrophes into
// plain ones, collapses spaces and drops trailing punctuation, so "Learn
// more!" and "learn  More" compare equal.
func ctaNormalize(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
}

// ctaFirstWord is the label's first word, normalized, after any leading
// interjection ("Yes, send it" → "send").
func ctaFirstWord(label string) string {
	words := strings.Fields(ctaNormalize(label))
	for k, w := range words {
		w = strings.TrimRightFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '\'' })
		w = strings.TrimLeftFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
		if w == "" {
			continue
		}
		if ctaInterjections[w] && k+1 < len(words) {
			continue
		}
		return w
	}
	return ""
}
