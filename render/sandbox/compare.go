package sandbox

import (
	"errors"
	"fmt"
	"reflect"
)

// The comparison functions, with text/template's semantics (integers of
// either sign compare by value; eq takes several arguments and is true if
// the first equals any other; nil compares with lists and maps) but the
// sandbox's costs and messages: they are counted like every call, and
// comparing two lists or maps is an error that names their kinds. Go's own
// eq formats such a value, whole, into its error message: a list of a
// thousand aliases of a long string would be built into one.

type cmpKind int

const (
	cmpInvalid cmpKind = iota
	cmpBool
	cmpInt
	cmpUint
	cmpFloat
	cmpComplex
	cmpString
)

func comparableKind(v reflect.Value) cmpKind {
	switch v.Kind() {
	case reflect.Bool:
		return cmpBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmpInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmpUint
	case reflect.Float32, reflect.Float64:
		return cmpFloat
	case reflect.Complex64, reflect.Complex128:
		return cmpComplex
	case reflect.String:
		return cmpString
	}
	return cmpInvalid
}

// derefInterface is the value inside an interface value, if any.
func derefInterface(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface {
		return v.Elem()
	}
	return v
}

// kindName names a value's kind for a message, without printing it.
func kindName(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Invalid:
		return "nil"
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map:
		return "a map"
	case reflect.Float32, reflect.Float64:
		return "a fractional number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	}
	return "a " + v.Kind().String()
}

var errNoComparison = errors.New("missing argument for comparison")

func isNilValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

func incompatible(a, b reflect.Value) error {
	return fmt.Errorf("incompatible types for comparison: %s and %s", kindName(a), kindName(b))
}

// equal reports whether a == b as eq compares them.
func equal(a, b reflect.Value) (bool, error) {
	ka, kb := comparableKind(a), comparableKind(b)
	if ka != kb {
		switch {
		case ka == cmpInt && kb == cmpUint:
			return a.Int() >= 0 && uint64(a.Int()) == b.Uint(), nil
		case ka == cmpUint && kb == cmpInt:
			return b.Int() >= 0 && a.Uint() == uint64(b.Int()), nil
		case a.IsValid() && b.IsValid():
			return false, incompatible(a, b)
		}
		return false, nil // one is nil, the other a number, text or boolean
	}
	switch ka {
	case cmpBool:
		return a.Bool() == b.Bool(), nil
	case cmpInt:
		return a.Int() == b.Int(), nil
	case cmpUint:
		return a.Uint() == b.Uint(), nil
	case cmpFloat:
		return a.Float() == b.Float(), nil
	case cmpComplex:
		return a.Complex() == b.Complex(), nil
	case cmpString:
		return a.String() == b.String(), nil
	}
	// lists, maps and nil: only nil-ness can be compared
	if a.IsValid() && b.IsValid() && a.Kind() != b.Kind() {
		return false, incompatible(a, b)
	}
	if isNilValue(a) || isNilValue(b) {
		return isNilValue(a) == isNilValue(b), nil
	}
	return false, fmt.Errorf("cannot compare %s with %s: compare their elements, or test them with empty", kindName(a), kindName(b))
}

func (s *execState) eq(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	if len(arg2) == 0 {
		return false, errNoComparison
	}
	a := derefInterface(argValue(arg1))
	for _, b := range arg2 {
		ok, err := equal(a, derefInterface(argValue(b)))
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func (s *execState) ne(arg1, arg2 reflect.Value) (bool, error) {
	ok, err := equal(derefInterface(argValue(arg1)), derefInterface(argValue(arg2)))
	return !ok, err
}

// less reports whether a < b as lt compares them: numbers and text only.
func less(a, b reflect.Value) (bool, error) {
	ka, kb := comparableKind(a), comparableKind(b)
	if ka == cmpInvalid {
		return false, fmt.Errorf("invalid type for comparison: %s", kindName(a))
	}
	if kb == cmpInvalid {
		return false, fmt.Errorf("invalid type for comparison: %s", kindName(b))
	}
	if ka != kb {
		switch {
		case ka == cmpInt && kb == cmpUint:
			return a.Int() < 0 || uint64(a.Int()) < b.Uint(), nil
		case ka == cmpUint && kb == cmpInt:
			return b.Int() >= 0 && a.Uint() < uint64(b.Int()), nil
		}
		return false, incompatible(a, b)
	}
	switch ka {
	case cmpFloat:
		return a.Float() < b.Float(), nil
	case cmpInt:
		return a.Int() < b.Int(), nil
	case cmpString:
		return a.String() < b.String(), nil
	case cmpUint:
		return a.Uint() < b.Uint(), nil
	}
	return false, fmt.Errorf("invalid type for comparison: %s", kindName(a))
}

func (s *execState) lt(arg1, arg2 reflect.Value) (bool, error) {
	return less(derefInterface(argValue(arg1)), derefInterface(argValue(arg2)))
}

func (s *execState) le(arg1, arg2 reflect.Value) (bool, error) {
	a, b := derefInterface(argValue(arg1)), derefInterface(argValue(arg2))
	if lt, err := less(a, b); lt || err != nil {
		return lt, err
	}
	return equal(a, b)
}

func (s *execState) gt(arg1, arg2 reflect.Value) (bool, error) {
	le, err := s.le(arg1, arg2)
	return !le && err == nil, err
}

func (s *execState) ge(arg1, arg2 reflect.Value) (bool, error) {
	lt, err := s.lt(arg1, arg2)
	return !lt && err == nil, err
}
