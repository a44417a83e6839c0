package lint

import (
	"encoding/json"
	"sort"

	"github.com/invopop/jsonschema"
	orderedmap "github.com/pb33f/ordered-map/v2"
)

// SchemaURL is where the JSON Schema of .inboxlint.yaml is published: the
// file committed at the repository's root, on the main branch. Configs
// name it in a "# yaml-language-server: $schema=" line, so that editors
// complete and check them.
const SchemaURL = "https://raw.githubusercontent.com/inboxlint/inboxlint/main/inboxlint.schema.json"

// ConfigSchema is the JSON Schema (draft 2020-12) of .inboxlint.yaml,
// generated from ConfigFile, the type whose keys the parser reads, and
// from the rules' docs: each built-in rule's block lists the options its
// Doc declares and no others, as the engine does. Keys are in ConfigFile's
// order and rules by id, so the output is the same on every run.
func ConfigSchema(rules []Rule) ([]byte, error) {
	r := &jsonschema.Reflector{FieldNameTag: "yaml", ExpandedStruct: true, DoNotReference: true}
	s := r.Reflect(&ConfigFile{})
	s.ID = SchemaURL
	s.Title = "inboxlint config (.inboxlint.yaml)"
	s.Description = "Settings for inboxlint, the linter of LinkedIn Message Ad and Conversation Ad templates. See https://github.com/inboxlint/inboxlint#configuration"
	rulesProp, _ := s.Properties.Get("rules")
	docs := make([]Doc, len(rules))
	for i, rule := range rules {
		docs[i] = rule.Doc()
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	props := orderedmap.New[string, *jsonschema.Schema]()
	// the engine's own findings (syntax) take a severity, and cannot be
	// turned off
	for _, d := range engineDocs {
		props.Set(d.ID, engineSettingSchema(d.Title))
	}
	for _, d := range docs {
		opts := orderedmap.New[string, *jsonschema.Schema]()
		for _, o := range d.Options {
			opts.Set(o.Name, &jsonschema.Schema{Description: o.Doc + " (default " + o.Default + ")"})
		}
		props.Set(d.ID, ruleSettingSchema(d.Title, opts))
	}
	rulesProp.Properties = props
	rulesProp.AdditionalProperties = ruleSettingSchema("a custom rule (custom:), which takes only enabled and severity", nil)
	rulesProp.Type = "object"
	return json.MarshalIndent(s, "", "  ")
}

// ruleSettingSchema is one rule's entry: off, on, true, false or a
// severity, or a mapping with enabled, severity and the rule's options.
func ruleSettingSchema(title string, opts *orderedmap.OrderedMap[string, *jsonschema.Schema]) *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	props.Set("enabled", &jsonschema.Schema{Type: "boolean", Description: "false turns the rule off; configuring it otherwise turns it on"})
	props.Set("severity", &jsonschema.Schema{Type: "string", Enum: []any{"error", "warning", "info"}, Description: "the severity of every finding of the rule"})
	if opts != nil {
		for p := opts.Oldest(); p != nil; p = p.Next() {
			props.Set(p.Key, p.Value)
		}
	}
	block := &jsonschema.Schema{Type: "object", Properties: props, AdditionalProperties: jsonschema.FalseSchema}
	return &jsonschema.Schema{
		Description: title,
		OneOf: []*jsonschema.Schema{
			{Type: "string", Enum: []any{"off", "on", "error", "warning", "info"}},
			{Type: "boolean"},
			block,
		},
	}
}

// engineSettingSchema is the entry of one of the engine's findings: on or
// a severity, or a mapping with a severity (and enabled: true).
func engineSettingSchema(title string) *jsonschema.Schema {
	props := orderedmap.New[string, *jsonschema.Schema]()
	props.Set("enabled", &jsonschema.Schema{Const: true, Description: "its findings cannot be turned off"})
	props.Set("severity", &jsonschema.Schema{Type: "string", Enum: []any{"error", "warning", "info"}, Description: "the severity of every finding"})
	return &jsonschema.Schema{
		Description: title,
		OneOf: []*jsonschema.Schema{
			{Type: "string", Enum: []any{"on", "error", "warning", "info"}},
			{Const: true},
			{Type: "object", Properties: props, AdditionalProperties: jsonschema.FalseSchema},
		},
	}
}
