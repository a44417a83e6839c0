package lint

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/lint/lang"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// ConfigName is the file inboxlint looks for, walking up from each linted
// file's directory to the repository root. Every config found on the way
// applies, the nearest winning key by key (see config_cascade.go).
const ConfigName = ".inboxlint.yaml"

// configNames are the names looked for in each directory, in order.
var configNames = []string{ConfigName, ".inboxlint.yml"}

// Config is one .inboxlint.yaml, or the effective config of a directory,
// merged from the configs above it and those they extend. Paths in it are
// resolved when the file that sets them is read, each against that file's
// directory.
type Config struct {
	// Path is the file the config was read from (for a merged config, the
	// nearest one); "" for the built-in default.
	Path string
	// Dir is the directory of Path.
	Dir string
	// Members is the sample members file, resolved against the directory
	// of the config that set it.
	Members string
	// Count is how lengths are measured; countSet says whether a file set it.
	Count    render.CountMode
	countSet bool
	// FailOn is the config's fail-on, zero when unset.
	FailOn FailOn
	// lang is the config's lang: the language of the templates that do
	// not name theirs (a BCP 47 tag), "" to detect it from the copy.
	lang string
	// Include and Exclude are doublestar globs relative to IncludeDir and
	// ExcludeDir, the directories of the configs that set them.
	Include, Exclude       []string
	IncludeDir, ExcludeDir string
	// Rules holds each rule's block, by rule id.
	Rules map[string]*RuleConfig
	// Custom holds the user-declared rules (custom:).
	Custom []*CustomSpec
	// root is root: true, which stops the search for configs at this
	// one's directory: the configs above it do not apply.
	root bool
	// extends are the files this config builds on (extends:), resolved
	// against its directory; the config's own keys win over theirs.
	extends   []string
	extendsAt []Origin
	// Files are the config files a merged config was made of, from the
	// one that applies first (the farthest, or an extended file) to the
	// nearest.
	Files []string
	// Origins records where each key's value came from, for config print:
	// by key path ("members", "rules.hype.severity", "custom.no-synergy").
	Origins map[string]Origin
	// partial marks a config read from a file with errors: what could be
	// read, to find the rest of the errors with, never to lint with.
	partial bool
}

// Origin is where a config value was set.
type Origin struct {
	file      string
	line, col int
}

// String is "FILE:LINE".
func (o Origin) String() string {
	if o.line == 0 {
		return o.file
	}
	return fmt.Sprintf("%s:%d", o.file, o.line)
}

// RuleConfig is one entry of the rules: block.
type RuleConfig struct {
	id       string
	Enabled  *bool
	Severity Severity
	// Options is the block without enabled and severity, for the rule's
	// Configure; nil when there are none. After a merge it holds every
	// option set on the way, the nearest value of each.
	Options *yaml.Node
	// file, line and col are where the entry's key is, for errors: the
	// nearest config that configures the rule.
	file      string
	line, col int
	// optionFiles are the files the options came from, by option name,
	// when they differ from file (a merge).
	optionFiles map[string]string
}

// DefaultConfig is used for files with no config above them.
func DefaultConfig() *Config {
	return &Config{Rules: map[string]*RuleConfig{}, Origins: map[string]Origin{}}
}

// loadConfig reads and parses a config file through root: a config
// discovered inside the repository, or one named with --config (which may
// lie outside it, see repofs.Root.ReadExplicit). Either must be a regular
// file of at most repofs.MaxConfigSize bytes. It does not follow extends:
// (the engine does, see config_cascade.go).
func loadConfig(root *repofs.Root, path string) (*Config, error) {
	data, err := root.ReadExplicit(path, repofs.ConfigLimit)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return parseConfig(path, data)
}

// configKeys are the keys a config may have, from ConfigFile.
var configKeys = yamlKeys(ConfigFile{})

// maxConfigErrors is how many errors of one config file are reported: all
// of them in any config a person wrote, a bounded list for a generated
// one that is wrong throughout.
const maxConfigErrors = 50

// configParser collects the errors of one file, so that all are reported
// at once.
type configParser struct {
	c    *Config
	errs []error
}

func (p *configParser) add(err error) {
	if err == nil {
		return
	}
	if len(p.errs) == maxConfigErrors {
		p.errs = append(p.errs, &render.FileError{File: p.c.Path, Msg: fmt.Sprintf("more than %d errors: the rest are not reported", maxConfigErrors)})
	}
	if len(p.errs) <= maxConfigErrors {
		p.errs = append(p.errs, err)
	}
}

func (p *configParser) errAt(n *yaml.Node, msg string) { p.add(p.c.errAt(n, msg)) }

// set records where key's value came from.
func (p *configParser) set(key string, n *yaml.Node) {
	p.c.Origins[key] = Origin{file: p.c.Path, line: n.Line, col: n.Column}
}

// parseConfig parses a config file's contents. name is used in errors and
// to resolve relative paths. Every problem of the file is reported: the
// error joins them (errors.Join), in the order of the file. With an error,
// the config is what could be read (nil when the file is no YAML mapping),
// so that the engine can report the problems only the rule set finds
// (an option of the wrong type) at the same time; it must not be used to
// lint.
func parseConfig(name string, data []byte) (*Config, error) {
	c := DefaultConfig()
	c.Path = name
	c.Dir = filepath.Dir(name)
	c.Files = []string{name}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := render.YAMLErrorLine(err, data)
		return nil, &render.FileError{File: name, Line: line, Msg: "invalid YAML: " + escape.Controls(msg)}
	}
	render.FixYAMLPositions(&doc, data)
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
	p := &configParser{c: c}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			p.errAt(k, fmt.Sprintf("key %s appears twice", escape.Excerpt(k.Value)))
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "members":
			if s, ok := p.str(v, "members"); ok && s != "" {
				if filepath.IsAbs(s) || strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\`) {
					p.errAt(v, "members must be a path relative to the config's directory")
					continue
				}
				c.Members = filepath.Join(c.Dir, s)
				p.set("members", v)
			}
		case "root":
			if err := v.Decode(&c.root); err != nil || v.Kind != yaml.ScalarNode {
				p.errAt(v, "root must be true or false")
				continue
			}
			p.set("root", v)
		case "count":
			if s, ok := p.str(v, "count"); ok {
				mode, err := render.ParseCountMode(s)
				if err != nil {
					p.errAt(v, err.Error())
					continue
				}
				c.Count, c.countSet = mode, true
				p.set("count", v)
			}
		case "fail-on":
			if s, ok := p.str(v, "fail-on"); ok {
				f, err := ParseFailOn(s)
				if err != nil {
					p.errAt(v, err.Error())
					continue
				}
				c.FailOn = f
				p.set("fail-on", v)
			}
		case "lang":
			if s, ok := p.str(v, "lang"); ok {
				if _, err := lang.ParseTag(s); err != nil {
					p.errAt(v, err.Error())
					continue
				}
				c.lang = s
				p.set("lang", v)
			}
		case "include":
			if g, ok := p.globs(v, "include"); ok {
				c.Include, c.IncludeDir = g, c.Dir
				p.set("include", v)
			}
		case "exclude":
			if g, ok := p.globs(v, "exclude"); ok {
				c.Exclude, c.ExcludeDir = g, c.Dir
				p.set("exclude", v)
			}
		case "extends":
			p.parseExtends(v)
		case "rules":
			p.parseRules(v)
		case "custom":
			p.parseCustom(v)
		default:
			msg := fmt.Sprintf("unknown key %s", escape.Excerpt(k.Value))
			if s := render.DidYouMean(render.Nearest(k.Value, configKeys, 2)); s != "" {
				msg += ": " + s
			} else {
				msg += ": the keys are " + strings.Join(configKeys, ", ")
			}
			p.errAt(k, msg)
		}
	}
	if len(p.errs) > 0 {
		c.partial = true
		if len(p.errs) == 1 {
			return c, p.errs[0]
		}
		return c, errors.Join(p.errs...)
	}
	return c, nil
}

func (c *Config) errAt(n *yaml.Node, msg string) *render.FileError {
	return &render.FileError{File: c.Path, Line: n.Line, Col: n.Column, Msg: msg}
}

func (p *configParser) str(v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.errAt(v, key+" must be a single value")
		return "", false
	}
	return v.Value, true
}

// list reads a value that is one string or a list of strings.
func (p *configParser) list(v *yaml.Node, msg string) ([]*yaml.Node, bool) {
	if v.Kind == yaml.ScalarNode {
		return []*yaml.Node{v}, true
	}
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, msg)
		return nil, false
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			p.errAt(item, msg)
			return nil, false
		}
	}
	return v.Content, true
}

func (p *configParser) globs(v *yaml.Node, key string) ([]string, bool) {
	items, ok := p.list(v, key+" must be a list of glob patterns")
	if !ok {
		return nil, false
	}
	var out []string
	for _, item := range items {
		if !doublestar.ValidatePattern(item.Value) {
			p.errAt(item, fmt.Sprintf("%s: %s is not a valid glob pattern", key, escape.Excerpt(item.Value)))
			ok = false
			continue
		}
		out = append(out, item.Value)
	}
	return out, ok
}

// parseExtends reads extends: a path or a list of paths, relative to the
// config's directory, of configs this one builds on.
func (p *configParser) parseExtends(v *yaml.Node) {
	items, ok := p.list(v, "extends must be a path or a list of paths to other configs")
	if !ok {
		return
	}
	for _, item := range items {
		s := item.Value
		switch {
		case s == "":
			p.errAt(item, "extends: name a config file, relative to this config's directory")
		case filepath.IsAbs(s) || strings.HasPrefix(s, "/") || strings.HasPrefix(s, `\`):
			p.errAt(item, fmt.Sprintf("extends %s is an absolute path: write it relative to this config's directory, inside the repository", escape.Excerpt(s)))
		case len(s) > maxPathLen || escape.Controls(s) != s:
			p.errAt(item, fmt.Sprintf("extends %s is not a file path", escape.Excerpt(s)))
		default:
			p.c.extends = append(p.c.extends, filepath.Join(p.c.Dir, s))
			p.c.extendsAt = append(p.c.extendsAt, Origin{file: p.c.Path, line: item.Line, col: item.Column})
		}
	}
	p.set("extends", v)
}

// matches reports whether path (slash or OS form) is selected by the
// config's include and exclude globs, which are relative to its directory.
func (c *Config) matches(path string) bool {
	if len(c.Include) == 0 && len(c.Exclude) == 0 {
		return true
	}
	if len(c.Include) > 0 {
		rel := relTo(c.IncludeDir, c.Dir, path)
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
	rel := relTo(c.ExcludeDir, c.Dir, path)
	for _, g := range c.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return false
		}
	}
	return true
}

// relTo is path relative to dir (fallback when dir is ""), in slash form,
// for matching globs written in a config in dir.
func relTo(dir, fallback, path string) string {
	if dir == "" {
		dir = fallback
	}
	rel := path
	if dir != "" {
		abs, err1 := filepath.Abs(path)
		d, err2 := filepath.Abs(dir)
		if err1 == nil && err2 == nil {
			if r, err := filepath.Rel(d, abs); err == nil {
				rel = r
			}
		}
	}
	return filepath.ToSlash(rel)
}

// findConfig returns the nearest config file at or above dir, up to and
// including root's directory, or "" when there is none: a .inboxlint.yaml
// in a shared directory above the repository (/tmp, $HOME) never applies
// to it. A directory named like a config is passed over; anything else of
// that name is the config, so that a FIFO or a link out of the repository
// is reported when it is read instead of being skipped in silence. The
// path is relative to the working directory when it can be.
func findConfig(root *repofs.Root, dir string) string {
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
