package sandbox

import (
	"fmt"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// Meters: how big a value is as printing it would make it, measured before
// it is printed. text/template and fmt format a whole value into memory
// before the output writer sees a byte, and a value can be far larger
// printed than it is in memory: a YAML list of a thousand aliases of one
// 100 KB string is a thousand string headers, and prints as 100 MB. Every
// meter here walks the value counting shared parts each time they appear,
// as printing would, and stops as soon as it passes its limit, so measuring
// costs at most about the limit whatever the value.

var (
	errorIface    = reflect.TypeFor[error]()
	stringerIface = reflect.TypeFor[fmt.Stringer]()
)

// printSizer measures a value as fmt's %v prints it: exactly for strings,
// integers, booleans and nil, and the lists and maps made of them, and from
// above for floats. nodes counts the values it visited (each list, map,
// key and element), which the printf bound multiplies by widths.
type printSizer struct {
	limit       int64
	size, nodes int64
	// strs and ints count the text and the integer values among nodes,
	// which %s and %d print as they are.
	strs, ints int64
}

func (z *printSizer) over() bool { return z.size > z.limit }

func (z *printSizer) add(v reflect.Value) {
	if z.over() {
		return
	}
	z.nodes++
	if !v.IsValid() {
		z.size += int64(len("<nil>"))
		return
	}
	if v.Kind() != reflect.Interface && (v.Type().Implements(errorIface) || v.Type().Implements(stringerIface)) {
		// fmt would call a method whose output nothing bounds; plain data
		// has none, so refuse rather than guess
		z.size = z.limit + 1
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		z.nodes--
		if v.IsNil() {
			z.nodes++
			z.size += int64(len("<nil>"))
			return
		}
		z.add(v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			z.size += int64(len("<nil>"))
			return
		}
		// &{...} at the top, an address below: 0xc000012345
		z.size += 20
		z.add(v.Elem())
	case reflect.String:
		z.strs++
		z.size += int64(v.Len())
	case reflect.Bool:
		z.size += 5
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var buf [24]byte
		z.ints++
		z.size += int64(len(strconv.AppendInt(buf[:0], v.Int(), 10)))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		var buf [24]byte
		z.ints++
		z.size += int64(len(strconv.AppendUint(buf[:0], v.Uint(), 10)))
	case reflect.Float32, reflect.Float64:
		z.size += 24 // -2.2250738585072014e-308
	case reflect.Complex64, reflect.Complex128:
		z.size += 52
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			z.size += 2 // []
			return
		}
		z.size += 2 + int64(max(v.Len()-1, 0)) // brackets, spaces
		for i := 0; i < v.Len() && !z.over(); i++ {
			z.add(v.Index(i))
		}
	case reflect.Map:
		z.size += int64(len("map[]")) + 2*int64(v.Len()) // ":" and " " per entry
		for it := v.MapRange(); !z.over() && it.Next(); {
			z.add(it.Key())
			z.add(it.Value())
		}
	case reflect.Struct:
		z.size += 2 + int64(v.NumField())
		for i := 0; i < v.NumField() && !z.over(); i++ {
			z.add(v.Field(i))
		}
	default:
		z.size += 20 // an address: channels, functions
	}
}

// printedSize is how many bytes fmt's %v prints for v, or more, stopping
// once it passes limit.
func printedSize(v reflect.Value, limit int64) int64 {
	z := printSizer{limit: limit}
	z.add(v)
	return z.size
}

// argValue unwraps the reflect.Value a function of reflect.Values was
// called with.
func argValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

// meter measures a result as the caps see it: string bytes, and elements
// of lists and maps counted through nesting, with shared parts counted each
// time they appear. visits is what measuring cost. It stops as soon as a
// cap is passed, so measuring costs at most about the caps.
type meter struct {
	bytes, elems, visits int64
	maxBytes, maxElems   int64
}

func (m *meter) over() bool { return m.bytes > m.maxBytes || m.elems > m.maxElems }

func (m *meter) add(v reflect.Value) {
	m.visits++
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		m.bytes += int64(v.Len())
	case reflect.Slice, reflect.Array:
		m.elems += int64(v.Len())
		if m.over() || !deepKind(v.Type().Elem().Kind()) {
			return
		}
		for i := 0; i < v.Len() && !m.over(); i++ {
			m.add(v.Index(i))
		}
	case reflect.Map:
		m.elems += int64(v.Len())
		for it := v.MapRange(); !m.over() && it.Next(); {
			m.add(it.Key())
			m.add(it.Value())
		}
	}
}

// deepKind reports whether values of kind k may hold strings or elements.
func deepKind(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return true
	}
	return false
}

// fmtMax is the largest width or precision fmt accepts (fmt's tooLarge).
const fmtMax = 1_000_000

// printfBound is how many bytes fmt.Sprintf(format, args...) can print, or
// more, stopping once it passes limit: the format's own text, and for each
// verb the argument it prints, with the verb's width and precision applied
// to every value inside it (fmt pads each element of a list). Arguments are
// numbered as fmt numbers them, explicit indexes and * included; an
// argument no verb prints is printed too, as %!(EXTRA ...). It returns an
// error for %p, which prints a memory address that differs on every run.
func printfBound(format string, args []any, limit int64) (int64, error) {
	var total int64
	argNum := 0
	reordered := false
	used := make([]bool, len(args))
	const badText = 20 // %!v(MISSING), %!(BADWIDTH), %!(NOVERB), ...
	// intArg is the width or precision * takes from args[argNum], as fmt
	// reads it: an integer up to fmtMax in size, else none, and fmt says
	// so in the output.
	intArg := func() int64 {
		if argNum >= len(args) {
			total += badText
			return 0
		}
		used[argNum] = true
		v := reflect.ValueOf(args[argNum])
		argNum++
		var n int64
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			n = v.Int()
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			n = int64(min(v.Uint(), fmtMax+1))
		default:
			total += badText
			return 0
		}
		if n < -fmtMax || n > fmtMax {
			total += badText
			return 0
		}
		return max(n, -n)
	}
	// index reads an explicit argument index [n] at format[i:], if any.
	index := func(i int) int {
		if i >= len(format) || format[i] != '[' {
			return i
		}
		reordered = true
		j := i + 1
		n := 0
		for j < len(format) && format[j] >= '0' && format[j] <= '9' && n <= fmtMax {
			n = n*10 + int(format[j]-'0')
			j++
		}
		if j < len(format) && format[j] == ']' {
			if n >= 1 && n <= len(args) {
				argNum = n - 1
			} else {
				total += badText
			}
			return j + 1
		}
		total += badText
		return i + 1 // fmt skips the bracket and reports BADINDEX
	}
	number := func(i int) (int64, int) {
		var n int64
		for i < len(format) && format[i] >= '0' && format[i] <= '9' {
			if n <= 10*fmtMax {
				n = n*10 + int64(format[i]-'0')
			}
			i++
		}
		return min(n, 10*fmtMax), i
	}
	for i := 0; i < len(format); {
		if format[i] != '%' {
			total++
			i++
			continue
		}
		i++
		var sharp, space bool
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '#':
				sharp = true
			case ' ':
				space = true
			case '0', '+', '-':
			default:
				break flags
			}
		}
		var wid, prec int64
		i = index(i)
		if i < len(format) && format[i] == '*' {
			wid = intArg()
			i++
		} else {
			wid, i = number(i)
		}
		if i < len(format) && format[i] == '.' {
			i = index(i + 1)
			if i < len(format) && format[i] == '*' {
				prec = intArg()
				i++
			} else {
				prec, i = number(i)
			}
		}
		i = index(i)
		if i >= len(format) {
			total += badText
			break
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		i += size
		switch {
		case verb == '%':
			total++
			continue
		case verb == 'p':
			return 0, fmt.Errorf("printf %%p prints a memory address, which differs from run to run: print the value instead")
		case argNum >= len(args):
			total += badText
			continue
		}
		used[argNum] = true
		z := printSizer{limit: limit}
		z.add(reflect.ValueOf(args[argNum]))
		argNum++
		pad := wid + prec
		switch verb {
		case 'v':
			if sharp { // Go syntax: quoted strings, type names
				total += 4*z.size + z.nodes*(24+pad)
			} else {
				total += z.size + z.nodes*(2+pad)
			}
		case 's':
			total += z.size + (z.nodes-z.strs)*24 + z.nodes*pad // %!s(int=1)
		case 'd':
			total += z.size + (z.nodes-z.ints)*24 + z.nodes*pad // %!d(string=...)
		case 'f', 'F':
			total += 4*z.size + z.nodes*(330+pad) // 1e308 has 309 digits
		case 'x', 'X':
			f := int64(2)
			if space {
				f = 5 // "0x41 " per byte
			}
			total += f*z.size + z.nodes*(72+pad)
		case 'T':
			total += 100 + pad
		default:
			total += 4*z.size + z.nodes*(72+pad) // %q, %b, %U, %e, ...
		}
		if total > limit {
			return total, nil
		}
	}
	if !reordered {
		for k, a := range args {
			if !used[k] {
				total += 100 + printedSize(reflect.ValueOf(a), limit) // %!(EXTRA type=value)
			}
		}
	}
	return total, nil
}
