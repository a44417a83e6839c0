package render

import (
	"fmt"
	"strings"
	"testing"
)

// spanCheck says that the first needle in a Text maps to the file bytes raw,
// starting at line:col.
type spanCheck struct {
	needle    string
	raw       string
	line, col int
}

func checkSpans(t *testing.T, src *Source, txt Text, checks []spanCheck) {
	t.Helper()
	for _, c := range checks {
		i := strings.Index(txt.S, c.needle)
		if i < 0 {
			t.Errorf("%q not in %q", c.needle, txt.S)
			continue
		}
		sp := txt.Span(i, i+len(c.needle))
		if raw := string(src.Raw[sp.Start.Offset:sp.End.Offset]); raw != c.raw {
			t.Errorf("%q maps to %q in the file, want %q", c.needle, raw, c.raw)
		}
		if sp.Start.Line != c.line || sp.Start.Col != c.col {
			t.Errorf("%q starts at %d:%d, want %d:%d", c.needle, sp.Start.Line, sp.Start.Col, c.line, c.col)
		}
	}
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%d:%d-%d:%d %s", p.Span.Start.Line, p.Span.Start.Col, p.Span.End.Line, p.Span.End.Col, p.Msg))
	}
	return out
}

func TestParseSubjectMap(t *testing.T) {
	const head = "---\nformat: message\nsender: Dana\n"
	tests := []struct {
		name   string
		in     string
		want   string
		checks []spanCheck
	}{
		{
			name: "plain",
			in:   head + "subject: Hi %FIRSTNAME%, join us\n---\nBody.\n",
			want: "Hi %FIRSTNAME%, join us",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 4, 13},
				{"join us", "join us", 4, 26},
				{"Hi %FIRSTNAME%, join us", "Hi %FIRSTNAME%, join us", 4, 10},
			},
		},
		{
			name: "plain with a comment, not the last key",
			in:   head + "subject: C# at %COMPANYNAME% # draft\nfooter: f\n---\nBody.\n",
			want: "C# at %COMPANYNAME%",
			checks: []spanCheck{
				{"%COMPANYNAME%", "%COMPANYNAME%", 4, 16},
				{"C#", "C#", 4, 10},
			},
		},
		{
			name: "single-quoted",
			in:   head + "subject: 'It''s for %FIRSTNAME%'\n---\nBody.\n",
			want: "It's for %FIRSTNAME%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 4, 21},
				{"'", "''", 4, 13},
				{"It", "It", 4, 11},
			},
		},
		{
			name: "double-quoted with escapes",
			in:   head + `subject: "Say \"hi\" %FIRSTNAME%\nCaf\u00e9 %COMPANYNAME%"` + "\n---\nBody.\n",
			want: "Say \"hi\" %FIRSTNAME%\nCafé %COMPANYNAME%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 4, 22},
				{`"`, `\"`, 4, 15},
				{"\n", `\n`, 4, 33},
				{"é", `\u00e9`, 4, 38},
				{"%COMPANYNAME%", "%COMPANYNAME%", 4, 45},
			},
		},
		{
			name: "double-quoted over two lines",
			in:   head + "subject: \"Hi\n  %FIRSTNAME% there\"\n---\nBody.\n",
			want: "Hi %FIRSTNAME% there",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 3},
				{"Hi", "Hi", 4, 11},
			},
		},
		{
			name: "double-quoted with an escaped line break",
			in:   head + "subject: \"Hi \\\n    %FIRSTNAME%, wel\\\n  come\"\n---\nBody.\n",
			want: "Hi %FIRSTNAME%, welcome",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 5},
				{"come", "come", 6, 3},
				{"Hi ", "Hi ", 4, 11},
			},
		},
		{
			name: "literal block with a comment on its header",
			in:   head + "subject: | # keep-it-short\n  Hi %FIRSTNAME%\n---\nBody.\n",
			want: "Hi %FIRSTNAME%\n",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 6},
			},
		},
		{
			name: "literal block",
			in:   head + "subject: |\n  Hi %FIRSTNAME%\n  there\n---\nBody.\n",
			want: "Hi %FIRSTNAME%\nthere\n",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 6},
				{"there", "there", 6, 3},
				{"Hi", "Hi", 5, 3},
			},
		},
		{
			name: "literal block, strip",
			in:   head + "subject: |-\n  Hi %FIRSTNAME%\n\n  there\nfooter: x\n---\nBody.\n",
			want: "Hi %FIRSTNAME%\n\nthere",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 6},
				{"there", "there", 7, 3},
			},
		},
		{
			name: "folded block",
			in:   head + "subject: >\n  Hi %FIRSTNAME%\n  there\n---\nBody.\n",
			want: "Hi %FIRSTNAME% there\n",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 6},
				{"there", "there", 6, 3},
			},
		},
		{
			name: "multi-line plain",
			in:   head + "subject: Hi\n  %FIRSTNAME% and\n    friends\n---\nBody.\n",
			want: "Hi %FIRSTNAME% and friends",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 3},
				{"friends", "friends", 6, 5},
				{"Hi", "Hi", 4, 10},
			},
		},
		{
			name: "non-ASCII before the value on its line",
			in:   head + "subject: Ça va, %FIRSTNAME%? 日本 %JOBTITLE%\n---\nBody.\n",
			want: "Ça va, %FIRSTNAME%? 日本 %JOBTITLE%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 4, 17},
				{"%JOBTITLE%", "%JOBTITLE%", 4, 33},
			},
		},
		{
			name: "flow mapping after a non-ASCII value on the same line",
			in:   "---\n{format: message, sender: Zoë Ünal, subject: Hi %FIRSTNAME%}\n---\nBody.\n",
			want: "Hi %FIRSTNAME%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 2, 49},
			},
		},
		{
			name: "CRLF and BOM, single-quoted",
			in:   "\xEF\xBB\xBF---\r\nformat: message\r\nsender: Dana\r\nsubject: 'It''s %FIRSTNAME%'\r\n---\r\nBody.\r\n",
			want: "It's %FIRSTNAME%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 4, 17},
				{"'", "''", 4, 13},
			},
		},
		{
			name: "CRLF and BOM, multi-line plain",
			in:   "\xEF\xBB\xBF---\r\nformat: message\r\nsender: Dana\r\nsubject: Hi\r\n  %FIRSTNAME%\r\n---\r\nBody.\r\n",
			want: "Hi %FIRSTNAME%",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 5, 3},
				{" ", "\r\n  ", 4, 12},
			},
		},
		{
			name: "CRLF, literal block",
			in:   "---\r\nformat: message\r\nsender: Dana\r\nsubject: |\r\n  Hi\r\n  %FIRSTNAME%\r\n---\r\nBody.\r\n",
			want: "Hi\n%FIRSTNAME%\n",
			checks: []spanCheck{
				{"%FIRSTNAME%", "%FIRSTNAME%", 6, 3},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(tt.in))
			if len(tp.Problems) > 0 {
				t.Errorf("problems: %q", problemStrings(tp.Problems))
			}
			if tp.Subject.Text.S != tt.want {
				t.Fatalf("subject = %q, want %q", tp.Subject.Text.S, tt.want)
			}
			checkSpans(t, tp.Source, tp.Subject.Text, tt.checks)
		})
	}
}

// The span of a whole plain value is the value: not the closing fence after
// it, not its trailing comment.
func TestParseSubjectSpan(t *testing.T) {
	tests := []struct {
		name string
		in   string
		raw  string
	}{
		{"last key", "---\nformat: message\nsender: Dana\nsubject: Hi there\n---\nBody.\n", "Hi there"},
		{"last key, crlf", "---\r\nformat: message\r\nsender: Dana\r\nsubject: Hi there\r\n---\r\nBody.\r\n", "Hi there"},
		{"comment", "---\nformat: message\nsender: Dana\nsubject: Hi there  # short\n---\nBody.\n", "Hi there"},
		{"tab comment", "---\nformat: message\nsender: Dana\nsubject: Hi there\t# short\n---\nBody.\n", "Hi there"},
		{"quoted", "---\nformat: message\nsender: Dana\nsubject: \"Hi there\"\n---\nBody.\n", `"Hi there"`},
		{"multi-line", "---\nformat: message\nsender: Dana\nsubject: Hi\n  there\n---\nBody.\n", "Hi\n  there"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(tt.in))
			if len(tp.Problems) > 0 {
				t.Errorf("problems: %q", problemStrings(tp.Problems))
			}
			sp := tp.Subject.Span()
			if raw := string(tp.Source.Raw[sp.Start.Offset:sp.End.Offset]); raw != tt.raw {
				t.Errorf("subject span covers %q, want %q", raw, tt.raw)
			}
			if sp.Start.Line != 4 || sp.Start.Col != 10 {
				t.Errorf("subject span starts at %d:%d, want 4:10", sp.Start.Line, sp.Start.Col)
			}
		})
	}
}

func TestParseFrontMatterFields(t *testing.T) {
	in := "---\nformat: conversation\nsender: \"Dana Reyes\"\nsubject: Hi\nfooter: >-\n  Terms\n  apply\nmembers: people.csv\nvars:\n  day: Thursday\n  n: 3\nvariants:\n  - name: vp-sales\n    audience: sales\n  - name: vp-marketing\n---\n# Opening\nHi.\n"
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	if tp.Format != FormatConversation {
		t.Errorf("Format = %q", tp.Format)
	}
	for _, c := range []struct {
		f    Field
		want string
		line int
		col  int
	}{
		{tp.formatField, "conversation", 2, 9},
		{tp.Sender, "Dana Reyes", 3, 9},
		{tp.Subject, "Hi", 4, 10},
		{tp.Footer, "Terms apply", 5, 9},
		{tp.Members, "people.csv", 8, 10},
	} {
		if c.f.Text.S != c.want {
			t.Errorf("%s = %q, want %q", c.want, c.f.Text.S, c.want)
		}
		if !c.f.Present {
			t.Errorf("%s is not Present", c.want)
		}
		if sp := c.f.Span(); sp.Start.Line != c.line || sp.Start.Col != c.col {
			t.Errorf("%s value starts at %d:%d, want %d:%d", c.want, sp.Start.Line, sp.Start.Col, c.line, c.col)
		}
	}
	if k := tp.Subject.Key; k.Start.Line != 4 || k.Start.Col != 1 || k.End.Col != 8 {
		t.Errorf("subject key span = %+v, want 4:1-4:8", k)
	}
	if fmt.Sprint(tp.Vars) != "map[day:Thursday n:3]" {
		t.Errorf("Vars = %v", tp.Vars)
	}
	if len(tp.Variants) != 2 || tp.Variants[0].Name != "vp-sales" || tp.Variants[1].Name != "vp-marketing" {
		t.Fatalf("Variants = %+v", tp.Variants)
	}
	if fmt.Sprint(tp.Variants[0].Values) != "map[audience:sales]" || len(tp.Variants[1].Values) != 0 {
		t.Errorf("variant values = %v, %v", tp.Variants[0].Values, tp.Variants[1].Values)
	}
	if sp := tp.Variants[1].span; sp.Start.Line != 15 || sp.Start.Col != 5 {
		t.Errorf("second variant at %d:%d, want 15:5", sp.Start.Line, sp.Start.Col)
	}
	if fm := tp.FrontMatter; fm.Start.Line != 1 || fm.Start.Col != 1 || fm.End.Col != 4 {
		t.Errorf("FrontMatter = %+v, want 1:1-1:4", fm)
	}
}

func TestParseFrontMatterProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "unknown key close to a known one",
			in:   "---\nformat: message\nsender: Dana\nsubjct: Hi\n---\nBody.\n",
			want: []string{
				`4:1-4:7 unknown front matter key "subjct": did you mean "subject"?`,
				"1:1-1:4 front matter has no subject: add subject: with the line members see in their inbox",
			},
		},
		{
			name: "unknown key after non-ASCII",
			in:   "---\n{format: message, sender: Zoë, subject: Hi, cölor: red}\n---\nBody.\n",
			want: []string{
				`2:45-2:50 unknown front matter key "cölor": use format, sender, subject, footer, vars, variants, members, lang`,
			},
		},
		{
			// yaml.v3 ends lines at U+2028, NEL and U+2029 too; the
			// template's lines end only at CR LF, CR and LF
			name: "keys after the breaks only YAML knows",
			in:   "---\r\nformat: message\r\nsender: Dana\u2028colour: red\r\nsubject: \"Hi\u0085there\"\u2029vars: {x: 1}\rhue: 2\n---\nBody.\n",
			want: []string{
				`3:14-3:20 unknown front matter key "colour": use format, sender, subject, footer, vars, variants, members, lang`,
				`5:1-5:4 unknown front matter key "hue": use format, sender, subject, footer, vars, variants, members, lang`,
			},
		},
		{
			name: "duplicate key",
			in:   "---\nformat: message\nsender: Dana\nsubject: Hi\nsubject: Hello\n---\nBody.\n",
			want: []string{`5:1-5:8 front matter key "subject" appears twice: keep one`},
		},
		{
			name: "missing format",
			in:   "---\nsender: Dana\nsubject: Hi\n---\nBody.\n",
			want: []string{"1:1-1:4 front matter has no format: add format: message or format: conversation"},
		},
		{
			name: "missing subject",
			in:   "---\nformat: message\nsender: Dana\n---\nBody.\n",
			want: []string{"1:1-1:4 front matter has no subject: add subject: with the line members see in their inbox"},
		},
		{
			name: "bad format",
			in:   "---\nformat: email\nsender: Dana\nsubject: Hi\n---\nBody.\n",
			want: []string{`2:9-2:14 unknown format "email": use message or conversation`},
		},
		{
			name: "unclosed front matter",
			in:   "---\nformat: message\nsender: Dana\nsubject: Hi\n\nBody.\n",
			want: []string{"1:1-1:4 front matter is never closed: add a line with --- after the subject"},
		},
		{
			name: "no front matter",
			in:   "# Hello\n\nBody.\n",
			want: []string{"1:1-1:8 file has no front matter: start it with a line of --- and the ad's format, sender and subject"},
		},
		{
			name: "empty front matter",
			in:   "---\n---\nBody.\n",
			want: []string{"1:1-1:4 front matter is empty: it needs format, sender and subject"},
		},
		{
			name: "not a mapping",
			in:   "---\n- a\n- b\n---\nBody.\n",
			want: []string{"2:1-2:4 front matter must be a mapping of keys such as format, sender and subject"},
		},
		{
			name: "subject not text",
			in:   "---\nformat: message\nsender: Dana\nsubject: [a, b]\n---\nBody.\n",
			want: []string{"4:10-4:16 subject must be text"},
		},
		{
			name: "vars not a mapping",
			in:   "---\nformat: message\nsender: Dana\nsubject: Hi\nvars: [1, 2]\n---\nBody.\n",
			want: []string{"5:7-5:13 vars must be a mapping of names to values"},
		},
		{
			name: "variant problems",
			in:   "---\nformat: message\nsender: Dana\nsubject: Hi\nvariants:\n  - name: a\n  - name: a\n  - day: x\n  - just text\n---\nBody.\n",
			want: []string{
				`7:5-7:12 variant name "a" appears twice: names must be unique`,
				"8:5-8:11 a variant needs a name: add name: followed by a short id such as vp-sales",
				"9:5-9:14 a variant must be a mapping with a name and values",
			},
		},
		{
			name: "crlf and bom positions",
			in:   "\xEF\xBB\xBF---\r\nformat: message\r\nsender: Dana\r\nsubject: Hi\r\ncolour: red\r\n---\r\nBody.\r\n",
			want: []string{`5:1-5:7 unknown front matter key "colour": use format, sender, subject, footer, vars, variants, members, lang`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(tt.in))
			got := problemStrings(tp.Problems)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseInvalidYAML(t *testing.T) {
	tp := Parse("ad.md", []byte("---\nformat: message\nsender: Dana\nsubject: \"Hi\n---\nBody.\n"))
	if len(tp.Problems) != 1 {
		t.Fatalf("problems = %q, want one", problemStrings(tp.Problems))
	}
	p := tp.Problems[0]
	if !strings.HasPrefix(p.Msg, "front matter is not valid YAML: ") {
		t.Errorf("message = %q", p.Msg)
	}
	if p.Span.Start.Line < 2 || p.Span.Start.Line > 5 || p.Span.Start.Col != 1 {
		t.Errorf("problem at %d:%d, want column 1 of a front matter line", p.Span.Start.Line, p.Span.Start.Col)
	}
	if tp.Format != "" || len(tp.Messages) != 0 {
		t.Errorf("a template whose YAML is broken has format %q and %d messages", tp.Format, len(tp.Messages))
	}
}

func TestIsTemplate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"message ad", "---\nformat: message\nsender: Dana\nsubject: Hi\n---\nBody.\n", true},
		{"readme", "# inboxlint\n\nSome text.\n", false},
		{"readme with other front matter", "---\ntitle: Readme\nlayout: page\n---\n# Hi\n", false},
		{"format only in the body", "---\ntitle: Readme\n---\nformat: message\n", false},
		{"format nested", "---\nmeta:\n  format: message\n---\n", false},
		{"format-ish key", "---\nformats: message\n---\n", false},
		{"broken YAML with a format line", "---\nformat: message\nsubject: [unclosed\n---\nBody.\n", true},
		{"never closed", "---\nformat: message\nsubject: Hi\n", true},
		{"format with a space", "---\nformat : message\n---\n", true},
		{"crlf and bom", "\xEF\xBB\xBF---\r\nformat: message\r\n---\r\n", true},
		{"lone cr", "---\rformat: message\r---\r", true},
		{"empty", "", false},
		{"fence only", "---", false},
		{"not at the start", "\n---\nformat: message\n---\n", false},
	}
	for _, tt := range tests {
		if got := IsTemplate([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: IsTemplate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

const msgHead = "---\nformat: message\nsender: Dana\nsubject: Hi\n---\n"

func TestParseMessageBody(t *testing.T) {
	in := msgHead +
		"Hi %FIRSTNAME%, \n" + // 6, a trailing space
		"I noticed you lead\n" + // 7
		"  marketing at [Acme](https://acme.example).\n" + // 8
		"\n" + // 9
		"Read https://example.com/a?b=1. Thanks!\n" + // 10
		"\n" + // 11
		"\n" + // 12
		"Third paragraph.   \n" + // 13
		"\n" + // 14
		"- [Save my spot](leadform:webinar)\n" // 15
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	if len(tp.Messages) != 1 {
		t.Fatalf("%d messages, want 1", len(tp.Messages))
	}
	m := tp.Messages[0]
	want := "Hi %FIRSTNAME%, I noticed you lead marketing at Acme.\n\nRead https://example.com/a?b=1. Thanks!\n\nThird paragraph."
	if m.Body.Text.S != want {
		t.Fatalf("body = %q, want %q", m.Body.Text.S, want)
	}
	checkSpans(t, tp.Source, m.Body.Text, []spanCheck{
		{"%FIRSTNAME%", "%FIRSTNAME%", 6, 4},
		{"marketing", "marketing", 8, 3},
		{"Acme", "Acme", 8, 17},
		{"lead marketing", "lead\n  marketing", 7, 15},
		{" I noticed", " \nI noticed", 6, 16},
		{"https://example.com/a?b=1", "https://example.com/a?b=1", 10, 6},
		{"Third", "Third", 13, 1},
	})
	if sp := m.Body.Span(); sp.Start.Line != 6 || sp.Start.Col != 1 || sp.End.Line != 13 || sp.End.Col != 17 {
		t.Errorf("body span = %d:%d-%d:%d, want 6:1-13:17", sp.Start.Line, sp.Start.Col, sp.End.Line, sp.End.Col)
	}

	var links []string
	for _, l := range m.Links {
		links = append(links, fmt.Sprintf("%q %q bare=%v %d:%d-%d:%d text@%d:%d url@%d:%d", l.Text.Text.S, l.URL.Text.S, l.Bare,
			l.Span.Start.Line, l.Span.Start.Col, l.Span.End.Line, l.Span.End.Col,
			l.Text.Span().Start.Line, l.Text.Span().Start.Col, l.URL.Span().Start.Line, l.URL.Span().Start.Col))
	}
	wantLinks := []string{
		`"Acme" "https://acme.example" bare=false 8:16-8:44 text@8:17 url@8:23`,
		`"https://example.com/a?b=1" "https://example.com/a?b=1" bare=true 10:6-10:31 text@10:6 url@10:6`,
	}
	if strings.Join(links, "\n") != strings.Join(wantLinks, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(links, "\n"), strings.Join(wantLinks, "\n"))
	}

	if len(m.Buttons) != 1 {
		t.Fatalf("%d buttons, want 1", len(m.Buttons))
	}
	b := m.Buttons[0]
	got := fmt.Sprintf("%q@%s %q@%s %s", b.Label.Text.S, spanString(b.Label.Span()), b.Target.Text.S, spanString(b.Target.Span()), spanString(b.Span))
	if w := `"Save my spot"@15:4-15:16 "leadform:webinar"@15:18-15:34 15:3-15:35`; got != w {
		t.Errorf("button = %s, want %s", got, w)
	}
}

func spanString(sp Span) string {
	return fmt.Sprintf("%d:%d-%d:%d", sp.Start.Line, sp.Start.Col, sp.End.Line, sp.End.Col)
}

func TestParseBodyText(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"one line", "Hello.\n", "Hello."},
		{"joined lines", "one\ntwo\nthree\n", "one two three"},
		{"hard break with two spaces", "one  \ntwo\n", "one\ntwo"},
		{"hard break with a backslash", "one\\\ntwo\n", "one\\\ntwo"},
		{"blank lines collapse", "a\n\n\n\nb\n", "a\n\nb"},
		{"trailing spaces trimmed", "a   \n\nb\t\n", "a\n\nb"},
		{"link shown as its text", "See [our page](https://x.example) now.\n", "See our page now."},
		{"image stays as typed", "A ![pic](https://x.example/p.png) here.\n", "A ![pic](https://x.example/p.png) here."},
		{"escaped bracket", "A \\[not](a link) b\n", "A \\[not](a link) b"},
		{"code span keeps brackets", "Use `[x](y)` here\n", "Use `[x](y)` here"},
		{"bold stays as typed", "This is **bold**.\n", "This is **bold**."},
		{"crlf", "one\r\ntwo\r\n\r\nthree\r\n", "one two\n\nthree"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(msgHead+tt.body))
			if len(tp.Messages) != 1 {
				t.Fatalf("%d messages", len(tp.Messages))
			}
			if got := tp.Messages[0].Body.Text.S; got != tt.want {
				t.Errorf("body = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseBodyCRLFSpans(t *testing.T) {
	in := "\xEF\xBB\xBF---\r\nformat: message\r\nsender: Dana\r\nsubject: Hi\r\n---\r\nDear %FIRSTNAME%,\r\nwelcome to\r\n  Zürich %COMPANYNAME%.\r\n\r\n- [Go](https://x.example)\r\n"
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	m := tp.Messages[0]
	if want := "Dear %FIRSTNAME%, welcome to Zürich %COMPANYNAME%."; m.Body.Text.S != want {
		t.Fatalf("body = %q, want %q", m.Body.Text.S, want)
	}
	checkSpans(t, tp.Source, m.Body.Text, []spanCheck{
		{"%FIRSTNAME%", "%FIRSTNAME%", 6, 6},
		{"to Zürich", "to\r\n  Zürich", 7, 9},
		{"%COMPANYNAME%", "%COMPANYNAME%", 8, 10},
	})
	checkSpans(t, tp.Source, m.Buttons[0].Target.Text, []spanCheck{{"https://x.example", "https://x.example", 10, 8}})
}

func TestParseButtons(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		buttons  []string // "label@span target@span"
		problems []string
		bodyText string
	}{
		{
			name:     "plain",
			body:     "Hi.\n\n- [Go](https://x.example)\n",
			buttons:  []string{`"Go"@8:4-8:6 "https://x.example"@8:8-8:25`},
			bodyText: "Hi.",
		},
		{
			name:     "angle-bracket destination",
			body:     "Hi.\n\n- [Go](<https://x.example/a b>)\n",
			buttons:  []string{`"Go"@8:4-8:6 "https://x.example/a b"@8:9-8:30`},
			bodyText: "Hi.",
		},
		{
			name:     "title",
			body:     "Hi.\n\n- [Go](https://x.example \"Title\")\n",
			buttons:  []string{`"Go"@8:4-8:6 "https://x.example"@8:8-8:25`},
			bodyText: "Hi.",
		},
		{
			name:     "label trimmed",
			body:     "Hi.\n\n- [ Save my spot ](leadform:x)\n",
			buttons:  []string{`"Save my spot"@8:5-8:17 "leadform:x"@8:20-8:30`},
			bodyText: "Hi.",
		},
		{
			name:     "trailing template comment",
			body:     "Hi.\n\n- [Go](https://x.example) {{/* inboxlint:ignore cta-length the label is fine */}}\n",
			buttons:  []string{`"Go"@8:4-8:6 "https://x.example"@8:8-8:25`},
			bodyText: "Hi.",
		},
		{
			name: "several, other bullets",
			body: "Hi.\n\n* [One](#one)\n* [Two](leadform:two)\n",
			buttons: []string{
				`"One"@8:4-8:7 "#one"@8:9-8:13`,
				`"Two"@9:4-9:7 "leadform:two"@9:9-9:21`,
			},
			bodyText: "Hi.",
		},
		{
			name:     "a list with a non-link item",
			body:     "Hi.\n\n- [Go](https://x.example)\n- just text\n",
			buttons:  []string{`"Go"@8:4-8:6 "https://x.example"@8:8-8:25`},
			problems: []string{"9:1-9:12 every item of the button list must be one link: write it as - [Label](target)"},
			bodyText: "Hi.",
		},
		{
			name:     "text after the link",
			body:     "Hi.\n\n- [Go](https://x.example) now\n- [Stay](#stay)\n",
			buttons:  []string{`"Stay"@9:4-9:8 "#stay"@9:10-9:15`},
			problems: []string{"8:1-8:30 every item of the button list must be one link: write it as - [Label](target)"},
			bodyText: "Hi.",
		},
		{
			name:     "a list without links is body text",
			body:     "Hi.\n\n- one\n- two\n",
			bodyText: "Hi.\n\n- one\n- two",
		},
		{
			name:     "a list that is not last is body text",
			body:     "Hi.\n\n- [Go](https://x.example)\n\nBye.\n",
			bodyText: "Hi.\n\n- Go\n\nBye.",
		},
		{
			name:     "no body",
			body:     "- [Go](https://x.example)\n",
			buttons:  []string{`"Go"@6:4-6:6 "https://x.example"@6:8-6:25`},
			bodyText: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(msgHead+tt.body))
			if got := problemStrings(tp.Problems); strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
			m := tp.Messages[0]
			var got []string
			for _, b := range m.Buttons {
				got = append(got, fmt.Sprintf("%q@%s %q@%s", b.Label.Text.S, spanString(b.Label.Span()), b.Target.Text.S, spanString(b.Target.Span())))
			}
			if strings.Join(got, "\n") != strings.Join(tt.buttons, "\n") {
				t.Errorf("buttons:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.buttons, "\n"))
			}
			if m.Body.Text.S != tt.bodyText {
				t.Errorf("body = %q, want %q", m.Body.Text.S, tt.bodyText)
			}
		})
	}
}

func TestParseConversation(t *testing.T) {
	in := "---\nformat: conversation\nsender: Dana\nsubject: Which?\n---\n" +
		"# Opening\n" + // 6
		"Hi %FIRSTNAME%, which?\n" + // 7
		"\n" + // 8
		"- [Creative production](#creative-production)\n" + // 9
		"- [What's next?](#whats-next)\n" + // 10
		"\n" + // 11
		"# Creative production\n" + // 12
		"We ship 5x more ads.\n" + // 13
		"\n" + // 14
		"- [Book a demo](leadform:demo)\n" + // 15
		"\n" + // 16
		"What's next?\n" + // 17
		"============\n" + // 18
		"Setext body\n" + // 19
		"over two lines.\n" // 20
	tp := Parse("ad.md", []byte(in))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	var got []string
	for _, m := range tp.Messages {
		got = append(got, fmt.Sprintf("%d %s %q@%s heading=%s body=%q buttons=%d span=%s", m.index, m.Slug, m.Title.Text.S, spanString(m.Title.Span()),
			spanString(m.Heading), m.Body.Text.S, len(m.Buttons), spanString(m.Span)))
	}
	want := []string{
		`0 opening "Opening"@6:3-6:10 heading=6:1-6:10 body="Hi %FIRSTNAME%, which?" buttons=2 span=6:1-10:30`,
		`1 creative-production "Creative production"@12:3-12:22 heading=12:1-12:22 body="We ship 5x more ads." buttons=1 span=12:1-15:31`,
		`2 whats-next "What's next?"@17:1-17:13 heading=17:1-18:13 body="Setext body over two lines." buttons=0 span=17:1-20:16`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(tp.Messages) == 3 {
		checkSpans(t, tp.Source, tp.Messages[2].Body.Text, []spanCheck{{"over", "over", 20, 1}})
		checkSpans(t, tp.Source, tp.Messages[0].Body.Text, []spanCheck{{"%FIRSTNAME%", "%FIRSTNAME%", 7, 4}})
	}
}

func TestParseConversationProblems(t *testing.T) {
	const head = "---\nformat: conversation\nsender: Dana\nsubject: Which?\n---\n"
	tests := []struct {
		name     string
		body     string
		slugs    []string
		problems []string
	}{
		{
			name:     "duplicate slug",
			body:     "# Opening\nHi.\n\n# Next\nA.\n\n# Opening!\nB.\n",
			slugs:    []string{"opening", "next", "opening"},
			problems: []string{"12:1-12:11 two messages have the id #opening (also message 1): rename one heading"},
		},
		{
			name:     "punctuation-only heading",
			body:     "# Opening\nHi.\n\n# ???\nA.\n",
			slugs:    []string{"opening", ""},
			problems: []string{"9:1-9:6 heading has no letters or digits, so buttons cannot link to it: give the message a name"},
		},
		{
			name:     "text before the first heading",
			body:     "Intro line\nmore intro\n\n# Opening\nHi.\n",
			slugs:    []string{"opening"},
			problems: []string{"6:1-7:11 text before the first message: start the opening message with a # heading"},
		},
		{
			name:  "level-2 headings stay in their message",
			body:  "# Opening\nHi.\n\n## Detail\nMore.\n",
			slugs: []string{"opening"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(head+tt.body))
			if got := problemStrings(tp.Problems); strings.Join(got, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.problems, "\n"))
			}
			var slugs []string
			for _, m := range tp.Messages {
				slugs = append(slugs, m.Slug)
			}
			if fmt.Sprint(slugs) != fmt.Sprint(tt.slugs) {
				t.Errorf("slugs = %q, want %q", slugs, tt.slugs)
			}
		})
	}
}

// A conversation without any heading is one mistake and should be one
// problem.
func TestParseConversationNoHeadings(t *testing.T) {
	tp := Parse("ad.md", []byte("---\nformat: conversation\nsender: Dana\nsubject: Which?\n---\nJust text.\n"))
	want := "6:1-6:11 conversation has no messages: start each message with a # heading"
	if got := problemStrings(tp.Problems); strings.Join(got, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if len(tp.Messages) != 0 {
		t.Errorf("%d messages, want 0", len(tp.Messages))
	}
}

func TestClassifyTarget(t *testing.T) {
	tests := []struct {
		in   string
		kind targetKind
		rest string
	}{
		{"#next", TargetMessage, "next"},
		{"#", TargetInvalid, "#"},
		{"https://x.example/a", TargetURL, "https://x.example/a"},
		{"HTTP://X.EXAMPLE", TargetURL, "HTTP://X.EXAMPLE"},
		{"leadform:demo", TargetLeadForm, "demo"},
		{"leadform:", TargetInvalid, "leadform:"},
		{" mailto:a@b.c ", TargetInvalid, "mailto:a@b.c"},
	}
	for _, tt := range tests {
		if k, r := ClassifyTarget(tt.in); k != tt.kind || r != tt.rest {
			t.Errorf("ClassifyTarget(%q) = %v, %q, want %v, %q", tt.in, k, r, tt.kind, tt.rest)
		}
	}
}

// A Markdown link whose text wraps onto the next line is still a link:
// goldmark parses it as one, and the member sees only its text.
func TestParseBodyWrappedLink(t *testing.T) {
	tp := Parse("ad.md", []byte(msgHead+"Join us, [register\nhere](https://x.example/r).\n"))
	m := tp.Messages[0]
	if want := "Join us, register here."; m.Body.Text.S != want {
		t.Errorf("body = %q, want %q", m.Body.Text.S, want)
	}
	if len(m.Links) != 1 || m.Links[0].Bare || m.Links[0].Text.Text.S != "register\nhere" && m.Links[0].Text.Text.S != "register here" {
		t.Errorf("links = %+v, want one Markdown link", m.Links)
	}
}

// yaml.v3 numbers the lines of parser errors from 0 (scanner errors from
// 1), so a parser error must be moved down a line to point at the YAML
// that is wrong.
func TestParseInvalidYAMLLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		line int
	}{
		// a scanner error: yaml.v3's line is right
		{"unclosed quote", "---\nformat: message\nsender: Dana\nsubject: \"Hi\n---\nBody.\n", 4},
		// parser errors
		{"unclosed flow sequence", "---\nformat: message\nsender: Dana\nsubject: [a, b\nfooter: x\n---\nBody.\n", 4},
		{"list item among keys", "---\nformat: message\nsender: Dana\n- x\n---\nBody.\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp := Parse("ad.md", []byte(tt.in))
			if len(tp.Problems) != 1 || tp.Problems[0].Span.Start.Line != tt.line {
				t.Errorf("problems = %q, want one on line %d", problemStrings(tp.Problems), tt.line)
			}
		})
	}
}

// A template may declare at most maxVariants variants: the rest are not
// rendered, and the first one over the cap is reported where it starts.
func TestParseVariantCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nformat: message\nsender: Dana\nsubject: Hi\nvariants:\n")
	for i := 0; i <= maxVariants; i++ {
		fmt.Fprintf(&b, "  - name: v%d\n", i)
	}
	b.WriteString("---\nBody?\n\n- [Book a demo](leadform:demo)\n")
	tp := Parse("ad.md", []byte(b.String()))
	if len(tp.Variants) != maxVariants {
		t.Errorf("%d variants kept, want %d", len(tp.Variants), maxVariants)
	}
	want := fmt.Sprintf("more than %d variants", maxVariants)
	if len(tp.Problems) != 1 || !strings.Contains(tp.Problems[0].Msg, want) || tp.Problems[0].Span.Start.Line != 6+maxVariants {
		t.Errorf("problems = %q, want one on line %d saying %q", problemStrings(tp.Problems), 6+maxVariants, want)
	}
}
