package lang_test

import (
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint/lang"
)

func TestLookup(t *testing.T) {
	for _, c := range []struct{ tag, want string }{
		{"de", "de"},
		{"de-DE", "de"},
		{"de-AT", "de"},
		{"de-CH", "de-CH"},
		{"DE-ch", "de-CH"},
		{"deu", "de"},
		{"de-u-co-phonebk", "de"},
		{" de ", "de"},
		{"de-Latn-DE", "de"},
		{"en", "en"},
		{"en-US", "en"},
		{"en-GB", "en-GB"},
		{"fr", "fr"},
		{"fr-FR", "fr"},
		{"fr-BE", "fr"},
		{"fr-CH", "fr"},
		{"fr-CA", "fr-CA"},
		{"es", "es"},
		{"es-MX", "es"},
		{"es-419", "es"},
		{"it-CH", "it"},
		{"nl-BE", "nl"},
		{"pt", "pt-BR"},
		{"pt-BR", "pt-BR"},
		{"pt-br", "pt-BR"},
		// European Portuguese and the countries that follow it: no pack
		{"pt-PT", ""},
		{"pt-AO", ""},
		{"pt-MZ", ""},
		{"sr-Cyrl", ""},
		{"de-Cyrl", ""},
		{"sv", ""},
		{"zh-Hans", ""},
		{"und", ""},
		{"und-DE", ""},
		{"", ""},
		{"not a tag!", ""},
		{"%FIRSTNAME%", ""},
	} {
		p, ok := lang.Lookup(c.tag)
		got := ""
		if ok {
			got = p.String()
		}
		if got != c.want {
			t.Errorf("Lookup(%q) = %q; want %q", c.tag, got, c.want)
		}
	}
}

// TestRegionalViews: what a region changes, and that it changes only that.
func TestRegionalViews(t *testing.T) {
	fr, _ := lang.Lookup("fr")
	ca, _ := lang.Lookup("fr-CA")
	if !fr.Question.SpaceRequired || ca.Question.SpaceRequired {
		t.Errorf("space before ? required: fr %v, fr-CA %v; want true, false", fr.Question.SpaceRequired, ca.Question.SpaceRequired)
	}
	if len(ca.Hype()) != len(fr.Hype()) || ca.Hype()[0] != fr.Hype()[0] {
		t.Error("fr-CA does not share fr's hype phrases")
	}
	ch, _ := lang.Lookup("de-CH")
	de, _ := lang.Lookup("de")
	if ch.Quotes()[0].Open() != "«" || de.Quotes()[0].Open() != "„" {
		t.Errorf("first quotes: de-CH %q, de %q", ch.Quotes()[0].Open(), de.Quotes()[0].Open())
	}
	gb, _ := lang.Lookup("en-GB")
	if gb.Quotes()[0].Open() != "‘" {
		t.Errorf("en-GB first quote %q", gb.Quotes()[0].Open())
	}
	es, _ := lang.Lookup("es")
	if es.Question.Open != "¿" {
		t.Errorf("es question opens with %q", es.Question.Open)
	}
}

// TestVerbPosition: German and Dutch labels may end with the verb.
func TestVerbPosition(t *testing.T) {
	want := map[string]lang.VerbPosition{"de": lang.VerbBoth, "nl": lang.VerbBoth, "en": lang.VerbFirst, "fr": lang.VerbFirst, "es": lang.VerbFirst, "it": lang.VerbFirst, "pt-BR": lang.VerbFirst}
	for tag, pos := range want {
		p, _ := lang.Lookup(tag)
		if p.CTA.VerbPosition != pos {
			t.Errorf("%s verb position %s; want %s", tag, p.CTA.VerbPosition, pos)
		}
	}
}

func TestSupported(t *testing.T) {
	if got := strings.Join(lang.Supported(), " "); got != "de en es fr it nl pt-BR" {
		t.Errorf("Supported() = %s", got)
	}
	for _, tag := range lang.Supported() {
		if p, ok := lang.Lookup(tag); !ok || p.Tag != tag {
			t.Errorf("Lookup(%q) = %v, %v", tag, p, ok)
		}
	}
}
