package lang_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// The native samples become rule fixtures once the rules read the packs.
// Until then this test holds the packs and the samples to each other with
// a small reference checker over the pack data: on a flawed sample it
// must find exactly the mistakes listed in the file's header, and on a
// clean one nothing. A pack that lacks a sample's CTA verb, sign-off or
// greeting, or a hype phrase that also fires on clean copy, fails here.

// planted reads the rule ids of the "#   N. rule-id: ..." header lines.
func planted(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^#\s+\d+\.\s+([a-z-]+):`).FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

func TestSamplesAgainstPacks(t *testing.T) {
	for tag, files := range samples(t) {
		p, ok := lang.Lookup(tag)
		if !ok {
			t.Fatalf("no pack for %s", tag)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			vs, _ := render.Parse(f, data).Render(sandbox.DefaultLimits)
			got := check(p, vs[0])
			want := planted(t, f)
			if strings.HasSuffix(f, "flawed.md") && len(want) < 4 {
				t.Errorf("%s lists %d planted mistakes; want at least four", f, len(want))
			}
			// articles need the members' job titles: the pack's article
			// data is checked by the macro-article rule's fixtures
			want = slices.DeleteFunc(want, func(id string) bool { return id == "macro-article" })
			if !slices.Equal(got, want) {
				t.Errorf("%s: the packs find %v; the file plants %v", f, got, want)
			}
		}
	}
}

// check returns the ids of the rules whose pack vocabulary the variant's
// copy trips, sorted.
func check(p *lang.Pack, v *render.Variant) []string {
	found := map[string]bool{}
	texts := []string{v.Subject.S}
	for _, m := range v.Messages {
		texts = append(texts, m.Body.S)
		for _, b := range m.Buttons {
			texts = append(texts, b.Label.S)
		}
	}
	for _, s := range texts {
		for _, h := range p.Hype() {
			if _, _, ok := h.Find(lang.Tokenize(s), 0); ok {
				found["hype"] = true
			}
		}
	}
	if len(v.Messages) > 0 {
		first := lang.Tokenize(v.Messages[0].Body.S)
		sentence := firstSentence(p, first)
		for _, pat := range p.SelfIntro {
			if _, _, ok := pat.Find(sentence, 0); ok {
				found["self-intro-opener"] = true
			}
		}
		for _, pat := range p.CompanyIntro() {
			if _, _, ok := pat.Find(sentence, 0); ok {
				found["company-intro-opener"] = true
			}
		}
		if !closesWithQuestion(p, v.Messages[0].Body.S) {
			found["closing-question"] = true
		}
	}
	for _, m := range v.Messages {
		for _, b := range m.Buttons {
			if kind, _ := render.ClassifyTarget(b.Target.S); kind != render.TargetURL && kind != render.TargetLeadForm {
				continue
			}
			if !specificCTA(p, lang.Tokenize(b.Label.S)) {
				found["cta-specificity"] = true
			}
		}
	}
	if p.Applies(lang.CatAddress) {
		formal, informal := 0, 0
		for _, s := range texts {
			formal += countForms(p.Address().Formal(), lang.Tokenize(s))
			informal += countForms(p.Address().Informal(), lang.Tokenize(s))
		}
		if formal > 0 && informal > 0 {
			found["address-consistency"] = true
		}
	}
	var out []string
	for id := range found {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// firstSentence returns the tokens of the first sentence, after a
// greeting ("Hallo %FIRSTNAME%,") and its punctuation.
func firstSentence(p *lang.Pack, toks []lang.Token) []lang.Token {
	i := 0
	for _, g := range p.Greetings() {
		if end, ok := g.MatchAt(toks, 0); ok {
			i = end
			// "Olá, %FIRSTNAME%!": a comma between greeting and name
			if i+1 < len(toks) && toks[i].Text == "," && toks[i+1].Kind == lang.Macro {
				i++
			}
			for i < len(toks) && toks[i].Kind != lang.Punct {
				i++
			}
			for i < len(toks) && toks[i].Kind == lang.Punct {
				i++
			}
			break
		}
	}
	for j := i; j < len(toks); j++ {
		if t := toks[j]; t.Kind == lang.Punct && strings.ContainsAny(t.Text, ".!?\n") {
			return toks[i:j]
		}
	}
	return toks[i:]
}

// countForms counts the address forms in toks; an exact-case form counts
// only inside a sentence, where its capital carries meaning.
func countForms(forms []*lang.Pattern, toks []lang.Token) int {
	n := 0
	for i := range toks {
		sentenceStart := i == 0 || toks[i-1].Kind == lang.Punct && strings.ContainsAny(toks[i-1].Text, ".!?:;\n¿¡")
		for _, f := range forms {
			if _, ok := f.MatchAt(toks, i); ok && (!f.Items[0].Exact || !sentenceStart) {
				n++
			}
		}
	}
	return n
}

// specificCTA reports whether a label is not vague and has a verb where
// the language puts it, after any interjection; a decline passes.
func specificCTA(p *lang.Pack, toks []lang.Token) bool {
	for _, d := range p.CTA.Declines() {
		if d.Whole(toks) {
			return true
		}
	}
	for _, v := range p.CTA.Vague() {
		if v.Whole(toks) {
			return false
		}
	}
	var words []lang.Token
	for _, t := range toks {
		if t.Kind == lang.Word {
			words = append(words, t)
		}
	}
	start := 0
	for _, in := range p.CTA.Interjections() {
		if end, ok := in.MatchAt(words, 0); ok && end < len(words) {
			start = end
		}
	}
	for _, verb := range p.CTA.Verbs() {
		if p.CTA.VerbPosition != lang.VerbLast {
			if _, ok := verb.MatchAt(words, start); ok {
				return true
			}
		}
		if p.CTA.VerbPosition != lang.VerbFirst {
			for i := start; i < len(words); i++ {
				if end, ok := verb.MatchAt(words, i); ok && end == len(words) {
					return true
				}
			}
		}
	}
	return false
}

// closesWithQuestion reports whether the body's last sentence, after a
// sign-off, is a question punctuated the pack's way.
func closesWithQuestion(p *lang.Pack, body string) bool {
	paras := strings.Split(strings.TrimSpace(body), "\n\n")
	k := len(paras) - 1
	for k > 0 {
		toks := lang.Tokenize(paras[k])
		signOff := false
		for _, s := range p.SignOffs() {
			if end, ok := s.MatchAt(toks, 0); ok && end >= len(toks)-3 {
				signOff = true
			}
		}
		if !signOff {
			break
		}
		k--
	}
	last := strings.TrimRightFunc(paras[k], unicode.IsSpace)
	if !strings.HasSuffix(last, p.Question.Mark) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(last, p.Question.Mark))
	if p.Question.SpaceRequired && !slices.Contains(p.Question.SpaceBefore(), before) {
		return false
	}
	if p.Question.Open != "" {
		sentenceStart := strings.LastIndexAny(strings.TrimSuffix(last, p.Question.Mark), ".!?")
		if !strings.Contains(last[sentenceStart+1:], p.Question.Open) {
			return false
		}
	}
	return true
}
