package sandbox

// The allowed functions as one execution calls them: bound to its state,
// their arguments and results charged to the budget and checked for what
// printing them would cost.

import (
	"fmt"
	"reflect"
	"text/template"
)

// funcMap binds the functions the field uses, and the instrumentation, to
// this execution.
func (s *execState) funcMap() template.FuncMap {
	fm := template.FuncMap{tickFunc: s.tick, rangeFunc: s.rangeCap, printFunc: s.printCheck}
	for _, name := range s.ft.used {
		if impl := tables().allowed[name]; impl != nil {
			fm[name] = s.wrap(name, impl(s))
		}
	}
	return fm
}

var errorType = reflect.TypeFor[error]()

// wrap returns fn with the same parameters, returning (result, error): it
// counts the call and the data it takes in before the call, measures
// arguments that fn turns into text, and checks and counts the size of
// the result after it. Panics in fn reach text/template, which turns them
// into errors.
func (s *execState) wrap(name string, fn any) any {
	fv := reflect.ValueOf(fn)
	ft := fv.Type()
	in := make([]reflect.Type, ft.NumIn())
	for i := range in {
		in[i] = ft.In(i)
	}
	res := ft.Out(0)
	wt := reflect.FuncOf(in, []reflect.Type{res, errorType}, ft.IsVariadic())
	fail := func(err error) []reflect.Value {
		return []reflect.Value{reflect.Zero(res), reflect.ValueOf(&err).Elem()}
	}
	stringify := stringifies[name]
	return reflect.MakeFunc(wt, func(args []reflect.Value) []reflect.Value {
		if err := s.charge(workCalls, 1); err != nil {
			return fail(err)
		}
		if err := s.chargeArgs(args, ft.IsVariadic()); err != nil {
			return fail(err)
		}
		if stringify != nil {
			if err := s.checkPrinted(name, args, ft.IsVariadic(), stringify); err != nil {
				return fail(err)
			}
		}
		var out []reflect.Value
		if ft.IsVariadic() {
			out = fv.CallSlice(args)
		} else {
			out = fv.Call(args)
		}
		if len(out) == 2 && !out[1].IsNil() {
			return fail(out[1].Interface().(error))
		}
		if err := s.checkResult(name, out[0]); err != nil {
			return fail(err)
		}
		return []reflect.Value{out[0], reflect.Zero(errorType)}
	}).Interface()
}

// eachArg calls f with every argument of a call, the variadic ones one by
// one.
func eachArg(args []reflect.Value, variadic bool, f func(i int, v reflect.Value) bool) {
	for i, a := range args {
		if variadic && i == len(args)-1 {
			for k := 0; k < a.Len(); k++ {
				if !f(i+k, a.Index(k)) {
					return
				}
			}
			return
		}
		if !f(i, a) {
			return
		}
	}
}

// elemCost is what one element of a list or map argument counts as data:
// copying, sorting or hashing an element (keys, values, uniq, concat)
// costs about as much as handling 32 bytes of text.
const elemCost = 32

// chargeArgs counts the data a call takes in: the bytes of its text
// arguments and the elements of its lists and maps, which is what the
// functions that read their arguments whole cost.
func (s *execState) chargeArgs(args []reflect.Value, variadic bool) error {
	var n int64
	eachArg(args, variadic, func(_ int, v reflect.Value) bool {
		v = derefInterface(argValue(v))
		switch v.Kind() {
		case reflect.String:
			n += int64(v.Len())
		case reflect.Slice, reflect.Array, reflect.Map:
			n += elemCost * int64(v.Len())
		}
		return true
	})
	return s.charge(workData, n)
}

// checkPrinted refuses a call that would turn arguments into more text
// than a result may hold, before fmt builds it. which picks the
// arguments that are turned into text.
func (s *execState) checkPrinted(name string, args []reflect.Value, variadic bool, which func(i int) bool) error {
	z := printSizer{limit: int64(s.lim.MaxOutput)}
	eachArg(args, variadic, func(i int, v reflect.Value) bool {
		if which(i) {
			z.add(argValue(v))
			z.size++ // a separator or quotes
		}
		return !z.over()
	})
	if err := s.charge(workData, z.nodes); err != nil {
		return err
	}
	if z.over() {
		return s.bytesError(name)
	}
	return nil
}

// stringifies lists the allowed functions that turn arguments into text
// (fmt's %v, sprig's toString), and which of their arguments.
var stringifies = func() map[string]func(int) bool {
	all := func(int) bool { return true }
	m := map[string]func(int) bool{
		"dict": func(i int) bool { return i%2 == 0 }, // the keys
	}
	for _, n := range []string{"toString", "toStrings", "sortAlpha", "join", "cat", "quote", "squote",
		"print", "println", "html", "js", "urlquery"} {
		m[n] = all
	}
	return m
}()

// checkResult enforces the caps on a function's result, and counts its
// size as data the call gave back.
func (s *execState) checkResult(name string, v reflect.Value) error {
	if v.Kind() == reflect.String {
		if v.Len() > s.lim.MaxOutput {
			return s.bytesError(name)
		}
		return s.charge(workData, int64(v.Len()))
	}
	m := meter{maxBytes: int64(s.lim.MaxOutput), maxElems: int64(s.lim.MaxList)}
	m.add(v)
	if err := s.charge(workData, m.visits); err != nil {
		return err
	}
	return s.meterError(name, &m)
}

func (s *execState) meterError(name string, m *meter) error {
	switch {
	case m.elems > m.maxElems:
		return &sandboxError{msg: fmt.Sprintf("%s result exceeds the cap of %d elements", name, s.lim.MaxList)}
	case m.bytes > m.maxBytes:
		return s.bytesError(name)
	}
	return nil
}

func (s *execState) bytesError(name string) error {
	return &sandboxError{msg: fmt.Sprintf("%s result exceeds the cap of %d bytes", name, s.lim.MaxOutput)}
}
