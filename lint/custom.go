package lint

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// CustomSpec is a rule a team declares in its config (custom:), compiled by
// Compile into an ordinary Rule: same output, same directives, listed by
// `inboxlint rules` and `explain` like the built-in ones.
type CustomSpec struct {
	ID   string
	Kind CustomKind
	// Pattern (forbidden, required) and the wrong forms are compiled under
	// the sandbox's caps on a pattern's length and program size: configs
	// come from pull requests too.
	Pattern *sandbox.Pattern
	Replace []Substitution
	Message string
	// Scope is the fields the patterns are matched against (scope:, by
	// default subject, body, button and footer).
	Scope    render.FieldSet
	Severity Severity
	// config, line and col locate the declaration, for errors and explain.
	config    string
	line, col int
}

// Substitution is one wrong → right pair of a substitute rule.
type Substitution struct {
	Wrong *sandbox.Pattern
	Right string
}

// CustomKind is what a custom rule checks its pattern for.
type CustomKind uint8

// The kinds of custom rule (kind:).
const (
	// customForbidden: the pattern must not appear.
	customForbidden CustomKind = iota + 1
	// customSubstitute: each wrong form must not appear; the message
	// suggests the right one.
	customSubstitute
	// customRequired: the pattern must appear somewhere in the scope.
	customRequired
)

var customKindNames = map[string]CustomKind{"forbidden": customForbidden, "substitute": customSubstitute, "required": customRequired}

// String is the kind as configs write it.
func (k CustomKind) String() string {
	switch k {
	case customForbidden:
		return "forbidden"
	case customSubstitute:
		return "substitute"
	case customRequired:
		return "required"
	}
	return fmt.Sprintf("CustomKind(%d)", uint8(k))
}

// maxCustomID is the longest custom rule id: ids are printed in every
// finding and quoted whole in messages, and come from pull requests.
const maxCustomID = 64

// defaultScope is the scope of a custom rule without scope:.
var defaultScope = render.NewFieldSet(render.FieldSubject, render.FieldBody, render.FieldButtonLabel, render.FieldFooter)

// customKeys are the keys of a custom rule, from CustomRuleFile.
var customKeys = yamlKeys(CustomRuleFile{})

// parseCustom reads custom:, each rule on its own: a broken rule is
// reported (its first problem) and the others are still read, so that all
// are reported at once.
func (p *configParser) parseCustom(v *yaml.Node) {
	c := p.c
	if v.Kind != yaml.SequenceNode {
		p.errAt(v, "custom must be a list of rules, each with id, kind, pattern and message")
		return
	}
	ids := map[string]bool{}
	for _, item := range v.Content {
		s, err := c.parseCustomRule(item, ids)
		if err != nil {
			p.add(err)
			continue
		}
		c.Custom = append(c.Custom, s)
		c.Origins["custom."+s.ID] = Origin{file: c.Path, line: item.Line, col: item.Column}
	}
}

// parseCustomRule reads one custom rule; ids are those of the rules
// before it in the file.
func (c *Config) parseCustomRule(item *yaml.Node, ids map[string]bool) (*CustomSpec, error) {
	if item.Kind != yaml.MappingNode {
		return nil, c.errAt(item, "a custom rule must be a mapping with id, kind, pattern and message")
	}
	s := &CustomSpec{config: c.Path, line: item.Line, col: item.Column, Severity: SeverityWarning}
	var patNode, replNode, kindNode, idNode *yaml.Node
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, val := item.Content[i], item.Content[i+1]
		switch k.Value {
		case "id":
			s.ID, idNode = val.Value, val
		case "kind":
			s.Kind, kindNode = customKindNames[val.Value], val
		case "pattern":
			patNode = val
		case "replace":
			replNode = val
		case "message":
			s.Message = val.Value
		case "scope":
			var scope []string
			if err := val.Decode(&scope); err != nil {
				return nil, c.errAt(val, "scope must be a list of fields: "+strings.Join(render.ScopeWords(), ", "))
			}
			set, err := render.ParseFieldSet(scope)
			if err != nil {
				return nil, c.errAt(val, err.Error())
			}
			s.Scope = set
		case "severity":
			sev, err := ParseSeverity(val.Value)
			if err != nil {
				return nil, c.errAt(val, err.Error())
			}
			s.Severity = sev
		default:
			msg := fmt.Sprintf("unknown key %s in custom rule", escape.Excerpt(k.Value))
			if s := render.DidYouMean(render.Nearest(k.Value, customKeys, 2)); s != "" {
				msg += ": " + s
			}
			return nil, c.errAt(k, msg)
		}
	}
	if !isKebab(s.ID) {
		at := item
		if idNode != nil {
			at = idNode
		}
		return nil, c.errAt(at, fmt.Sprintf("custom rule id %s must be kebab-case, such as no-synergy", escape.Excerpt(s.ID)))
	}
	if len(s.ID) > maxCustomID {
		return nil, c.errAt(idNode, fmt.Sprintf("custom rule id %s is %d characters: keep it to %d, such as no-synergy", escape.Excerpt(s.ID), len(s.ID), maxCustomID))
	}
	if ids[s.ID] {
		return nil, c.errAt(idNode, fmt.Sprintf("custom rule %q is declared twice", s.ID))
	}
	ids[s.ID] = true
	if s.Scope == 0 {
		s.Scope = defaultScope
	}
	switch s.Kind {
	case customForbidden, customRequired:
		if patNode == nil {
			return nil, c.errAt(item, fmt.Sprintf("custom rule %q needs a pattern", s.ID))
		}
		re, err := compileCustom(patNode.Value)
		if err != nil {
			if isLimit(err) {
				return nil, c.errAt(patNode, fmt.Sprintf("custom rule %q: %v", s.ID, err))
			}
			return nil, c.errAt(patNode, fmt.Sprintf("custom rule %q: invalid pattern: %v", s.ID, err))
		}
		s.Pattern = re
		if s.Message == "" {
			return nil, c.errAt(item, fmt.Sprintf("custom rule %q needs a message that says what to write instead", s.ID))
		}
	case customSubstitute:
		if replNode == nil || replNode.Kind != yaml.MappingNode {
			return nil, c.errAt(item, fmt.Sprintf("custom rule %q needs replace: a mapping of wrong to right", s.ID))
		}
		for i := 0; i+1 < len(replNode.Content); i += 2 {
			k, val := replNode.Content[i], replNode.Content[i+1]
			re, err := compileCustom(k.Value)
			if err != nil {
				if isLimit(err) {
					return nil, c.errAt(k, fmt.Sprintf("custom rule %q: pattern %s: %v", s.ID, escape.Excerpt(k.Value), err))
				}
				return nil, c.errAt(k, fmt.Sprintf("custom rule %q: invalid pattern %s: %v", s.ID, escape.Excerpt(k.Value), err))
			}
			s.Replace = append(s.Replace, Substitution{Wrong: re, Right: val.Value})
		}
	default:
		at := item
		if kindNode != nil {
			at = kindNode
		}
		word := ""
		if kindNode != nil {
			word = kindNode.Value
		}
		return nil, c.errAt(at, fmt.Sprintf("custom rule %q: unknown kind %s: use forbidden, substitute or required", s.ID, escape.Excerpt(word)))
	}
	return s, nil
}

// compileCustom compiles a custom rule's pattern under the caps on a
// pattern's length and program size that the template functions have.
func compileCustom(expr string) (*sandbox.Pattern, error) {
	return sandbox.CompilePattern(expr, sandbox.DefaultLimits)
}

// isLimit reports whether err is a pattern over one of the caps, whose
// message names the cap.
func isLimit(err error) bool {
	var pe *sandbox.PatternError
	return errors.As(err, &pe) && pe.Limit
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
