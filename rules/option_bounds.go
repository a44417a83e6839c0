package rules

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// An option with a bound says so in its field's tag, where the rule's
// options are declared: an int option bound:"positive" (above zero) or
// bound:"not-negative", a list of text values bound:"no-empty-entries"
// (no entry empty or only white space). Configure refuses a value out of
// bounds, before the options struct's prepare method runs, with one error
// that names every option of the rule with that kind of bound, so that the
// writer sees them all at once: "max-message and max-conversation must be
// positive", "max-text and max-url-message must be positive, and max-links
// not negative", "vague and verbs must not contain empty entries". A group
// of options embedded with yaml:",inline" (formatLimits) is bounded as a
// group of its own, after the struct's own fields: its error names the
// group's options, which are set and read together, and a rule's own
// bounded option is refused first, on its own ("guidance must be
// positive", then "max-message and max-conversation must be positive").

// checkBounds checks the bound tags of the options struct opts points to.
// A bound on a field that is not an int, or an unknown bound, is a
// programming error, which newConfigurable reports for the defaults.
func checkBounds(opts any) error {
	v := reflect.ValueOf(opts)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	var groups []boundGroup
	if err := collectBounds(v.Elem(), &groups); err != nil {
		return err
	}
	for _, g := range groups {
		if err := g.err(); err != nil {
			return err
		}
	}
	return nil
}

// boundGroup is the bounded options of one struct, checked together.
type boundGroup struct {
	positive, notNegative []string
	out                   bool // some int option is out of its bound
	noEmpty               []string
	empty                 bool // some list option has an empty entry
}

// collectBounds appends the group of struct v's own bounded fields to
// groups, then those of its inline groups of options, in field order.
func collectBounds(v reflect.Value, groups *[]boundGroup) error {
	var g boundGroup
	var inline []reflect.Value
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		name, flags, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Anonymous && v.Field(i).Kind() == reflect.Struct && strings.Contains(","+flags+",", ",inline,") {
			inline = append(inline, v.Field(i))
			continue
		}
		bound, ok := f.Tag.Lookup("bound")
		if !ok {
			continue
		}
		fv := v.Field(i)
		switch bound {
		case "positive", "not-negative":
			if fv.Kind() != reflect.Int {
				return fmt.Errorf("option %s: a bound needs an int field", name)
			}
			if bound == "positive" {
				g.positive = append(g.positive, name)
				g.out = g.out || fv.Int() <= 0
			} else {
				g.notNegative = append(g.notNegative, name)
				g.out = g.out || fv.Int() < 0
			}
		case "no-empty-entries":
			if fv.Kind() != reflect.Slice || fv.Type().Elem().Kind() != reflect.String {
				return fmt.Errorf("option %s: bound no-empty-entries needs a list of text values", name)
			}
			g.noEmpty = append(g.noEmpty, name)
			for j := 0; j < fv.Len(); j++ {
				g.empty = g.empty || strings.TrimSpace(fv.Index(j).String()) == ""
			}
		default:
			if fv.Kind() == reflect.Slice {
				return fmt.Errorf("option %s: unknown bound %q: use no-empty-entries", name, bound)
			}
			return fmt.Errorf("option %s: unknown bound %q: use positive or not-negative", name, bound)
		}
	}
	*groups = append(*groups, g)
	for _, iv := range inline {
		if err := collectBounds(iv, groups); err != nil {
			return err
		}
	}
	return nil
}

// err is the group's error when an option is out of its bound: every
// bounded int option of the group named, the positive ones first, or
// else every list option that must have no empty entry.
func (g *boundGroup) err() error {
	switch {
	case g.out && len(g.notNegative) == 0:
		return errors.New(andList(g.positive) + " must be positive")
	case g.out && len(g.positive) == 0:
		return errors.New(andList(g.notNegative) + " must not be negative")
	case g.out:
		return errors.New(andList(g.positive) + " must be positive, and " + andList(g.notNegative) + " not negative")
	case g.empty:
		return errors.New(andList(g.noEmpty) + " must not contain empty entries")
	}
	return nil
}

// andList joins names as a sentence lists them: "a", "a and b", "a, b and
// c".
func andList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
