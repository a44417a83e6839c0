package rules_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// pieceLen is how long each quotable piece of the long-copy templates is,
// and maxQuoted the most consecutive characters of one a message may hold.
const (
	pieceLen  = 10000
	maxQuoted = 100
	// maxMessage bounds a whole message: the rule's words and a few quotes
	maxMessage = 600
)

// piece is a quotable piece of copy: pieceLen times one character, so that
// a message that quotes it unbounded shows a run of that character.
func piece(c string) string { return strings.Repeat(c, pieceLen) }

// longRun is the longest run of one character in s.
func longRun(s string) (string, int) {
	var best string
	n, most := 0, 0
	var prev rune = -1
	for _, r := range s {
		if r == prev {
			n++
		} else {
			prev, n = r, 1
		}
		if n > most {
			best, most = string(r), n
		}
	}
	return best, most
}

// Every piece of copy a message quotes, 10,000 characters long in the
// template, shows at most an excerpt in the message: a heading and the id
// a button gives it, a variant name, a merge tag, an ALL-CAPS word, a hype
// run, link text and URL, a button label and target, a placeholder, a
// closing sentence, the subject and sender.
func TestLongCopyIsQuotedShort(t *testing.T) {
	// a body holds at most 64 KB once rendered, so the body pieces are
	// shared between two Message Ads
	front := fmt.Sprintf(`---
format: message
lang: en
sender: "%s"
subject: "RE: %s"
variants:
  - name: "%s"
    greeting: Hi
  - name: "%s"
    greeting: Hello
---
{{ .greeting }} %%FIRSTNAME%%, `, piece("n"), piece("j"), piece("v"), piece("w"))
	message := front + fmt.Sprintf(`%s and *|%s|* and [%s](example.com/%s) and **%s**

- [%s](ftp:%s)
- [%s](https://example.com/%s)
- [%s](https://example.com/%s)
`, piece("S"), piece("Q"), piece("l"), piece("u"), piece("k"),
		piece("b"), piece("f"), piece("d"), piece("e"), piece("d"), piece("e"))
	message2 := front + fmt.Sprintf("`%s` and %s and %s\n\n# %s\n\n%s\n\n- [Save my seat](leadform:x)\n",
		piece("c"), piece("!"), piece("X"), piece("h"), piece("z"))
	// an emoji that is one grapheme cluster of 2,000 joined emojis: no
	// run of one character, so only the length of the message shows it
	message3 := front + strings.Repeat("👋 ", 10) + "👋" + strings.Repeat("\u200d👋", 2000) + " see you there?\n\n- [Save my seat](leadform:x)\n"
	conversation := fmt.Sprintf(`---
format: conversation
sender: Dana Reyes
subject: Which of these slows your team down?
---
# %s
Hi %%FIRSTNAME%%, which of these slows your team down?

- [Go](#%s)
- [Also](#%s)

# %s
Nobody links here. Want to talk?

- [Talk](#%s)
`, piece("o"), piece("t"), piece("o"), piece("r"), piece("r"))
	engine, err := lint.NewEngine(lint.Options{Rules: rules.All()})
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()
	for _, c := range []struct {
		name, text string
		want       []string // rules that must fire, so that their messages are checked
	}{
		{"message", message, []string{"hype", "unknown-macro", "link-limits", "markdown-formatting", "duplicate-button", "cta-specificity", "subject-length"}},
		{"message2", message2, []string{"hype", "markdown-formatting", "placeholder", "closing-question"}},
		{"message3", message3, []string{"emoji-count"}},
		{"conversation", conversation, []string{"flow-target", "flow-unreachable", "flow-cycle"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := engine.LintBuffer(c.name+".md", []byte(c.text))
			for _, d := range res.Diagnostics {
				t.Logf("%s %d:%d %.150s", d.Rule, d.Span.Start.Line, d.Span.Start.Col, d.Message)
			}
			for _, err := range res.Errors {
				t.Errorf("error: %.200v", err)
			}
			fired := map[string]bool{}
			for _, d := range res.Diagnostics {
				fired[d.Rule] = true
				if r, n := longRun(d.Message); n > maxQuoted {
					t.Errorf("%s: message quotes %d consecutive %q: %.300s", d.Rule, n, r, d.Message)
				}
				if n := utf8.RuneCountInString(d.Message); n > maxMessage {
					t.Errorf("%s: message is %d characters: %.300s", d.Rule, n, d.Message)
				}
			}
			for _, id := range c.want {
				if !fired[id] {
					t.Errorf("%s did not fire, so its messages went unchecked", id)
				}
			}
		})
	}
}
