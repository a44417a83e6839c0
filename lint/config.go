package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// ConfigName is the file inboxlint looks for, walking up from each linted
// file's directory to the repository root; the nearest one wins.
const ConfigName = ".inboxlint.yaml"

// configNames are the names looked for in each directory, in order.
var configNames = []string{ConfigName, ".inboxlint.yml"}

// Config is one .inboxlint.yaml. Paths in it are relative to its directory.
type Config struct {
	// Path is the file the config was read from; "" for the built-in
	// default.
	Path string
	// Dir is the directory paths in the config are relative to.
	Dir string
	// Members is the sample members file, resolved against Dir.
	Members string
	// Count is how lengths are measured; CountSet says whether the file set it.
	Count    render.CountMode
	CountSet bool
	// FailOn is the config's fail-on, zero when unset.
	FailOn FailOn
	// Include and Exclude are doublestar globs relative to Dir.
	Include, Exclude []string
	// Rules holds each rule's block, by rule id.
	Rules map[string]*RuleConfig
	// Custom holds the user-declared rules (custom:).
	Custom []*CustomSpec
	// Root is root: true, which stops the search for configs at this
	// one's directory. With nearest-wins discovery the nearest config ends
	// the search anyway; the key is parsed now so that configs written for
	// a later version, in which configs merge up to the root, keep working.
	Root bool
}

// RuleConfig is one entry of the rules: block.
type RuleConfig struct {
	ID       string
	Enabled  *bool
	Severity Severity
	// Options is the block without enabled and severity, for the rule's
	// Configure; nil when there are none.
	Options *yaml.Node
	// Pos is where the entry's key is, for errors.
	Line, Col int
}

// DefaultConfig is used for files with no config above them.
func DefaultConfig() *Config { return &Config{Rules: map[string]*RuleConfig{}} }

// LoadConfig reads and parses a config file through root: a config
// discovered inside the repository, or one named with --config (which may
// lie outside it, see repofs.Root.ReadExplicit). Either must be a regular
// file of at most repofs.MaxConfigSize bytes.
func LoadConfig(root *repofs.Root, path string) (*Config, error) {
	data, err := root.ReadExplicit(path, repofs.ConfigLimit)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return ParseConfig(path, data)
}

var configKeys = []string{"members", "count", "fail-on", "include", "exclude", "rules", "custom", "root"}

// ParseConfig parses a config file's contents. name is used in errors and
// to resolve relative paths.
func ParseConfig(name string, data []byte) (*Config, error) {
	c := DefaultConfig()
	c.Path = name
	c.Dir = filepath.Dir(name)
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := render.YAMLErrorLine(err, data)
		return nil, &render.FileError{File: name, Line: line, Msg: "invalid YAML: " + escape.Controls(msg)}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return c, nil // "---" and comments: an empty config, like an empty file
	}
	if root.Kind != yaml.MappingNode {
		return nil, c.errAt(root, "config must be a mapping of keys such as rules and members")
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return nil, c.errAt(k, fmt.Sprintf("key %s appears twice", escape.Excerpt(k.Value)))
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "members":
			var s string
			if s, err = c.str(v, "members"); err == nil && s != "" {
				if filepath.IsAbs(s) || strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\`) {
					err = c.errAt(v, "members must be a path relative to the config's directory")
				}
				c.Members = filepath.Join(c.Dir, s)
			}
		case "root":
			if err = v.Decode(&c.Root); err != nil || v.Kind != yaml.ScalarNode {
				err = c.errAt(v, "root must be true or false")
			}
		case "count":
			var s string
			if s, err = c.str(v, "count"); err == nil {
				c.Count, err = render.ParseCountMode(s)
				if err != nil {
					err = c.errAt(v, err.Error())
				}
				c.CountSet = true
			}
		case "fail-on":
			var word string
			if word, err = c.str(v, "fail-on"); err == nil {
				if c.FailOn, err = ParseFailOn(word); err != nil {
					err = c.errAt(v, err.Error())
				}
			}
		case "include":
			c.Include, err = c.globs(v, "include")
		case "exclude":
			c.Exclude, err = c.globs(v, "exclude")
		case "rules":
			err = c.parseRules(v)
		case "custom":
			err = c.parseCustom(v)
		default:
			msg := fmt.Sprintf("unknown key %s", escape.Excerpt(k.Value))
			if s := render.DidYouMean(render.Nearest(k.Value, configKeys, 2)); s != "" {
				msg += ": " + s
			} else {
				msg += ": the keys are " + strings.Join(configKeys, ", ")
			}
			err = c.errAt(k, msg)
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Config) errAt(n *yaml.Node, msg string) *render.FileError {
	return &render.FileError{File: c.Path, Line: n.Line, Col: n.Column, Msg: msg}
}

func (c *Config) str(v *yaml.Node, key string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", c.errAt(v, key+" must be a single value")
	}
	return v.Value, nil
}

func (c *Config) globs(v *yaml.Node, key string) ([]string, error) {
	var out []string
	if v.Kind == yaml.ScalarNode {
		v = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{v}}
	}
	if v.Kind != yaml.SequenceNode {
		return nil, c.errAt(v, key+" must be a list of glob patterns")
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode || !doublestar.ValidatePattern(item.Value) {
			return nil, c.errAt(item, fmt.Sprintf("%s: %s is not a valid glob pattern", key, escape.Excerpt(item.Value)))
		}
		out = append(out, item.Value)
	}
	return out, nil
}

func (c *Config) parseRules(v *yaml.Node) error {
	if v.Kind != yaml.MappingNode {
		return c.errAt(v, "rules must be a mapping of rule ids to settings")
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		rc := &RuleConfig{ID: k.Value, Line: k.Line, Col: k.Column}
		if _, dup := c.Rules[k.Value]; dup {
			return c.errAt(k, fmt.Sprintf("rule %s is configured twice", escape.Excerpt(k.Value)))
		}
		c.Rules[k.Value] = rc
		switch val.Kind {
		case yaml.ScalarNode:
			// shorthand: off / on / a severity
			switch val.Value {
			case "off", "false":
				rc.Enabled = boolPtr(false)
			case "on", "true":
				rc.Enabled = boolPtr(true)
			default:
				sev, err := ParseSeverity(val.Value)
				if err != nil {
					return c.errAt(val, fmt.Sprintf("rule %s: %s is not a setting: use off, on, a severity, or a mapping of options", escape.Excerpt(k.Value), escape.Excerpt(val.Value)))
				}
				rc.Severity = sev
			}
		case yaml.MappingNode:
			opts := &yaml.Node{Kind: yaml.MappingNode, Line: val.Line, Column: val.Column}
			for j := 0; j+1 < len(val.Content); j += 2 {
				ok, ov := val.Content[j], val.Content[j+1]
				switch ok.Value {
				case "enabled":
					var b bool
					if err := ov.Decode(&b); err != nil {
						return c.errAt(ov, fmt.Sprintf("rule %s: enabled must be true or false", escape.Excerpt(k.Value)))
					}
					rc.Enabled = &b
				case "severity":
					sev, err := ParseSeverity(ov.Value)
					if err != nil {
						return c.errAt(ov, fmt.Sprintf("rule %s: %s", escape.Excerpt(k.Value), err))
					}
					rc.Severity = sev
				default:
					opts.Content = append(opts.Content, ok, ov)
				}
			}
			if len(opts.Content) > 0 {
				rc.Options = opts
			}
		default:
			return c.errAt(val, fmt.Sprintf("rule %s: settings must be a mapping such as {severity: warning}", escape.Excerpt(k.Value)))
		}
	}
	return nil
}

// decoder returns the decode function handed to a rule's Configure: it
// rejects option names the options struct does not have, with their line,
// then decodes.
func (c *Config) decoder(rc *RuleConfig, doc Doc) func(any) error {
	return func(v any) error {
		if rc == nil || rc.Options == nil {
			return nil
		}
		known := yamlFields(v)
		for i := 0; i+1 < len(rc.Options.Content); i += 2 {
			k := rc.Options.Content[i]
			if !known[k.Value] {
				names := make([]string, 0, len(known))
				for n := range known {
					names = append(names, n)
				}
				sort.Strings(names)
				msg := fmt.Sprintf("rule %s has no option %s", escape.Excerpt(rc.ID), escape.Excerpt(k.Value))
				if s := render.DidYouMean(render.Nearest(k.Value, names, 2)); s != "" {
					msg += ": " + s
				} else if len(names) > 0 {
					msg += ": its options are enabled, severity, " + strings.Join(names, ", ")
				} else {
					msg += ": it takes only enabled and severity"
				}
				return c.errAt(k, msg)
			}
		}
		if err := rc.Options.Decode(v); err != nil {
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
			if first, _, ok := strings.Cut(msg, "\n"); ok {
				msg = first // yaml.v3 puts each problem on a line of its own: one is enough
			}
			return &render.FileError{File: c.Path, Line: rc.Line, Col: rc.Col, Msg: fmt.Sprintf("rule %q: %s", doc.ID, escape.Controls(msg))}
		}
		return nil
	}
}

// yamlFields lists the option names a struct (pointer) accepts, from its
// yaml tags.
func yamlFields(v any) map[string]bool {
	out := map[string]bool{}
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
			for n := range yamlFields(reflect.New(f.Type).Interface()) {
				out[n] = true
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = true
	}
	return out
}

// Matches reports whether path (slash or OS form) is selected by the
// config's include and exclude globs, which are relative to its directory.
func (c *Config) Matches(path string) bool {
	if len(c.Include) == 0 && len(c.Exclude) == 0 {
		return true
	}
	rel := path
	if c.Dir != "" {
		abs, err1 := filepath.Abs(path)
		dir, err2 := filepath.Abs(c.Dir)
		if err1 == nil && err2 == nil {
			if r, err := filepath.Rel(dir, abs); err == nil {
				rel = r
			}
		}
	}
	rel = filepath.ToSlash(rel)
	if len(c.Include) > 0 {
		in := false
		for _, g := range c.Include {
			if ok, _ := doublestar.Match(g, rel); ok {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	for _, g := range c.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return false
		}
	}
	return true
}

// FindConfig returns the nearest config file at or above dir, up to and
// including root's directory, or "" when there is none: a .inboxlint.yaml
// in a shared directory above the repository (/tmp, $HOME) never applies
// to it. A directory named like a config is passed over; anything else of
// that name is the config, so that a FIFO or a link out of the repository
// is reported when it is read instead of being skipped in silence. The
// path is relative to the working directory when it can be.
func FindConfig(root *repofs.Root, dir string) string {
	rel, err := root.Rel(dir)
	if err != nil {
		return ""
	}
	for {
		for _, name := range configNames {
			p := root.Path(filepath.Join(rel, name))
			if fi, err := root.Lstat(p); err == nil && !fi.IsDir() {
				return relToWD(p)
			}
		}
		if rel == "." {
			return ""
		}
		rel = filepath.Dir(rel)
	}
}

func boolPtr(b bool) *bool { return &b }

// relToWD shortens an absolute path to one relative to the working
// directory, the form users read best in errors, when that is possible.
func relToWD(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
