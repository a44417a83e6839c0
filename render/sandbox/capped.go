package sandbox

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Capped implementations of the functions whose result size depends on an
// argument rather than on the size of the input, so the cap has to be
// checked before the result is built.

func (s *execState) tooBig(name string, n int64) error {
	if n > int64(s.lim.MaxOutput) {
		return s.bytesError(name)
	}
	return nil
}

func (s *execState) repeat(count int, str string) (string, error) {
	if count < 0 {
		return "", &sandboxError{msg: fmt.Sprintf("repeat count %d is negative", count)}
	}
	if len(str) > 0 && count > s.lim.MaxOutput/len(str) {
		return "", &sandboxError{msg: fmt.Sprintf("repeat %d of a %d-byte string would produce %.0f bytes; the cap is %d",
			count, len(str), float64(count)*float64(len(str)), s.lim.MaxOutput)}
	}
	return strings.Repeat(str, count), nil
}

func (s *execState) indent(spaces int, str string) (string, error) {
	if spaces < 0 {
		return "", &sandboxError{msg: fmt.Sprintf("indent width %d is negative", spaces)}
	}
	lines := int64(strings.Count(str, "\n")) + 1
	if err := s.tooBig("indent", int64(len(str))+lines*int64(spaces)); err != nil {
		return "", err
	}
	pad := strings.Repeat(" ", spaces)
	return pad + strings.ReplaceAll(str, "\n", "\n"+pad), nil
}

func (s *execState) nindent(spaces int, str string) (string, error) {
	r, err := s.indent(spaces, str)
	if err != nil {
		return "", err
	}
	return "\n" + r, nil
}

func (s *execState) replace(old, new, src string) (string, error) {
	n := int64(strings.Count(src, old))
	if err := s.tooBig("replace", int64(len(src))+n*int64(len(new)-len(old))); err != nil {
		return "", err
	}
	return strings.ReplaceAll(src, old, new), nil
}

func (s *execState) join(sep string, v any) (string, error) {
	ss := tables().sprig.strslice(v)
	n := int64(len(sep)) * int64(max(len(ss)-1, 0))
	for _, e := range ss {
		n += int64(len(e))
	}
	if err := s.tooBig("join", n); err != nil {
		return "", err
	}
	return strings.Join(ss, sep), nil
}

func (s *execState) wrapWith(width int, sep, str string) (string, error) {
	// Each line break replaces a space or ends a line of width bytes.
	breaks := int64(strings.Count(str, " ")) + int64(len(str)/max(width, 1)) + 1
	if err := s.tooBig("wrapWith", int64(len(str))+breaks*int64(max(len(sep), 1))); err != nil {
		return "", err
	}
	return tables().sprig.wrapWith(width, sep, str), nil
}

// printf bounds what fmt may build before it builds it (printfBound): the
// format, the widths and precisions it asks for, applied to every value
// of every argument, and the arguments. The exact result is checked by the
// wrapper.
func (s *execState) printf(format string, args ...any) (string, error) {
	limit := int64(s.lim.MaxOutput)
	n, err := printfBound(format, args, limit)
	if err != nil {
		return "", err
	}
	if err := s.charge(workData, min(n, limit)); err != nil {
		return "", err
	}
	if n > limit {
		return "", s.bytesError("printf")
	}
	return fmt.Sprintf(format, args...), nil
}

// stepCount is how many elements sprig's untilStep(start, stop, step)
// yields, computed without overflow.
func stepCount(start, stop, step int) uint64 {
	switch {
	case step > 0 && start < stop:
		d := uint64(stop) - uint64(start)
		return d/uint64(step) + boolUint(d%uint64(step) != 0)
	case step < 0 && start > stop:
		d, st := uint64(start)-uint64(stop), uint64(-(step+1))+1
		return d/st + boolUint(d%st != 0)
	}
	return 0
}

func boolUint(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// steps builds untilStep's result, never looping past its count (sprig's
// loop overflows near the ends of the int range and never ends).
func steps(start, step int, n uint64) []int {
	v := make([]int, 0, n)
	for k := uint64(0); k < n; k++ {
		v = append(v, start+int(k)*step)
	}
	return v
}

func (s *execState) listError(call string) error {
	return &sandboxError{msg: fmt.Sprintf("%s exceeds the cap of %d elements", call, s.lim.MaxList)}
}

func (s *execState) until(count int) ([]int, error) {
	step := 1
	if count < 0 {
		step = -1
	}
	n := stepCount(0, count, step)
	if n > uint64(s.lim.MaxList) {
		return nil, s.listError(fmt.Sprintf("until %d", count))
	}
	return steps(0, step, n), nil
}

func (s *execState) untilStep(start, stop, step int) ([]int, error) {
	n := stepCount(start, stop, step)
	if n > uint64(s.lim.MaxList) {
		return nil, s.listError(fmt.Sprintf("untilStep %d %d %d", start, stop, step))
	}
	return steps(start, step, n), nil
}

// seq is sprig's seq (like the Unix command) with its count capped.
func (s *execState) seq(params ...int) (string, error) {
	var start, stop, step int
	switch len(params) {
	case 1:
		start, stop, step = 1, params[0], 1
		if stop < start {
			step = -1
		}
		stop += step
	case 2:
		start, stop, step = params[0], params[1], 1
		if stop < start {
			step = -1
		}
		stop += step
	case 3:
		start, stop, step = params[0], params[2], params[1]
		inc := 1
		if stop < start {
			inc = -1
			if step > 0 {
				return "", nil
			}
		}
		stop += inc
	default:
		return "", nil
	}
	n := stepCount(start, stop, step)
	if n > uint64(s.lim.MaxList) {
		call := "seq"
		for _, p := range params {
			call += " " + strconv.Itoa(p)
		}
		return "", s.listError(call)
	}
	var b strings.Builder
	for i, v := range steps(start, step, n) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(v))
	}
	return b.String(), nil
}

func (s *execState) chunk(size int, list any) ([][]any, error) {
	if size < 1 {
		return nil, &sandboxError{msg: fmt.Sprintf("chunk size %d is less than 1", size)}
	}
	return tables().sprig.chunk(size, list)
}

// uniq is sprig's uniq in linear time for scalars (sprig compares every
// pair); lists and maps are still compared with every earlier one, each
// comparison counted (deepEqual).
func (s *execState) uniq(list any) ([]any, error) {
	v := reflect.ValueOf(list)
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return nil, fmt.Errorf("cannot find uniq on type %s", k)
	}
	dest := []any{}
	seen := map[any]bool{}
	var others []any
	for i := 0; i < v.Len(); i++ {
		item := v.Index(i).Interface()
		switch reflect.ValueOf(item).Kind() {
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
			reflect.Float32, reflect.Float64, reflect.String:
			if seen[item] {
				continue
			}
			seen[item] = true
		default:
			dup := false
			for _, o := range others {
				eq, err := s.deepEqual(o, item)
				if err != nil {
					return nil, err
				}
				if eq {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			others = append(others, item)
		}
		dest = append(dest, item)
	}
	return dest, nil
}

// deepEqual is reflect.DeepEqual, counted as data: a comparison costs a
// little, and at most the size of the smaller value, which is measured
// (up to what the budgets have left) before it runs.
func (s *execState) deepEqual(a, b any) (bool, error) {
	left := min(s.lim.fieldLimit(workData)-s.used[workData], s.lim.fileLimit(workData)-s.file.used[workData]) + 1
	size := valueWeight(reflect.ValueOf(a), left)
	size = min(size, valueWeight(reflect.ValueOf(b), size))
	if err := s.charge(workData, 16+size); err != nil {
		return false, err
	}
	return reflect.DeepEqual(a, b), nil
}

// valueWeight is how much of v comparing it may visit: one per value and
// one per byte of text, shared parts each time, stopping past limit.
func valueWeight(v reflect.Value, limit int64) int64 {
	m := meter{maxBytes: limit, maxElems: limit}
	m.add(v)
	return min(m.visits+m.bytes, limit)
}

// mustHas is sprig's mustHas with counted comparisons; has is the same
// (sprig's panics where mustHas returns the error).
func (s *execState) mustHas(needle, haystack any) (bool, error) {
	if haystack == nil {
		return false, nil
	}
	v := reflect.ValueOf(haystack)
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return false, fmt.Errorf("cannot find has on type %s", k)
	}
	for i := 0; i < v.Len(); i++ {
		eq, err := s.deepEqual(needle, v.Index(i).Interface())
		if err != nil || eq {
			return eq, err
		}
	}
	return false, nil
}

func (s *execState) has(needle, haystack any) (bool, error) { return s.mustHas(needle, haystack) }

// mustWithout is sprig's mustWithout with counted comparisons; without is
// the same.
func (s *execState) mustWithout(list any, omit ...any) ([]any, error) {
	v := reflect.ValueOf(list)
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return nil, fmt.Errorf("cannot find without on type %s", k)
	}
	res := []any{}
	for i := 0; i < v.Len(); i++ {
		item := v.Index(i).Interface()
		found := false
		for _, o := range omit {
			eq, err := s.deepEqual(item, o)
			if err != nil {
				return nil, err
			}
			if eq {
				found = true
				break
			}
		}
		if !found {
			res = append(res, item)
		}
	}
	return res, nil
}

func (s *execState) without(list any, omit ...any) ([]any, error) {
	return s.mustWithout(list, omit...)
}

// sortAlpha is sprig's sortAlpha on a copy: sprig sorts a []string in
// place, which would change the caller's data.
func sortAlpha(list any) []string {
	switch reflect.Indirect(reflect.ValueOf(list)).Kind() {
	case reflect.Slice, reflect.Array:
		a := append([]string(nil), tables().sprig.strslice(list)...)
		sort.Strings(a)
		return a
	}
	return []string{tables().sprig.strval(list)}
}

// sortedKeys is sprig's keys in sorted order; sprig's follows Go's random
// map order, and output must be deterministic.
func sortedKeys(dicts ...map[string]any) []string {
	k := []string{}
	for _, d := range dicts {
		for key := range d {
			k = append(k, key)
		}
	}
	sort.Strings(k)
	return k
}

// sortedValues is sprig's values in the order of the sorted keys.
func sortedValues(dict map[string]any) []any {
	v := []any{}
	for _, k := range sortedKeys(dict) {
		v = append(v, dict[k])
	}
	return v
}
