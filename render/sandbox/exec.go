package sandbox

import (
	"fmt"
	"reflect"
	"text/template"
	"text/template/parse"
	"time"
	"unsafe"
)

// Seg maps a range of a field's output back to the field's template text,
// so that findings on rendered copy point at the characters, or at the
// action, that produced them.
type Seg struct {
	Out, OutEnd int // byte range in the output
	Src, SrcEnd int // byte range in the field's template text
	// Literal reports that the output is a verbatim copy of
	// text[Src:SrcEnd], so sub-ranges map one to one; otherwise the output
	// is what the actions in text[Src:SrcEnd] printed, and the whole output
	// range stands for the whole source range.
	Literal bool
}

// Scratch is room for the output and segments of executions, which a
// caller that copies or rebuilds them anyway (as render does, into a
// Text) reuses from one execution to the next instead of allocating both
// for each. The zero Scratch is ready to use; one is used by one
// goroutine at a time.
type Scratch struct {
	out  []byte
	segs []Seg
}

// ExecuteIn runs the field with data under the file's budget b, which it
// spends, and returns the output and segments that cover the whole output
// in order: adjacent, with no gaps or overlaps. The segments' Src ranges
// are increasing and cover the whole text; a segment for a comment, or for
// actions that print nothing, has an empty Out range. Execution runs in the
// calling goroutine and stops at the first limit it reaches; once b is
// spent, every execution under it fails at once with the finding that
// spent it. Missing keys are errors, so a typo in a variable name never
// reaches the copy as "<no value>". It also returns the work the execution
// did, so that a caller who shares its output with another execution of
// the field on the same data can charge the budget for it (Budget.Replay).
//
// The output and segments are written into sc: they are sc's, valid
// until the next execution in sc, and out may be written to (its bytes
// are not a string anyone else holds) until then. A nil sc gives them
// room of their own.
func (ft *Field) ExecuteIn(data Data, b *Budget, sc *Scratch) (out string, segs []Seg, cost Cost, terr *Error) {
	return ft.execute(data, b, sc)
}

func (ft *Field) execute(data Data, b *Budget, sc *Scratch) (out string, segs []Seg, cost Cost, terr *Error) {
	if b.spent != "" {
		return "", nil, Cost{}, &Error{Offset: -1, End: -1, Msg: b.spent}
	}
	e, terr := ft.executor()
	if terr != nil {
		return "", nil, Cost{}, terr
	}
	s := &e.s
	s.reset(b, sc)
	defer func() {
		if r := recover(); r != nil {
			out, segs, cost = "", nil, Cost{}
			terr = &Error{Offset: -1, End: -1, Msg: fmt.Sprintf("template execution failed: %v", r)}
		}
		if sc != nil {
			// the output's room goes back to the scratch, not with the
			// executor to the pool
			sc.out, s.out = s.out[:0], nil
		}
		s.file = nil
		ft.pool.Put(e)
	}()
	if err := s.chargeWeight(ft.top); err != nil {
		return "", nil, Cost{}, s.execError(err)
	}
	vars, tmpl := data.vars, e.tmpl
	if vars == nil {
		vars = map[string]any{}
	}
	handled := false
	if !data.composite {
		tmpl = e.plain
		if steps, ok := ft.simple(); ok && simpleFastPath {
			var err error
			if handled, err = s.runSimple(steps, vars); err != nil {
				return "", nil, Cost{}, s.execError(err)
			}
		}
	}
	if !handled {
		if err := tmpl.Execute(s, vars); err != nil {
			return "", nil, Cost{}, s.execError(err)
		}
	}
	if sc != nil {
		out = unsafe.String(unsafe.SliceData(s.out), len(s.out))
		segs = s.segments(out, sc.segs[:0])
		sc.segs = segs[:0]
	} else {
		out = string(s.out)
		segs = s.segments(out, nil)
	}
	return out, segs, Cost{u: s.used, replayable: !s.regex}, nil
}

// executor is a template bound to its own execution state. Binding the
// function map costs more than running a typical field, so executors are
// kept in the Field's pool and reused, one execution at a time.
type executor struct {
	tmpl  *template.Template
	plain *template.Template // for plain Data: the Field's plain tree, or tmpl
	s     execState
}

func (ft *Field) executor() (*executor, *Error) {
	if e, ok := ft.pool.Get().(*executor); ok {
		return e, nil
	}
	e := &executor{}
	e.s.ft = ft
	fm := e.s.funcMap()
	bind := func(tr *parse.Tree) (*template.Template, *Error) {
		tmpl, err := template.New(fieldName).Option("missingkey=error").Funcs(fm).AddParseTree(fieldName, tr)
		if err != nil {
			return nil, &Error{Offset: -1, End: -1, Msg: "template execution failed: " + err.Error()}
		}
		return tmpl, nil
	}
	var terr *Error
	if e.tmpl, terr = bind(ft.tree); terr != nil {
		return nil, terr
	}
	e.plain = e.tmpl
	if ft.plain != nil {
		if e.plain, terr = bind(ft.plain); terr != nil {
			return nil, terr
		}
	}
	return e, nil
}

// execState is one execution: the output, and the work done, which the
// wrapped functions, the ticks, the meters and the writer count against
// the field's limits and the file's budget.
type execState struct {
	ft   *Field
	lim  *Limits
	file *Budget
	used usage
	// out is the output: the executor's own room, or a Scratch's
	out   []byte
	marks []int // output offset of each literal group written, in order
	clock int   // work events since the safety deadline was last checked
	// regex records that the execution used a pattern: the file's pattern
	// cache makes a second execution cost less than the first, so its
	// Cost cannot be replayed
	regex bool
}

func (s *execState) reset(b *Budget, sc *Scratch) {
	s.file, s.lim = b, &b.lim
	s.used = usage{}
	s.regex = false
	s.out = s.out[:0]
	if sc != nil {
		s.out = sc.out[:0]
	}
	s.marks = s.marks[:0]
}

// sandboxError is a limit or sandbox rule that a function, the tick, a
// meter or the writer enforced. Its message is used as it is; span, when
// set, overrides the position text/template reports.
type sandboxError struct {
	msg  string
	span *fieldSpan
}

func (e *sandboxError) Error() string { return e.msg }

// charge counts n units of work of kind k against the field's limit and
// the file's budget. Spending a file budget, or reaching the safety time
// limit, ends the file's rendering: the file remembers why.
func (s *execState) charge(k work, n int64) error {
	s.used[k] += n
	s.file.used[k] += n
	if lim := s.lim.fieldLimit(k); s.used[k] > lim {
		return &sandboxError{msg: budgetMsg(k, lim, false)}
	}
	if lim := s.lim.fileLimit(k); s.file.used[k] > lim {
		s.file.spent = budgetMsg(k, lim, true)
		return &sandboxError{msg: s.file.spent}
	}
	return s.checkClock()
}

// checkClock checks the safety deadline every so many work events: it is
// a last resort, so it need not be exact, and reading the clock costs more
// than counting.
func (s *execState) checkClock() error {
	if s.clock++; s.clock < 64 {
		return nil
	}
	s.clock = 0
	if time.Now().After(s.file.deadline) {
		s.file.spent = safetyMsg(s.lim.SafetyTimeout)
		return &sandboxError{msg: s.file.spent}
	}
	return nil
}

func (s *execState) chargeWeight(w weight) error {
	if err := s.charge(workActions, w.actions); err != nil {
		return err
	}
	return s.charge(workCalls, w.calls)
}

// Write is the field's output writer; it stops at MaxOutput, and at the
// file's output budget. It records where each top-level literal group's
// text starts, recognising the group's own bytes.
func (s *execState) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil // an action that printed nothing, such as the tick
	}
	lit := -1
	if k := len(s.marks); k < len(s.ft.lits) && s.ft.lits[k].n == len(p) && s.ft.lits[k].text == unsafe.SliceData(p) {
		lit = k
		s.marks = append(s.marks, len(s.out))
	}
	if err := s.charge(workOutput, int64(len(p))); err != nil {
		return 0, &sandboxError{msg: err.Error(), span: s.groupSpan(lit)}
	}
	s.out = append(s.out, p...)
	return len(p), nil
}

// groupSpan is the source span of the group being executed: literal group
// lit, or when lit is -1 the group after the last literal written (the
// first group before any).
func (s *execState) groupSpan(lit int) *fieldSpan {
	g := 0
	switch {
	case lit >= 0:
		g = s.ft.lits[lit].group
	case len(s.marks) > 0:
		g = s.ft.lits[len(s.marks)-1].group + 1
	}
	if g >= len(s.ft.groups) {
		return nil
	}
	return &fieldSpan{s.ft.groups[g].src, s.ft.groups[g].srcEnd}
}

// tick counts one iteration of range i and the work of its body.
func (s *execState) tick(i int) (string, error) {
	r := &s.ft.ranges[i]
	err := s.charge(workIterations, 1)
	if err == nil {
		err = s.chargeWeight(r.body)
	}
	if err != nil {
		return "", &sandboxError{msg: err.Error(), span: &r.span}
	}
	return "", nil
}

// rangeCap passes the value of range i's pipeline through, unless it is an
// integer larger than MaxList (Go templates range over integers, and
// {{ range 2000000000 }} would spin for a minute with no output), a map
// with more entries than MaxList (which range would sort before the first
// iteration could be counted), or not something range can iterate over
// (which text/template would report by printing the value, whole).
func (s *execState) rangeCap(i int, x any) (reflect.Value, error) {
	v := reflect.ValueOf(x)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	fail := func(msg string) (reflect.Value, error) {
		return v, &sandboxError{msg: msg, span: &s.ft.ranges[i].span}
	}
	over := false
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		over = v.Int() > int64(s.lim.MaxList)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		over = v.Uint() > uint64(s.lim.MaxList)
	case reflect.Map:
		if v.Len() > s.lim.MaxList {
			return fail(fmt.Sprintf("range over a map of %d entries exceeds the cap of %d", v.Len(), s.lim.MaxList))
		}
	case reflect.Slice, reflect.Array, reflect.Invalid:
	default:
		return fail(fmt.Sprintf("range can't iterate over %s: range over a list, a map or a whole number", kindName(v)))
	}
	if over {
		return fail(fmt.Sprintf("range over %v exceeds the cap of %d iterations", v, s.lim.MaxList))
	}
	return v, nil
}

// printCheck passes the value of printing action i through, once it has
// measured that printing it fits in what is left of the field's output and
// of the file's: text/template formats a whole value before the writer can
// refuse it. Text is not measured here; the writer refuses it as it is.
func (s *execState) printCheck(i int, x any) (reflect.Value, error) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.String, reflect.Invalid, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return v, nil
	}
	fieldLeft := s.lim.fieldLimit(workOutput) - s.used[workOutput]
	fileLeft := s.lim.fileLimit(workOutput) - s.file.used[workOutput]
	if n := printedSize(v, min(fieldLeft, fileLeft)); n > min(fieldLeft, fileLeft) {
		msg := budgetMsg(workOutput, s.lim.fieldLimit(workOutput), false)
		if n <= fieldLeft {
			s.file.spent = budgetMsg(workOutput, s.lim.fileLimit(workOutput), true)
			msg = s.file.spent
		}
		return v, &sandboxError{msg: msg, span: &s.ft.prints[i]}
	}
	return v, nil
}

// segments turns the literal groups' offsets recorded during execution
// into output segments: every other group fills the output up to the next
// literal. If the offsets do not add up (they always should), the whole
// output maps to the whole text. The segments are appended to room, an
// empty slice, or made when room is nil.
func (s *execState) segments(out string, room []Seg) []Seg {
	ft := s.ft
	if len(ft.groups) == 0 {
		return append(room, Seg{Out: 0, OutEnd: len(out), Src: 0, SrcEnd: len(ft.text), Literal: out == ft.text})
	}
	// whole is one segment for all of it, made only when needed
	whole := func() []Seg { return append(room[:0], Seg{Out: 0, OutEnd: len(out), Src: 0, SrcEnd: len(ft.text)}) }
	if len(s.marks) != len(ft.lits) {
		return whole()
	}
	segs := room
	if segs == nil {
		segs = make([]Seg, 0, len(ft.groups))
	}
	cur, k := 0, 0
	for _, g := range ft.groups {
		var end int
		switch {
		case g.literal:
			if s.marks[k] != cur {
				return whole()
			}
			end = cur + g.srcEnd - g.src
			k++
		case k < len(s.marks):
			end = s.marks[k]
		default:
			end = len(out)
		}
		if end < cur || end > len(out) || g.literal && out[cur:end] != ft.text[g.src:g.srcEnd] {
			return whole()
		}
		segs = append(segs, Seg{Out: cur, OutEnd: end, Src: g.src, SrcEnd: g.srcEnd, Literal: g.literal})
		cur = end
	}
	if cur != len(out) {
		return whole()
	}
	return segs
}
