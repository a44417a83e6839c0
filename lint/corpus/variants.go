package corpus

import (
	"fmt"
	"strings"
)

// WithVariants gives a generated Message Ad (MessageAds' Data) n variants
// that differ in the paragraph {{ .p }} renders after the first: the shape
// of the benchmarks that measure what a variant adds (issue 15's 20
// variants against one).
func WithVariants(data []byte, n int) []byte {
	front, body, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "---\n")
	var v strings.Builder
	v.WriteString("variants:\n")
	for i := range n {
		fmt.Fprintf(&v, "  - name: v%d\n    p: \"Variant %d asks which of these costs the most this quarter.\"\n", i, i)
	}
	first, rest, _ := strings.Cut(body, "\n\n")
	return []byte("---\n" + front + v.String() + "---\n" + first + "\n\n{{ .p }}\n\n" + rest)
}
