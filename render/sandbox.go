package render

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/Masterminds/sprig/v3"
)

// TemplateError is a template parse or execution failure in one field. It
// is reported as a syntax diagnostic at Offset..End of the field's text,
// never as a crash or a hang: a field whose template cannot run simply has
// no rendered copy.
type TemplateError struct {
	// Offset is the byte offset in the field text where the problem is:
	// best effort, 0..len(text), or -1 when the position is unknown.
	Offset int
	// End is the end byte offset (exclusive) of the offending span, such as
	// the name of an unavailable function; End >= Offset.
	End int
	// Msg is lower-case with no trailing period and says what to do, e.g.
	// `template function "env" is not available: templates cannot read the
	// environment`.
	Msg string
}

// Error returns Msg; the position is the caller's to render.
func (e *TemplateError) Error() string { return e.Msg }

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

// Limits bounds one execution of a field. Templates come from pull requests
// and run in CI, so every way a template can make work — output, lists,
// loops, time — has a ceiling, and reaching it is a TemplateError. A zero
// field means the DefaultLimits value.
type Limits struct {
	// MaxOutput is the most bytes one field may print. Every string an
	// allowed function returns, and repeat's result before it is built,
	// counts against it too, so doubling a string in a loop stops at the
	// cap instead of exhausting memory.
	MaxOutput int
	// MaxList is the most elements until, untilStep and seq may produce,
	// the most iterations of a range over an integer, and the most
	// elements (counted through nested lists and maps) any list or map
	// result may hold.
	MaxList int
	// Timeout is how long one execution may run. It is checked at every
	// loop iteration, function call and write, in the calling goroutine.
	Timeout time.Duration
}

// DefaultLimits are the limits inboxlint uses: 64 KiB of output per field is
// far more than any LinkedIn field takes, 10,000 list elements is more than
// any copy needs, and 250ms is forever for a field of ad copy.
var DefaultLimits = Limits{MaxOutput: 64 << 10, MaxList: 10000, Timeout: 250 * time.Millisecond}

func (l Limits) orDefaults() Limits {
	if l.MaxOutput <= 0 {
		l.MaxOutput = DefaultLimits.MaxOutput
	}
	if l.MaxList <= 0 {
		l.MaxList = DefaultLimits.MaxList
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultLimits.Timeout
	}
	return l
}

// FieldTemplate is one parsed field: the authoring stage of rendering
// (DESIGN.md §2). Copywriters write Go text/template actions with sprig
// functions inside one text field; the data is the file's vars merged with
// one variant's values.
//
// Three pieces make the sandbox. The function map is an explicit
// allow-list (see ParseField) of deterministic functions, each wrapped so
// that it checks the deadline and the size of what it returns; Go's print,
// printf and println are replaced by capped versions. The parse tree is
// rejected if it defines or calls templates (which also rules out
// recursion) and is then rewritten: every range gets a check that caps
// ranging over an integer and a tick at the start of its body that checks
// the deadline, and the top-level nodes get markers that record where
// each part of the output begins, which is how Execute maps the output back
// to the text. Finally the output writer stops at MaxOutput.
//
// A FieldTemplate is immutable after ParseField and safe for concurrent
// use by multiple goroutines.
type FieldTemplate struct {
	text   string
	tree   *parse.Tree
	used   []string     // allowed functions the field calls
	groups []fieldGroup // the field's text, in order, as output segments
	marked []int        // indices into groups of the groups with a marker
	ranges []fieldSpan  // per range node, the span errors point at
}

// fieldGroup is one output segment as known at parse time: a literal text
// node, a run of other top-level nodes, or a gap (a comment) that prints
// nothing.
type fieldGroup struct {
	src, srcEnd int
	literal     bool
	marker      bool // the group has nodes and a marker before them
}

type fieldSpan struct{ off, end int }

// fieldName names the template in text/template's error messages, which
// are parsed back into offsets.
const fieldName = "field"

// Names of the functions the rewritten tree calls. They are valid
// identifiers, as text/template requires, but not in the allow-list, so a
// field that names one fails to parse.
const (
	markFunc  = "inboxlintMark"
	tickFunc  = "inboxlintTick"
	rangeFunc = "inboxlintRange"
)

// HasActions reports whether text contains template syntax at all. Callers
// skip templating for plain text, the common case.
func HasActions(text string) bool { return strings.Contains(text, "{{") }

// ParseField parses one field's text with the sandbox's function map.
//
// These functions are available (sprig's, with sprig's argument order):
//
//   - strings: abbrev, abbrevboth, adler32sum, camelcase, cat, contains,
//     hasPrefix, hasSuffix, indent, initials, join, kebabcase, lower,
//     nindent, nospace, plural, quote, regexFind, regexFindAll, regexMatch,
//     regexQuoteMeta, regexReplaceAll, regexReplaceAllLiteral, regexSplit,
//     repeat, replace, sha1sum, sha256sum, sha512sum, snakecase, sortAlpha,
//     split, splitList, splitn, squote, substr, swapcase, title, toString,
//     toStrings, trim, trimAll, trimPrefix, trimSuffix, trunc, untitle,
//     upper, wrap, wrapWith
//   - defaults and conditions: all, any, coalesce, compact, default, empty,
//     ternary
//   - lists: append, chunk, concat, first, has, initial, last, list,
//     prepend, push, rest, reverse, seq, slice, tuple, uniq, until,
//     untilStep, without
//   - maps: dict, dig, get, hasKey, keys, omit, pick, pluck, values
//   - math: add, add1, add1f, addf, atoi, biggest, ceil, div, divf, float64,
//     floor, int, int64, max, maxf, min, minf, mod, mul, mulf, round, sub,
//     subf
//   - sprig's must... variants of the functions above, such as mustFirst
//   - Go's builtins and, eq, ge, gt, html, index, js, le, len, lt, ne, not,
//     or, print, printf, println, urlquery (sprig's slice replaces Go's)
//
// keys and values return keys in sorted order (sprig's order is random),
// and sortAlpha sorts a copy. The hash functions are kept: they are
// deterministic, and useful for stable tracking codes.
//
// Not available, each with a message that says why: env and expandenv
// (environment); now, date and the other clock functions; rand..., shuffle
// and uuidv4 (randomness); key, certificate, password and encryption
// functions; getHostByName (network); os... path functions; fail; set,
// unset and merge... (they modify maps, including the shared data, in
// place: build a new map with dict); call; and sprig's other functions
// (JSON, base64, semver, URL, path, reflection), which ad copy does not
// need. {{ define }}, {{ block }} and {{ template }} are rejected too.
//
// A syntax error, a template definition or a function outside the list is
// a TemplateError at the offending text; the first one in the text wins.
func ParseField(text string) (*FieldTemplate, *TemplateError) {
	tr := parse.New(fieldName)
	tr.Mode = parse.SkipFuncCheck // the allow-list is checked below, with positions
	set := map[string]*parse.Tree{}
	if _, err := tr.Parse(text, "", "", set); err != nil {
		return nil, parseError(text, err)
	}
	ft := &FieldTemplate{text: text, tree: tr}
	if err := ft.check(len(set) != 1 || set[fieldName] != tr); err != nil {
		return nil, err
	}
	ft.rewrite()
	return ft, nil
}

// check rejects template definitions and calls and functions outside the
// allow-list, reporting the first problem in the text.
func (ft *FieldTemplate) check(defined bool) *TemplateError {
	if defined || hasTemplateNode(ft.tree.Root) {
		return definitionError(ft.text)
	}
	var first *TemplateError
	used := map[string]bool{}
	inspect(ft.tree.Root, func(n parse.Node) {
		id, ok := n.(*parse.IdentifierNode)
		if !ok {
			return
		}
		if _, ok := allowed[id.Ident]; ok {
			used[id.Ident] = true
			return
		}
		off := int(id.Pos)
		if first == nil || off < first.Offset {
			first = &TemplateError{Offset: off, End: off + len(id.Ident), Msg: unavailableMsg(id.Ident)}
		}
	})
	if first != nil {
		return first
	}
	for name := range used {
		ft.used = append(ft.used, name)
	}
	sort.Strings(ft.used)
	return nil
}

func hasTemplateNode(root *parse.ListNode) bool {
	found := false
	inspect(root, func(n parse.Node) {
		if _, ok := n.(*parse.TemplateNode); ok {
			found = true
		}
	})
	return found
}

// definitionError reports the first {{ define }}, {{ block }} or
// {{ template }} in text.
func definitionError(text string) *TemplateError {
	const msg = "template definitions are not allowed inside a field"
	for _, a := range scanActions(text) {
		e := &TemplateError{Offset: a.wordOff, End: a.wordOff + len(a.word)}
		switch a.word {
		case "define":
			e.Msg = msg + ": remove {{ define }} and write the text where it is used"
		case "block":
			e.Msg = msg + ": replace {{ block }} with its content"
		case "template":
			e.Msg = msg + ", so {{ template }} has nothing to call: write the text in place"
		default:
			continue
		}
		return e
	}
	return &TemplateError{Offset: -1, End: -1, Msg: msg}
}

// rewrite instruments the parse tree: a cap on every range's value, a tick
// at the start of every range body, and a marker before each output group.
func (ft *FieldTemplate) rewrite() {
	var ranges []*parse.RangeNode
	inspect(ft.tree.Root, func(n parse.Node) {
		if r, ok := n.(*parse.RangeNode); ok {
			ranges = append(ranges, r)
		}
	})
	for i, r := range ranges {
		ft.ranges = append(ft.ranges, rangeSpan(ft.text, int(r.Pos)))
		pos := r.Pos
		r.Pipe.Cmds = append(r.Pipe.Cmds, callCommand(ft.tree, pos, rangeFunc, numberNode(pos, i)))
		tick := actionNode(ft.tree, pos, tickFunc, numberNode(pos, i))
		r.List.Nodes = append([]parse.Node{tick}, r.List.Nodes...)
	}

	// Group the top-level nodes: each literal text node on its own, each
	// run of other nodes together, and each gap between two literal text
	// nodes with nothing in it (a comment) as a group that prints nothing.
	text := ft.text
	root := ft.tree.Root
	var nodes []parse.Node
	prevEnd := 0   // source end of the previous literal group
	inRun := false // in a run of other nodes
	closeRun := func(end int) {
		if inRun {
			ft.groups = append(ft.groups, fieldGroup{src: prevEnd, srcEnd: end, marker: true})
			inRun = false
		} else if end > prevEnd {
			ft.groups = append(ft.groups, fieldGroup{src: prevEnd, srcEnd: end})
		}
	}
	for _, n := range root.Nodes {
		tn, ok := n.(*parse.TextNode)
		if ok {
			p := int(tn.Pos)
			ok = len(tn.Text) > 0 && p >= prevEnd && p+len(tn.Text) <= len(text) && text[p:p+len(tn.Text)] == string(tn.Text)
		}
		if !ok {
			if !inRun {
				inRun = true
				nodes = append(nodes, actionNode(ft.tree, parse.Pos(prevEnd), markFunc))
			}
			nodes = append(nodes, n)
			continue
		}
		p := int(tn.Pos)
		closeRun(p)
		ft.groups = append(ft.groups, fieldGroup{src: p, srcEnd: p + len(tn.Text), literal: true, marker: true})
		nodes = append(nodes, actionNode(ft.tree, tn.Pos, markFunc), n)
		prevEnd = p + len(tn.Text)
	}
	closeRun(len(text))
	root.Nodes = nodes
	for i, g := range ft.groups {
		if g.marker {
			ft.marked = append(ft.marked, i)
		}
	}
}

// rangeSpan is where errors about the range whose pipeline starts at pos
// point: from the range keyword to the end of its action.
func rangeSpan(text string, pos int) fieldSpan {
	kw := strings.LastIndex(text[:pos], "range")
	if kw < 0 {
		kw = pos
	}
	end := pos
	for _, a := range scanActions(text) {
		if a.start <= kw && kw < a.end {
			end = a.innerEnd(text)
			break
		}
	}
	return fieldSpan{kw, max(end, kw)}
}

func numberNode(pos parse.Pos, n int) *parse.NumberNode {
	return &parse.NumberNode{NodeType: parse.NodeNumber, Pos: pos, IsInt: true, Int64: int64(n), Text: strconv.Itoa(n)}
}

func callCommand(tr *parse.Tree, pos parse.Pos, name string, args ...parse.Node) *parse.CommandNode {
	id := parse.NewIdentifier(name).SetTree(tr).SetPos(pos)
	return &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: append([]parse.Node{id}, args...)}
}

func actionNode(tr *parse.Tree, pos parse.Pos, name string, args ...parse.Node) *parse.ActionNode {
	pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{callCommand(tr, pos, name, args...)}}
	return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: pipe}
}

// inspect calls f for n and every node below it, in source order.
func inspect(n parse.Node, f func(parse.Node)) {
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			inspect(c, f)
		}
	case *parse.ActionNode:
		inspectPipe(n.Pipe, f)
	case *parse.PipeNode:
		for _, d := range n.Decl {
			inspect(d, f)
		}
		for _, c := range n.Cmds {
			inspect(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			inspect(a, f)
		}
	case *parse.ChainNode:
		inspect(n.Node, f)
	case *parse.IfNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.WithNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		inspectPipe(n.Pipe, f)
	}
}

func inspectPipe(p *parse.PipeNode, f func(parse.Node)) {
	if p != nil {
		inspect(p, f)
	}
}

func inspectBranch(b *parse.BranchNode, f func(parse.Node)) {
	inspectPipe(b.Pipe, f)
	if b.List != nil {
		inspect(b.List, f)
	}
	if b.ElseList != nil {
		inspect(b.ElseList, f)
	}
}

// Execute runs the template with data and returns the output and segments
// that cover the whole output in order: adjacent, with no gaps or overlaps.
// The segments' Src ranges are increasing and cover the whole text; a
// segment for a comment, or for actions that print nothing, has an empty
// Out range. Execution runs in the calling goroutine and stops at the
// first limit it reaches. Missing keys are errors, so a typo in a variable
// name never reaches the copy as "<no value>".
func (ft *FieldTemplate) Execute(data map[string]any, limits Limits) (out string, segs []Seg, terr *TemplateError) {
	s := &execState{ft: ft, lim: limits.orDefaults()}
	s.deadline = time.Now().Add(s.lim.Timeout)
	defer func() {
		if r := recover(); r != nil {
			out, segs = "", nil
			terr = &TemplateError{Offset: -1, End: -1, Msg: fmt.Sprintf("template execution failed: %v", r)}
		}
	}()
	tmpl, err := template.New(fieldName).Option("missingkey=error").Funcs(s.funcMap()).AddParseTree(fieldName, ft.tree)
	if err != nil {
		return "", nil, &TemplateError{Offset: -1, End: -1, Msg: "template execution failed: " + err.Error()}
	}
	if data == nil {
		data = map[string]any{}
	}
	if err := tmpl.Execute(s, data); err != nil {
		return "", nil, s.execError(err)
	}
	out = s.out.String()
	return out, s.segments(out), nil
}

// execState is one execution: the output, the limits and the deadline that
// the wrapped functions, the tick and the writer check.
type execState struct {
	ft       *FieldTemplate
	lim      Limits
	deadline time.Time
	out      bytes.Buffer
	marks    []int // output offset at each marker, in order
	regexps  map[string]*regexp.Regexp
}

// sandboxError is a limit or sandbox rule that a function, the tick or the
// writer enforced. Its message is used as it is; span, when set, overrides
// the position text/template reports.
type sandboxError struct {
	msg  string
	span *fieldSpan
}

func (e *sandboxError) Error() string { return e.msg }

func (s *execState) checkTime() error {
	if time.Now().After(s.deadline) {
		return &sandboxError{msg: fmt.Sprintf("template execution exceeded %v", s.lim.Timeout)}
	}
	return nil
}

// Write is the field's output writer; it stops at MaxOutput.
func (s *execState) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil // an action that printed nothing, such as the tick
	}
	if len(p) > s.lim.MaxOutput-s.out.Len() {
		return 0, &sandboxError{msg: fmt.Sprintf("field output exceeds the cap of %d bytes", s.lim.MaxOutput), span: s.currentGroup()}
	}
	if err := s.checkTime(); err != nil {
		return 0, &sandboxError{msg: err.Error(), span: s.currentGroup()}
	}
	return s.out.Write(p)
}

// currentGroup is the source span of the group being executed.
func (s *execState) currentGroup() *fieldSpan {
	k := len(s.marks) - 1
	if k < 0 || k >= len(s.ft.marked) {
		return nil
	}
	g := s.ft.groups[s.ft.marked[k]]
	return &fieldSpan{g.src, g.srcEnd}
}

func (s *execState) mark() string {
	s.marks = append(s.marks, s.out.Len())
	return ""
}

func (s *execState) tick(i int) (string, error) {
	if err := s.checkTime(); err != nil {
		return "", &sandboxError{msg: err.Error(), span: &s.ft.ranges[i]}
	}
	return "", nil
}

// rangeCap passes the value of range i's pipeline through, unless it is an
// integer larger than MaxList: Go templates range over integers, and
// {{ range 2000000000 }} would spin for a minute with no output.
func (s *execState) rangeCap(i int, v reflect.Value) (reflect.Value, error) {
	over := false
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		over = v.Int() > int64(s.lim.MaxList)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		over = v.Uint() > uint64(s.lim.MaxList)
	}
	if over {
		return v, &sandboxError{
			msg:  fmt.Sprintf("range over %v exceeds the cap of %d iterations", v, s.lim.MaxList),
			span: &s.ft.ranges[i],
		}
	}
	return v, nil
}

// funcMap binds the functions the field uses, and the instrumentation, to
// this execution.
func (s *execState) funcMap() template.FuncMap {
	fm := template.FuncMap{markFunc: s.mark, tickFunc: s.tick, rangeFunc: s.rangeCap}
	for _, name := range s.ft.used {
		if impl := allowed[name]; impl != nil {
			fm[name] = s.wrap(name, impl(s))
		}
	}
	return fm
}

var errorType = reflect.TypeFor[error]()

// wrap returns fn with the same parameters, returning (result, error): it
// checks the deadline before the call and the size of the result after it.
// Panics in fn reach text/template, which turns them into errors.
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
	return reflect.MakeFunc(wt, func(args []reflect.Value) []reflect.Value {
		if err := s.checkTime(); err != nil {
			return fail(err)
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

// checkResult enforces the caps on a function's result.
func (s *execState) checkResult(name string, v reflect.Value) error {
	if v.Kind() == reflect.String {
		if v.Len() > s.lim.MaxOutput {
			return s.bytesError(name)
		}
		return nil
	}
	m := meter{maxBytes: s.lim.MaxOutput, maxElems: s.lim.MaxList}
	m.add(v)
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

// meter measures a value as printing it would see it: string bytes, and
// elements of lists and maps counted through nesting, with shared parts
// counted each time they appear. It stops as soon as a cap is passed, so
// measuring costs at most about the caps, even for a huge or cyclic value.
type meter struct {
	bytes, elems       int
	maxBytes, maxElems int
}

func (m *meter) over() bool { return m.bytes > m.maxBytes || m.elems > m.maxElems }

func (m *meter) add(v reflect.Value) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		m.bytes += v.Len()
	case reflect.Slice, reflect.Array:
		m.elems += v.Len()
		if m.over() || !deepKind(v.Type().Elem().Kind()) {
			return
		}
		for i := 0; i < v.Len() && !m.over(); i++ {
			m.add(v.Index(i))
		}
	case reflect.Map:
		m.elems += v.Len()
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

// allowed maps every function a field may call to its implementation,
// bound to one execution by the constructor. A nil constructor is a Go
// builtin used as it is.
var allowed = buildAllowed()

// sprigPlain are the sprig functions used as they are, apart from the
// generic wrapper: their results are at most a small multiple of their
// arguments, and they neither read nor modify anything else.
var sprigPlain = []string{
	// strings
	"abbrev", "abbrevboth", "adler32sum", "camelcase", "contains", "hasPrefix",
	"hasSuffix", "initials", "kebabcase", "lower", "nospace", "plural",
	"regexQuoteMeta", "sha1sum", "sha256sum", "sha512sum", "snakecase", "split",
	"splitList", "splitn", "substr", "swapcase", "title", "toString", "toStrings",
	"trim", "trimAll", "trimPrefix", "trimSuffix", "trunc", "untitle", "upper",
	"wrap",
	// defaults
	"all", "any", "coalesce", "compact", "default", "empty", "mustCompact", "ternary",
	// lists
	"append", "concat", "first", "has", "initial", "last", "list", "mustAppend",
	"mustFirst", "mustHas", "mustInitial", "mustLast", "mustPrepend", "mustPush",
	"mustRest", "mustReverse", "mustSlice", "mustWithout", "prepend", "push", "rest",
	"reverse", "slice", "tuple", "without",
	// maps
	"dict", "dig", "get", "hasKey", "omit", "pick", "pluck",
	// math
	"add", "add1", "add1f", "addf", "atoi", "biggest", "ceil", "div", "divf",
	"float64", "floor", "int", "int64", "max", "maxf", "min", "minf", "mod", "mul",
	"mulf", "round", "sub", "subf",
}

// goBuiltins are text/template's builtins that are used as they are.
var goBuiltins = []string{"and", "eq", "ge", "gt", "index", "le", "len", "lt", "ne", "not", "or"}

func buildAllowed() map[string]func(*execState) any {
	m := map[string]func(*execState) any{}
	for _, name := range sprigPlain {
		fn := sprigFuncs[name]
		if fn == nil {
			panic("render: sprig has no function " + name)
		}
		m[name] = func(*execState) any { return fn }
	}
	for _, name := range goBuiltins {
		m[name] = nil
	}
	bind := func(f func(s *execState) any, names ...string) {
		for _, n := range names {
			m[n] = f
		}
	}
	bind(func(s *execState) any { return s.repeat }, "repeat")
	bind(func(s *execState) any { return s.indent }, "indent")
	bind(func(s *execState) any { return s.nindent }, "nindent")
	bind(func(s *execState) any { return s.replace }, "replace")
	bind(func(s *execState) any { return s.join }, "join")
	bind(func(s *execState) any { return s.wrapWith }, "wrapWith")
	bind(func(s *execState) any { return s.cat }, "cat")
	bind(func(s *execState) any { return s.quote }, "quote")
	bind(func(s *execState) any { return s.squote }, "squote")
	bind(func(s *execState) any { return s.until }, "until")
	bind(func(s *execState) any { return s.untilStep }, "untilStep")
	bind(func(s *execState) any { return s.seq }, "seq")
	bind(func(s *execState) any { return s.chunk }, "chunk", "mustChunk")
	bind(func(s *execState) any { return s.uniq }, "uniq", "mustUniq")
	bind(func(*execState) any { return sortAlpha }, "sortAlpha")
	bind(func(*execState) any { return sortedKeys }, "keys")
	bind(func(*execState) any { return sortedValues }, "values")
	bind(func(s *execState) any { return s.regexMatch }, "regexMatch", "mustRegexMatch")
	bind(func(s *execState) any { return s.regexFind }, "regexFind", "mustRegexFind")
	bind(func(s *execState) any { return s.regexFindAll }, "regexFindAll", "mustRegexFindAll")
	bind(func(s *execState) any { return s.regexSplit }, "regexSplit", "mustRegexSplit")
	bind(func(s *execState) any { return s.regexReplaceAll }, "regexReplaceAll", "mustRegexReplaceAll")
	bind(func(s *execState) any { return s.regexReplaceAllLiteral }, "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral")
	bind(func(s *execState) any { return s.print }, "print")
	bind(func(s *execState) any { return s.printf }, "printf")
	bind(func(s *execState) any { return s.println }, "println")
	bind(func(*execState) any { return template.HTMLEscaper }, "html")
	bind(func(*execState) any { return template.JSEscaper }, "js")
	bind(func(*execState) any { return template.URLQueryEscaper }, "urlquery")
	return m
}

// unavailable says why a known function is not in the allow-list.
var unavailable = func() map[string]string {
	m := map[string]string{}
	add := func(why string, names ...string) {
		for _, n := range names {
			m[n] = why
		}
	}
	add("templates cannot read the environment", "env", "expandenv")
	add("output must not depend on the clock", "ago", "date", "dateInZone", "dateModify",
		"date_in_zone", "date_modify", "duration", "durationRound", "htmlDate", "htmlDateInZone",
		"mustDateModify", "mustToDate", "must_date_modify", "now", "toDate", "unixEpoch")
	add("output must be deterministic", "randAlpha", "randAlphaNum", "randAscii", "randBytes",
		"randInt", "randNumeric", "shuffle", "uuidv4")
	add("templates cannot use keys, certificates, passwords or encryption", "bcrypt",
		"buildCustomCert", "decryptAES", "derivePassword", "encryptAES", "genCA", "genCAWithKey",
		"genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
		"genSignedCertWithKey", "htpasswd")
	add("templates cannot use the network", "getHostByName")
	add("output must not depend on the operating system", "osBase", "osClean", "osDir", "osExt", "osIsAbs")
	add("a field cannot stop rendering on purpose", "fail")
	add("templates cannot include other templates", "include", "tpl")
	add("templates cannot modify maps, which would change the data for other fields: build a new map with dict",
		"set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite")
	add("templates cannot call functions from the data", "call")
	const other = "the sandbox has only string, list, map, math and default functions"
	for name := range sprig.GenericFuncMap() {
		if _, ok := m[name]; !ok {
			m[name] = other
		}
	}
	return m
}()

// allowedNames is the sorted allow-list, for suggestions.
var allowedNames = func() []string {
	var names []string
	for n := range allowed {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}()

// unavailableMsg says why name, which is not in the allow-list, cannot be
// called.
func unavailableMsg(name string) string {
	if why, ok := unavailable[name]; ok {
		return fmt.Sprintf("template function %q is not available: %s", name, why)
	}
	msg := fmt.Sprintf("template function %q is not defined", name)
	// Short names are a suggestion away from too many others.
	if dist := min(len(name)/3, 2); dist > 0 {
		if s := Nearest(name, allowedNames, dist); s != "" {
			msg += fmt.Sprintf(": did you mean %q", s)
		}
	}
	return msg
}

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

// The sprig functions the capped implementations call.
var (
	sprigFuncs    = sprig.TxtFuncMap()
	sprigStrslice = sprigFuncs["toStrings"].(func(any) []string)
	sprigStrval   = sprigFuncs["toString"].(func(any) string)
	sprigWrapWith = sprigFuncs["wrapWith"].(func(int, string, string) string)
	sprigCat      = sprigFuncs["cat"].(func(...any) string)
	sprigQuote    = sprigFuncs["quote"].(func(...any) string)
	sprigSquote   = sprigFuncs["squote"].(func(...any) string)
	sprigChunk    = sprigFuncs["mustChunk"].(func(int, any) ([][]any, error))
)

func (s *execState) join(sep string, v any) (string, error) {
	ss := sprigStrslice(v)
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
	return sprigWrapWith(width, sep, str), nil
}

// checkArgs rejects arguments that would make a result over MaxOutput
// before the result is built: printing a value takes at least its string
// bytes, and a byte for each element but the last.
func (s *execState) checkArgs(name string, args []any) error {
	m := meter{maxBytes: s.lim.MaxOutput, maxElems: s.lim.MaxOutput + len(args)}
	for _, a := range args {
		m.add(reflect.ValueOf(a))
		if m.over() {
			return s.bytesError(name)
		}
	}
	return nil
}

func (s *execState) cat(args ...any) (string, error) {
	if err := s.checkArgs("cat", args); err != nil {
		return "", err
	}
	return sprigCat(args...), nil
}

func (s *execState) quote(args ...any) (string, error) {
	if err := s.checkArgs("quote", args); err != nil {
		return "", err
	}
	return sprigQuote(args...), nil
}

func (s *execState) squote(args ...any) (string, error) {
	if err := s.checkArgs("squote", args); err != nil {
		return "", err
	}
	return sprigSquote(args...), nil
}

func (s *execState) print(args ...any) (string, error) {
	if err := s.checkArgs("print", args); err != nil {
		return "", err
	}
	return fmt.Sprint(args...), nil
}

func (s *execState) println(args ...any) (string, error) {
	if err := s.checkArgs("println", args); err != nil {
		return "", err
	}
	return fmt.Sprintln(args...), nil
}

// printf bounds what fmt may build before it builds it: the format, the
// widths and precisions it asks for (fmt caps each at a million), and the
// arguments. The exact result is checked by the wrapper.
func (s *execState) printf(format string, args ...any) (string, error) {
	m := meter{maxBytes: 16 * s.lim.MaxOutput, maxElems: s.lim.MaxList}
	for _, a := range args {
		m.add(reflect.ValueOf(a))
	}
	est := int64(len(format)) + fmtPadding(format) + int64(m.bytes) + 32*int64(m.elems+len(args))
	if m.over() || est > 16*int64(s.lim.MaxOutput) {
		return "", s.bytesError("printf")
	}
	return fmt.Sprintf(format, args...), nil
}

// fmtPadding adds up the widths and precisions in a fmt format, counting
// one taken from an argument (*) as fmt's maximum.
func fmtPadding(format string) int64 {
	const fmtMax = 1e6
	var total int64
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i]) >= 0; i++ {
			switch c := format[i]; {
			case c == '*':
				total += fmtMax
			case c >= '1' && c <= '9':
				j := i
				for j < len(format) && format[j] >= '0' && format[j] <= '9' {
					j++
				}
				n, err := strconv.ParseInt(format[i:j], 10, 64)
				if err != nil || n > fmtMax {
					n = fmtMax
				}
				total += n
				i = j - 1
			}
		}
	}
	return total
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
	return sprigChunk(size, list)
}

// uniq is sprig's uniq in linear time for scalars (sprig compares every
// pair), checking the deadline as it goes.
func (s *execState) uniq(list any) ([]any, error) {
	v := reflect.ValueOf(list)
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return nil, fmt.Errorf("cannot find uniq on type %s", k)
	}
	dest := []any{}
	seen := map[any]bool{}
	var others []any
	for i := 0; i < v.Len(); i++ {
		if i%1024 == 1023 {
			if err := s.checkTime(); err != nil {
				return nil, err
			}
		}
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
				if reflect.DeepEqual(o, item) {
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

// sortAlpha is sprig's sortAlpha on a copy: sprig sorts a []string in
// place, which would change the caller's data.
func sortAlpha(list any) []string {
	switch reflect.Indirect(reflect.ValueOf(list)).Kind() {
	case reflect.Slice, reflect.Array:
		a := append([]string(nil), sprigStrslice(list)...)
		sort.Strings(a)
		return a
	}
	return []string{sprigStrval(list)}
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

// Regular expressions: compiled once per execution, and an invalid pattern
// is an error (sprig's regexMatch says false and the others panic).

func (s *execState) regex(pattern string) (*regexp.Regexp, error) {
	if re, ok := s.regexps[pattern]; ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression %q: %v", pattern, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if s.regexps == nil {
		s.regexps = map[string]*regexp.Regexp{}
	}
	s.regexps[pattern] = re
	return re, nil
}

func (s *execState) regexMatch(pattern, str string) (bool, error) {
	re, err := s.regex(pattern)
	if err != nil {
		return false, err
	}
	return re.MatchString(str), nil
}

func (s *execState) regexFind(pattern, str string) (string, error) {
	re, err := s.regex(pattern)
	if err != nil {
		return "", err
	}
	return re.FindString(str), nil
}

func (s *execState) regexFindAll(pattern, str string, n int) ([]string, error) {
	re, err := s.regex(pattern)
	if err != nil {
		return nil, err
	}
	return re.FindAllString(str, n), nil
}

func (s *execState) regexSplit(pattern, str string, n int) ([]string, error) {
	re, err := s.regex(pattern)
	if err != nil {
		return nil, err
	}
	return re.Split(str, n), nil
}

func (s *execState) regexReplaceAll(pattern, str, repl string) (string, error) {
	return s.regexReplace("regexReplaceAll", pattern, str, repl, false)
}

func (s *execState) regexReplaceAllLiteral(pattern, str, repl string) (string, error) {
	return s.regexReplace("regexReplaceAllLiteral", pattern, str, repl, true)
}

// regexReplace is Regexp.ReplaceAllString that stops at MaxOutput: an
// empty match at every byte, or a replacement full of $0, would otherwise
// build gigabytes before any check could run.
func (s *execState) regexReplace(name, pattern, str, repl string, literal bool) (string, error) {
	re, err := s.regex(pattern)
	if err != nil {
		return "", err
	}
	if re.NumSubexp() > 100 {
		return "", fmt.Errorf("regular expression %q has more than 100 groups", pattern)
	}
	refs := int64(strings.Count(repl, "$"))
	var out []byte
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(str, -1) {
		out = append(out, str[last:m[0]]...)
		if literal {
			out = append(out, repl...)
		} else {
			if err := s.tooBig(name, int64(len(out))+int64(len(repl))+refs*int64(m[1]-m[0])); err != nil {
				return "", err
			}
			out = re.ExpandString(out, repl, str, m)
		}
		if len(out) > s.lim.MaxOutput {
			return "", s.bytesError(name)
		}
		last = m[1]
	}
	out = append(out, str[last:]...)
	return string(out), nil
}

// Errors: text/template reports "template: field:LINE:COL: executing
// "field" at <CONTEXT>: DETAIL" for execution and "template: field:LINE:
// DETAIL" for parsing. Both become a TemplateError with a byte offset in the
// field and a message in inboxlint's style.

func (s *execState) execError(err error) *TemplateError {
	text := s.ft.text
	var se *sandboxError
	isSandbox := errors.As(err, &se)
	var ee template.ExecError
	if !errors.As(err, &ee) {
		if isSandbox && se.span != nil {
			return &TemplateError{Offset: se.span.off, End: se.span.end, Msg: se.msg}
		}
		return &TemplateError{Offset: -1, End: -1, Msg: cleanMsg(err.Error())}
	}
	off, detail, ok := s.splitExecError(ee.Err.Error())
	if !ok {
		off, detail = -1, ee.Err.Error()
	}
	if isSandbox {
		if se.span != nil {
			return &TemplateError{Offset: se.span.off, End: se.span.end, Msg: se.msg}
		}
		return spanAt(text, off, se.msg)
	}
	if key, ok := missingKey(detail); ok {
		e := spanAt(text, off, fmt.Sprintf("no value for %q: add it to vars or to the variant", key))
		if e.Offset >= 0 {
			tok := text[e.Offset:e.End]
			for i := 0; i < len(tok); i++ {
				j := strings.Index(tok[i:], "."+key)
				if j < 0 {
					break
				}
				i += j
				if k := i + 1 + len(key); k == len(tok) || tok[k] == '.' {
					e.Offset, e.End = e.Offset+i, e.Offset+k
					break
				}
			}
		}
		return e
	}
	if name, rest, ok := strings.Cut(detail, ": "); ok && strings.HasPrefix(name, "error calling ") {
		name = strings.TrimPrefix(name, "error calling ")
		rest = strings.TrimPrefix(rest, "runtime error: ")
		return spanAt(text, off, name+": "+cleanMsg(rest))
	}
	return spanAt(text, off, cleanMsg(detail))
}

// splitExecError returns the offset and the detail of an execution error
// message.
func (s *execState) splitExecError(msg string) (off int, detail string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "template: "+fieldName+":")
	if !ok {
		return 0, "", false
	}
	lineStr, rest, _ := strings.Cut(rest, ":")
	colStr, rest, _ := strings.Cut(rest, ": ")
	line, err1 := strconv.Atoi(lineStr)
	col, err2 := strconv.Atoi(colStr)
	rest, ok = strings.CutPrefix(rest, "executing \""+fieldName+"\" at <")
	if err1 != nil || err2 != nil || !ok {
		return 0, "", false
	}
	off = lineColOffset(s.ft.text, line, col)
	// The context is the String of a node at off; prefer the longest one
	// that fits, since a context may itself contain ">: ".
	best := -1
	if off >= 0 {
		inspect(s.ft.tree.Root, func(n parse.Node) {
			if int(n.Position()) != off {
				return
			}
			if c := n.String(); len(c) > best && strings.HasPrefix(rest, c+">: ") {
				best = len(c)
			}
		})
	}
	if best >= 0 {
		return off, rest[best+3:], true
	}
	if i := strings.Index(rest, ">: "); i >= 0 {
		return off, rest[i+3:], true
	}
	return off, rest, true
}

func missingKey(detail string) (string, bool) {
	q, ok := strings.CutPrefix(detail, "map has no entry for key ")
	if !ok {
		return "", false
	}
	key, err := strconv.Unquote(q)
	return key, err == nil
}

// lineColOffset converts text/template's line (1-based) and column
// (0-based, in bytes) to a byte offset in text, or -1.
func lineColOffset(text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	if off+col > len(text) || col < 0 {
		return -1
	}
	return off + col
}

// spanAt is a TemplateError at the token that starts at off.
func spanAt(text string, off int, msg string) *TemplateError {
	if off < 0 || off > len(text) {
		return &TemplateError{Offset: -1, End: -1, Msg: msg}
	}
	return &TemplateError{Offset: off, End: tokenEnd(text, off), Msg: msg}
}

// tokenEnd is the end of the template token at off: a field chain, variable,
// identifier, number, or quoted string.
func tokenEnd(text string, off int) int {
	if off >= len(text) {
		return len(text)
	}
	i := off
	switch c := text[i]; c {
	case '"', '\'', '`':
		i++
		for i < len(text) && text[i] != c {
			if text[i] == '\\' && c != '`' {
				i++
			}
			i++
		}
		return min(i+1, len(text))
	}
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '$' && r != '_' && r != '-' && r != '+' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		if (r == '-' || r == '+') && i > off {
			break
		}
		i += n
	}
	if i == off {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return i
}

// cleanMsg makes a Go error message read like inboxlint's: lower-case
// first letter, no trailing period.
func cleanMsg(msg string) string {
	msg = strings.TrimSuffix(strings.TrimSpace(msg), ".")
	r, n := utf8.DecodeRuneInString(msg)
	if unicode.IsUpper(r) && (len(msg) == n || !unicode.IsUpper(rune(msg[n]))) {
		msg = string(unicode.ToLower(r)) + msg[n:]
	}
	return msg
}

// parseError turns a parse error into a TemplateError. text/template gives
// only the line, so the span is found by scanning the line's actions.
func parseError(text string, err error) *TemplateError {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: "+fieldName+":")
	if !ok {
		return &TemplateError{Offset: -1, End: -1, Msg: cleanMsg(msg)}
	}
	lineStr, detail, _ := strings.Cut(rest, ": ")
	line, _ := strconv.Atoi(lineStr)
	acts := scanActions(text)

	switch {
	case strings.Contains(detail, "multiple definition of template"):
		return definitionError(text)
	case detail == "unexpected EOF":
		if a := unclosedBlock(acts); a != nil {
			return &TemplateError{Offset: a.wordOff, End: a.wordOff + len(a.word),
				Msg: fmt.Sprintf("{{ %s }} has no {{ end }}: add one where its content ends", a.word)}
		}
		return &TemplateError{Offset: len(text), End: len(text), Msg: "unexpected end of the field"}
	case detail == "unexpected {{end}}":
		if a := strayEnd(acts); a != nil {
			return &TemplateError{Offset: a.wordOff, End: a.wordOff + len(a.word),
				Msg: "{{ end }} has no {{ if }}, {{ range }} or {{ with }} to close: remove it"}
		}
	case detail == "unclosed action" || detail == "unclosed comment":
		for _, a := range acts {
			if !a.closed {
				what := "}}"
				if a.comment {
					what = "*/}}"
				}
				return &TemplateError{Offset: a.start, End: a.start + 2, Msg: fmt.Sprintf("%s: close it with %s", detail, what)}
			}
		}
	}
	e := &TemplateError{Offset: -1, End: -1, Msg: cleanMsg(detail)}
	ls := lineColOffset(text, line, 0)
	if ls < 0 {
		return e
	}
	le := len(text)
	if i := strings.IndexByte(text[ls:], '\n'); i >= 0 {
		le = ls + i
	}
	// Point at the quoted token the message names, if it is in an action on
	// the line; else at the line's first action; else at the line.
	var tok string
	if i := strings.IndexByte(detail, '"'); i >= 0 {
		if q, err := strconv.QuotedPrefix(detail[i:]); err == nil {
			tok, _ = strconv.Unquote(q)
		}
	}
	for _, a := range acts {
		if a.end <= ls || a.start > le {
			continue
		}
		if tok != "" {
			if i := strings.Index(text[a.start:a.end], tok); i >= 0 {
				e.Offset, e.End = a.start+i, a.start+i+len(tok)
				return e
			}
			continue
		}
		e.Offset, e.End = a.start, a.end
		return e
	}
	e.Offset, e.End = ls, le
	return e
}

// fieldAction is an action found by scanning the text, for error positions.
type fieldAction struct {
	start, end int // from "{{" to after "}}", or to the end of the text
	word       string
	wordOff    int
	closed     bool
	comment    bool
}

// innerEnd is where the action's content ends, before " -}}".
func (a fieldAction) innerEnd(text string) int {
	e := a.end
	if a.closed {
		e -= 2
	}
	return len(strings.TrimRight(strings.TrimSuffix(strings.TrimRight(text[:e], " \t\r\n"), " -"), " \t\r\n"))
}

// scanActions finds the actions in text as the template lexer would,
// skipping quoted strings and comments.
func scanActions(text string) []fieldAction {
	var acts []fieldAction
	for i := 0; ; {
		j := strings.Index(text[i:], "{{")
		if j < 0 {
			return acts
		}
		a := fieldAction{start: i + j, end: len(text)}
		k := a.start + 2
		if k+1 < len(text) && text[k] == '-' && strings.IndexByte(" \t\r\n", text[k+1]) >= 0 {
			k++
		}
		for k < len(text) && strings.IndexByte(" \t\r\n", text[k]) >= 0 {
			k++
		}
		if strings.HasPrefix(text[k:], "/*") {
			a.comment = true
			e := strings.Index(text[k+2:], "*/")
			if e < 0 {
				return append(acts, a)
			}
			k += 2 + e + 2
		} else {
			w := k
			for w < len(text) && (text[w] == '_' || text[w] >= 0x80 || text[w] >= 'a' && text[w] <= 'z' || text[w] >= 'A' && text[w] <= 'Z') {
				w++
			}
			a.word, a.wordOff = text[k:w], k
			k = w
		}
	scan:
		for k < len(text) {
			switch c := text[k]; c {
			case '"', '\'':
				for k++; k < len(text) && text[k] != c && text[k] != '\n'; k++ {
					if text[k] == '\\' {
						k++
					}
				}
				k++
			case '`':
				e := strings.IndexByte(text[k+1:], '`')
				if e < 0 {
					break scan
				}
				k += e + 2
			case '}':
				if k+1 < len(text) && text[k+1] == '}' {
					a.end, a.closed = k+2, true
					break scan
				}
				k++
			default:
				k++
			}
		}
		acts = append(acts, a)
		if !a.closed {
			return acts
		}
		i = a.end
	}
}

// blockStack matches block openers with {{ end }}: it returns the openers
// left open and the first end with no opener.
func blockStack(acts []fieldAction) (open []*fieldAction, stray *fieldAction) {
	for i := range acts {
		a := &acts[i]
		if a.comment {
			continue
		}
		switch a.word {
		case "if", "range", "with", "define", "block":
			open = append(open, a)
		case "end":
			if len(open) == 0 {
				if stray == nil {
					stray = a
				}
				continue
			}
			open = open[:len(open)-1]
		}
	}
	return open, stray
}

func unclosedBlock(acts []fieldAction) *fieldAction {
	open, _ := blockStack(acts)
	if len(open) == 0 {
		return nil
	}
	return open[len(open)-1]
}

func strayEnd(acts []fieldAction) *fieldAction {
	_, stray := blockStack(acts)
	return stray
}

// segments turns the marks recorded during execution into output segments.
// If the marks do not add up (they always should), the whole output maps to
// the whole text.
func (s *execState) segments(out string) []Seg {
	ft := s.ft
	whole := []Seg{{Out: 0, OutEnd: len(out), Src: 0, SrcEnd: len(ft.text)}}
	if len(ft.groups) == 0 {
		whole[0].Literal = out == ft.text
		return whole
	}
	if len(s.marks) != len(ft.marked) {
		return whole
	}
	segs := make([]Seg, 0, len(ft.groups))
	cur, k := 0, 0
	for _, g := range ft.groups {
		start, end := cur, cur
		if g.marker {
			start = s.marks[k]
			end = len(out)
			if k+1 < len(s.marks) {
				end = s.marks[k+1]
			}
			k++
		}
		if start != cur || end < start || g.literal && out[start:end] != ft.text[g.src:g.srcEnd] {
			return whole
		}
		segs = append(segs, Seg{Out: start, OutEnd: end, Src: g.src, SrcEnd: g.srcEnd, Literal: g.literal})
		cur = end
	}
	if cur != len(out) {
		return whole
	}
	return segs
}
