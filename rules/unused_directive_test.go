package rules_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// TestUnusedDirective lints with every rule on, as a user does: a
// directive whose rules had nothing to silence is reported, one that
// silenced a finding is not, and neither is one for a rule that is off.
func TestUnusedDirective(t *testing.T) {
	ad := `---
format: message
sender: Dana Reyes
subject: "%FIRSTNAME%, saving you a seat?"
---
{{/* inboxlint:ignore-file placeholder legal fills the terms */}}
Hi %FIRSTNAME%, our head of analytics walks through the model next Thursday. {{/* inboxlint:ignore hype,link-limits the caps are the brand */}}
Our speaker is [Speaker] from ACMECORP. {{/* inboxlint:ignore hype the company writes its name in capitals */}}
{{/* inboxlint:ignore emoji-count this rule is off in the config */}}
Can I save you a seat?

- [Save my seat](leadform:webinar)
`
	dir := tempRepo(t, map[string][]byte{
		"ad.md":         []byte(ad),
		lint.ConfigName: []byte("rules:\n  emoji-count: off\n"),
	})
	res, err := lint.Run(lint.Options{Rules: rules.All(), Root: dir}, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Rule+" "+strconv.Itoa(d.Span.Start.Line)+": "+d.Message)
	}
	want := []string{
		"unused-directive 7: the directive silences nothing of hype, link-limits on this line: remove it, or hype, link-limits from its list",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
