package rules

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// An integer option with a bound says so in its field's tag, where the
// rule's options are declared: bound:"positive" (above zero) or
// bound:"not-negative". Configure refuses a value out of bounds, before
// the options struct's prepare method runs, with one error that names
// every bounded option of the rule, so that the writer sees them all at
// once: "max-message and max-conversation must be positive", "max-text
// and max-url-message must be positive, and max-links not negative".

// checkBounds checks the bound tags of the options struct opts points to.
// A bound on a field that is not an int, or an unknown bound, is a
// programming error, which newConfigurable reports for the defaults.
func checkBounds(opts any) error {
	v := reflect.ValueOf(opts)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	v = v.Elem()
	var positive, notNegative []string
	out := false
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		bound, ok := f.Tag.Lookup("bound")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if v.Field(i).Kind() != reflect.Int {
			return fmt.Errorf("option %s: a bound needs an int field", name)
		}
		n := v.Field(i).Int()
		switch bound {
		case "positive":
			positive = append(positive, name)
			out = out || n <= 0
		case "not-negative":
			notNegative = append(notNegative, name)
			out = out || n < 0
		default:
			return fmt.Errorf("option %s: unknown bound %q: use positive or not-negative", name, bound)
		}
	}
	switch {
	case !out:
		return nil
	case len(notNegative) == 0:
		return errors.New(andList(positive) + " must be positive")
	case len(positive) == 0:
		return errors.New(andList(notNegative) + " must not be negative")
	}
	return errors.New(andList(positive) + " must be positive, and " + andList(notNegative) + " not negative")
}

// andList joins names as a sentence lists them: "a", "a and b", "a, b and
// c".
func andList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
