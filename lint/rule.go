package lint

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// Severity orders findings. The zero value is not a severity.
type Severity uint8

// Severities from least to most serious.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	}
	return 0, fmt.Errorf("unknown severity %s: use error, warning or info", escape.Excerpt(s))
}

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	}
	return "none"
}

// Rule is one check. Rules are values listed explicitly (rules.All); the
// engine calls Check once per template with a Pass holding everything the
// rule may look at. Check returns an error only when the rule itself fails,
// never for a finding.
type Rule interface {
	Doc() Doc
	Check(p *Pass) error
}

// Configurable is a Rule with options. Configure decodes the rule's block of
// the config file into a copy of the rule whose typed options start from
// the defaults; decode reports unknown option names with their line. The
// receiver is never changed, since one rule value serves every config. A
// config without options for the rule uses the rule value as it is, with
// its defaults: Configure is called only when there is a block to decode.
//
// The options are the fields of a struct: the yaml tag names each option
// (decode accepts those names and no other), and the struct's value in the
// rule out of the box is the default. What each option does is prose, kept
// with the rule's other prose (the built-in rules' cards); OptionDocs joins
// the two into the Doc's Options, so that each default is written once,
// where the rule uses it, and each option's doc once, where writers read.
type Configurable interface {
	Rule
	Configure(decode func(options any) error) (Rule, error)
}

// Doc is a rule's whole card: the single source for `inboxlint rules`,
// `inboxlint explain`, SARIF metadata and the README's rules table.
type Doc struct {
	// ID is stable and kebab-case; it names the rule in output, config and
	// directives.
	ID string
	// Severity is the default severity.
	Severity Severity
	// Default says whether the rule is on out of the box.
	Default bool
	// Title is one line, lower-case, no period, at most 60 characters.
	Title string
	// Text says why the rule exists and where its limits come from.
	Text string
	// Options documents the rule's config options.
	Options []Option
	// Engine marks the findings the engine reports itself (syntax: what
	// stopped it from reading a template), listed in Docs beside the
	// rules'. No Rule has it: the engine runs no rule on a file that did
	// not parse, and its own findings can have their severity set but
	// cannot be turned off or ignored.
	Engine bool
}

// Option documents one rule option.
type Option struct {
	Name string
	// Default is the value out of the box, written as in the config file:
	// 500, ["Learn More", "Click Here"].
	Default string
	// Doc says what the option does, as a phrase: "most emojis allowed in
	// one message body".
	Doc string
}

// OptionDocs documents the options of an options struct (see
// Configurable), given its default value or a pointer to it, and what
// each option does, by name (documented: a card's Options, whose Defaults
// are not read): one Option per field in field order, named by its yaml
// tag, with its value as the default and its doc from documented. An
// embedded struct tagged yaml:",inline" (a group of options several rules
// share) adds its fields in place; a field tagged yaml:"-" is not an
// option (what a rule derives from its options). A field left unset by
// default whose value is decided per file says so in an unset:"..." tag,
// shown as its default. Any other field is listed too, unexported ones
// included, so that a field nobody documented (an option without a doc,
// or derived state not tagged yaml:"-") fails Validate at start-up
// instead of going unnoticed. A documented name that no field has is not
// listed: the rule's own tests compare the two lists.
func OptionDocs(defaults any, documented []Option) []Option {
	v := reflect.ValueOf(defaults)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	docs := make(map[string]string, len(documented))
	for _, o := range documented {
		docs[o.Name] = o.Doc
	}
	return optionDocs(v, docs)
}

func optionDocs(v reflect.Value, docs map[string]string) []Option {
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []Option
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, flags, _ := strings.Cut(tag, ",")
		switch {
		case name == "-":
			continue
		case strings.Contains(","+flags+",", ",inline,"):
			out = append(out, optionDocs(v.Field(i), docs)...)
			continue
		case name == "":
			name = strings.ToLower(f.Name)
		}
		def := optionValue(v.Field(i))
		if unset, ok := f.Tag.Lookup("unset"); ok && v.Field(i).IsZero() {
			// an option whose default is decided per file (the file's
			// language pack's list) says so instead of showing a zero
			def = unset
		}
		out = append(out, Option{Name: name, Default: def, Doc: docs[name]})
	}
	return out
}

// optionValue writes an option's value as it is written in the config
// file: 500, true, "text", ["Learn More", "Click Here"], [].
func optionValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Slice, reflect.Array:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = optionValue(v.Index(i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	if !v.CanInterface() {
		return "" // an unexported field of another kind: undocumented
	}
	return fmt.Sprint(v.Interface())
}

// isKebab reports whether id is kebab-case, what
// ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ matches: lower-case ASCII words of
// letters and digits joined by single hyphens, starting with a letter.
// Every command that lints checks every rule id with it at start-up, so
// it is a loop rather than a pattern to compile.
func isKebab(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-' && i < len(id)-1:
		default:
			return false
		}
	}
	return true
}

// Validate checks a rule list at start-up: ids unique and kebab-case, docs
// complete. A failure is a programming error in the rule set.
func Validate(rules []Rule) error {
	seen := map[string]bool{}
	var errs []string
	for i, r := range rules {
		d := r.Doc()
		switch {
		case !isKebab(d.ID):
			errs = append(errs, fmt.Sprintf("rule %d: id %q is not kebab-case", i, d.ID))
		case seen[d.ID]:
			errs = append(errs, fmt.Sprintf("rule %q is listed twice", d.ID))
		}
		if _, ok := engineDoc(d.ID); ok {
			errs = append(errs, fmt.Sprintf("rule %q: the engine reports the findings of that id itself", d.ID))
		} else if d.Engine {
			errs = append(errs, fmt.Sprintf("rule %q: its doc is marked Engine, which only the engine's own findings are", d.ID))
		}
		seen[d.ID] = true
		if d.Severity < SeverityInfo || d.Severity > SeverityError {
			errs = append(errs, fmt.Sprintf("rule %q has no default severity", d.ID))
		}
		if d.Title == "" || len(d.Title) > 60 || strings.HasSuffix(d.Title, ".") || strings.ToLower(d.Title[:1]) != d.Title[:1] {
			errs = append(errs, fmt.Sprintf("rule %q: title must be one lower-case line of at most 60 characters without a period", d.ID))
		}
		if len(d.Text) < 40 {
			errs = append(errs, fmt.Sprintf("rule %q: doc text must say why the rule exists", d.ID))
		}
		for _, o := range d.Options {
			if o.Name == "" || o.Default == "" || o.Doc == "" {
				errs = append(errs, fmt.Sprintf("rule %q: every option needs a name, a default and a doc", d.ID))
			}
		}
		if len(d.Options) > 0 {
			if _, ok := r.(Configurable); !ok {
				errs = append(errs, fmt.Sprintf("rule %q documents options but cannot be configured", d.ID))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid rule set: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Diagnostic is one finding.
type Diagnostic struct {
	File string
	Span render.Span
	Rule string
	// Severity is set by the engine: the config's override, else what the
	// rule reported (a rule with two thresholds reports the lower one as a
	// warning), else the rule's default.
	Severity Severity
	Message  string
	// Variant and Member name the render the finding was seen in, when it
	// depends on one.
	Variant, Member string
	// lang is the language the file's copy was checked in (a BCP 47 tag,
	// see Language), "" when it was not known; the engine's own findings
	// leave it empty.
	lang string
	// Fixes are the ways to resolve the finding, certain ones first (see
	// Fix); a rule attaches them to the diagnostic it reports.
	Fixes []Fix
}
