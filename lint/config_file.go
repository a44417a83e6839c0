package lint

import (
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// ConfigFile is the shape of an .inboxlint.yaml as a person writes it. The
// parser (parseConfig) reads the keys it declares, and nothing else: the
// list of known keys, in the order errors name them, is read from its yaml
// tags; and the JSON Schema of the file (inboxlint.schema.json, for editors
// and for CI) is generated from it (see ConfigSchema). A key added here is
// a key of both, or the schema test fails.
type ConfigFile struct {
	Members string                 `yaml:"members,omitempty" jsonschema_description:"The sample members file (CSV, JSON or YAML), relative to this config's directory."`
	Count   string                 `yaml:"count,omitempty" jsonschema:"enum=utf16,enum=graphemes,enum=codepoints" jsonschema_description:"How lengths are counted: utf16 (LinkedIn's count; the default), graphemes or codepoints."`
	FailOn  string                 `yaml:"fail-on,omitempty" jsonschema:"enum=error,enum=warning,enum=info,enum=never" jsonschema_description:"The lowest severity that fails the run (exit 1); never fails nothing. --fail-on overrides it."`
	Lang    string                 `yaml:"lang,omitempty" jsonschema_description:"The language of the templates that do not name theirs in front matter lang: (a BCP 47 tag such as de, fr-CA, pt-BR). Unset: detected from the copy."`
	Include PathList               `yaml:"include,omitempty" jsonschema_description:"Glob patterns (doublestar), relative to this config's directory, of the templates to lint; others are left out."`
	Exclude PathList               `yaml:"exclude,omitempty" jsonschema_description:"Glob patterns, relative to this config's directory, of templates not to lint."`
	Rules   map[string]RuleSetting `yaml:"rules,omitempty" jsonschema_description:"Rule settings by rule id: off, on, a severity, or a mapping with enabled, severity and the rule's options. Merged with the parent configs' by id."`
	Custom  []CustomRuleFile       `yaml:"custom,omitempty" jsonschema_description:"The team's own rules. Merged with the parent configs' by id: the nearer declaration wins."`
	Root    bool                   `yaml:"root,omitempty" jsonschema_description:"true: the configs in the directories above this one do not apply."`
	Extends PathList               `yaml:"extends,omitempty" jsonschema_description:"A config file or a list of them, relative to this config's directory, that this one builds on: its own keys win."`
}

// PathList is one string or a list of strings.
type PathList []string

// JSONSchema lets a single string stand for a list of one.
func (PathList) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
		{Type: "string"},
		{Type: "array", Items: &jsonschema.Schema{Type: "string"}},
	}}
}

// RuleSetting is one entry of rules:. Its schema is a shorthand or a
// mapping; ConfigSchema gives each rule's mapping its own options.
type RuleSetting struct {
	Enabled  *bool  `yaml:"enabled,omitempty"`
	Severity string `yaml:"severity,omitempty" jsonschema:"enum=error,enum=warning,enum=info"`
}

// CustomRuleFile is one entry of custom:.
type CustomRuleFile struct {
	ID       string            `yaml:"id" jsonschema:"pattern=^[a-z][a-z0-9]*(-[a-z0-9]+)*$" jsonschema_description:"The rule's id, kebab-case (no-synergy); it must not be a built-in rule's."`
	Kind     string            `yaml:"kind" jsonschema:"enum=forbidden,enum=substitute,enum=required" jsonschema_description:"forbidden: the pattern must not appear; substitute: each wrong form must not appear (replace:); required: the pattern must appear."`
	Pattern  string            `yaml:"pattern,omitempty" jsonschema_description:"A regular expression (RE2 syntax), for forbidden and required."`
	Replace  map[string]string `yaml:"replace,omitempty" jsonschema_description:"For substitute: a mapping of wrong (a regular expression) to right."`
	Message  string            `yaml:"message,omitempty" jsonschema_description:"What the finding says: what to write instead. Required for forbidden and required."`
	Scope    []string          `yaml:"scope,omitempty" jsonschema_description:"The fields the rule looks at: subject, body, button, footer, sender (default: all but sender)."`
	Severity string            `yaml:"severity,omitempty" jsonschema:"enum=error,enum=warning,enum=info" jsonschema_description:"The findings' severity (default warning)."`
}

// yamlKeys lists a struct's yaml keys in field order.
func yamlKeys(v any) []string {
	t := reflect.TypeOf(v)
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys = append(keys, name)
	}
	return keys
}
