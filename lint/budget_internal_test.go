package lint

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// workOf estimates the rules' work for a template the way the engine does
// before running them, with the built-in members.
func workOf(t *testing.T, name string, data []byte) (ruleWork, *Pass) {
	t.Helper()
	tpl := render.Parse(name, data)
	if tpl.Format == "" {
		t.Fatalf("%s does not parse: %v", name, tpl.Problems)
	}
	variants, _ := tpl.Render(sandbox.DefaultLimits)
	p := newPass(name, tpl, variants, render.DefaultMembers(), render.CountUTF16)
	return measureWork(p), p
}

// bigConversation is a conversation of n messages of about size characters
// in v variants whose every message differs.
func bigConversation(n, size, v int) []byte {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a question about {{ .team }}\"\nvariants:\n")
	for i := 0; i < v; i++ {
		fmt.Fprintf(&b, "  - name: v%d\n    team: \"team %d\"\n", i, i)
	}
	b.WriteString("---\n")
	sentence := "Teams at %COMPANYNAME% rebuild their forecast by hand every Monday, and {{ .team }} loses a day to it. "
	for m := 0; m < n; m++ {
		fmt.Fprintf(&b, "# Step %d\n", m)
		for k := 0; k < size/len(sentence); k++ {
			b.WriteString(sentence)
		}
		b.WriteString("Would a walkthrough help?\n\n")
		if m+1 < n {
			fmt.Fprintf(&b, "- [Show me step %d](#step-%d)\n- [Maybe later](#step-%d)\n\n", m+1, m+1, n-1)
		} else {
			b.WriteString("- [Book a demo](leadform:demo)\n")
		}
	}
	return []byte(b.String())
}

// TestBudgetIsGenerous holds ruleBudget's doc to its numbers: every
// example needs under 100,000 units, and a conversation of 25 messages of
// 1,000 characters in 30 variants that all differ under 3,000,000.
func TestBudgetIsGenerous(t *testing.T) {
	files, err := filepath.Glob("../testdata/examples/*.md")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if w, _ := workOf(t, f, data); w.units() >= 100_000 {
			t.Errorf("%s needs %d units: %+v", f, w.units(), w)
		}
	}
	w, _ := workOf(t, "big.md", bigConversation(25, 1000, 30))
	if u := w.units(); u < 600_000 || u > 1_200_000 {
		t.Errorf("25 messages of 1,000 characters in 30 variants need %d units: %+v", u, w)
	}
}

// TestMeasureWorkSharesEqualTexts: a field the variants render alike
// becomes one copy, which the rules then find seen at once, and the work
// counts it once.
func TestMeasureWorkSharesEqualTexts(t *testing.T) {
	data := []byte("---\nformat: message\nsender: Dana Reyes\nsubject: \"{{ .offer }} for %FIRSTNAME%\"\nvars:\n  offer: Pricing\n" +
		"variants:\n  - name: a\n    city: Rome\n  - name: b\n    city: Oslo\n  - name: c\n    city: Rome\n---\nHi, we meet in {{ .city }}.\n\n- [Book a seat](leadform:x)\n")
	w, p := workOf(t, "a.md", data)
	a, b, c := p.Variants[0], p.Variants[1], p.Variants[2]
	if a.Subject.Key() != b.Subject.Key() || a.Subject.Key() != c.Subject.Key() {
		t.Error("the subject, rendered alike from vars in every variant, is not one copy")
	}
	if a.Messages[0].Body.Key() == b.Messages[0].Body.Key() {
		t.Error("bodies that differ became one copy")
	}
	if a.Messages[0].Body.Key() != c.Messages[0].Body.Key() {
		t.Error("variants a and c render the body alike, yet it is not one copy")
	}
	p.begin("test")
	if !p.FirstSeen(a.Subject) || p.FirstSeen(b.Subject) || p.FirstSeen(c.Subject) ||
		!p.FirstSeen(a.Messages[0].Body) || !p.FirstSeen(b.Messages[0].Body) || p.FirstSeen(c.Messages[0].Body) {
		t.Error("FirstSeen does not follow the shared copies")
	}
	p.begin("next")
	if !p.FirstSeen(a.Subject) {
		t.Error("FirstSeen remembers the texts of the rule before")
	}
	// sender, subject, footer, title, body, label, target of three
	// variants; distinct: sender, subject, footer, title, label and target
	// once, the body twice
	if w.total != 3*len(a.Sender.S+a.Subject.S+a.Messages[0].Body.S+"Book a seat"+"leadform:x") || w.texts != 8 {
		t.Errorf("work %+v: want 8 distinct texts", w)
	}
}

func TestFlowWork(t *testing.T) {
	tree, _ := workOf(t, "tree.md", bigConversation(5, 100, 1))
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: Which?\n---\n")
	for m := 0; m < 300; m++ {
		fmt.Fprintf(&b, "# M%d\nPick?\n\n- [Next](#m%d)\n- [Broken](#nowhere-%d)\n\n", m, (m+1)%300, m)
	}
	loop, _ := workOf(t, "loop.md", []byte(b.String()))
	fixed, _ := workOf(t, "fixed.md", []byte(strings.ReplaceAll(b.String(), "#nowhere-", "leadform:form-")))
	if tree.flow <= 0 || tree.flow > 10_000 {
		t.Errorf("a 5-message tree's flow work is %d", tree.flow)
	}
	// 300 broken links of 9 to 11 letters, each compared case-folded with
	// 300 ids of 2 to 4 letters (about 1,400 bytes); no id is near enough
	// in length for an edit distance
	if d := loop.flow - fixed.flow; d < 300*1300/workSuggestCells || d > 300*2000/workSuggestCells {
		t.Errorf("300 broken links add %d units of flow work (%d, %d without)", d, loop.flow, fixed.flow)
	}
	if msg := loop.message(nil); !strings.Contains(msg, "300 messages and 600 buttons") {
		t.Errorf("message %q does not name the conversation's size", msg)
	}
}

func TestBudgetMessage(t *testing.T) {
	w := ruleWork{variants: 100, texts: 900, distinct: 5_000_000, markers: 1_250_000, total: 5_100_000, classes: 12}
	want := "this file needs 20030125 units of rule work (100 variants, 5000000 bytes of distinct rendered copy, up to 12 member classes per text); the limit is 10000000, so no other rule checked it: use fewer variants or shorter copy"
	if got := w.message(nil); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
	w = ruleWork{variants: 1, texts: 3, distinct: 10, total: 10, classes: 100_000, classWork: 100_000_000}
	if got := w.message(nil); !strings.HasSuffix(got, "up to 100000 member classes per text); the limit is 10000000, so no other rule checked it: use fewer sample members") {
		t.Errorf("message for members: %s", got)
	}
	m := &meter{used: ruleBudget + 1, limit: ruleBudget, findings: 77}
	if got := w.message(m); !strings.HasPrefix(got, "this file needs more than 10000000 units of rule work (") || !strings.Contains(got, ", 77 findings before the rules stopped); ") ||
		!strings.HasSuffix(got, ": fix what most of the findings are about, or split the file") {
		t.Errorf("message for findings: %s", got)
	}
}

// checkRule is a rule whose Check is a function.
type checkRule func(*Pass) error

func (checkRule) Doc() Doc              { return Doc{ID: "check"} }
func (r checkRule) Check(p *Pass) error { return r(p) }

func TestMeterStopsOnlyForTheBudget(t *testing.T) {
	m := &meter{used: 0, limit: 3 * workFinding}
	calls := 0
	over, err := m.run(checkRule(func(*Pass) error {
		for {
			calls++
			m.charge(workFinding)
		}
	}), nil)
	if !over || err != nil || calls != 4 || m.findings != 4 {
		t.Errorf("over %v, err %v after %d findings (meter %d)", over, err, calls, m.findings)
	}
	defer func() {
		if r := recover(); r != "a rule's bug" {
			t.Errorf("a rule's own panic became %v", r)
		}
	}()
	_, _ = m.run(checkRule(func(*Pass) error { panic("a rule's bug") }), nil)
}

// TestMarkers: markers counts ASCII punctuation but the prose marks (full
// stop, comma, apostrophe), never letters, digits, space, controls, DEL or
// the bytes of other characters.
func TestMarkers(t *testing.T) {
	for s, want := range map[string]int{
		"":                        0,
		"Hi Ana, it's 9.30 now.":  0,
		"**[x](y)** 50%":          9,
		"{{ .p }} %FIRSTNAME%":    6,
		"~\x7f\x1b\t\n ":          1,
		"ü é — “q” 👍":             0,
		"!\"#$&*+-/:;<=>?@\\^_`|": 21,
	} {
		if got := markers(s); got != want {
			t.Errorf("markers(%q) = %d, want %d", s, got, want)
		}
	}
	// four bytes a step: every length, every place a marker may sit
	const s = "a!b{c}d.e%f,g*h_i"
	for i := 0; i <= len(s); i++ {
		for j := i; j <= len(s); j++ {
			want := 0
			for _, c := range []byte(s[i:j]) {
				want += int(markerBytes[c])
			}
			if got := markers(s[i:j]); got != want {
				t.Fatalf("markers(%q) = %d, want %d", s[i:j], got, want)
			}
		}
	}
}

// keySet answers as a map of the keys does, below keyScan keys, at it and
// past it (where it turns into a map), keys repeated or not.
func TestKeySet(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	for _, distinct := range []int{1, 2, keyScan - 1, keyScan, keyScan + 1, 5 * keyScan} {
		var s keySet
		want := map[sumKey]bool{}
		for range 20 * distinct {
			var k sumKey
			v := r.Intn(distinct)
			k.set = macroSet(v % 7)
			k.counts[v%numMacros] = int32(v)
			k.counts[(v+1)%numMacros] = int32(v / 3)
			if got, isNew := s.add(k), !want[k]; got != isNew {
				t.Fatalf("%d distinct keys: add(%v) = %v, want %v", distinct, k, got, isNew)
			}
			want[k] = true
		}
		if len(want) > keyScan && s.m == nil || len(want) <= keyScan && s.m != nil {
			t.Errorf("%d keys: map %v", len(want), s.m != nil)
		}
	}
}
