package lint_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// hostileVariants is a Message Ad whose body renders about 24 KiB
// differently in each of n variants: legal, and far past the rule budget
// at 100 variants.
func hostileVariants(n int) string {
	var b strings.Builder
	b.WriteString("---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\nvariants:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - name: v%d\n    city: \"City %d\"\n", i, i)
	}
	b.WriteString("---\n{{ repeat 800 \"Hi %FIRSTNAME% at %COMPANYNAME%, \" }}{{ .city }}?\n\n- [Save my seat](leadform:seat)\n")
	return b.String()
}

func lintFiles(t *testing.T, jobs int, files map[string]string) *lint.Result {
	t.Helper()
	dir := writeTree(t, files)
	res, err := lint.Run(lint.Options{Rules: rules.All(), Jobs: jobs, Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	return res
}

// TestRuleBudget: a file over the rule budget gets one syntax finding at
// its front matter that says what the work comes from, and no rule's
// findings; the file beside it is checked in full.
func TestRuleBudget(t *testing.T) {
	res := lintFiles(t, 0, map[string]string{
		"hostile.md": hostileVariants(100),
		"fine.md":    "---\nformat: message\nsender: Dana Reyes\nsubject: Hello\n---\nTODO: write this.\n\n- [Learn more](https://example.com)\n",
	})
	var hostile, fine []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if filepath.Base(d.File) == "hostile.md" {
			hostile = append(hostile, d)
		} else {
			fine = append(fine, d)
		}
	}
	want := "this file needs 10566744 units of rule work (100 variants, 2640845 bytes of distinct rendered copy, up to 12 member classes per text); the limit is 10000000, so no other rule checked it: use fewer variants or shorter copy"
	if len(hostile) != 1 || hostile[0].Rule != "syntax" || hostile[0].Severity != lint.SeverityError || hostile[0].Message != want ||
		hostile[0].Span.Start.Line != 1 || hostile[0].Span.Start.Col != 1 || hostile[0].Span.End.Col != 4 {
		t.Errorf("over the budget, got %d findings: %+v\nwant one syntax finding at 1:1-1:4: %s", len(hostile), hostile, want)
	}
	if len(fine) < 3 {
		t.Errorf("the file beside it got %d findings, want the placeholder, closing-question, cta-specificity and more: %+v", len(fine), fine)
	}
	// 90 variants are a little under the budget: checked in full
	res = lintFiles(t, 0, map[string]string{"ok.md": hostileVariants(90)})
	for _, d := range res.Diagnostics {
		if d.Rule == "syntax" {
			t.Errorf("90 variants: %s", d.Message)
		}
	}
	if len(res.Diagnostics) == 0 {
		t.Error("90 variants: no findings, yet the body is over LinkedIn's limit")
	}
}

// TestRuleBudgetFindings: the findings the rules report count too, and a
// file whose copy asks for too many stops the rules with the budget's
// finding alone.
func TestRuleBudgetFindings(t *testing.T) {
	body := strings.Repeat("XXX ", 100_000)
	res := lintFiles(t, 0, map[string]string{"drafts.md": "---\nformat: message\nsender: Dana Reyes\nsubject: Hello?\n---\n" + body + "\n\n- [Book a demo](leadform:demo)\n"})
	if len(res.Diagnostics) != 1 {
		t.Fatalf("%d findings, want the budget's alone", len(res.Diagnostics))
	}
	d := res.Diagnostics[0]
	want := "this file needs more than 10000000 units of rule work (1 variant, 400039 bytes of distinct rendered copy, 83997 findings before the rules stopped); the limit is 10000000, so no other rule checked it: fix what most of the findings are about, or split the file"
	if d.Rule != "syntax" || d.Message != want || d.Span.Start.Line != 1 {
		t.Errorf("got %s at %d:%d: %s\nwant syntax at 1:1: %s", d.Rule, d.Span.Start.Line, d.Span.Start.Col, d.Message, want)
	}
	// a few thousand are fine
	res = lintFiles(t, 0, map[string]string{"drafts.md": "---\nformat: message\nsender: Dana Reyes\nsubject: Hello?\n---\n" + strings.Repeat("XXX ", 5000) + "\n\n- [Book a demo](leadform:demo)\n"})
	if n := len(res.Diagnostics); n < 5000 {
		t.Errorf("5,000 draft markers gave %d findings", n)
	}
}

// TestRuleBudgetDeterministic: the verdict and the findings do not depend
// on how many files are linted at once.
func TestRuleBudgetDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 2; i++ {
		files[fmt.Sprintf("h%d.md", i)] = hostileVariants(99 + i)
		files[fmt.Sprintf("d%d.md", i)] = "---\nformat: message\nsender: Dana Reyes\nsubject: Hello?\n---\n" + strings.Repeat("XXX ", 90_000+5000*i) + "\n\n- [Book](leadform:demo)\n"
		files[fmt.Sprintf("ok%d.md", i)] = hostileVariants(10 + i)
	}
	var first []lint.Diagnostic
	for _, jobs := range []int{1, 8} {
		res := lintFiles(t, jobs, files)
		for i := range res.Diagnostics {
			res.Diagnostics[i].File = filepath.Base(res.Diagnostics[i].File)
		}
		if first == nil {
			first = res.Diagnostics
			continue
		}
		if !reflect.DeepEqual(first, res.Diagnostics) {
			t.Fatalf("with %d jobs the findings differ", jobs)
		}
	}
}

// TestMembersSharedAcrossFiles: files linted at once share one members
// list's classes, each filling in the macros it uses; every file still
// names its own worst-case member (run with -race).
func TestMembersSharedAcrossFiles(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("first_name,last_name,job_title,company_name,industry\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&csv, "F%d,%s,Title %d,Co %d,%s\n", i, strings.Repeat("L", 1+i%40), i%7, i%13, strings.Repeat("I", i%50))
	}
	files := map[string]string{"members.csv": csv.String()}
	macros := []string{"%FIRSTNAME%", "%LASTNAME%", "%JOBTITLE%", "%COMPANYNAME%", "%INDUSTRY%"}
	for i := 0; i < 20; i++ {
		m := macros[i%len(macros)]
		files[fmt.Sprintf("ad%02d.md", i)] = "---\nformat: message\nsender: Dana Reyes\nmembers: members.csv\nsubject: \"" + m + ", hello " + m + " " + m + "\"\n---\nHi " + m + ", would a walkthrough help?\n\n- [Book a demo](leadform:demo)\n"
	}
	res := lintFiles(t, 8, files)
	worst := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Rule == "subject-length" {
			worst[filepath.Base(d.File)] = d.Member
		}
	}
	want := map[string]string{"%LASTNAME%": "F39 " + strings.Repeat("L", 40), "%INDUSTRY%": "F49 " + strings.Repeat("L", 10)}
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("ad%02d.md", i)
		if w, ok := want[macros[i%len(macros)]]; ok && worst[name] != w {
			t.Errorf("%s: worst case %q, want %q", name, worst[name], w)
		}
	}
}
