package render

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// shareCases are files whose fields read the file's vars, the variants'
// values or the whole data, under budgets that run out part way.
func shareCases() []string {
	var cases []string
	head := "---\nformat: message\nsender: Dana\nvars:\n  company: Globex\n  list: [a, b]\n  long: \"" + strings.Repeat("x", 100) + "\"\n"
	variants := func(n int, value func(i int) string) string {
		var b strings.Builder
		b.WriteString("variants:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - name: v%d\n%s", i, value(i))
		}
		return b.String()
	}
	for _, body := range []string{
		"Hi {{ .company }}, {{ range until 600 }}{{ end }}there?",
		"Hi {{ range .list }}{{ . }}{{ end }} and {{ .n }}?",
		"{{ with .list }}{{ len . }}{{ end }} {{ index . \"company\" }} {{ $.company }}?",
		"{{ .long }} {{ .company | upper }} {{ regexReplaceAll \"o\" .company \"0\" }}?",
		"{{ .n }} {{ .missing }}?",
		"{{ repeat 400 .company }}?",
	} {
		for _, vs := range []string{
			variants(20, func(int) string { return "" }),
			variants(20, func(i int) string { return fmt.Sprintf("    n: %d\n", i%3) }),
			variants(12, func(i int) string {
				return fmt.Sprintf("    company: %q\n    list: [%d]\n", []string{"A", "B"}[i%2], i%2)
			}),
			variants(12, func(i int) string {
				return fmt.Sprintf("    n: %v\n", []string{"1", "1.0", "true", "\"1\"", "null"}[i%5])
			}),
		} {
			cases = append(cases, head+"subject: \"{{ .company }} {{ range until 200 }}{{ end }}seats\"\n"+vs+"---\n"+body+"\n\n- [{{ .company }} now](leadform:x)\n")
		}
	}
	return cases
}

// Sharing a field's output among variants that give it the same values
// renders exactly what running it for every variant does: the same Text,
// the same problems, and the file budget running out at the same field
// with the same finding, whether it runs out or not.
func TestRenderSharesLikeRunningEveryVariant(t *testing.T) {
	limits := []sandbox.Limits{
		sandbox.DefaultLimits,
		{File: sandbox.FileLimits{Iterations: 3000}},
		{File: sandbox.FileLimits{Output: 2000}},
		{File: sandbox.FileLimits{Calls: 40}},
		{File: sandbox.FileLimits{Actions: 300}},
		{File: sandbox.FileLimits{RegexWork: 3000}},
		{File: sandbox.FileLimits{RegexWork: 10000}},
	}
	ran := 0
	for i, src := range shareCases() {
		tp := Parse("ad.md", []byte(src))
		if len(tp.Problems) > 0 {
			t.Fatalf("case %d does not parse: %v\n%s", i, tp.Problems, src)
		}
		for j, l := range limits {
			shareOutputs = true
			shared, sharedProblems := tp.Render(l)
			shareOutputs = false
			every, everyProblems := tp.Render(l)
			shareOutputs = true
			if !reflect.DeepEqual(shared, every) || !reflect.DeepEqual(sharedProblems, everyProblems) {
				t.Errorf("case %d, limits %d: sharing renders differently\n%s", i, j, src)
				for k := range shared {
					t.Logf("variant %d: shared %q %v\n           every %q %v", k, shared[k].Messages[0].Body.S, shared[k].Problems, every[k].Messages[0].Body.S, every[k].Problems)
				}
			}
			for _, v := range every {
				if len(v.Problems) > 0 {
					ran++
				}
			}
		}
	}
	if ran == 0 {
		t.Error("no case ran out of a budget: the comparison never saw one")
	}
}

// Reads names what a field may read; the whole data when it passes . or $
// on outside a field access.
func TestFieldReads(t *testing.T) {
	for _, c := range []struct {
		text string
		keys []string
		all  bool
	}{
		{"Hi", nil, false},
		{"{{ .a }} {{ .b.c }} {{ $.d }} {{ $.e.f }}", []string{"a", "b", "d", "e"}, false},
		{"{{ range .list }}{{ .x }}{{ end }}", []string{"list", "x"}, false},
		{"{{ $v := .a }}{{ $v.y }}", []string{"a"}, false},
		{"{{ with .a }}{{ . }}{{ end }}", []string{"a"}, true},
		{"{{ index . \"a\" }}", nil, true},
		{"{{ $ }}", nil, true},
		{"{{ (.a).b }}", []string{"a"}, false},
		{"{{ if .a }}{{ .b }}{{ else if .c }}{{ .d }}{{ else }}{{ .e }}{{ end }}", []string{"a", "b", "c", "d", "e"}, false},
		{"{{ printf \"%s\" .a | upper }}", []string{"a"}, false},
	} {
		ft, err := sandbox.Parse(c.text)
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		if keys, all := ft.Reads(); !reflect.DeepEqual(keys, c.keys) || all != c.all {
			t.Errorf("Reads(%q) = %v, %v; want %v, %v", c.text, keys, all, c.keys, c.all)
		}
	}
}

// A variant that differs from another only in a value no field reads gets
// the very same Text: the field ran once.
func TestRenderSharesUnreadValues(t *testing.T) {
	src := "---\nformat: message\nsender: Dana\nsubject: \"{{ .company }} seats\"\nvars:\n  company: Globex\nvariants:\n  - name: a\n    n: 1\n  - name: b\n    n: 2\n---\nHi {{ .company }}, {{ .n }} seats?\n"
	vs, ps := Parse("ad.md", []byte(src)).Render(sandbox.DefaultLimits)
	if len(ps) > 0 || len(vs) != 2 {
		t.Fatalf("%d variants, problems %v", len(vs), ps)
	}
	if vs[0].Subject.S != "Globex seats" || vs[0].Subject.S != vs[1].Subject.S || &vs[0].Subject.segs[0] != &vs[1].Subject.segs[0] {
		t.Errorf("the subject was rendered twice: %q, %q", vs[0].Subject.S, vs[1].Subject.S)
	}
	if vs[0].Messages[0].Body.S != "Hi Globex, 1 seats?" || vs[1].Messages[0].Body.S != "Hi Globex, 2 seats?" {
		t.Errorf("bodies %q, %q", vs[0].Messages[0].Body.S, vs[1].Messages[0].Body.S)
	}
}

// A field's output adopted as its text (buildOutput) is the text built by
// copying, map and all, whatever the actions print: nothing, a space
// beside a space the renderer leaves out, merge tags, lines.
func TestAdoptedOutputs(t *testing.T) {
	adopted := 0
	for _, body := range []string{
		"Hi {{ .p }}, there.",
		"{{ .p }}",
		"Hi {{/* note */}} there {{ .p }}",
		"Hi {{ .empty }} there",
		"Hi {{ .empty }}\n there\n\n{{ .p }}",
		"A {{first_name}} and {{ .p }} {{ company }}",
		"{{ range .list }}- {{ . }}\n{{ end }}after",
		"Grüße {{ .p }} 👩🏽‍💻 %FIRSTNAME%",
		"{{ if .p }}yes{{ else }}no{{ end }} {{ .p | upper }}",
		"x {{- .p -}} y",
	} {
		src := "---\nformat: message\nsender: Dana\nsubject: \"Hi {{ .p }}\"\nvars:\n  empty: \"\"\n  list: [a, b]\nvariants:\n  - name: a\n    p: one\n  - name: b\n    p: \"\"\n---\n" + body + "\n"
		tp := Parse("ad.md", []byte(src))
		if len(tp.Problems) > 0 {
			t.Fatalf("%q does not parse: %v", body, tp.Problems)
		}
		vs, ps := tp.Render(sandbox.DefaultLimits)
		adoptOutputs = false
		copied, copiedProblems := tp.Render(sandbox.DefaultLimits)
		adoptOutputs = true
		if !reflect.DeepEqual(vs, copied) || !reflect.DeepEqual(ps, copiedProblems) {
			for k := range vs {
				t.Errorf("%q variant %d: adopted %q %+v\n copied %q %+v", body, k, vs[k].Messages[0].Body.S, vs[k].Messages[0].Body.segs,
					copied[k].Messages[0].Body.S, copied[k].Messages[0].Body.segs)
			}
		}
		for _, v := range vs {
			if len(v.Problems) > 0 {
				t.Errorf("%q: %v", body, v.Problems)
			}
			if b := v.Messages[0].Body.S; b != "" && unsafe.StringData(b) != unsafe.StringData(tp.Messages[0].Body.Text.S) {
				adopted++
			}
		}
	}
	if adopted == 0 {
		t.Error("no output was adopted")
	}
}

// Render reuses the room of the executions' output and of the Texts'
// segments from one field to the next: a later variant's render must not
// change an earlier variant's Text. Every variant of a file renders as it
// does when it is the file's last (the variants before it spend the same
// budget either way), so nothing rendered after it changed it.
func TestRenderLaterVariantsKeepEarlierTexts(t *testing.T) {
	cases := shareCases()
	for _, body := range []string{
		"Hi {{ .p }}, there.",
		"{{ .p }}",
		"Hi {{/* note */}} there {{ .p }}",
		"Hi {{ .empty }}\n there\n\n{{ .p }}",
		"A {{first_name}} and {{ .p }} {{ company }}",
		"{{ range .list }}- {{ . }}\n{{ end }}after {{ .p }}",
		"Grüße {{ .p }} 👩🏽‍💻 %FIRSTNAME%",
		"x {{- .p -}} y {{ .p | upper }} {{ .q }}",
		"Hi,\n\n{{ .p }}\n\nMore text, %COMPANYNAME%.\n\n- [Go {{ .q }}](https://example.com/{{ .p }})",
	} {
		var b strings.Builder
		b.WriteString("---\nformat: message\nsender: \"{{ .q }} Dana\"\nsubject: \"Hi {{ .p }} {{ .q }}\"\nvariants:\n")
		for i := range 9 {
			fmt.Fprintf(&b, "  - name: v%d\n    p: \"%s\"\n    q: q%d\n    empty: \"\"\n    list: \"%s\"\n", i, strings.Repeat("pp", i*7%5), i%4, strings.Repeat("l", i))
		}
		b.WriteString("---\n" + body + "\n")
		cases = append(cases, b.String())
	}
	for i, src := range cases {
		tp := Parse("ad.md", []byte(src))
		if len(tp.Problems) > 0 {
			t.Fatalf("case %d does not parse: %v\n%s", i, tp.Problems, src)
		}
		all, _ := tp.Render(sandbox.DefaultLimits)
		specs := tp.Variants
		for k := range specs {
			tp.Variants = specs[:k+1]
			upTo, _ := tp.Render(sandbox.DefaultLimits)
			if !reflect.DeepEqual(all[k], upTo[k]) {
				t.Errorf("case %d: variant %d changed after later variants rendered:\n got %+v\nwant %+v\n%s", i, k, *all[k], *upTo[k], src)
			}
		}
		tp.Variants = specs
	}
}

// A Render's shared outputs go back to a pool for the next file's, which
// must find none of them: two files whose field sits at the same offset
// and reads the same values have the same output keys, and each renders
// its own text, mapped to its own source.
func TestRenderSharesNothingAcrossFiles(t *testing.T) {
	file := func(end string) *Template {
		src := "---\nformat: message\nsender: Dana\nsubject: \"Hi {{ .p }} " + end + "\"\nvariants:\n  - name: a\n    p: one\n  - name: b\n    p: one\n---\nHi {{ .p }}, " + end + "\n"
		return Parse("ad.md", []byte(src))
	}
	for i := range 20 {
		end := fmt.Sprintf("file %d", i)
		tp := file(end)
		vs, ps := tp.Render(sandbox.DefaultLimits)
		if len(ps) > 0 {
			t.Fatalf("%s: %v", end, ps)
		}
		for _, v := range vs {
			if got, want := v.Subject.S, "Hi one "+end; got != want || v.Subject.source() != tp.Source {
				t.Errorf("%s: subject %q (own source %v), want %q", end, got, v.Subject.source() == tp.Source, want)
			}
			if got, want := v.Messages[0].Body.S, "Hi one, "+end; got != want || v.Messages[0].Body.source() != tp.Source {
				t.Errorf("%s: body %q (own source %v), want %q", end, got, v.Messages[0].Body.source() == tp.Source, want)
			}
		}
	}
}
