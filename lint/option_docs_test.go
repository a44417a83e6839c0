package lint_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
)

type innerOptions struct {
	MaxMessage int `yaml:"max-message"`
}

type docOptions struct {
	Max      int      `yaml:"max"`
	Words    []string `yaml:"words"`
	None     []string `yaml:"none"`
	On       bool     `yaml:"on"`
	Name     string   `yaml:"name"`
	Untagged int
	inner    innerOptions
	derived  map[string]bool `yaml:"-"`
	forgot   int
}

type inlineOptions struct {
	Guidance     int `yaml:"guidance"`
	innerOptions `yaml:",inline"`
}

// documented is what a card says of the options above, in another order
// than the fields', with a name no field has; its defaults are not read.
var documented = []lint.Option{
	{Name: "untagged", Doc: "named after the field"},
	{Name: "max", Doc: "most allowed", Default: "not read"},
	{Name: "words", Doc: "words to report"},
	{Name: "none", Doc: "an empty list"},
	{Name: "on", Doc: "a switch"},
	{Name: "name", Doc: "a name"},
	{Name: "guidance", Doc: "recommended"},
	{Name: "max-message", Doc: "limit in a Message Ad"},
	{Name: "no-such-field", Doc: "not an option"},
}

func TestOptionDocs(t *testing.T) {
	tests := []struct {
		name     string
		defaults any
		want     []lint.Option
	}{
		{"every kind of value, from a pointer", &docOptions{Max: 10, Words: []string{"Learn More", `say "hi"`}, On: true, Name: "x", Untagged: 2, inner: innerOptions{MaxMessage: 1}, derived: map[string]bool{}, forgot: 1},
			[]lint.Option{
				{Name: "max", Default: "10", Doc: "most allowed"},
				{Name: "words", Default: `["Learn More", "say \"hi\""]`, Doc: "words to report"},
				{Name: "none", Default: "[]", Doc: "an empty list"},
				{Name: "on", Default: "true", Doc: "a switch"},
				{Name: "name", Default: `"x"`, Doc: "a name"},
				{Name: "untagged", Default: "2", Doc: "named after the field"},
				// every other field is listed, documented or not, so that
				// Validate refuses one without a doc
				{Name: "inner", Default: "", Doc: ""},
				{Name: "forgot", Default: "1", Doc: ""},
			}},
		{"an inline group in place", inlineOptions{Guidance: 500, innerOptions: innerOptions{MaxMessage: 1500}},
			[]lint.Option{
				{Name: "guidance", Default: "500", Doc: "recommended"},
				{Name: "max-message", Default: "1500", Doc: "limit in a Message Ad"},
			}},
		{"not a struct", 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lint.OptionDocs(tt.defaults, documented); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("OptionDocs:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// optionsRule documents options as OptionDocs reads them.
type optionsRule struct{ opts []lint.Option }

func (r optionsRule) Doc() lint.Doc {
	return lint.Doc{ID: "with-options", Severity: lint.SeverityWarning, Title: "a rule with options",
		Text: "A rule whose options are documented from its options struct.", Options: r.opts}
}
func (optionsRule) Check(*lint.Pass) error { return nil }
func (r optionsRule) Configure(func(any) error) (lint.Rule, error) {
	return r, nil
}

func TestValidateOptions(t *testing.T) {
	ok := optionsRule{lint.OptionDocs(inlineOptions{Guidance: 1}, documented)}
	if err := lint.Validate([]lint.Rule{ok}); err != nil {
		t.Errorf("Validate: %v", err)
	}
	for _, opts := range [][]lint.Option{
		lint.OptionDocs(docOptions{}, documented), // undocumented fields
		lint.OptionDocs(inlineOptions{}, nil),     // no docs at all
		{{Name: "max", Doc: "no default"}},
	} {
		err := lint.Validate([]lint.Rule{optionsRule{opts}})
		if err == nil || !strings.Contains(err.Error(), `rule "with-options": every option needs a name, a default and a doc`) {
			t.Errorf("Validate(%+v) = %v, want the undocumented option refused", opts, err)
		}
	}
}
