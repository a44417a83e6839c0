package render

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/Masterminds/sprig/v3"

	"github.com/inboxlint/inboxlint/render/escape"
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

// FieldTemplate is one parsed field: the authoring stage of rendering
// (DESIGN.md §2). Copywriters write Go text/template actions with sprig
// functions inside one text field; the data is the file's vars merged with
// one variant's values.
//
// Three pieces make the sandbox. The function map is an explicit
// allow-list (see ParseField) of deterministic functions, each wrapped so
// that it counts the call, the data it takes in and the size of what it
// returns; Go's print, printf, println and comparisons are replaced by
// metered versions. The parse tree is rejected if it defines or calls
// templates (which also rules out recursion) and is then rewritten: every
// range gets a check that caps ranging over an integer and a tick at the
// start of its body that counts the iteration and the actions and builtin
// calls of the body, which are counted once when the field is parsed;
// every printing action whose value may be a list or a map ends in a meter
// that measures what printing it would take before fmt builds it; and the
// top-level nodes get markers that record where each part of the output
// begins, which is how Execute maps the output back to the text. Finally
// the output writer stops at MaxOutput. The work budgets are in budget.go.
//
// A FieldTemplate is immutable after ParseField and safe for concurrent
// use by multiple goroutines.
type FieldTemplate struct {
	text   string
	tree   *parse.Tree
	used   []string     // allowed functions the field calls
	groups []fieldGroup // the field's text, in order, as output segments
	marked []int        // indices into groups of the groups with a marker
	ranges []fieldRange // per range node
	prints []fieldSpan  // per metered printing action, the span errors point at
	top    weight       // the work of the nodes outside every range body
	pool   sync.Pool    // of *executor: templates bound to their own state
}

// fieldRange is one range node: the span its errors point at and the work
// of one iteration of its body (nested range bodies count on their own).
type fieldRange struct {
	span fieldSpan
	body weight
}

// weight is the work of a list of nodes that the budgets count without
// running anything: its actions (every {{ }}, if, range, with, break and
// continue) and its calls of the builtins that keep Go's implementation
// (and, or, not, len, index: and and or must, to stop evaluating early).
type weight struct{ actions, calls int64 }

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
	printFunc = "inboxlintPrint"
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
// at the start of every range body, a meter at the end of every printing
// action that may print a list or a map, and a marker before each output
// group. The weights are counted first, on the tree as written.
func (ft *FieldTemplate) rewrite() {
	acts := scanActions(ft.text)
	var ranges []*parse.RangeNode
	var printing []*parse.ActionNode
	inspect(ft.tree.Root, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.RangeNode:
			ranges = append(ranges, n)
		case *parse.ActionNode:
			if len(n.Pipe.Decl) == 0 && mayPrintComposite(n.Pipe) {
				printing = append(printing, n)
			}
		}
	})
	ft.top = weigh(ft.tree.Root)
	for _, r := range ranges {
		ft.ranges = append(ft.ranges, fieldRange{span: rangeSpan(ft.text, acts, int(r.Pos)), body: weigh(r.List)})
	}
	for i, a := range printing {
		ft.prints = append(ft.prints, actionSpan(ft.text, acts, int(a.Pos)))
		a.Pipe.Cmds = append(a.Pipe.Cmds, callCommand(ft.tree, a.Pos, printFunc, numberNode(a.Pos, i)))
	}
	for i, r := range ranges {
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

// staticBuiltins are the builtins text/template runs itself, counted as
// calls from the parse tree.
var staticBuiltins = map[string]bool{"and": true, "or": true, "not": true, "len": true, "index": true}

// weigh counts the work of the nodes of list, except inside range bodies,
// which their ticks count per iteration. Both branches of an if count.
func weigh(list *parse.ListNode) weight {
	var w weight
	if list == nil {
		return w
	}
	calls := func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		inspect(p, func(n parse.Node) {
			if id, ok := n.(*parse.IdentifierNode); ok && staticBuiltins[id.Ident] {
				w.calls++
			}
		})
	}
	branch := func(b *parse.BranchNode, body bool) {
		w.actions++
		calls(b.Pipe)
		if body {
			w.add(weigh(b.List))
		}
		w.add(weigh(b.ElseList))
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			w.actions++
			calls(n.Pipe)
		case *parse.IfNode:
			branch(&n.BranchNode, true)
		case *parse.WithNode:
			branch(&n.BranchNode, true)
		case *parse.RangeNode:
			branch(&n.BranchNode, false)
		case *parse.BreakNode, *parse.ContinueNode:
			w.actions++
		}
	}
	return w
}

func (w *weight) add(o weight) { w.actions += o.actions; w.calls += o.calls }

// mayPrintComposite reports whether the value of a printing action's
// pipeline may be a list or a map: anything but a literal, or a call of a
// function whose result is text, a number or a boolean.
func mayPrintComposite(p *parse.PipeNode) bool {
	if len(p.Cmds) == 0 {
		return false
	}
	last := p.Cmds[len(p.Cmds)-1]
	if len(last.Args) == 0 {
		return true
	}
	switch n := last.Args[0].(type) {
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return false
	case *parse.IdentifierNode:
		return !scalarResult[n.Ident]
	}
	return true
}

// actionSpan is where errors about the action whose pipeline starts at pos
// point: from there to the end of its content.
func actionSpan(text string, acts []fieldAction, pos int) fieldSpan {
	if a := actionAt(acts, pos); a != nil {
		return fieldSpan{pos, max(a.innerEnd(text), pos)}
	}
	return fieldSpan{pos, pos}
}

// actionAt is the scanned action that contains offset pos, or nil.
func actionAt(acts []fieldAction, pos int) *fieldAction {
	i := sort.Search(len(acts), func(i int) bool { return acts[i].end > pos })
	if i < len(acts) && acts[i].start <= pos {
		return &acts[i]
	}
	return nil
}

// rangeSpan is where errors about the range whose pipeline starts at pos
// point: from the range keyword to the end of its action.
func rangeSpan(text string, acts []fieldAction, pos int) fieldSpan {
	a := actionAt(acts, pos)
	if a == nil {
		return fieldSpan{pos, pos}
	}
	kw := pos
	if a.word == "range" {
		kw = a.wordOff
	}
	return fieldSpan{kw, max(a.innerEnd(text), kw)}
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
// first limit it reaches; the file budgets of limits apply to this one
// execution. Missing keys are errors, so a typo in a variable name never
// reaches the copy as "<no value>".
func (ft *FieldTemplate) Execute(data map[string]any, limits Limits) (out string, segs []Seg, terr *TemplateError) {
	return ft.execute(data, newFileBudget(limits))
}

// execute is Execute under a file's budget, which it spends.
func (ft *FieldTemplate) execute(data map[string]any, fb *fileBudget) (out string, segs []Seg, terr *TemplateError) {
	if fb.spent != "" {
		return "", nil, &TemplateError{Offset: -1, End: -1, Msg: fb.spent}
	}
	e, terr := ft.executor()
	if terr != nil {
		return "", nil, terr
	}
	s := &e.s
	s.reset(fb)
	defer func() {
		if r := recover(); r != nil {
			out, segs = "", nil
			terr = &TemplateError{Offset: -1, End: -1, Msg: fmt.Sprintf("template execution failed: %v", r)}
		}
		s.file = nil
		ft.pool.Put(e)
	}()
	if err := s.chargeWeight(ft.top); err != nil {
		return "", nil, s.execError(err)
	}
	if data == nil {
		data = map[string]any{}
	}
	if err := e.tmpl.Execute(s, data); err != nil {
		return "", nil, s.execError(err)
	}
	out = s.out.String()
	return out, s.segments(out), nil
}

// executor is a template bound to its own execution state. Binding the
// function map costs more than running a typical field, so executors are
// kept in the FieldTemplate's pool and reused, one execution at a time.
type executor struct {
	tmpl *template.Template
	s    execState
}

func (ft *FieldTemplate) executor() (*executor, *TemplateError) {
	if e, ok := ft.pool.Get().(*executor); ok {
		return e, nil
	}
	e := &executor{}
	e.s.ft = ft
	tmpl, err := template.New(fieldName).Option("missingkey=error").Funcs(e.s.funcMap()).AddParseTree(fieldName, ft.tree)
	if err != nil {
		return nil, &TemplateError{Offset: -1, End: -1, Msg: "template execution failed: " + err.Error()}
	}
	e.tmpl = tmpl
	return e, nil
}

// execState is one execution: the output, and the work done, which the
// wrapped functions, the ticks, the meters and the writer count against
// the field's limits and the file's budget.
type execState struct {
	ft    *FieldTemplate
	lim   *Limits
	file  *fileBudget
	used  usage
	out   bytes.Buffer
	marks []int // output offset at each marker, in order
	clock int   // work events since the safety deadline was last checked
}

func (s *execState) reset(fb *fileBudget) {
	s.file, s.lim = fb, &fb.lim
	s.used = usage{}
	s.out.Reset()
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
// file's output budget.
func (s *execState) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil // an action that printed nothing, such as the tick
	}
	if err := s.charge(workOutput, int64(len(p))); err != nil {
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

// funcMap binds the functions the field uses, and the instrumentation, to
// this execution.
func (s *execState) funcMap() template.FuncMap {
	fm := template.FuncMap{markFunc: s.mark, tickFunc: s.tick, rangeFunc: s.rangeCap, printFunc: s.printCheck}
	for _, name := range s.ft.used {
		if impl := allowed[name]; impl != nil {
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
	"append", "concat", "first", "initial", "last", "list", "mustAppend",
	"mustFirst", "mustInitial", "mustLast", "mustPrepend", "mustPush",
	"mustRest", "mustReverse", "mustSlice", "prepend", "push", "rest",
	"reverse", "slice", "tuple",
	// maps
	"dict", "dig", "get", "hasKey", "omit", "pick", "pluck",
	// math
	"add", "add1", "add1f", "addf", "atoi", "biggest", "ceil", "div", "divf",
	"float64", "floor", "int", "int64", "max", "maxf", "min", "minf", "mod", "mul",
	"mulf", "round", "sub", "subf",
}

// goBuiltins are text/template's builtins that are used as they are: and
// and or stop evaluating their arguments early only as builtins, and none
// of these does more than constant work, so the parse tree counts their
// calls (see weigh). The comparisons are replaced (compare.go).
var goBuiltins = []string{"and", "index", "len", "not", "or"}

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
	bind(func(*execState) any { return sprigCat }, "cat")
	bind(func(*execState) any { return sprigQuote }, "quote")
	bind(func(*execState) any { return sprigSquote }, "squote")
	bind(func(s *execState) any { return s.until }, "until")
	bind(func(s *execState) any { return s.untilStep }, "untilStep")
	bind(func(s *execState) any { return s.seq }, "seq")
	bind(func(s *execState) any { return s.chunk }, "chunk", "mustChunk")
	bind(func(s *execState) any { return s.uniq }, "uniq", "mustUniq")
	bind(func(s *execState) any { return s.has }, "has")
	bind(func(s *execState) any { return s.mustHas }, "mustHas")
	bind(func(s *execState) any { return s.without }, "without")
	bind(func(s *execState) any { return s.mustWithout }, "mustWithout")
	bind(func(s *execState) any { return s.eq }, "eq")
	bind(func(s *execState) any { return s.ne }, "ne")
	bind(func(s *execState) any { return s.lt }, "lt")
	bind(func(s *execState) any { return s.le }, "le")
	bind(func(s *execState) any { return s.gt }, "gt")
	bind(func(s *execState) any { return s.ge }, "ge")
	bind(func(*execState) any { return sortAlpha }, "sortAlpha")
	bind(func(*execState) any { return sortedKeys }, "keys")
	bind(func(*execState) any { return sortedValues }, "values")
	// The regular expression functions name themselves in their messages.
	for _, name := range []string{"regexMatch", "mustRegexMatch"} {
		bind(func(s *execState) any {
			return func(pattern, str string) (bool, error) { return s.regexMatch(name, pattern, str) }
		}, name)
	}
	for _, name := range []string{"regexFind", "mustRegexFind"} {
		bind(func(s *execState) any {
			return func(pattern, str string) (string, error) { return s.regexFind(name, pattern, str) }
		}, name)
	}
	for _, name := range []string{"regexFindAll", "mustRegexFindAll"} {
		bind(func(s *execState) any {
			return func(pattern, str string, n int) ([]string, error) { return s.regexFindAll(name, pattern, str, n) }
		}, name)
	}
	for _, name := range []string{"regexSplit", "mustRegexSplit"} {
		bind(func(s *execState) any {
			return func(pattern, str string, n int) ([]string, error) { return s.regexSplit(name, pattern, str, n) }
		}, name)
	}
	for _, name := range []string{"regexReplaceAll", "mustRegexReplaceAll"} {
		bind(func(s *execState) any {
			return func(pattern, str, repl string) (string, error) {
				return s.regexReplace(name, pattern, str, repl, false)
			}
		}, name)
	}
	for _, name := range []string{"regexReplaceAllLiteral", "mustRegexReplaceAllLiteral"} {
		bind(func(s *execState) any {
			return func(pattern, str, repl string) (string, error) { return s.regexReplace(name, pattern, str, repl, true) }
		}, name)
	}
	bind(func(*execState) any { return fmt.Sprint }, "print")
	bind(func(s *execState) any { return s.printf }, "printf")
	bind(func(*execState) any { return fmt.Sprintln }, "println")
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

// scalarResult lists the functions whose result is text, a number or a
// boolean, which printing needs no meter for.
var scalarResult = func() map[string]bool {
	m := map[string]bool{"len": true, "not": true}
	for name, impl := range allowed {
		if impl == nil {
			continue
		}
		switch reflect.TypeOf(impl(nil)).Out(0).Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
			m[name] = true
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
	msg := fmt.Sprintf("template function %s is not defined", escape.Excerpt(name))
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
	return sprigChunk(size, list)
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

// Regular expressions: compiled once per file (up to maxCachedPatterns),
// capped in length and program size, and matched under the work budgets
// (regex.go). An invalid pattern is an error (sprig's regexMatch says
// false and the others panic).

func (s *execState) pattern(expr string) (*Pattern, error) {
	if p, ok := s.file.regexps[expr]; ok {
		return p, nil
	}
	// Parsing and compiling cost about as much per byte and per
	// instruction as a hundred characters of matching. The charge does
	// not depend on whether another file compiled the pattern already.
	const compileCost = 100
	if err := s.charge(workRegex, compileCost*int64(min(len(expr), s.lim.MaxPattern+1))); err != nil {
		return nil, err
	}
	p, err := cachedPattern(expr, s.lim)
	if err != nil {
		var pe *PatternError
		if errors.As(err, &pe) && pe.Limit {
			return nil, fmt.Errorf("regular expression %s: %s", quotePattern(expr), pe.Msg)
		}
		return nil, fmt.Errorf("invalid regular expression %s: %w", quotePattern(expr), err)
	}
	if err := s.charge(workRegex, compileCost*int64(p.Program())); err != nil {
		return nil, err
	}
	if len(s.file.regexps) < maxCachedPatterns {
		if s.file.regexps == nil {
			s.file.regexps = map[string]*Pattern{}
		}
		s.file.regexps[expr] = p
	}
	return p, nil
}

// matchWork runs one call's matching with the work the call may do, and
// counts what it did. Before anything runs, the call is refused if its
// first search alone (every character of str, times the program) could be
// over the cap per call or over what the field or the file has left; the
// searches after the first are metered as they run. run gets the
// allowance and returns the work it did and whether it finished in it.
func (s *execState) matchWork(name string, p *Pattern, str string, run func(allow int64) (used int64, ok bool)) error {
	callCap := int64(s.lim.MaxRegexCall)
	cost := p.Cost(str)
	if cost > callCap {
		return &sandboxError{msg: fmt.Sprintf("%s: matching a %d-byte text against a pattern of %d instructions is over the cap of %d per call (bytes × instructions): use a shorter text or a simpler pattern",
			name, len(str), p.Program(), callCap)}
	}
	fieldLeft := s.lim.fieldLimit(workRegex) - s.used[workRegex]
	fileLeft := s.lim.fileLimit(workRegex) - s.file.used[workRegex]
	if cost > fieldLeft || cost > fileLeft {
		return s.regexSpent(fieldLeft <= fileLeft)
	}
	allow := min(callCap, fieldLeft, fileLeft)
	used, ok := run(allow)
	if err := s.charge(workRegex, used); err != nil {
		return err
	}
	if ok {
		return nil
	}
	switch allow {
	case callCap:
		return &sandboxError{msg: fmt.Sprintf("%s: finding every match is over the cap of %d per call (characters scanned × pattern instructions), since this pattern scans the rest of the text after each match: use a simpler pattern",
			name, callCap)}
	case fieldLeft:
		return s.regexSpent(true)
	}
	return s.regexSpent(false)
}

func (s *execState) regexSpent(field bool) error {
	if field {
		return &sandboxError{msg: budgetMsg(workRegex, s.lim.fieldLimit(workRegex), false)}
	}
	s.file.spent = budgetMsg(workRegex, s.lim.fileLimit(workRegex), true)
	return &sandboxError{msg: s.file.spent}
}

// findAll is FindEach under the budgets. When the matches make a list,
// there are at most MaxList of them: a result holds no more.
func (s *execState) findAll(name string, p *Pattern, str string, n int, list, submatch bool, each func(m []int) error) error {
	if list && (n < 0 || n > s.lim.MaxList) {
		n = s.lim.MaxList + 1
	}
	count := 0
	var ferr error
	err := s.matchWork(name, p, str, func(allow int64) (int64, bool) {
		return p.FindEach(str, n, submatch, allow, func(m []int) bool {
			if count++; list && count > s.lim.MaxList {
				ferr = &sandboxError{msg: fmt.Sprintf("%s result exceeds the cap of %d elements", name, s.lim.MaxList)}
				return false
			}
			ferr = each(m)
			return ferr == nil
		})
	})
	if ferr != nil {
		return ferr
	}
	return err
}

func (s *execState) regexMatch(name, pattern, str string) (bool, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return false, err
	}
	var matched bool
	err = s.matchWork(name, p, str, func(allow int64) (used int64, ok bool) {
		matched, used, ok = p.MatchString(str, allow)
		return used, ok
	})
	return matched, err
}

func (s *execState) regexFind(name, pattern, str string) (string, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return "", err
	}
	found := ""
	err = s.findAll(name, p, str, 1, false, false, func(m []int) error {
		found = str[m[0]:m[1]]
		return nil
	})
	return found, err
}

func (s *execState) regexFindAll(name, pattern, str string, n int) ([]string, error) {
	p, err := s.pattern(pattern)
	if err != nil || n == 0 {
		return nil, err
	}
	var all []string
	err = s.findAll(name, p, str, n, true, false, func(m []int) error {
		all = append(all, str[m[0]:m[1]])
		return nil
	})
	return all, err
}

// regexSplit is regexp's Split: the text between the matches, n pieces at
// most (all when n < 0).
func (s *execState) regexSplit(name, pattern, str string, n int) ([]string, error) {
	p, err := s.pattern(pattern)
	if err != nil || n == 0 {
		return nil, err
	}
	if pattern != "" && str == "" {
		return []string{""}, nil
	}
	var parts []string
	beg, end := 0, 0
	err = s.findAll(name, p, str, n, true, false, func(m []int) error {
		if n > 0 && len(parts) == n-1 {
			return errStop
		}
		end = m[0]
		if m[1] != 0 {
			parts = append(parts, str[beg:end])
		}
		beg = m[1]
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if end != len(str) {
		parts = append(parts, str[beg:])
	}
	return parts, nil
}

// errStop ends a match loop early without an error.
var errStop = errors.New("stop")

// regexReplace is Regexp.ReplaceAllString that stops at MaxOutput: an
// empty match at every byte, or a replacement full of $0, would otherwise
// build gigabytes before any check could run.
func (s *execState) regexReplace(name, pattern, str, repl string, literal bool) (string, error) {
	p, err := s.pattern(pattern)
	if err != nil {
		return "", err
	}
	if p.Regexp().NumSubexp() > 100 {
		return "", fmt.Errorf("regular expression %s has more than 100 groups", quotePattern(pattern))
	}
	refs := int64(strings.Count(repl, "$"))
	submatch := !literal && refs > 0
	var out []byte
	last := 0
	err = s.findAll(name, p, str, -1, false, submatch, func(m []int) error {
		out = append(out, str[last:m[0]]...)
		if literal || !submatch {
			out = append(out, repl...)
		} else {
			if err := s.tooBig(name, int64(len(out))+int64(len(repl))+refs*int64(m[1]-m[0])); err != nil {
				return err
			}
			out = p.Regexp().ExpandString(out, repl, str, m)
		}
		if len(out) > s.lim.MaxOutput {
			return s.bytesError(name)
		}
		last = m[1]
		return nil
	})
	if err != nil {
		return "", err
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
		e := spanAt(text, off, fmt.Sprintf("no value for %s: add it to vars or to the variant", escape.Excerpt(key)))
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
