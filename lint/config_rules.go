package lint

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// parseRules reads the rules: block, a mapping of rule ids to settings
// (off, on, a severity, or a mapping of severity and options). The options
// themselves are decoded later, by the rule's Configure through decoder,
// which checks their names and kinds; every problem is reported with its
// file, line and column.
func (p *configParser) parseRules(v *yaml.Node) {
	c := p.c
	if v.Kind != yaml.MappingNode {
		p.errAt(v, "rules must be a mapping of rule ids to settings")
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if _, dup := c.Rules[k.Value]; dup {
			p.errAt(k, fmt.Sprintf("rule %s is configured twice", escape.Excerpt(k.Value)))
			continue
		}
		rc := &RuleConfig{id: k.Value, file: c.Path, line: k.Line, col: k.Column}
		c.Rules[k.Value] = rc
		key := "rules." + k.Value
		p.set(key, k)
		switch val.Kind {
		case yaml.ScalarNode:
			// shorthand: off / on / a severity
			switch val.Value {
			case "off", "false":
				rc.Enabled = boolPtr(false)
				p.set(key+".enabled", val)
			case "on", "true":
				rc.Enabled = boolPtr(true)
				p.set(key+".enabled", val)
			default:
				sev, err := ParseSeverity(val.Value)
				if err != nil {
					p.errAt(val, fmt.Sprintf("rule %s: %s is not a setting: use off, on, a severity, or a mapping of options", escape.Excerpt(k.Value), escape.Excerpt(val.Value)))
					continue
				}
				rc.Severity = sev
				p.set(key+".severity", val)
			}
		case yaml.MappingNode:
			opts := &yaml.Node{Kind: yaml.MappingNode, Line: val.Line, Column: val.Column}
			for j := 0; j+1 < len(val.Content); j += 2 {
				ok, ov := val.Content[j], val.Content[j+1]
				switch ok.Value {
				case "enabled":
					var b bool
					if err := ov.Decode(&b); err != nil || ov.Kind != yaml.ScalarNode {
						p.errAt(ov, fmt.Sprintf("rule %s: enabled must be true or false", escape.Excerpt(k.Value)))
						continue
					}
					rc.Enabled = &b
					p.set(key+".enabled", ov)
				case "severity":
					sev, err := ParseSeverity(ov.Value)
					if err != nil || ov.Kind != yaml.ScalarNode {
						if err == nil {
							err = errors.New("severity must be error, warning or info")
						}
						p.errAt(ov, fmt.Sprintf("rule %s: %s", escape.Excerpt(k.Value), err))
						continue
					}
					rc.Severity = sev
					p.set(key+".severity", ov)
				default:
					opts.Content = append(opts.Content, ok, ov)
					p.set(key+"."+ok.Value, ok)
				}
			}
			if len(opts.Content) > 0 {
				rc.Options = opts
			}
		default:
			p.errAt(val, fmt.Sprintf("rule %s: settings must be a mapping such as {severity: warning}", escape.Excerpt(k.Value)))
		}
	}
}

// decoder returns the decode function handed to a rule's Configure: it
// rejects option names the options struct does not have, and values of the
// wrong kind, each with its file, line and column, all at once; then it
// decodes. The messages say what the option takes ("max must be a whole
// number"), never what the YAML decoder calls it.
func (c *Config) decoder(rc *RuleConfig, doc Doc) func(any) error {
	return func(v any) error {
		if rc == nil || rc.Options == nil {
			return nil
		}
		known := yamlFields(v)
		var errs []error
		for i := 0; i+1 < len(rc.Options.Content); i += 2 {
			k, val := rc.Options.Content[i], rc.Options.Content[i+1]
			file := rc.optionFile(k.Value)
			if _, ok := known[k.Value]; !ok {
				names := make([]string, 0, len(known))
				for n := range known {
					names = append(names, n)
				}
				sort.Strings(names)
				msg := fmt.Sprintf("rule %s has no option %s", escape.Excerpt(rc.id), escape.Excerpt(k.Value))
				if s := render.DidYouMean(render.Nearest(k.Value, names, 2)); s != "" {
					msg += ": " + s
				} else if len(names) > 0 {
					msg += ": its options are enabled, severity, " + strings.Join(names, ", ")
				} else {
					msg += ": it takes only enabled and severity"
				}
				errs = append(errs, &render.FileError{File: file, Line: k.Line, Col: k.Column, Msg: msg})
				continue
			}
			t := known[k.Value]
			if err := val.Decode(reflect.New(t).Interface()); err != nil {
				errs = append(errs, &render.FileError{File: file, Line: val.Line, Col: val.Column,
					Msg: fmt.Sprintf("rule %q: %s must be %s", doc.ID, k.Value, kindWords(t))})
			}
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		if err := rc.Options.Decode(v); err != nil {
			// every option decoded on its own above; this is a limit of
			// the decoder's, worded without its internals
			return &render.FileError{File: rc.file, Line: rc.line, Col: rc.col, Msg: fmt.Sprintf("rule %q: its options cannot be read: write each as option: value", doc.ID)}
		}
		return nil
	}
}

// optionFile is the config file an option of the rule was set in.
func (rc *RuleConfig) optionFile(name string) string {
	if f, ok := rc.optionFiles[name]; ok {
		return f
	}
	return rc.file
}

// kindWords says what a value of type t is, for errors: "a whole number",
// "a list of text values".
func kindWords(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a single value"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.String {
			return "a list of text values"
		}
		return "a list of " + strings.TrimPrefix(kindWords(t.Elem()), "a ") + "s"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return "a value of another kind"
}

// yamlFields lists the option names a struct (pointer) accepts, from its
// yaml tags, with each option's type.
func yamlFields(v any) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return out
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name := strings.Split(tag, ",")[0]
		if name == "-" {
			continue
		}
		if strings.Contains(tag, ",inline") {
			// an embedded group of options: its fields are the rule's
			for n, ft := range yamlFields(reflect.New(f.Type).Interface()) {
				out[n] = ft
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}
