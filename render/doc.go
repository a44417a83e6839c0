// Package render turns a template file into the copy each member receives.
//
// Parse reads a template: the YAML front matter (go.yaml.in/yaml/v3, with
// positions) and the Markdown body (goldmark decides the block structure:
// the headings that start Conversation Ad messages and the trailing list of
// links that makes each message's buttons). Every field is a Text: the
// string plus a map from each byte back to the source, built from a Source
// that normalizes byte order marks and line endings once so that positions
// are exact in the file as it is on disk.
//
// Rendering then has LinkedIn's two stages. Template.Render is the
// authoring stage: each field's Go text/template actions run once per
// variant in package render/sandbox (an allow-list of deterministic sprig
// functions under work budgets per field and per file, which make the
// result the same on every machine), with the vars as plain data
// (yamldata.go). Personalize is the send stage:
// the five macros are replaced by a Member's values or LinkedIn's fallback
// text. Each stage composes the Text maps, so a finding on rendered copy
// still points at the characters, action or macro that produced it.
// Members come from CSV, JSON or YAML files or the embedded sample set, and
// Count measures text the way the limits are checked.
//
// Rules walk a variant's fields by kind (Variant.Fields over a FieldSet,
// which a custom rule's scope: words compile to). The helpers every layer
// shares live here once: the did-you-mean search and its one phrasing
// (Nearest, DidYouMean), the reading of YAML errors (YAMLErrorLine) and
// the positioned error of an input file (FileError).
package render
