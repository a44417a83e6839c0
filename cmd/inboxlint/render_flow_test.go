package main

import (
	"bytes"
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
	// character, as in \N), non-ASCII text and an emoji; a broken target
	tricky := filepath.Join(t.TempDir(), "tricky.md")
	src := "---\nformat: conversation\nsender: Dana\nsubject: Hi\n---\n" +
		"# \"Zürich\" \\N office 🚀\nWhich?\n\n- [Say \"grüezi\" \\ hello](#zürich-n-office-)\n- [Book «now»](leadform:x)\n- [Gone](#nowhere)\n"
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
