package preview

import (
	"path/filepath"
	"sort"
	"strconv"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
)

// limitsView are the lengths a card's counts are shown against: the ones the
// length rules check, as the file's config sets them, for the file's ad
// format.
type limitsView struct {
	// SubjectVisible is what the inbox row shows; SubjectMax LinkedIn's
	// limit (subject-length's visible and max).
	SubjectVisible int `json:"sv"`
	SubjectMax     int `json:"sm"`
	// BodyGuidance and BodyMax are body-length's guidance and the limit
	// for the format.
	BodyGuidance int `json:"bg"`
	BodyMax      int `json:"bm"`
	// ButtonMax is cta-length's limit for the format; ButtonError says
	// whether going over it is an error (Message Ads) or a warning.
	ButtonMax   int  `json:"cm"`
	ButtonError bool `json:"ce,omitempty"`
}

// fileConfig is what the preview takes from the config in force for a
// file: how to count and what to count against.
type fileConfig struct {
	mode                  render.CountMode
	members               string // the config's members file
	message, conversation limitsView
}

// limitOption names one number a length rule takes from its options, with
// the value the preview uses when the rule set does not document it.
type limitOption struct {
	rule, option string
	fallback     int
}

// The options behind limitsView. The defaults come from the rule docs
// (lint.Doc.Options), so they cannot drift from what the rules check; the
// fallbacks only serve a rule set without the built-in length rules.
var (
	optSubjectVisible   = limitOption{"subject-length", "visible", 40}
	optSubjectMax       = limitOption{"subject-length", "max", 60}
	optBodyGuidance     = limitOption{"body-length", "guidance", 500}
	optBodyMessage      = limitOption{"body-length", "max-message", 1500}
	optBodyConversation = limitOption{"body-length", "max-conversation", 8000}
	optCTAMessage       = limitOption{"cta-length", "max-message", 20}
	optCTAConversation  = limitOption{"cta-length", "max-conversation", 25}
)

// configs finds and caches the config of each file the way the engine
// does: --config for every file, else the nearest .inboxlint.yaml.
type configs struct {
	eng    *lint.Engine
	rules  []lint.Rule
	byPath map[string]*fileConfig
}

func newConfigs(eng *lint.Engine, rules []lint.Rule) *configs {
	return &configs{eng: eng, rules: rules, byPath: map[string]*fileConfig{}}
}

// forFile returns the counting mode and limits for the template at file,
// from the config the engine gives it (--config, else the nearest one
// inside the repository). A config that cannot be read stopped the file
// from being linted, so the run has reported it already; here it falls
// back to the defaults.
func (c *configs) forFile(file string) *fileConfig {
	cfg, err := c.eng.ConfigForDir(filepath.Dir(file))
	if err != nil || cfg == nil {
		cfg = lint.DefaultConfig()
	}
	if fc, ok := c.byPath[cfg.Path]; ok {
		return fc
	}
	fc := c.resolve(cfg)
	c.byPath[cfg.Path] = fc
	return fc
}

// inputs are the config files read and the members files they name.
func (c *configs) inputs() []string {
	var out []string
	for p, fc := range c.byPath {
		if p != "" {
			out = append(out, p)
		}
		if fc.members != "" {
			out = append(out, fc.members)
		}
	}
	sort.Strings(out)
	return out
}

func (c *configs) resolve(cfg *lint.Config) *fileConfig {
	get := func(o limitOption) int { return c.option(cfg, o) }
	sv, sm, bg := get(optSubjectVisible), get(optSubjectMax), get(optBodyGuidance)
	return &fileConfig{
		mode: cfg.Count, members: cfg.Members,
		message: limitsView{SubjectVisible: sv, SubjectMax: sm, BodyGuidance: bg,
			BodyMax: get(optBodyMessage), ButtonMax: get(optCTAMessage), ButtonError: true},
		conversation: limitsView{SubjectVisible: sv, SubjectMax: sm, BodyGuidance: bg,
			BodyMax: get(optBodyConversation), ButtonMax: get(optCTAConversation)},
	}
}

// option is the config's value for o, else the documented default, else
// the fallback. Values the rule would refuse (not a positive integer) make
// the config an error for the run; they are ignored here.
func (c *configs) option(cfg *lint.Config, o limitOption) int {
	v := o.fallback
	for _, r := range c.rules {
		d := r.Doc()
		if d.ID != o.rule {
			continue
		}
		for _, opt := range d.Options {
			if n, err := strconv.Atoi(opt.Default); opt.Name == o.option && err == nil && n > 0 {
				v = n
			}
		}
	}
	rc := cfg.Rules[o.rule]
	if rc == nil || rc.Options == nil {
		return v
	}
	for i := 0; i+1 < len(rc.Options.Content); i += 2 {
		if rc.Options.Content[i].Value != o.option {
			continue
		}
		var n int
		if err := rc.Options.Content[i+1].Decode(&n); err == nil && n > 0 {
			v = n
		}
	}
	return v
}

func (fc *fileConfig) limits(f render.Format) limitsView {
	if f == render.FormatConversation {
		return fc.conversation
	}
	return fc.message
}
