package rules

import (
	"fmt"
	"strings"

	"github.com/inboxlint/inboxlint/lint"
)

// checkDuplicateButton is the duplicate-button rule: it finds two buttons
// with the same label in one message.
func checkDuplicateButton(p *lint.Pass) {
	for i, m := range p.Template.Messages {
		// earlier[vi][j] is the first button of variant vi's message with
		// button j's label, j itself when none comes before, -1 when the
		// label is empty
		earlier := make([][]int, len(p.Variants))
		for vi, v := range p.Variants {
			if i >= len(v.Messages) {
				continue
			}
			bs := v.Messages[i].Buttons
			if len(bs) < 2 {
				continue // no button has another before it
			}
			firstOf := make(map[string]int, len(bs))
			earlier[vi] = make([]int, len(bs))
			for j, b := range bs {
				key := duplicateButtonKey(b.Label.S)
				if key == "" {
					earlier[vi][j] = -1
					continue
				}
				k, ok := firstOf[key]
				if !ok {
					k = j
					firstOf[key] = j
				}
				earlier[vi][j] = k
			}
		}
		for j := range m.Buttons {
			var fs []variantFinding
			for vi, v := range p.Variants {
				if i >= len(v.Messages) || j >= len(v.Messages[i].Buttons) {
					continue
				}
				bs := v.Messages[i].Buttons
				if earlier[vi] == nil {
					continue
				}
				k := earlier[vi][j]
				if k < 0 || k == j {
					continue
				}
				label, line := quote(strings.TrimSpace(bs[j].Label.S)), m.Buttons[k].Span.Start.Line
				fs = append(fs, variantFinding{
					variant: v.Name,
					span:    bs[j].Label.Span(0, len(bs[j].Label.S)),
					message: fmt.Sprintf("button %s has the same label as the button on line %d: give each button a label that says where it leads, or remove one", label, line),
				})
			}
			reportVariantFindings(p, fs)
		}
	}
}

// duplicateButtonKey is a label as compared: case and spacing ignored.
func duplicateButtonKey(label string) string {
	return strings.ToLower(strings.Join(strings.Fields(label), " "))
}
