package lint_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// paragraphSnippets are pieces of copy that set off the rules checking
// paragraph by paragraph, the rules that keep the whole text, and the
// edges where a paragraph cut could differ from the whole text: white
// space other than spaces around a blank line, a carriage return, a
// phrase or repeated word across a blank line, a merge tag split by one,
// a sign-off after the closing question.
var paragraphSnippets = []string{
	"Act now, this offer is 100% free!!",
	"We are Northwind, a leading provider of analytics.",
	"Northwind is a leading analytics provider.",
	"I'm Dana, the head of growth at Acme.",
	"Hi %FIRSTNAME%,",
	"Hey %FIRSTNAME%",
	"Kind regards,\nDana Reyes",
	"Best,",
	"Dana",
	"Can I save you a seat?",
	"Which of these costs the most this quarter",
	"See the [Speaker name] session on <insert date>.",
	"TODO: add the TBD numbers, [TBD].",
	"the the numbers are are in.",
	"Say hello to %FIRSTNAME and COMPANYNAME% or {first_name} or *|FNAME|*.",
	"Your %JOBTITLE% at %COMPANYNAME% matters.",
	"A %JOBTITLE% like you gets a %INDUSTRY% report.",
	"Dear %FIRSTNAME% %LASTNAME%, your %COMPANYNAME%'s team and the %INDUSTRY% industry",
	"the your company team",
	"It returned [object Object] and NaN, undefined.",
	"Use ${name} or %%.",
	"This is AMAZING NEWS for FINANCE_TEAM.",
	"**Bold** and _italic_ and `code`.",
	"```",
	"> quoted",
	"# Heading",
	"Read https://example.com/a_b?x=1 today.",
	"Trailing spaces   ",
	"line one\nline two",
	"act",
	"now",
	"the",
	"<no value>",
	"guaranteed results, limited time, risk-free",
	"Vous êtes prêt ?",
	"emoji 🎉🎉🎉",
	"🎉 🚀 ✅ 🔥 💡 🎯",
	"a \uFE0F and 🇫🇷🇩🇪 and 👍🏽",
	"    # Indented heading",
	"# Heading\r",
	"Hi %FIRSTNAME%",
	"\uFE0F🎉 after a selector",
}

// paragraphSeparators are what joins two snippets: a blank line in its
// forms, one that Paragraphs keeps inside a paragraph (a no-break space or
// form feed beside it), and white space that is no paragraph break.
var paragraphSeparators = []string{"\n\n", "\n\n", "\n\n", "\n\n\n", " \n \t\n", "\r\n\r\n", "\n", " ", "\u00a0\n\n", "\n\n\u00a0", "\n\f\n", "\n\u2028\n", "\n\n "}

func randomCopy(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(paragraphSeparators[r.IntN(len(paragraphSeparators))])
		}
		b.WriteString(paragraphSnippets[r.IntN(len(paragraphSnippets))])
	}
	return b.String()
}

// variantTemplate is a Message Ad whose variants differ in the paragraphs
// that .f (the first), .p (the second), .q and .z (the last) render and in
// whether the {{ if .show }} paragraph is there: the rest of the body is
// every variant's. Some variants render .p alike, so a paragraph with a
// finding is some variants' and not others'; in some files two variants
// share a name.
func variantTemplate(r *rand.Rand) []byte {
	var b strings.Builder
	b.WriteString("---\nformat: message\nsender: Dana Reyes\nsubject: " + strconv.Quote(randomCopy(r, 1)) + "\nvariants:\n")
	n := 2 + r.IntN(4)
	shared := randomCopy(r, 1+r.IntN(2))
	first, last := randomCopy(r, 1), randomCopy(r, 1)
	collide := r.IntN(8) == 0
	for i := range n {
		p := randomCopy(r, 1+r.IntN(2))
		if r.IntN(3) == 0 {
			p = shared // two variants alike in .p
		}
		f, z := first, last
		if r.IntN(4) == 0 {
			f = randomCopy(r, 1)
		}
		if r.IntN(4) == 0 {
			z = randomCopy(r, 1)
		}
		name := fmt.Sprintf("v%d", i)
		if collide && i == n-1 {
			name = "v0" // a syntax finding, and no sharing
		}
		fmt.Fprintf(&b, "  - name: %s\n    f: %s\n    p: %s\n    q: %s\n    z: %s\n    show: %v\n", name, strconv.Quote(f), strconv.Quote(p), strconv.Quote(randomCopy(r, 1)), strconv.Quote(z), r.IntN(2) == 0)
	}
	b.WriteString("---\n")
	opening := randomCopy(r, 1)
	if r.IntN(2) == 0 {
		opening = "{{ .f }}"
	}
	parts := []string{opening, "{{ .p }}", randomCopy(r, 1+r.IntN(3)), "{{ if .show }}" + randomCopy(r, 1) + "{{ end }}", randomCopy(r, 2), randomCopy(r, 1) + " {{ .q }}"}
	switch r.IntN(3) {
	case 0:
		parts = append(parts, "Kind regards,\nDana Reyes")
	case 1:
		parts = append(parts, "{{ .z }}")
	}
	for i, s := range parts {
		if i > 0 {
			b.WriteString(paragraphSeparators[r.IntN(4)])
		}
		b.WriteString(s)
	}
	b.WriteString("\n\n- [Register](https://example.com/register)\n")
	return []byte(b.String())
}

// Sharing paragraphs between variants is invisible in the output: the
// findings, their order, spans, fixes, variants and members are those the
// rules find checking each variant's whole text, on random variants that
// differ in some paragraphs, share others, and join them with every kind
// of blank line.
func TestParagraphSharingIsInvisible(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(15, 20))
	n := 300
	if testing.Short() {
		n = 60
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("ad-%03d.md", i)), variantTemplate(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(share bool) *lint.Result {
		defer lint.ShareParagraphs(share)()
		e, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir, Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		return e.Run([]string{dir})
	}
	whole, shared := run(false), run(true)
	if len(whole.Errors) > 0 || len(shared.Errors) > 0 {
		t.Fatalf("errors: %v / %v", whole.Errors, shared.Errors)
	}
	if len(whole.Diagnostics) < n {
		t.Fatalf("only %d findings in %d files: the snippets no longer set off the rules", len(whole.Diagnostics), n)
	}
	// every rule that shares paragraphs has findings both once for every
	// variant and for some variants alone
	once, some := map[string]int{}, map[string]int{}
	for _, d := range whole.Diagnostics {
		if d.Variant == "" {
			once[d.Rule]++
		} else {
			some[d.Rule]++
		}
	}
	for _, id := range []string{"hype", "placeholder", "leaked-code", "repeated-word", "unknown-macro", "fallback-render", "company-intro-opener", "self-intro-opener", "closing-question", "markdown-formatting", "emoji-count"} {
		if once[id] == 0 || some[id] == 0 {
			t.Errorf("rule %s: %d findings for every variant, %d for some: the snippets no longer set it off", id, once[id], some[id])
		}
	}
	if !reflect.DeepEqual(whole.Diagnostics, shared.Diagnostics) {
		for i := range max(len(whole.Diagnostics), len(shared.Diagnostics)) {
			var w, s lint.Diagnostic
			if i < len(whole.Diagnostics) {
				w = whole.Diagnostics[i]
			}
			if i < len(shared.Diagnostics) {
				s = shared.Diagnostics[i]
			}
			if !reflect.DeepEqual(w, s) {
				t.Fatalf("finding %d differs:\nwhole:  %+v\nshared: %+v", i, w, s)
			}
		}
	}
}
