package lint

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"sort"
	"strings"
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
	// order is each active rule's index in rules
	order map[string]int
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
// merge of the configs at and above the file's directory inside the root
// that holds the file (config_cascade.go).
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
		p = strings.Join(findConfigs(root, dir), "\x00")
		e.mu.Lock()
		e.dirs[key] = p
		e.mu.Unlock()
	}
	return e.config(p, root)
}

// ConfigForDir returns the config in force for the files of dir, with its
// rules checked (clashing custom ids, unknown rules, bad options): --config,
// else the merge of those found inside the repository. The rules and
// explain commands use it.
func (e *Engine) ConfigForDir(dir string) (*Config, error) {
	ce := e.override
	if ce == nil {
		ce = e.dirConfig(dir, e.rootFor(filepath.Join(dir, ConfigName)))
	}
	return ce.cfg, ce.err
}

// config loads (once) the effective config of a chain of config files
// (nearest first, joined by NUL bytes; config_cascade.go), read through
// root (which then confines the paths they name), and the rule set it
// selects. The files' errors and the rule set's are reported together; a
// config with errors lints nothing.
func (e *Engine) config(chain string, root *repofs.Root) *configEntry {
	ce := entry(&e.mu, e.configs, root.Dir()+"\x00\x00"+chain)
	ce.once.Do(func() {
		ce.root = root
		var paths []string
		if chain != "" {
			paths = strings.Split(chain, "\x00")
		}
		cfg, err := e.chainConfig(paths, root)
		ce.cfg = cfg
		rerr := e.activeRules(ce)
		if err != nil {
			ce.cfg, ce.rules, ce.order, ce.ids = nil, nil, nil, nil
			ce.err = errors.Join(sortConfigErrors([]error{err, rerr})...)
			return
		}
		ce.err = rerr
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
	// the engine's findings and the built-in rules, which NewEngine
	// listed, then the config's custom rules
	ids := maps.Clone(e.known)
	var errs []error
	for _, s := range cfg.Custom {
		if ids[s.ID] {
			errs = append(errs, &render.FileError{File: s.config, Line: s.line, Col: s.col, Msg: fmt.Sprintf("custom rule %q has the id of a built-in rule: choose another id", s.ID)})
			continue
		}
		all = append(all, compileCustomRule(s))
		ids[s.ID] = true
	}
	for id, rc := range cfg.Rules {
		// in a config with errors, the id may be a custom rule that did
		// not parse: its own error says what is wrong
		if !ids[id] && !cfg.partial {
			err := unknownRule(id, all)
			errs = append(errs, &render.FileError{File: rc.file, Line: rc.line, Col: rc.col, Msg: err.Error()})
		}
	}
	sev, err := engineSeverities(cfg)
	if err != nil {
		errs = append(errs, err)
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
			errs = append(errs, &render.FileError{File: rc.optionFile(k.Value), Line: k.Line, Col: k.Column, Msg: fmt.Sprintf("rule %q has no option %s: it takes only enabled and severity", d.ID, escape.Excerpt(k.Value))})
			continue
		}
		// a rule the config gives no options keeps its defaults: the rule
		// value itself, already prepared, serves every such config (a
		// rule's set-up, such as compiling its phrases, is not redone for
		// each config and each run)
		if c, ok := r.(Configurable); ok && rc != nil && rc.Options != nil {
			cr, err := c.Configure(cfg.decoder(rc, d))
			if err != nil {
				var fe *render.FileError
				if errors.As(err, &fe) {
					errs = append(errs, err)
					continue
				}
				file, line, col := cfg.Path, 0, 0
				if rc != nil {
					file, line, col = rc.file, rc.line, rc.col
				}
				errs = append(errs, &render.FileError{File: file, Line: line, Col: col, Msg: fmt.Sprintf("rule %q: %s", d.ID, err)})
				continue
			}
			r = cr
		}
		out = append(out, activeRule{rule: r, id: d.ID, severity: d.Severity, override: override})
	}
	if len(errs) > 0 {
		return errors.Join(sortConfigErrors(errs)...)
	}
	// a rule that judges the directives runs after the others
	sort.SliceStable(out, func(i, j int) bool { return !isDirectiveChecker(out[i].rule) && isDirectiveChecker(out[j].rule) })
	order := make(map[string]int, len(out))
	for i, ar := range out {
		order[ar.id] = i
	}
	ce.rules, ce.order, ce.engineSev, ce.ids = out, order, sev, ids
	return nil
}

func isDirectiveChecker(r Rule) bool {
	_, ok := r.(directiveChecker)
	return ok
}
