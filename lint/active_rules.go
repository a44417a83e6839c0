package lint

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// configEntry is one config, loaded once, with the rule set it selects.
type configEntry struct {
	once sync.Once
	cfg  *Config
	err  error
	// root confines the paths the config names (members:): the root that
	// holds it, or for a --config outside the repository, its directory.
	root *repofs.Root
	// active rules with their effective severity
	rules []activeRule
	// engineSev is the severity of each of the engine's own findings
	engineSev map[string]Severity
	// ids are all rules the config knows, on or off, and the engine's
	// findings, for directives and --enable/--disable
	ids map[string]bool
}

type activeRule struct {
	rule Rule
	id   string
	// severity is the default; override, when set, is the config's and
	// beats whatever the rule reports.
	severity, override Severity
}

// unknownFlagRules reports --enable/--disable ids that no rule of any
// config in the run has.
func (e *Engine) unknownFlagRules() []error {
	var errs []error
	for _, id := range append(append([]string{}, e.opts.Enable...), e.opts.Disable...) {
		if e.known[id] {
			continue
		}
		found := false
		e.mu.Lock()
		for _, ce := range e.configs {
			if ce.ids[id] {
				found = true
			}
		}
		e.mu.Unlock()
		if !found {
			errs = append(errs, unknownRule(id, e.opts.Rules))
		}
	}
	return errs
}

// unknownRule is the error for an id that names no rule, suggesting the
// nearest id of the rules' and the engine's findings.
func unknownRule(id string, rules []Rule) error {
	var ids []string
	for _, d := range engineDocs {
		ids = append(ids, d.ID)
	}
	for _, r := range rules {
		ids = append(ids, r.Doc().ID)
	}
	msg := fmt.Sprintf("unknown rule %s", escape.Excerpt(id))
	if s := render.DidYouMean(render.Nearest(id, ids, 3)); s != "" {
		msg += ": " + s
	}
	return errors.New(msg)
}

// configFor is the config entry in force for a file: --config's, else the
// nearest config at or above the file's directory inside the root that
// holds the file.
func (e *Engine) configFor(file string) *configEntry {
	if e.override != nil {
		return e.override
	}
	return e.dirConfig(filepath.Dir(file), e.rootFor(file))
}

func (e *Engine) dirConfig(dir string, root *repofs.Root) *configEntry {
	key := dirKey{root, dir}
	e.mu.Lock()
	p, ok := e.dirs[key]
	e.mu.Unlock()
	if !ok {
		p = FindConfig(root, dir)
		e.mu.Lock()
		e.dirs[key] = p
		e.mu.Unlock()
	}
	return e.config(p, root)
}

// ConfigForDir returns the config in force for the files of dir, with its
// rules checked (clashing custom ids, unknown rules, bad options): --config,
// else the nearest one found inside the repository. The rules and explain
// commands use it.
func (e *Engine) ConfigForDir(dir string) (*Config, error) {
	ce := e.override
	if ce == nil {
		ce = e.dirConfig(dir, e.rootFor(filepath.Join(dir, ConfigName)))
	}
	return ce.cfg, ce.err
}

// config loads (once) the config at path, read through root (which then
// confines the paths it names), and the rule set it selects.
func (e *Engine) config(path string, root *repofs.Root) *configEntry {
	ce := entry(&e.mu, e.configs, path)
	ce.once.Do(func() {
		ce.root = root
		if path == "" {
			ce.cfg = DefaultConfig()
		} else {
			ce.cfg, ce.err = LoadConfig(root, path)
			if ce.err != nil {
				return
			}
		}
		ce.err = e.activeRules(ce)
	})
	return ce
}

// hasRule reports whether a directive may name id: any rule the config
// knows, including rules it turns off.
func (ce *configEntry) hasRule(id string) bool { return ce.ids[id] }

// activeRules configures the rule set for one config: built-in rules with
// their options, then the config's custom rules, minus what is off; and
// the severity of the engine's own findings, which cannot be off.
func (e *Engine) activeRules(ce *configEntry) error {
	cfg := ce.cfg
	all := append([]Rule{}, e.opts.Rules...)
	ids := map[string]bool{}
	for _, d := range engineDocs {
		ids[d.ID] = true
	}
	for _, r := range all {
		ids[r.Doc().ID] = true
	}
	for _, s := range cfg.Custom {
		if ids[s.ID] {
			return &render.FileError{File: cfg.Path, Line: s.Line, Col: s.Col, Msg: fmt.Sprintf("custom rule %q has the id of a built-in rule: choose another id", s.ID)}
		}
		all = append(all, compileCustomRule(s))
		ids[s.ID] = true
	}
	for id, rc := range cfg.Rules {
		if !ids[id] {
			err := unknownRule(id, all)
			return &render.FileError{File: cfg.Path, Line: rc.Line, Col: rc.Col, Msg: err.Error()}
		}
	}
	sev, err := engineSeverities(cfg)
	if err != nil {
		return err
	}
	var out []activeRule
	for _, r := range all {
		d := r.Doc()
		rc := cfg.Rules[d.ID]
		on := d.Default
		var override Severity
		if rc != nil {
			if rc.Enabled != nil {
				on = *rc.Enabled
			} else if rc.Severity != 0 || rc.Options != nil {
				on = true // configuring a rule that is off by default turns it on
			}
			override = rc.Severity
		}
		if contains(e.opts.Enable, d.ID) {
			on = true
		}
		if contains(e.opts.Disable, d.ID) {
			on = false
		}
		if !on {
			continue
		}
		if _, ok := r.(Configurable); !ok && rc != nil && rc.Options != nil {
			k := rc.Options.Content[0]
			return &render.FileError{File: cfg.Path, Line: k.Line, Col: k.Column, Msg: fmt.Sprintf("rule %q has no option %s: it takes only enabled and severity", d.ID, escape.Excerpt(k.Value))}
		}
		if c, ok := r.(Configurable); ok {
			cr, err := c.Configure(cfg.decoder(rc, d))
			if err != nil {
				var fe *render.FileError
				if errors.As(err, &fe) {
					return err
				}
				line, col := 0, 0
				if rc != nil {
					line, col = rc.Line, rc.Col
				}
				return &render.FileError{File: cfg.Path, Line: line, Col: col, Msg: fmt.Sprintf("rule %q: %s", d.ID, err)}
			}
			r = cr
		}
		out = append(out, activeRule{rule: r, id: d.ID, severity: d.Severity, override: override})
	}
	ce.rules, ce.engineSev, ce.ids = out, sev, ids
	return nil
}
