package rules

import (
	"bytes"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"
)

// TestDocFiles checks the embedded cards against the rule list: every
// rule has a doc file and every doc file a rule; every file parses, with
// a complete header; and each renders, as GitHub shows it, to exactly the
// title and text the card holds, so that a writer reviewing the file reads
// what inboxlint prints.
func TestDocFiles(t *testing.T) {
	set := parseDocFS(docFS)
	for _, err := range set.errs {
		t.Error(err)
	}
	ids := map[string]bool{}
	for _, r := range All() {
		id := r.Doc().ID
		ids[id] = true
		card, ok := set.docs[id]
		if !ok {
			t.Errorf("rule %s has no doc file docs/%s.md", id, id)
			continue
		}
		var has []lint.Option
		if _, ok := r.(lint.Configurable); ok {
			has = r.Doc().Options
		}
		checkCardOptions(t, id, has, card.Options)
	}
	names, err := fs.Glob(docFS, "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(ids) {
		t.Errorf("%d doc files for %d rules", len(names), len(ids))
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, name := range names {
		data, err := fs.ReadFile(docFS, name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := parseDoc(name, string(data))
		if err != nil {
			continue // reported above
		}
		if !ids[d.ID] {
			t.Errorf("%s: no rule has the id %s", name, d.ID)
		}
		if d.Severity == 0 || d.Title == "" || d.Text == "" {
			t.Errorf("%s: incomplete card %+v", name, d)
		}
		if got := ruleDoc(d.ID); !reflect.DeepEqual(got, d) {
			t.Errorf("%s: the rule's card is %+v, the file's %+v", name, got, d)
		}
		checkRendered(t, md, name, string(data), d)
		checkFrontMatterYAML(t, name, string(data), d)
	}
}

// checkCardOptions compares the options a rule has (its options struct's,
// as its Doc lists them) with those its card documents: each option has a
// doc, each documented option is one the rule has, in the same order.
func checkCardOptions(t *testing.T, id string, has, documented []lint.Option) {
	t.Helper()
	var names, docNames []string
	for _, o := range has {
		names = append(names, o.Name)
		if o.Doc == "" {
			t.Errorf("docs/%s.md: option %s is not documented: add it to the card's Options", id, o.Name)
		}
	}
	for _, o := range documented {
		docNames = append(docNames, o.Name)
		if !slices.Contains(names, o.Name) {
			t.Errorf("docs/%s.md documents option %s, which the rule does not have", id, o.Name)
		}
	}
	if !slices.Equal(names, docNames) {
		t.Errorf("docs/%s.md documents options %q, the rule has %q: list them in the order of its options struct", id, docNames, names)
	}
}

// checkRendered renders a doc file's Markdown and wants a heading of the
// card's title and one paragraph of its text, then, for a card with
// options, an Options heading and one list item per option, its name as
// code and its doc, line breaks where the file breaks the lines: no
// emphasis, code, HTML or link changed what shows.
func checkRendered(t *testing.T, md goldmark.Markdown, name, src string, d lint.Doc) {
	t.Helper()
	_, body, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
	var out bytes.Buffer
	if err := md.Convert([]byte(body), &out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	body, options, _ := strings.Cut(body, "\n\n"+optionsHeading+"\n\n")
	_, para, _ := strings.Cut(strings.TrimSpace(body), "\n\n")
	lines := unescapedLines(para)
	if joined := strings.Join(lines, " "); joined != d.Text {
		t.Errorf("%s: the lines do not join to the text:\n%s\n%s", name, joined, d.Text)
	}
	want := "<h1>" + html(d.Title) + "</h1>\n<p>" + html(strings.Join(lines, "\n")) + "</p>\n"
	if len(d.Options) > 0 {
		want += "<h2>Options</h2>\n<ul>\n"
		items := strings.Split("\n"+strings.TrimSuffix(options, "\n"), "\n- ")[1:]
		if len(items) != len(d.Options) {
			t.Errorf("%s: %d list items for %d options", name, len(items), len(d.Options))
			return
		}
		for i, o := range d.Options {
			lines := unescapedLines(strings.TrimPrefix(items[i], "`"+o.Name+"`: "))
			if joined := strings.Join(lines, " "); joined != o.Doc {
				t.Errorf("%s: the lines of option %s do not join to its doc:\n%s\n%s", name, o.Name, joined, o.Doc)
			}
			want += "<li><code>" + html(o.Name) + "</code>: " + html(strings.Join(lines, "\n")) + "</li>\n"
		}
		want += "</ul>\n"
	}
	if out.String() != want {
		t.Errorf("%s renders as\n%s\nwant\n%s(escape Markdown's markup characters with a backslash)", name, out.String(), want)
	}
}

// unescapedLines is a paragraph's lines, indentation trimmed, as the card
// reads them.
func unescapedLines(para string) []string {
	var lines []string
	for _, l := range strings.Split(para, "\n") {
		u, _ := unescapeDoc(strings.TrimPrefix(l, "  "))
		lines = append(lines, u)
	}
	return lines
}

// html is s escaped as goldmark writes text.
func html(s string) string { return string(util.EscapeHTML([]byte(s))) }

// checkFrontMatterYAML reads a doc file's front matter as YAML, as other
// tools (markdownlint, editors) do, and wants the values parseDoc read.
func checkFrontMatterYAML(t *testing.T, name, src string, d lint.Doc) {
	t.Helper()
	fm, _, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
	var got struct {
		Severity string `yaml:"severity"`
		Default  bool   `yaml:"default"`
	}
	if err := yaml.Unmarshal([]byte(fm), &got); err != nil {
		t.Errorf("%s: the front matter is not YAML: %v", name, err)
		return
	}
	if got.Severity != d.Severity.String() || got.Default != d.Default {
		t.Errorf("%s: YAML reads the front matter as %+v, parseDoc as severity %s, default %v", name, got, d.Severity, d.Default)
	}
}

// A doc file that parseDoc refuses names the file and the line, and keeps
// what it read before the mistake.
func TestParseDoc(t *testing.T) {
	const good = "---\nseverity: warning\ndefault: false\n---\n\n# a title\n\nSome text that\nruns on \\*here\\*.\n"
	d, err := parseDoc("docs/some-rule.md", good)
	want := lint.Doc{ID: "some-rule", Severity: lint.SeverityWarning, Title: "a title", Text: "Some text that runs on *here*."}
	if err != nil || !reflect.DeepEqual(d, want) {
		t.Fatalf("parseDoc = %+v, %v; want %+v", d, err, want)
	}
	const withOptions = good + "\n## Options\n\n- `max`: most allowed\n- `words`: words to report, in any case; \\[] turns\n  the check off\n"
	d, err = parseDoc("docs/some-rule.md", withOptions)
	want.Options = []lint.Option{{Name: "max", Doc: "most allowed"}, {Name: "words", Doc: "words to report, in any case; [] turns the check off"}}
	if err != nil || !reflect.DeepEqual(d, want) {
		t.Fatalf("parseDoc = %+v, %v; want %+v", d, err, want)
	}
	tests := []struct {
		name, src, err string
		severity       lint.Severity
	}{
		{"two blank lines before the options", good + "\n\n## Options\n\n- `max`: most\n", "x.md:12: one blank line, then ## Options, must follow the text", lint.SeverityWarning},
		{"another section", good + "\n## Examples\n\n- `max`: most\n", `x.md:11: the only section after the text is ## Options, not "## Examples"`, lint.SeverityWarning},
		{"a level-1 options heading", good + "\n# Options\n\n- `max`: most\n", `x.md:11: the only section after the text is ## Options, not "# Options"`, lint.SeverityWarning},
		{"no blank line after the options heading", good + "\n## Options\n- `max`: most\n", "x.md:12: a blank line, then the options as a list, must follow ## Options", lint.SeverityWarning},
		{"an options heading alone", good + "\n## Options\n", "x.md:12: a blank line, then the options as a list, must follow ## Options", lint.SeverityWarning},
		{"no options after the heading", good + "\n## Options\n\n", "x.md:13: the options must follow ## Options, one list item each", lint.SeverityWarning},
		{"an option without backticks", good + "\n## Options\n\n- max: most\n", `x.md:13: an option is a list item, - ` + "`name`" + `: what it does, not "- max: most"`, lint.SeverityWarning},
		{"an option in another list style", good + "\n## Options\n\n* `max`: most\n", `x.md:13: an option is a list item, - ` + "`name`" + `: what it does, not "* ` + "`max`" + `: most"`, lint.SeverityWarning},
		{"an option without a doc", good + "\n## Options\n\n- `max`:  \n", "x.md:13: the line ends in white space", 0},
		{"an option with an empty doc", good + "\n## Options\n\n- `max`: \\\n", `x.md:13: a backslash escapes ASCII punctuation only (\* \_ \<); write \\ for a backslash`, lint.SeverityWarning},
		{"an option with no text after the colon", good + "\n## Options\n\n- `max`:\n", `x.md:13: an option is a list item, - ` + "`name`" + `: what it does, not "- ` + "`max`" + `:"`, lint.SeverityWarning},
		{"an option twice", good + "\n## Options\n\n- `max`: most\n- `words`: words\n- `max`: again\n", "x.md:15: option max is documented twice", lint.SeverityWarning},
		{"a doc indented too far", good + "\n## Options\n\n- `max`: most\n    allowed\n", "x.md:14: an option's doc goes on in lines indented by two spaces", lint.SeverityWarning},
		{"a doc not indented", good + "\n## Options\n\n- `max`: most\nallowed\n", `x.md:14: an option is a list item, - ` + "`name`" + `: what it does, not "allowed"`, lint.SeverityWarning},
		{"a blank line between options", good + "\n## Options\n\n- `max`: most\n\n- `words`: words\n", "x.md:14: the options are one list, the end of the file: no blank line in or after it", lint.SeverityWarning},
		{"a blank line after the options", good + "\n## Options\n\n- `max`: most\n\n", "x.md:14: the options are one list, the end of the file: no blank line in or after it", lint.SeverityWarning},
		{"a stray backslash in a doc's second line", good + "\n## Options\n\n- `max`: most\n  C:\\temp\n", `x.md:13: a backslash escapes ASCII punctuation only (\* \_ \<); write \\ for a backslash`, lint.SeverityWarning},
		{"empty", "", "x.md:1: the file must end with a line break", 0},
		{"no final line break", strings.TrimSuffix(good, "\n"), "x.md:9: the file must end with a line break", 0},
		{"no front matter", "# a title\n\ntext\n", "x.md:1: the file must start with front matter: a line ---, then severity and default", 0},
		{"unclosed front matter", "---\nseverity: info\n", "x.md:3: the front matter has no closing ---", lint.SeverityInfo},
		{"not key: value", "---\nseverity=info\n---\n", `x.md:2: front matter lines are key: value, not "severity=info"`, 0},
		{"unknown severity", "---\nseverity: fatal\n---\n", "x.md:2: unknown severity \"fatal\": use error, warning or info", 0},
		{"unknown key", "---\nseverity: info\ntitle: x\n---\n", `x.md:3: unknown key "title": the front matter holds severity and default`, lint.SeverityInfo},
		{"a key twice", "---\nseverity: info\nseverity: error\n---\n", "x.md:3: severity is set twice", lint.SeverityInfo},
		{"default not a bool", "---\nseverity: info\ndefault: yes\n---\n", `x.md:3: default is "yes": use true or false`, lint.SeverityInfo},
		{"no default", "---\nseverity: info\n---\n\n# t\n\ntext\n", "x.md:3: the front matter has no default", lint.SeverityInfo},
		{"no severity", "---\ndefault: true\n---\n\n# t\n\ntext\n", "x.md:3: the front matter has no severity", 0},
		{"no blank line after the front matter", "---\nseverity: info\ndefault: true\n---\n# t\n\ntext\n", "x.md:5: a blank line, then the title as a # heading, must follow the front matter", lint.SeverityInfo},
		{"no title", "---\nseverity: info\ndefault: true\n---\n\ntext\n", "x.md:6: the title must be a level-1 heading: # title", lint.SeverityInfo},
		{"a level-2 title", "---\nseverity: info\ndefault: true\n---\n\n## t\n\ntext\n", "x.md:6: the title must be a level-1 heading: # title", lint.SeverityInfo},
		{"text right after the title", "---\nseverity: info\ndefault: true\n---\n\n# t\ntext\n", "x.md:7: a blank line, then the text, must follow the title", lint.SeverityInfo},
		{"no text", "---\nseverity: info\ndefault: true\n---\n\n# t\n", "x.md:7: the text must follow the title after one blank line", lint.SeverityInfo},
		{"two blank lines before the text", "---\nseverity: info\ndefault: true\n---\n\n# t\n\n\ntext\n", "x.md:8: the text must follow the title after one blank line", lint.SeverityInfo},
		{"two paragraphs", "---\nseverity: info\ndefault: true\n---\n\n# t\n\none\n\ntwo\n", "x.md:10: the text must be one paragraph: the card has no room for a second", lint.SeverityInfo},
		{"blank lines at the end", "---\nseverity: info\ndefault: true\n---\n\n# t\n\none\n\n", "x.md:9: the file must end with the text, not with blank lines", lint.SeverityInfo},
		{"trailing white space", "---\nseverity: info\ndefault: true\n---\n\n# t\n\none \ntwo\n", "x.md:8: the line ends in white space", 0},
		{"a carriage return", "---\r\nseverity: info\r\n", "x.md:1: the line ends in white space", 0},
		{"a stray backslash", "---\nseverity: info\ndefault: true\n---\n\n# t\n\nC:\\temp\n", `x.md:8: a backslash escapes ASCII punctuation only (\* \_ \<); write \\ for a backslash`, lint.SeverityInfo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseDoc("docs/x.md", tt.src)
			if err == nil || err.Error() != "docs/"+tt.err {
				t.Errorf("error = %v, want docs/%s", err, tt.err)
			}
			if d.ID != "x" || d.Severity != tt.severity {
				t.Errorf("card = %+v, want id x and severity %v: what was read before the error", d, tt.severity)
			}
		})
	}
}

// A broken file in the embedded set is reported with the others', and the
// rest of the set still parses: TestDocFiles fails on it, and at run time
// its rule has a card lint.Validate refuses, not a panic.
func TestParseDocFSBrokenFile(t *testing.T) {
	fsys := fstest.MapFS{
		"docs/good.md":   {Data: []byte("---\nseverity: error\ndefault: true\n---\n\n# fine\n\nA text long enough to say why the rule exists at all.\n")},
		"docs/broken.md": {Data: []byte("---\nseverity: loud\n---\n")},
		"docs/notes.txt": {Data: []byte("not a card")},
	}
	set := parseDocFS(fsys)
	var errs []string
	for _, e := range set.errs {
		errs = append(errs, e.Error())
	}
	if want := []string{`docs/broken.md:2: unknown severity "loud": use error, warning or info`}; !slices.Equal(errs, want) {
		t.Errorf("errors = %q, want %q", errs, want)
	}
	if d := set.docs["good"]; d.Title != "fine" || d.Severity != lint.SeverityError || !d.Default {
		t.Errorf("good = %+v", d)
	}
	if d, ok := set.docs["broken"]; !ok || d.Severity != 0 {
		t.Errorf("broken = %+v, %v: want the card as far as it was read", d, ok)
	}
	if len(set.docs) != 2 {
		t.Errorf("docs = %v, want good and broken only", set.docs)
	}
	err := lint.Validate([]lint.Rule{&rule{doc: set.docs["broken"], check: func(*lint.Pass) {}}})
	if err == nil || !strings.Contains(err.Error(), `rule "broken" has no default severity`) {
		t.Errorf("Validate = %v, want the broken card refused", err)
	}
}

// A rule without a doc file gets a card with only its id, which
// lint.Validate refuses at start-up.
func TestRuleDocMissing(t *testing.T) {
	d := ruleDoc("no-such-rule")
	if !reflect.DeepEqual(d, lint.Doc{ID: "no-such-rule"}) {
		t.Errorf("ruleDoc = %+v", d)
	}
	if err := lint.Validate([]lint.Rule{newRule("no-such-rule", func(*lint.Pass) {})}); err == nil {
		t.Error("Validate accepted a rule without a card")
	}
}

// BenchmarkAll is what building the rule list costs a process after the
// first time (the doc files parsed already), such as each LSP analysis.
func BenchmarkAll(b *testing.B) {
	All()
	b.ReportAllocs()
	for b.Loop() {
		All()
	}
}

// BenchmarkParseDocFiles is the start-up cost of the cards: parsing every
// embedded doc file, which the first All does once per process.
func BenchmarkParseDocFiles(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if set := parseDocFS(docFS); len(set.errs) > 0 {
			b.Fatal(set.errs)
		}
	}
}
