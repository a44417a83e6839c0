package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLSPKeystroke is the language server's work after one keystroke
// in a 20-variant Conversation Ad: lint the edited buffer and build its
// diagnostics (lspServer.lint, what the server publishes), every
// iteration with a different character typed, so nothing is reused. The
// target is 20 ms for the flawed example conversation with 20 variants
// that differ in one paragraph.
func BenchmarkLSPKeystroke(b *testing.B) {
	example, err := os.ReadFile("../../testdata/examples/software-demo-flawed.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		text string
	}{
		{"example-20-variants", twentyVariants(string(example))},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			path := filepath.Join(dir, "ad.md")
			s := newLSPServer("")
			// the keystroke goes at the end of the first body line
			at := strings.Index(c.text, "\n# ")
			at += strings.Index(c.text[at+1:], "\n") + 1
			i := 0
			for b.Loop() {
				text := c.text[:at] + string(rune('a'+i%26)) + c.text[at:]
				i++
				diags, _, logs := s.lint(lspJob{uri: "file://" + path, path: path, root: dir, text: text})
				if len(logs) > 0 || len(diags) == 0 {
					b.Fatalf("%d diagnostics, logs %v", len(diags), logs)
				}
			}
		})
	}
}

// twentyVariants gives an ad 20 variants that differ in one paragraph of
// its first message.
func twentyVariants(src string) string {
	var v strings.Builder
	v.WriteString("variants:\n")
	for i := range 20 {
		fmt.Fprintf(&v, "  - name: v%d\n    p: \"Variant %d asks which of these costs the most this quarter.\"\n", i, i)
	}
	front, body, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "---\n")
	first, rest, _ := strings.Cut(body, "\n\n")
	return "---\n" + front + v.String() + "---\n" + first + "\n\n{{ .p }}\n\n" + rest
}
