package lint_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
)

// germanAd has German copy with the mistakes only the German pack knows
// ("Mehr erfahren", "nur heute"), and a Sie/du mix.
func germanAd(front string) string {
	return "---\nformat: message\nsender: Katrin Vogel\n" + front + "subject: \"%FIRSTNAME%, Ihr Forecast im Griff?\"\n---\n" +
		"Hallo %FIRSTNAME%,\n\nnur heute zeigen wir in einem kurzen Webinar, wie Vertriebsteams ihre Prognose auf 4 % genau bekommen, " +
		"und welche drei Signale für Sie zählen.\n\nDarf ich Ihnen einen Platz reservieren?\n\n- [Mehr erfahren](https://example.com/webinar)\n"
}

// findingsByFile lists each file's rule ids and languages.
func findingsByFile(res *lint.Result) map[string]string {
	out := map[string][]string{}
	for _, d := range res.Diagnostics {
		out[filepath.Base(d.File)] = append(out[filepath.Base(d.File)], fmt.Sprintf("%s[%s]", d.Rule, d.Lang()))
	}
	flat := map[string]string{}
	for f, ids := range out {
		sort.Strings(ids)
		flat[f] = strings.Join(ids, " ")
	}
	return flat
}

// TestLanguageChoice: the front matter's lang: wins over the config's,
// which wins over detection; a tag without a pack, or copy that cannot be
// told, turns the language rules off; a front matter lang: that is not a
// tag is a syntax finding at its value.
func TestLanguageChoice(t *testing.T) {
	res := lintFiles(t, 1, map[string]string{
		"detected.md":         germanAd(""),
		"front.md":            germanAd("lang: de-CH\n"),
		"pt-pt.md":            germanAd("lang: pt-PT\n"),
		"bad-tag.md":          germanAd("lang: \"de_DE!\"\n"),
		"sub/cfg.md":          germanAd(""),
		"sub/front-de.md":     germanAd("lang: de\n"),
		"sub/.inboxlint.yaml": "lang: pl\n",
		"short.md":            "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%?\"\n---\nHallo.\n\n- [Mehr erfahren](https://example.com/webinar)\n",
	})
	got := findingsByFile(res)
	german := "cta-specificity[de] hype[de]"
	want := map[string]string{
		"detected.md": german,
		"front.md":    "cta-specificity[de-CH] hype[de-CH]",
		"bad-tag.md":  "syntax[]",
		// the front matter's lang: de wins over the config's pl
		"front-de.md": german,
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("%s: findings %q, want %q", f, got[f], w)
		}
	}
	for _, off := range []string{"pt-pt.md", "cfg.md", "short.md"} {
		if got[off] != "" {
			t.Errorf("%s: language rules fired (%s); want them off", off, got[off])
		}
	}
	for _, d := range res.Diagnostics {
		if filepath.Base(d.File) == "bad-tag.md" {
			want := `lang "de_DE!" is not a BCP 47 language tag: write one such as de, fr-CA or pt-BR`
			if d.Message != want || d.Span.Start.Line != 4 || d.Span.Start.Col != 7 {
				t.Errorf("bad-tag.md: %d:%d %s; want 4:7 %s", d.Span.Start.Line, d.Span.Start.Col, d.Message, want)
			}
		}
	}
}
