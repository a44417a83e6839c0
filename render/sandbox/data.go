package sandbox

import "reflect"

// Data is the values fields run with: a variant's variables. Made once per
// variant and shared by its fields, it knows whether any value is a list or
// a map; when none is, printing a variable needs no meter.
type Data struct {
	vars      map[string]any
	composite bool
}

// NewData wraps vars, which the fields only read.
func NewData(vars map[string]any) Data {
	d := Data{vars: vars}
	for _, v := range vars {
		if !isScalar(v) {
			d.composite = true
			break
		}
	}
	return d
}

// isScalar reports whether printing v prints text of its own size: text, a
// number, a boolean or nothing. Anything else may be a list or a map.
func isScalar(v any) bool {
	switch v.(type) {
	case nil, string, bool, int, int64, uint64, float64:
		return true
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// Composite reports whether a value of the data is a list or a map: the
// fields then run with meters on every printing action.
func (d Data) Composite() bool { return d.composite }
