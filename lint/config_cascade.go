package lint

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// How configs compose, as in ESLint's and markdownlint-cli2's cascades:
//
//   - every .inboxlint.yaml from a file's directory up to the repository
//     root applies, the nearest winning key by key; root: true in one of
//     them stops the walk there;
//   - a config's extends: (a path or a list, relative to it, confined to
//     the repository like every read) comes before the config itself: the
//     config's own keys win, and of the extended files the later wins;
//   - rules: blocks merge by rule id, and within a rule key by key
//     (enabled, severity, each option); custom: rules merge by id, the
//     nearer declaration replacing the farther one whole;
//   - include and exclude are each taken whole from the nearest config
//     that sets them, and stay relative to that config's directory;
//   - --config replaces discovery: that file (with what it extends) alone.
//
// A nearer config that configures a rule (a severity, an option) without
// saying enabled turns it back on when a farther one turned it off, as a
// rule that is off by default is turned on by configuring it.

// maxExtendsDepth bounds a chain of extends: (a extends b extends c …):
// configs come from pull requests too.
const maxExtendsDepth = 16

// findConfigs returns every config file at or above dir, up to and
// including root's directory, nearest first (one per directory, as
// findConfig picks it).
func findConfigs(root *repofs.Root, dir string) []string {
	rel, err := root.Rel(dir)
	if err != nil {
		return nil
	}
	var out []string
	for {
		for _, name := range configNames {
			p := root.Path(filepath.Join(rel, name))
			if fi, err := root.Lstat(p); err == nil && !fi.IsDir() {
				out = append(out, relToWD(p))
				break
			}
		}
		if rel == "." {
			return out
		}
		rel = filepath.Dir(rel)
	}
}

// layerEntry is one config file with what it extends merged in.
type layerEntry struct {
	cfg *Config
	err error
}

// layer loads the config at path through root, with its extends: merged
// under it. named is true for a config found by discovery or named with
// --config, false for one named by extends:. stack holds the files whose
// extends led here, for cycles; at is where the file was named.
//
// Layers are cached, but a layer being loaded is not waited for: two
// goroutines that start from either end of an extends cycle would wait on
// each other. At worst a layer is loaded twice, with the same result.
func (e *Engine) layer(path string, root *repofs.Root, named bool, stack []string, at Origin) (*Config, error) {
	abs, _ := filepath.Abs(path)
	for i, s := range stack {
		if s == abs {
			names := make([]string, 0, len(stack)-i+1)
			for _, n := range stack[i:] {
				names = append(names, relToWD(n))
			}
			names = append(names, relToWD(abs))
			return nil, &render.FileError{File: at.file, Line: at.line, Col: at.col, Msg: "extends makes a cycle: " + escape.Controls(strings.Join(names, " → "))}
		}
	}
	if len(stack) > maxExtendsDepth {
		return nil, &render.FileError{File: at.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf("extends goes more than %d configs deep: extend a shared config directly", maxExtendsDepth)}
	}
	key := fmt.Sprintf("%s\x00%s\x00%v", root.Dir(), abs, named)
	e.mu.Lock()
	le, ok := e.layers[key]
	e.mu.Unlock()
	if ok {
		return le.cfg, le.err
	}
	le = &layerEntry{}
	defer func() {
		e.mu.Lock()
		e.layers[key] = le
		e.mu.Unlock()
	}()
	var c *Config
	var err error
	if named {
		c, err = loadConfig(root, path)
	} else {
		// an extended config is read like any file the repository names:
		// confined to it
		var data []byte
		if data, err = root.ReadFile(path, repofs.ConfigLimit); err != nil {
			err = &render.FileError{File: at.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf("extends: cannot read config: %v", err)}
		} else {
			c, err = parseConfig(path, data)
		}
	}
	var errs []error
	if err != nil {
		if c == nil {
			le.err = err
			return nil, err
		}
		errs = append(errs, err) // and go on, to report the extended files' errors too
	}
	var base *Config
	for i, x := range c.extends {
		ext, err := e.layer(x, root, false, append(stack, abs), c.extendsAt[i])
		if err != nil {
			errs = append(errs, err)
		}
		if ext == nil {
			continue
		}
		if base == nil {
			base = ext
		} else {
			base = mergeConfig(base, ext)
		}
	}
	if base != nil {
		root := c.root
		c = mergeConfig(base, c)
		c.root = root // extended files do not stop the walk; this one may
	}
	le.cfg = c
	if len(errs) > 0 {
		c.partial = true
		le.err = errors.Join(errs...)
	}
	return c, le.err
}

// chainConfig merges the configs at paths (nearest first): each file with
// what it extends, the walk stopping at the first with root: true.
func (e *Engine) chainConfig(paths []string, root *repofs.Root) (*Config, error) {
	var layers []*Config
	var errs []error
	for _, p := range paths {
		c, err := e.layer(p, root, true, nil, Origin{file: p})
		if err != nil {
			errs = append(errs, err)
		}
		if c == nil {
			continue
		}
		layers = append(layers, c)
		if c.root {
			break
		}
	}
	out := DefaultConfig()
	if len(layers) > 0 {
		out = layers[len(layers)-1]
		for i := len(layers) - 2; i >= 0; i-- {
			out = mergeConfig(out, layers[i])
		}
	}
	if len(errs) > 0 {
		out.partial = true
		return out, errors.Join(errs...)
	}
	return out, nil
}

// mergeConfig returns base with over's keys on top, over winning key by
// key. Neither is changed.
func mergeConfig(base, over *Config) *Config {
	m := &Config{
		Path: over.Path, Dir: over.Dir, root: over.root, partial: base.partial || over.partial,
		Rules:   map[string]*RuleConfig{},
		Origins: map[string]Origin{},
		Files:   append(append([]string{}, base.Files...), over.Files...),
	}
	for k, o := range base.Origins {
		m.Origins[k] = o
	}
	m.Members = base.Members
	m.Count, m.countSet = base.Count, base.countSet
	m.FailOn = base.FailOn
	m.lang = base.lang
	m.Include, m.IncludeDir = base.Include, base.IncludeDir
	m.Exclude, m.ExcludeDir = base.Exclude, base.ExcludeDir
	set := func(key string) bool {
		o, ok := over.Origins[key]
		if ok {
			m.Origins[key] = o
		}
		return ok
	}
	if set("members") {
		m.Members = over.Members
	}
	if set("count") {
		m.Count, m.countSet = over.Count, over.countSet
	}
	if set("fail-on") {
		m.FailOn = over.FailOn
	}
	if set("lang") {
		m.lang = over.lang
	}
	if set("include") {
		m.Include, m.IncludeDir = over.Include, over.IncludeDir
	}
	if set("exclude") {
		m.Exclude, m.ExcludeDir = over.Exclude, over.ExcludeDir
	}
	delete(m.Origins, "root")
	delete(m.Origins, "extends")
	set("root")
	set("extends")

	for id, rc := range base.Rules {
		m.Rules[id] = rc
	}
	for id, rc := range over.Rules {
		prev, ok := m.Rules[id]
		if !ok {
			m.Rules[id] = rc
			continue
		}
		m.Rules[id] = mergeRule(prev, rc)
	}
	for k, o := range over.Origins {
		if strings.HasPrefix(k, "rules.") || strings.HasPrefix(k, "custom.") {
			m.Origins[k] = o
		}
	}

	byID := map[string]int{}
	for _, s := range base.Custom {
		byID[s.ID] = len(m.Custom)
		m.Custom = append(m.Custom, s)
	}
	for _, s := range over.Custom {
		if i, ok := byID[s.ID]; ok {
			m.Custom[i] = s
			continue
		}
		byID[s.ID] = len(m.Custom)
		m.Custom = append(m.Custom, s)
	}
	return m
}

// mergeRule merges two blocks of one rule, over's keys winning.
func mergeRule(base, over *RuleConfig) *RuleConfig {
	m := &RuleConfig{id: over.id, file: over.file, line: over.line, col: over.col, Enabled: base.Enabled, Severity: base.Severity}
	switch {
	case over.Enabled != nil:
		m.Enabled = over.Enabled
	case over.Severity != 0 || over.Options != nil:
		if m.Enabled != nil && !*m.Enabled {
			m.Enabled = nil // configuring the rule nearer turns it back on
		}
	}
	if over.Severity != 0 {
		m.Severity = over.Severity
	}
	if base.Options == nil && over.Options == nil {
		return m
	}
	m.optionFiles = map[string]string{}
	opts := &yaml.Node{Kind: yaml.MappingNode}
	index := map[string]int{}
	add := func(rc *RuleConfig) {
		if rc.Options == nil {
			return
		}
		opts.Line, opts.Column = rc.Options.Line, rc.Options.Column
		for i := 0; i+1 < len(rc.Options.Content); i += 2 {
			k, v := rc.Options.Content[i], rc.Options.Content[i+1]
			m.optionFiles[k.Value] = rc.optionFile(k.Value)
			if j, ok := index[k.Value]; ok {
				opts.Content[j], opts.Content[j+1] = k, v
				continue
			}
			index[k.Value] = len(opts.Content)
			opts.Content = append(opts.Content, k, v)
		}
	}
	add(base)
	add(over)
	m.Options = opts
	return m
}

// sortConfigErrors orders errors (joined ones split) by file, line and
// column, the order of the files they point into, and drops repeats.
func sortConfigErrors(errs []error) []error {
	var flat []error
	for _, e := range errs {
		flat = append(flat, splitJoined(e)...)
	}
	pos := func(e error) (string, int, int) {
		var ce *render.FileError
		if errors.As(e, &ce) {
			return ce.File, ce.Line, ce.Col
		}
		return "", 0, 0
	}
	sort.SliceStable(flat, func(i, j int) bool {
		fi, li, ci := pos(flat[i])
		fj, lj, cj := pos(flat[j])
		if fi != fj {
			return fi < fj
		}
		if li != lj {
			return li < lj
		}
		return ci < cj
	})
	out := flat[:0]
	seen := map[string]bool{}
	for _, e := range flat {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return out
}

// ConfigFor returns the effective config for a template: --config's, else
// the merge of every config at and above its directory (config print and
// lint --print-config show it). With an error the config is nil.
func (e *Engine) ConfigFor(file string) (*Config, error) {
	ce := e.configFor(file)
	if ce.err != nil {
		return nil, ce.err
	}
	return ce.cfg, nil
}

// customOrigins is where the custom rules of every config loaded are
// declared: for an id declared in several configs, the first by file and
// line, so that the answer does not depend on the order files were linted.
func (e *Engine) customOrigins() map[string]Origin {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]Origin{}
	for _, ce := range e.configs {
		if ce.cfg == nil {
			continue
		}
		for _, s := range ce.cfg.Custom {
			o := Origin{file: s.config, line: s.line, col: s.col}
			if prev, ok := out[s.ID]; !ok || o.file < prev.file || o.file == prev.file && o.line < prev.line {
				out[s.ID] = o
			}
		}
	}
	return out
}
