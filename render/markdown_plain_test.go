package render

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/corpus"
)

// plainCases are bodies plainBody reads (ok) and ones it leaves to
// goldmark: every kind of line that could open another block, and the
// list's edges.
var plainCases = []struct {
	body string
	ok   bool
}{
	{"", true},
	{"\n\n", true},
	{"Hi %FIRSTNAME%,\n\nOne line.\nA wrapped one.  \nAfter a hard break\\\nand another.\n\nKind regards,\nDana\n\n- [Download e-book](https://x.example/a?b=1&c=d_e)\n- [Talk to us](leadform:DEMO)  \n\n\n", true},
	{"Only a paragraph\nthat wraps", true},
	{"- [Save my seat](leadform:NAME)", true},
	{"3 reasons to talk\n2024 was a year", true},
	{"Copy {{ .name }} and \u00a0no-break space\n\u00e9t\u00e9 \U0001F389\n!not an image", true},
	{"- [Register now!](#next)\n- [Jetzt anmelden](https://x.example)", true},
	{"Trailing spaces   \n\t \nnext", true},
	{"# Heading", false},
	{"Para\n===", false},
	{"Para\n---", false},
	{"---", false},
	{"* item", false},
	{"+ item", false},
	{"1. item", false},
	{"2) item", false},
	{"> quote", false},
	{"```\ncode\n```", false},
	{"~~~\ncode", false},
	{"    indented", false},
	{"\tindented", false},
	{" one space", false},
	{"<div>", false},
	{"[ref]: https://x.example", false},
	{"Para\n- [a](b)", false},
	{"- [a](b)\n\n- [c](d)", false},
	{"- [a](b)\nlazy", false},
	{"- [a](b)\n\nafter", false},
	{"-  [a](b)", false},
	{"- [a](b) more", false},
	{"- [a](b) {{/* note */}}", false},
	{"- [a](b \"title\")", false},
	{"- [a]( b)", false},
	{"- [](b)", false},
	{"- [ ](b)", false},
	{"- [a]()", false},
	{"- [**a**](b)", false},
	{"- [a_b](c)", false},
	{"- [a](<b>)", false},
	{"- [a](b(c))", false},
	{"- [a](caf\u00e9)", false},
	{"- [a\\]](b)", false},
	{"- text", false},
	{"\fform feed", false},
}

// plainBody reads every body it takes exactly as goldmark does.
func TestPlainBody(t *testing.T) {
	for _, c := range plainCases {
		got, ok := plainBody(c.body)
		if ok != c.ok {
			t.Errorf("plainBody(%q) ok = %v, want %v", c.body, ok, c.ok)
			continue
		}
		if ok {
			checkPlainBody(t, c.body, got)
		}
	}
}

func checkPlainBody(t *testing.T, body string, got mdDoc) {
	t.Helper()
	if want := goldmarkBody(body); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Fatalf("plainBody(%q) =\n%+v\ngoldmark reads\n%+v", body, got, want)
	}
}

// plainFiles are templates to parse both ways: the examples, the rule
// fixtures and generated Message Ads.
func plainFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	for _, pattern := range []string{"../testdata/examples/*.md", "../testdata/rules/*/*.md"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[name] = data
		}
	}
	for _, f := range corpus.MessageAds(7, 300) {
		files[f.Name] = f.Data
	}
	return files
}

// A template parses the same with plainBody as with goldmark alone, and
// most Message Ads take plainBody.
func TestPlainBodiesParse(t *testing.T) {
	plain, message := 0, 0
	for name, data := range plainFiles(t) {
		src := NewSource(name, data)
		got := ParseSource(src)
		plainBodies = false
		want := ParseSource(src)
		plainBodies = true
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s parses differently with plainBody:\n%s\nwith goldmark:\n%s", name, fzSummary(got), fzSummary(want))
		}
		if got.Format == FormatMessage {
			message++
			if _, fmStart, bodyStart, _ := splitFrontMatter(src.Text); fmStart > 0 && bodyStart >= 0 {
				if _, ok := plainBody(src.Text[bodyStart:]); ok {
					plain++
				}
			}
		}
	}
	if plain*2 < message {
		t.Errorf("plainBody read %d of %d Message Ads; want most", plain, message)
	}
}

func FuzzPlainBody(f *testing.F) {
	for _, c := range plainCases {
		f.Add(c.body)
	}
	f.Add("Hey %FIRSTNAME%,\n\nAs a %JOBTITLE%, you can use it.\nChapter three.\n\nKind regards,\nTom\n\n- [Download e-book](https://www.northwind.example/download/3800?utm_source=linkedin)\n")
	f.Fuzz(func(t *testing.T, body string) {
		if strings.IndexByte(body, '\r') >= 0 || strings.IndexByte(body, 0) >= 0 {
			return // a Source's text has neither
		}
		if d, ok := plainBody(body); ok {
			checkPlainBody(t, body, d)
		}
	})
}

// plainPieces are lines that plainBody takes and lines near them that it
// must leave to goldmark, for bodies made at random.
var plainPieces = []string{
	"", "", "  ", "\t", "Hi %FIRSTNAME%,", "Plain copy goes here.", "ends with two spaces  ", "ends with a backslash\\",
	"3 reasons", "10.5 percent", "2024. was", "7) then", "Kind regards,", "{{ .name }}", "\u00e9t\u00e9", "a*b*c _d_",
	"- [Download](https://x.example/a?b=1)", "- [Jetzt anmelden!](#next)  ", "- [a](b) c", "- [a](b", "-", "- ",
	"# Title", "## Sub", "===", "---", "***", "> quote", "```", "    code", "<b>", "[x]: /y", "[link](z) text",
	"* star", "+ plus", "1. one",
}

// Bodies made of those lines at random: whatever plainBody takes, it
// reads as goldmark does, and the template parses the same.
func TestPlainBodyRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for n := 0; n < 20000; n++ {
		lines := make([]string, 1+r.IntN(8))
		for k := range lines {
			lines[k] = plainPieces[r.IntN(len(plainPieces))]
		}
		body := strings.Join(lines, "\n")
		if r.IntN(2) == 0 {
			body += "\n"
		}
		d, ok := plainBody(body)
		if !ok {
			continue
		}
		taken++
		checkPlainBody(t, body, d)
		src := NewSource("f.md", []byte("---\nformat: message\nsubject: Hi\n---\n"+body))
		got := ParseSource(src)
		plainBodies = false
		want := ParseSource(src)
		plainBodies = true
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q parses differently with plainBody:\n%s\nwith goldmark:\n%s", body, fzSummary(got), fzSummary(want))
		}
	}
	if taken < 1000 {
		t.Errorf("plainBody took %d of the random bodies; the test needs more", taken)
	}
}
