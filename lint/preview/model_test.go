package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// build writes files into a temporary directory, lints it as preview
// does and builds the page.
func build(t *testing.T, files map[string]string, o Options) (*Page, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o.Rules = rules.All()
	if o.ConfigFile != "" {
		o.ConfigFile = filepath.Join(dir, o.ConfigFile)
	}
	eng, err := lint.NewEngine(lint.Options{Rules: o.Rules, ConfigFile: o.ConfigFile, KeepSources: true, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	res := eng.Run([]string{dir})
	if len(res.Errors) > 0 {
		t.Fatalf("lint errors: %v", res.Errors)
	}
	page, err := Build(eng, res, o)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return page, dir
}

func file(t *testing.T, p *Page, base string) *fileView {
	t.Helper()
	for _, f := range p.Files {
		if filepath.Base(f.Path) == base {
			return f
		}
	}
	t.Fatalf("no file %s in the page", base)
	return nil
}

// cardFor is the card of member label in variant v.
func cardFor(t *testing.T, p *Page, f *fileView, v int, label string) *cardView {
	t.Helper()
	for _, c := range f.Variants[v].Cards {
		if c.Member >= 0 && p.Members[c.Member] == label || c.Member < 0 && label == offLabel {
			return c
		}
	}
	t.Fatalf("no card for %q in %s variant %d", label, f.Path, v)
	return nil
}

// marked returns the text under the marks of kind k (and finding fi when
// k is "hl"), slicing in UTF-16 units as the page's script does.
func marked(r richText, k string, fi int) []string {
	units := utf16.Encode([]rune(r.Text))
	var out []string
	for _, m := range r.Marks {
		if m.Kind == k && (k != "hl" || m.Finding == fi) {
			out = append(out, string(utf16.Decode(units[m.Start:m.End])))
		}
	}
	return out
}

func findingIndex(t *testing.T, f *fileView, rule, msgPart string) int {
	t.Helper()
	for i, d := range f.Findings {
		if d.Rule == rule && strings.Contains(d.Message, msgPart) {
			return i
		}
	}
	t.Fatalf("no %s finding with %q in %s: %+v", rule, msgPart, f.Path, f.Findings)
	return -1
}

func has(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

const membersCSV = "first_name,last_name,job_title,company_name,industry,personalization\n" +
	"Ana,Lima,VP of Sales,Acme,Retail,on\n" +
	"Sam 🚀,Okafor,,Launchpad Labs,Software,on\n" +
	"Jordan,Lee,Sales Manager,Acme Corporation,Retail,off\n"

func TestCountsInConfiguredMode(t *testing.T) {
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, 👋 a quick one 🇩🇪\"\nmembers: members.csv\n---\n" +
		"Hi %FIRSTNAME% 🎉\n\nWant a seat?\n\n- [Save my seat 🙌](leadform:x)\n"
	for _, tt := range []struct {
		mode                  string
		subject, body, button int
	}{
		// "Sam 🚀, 👋 a quick one 🇩🇪" is 21 characters and the flag, two
		// code points and one grapheme; "Hi Sam 🚀 🎉" and "Want a seat?"
		// with the blank line between are 24, "Save my seat 🙌" 14; UTF-16
		// counts each emoji 2 and the flag 4
		{"utf16", 27, 26, 15},
		{"graphemes", 22, 24, 14},
		{"codepoints", 23, 24, 14},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			page, _ := build(t, map[string]string{
				"ad.md": ad, "members.csv": membersCSV,
				".inboxlint.yaml": "count: " + tt.mode + "\nrules:\n  subject-length: {visible: 12, max: 70}\n",
			}, Options{})
			f := file(t, page, "ad.md")
			if f.Mode != tt.mode {
				t.Errorf("mode %q, want %q", f.Mode, tt.mode)
			}
			if f.Limits.SubjectVisible != 12 || f.Limits.SubjectMax != 70 || f.Limits.BodyMax != 1500 || f.Limits.ButtonMax != 20 || !f.Limits.ButtonError {
				t.Errorf("limits %+v, want the config's subject limits and the default body and button limits", f.Limits)
			}
			c := cardFor(t, page, f, 0, "Sam 🚀 Okafor")
			if c.Subject.Text != "Sam 🚀, 👋 a quick one 🇩🇪" {
				t.Fatalf("subject %q", c.Subject.Text)
			}
			if c.SubjectLen != tt.subject || c.Messages[0].BodyLen != tt.body || c.Messages[0].Buttons[0].Len != tt.button {
				t.Errorf("counts subject %d body %d button %d, want %d %d %d", c.SubjectLen, c.Messages[0].BodyLen, c.Messages[0].Buttons[0].Len, tt.subject, tt.body, tt.button)
			}
			// the inbox cuts at 12 characters of the mode: "Sam 🚀, 👋 a q"
			// in graphemes and code points, two characters less in UTF-16
			// (both emoji count 2)
			units := utf16.Encode([]rune(c.Subject.Text))
			got := string(utf16.Decode(units[:c.Cut]))
			want := map[string]string{"utf16": "Sam 🚀, 👋 a", "graphemes": "Sam 🚀, 👋 a q", "codepoints": "Sam 🚀, 👋 a q"}[tt.mode]
			if got != want {
				t.Errorf("cut at %d: %q, want %q", c.Cut, got, want)
			}
		})
	}
}

func TestLimitsDefaultsAreTheRuleDocs(t *testing.T) {
	fc := newConfigs(nil, rules.All()).resolve(lint.DefaultConfig())
	want := limitsView{SubjectVisible: 40, SubjectMax: 60, BodyGuidance: 500, BodyMax: 1500, ButtonMax: 20, ButtonError: true}
	if fc.message != want {
		t.Errorf("message limits %+v, want %+v", fc.message, want)
	}
	want = limitsView{SubjectVisible: 40, SubjectMax: 60, BodyGuidance: 500, BodyMax: 8000, ButtonMax: 25}
	if fc.conversation != want {
		t.Errorf("conversation limits %+v, want %+v", fc.conversation, want)
	}
	// the fallbacks serve a rule set without the length rules, and equal
	// the docs
	for _, o := range []limitOption{optSubjectVisible, optSubjectMax, optBodyGuidance, optBodyMessage, optBodyConversation, optCTAMessage, optCTAConversation} {
		if got := newConfigs(nil, nil).option(lint.DefaultConfig(), o); got != newConfigs(nil, rules.All()).option(lint.DefaultConfig(), o) {
			t.Errorf("%s %s: fallback %d differs from the rule doc", o.rule, o.option, got)
		}
	}
}

func TestFallbackMarks(t *testing.T) {
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a note for %COMPANYNAME%\"\nmembers: members.csv\n---\n" +
		"Hi %FIRSTNAME%, as %JOBTITLE% at %COMPANYNAME% you know this.\n\nWant a seat?\n\n- [Save my seat](leadform:x)\n"
	page, _ := build(t, map[string]string{"ad.md": ad, "members.csv": membersCSV}, Options{})
	f := file(t, page, "ad.md")
	tests := []struct {
		who       string
		body      string
		fallbacks []string
	}{
		{"Ana Lima", "Hi Ana, as VP of Sales at Acme you know this.\n\nWant a seat?", nil},
		{"Sam 🚀 Okafor", "Hi Sam 🚀, as professional at Launchpad Labs you know this.\n\nWant a seat?", []string{"professional"}},
		{"Jordan Lee (personalization off)", "Hi LinkedIn Member, as professional at your company you know this.\n\nWant a seat?", []string{"LinkedIn Member", "professional", "your company"}},
		{offLabel, "Hi LinkedIn Member, as professional at your company you know this.\n\nWant a seat?", []string{"LinkedIn Member", "professional", "your company"}},
	}
	for _, tt := range tests {
		c := cardFor(t, page, f, 0, tt.who)
		b := c.Messages[0].Body
		if b.Text != tt.body {
			t.Errorf("%s: body %q, want %q", tt.who, b.Text, tt.body)
		}
		if got := marked(b, "fb", 0); strings.Join(got, "|") != strings.Join(tt.fallbacks, "|") {
			t.Errorf("%s: fallbacks %q, want %q", tt.who, got, tt.fallbacks)
		}
	}
	c := cardFor(t, page, f, 0, offLabel)
	for _, m := range c.Subject.Marks {
		if m.Kind == "fb" && m.Arg != "%FIRSTNAME%" && m.Arg != "%COMPANYNAME%" {
			t.Errorf("fallback mark names %q", m.Arg)
		}
	}
	if c.Member != -1 || len(f.Variants[0].Cards) != 4 {
		t.Errorf("want three members' cards and the personalization-off card last, got %d cards", len(f.Variants[0].Cards))
	}
}

func TestFindingSpansThroughVariantsAndMembers(t *testing.T) {
	ad := "---\nformat: message\nsender: Dana Reyes\n" +
		"subject: \"%FIRSTNAME%, the %COMPANYNAME% forecasting benchmark report\"\n" +
		"members: members.csv\n" +
		"vars:\n  offer: the benchmark\n" +
		"variants:\n  - name: clean\n  - name: draft\n    offer: \"[Offer name]\"\n" +
		"---\n" +
		"Hi %FIRSTNAME%,\n\nWe made {{ .offer }} for teams like yours. TODO: a quote.\n\nWant a copy?\n\n- [Get the report](leadform:x)\n"
	page, _ := build(t, map[string]string{"ad.md": ad, "members.csv": membersCSV}, Options{})
	f := file(t, page, "ad.md")
	if len(f.Variants) != 2 || f.Variants[1].Name != "draft" {
		t.Fatalf("variants %+v", f.Variants)
	}
	if strings.Join(page.Variants, ",") != "clean,draft" {
		t.Errorf("variant picker %q", page.Variants)
	}

	// a finding on text copied from the source: every card of every
	// variant (the engine names only the first), that text
	todo := findingIndex(t, f, "placeholder", "TODO")
	for v := range f.Variants {
		for _, c := range f.Variants[v].Cards {
			if !has(c.Findings, todo) {
				t.Errorf("variant %d member %d lacks the TODO finding", v, c.Member)
			}
			if got := marked(c.Messages[0].Body, "hl", todo); strings.Join(got, "|") != "TODO" {
				t.Errorf("variant %d member %d: TODO highlights %q", v, c.Member, got)
			}
		}
	}

	// a finding in one variant, on what an action printed: only that
	// variant's cards, the action's output highlighted
	offer := findingIndex(t, f, "placeholder", "Offer name")
	if f.Findings[offer].Variant != "draft" {
		t.Fatalf("placeholder finding variant %q", f.Findings[offer].Variant)
	}
	for _, c := range f.Variants[0].Cards {
		if has(c.Findings, offer) {
			t.Errorf("the clean variant's card shows the draft variant's finding")
		}
	}
	c := cardFor(t, page, f, 1, "Ana Lima")
	if !has(c.Findings, offer) {
		t.Fatalf("the draft card lacks its finding")
	}
	if got := marked(c.Messages[0].Body, "hl", offer); strings.Join(got, "|") != "[Offer name]" {
		t.Errorf("draft: the placeholder highlights %q in %q", got, c.Messages[0].Body.Text)
	}

	// a finding for one member: only that member's cards, the field as
	// rendered for them (macros filled)
	long := findingIndex(t, f, "subject-length", "LinkedIn's limit is 60")
	if f.Findings[long].Member != "Jordan Lee (personalization off)" {
		t.Fatalf("subject-length member %q", f.Findings[long].Member)
	}
	for v := range f.Variants {
		if has(cardFor(t, page, f, v, "Ana Lima").Findings, long) {
			t.Errorf("Ana's card shows Jordan's finding")
		}
		jc := cardFor(t, page, f, v, "Jordan Lee (personalization off)")
		if got := marked(jc.Subject, "hl", long); strings.Join(got, "|") != "LinkedIn Member, the your company forecasting benchmark report" {
			t.Errorf("variant %d: Jordan's subject highlights %q", v, got)
		}
		// members with personalization off read the same copy: the
		// personalization-off card shows it too
		if !has(cardFor(t, page, f, v, offLabel).Findings, long) {
			t.Errorf("variant %d: the personalization-off card lacks Jordan's finding", v)
		}
	}
	// a finding on a part of a macro covers the member's whole value
	var macroFinding = -1
	for i, d := range f.Findings {
		if d.Rule == "fallback-render" {
			macroFinding = i
		}
	}
	if macroFinding >= 0 {
		got := marked(cardFor(t, page, f, 0, "Ana Lima").Subject, "hl", macroFinding)
		if strings.Join(got, "") != "the Acme" && strings.Join(got, "") != "Acme" {
			t.Errorf("fallback-render highlights %q on Ana's subject", got)
		}
	}
}

func TestLinksInBody(t *testing.T) {
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, the agenda\"\n---\n" +
		"Hi %FIRSTNAME%,\n\nSee [the agenda](https://example.com/agenda) or https://example.com/faq first.\n\n" +
		"Or [this](javascript:alert(1)).\n\nWant a seat?\n\n- [Save my seat](https://example.com/seat)\n"
	page, _ := build(t, map[string]string{"ad.md": ad}, Options{})
	f := file(t, page, "ad.md")
	c := f.Variants[0].Cards[0]
	var links []string
	for _, m := range c.Messages[0].Body.Marks {
		if m.Kind == "a" {
			units := utf16.Encode([]rune(c.Messages[0].Body.Text))
			links = append(links, string(utf16.Decode(units[m.Start:m.End]))+"→"+m.Arg)
		}
	}
	want := "the agenda→https://example.com/agenda|https://example.com/faq→https://example.com/faq|this→javascript:alert(1)"
	if strings.Join(links, "|") != want {
		t.Errorf("links %q, want %q", strings.Join(links, "|"), want)
	}
	if b := f.Variants[0].Messages[0].Buttons[0]; b.Kind != "url" || b.Target != "https://example.com/seat" {
		t.Errorf("button %+v", b)
	}
}

func TestConversationStructure(t *testing.T) {
	ad := "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, which one?\"\n---\n" +
		"# Opening\nHi %FIRSTNAME%, which one?\n\n- [Demo](#demo)\n- [Guide](https://example.com/guide)\n- [Typo](#demo-typo)\n- [Later](#later)\n\n" +
		"# Demo\nPick a time?\n\n- [Book](leadform:demo)\n- [Back](#opening)\n- [Weird](mailto:x@example.com)\n\n" +
		"# Later\nThanks for reading.\n\n" +
		"# Orphan\nNobody sees this.\n\n- [Book](leadform:demo)\n"
	page, _ := build(t, map[string]string{"conv.md": ad}, Options{})
	f := file(t, page, "conv.md")
	if f.Format != "conversation" || f.Limits.BodyMax != 8000 || f.Limits.ButtonMax != 25 || f.Limits.ButtonError {
		t.Fatalf("format %q limits %+v", f.Format, f.Limits)
	}
	v := f.Variants[0]
	var got []string
	for _, m := range v.Messages {
		var bs []string
		for _, b := range m.Buttons {
			bs = append(bs, b.Kind+":"+b.Target+":"+itoa(b.Next))
		}
		got = append(got, m.ID+"("+m.Title+")="+strings.Join(bs, ","))
	}
	want := []string{
		"opening(Opening)=message:demo:1,url:https://example.com/guide:-1,missing:demo-typo:-1,message:later:2",
		"demo(Demo)=form:demo:-1,message:opening:0,invalid:mailto:x@example.com:-1",
		"later(Later)=",
		"orphan(Orphan)=form:demo:-1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("structure:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c := cardFor(t, page, f, 0, "Emily Carter")
	if len(c.Messages) != 4 || c.Messages[1].Body.Text != "Pick a time?" || c.Messages[0].Buttons[3].Label.Text != "Later" {
		t.Errorf("card messages %+v", c.Messages)
	}
	if v.Flow < 0 || v.Flow >= len(page.Flows) {
		t.Fatalf("flow index %d of %d", v.Flow, len(page.Flows))
	}
}

func TestBrokenTemplateAndSelection(t *testing.T) {
	files := map[string]string{
		"broken.md": "---\nformat: message\nsender: [oops\n---\nHi.\n",
		"ok.md":     "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, hello\"\n---\nHi %FIRSTNAME%, want one?\n\n- [Get the guide](leadform:x)\n",
		"clean.md":  "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\nvariants:\n  - name: a\n  - name: b\n---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:x)\n",
	}
	page, _ := build(t, files, Options{Member: "carter", Variant: "b"})
	broken := file(t, page, "broken.md")
	if broken.Format != "" || !strings.Contains(broken.Note, "could not be parsed") || len(broken.Findings) == 0 || broken.Findings[0].Rule != "syntax" {
		t.Errorf("broken file: format %q note %q findings %+v", broken.Format, broken.Note, broken.Findings)
	}
	if broken.Findings[0].Source == "" {
		t.Errorf("the syntax finding has no source line")
	}
	clean := file(t, page, "clean.md")
	if len(clean.Variants) != 1 || clean.Variants[0].Name != "b" || len(clean.Variants[0].Cards) != 2 {
		t.Fatalf("clean.md: variants %+v", clean.Variants)
	}
	if got := page.Members[clean.Variants[0].Cards[0].Member]; got != "Emily Carter" {
		t.Errorf("--member carter picked %q", got)
	}
	if ok := file(t, page, "ok.md"); len(ok.Variants) != 0 || ok.Note != `no variant "b" in this template` {
		t.Errorf("ok.md under --variant b: %d variants, note %q", len(ok.Variants), ok.Note)
	}
	if page.Summary.Files != 3 {
		t.Errorf("summary files %d", page.Summary.Files)
	}

	// nothing anywhere matches: an error, as render gives
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte(files["ok.md"]), 0o644); err != nil {
		t.Fatal(err)
	}
	eng, _ := lint.NewEngine(lint.Options{Rules: rules.All(), KeepSources: true, Root: dir})
	res := eng.Run([]string{dir})
	if _, err := Build(eng, res, Options{Rules: rules.All(), Member: "nobody"}); err == nil || err.Error() != `no member matches "nobody" in any template` {
		t.Errorf("--member nobody: %v", err)
	}
	if _, err := Build(eng, res, Options{Rules: rules.All(), Variant: "x"}); err == nil || err.Error() != `no variant "x" in any template` {
		t.Errorf("--variant x: %v", err)
	}
}

func TestSummaryWorst(t *testing.T) {
	files := map[string]string{
		"a.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%COMPANYNAME%: a short one\"\n---\nHi, at %COMPANYNAME% this is long enough.\n\nOK?\n\n- [Get the guide](leadform:x)\n",
		"b.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"Hi\"\n---\nShort.\n\nOK?\n\n- [Get the much longer guide](leadform:x)\n",
	}
	page, _ := build(t, files, Options{})
	got := map[string]worstView{}
	for _, w := range page.Summary.Worst {
		got[w.Field] = w
	}
	// the longest company name of the embedded members
	if w := got["subject"]; w.Member != "Alexandra Konstantinopoulou" || filepath.Base(w.File) != "a.md" || w.Len != 71+len(": a short one") || w.Limit != 40 || w.Max != 60 {
		t.Errorf("worst subject %+v", w)
	}
	if w := got["button"]; filepath.Base(w.File) != "b.md" || w.Len != len("Get the much longer guide") || w.Max != 20 {
		t.Errorf("worst button %+v", w)
	}
	if page.Summary.Errors == 0 {
		t.Errorf("summary %+v: the long subject and button are errors", page.Summary)
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
