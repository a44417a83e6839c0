package rules

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// hype finds fake urgency and spam markers: hype phrases, words in
// capitals, runs of exclamation marks and a subject that fakes a reply. Its
// exported fields are the rule's options.
type hype struct {
	Phrases  []string `yaml:"phrases" doc:"hype phrases to report, matched as whole words in any case; replaces the default list ([] turns phrase checks off)"`
	Acronyms []string `yaml:"acronyms" doc:"more words allowed in capitals, added to the built-in list of common B2B acronyms (CEO, CRM, ROI, GDPR, ...)"`

	// phraseRE is Phrases compiled; nil when the list is empty.
	phraseRE   *regexp.Regexp `yaml:"-"`
	phraseKeys []string       `yaml:"-"` // the longest word of each phrase, lower-case
	// acronymSet holds the capitalized words allowed, built-in and
	// configured.
	acronymSet map[string]bool `yaml:"-"`
}

// hypePhrasesDefault are phrases spam filters and readers take as hype.
var hypePhrasesDefault = []string{
	"act now", "limited time", "100% free", "risk-free", "guaranteed", "once in a lifetime",
	"don't miss out", "urgent", "exclusive deal", "click here", "buy now", "last chance", "best price",
	"no obligation", "amazing", "incredible", "revolutionary",
}

// hypeAcronyms are capitalized words that are names, not shouting.
var hypeAcronyms = []string{
	"CEO", "CFO", "CMO", "COO", "CTO", "CIO", "CRO", "CPO", "CISO", "CHRO", "SVP", "EVP", "AVP",
	"CRM", "ERP", "HCM", "CMS", "CDP", "B2B", "B2C", "D2C", "DTC", "SAAS", "PAAS", "IAAS",
	"API", "SDK", "ROI", "KPI", "OKR", "SEO", "SEM", "PPC", "CPC", "CPM", "CPL", "CPA", "CTR", "CAC", "LTV",
	"ABM", "SDR", "BDR", "ARR", "MRR", "NRR", "ACV", "TCV", "GTM", "PLG", "RFP", "RFQ", "SMB", "SME",
	"USA", "EMEA", "APAC", "LATAM", "DACH", "NYC", "UAE",
	"PDF", "FAQ", "GMT", "UTC", "CET", "CEST", "BST", "EST", "EDT", "PST", "PDT", "CST", "CDT",
	"SQL", "AWS", "GCP", "IBM", "SAP", "GDPR", "CCPA", "HIPAA", "SOC", "ISO", "PCI", "SOX", "SSO", "SLA",
	"NPS", "CSAT", "QBR", "MBA", "CFA", "PMP", "PHD", "IPO", "ESG", "DEI", "CSR", "OEM", "SKU",
	"HTML", "CSS", "JSON", "XML", "HTTP", "HTTPS", "URL", "LLM", "NLP", "GPU", "CPU", "IOT", "ETL",
	"RSVP", "AMA", "CEU", "CPE", "YOY", "EOD", "FYI", "CEOS", "CFOS", "CMOS", "CTOS", "VPS",
}

// hypeDraftMarkers are capitalized on purpose; the placeholder rule
// reports them.
var hypeDraftMarkers = map[string]bool{"TODO": true, "TBD": true, "TBC": true, "FIXME": true, "XXX": true, "XXXX": true}

// newHype returns the hype rule with its default options.
func newHype() lint.Rule {
	return newConfigurable(lint.Doc{
		ID:       "hype",
		Severity: lint.SeverityWarning,
		Default:  true,
		Title:    "no fake urgency, spam phrases, shouting or fake replies",
		Text: "A sponsored message competes with messages from colleagues, and the words that mark spam in email " +
			"(\"act now\", \"100% free\", \"guaranteed\", \"last chance\"), words in capitals, \"!!\" and a subject " +
			"that pretends to continue a thread (\"Re:\", \"Fwd:\") make members ignore or report it. LinkedIn's " +
			"Advertising Policies reject misleading ads, and its Sponsored Messaging best practices ask for a " +
			"professional, conversational tone; spam-filter lists (SpamAssassin, HubSpot's spam trigger words) " +
			"name the same phrases. The rule checks the subject, every message body and every button label of " +
			"each variant and reports each occurrence: the phrases (whole words, any case), words of three or more " +
			"letters written in capitals unless they are known acronyms (CEO, ROI, GDPR, ...; the macros " +
			"%FIRSTNAME% and the rest are never counted), two or more exclamation marks in a row, and a subject " +
			"that starts with Re:, Fwd: or FW:.",
	}, hype{Phrases: hypePhrasesDefault})
}

// prepare refuses empty entries and builds the phrase pattern and the
// acronym set from the options.
func (r *hype) prepare() error {
	for _, s := range append(append([]string(nil), r.Phrases...), r.Acronyms...) {
		if strings.TrimSpace(s) == "" {
			return errors.New("phrases and acronyms must not contain empty entries")
		}
	}
	r.compile()
	return nil
}

func (r *hype) compile() {
	r.acronymSet = map[string]bool{}
	for _, a := range append(append([]string(nil), hypeAcronyms...), r.Acronyms...) {
		r.acronymSet[strings.ToUpper(strings.TrimSpace(a))] = true
	}
	r.phraseRE = nil
	if len(r.Phrases) == 0 {
		return
	}
	ps := append([]string(nil), r.Phrases...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	alts := make([]string, 0, len(ps))
	for _, p := range ps {
		p = strings.Join(strings.Fields(p), " ")
		q := regexp.QuoteMeta(p)
		q = strings.ReplaceAll(q, " ", `\s+`)
		q = strings.NewReplacer("'", "['’]", "’", "['’]").Replace(q)
		if r, _ := utf8.DecodeRuneInString(p); hypeWordRune(r) {
			q = `\b` + q
		}
		if r, _ := utf8.DecodeLastRuneInString(p); hypeWordRune(r) {
			q += `\b`
		}
		alts = append(alts, q)
	}
	r.phraseRE = regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
	// The phrase pattern is costly to run on every text; it only runs when
	// the text contains the longest word of some phrase, which is rare.
	r.phraseKeys = make([]string, 0, len(ps))
	for _, p := range ps {
		key := ""
		for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool { return !hypeWordRune(r) }) {
			if len(w) > len(key) {
				key = w
			}
		}
		if key == "" || !isASCII(key) {
			r.phraseKeys = nil // cannot prefilter this phrase: always run the pattern
			return
		}
		r.phraseKeys = append(r.phraseKeys, key)
	}
}

// mayContainPhrase reports whether s may hold one of the phrases: whether
// it contains, ignoring ASCII case, the longest word of one of them.
func (r *hype) mayContainPhrase(s string) bool {
	if r.phraseKeys == nil {
		return true
	}
	return containsAnyFold(s, r.phraseKeys...)
}

// mayShout reports whether s may hold a word in capitals: two capital
// ASCII letters in a row, or any non-ASCII text (other scripts' capitals).
func mayShout(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c >= 'A' && c <= 'Z' && i+1 < len(s) && s[i+1] >= 'A' && s[i+1] <= 'Z' {
			return true
		}
	}
	return false
}

func hypeWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

var (
	hypeBangs     = lazyRE(`!{2,}`)
	hypeFakeReply = lazyRE(`^\s*((?i:re|fwd?|fw)\s*:)`)
	hypeURL       = lazyRE(`https?://\S+`)
)

func (r *hype) check(p *lint.Pass) {
	for _, v := range p.Variants {
		check := func(t render.Text, skip [][]int) {
			reportText(p, v, t, r.find(t.S, skip))
		}
		v.Fields(readCopy, func(f render.VariantField) {
			t := f.Text
			if !p.FirstSeen(t) {
				return
			}
			var skip [][]int
			if f.Kind == render.FieldSubject {
				if m := hypeFakeReply().FindStringSubmatchIndex(t.S); m != nil {
					skip = append(skip, m[2:4])
					p.ReportIn(lint.Render{Variant: v}, t.Span(m[2], m[3]),
						"the subject starts with %s, faking a reply or forward: members feel tricked when they open it, so lead with the real hook", quote(t.S[m[2]:m[3]]))
				}
			}
			check(t, skip)
		})
	}
}

// find returns the hype phrases, capitalized words and "!!" runs in s;
// capitalized words inside the skip ranges do not count.
func (r *hype) find(s string, skip [][]int) []textFinding {
	var out []textFinding
	var phrases [][]int
	if r.phraseRE != nil && r.mayContainPhrase(s) {
		phrases = r.phraseRE.FindAllStringIndex(s, -1)
		for _, m := range phrases {
			out = append(out, textFinding{m[0], m[1], fmt.Sprintf("%s reads as hype or spam: replace it with a concrete detail, such as a date, a number or what the member gets", quote(s[m[0]:m[1]]))})
		}
	}
	skip = append(skip, phrases...)
	for _, u := range render.ScanMacros(s) {
		skip = append(skip, []int{u.Start, u.End})
	}
	if strings.Contains(s, "://") {
		skip = append(skip, hypeURL().FindAllStringIndex(s, -1)...)
	}
	var words [][]int
	if mayShout(s) {
		words = shoutedWords(s)
	}
	var covered func(i, j int) bool
	if len(words) > 0 {
		ranges := make([][2]int, len(skip))
		for k, sk := range skip {
			ranges[k] = [2]int{sk[0], sk[1]}
		}
		covered = newSpanSet(ranges).overlaps
	}
	for _, m := range words {
		w := s[m[0]:m[1]]
		if !hypeShouted(w) || r.acronymSet[strings.ToUpper(w)] || covered(m[0], m[1]) {
			continue
		}
		// %WORD%, %WORD, *|WORD|* and {WORD}: unknown-macro reports those
		if m[0] > 0 && s[m[0]-1] == '%' || m[1] < len(s) && s[m[1]] == '%' ||
			m[0] > 0 && m[1] < len(s) && strings.IndexByte("|{", s[m[0]-1]) >= 0 && strings.IndexByte("|}", s[m[1]]) >= 0 {
			continue
		}
		if hypeDraftMarkers[w] {
			continue // placeholder reports those
		}
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("%s is written in capitals, which reads as shouting: write it in normal case (or add it to the rule's acronyms if it is one)", quote(w))})
	}
	if !strings.Contains(s, "!!") {
		return out
	}
	for _, m := range hypeBangs().FindAllStringIndex(s, -1) {
		out = append(out, textFinding{m[0], m[1], fmt.Sprintf("%s reads as spam: use one exclamation mark at most", quote(s[m[0]:m[1]]))})
	}
	return out
}

// shoutedWords returns the words of s (runs of letters, digits and "_",
// with apostrophe-joined parts, as in "DON'T") that are written in
// capitals. It is the scanner hypeWord describes, without the regular
// expression's cost on every text.
func shoutedWords(s string) [][]int {
	var out [][]int
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !hypeWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if hypeWordRune(r) {
				i += n
				continue
			}
			if r == '\'' || r == '’' {
				if r2, _ := utf8.DecodeRuneInString(s[i+n:]); unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		if hypeShouted(s[start:i]) {
			out = append(out, []int{start, i})
		}
	}
	return out
}

// hypeShouted reports whether w has at least three letters, all capitals.
func hypeShouted(w string) bool {
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
	return letters >= 3
}
