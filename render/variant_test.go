package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// variantAd has two variants over shared vars, a parse error in the footer
// (reported once) and an execution error in one variant's body.
const variantAd = "---\n" +
	"format: message\n" + // 2
	"sender: Dana\n" + // 3
	"subject: \"{{ .audience | title }} leaders, join us {{ .day }}\"\n" + // 4
	"footer: \"{{ env \\\"HOME\\\" }} terms\"\n" + // 5
	"vars:\n" + // 6
	"  day: Thursday\n" + // 7
	"  audience: marketing\n" + // 8
	"  n: 2\n" + // 9
	"  url: https://x.example\n" + // 10
	"variants:\n" + // 11
	"  - name: vp-sales\n" + // 12
	"    audience: sales\n" + // 13
	"    n: 0\n" + // 14
	"  - name: plain\n" + // 15
	"---\n" + // 16
	"Hi {{first_name}},\n" + // 17
	"see you {{ .day }}: {{ div 10 .n }} seats left.\n" + // 18
	"\n" + // 19
	"{{/* a note for the team */}}\n" + // 20
	"\n" + // 21
	"Bye. {{/* trailing */}}\n" + // 22
	"\n" + // 23
	"- [Go]({{.url}})\n" // 24

func renderAd(t *testing.T, in string) (*Template, []*Variant, []Problem) {
	t.Helper()
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("parse problems: %q", problemStrings(tp.Problems))
	}
	vs, ps := tp.Render(sandbox.Limits{})
	return tp, vs, ps
}

func TestRenderVariants(t *testing.T) {
	tp, vs, ps := renderAd(t, variantAd)
	if len(vs) != 2 {
		t.Fatalf("%d variants, want 2", len(vs))
	}
	tests := []struct {
		name, subject, body, target string
		problems                    []string
	}{
		{
			name:     "vp-sales",
			subject:  "Sales leaders, join us Thursday",
			body:     "",
			target:   "https://x.example",
			problems: []string{"18:24-18:27 div: integer divide by zero"},
		},
		{
			name:    "plain",
			subject: "Marketing leaders, join us Thursday",
			body:    "Hi {{first_name}}, see you Thursday: 5 seats left.\n\nBye.",
			target:  "https://x.example",
		},
	}
	for i, tt := range tests {
		v := vs[i]
		if v.Name != tt.name {
			t.Errorf("variant %d is %q, want %q", i, v.Name, tt.name)
		}
		if v.Subject.S != tt.subject {
			t.Errorf("%s: subject = %q, want %q", tt.name, v.Subject.S, tt.subject)
		}
		if v.Footer.S != "" {
			t.Errorf("%s: footer that failed to parse = %q, want empty", tt.name, v.Footer.S)
		}
		if v.Sender.S != "Dana" {
			t.Errorf("%s: sender = %q", tt.name, v.Sender.S)
		}
		if got := v.Messages[0].Buttons[0].Target.S; got != tt.target {
			t.Errorf("%s: target = %q, want %q", tt.name, got, tt.target)
		}
		if got := problemStrings(v.Problems); strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
			t.Errorf("%s: execution problems %q, want %q", tt.name, got, tt.problems)
		}
	}
	// The parse error is reported once for the file, at the function.
	want := `5:13-5:16 template function "env" is not available: templates cannot read the environment`
	if got := problemStrings(ps); strings.Join(got, "\n") != want {
		t.Errorf("parse problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}

	// Spans of rendered text: literal text maps exactly, an action's output
	// maps to the action.
	plain := vs[1]
	checkSpans(t, tp.Source, plain.Subject, []spanCheck{
		{"Marketing", "{{ .audience | title }}", 4, 11},
		{"leaders", "leaders", 4, 35},
		{"join us", "join us", 4, 44},
		{"Thursday", "{{ .day }}", 4, 52},
	})
	checkSpans(t, tp.Source, plain.Messages[0].Body, []spanCheck{
		{"{{first_name}}", "{{first_name}}", 17, 4},
		{"Thursday", "{{ .day }}", 18, 9},
		{"5", "{{ div 10 .n }}", 18, 21},
		{"seats left", "seats left", 18, 37},
		{"Bye.", "Bye.", 22, 1},
	})
	checkSpans(t, tp.Source, plain.Messages[0].Buttons[0].Target, []spanCheck{
		{"https://x.example", "{{.url}}", 24, 8},
	})
}

func TestRenderNoVariants(t *testing.T) {
	_, vs, ps := renderAd(t, "---\nformat: message\nsender: Dana\nsubject: Hi {{ .who }}\nvars: {who: you}\n---\nPlain body.\n")
	if len(ps) != 0 {
		t.Errorf("problems: %q", problemStrings(ps))
	}
	if len(vs) != 1 || vs[0].Name != "" {
		t.Fatalf("variants = %d (first %q), want one unnamed", len(vs), vs[0].Name)
	}
	if vs[0].Subject.S != "Hi you" || vs[0].Messages[0].Body.S != "Plain body." {
		t.Errorf("subject %q, body %q", vs[0].Subject.S, vs[0].Messages[0].Body.S)
	}
}

func TestRenderMergeTags(t *testing.T) {
	tests := []struct {
		name    string
		subject string
		want    string
		checks  []spanCheck
	}{
		{"alone", "Hi {{first_name}}!", "Hi {{first_name}}!", []spanCheck{{"{{first_name}}", "{{first_name}}", 4, 13}, {"!", "!", 4, 27}}},
		{"spaced", "Hi {{ FirstName }}", "Hi {{ FirstName }}", []spanCheck{{"{{ FirstName }}", "{{ FirstName }}", 4, 13}}},
		{"beside an action", "'{{ .x }} {{first_name}}'", "X {{first_name}}", []spanCheck{{"X", "{{ .x }}", 4, 11}, {"{{first_name}}", "{{first_name}}", 4, 20}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp, vs, ps := renderAd(t, "---\nformat: message\nsender: Dana\nsubject: "+tt.subject+"\nvars: {x: X}\n---\nBody.\n")
			if len(ps) != 0 || len(vs[0].Problems) != 0 {
				t.Fatalf("problems: %q %q", problemStrings(ps), problemStrings(vs[0].Problems))
			}
			if vs[0].Subject.S != tt.want {
				t.Fatalf("subject = %q, want %q", vs[0].Subject.S, tt.want)
			}
			checkSpans(t, tp.Source, vs[0].Subject, tt.checks)
		})
	}
}

func TestRenderErrorInEveryVariant(t *testing.T) {
	_, vs, ps := renderAd(t, "---\nformat: message\nsender: Dana\nsubject: Hi\nvariants:\n  - name: a\n  - name: b\n---\nBody {{ div 1 0 }}.\n")
	if len(ps) != 0 {
		t.Errorf("parse problems: %q", problemStrings(ps))
	}
	for _, v := range vs {
		want := "9:9-9:12 div: integer divide by zero"
		if got := problemStrings(v.Problems); strings.Join(got, "\n") != want {
			t.Errorf("variant %s: problems %q, want %q", v.Name, got, want)
		}
		if v.Messages[0].Body.S != "" {
			t.Errorf("variant %s: body of a failed field = %q, want empty", v.Name, v.Messages[0].Body.S)
		}
	}
}

func TestRenderTidy(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"comment alone between paragraphs", "One.\n\n{{/* note */}}\n\nTwo.\n", "One.\n\nTwo."},
		{"comment at the end", "One.\n\nTwo. {{/* note */}}\n", "One.\n\nTwo."},
		{"empty action at the start", "{{ .empty }}\n\nOne.\n", "One."},
		{"if that prints nothing", "One.\n\n{{ if .off }}Never.{{ end }}\n\nTwo.\n", "One.\n\nTwo."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp, vs, ps := renderAd(t, "---\nformat: message\nsender: Dana\nsubject: Hi\nvars: {empty: \"\", \"off\": false}\n---\n"+tt.body)
			if len(ps) != 0 || len(vs[0].Problems) != 0 {
				t.Fatalf("problems: %q %q", problemStrings(ps), problemStrings(vs[0].Problems))
			}
			body := vs[0].Messages[0].Body
			if body.S != tt.want {
				t.Fatalf("body = %q, want %q", body.S, tt.want)
			}
			// every word still maps to itself
			for _, w := range strings.Fields(tt.want) {
				i := strings.Index(body.S, w)
				sp := body.Span(i, i+len(w))
				if raw := string(tp.Source.Raw[sp.Start.Offset:sp.End.Offset]); raw != w {
					t.Errorf("%q maps to %q", w, raw)
				}
			}
		})
	}
}

// A comment (an ignore directive, say) inside a paragraph should not leave
// a double space in the copy the member receives.
func TestRenderCommentInsideParagraph(t *testing.T) {
	_, vs, _ := renderAd(t, "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nHi, {{/* inboxlint:ignore hype ok */}}\nthere.\n")
	if got, want := vs[0].Messages[0].Body.S, "Hi, there."; got != want {
		t.Errorf("body = %q, want %q", got, want)
	}
}

// The copy of a variant, in order: what Variant.Texts walked before the
// field kinds, and rules still walk as CopyFields.
func TestVariantCopyFields(t *testing.T) {
	_, vs, _ := renderAd(t, "---\nformat: conversation\nsender: Dana\nsubject: Hi\nfooter: F\n---\n# One\nA [link](https://x.example).\n\n- [B1](#two)\n- [B2](#two)\n\n# Two\nC.\n")
	var got []string
	vs[0].Fields(CopyFields, func(f VariantField) { got = append(got, fmt.Sprintf("%s=%q", f.Kind, f.Text.S)) })
	want := `sender="Dana" subject="Hi" body="A link." button label="B1" button label="B2" body="C." footer="F"`
	if strings.Join(got, " ") != want {
		t.Errorf("Fields(CopyFields):\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
}

// A button label that only one variant's values leave empty is reported
// for that variant, at the label.
func TestRenderEmptyLabel(t *testing.T) {
	src := "---\nformat: message\nsender: Dana\nsubject: Hi\nvariants:\n  - name: a\n    cta: Book a demo\n  - name: b\n    cta: \"\"\n---\nBody?\n\n- [{{ .cta }}](leadform:demo)\n"
	tp := Parse("ad.md", []byte(src))
	vs, problems := tp.Render(sandbox.DefaultLimits)
	if len(problems) != 0 || len(vs) != 2 {
		t.Fatalf("problems %v, %d variants", problems, len(vs))
	}
	if len(vs[0].Problems) != 0 {
		t.Errorf("variant a: %v, want none", vs[0].Problems)
	}
	if len(vs[1].Problems) != 1 || vs[1].Problems[0].Msg != "button label renders empty: give it a value in every variant" ||
		vs[1].Problems[0].Span.Start.Line != 13 || vs[1].Problems[0].Span.Start.Col != 4 {
		t.Errorf("variant b: %+v, want one problem at 13:4", vs[1].Problems)
	}
}

// A label whose template does not parse is reported once, as that error,
// not again as empty in every variant.
func TestRenderBrokenLabelOnce(t *testing.T) {
	src := "---\nformat: message\nsender: Dana\nsubject: Hi\nvariants:\n  - name: a\n  - name: b\n---\nBody?\n\n- [{{ env \"HOME\" }}](leadform:demo)\n"
	tp := Parse("ad.md", []byte(src))
	vs, problems := tp.Render(sandbox.DefaultLimits)
	if len(problems) != 1 || !strings.Contains(problems[0].Msg, `"env"`) {
		t.Errorf("problems %v, want the env error once", problems)
	}
	for _, v := range vs {
		if len(v.Problems) != 0 {
			t.Errorf("variant %s: %v, want none", v.Name, v.Problems)
		}
	}
}

func TestHasActions(t *testing.T) {
	for text, want := range map[string]bool{
		"":                  false,
		"Hi %FIRSTNAME%":    false,
		"a { b } c":         false,
		"Hi {{ .name }}":    true,
		"{{/* comment */}}": true,
		"broken {{":         true,
	} {
		if got := HasActions(text); got != want {
			t.Errorf("HasActions(%q) = %v, want %v", text, got, want)
		}
	}
}

// A call of a function that does not exist is reported at the name, with
// a suggestion of the allowed function it most likely meant when the name
// is long enough for one to mean something.
func TestRenderUndefinedFunction(t *testing.T) {
	tests := []struct {
		subject, want string
	}{
		{`"{{ .name | uper }}"`, `4:22-4:26 template function "uper" is not defined: did you mean "upper"?`},
		{`"{{ lowr .name }}"`, `4:14-4:18 template function "lowr" is not defined: did you mean "lower"?`},
		{`"{{ tilte .name }}"`, `4:14-4:19 template function "tilte" is not defined`}, // two edits: too far for five letters
		{`"{{ foo .name }}"`, `4:14-4:17 template function "foo" is not defined`},
		{`"{{ xy .name }}"`, `4:14-4:16 template function "xy" is not defined`},
		{`"{{ inboxlintMark .name }}"`, `4:14-4:27 template function "inboxlintMark" is not defined`},
	}
	for _, tt := range tests {
		tp := Parse("ad.md", []byte("---\nformat: message\nsender: Dana\nsubject: "+tt.subject+"\nvars: {name: x}\n---\nBody.\n"))
		_, ps := tp.Render(sandbox.Limits{})
		if got := strings.Join(problemStrings(ps), "\n"); got != tt.want {
			t.Errorf("subject %s: %q, want %q", tt.subject, got, tt.want)
		}
	}
}

// The sandbox imports nothing else of inboxlint, so it quotes the field's
// text in its messages by escape's rules restated: a name as an
// escape.Excerpt, a regular expression's offending part as an excerpt
// escaped like escape.Controls. These pin the two together on hostile
// text: long, with control and bidirectional characters.
func TestSandboxQuotesLikeEscape(t *testing.T) {
	long := strings.Repeat("é", 30) + strings.Repeat("x", 30)
	if _, err := sandbox.Parse("{{ " + long + " }}"); err == nil || err.Msg != "template function "+escape.Excerpt(long)+" is not defined" {
		t.Errorf("undefined %q: %v", long, err)
	}
	for _, tt := range []struct{ expr, code, part string }{
		{"(a\x1bb", "missing closing )", "(a\x1bb"},
		{"(\u202eevil", "missing closing )", "(\u202eevil"},
		{"(a\nb\tc\u2028", "missing closing )", "(a\nb\tc\u2028"},
		{"(" + strings.Repeat("ab", 30), "missing closing )", "(" + strings.Repeat("ab", 30)},
		{"ab\xffx", "invalid UTF-8", "\xffx"},
	} {
		_, err := sandbox.CompilePattern(tt.expr, sandbox.Limits{})
		if err == nil {
			t.Fatalf("%q compiled", tt.expr)
		}
		excerpt := tt.part
		if r := []rune(excerpt); len(r) > escape.ExcerptLen {
			excerpt = string(r[:escape.ExcerptLen]) + "…"
		}
		if want := tt.code + ": `" + escape.Controls(excerpt) + "`"; err.Error() != want {
			t.Errorf("CompilePattern(%q) = %q, want %q", tt.expr, err.Error(), want)
		}
	}
}

// needsTidy says yes exactly when the text has a space, tab or line break
// at either end or, in a multi-line field, a line break beside a space or
// a tab or three in a row: checked on every string of up to eight of
// those characters and a letter.
func TestNeedsTidy(t *testing.T) {
	reference := func(s string, multiline bool) bool {
		if s == "" {
			return false
		}
		if strings.ContainsAny(s[:1], " \n\t") || strings.ContainsAny(s[len(s)-1:], " \n\t") {
			return true
		}
		return multiline && (strings.Contains(s, " \n") || strings.Contains(s, "\t\n") || strings.Contains(s, "\n\n\n") ||
			strings.Contains(s, "\n ") || strings.Contains(s, "\n\t"))
	}
	const alphabet = " \t\na"
	var walk func(s string)
	walk = func(s string) {
		for _, multiline := range []bool{false, true} {
			if got, want := needsTidy(s, multiline), reference(s, multiline); got != want {
				t.Fatalf("needsTidy(%q, %v) = %v, want %v", s, multiline, got, want)
			}
		}
		if len(s) < 8 {
			for i := range alphabet {
				walk(s + alphabet[i:i+1])
			}
		}
	}
	walk("")
}
