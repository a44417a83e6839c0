package rules_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// engineWith starts an engine with the built-in rules and a config.
func engineWith(t *testing.T, config string) (*lint.Engine, error) {
	t.Helper()
	repo := tempRepo(t, map[string][]byte{lint.ConfigName: []byte(config)})
	return lint.NewEngine(lint.Options{Rules: rules.All(), ConfigFile: filepath.Join(repo, lint.ConfigName)})
}

// Every documented default, written in the config as the docs show it, is
// a value the rule accepts: the docs are read from the options the rule
// decodes, and the defaults from the values it starts with.
func TestOptionDefaultsConfigure(t *testing.T) {
	n := 0
	for _, r := range rules.All() {
		d := r.Doc()
		if _, ok := r.(lint.Configurable); ok != (len(d.Options) > 0) {
			t.Errorf("%s: configurable %v, but documents %d options", d.ID, ok, len(d.Options))
		}
		for _, o := range d.Options {
			n++
			if strings.HasPrefix(o.Default, "the ") {
				continue // decided per file: "the language pack's"
			}
			if _, err := engineWith(t, "rules:\n  "+d.ID+":\n    "+o.Name+": "+o.Default+"\n"); err != nil {
				t.Errorf("%s: option %s with its documented default %s: %v", d.ID, o.Name, o.Default, err)
			}
		}
	}
	if n < 15 {
		t.Errorf("only %d options documented", n)
	}
}

// What a rule derives from its options (a compiled set) is not an option.
func TestDerivedFieldsAreNotOptions(t *testing.T) {
	for _, c := range []struct{ rule, field string }{
		{"cta-specificity", "vagueset"},
		{"cta-specificity", "verbset"},
		{"hype", "phrasere"},
		{"hype", "acronymset"},
	} {
		_, err := engineWith(t, "rules:\n  "+c.rule+": {"+c.field+": [x]}\n")
		if err == nil || !strings.Contains(err.Error(), "has no option \""+c.field+"\"") {
			t.Errorf("%s: option %s: err = %v, want it refused", c.rule, c.field, err)
		}
	}
}

func TestConfigureOptions(t *testing.T) {
	tests := []struct {
		name, config, err string
	}{
		{"no value keeps the default list", "rules:\n  flow-opt-out: {phrases: ~}\n", ""},
		{"an empty list is refused", "rules:\n  flow-opt-out: {phrases: []}\n", `rule "flow-opt-out": phrases must list at least one label, such as "Maybe later"`},
		{"an empty phrase is refused", "rules:\n  flow-opt-out: {phrases: [\"  \"]}\n", `rule "flow-opt-out": phrases must not contain an empty phrase`},
		{"an empty vague label is refused", "rules:\n  cta-specificity: {vague: [\"\"]}\n", `rule "cta-specificity": vague and verbs must not contain empty entries`},
		{"an empty hype phrase is refused", "rules:\n  hype: {acronyms: [\" \"]}\n", `rule "hype": phrases and acronyms must not contain empty entries`},
		{"guidance is checked first", "rules:\n  body-length: {guidance: 0, max-message: 0}\n", `rule "body-length": guidance must be positive`},
		{"both format limits", "rules:\n  footer-length: {max-conversation: -1}\n", `rule "footer-length": max-message and max-conversation must be positive`},
		{"a negative count", "rules:\n  emoji-count: {max: -1}\n", `rule "emoji-count": max must not be negative`},
		{"no emojis at all is a limit", "rules:\n  emoji-count: {max: 0}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := engineWith(t, tt.config)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error: %v", err)
			case tt.err != "" && (err == nil || !strings.HasSuffix(err.Error(), tt.err)):
				t.Errorf("error = %v, want one ending in %s", err, tt.err)
			}
		})
	}
}
