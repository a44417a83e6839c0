package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var exampleFlow = filepath.Join("..", "..", "testdata", "examples", "software-demo.md")

// TestRenderDotGraphviz feeds the dot drawing of the example conversation
// to Graphviz, which must accept it: the golden files show what inboxlint
// writes, this shows that dot can read it.
func TestRenderDotGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("Graphviz's dot is not on PATH: .ci/run installs it (apt-get install graphviz)")
		}
		t.Skip("Graphviz's dot is not on PATH (apt-get install graphviz): skipping the check that it renders inboxlint's dot output")
	}
	// labels that need escaping: quotes, a backslash (dot's escape
	// character, as in \N), non-ASCII text and an emoji; a broken target;
	// and labels from template actions with a line break, a closing
	// bracket and quote, ESC and a bidi override
	tricky := filepath.Join(t.TempDir(), "tricky.md")
	src := "---\nformat: conversation\nsender: Dana\nsubject: Hi\n---\n" +
		"# \"Zürich\" \\N office 🚀\nWhich?\n\n- [Say \"grüezi\" \\ hello](#zürich-n-office-)\n- [Book «now»](leadform:x)\n- [Gone](#nowhere)\n" +
		"- [{{ \"a\\n\\\"\\x5d; m0 -> x; //\\x1b\\x5b2J\\u202e\" }}](https://example.com/{{\"\\r\\n}\"}})\n"
	if err := os.WriteFile(tricky, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{exampleFlow, filepath.Join("..", "..", "testdata", "examples", "software-demo-flawed.md"), tricky} {
		if file == tricky {
			// outside this repository, which render refuses to read:
			// render it from its own directory, its root then
			t.Chdir(filepath.Dir(tricky))
			file = filepath.Base(tricky)
		}
		var out, errOut bytes.Buffer
		if st := run([]string{"render", "--format", "dot", file}, nil, &out, &errOut); st != exitOK {
			t.Fatalf("render --format dot %s: exit %d: %s", file, st, errOut.String())
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = bytes.NewReader(out.Bytes())
		var svg, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &svg, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("dot -Tsvg rejected the graph of %s: %v\n%s\ninput:\n%s", file, err, stderr.String(), out.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("dot -Tsvg warned about the graph of %s:\n%s", file, stderr.String())
		}
		if !strings.Contains(svg.String(), "<svg") {
			t.Errorf("dot -Tsvg printed no <svg element for %s:\n%.500s", file, svg.String())
		}
	}
}

// TestRenderFlowExample checks the example conversation's tree: every
// message is printed once, shared messages are referred to, and no
// message is left unreachable.
func TestRenderFlowExample(t *testing.T) {
	var out, errOut bytes.Buffer
	if st := run([]string{"render", "--member", "1", exampleFlow}, nil, &out, &errOut); st != exitOK {
		t.Fatalf("render: exit %d: %s", st, errOut.String())
	}
	s := out.String()
	for _, slug := range []string{"opening", "forecast-accuracy", "data-entry", "stalled-deals", "stay-in-touch"} {
		if n := strings.Count(s, "  (#"+slug+")\n"); n != 1 {
			t.Errorf("message #%s printed %d times, want once:\n%s", slug, n, s)
		}
	}
	if n := strings.Count(s, "→ #stay-in-touch (see above)"); n != 3 {
		t.Errorf("the shared close is referred to %d times, want 3:\n%s", n, s)
	}
	if strings.Contains(s, "Not reachable") || strings.Contains(s, "%FIRSTNAME%") {
		t.Errorf("unexpected output:\n%s", s)
	}
}

// chainTemplate is a Conversation Ad whose n messages form one chain: each
// message's button opens the next, so the tree is n levels deep.
func chainTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, one more step?\"\n---\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "# Step %d\nOne more step, %%FIRSTNAME%%?\n\n", i)
		if i < n {
			fmt.Fprintf(&b, "- [Next](#step-%d)\n\n", i+1)
		} else {
			b.WriteString("- [Book a demo](leadform:demo)\n")
		}
	}
	return []byte(b.String())
}

// countingWriter counts what is written to it and keeps the last bytes.
type countingWriter struct {
	n    int
	tail []byte
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.tail = append(w.tail, p...)
	if len(w.tail) > 4096 {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-4096:]...)
	}
	return len(p), nil
}

// A long chain of messages prints in size proportional to its copy: past
// maxIndentLevels the tree stops indenting (and says so once), where it
// used to print O(depth²) bytes (1.9 GB for one member of a 536 KB file).
func TestRenderChainIsBounded(t *testing.T) {
	src := chainTemplate(11000)
	if len(src) < 500<<10 {
		t.Fatalf("the chain is %d bytes, want the issue's 536 KB", len(src))
	}
	file := filepath.Join(t.TempDir(), "chain.md")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(file)) // inboxlint reads only inside the repository it runs in
	var out bytes.Buffer
	var errOut bytes.Buffer
	if st := run([]string{"render", "--member", "1", file}, nil, &out, &errOut); st != exitOK {
		t.Fatalf("render: exit %d: %s", st, errOut.String())
	}
	s := out.String()
	// the copy is about 30 bytes a message, plus at most 34 of indentation
	// on each of its three lines
	if limit := 4 << 20; len(s) > limit {
		t.Errorf("render printed %d bytes for one member of a %d-byte chain, want at most %d", len(s), len(src), limit)
	}
	if n := strings.Count(s, "not indented further"); n != 1 {
		t.Errorf("the note that the tree stops indenting is printed %d times, want once", n)
	}
	if n := strings.Count(s, "  (#step-"); n != 11000 {
		t.Errorf("%d messages printed, want all 11000", n)
	}
	widest := 0
	for _, l := range strings.Split(s, "\n") {
		widest = max(widest, len(l)-len(strings.TrimLeft(l, " ")))
	}
	if want := maxIndentLevels*len(indentStep) + 2; widest != want {
		t.Errorf("deepest indentation is %d spaces, want %d (%d levels and a button's two)", widest, want, maxIndentLevels)
	}
	end := "\n" + strings.Repeat(" ", widest) + "[ Book a demo ] → leadform:demo\n  [ Not interested ]  (added by LinkedIn)\n"
	if !strings.HasSuffix(s, end) {
		t.Errorf("the tree does not end with the last button and the opening's Not interested:\n%s", s[len(s)-500:])
	}
}

// One render prints at most maxRenderOutput bytes whatever the template
// and the members, and says so in its last line, on stderr and in its
// exit status when it stops.
func TestRenderOutputIsCapped(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // inboxlint reads only inside the repository it runs in
	ad := filepath.Join(dir, "ad.md")
	body := strings.Repeat("Teams at %COMPANYNAME% plan the quarter in ten minutes. ", 16)
	src := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\n---\nHi %FIRSTNAME%, " + body + "\n\nCan I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"
	if err := os.WriteFile(ad, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var members strings.Builder
	members.WriteString("[")
	for i := 0; i < 10000; i++ {
		if i > 0 {
			members.WriteString(",\n")
		}
		fmt.Fprintf(&members, `{"first_name": "Member", "last_name": "N%d", "company_name": "Company %d"}`, i, i)
	}
	members.WriteString("]\n")
	mf := filepath.Join(dir, "members.json")
	if err := os.WriteFile(mf, []byte(members.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	{
		var out countingWriter
		var errOut bytes.Buffer
		st := run([]string{"render", "--members", mf, ad}, nil, &out, &errOut)
		if st != exitError {
			t.Errorf("render of 10000 members: exit %d, want %d", st, exitError)
		}
		last := "… output stopped after 8 MiB, the most one render prints: choose a member with --member or a variant with --variant\n"
		if out.n > maxRenderOutput+len(last) {
			t.Errorf("render printed %d bytes, want at most %d and the last line", out.n, maxRenderOutput)
		}
		if out.n < maxRenderOutput-4096 {
			t.Errorf("render printed %d bytes, want the output cut near %d", out.n, maxRenderOutput)
		}
		if !bytes.HasSuffix(out.tail, []byte("\n\n"+last)) && !bytes.HasSuffix(out.tail, []byte("\n"+last)) {
			t.Errorf("output does not end with whole lines and %q:\n%s", last, out.tail)
		}
		wantErr := "inboxlint: render output stopped after 8 MiB, the most one render prints\nhint: choose a member with --member or a variant with --variant\n"
		if errOut.String() != wantErr {
			t.Errorf("stderr = %q, want %q", errOut.String(), wantErr)
		}
	}
}

// The output stops at a write boundary, and its last line is a comment in
// the format's own syntax.
func TestRenderOutputFinish(t *testing.T) {
	for _, tc := range []struct {
		prefix, want string
	}{
		{"… ", "line 1\n… output stopped after 0 MiB"},
		{"// ", "line 1\n// output stopped after 0 MiB"},
		{"%% ", "line 1\n%% output stopped after 0 MiB"},
	} {
		var buf bytes.Buffer
		o := newRenderOutput(&buf, 10)
		fmt.Fprintln(o, "line 1")
		fmt.Fprintln(o, "line 2 is too long")
		fmt.Fprintln(o, "3")
		cut, err := o.finish(tc.prefix)
		if !cut || err != nil {
			t.Errorf("finish = %v, %v; want true, nil", cut, err)
		}
		if got := buf.String(); !strings.HasPrefix(got, tc.want) || strings.Count(got, "\n") != 2 {
			t.Errorf("output:\n%s\nwant it to start with:\n%s", got, tc.want)
		}
	}
	var buf bytes.Buffer
	o := newRenderOutput(&buf, 10)
	fmt.Fprintln(o, "fits")
	if cut, err := o.finish("// "); cut || err != nil || buf.String() != "fits\n" {
		t.Errorf("finish under the cap = %v, %v, output %q; want false, nil, \"fits\\n\"", cut, err, buf.String())
	}
}
