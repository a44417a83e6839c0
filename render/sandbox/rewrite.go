package sandbox

import (
	"sort"
	"strconv"
	"text/template/parse"
	"unsafe"
)

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
}

// fieldLiteral is a top-level text node as the writer sees it: the bytes
// text/template passes to Write for it (the node's own slice, so identity
// tells it from any other write) and its group.
type fieldLiteral struct {
	text  *byte
	n     int
	group int
}

type fieldSpan struct{ off, end int }

// fieldName names the template in text/template's error messages, which
// are parsed back into offsets.
const fieldName = "field"

// Names of the functions the rewritten tree calls. They are valid
// identifiers, as text/template requires, but not in the allow-list, so a
// field that names one fails to parse.
const (
	tickFunc  = "inboxlintTick"
	rangeFunc = "inboxlintRange"
	printFunc = "inboxlintPrint"
)

// rewrite instruments the parse tree: a cap on every range's value, a tick
// at the start of every range body and a meter at the end of every printing
// action that may print a list or a map; and it groups the top-level nodes
// into output segments. The weights are counted first, on the tree as
// written.
//
// It also instruments a copy for plain data (Data with no list or map
// among its values), without the meter on actions that print a variable
// of the data itself ({{ .name }} where dot is the data, {{ $.name }}
// anywhere): such a value is text, a number or a boolean. That is most
// printing actions of ordinary copy, and the meter is a function call.
func (ft *Field) rewrite() {
	acts := scanActions(ft.text)
	ft.top = weigh(ft.tree.Root)
	plain := ft.tree.Copy()
	shareLiterals(ft.tree, plain)
	var ranges []*parse.RangeNode
	inspect(ft.tree.Root, func(n parse.Node) {
		if r, ok := n.(*parse.RangeNode); ok {
			ranges = append(ranges, r)
		}
	})
	for _, r := range ranges {
		ft.ranges = append(ft.ranges, fieldRange{span: rangeSpan(ft.text, acts, int(r.Pos)), body: weigh(r.List)})
	}
	for _, a := range instrument(ft.tree, false) {
		ft.prints = append(ft.prints, actionSpan(ft.text, acts, int(a.Pos)))
	}
	if len(instrument(plain, true)) < len(ft.prints) {
		ft.plain = plain
	}

	// Group the top-level nodes: each literal text node on its own, each
	// run of other nodes together, and each gap between two literal text
	// nodes with nothing in it (a comment) as a group that prints nothing.
	// Nothing is inserted to find the groups in the output: text/template
	// writes a text node's own bytes, so the writer recognises each literal
	// group's write by identity and records where it starts; the other
	// groups fill the output between the literals.
	text := ft.text
	prevEnd := 0   // source end of the previous literal group
	inRun := false // in a run of other nodes
	closeRun := func(end int) {
		if inRun || end > prevEnd {
			ft.groups = append(ft.groups, fieldGroup{src: prevEnd, srcEnd: end})
			inRun = false
		}
	}
	for _, n := range ft.tree.Root.Nodes {
		tn, ok := n.(*parse.TextNode)
		if ok {
			p := int(tn.Pos)
			ok = len(tn.Text) > 0 && p >= prevEnd && p+len(tn.Text) <= len(text) && text[p:p+len(tn.Text)] == string(tn.Text)
		}
		if !ok {
			inRun = true
			continue
		}
		p := int(tn.Pos)
		closeRun(p)
		ft.lits = append(ft.lits, fieldLiteral{text: unsafe.SliceData(tn.Text), n: len(tn.Text), group: len(ft.groups)})
		ft.groups = append(ft.groups, fieldGroup{src: p, srcEnd: p + len(tn.Text), literal: true})
		prevEnd = p + len(tn.Text)
	}
	closeRun(len(text))
}

// instrument adds the range caps, the ticks and the print meters to tr,
// and returns the metered printing actions in order: the index of each is
// its meter's argument. With plainData, an action that prints a variable
// of the data itself is not metered, but keeps its index, so that the
// meters of both trees name the same spans.
func instrument(tr *parse.Tree, plainData bool) []*parse.ActionNode {
	var printing []*parse.ActionNode
	var skip []bool
	var ranges []*parse.RangeNode
	walkActions(tr.Root, true, func(a *parse.ActionNode, dotIsData bool) {
		if len(a.Pipe.Decl) == 0 && mayPrintComposite(a.Pipe) {
			printing = append(printing, a)
			skip = append(skip, plainData && printsDataVariable(a.Pipe, dotIsData))
		}
	})
	inspect(tr.Root, func(n parse.Node) {
		if r, ok := n.(*parse.RangeNode); ok {
			ranges = append(ranges, r)
		}
	})
	var metered []*parse.ActionNode
	for i, a := range printing {
		if skip[i] {
			continue
		}
		metered = append(metered, a)
		a.Pipe.Cmds = append(a.Pipe.Cmds, callCommand(tr, a.Pos, printFunc, numberNode(a.Pos, i)))
	}
	if !plainData {
		metered = printing
	}
	for i, r := range ranges {
		pos := r.Pos
		r.Pipe.Cmds = append(r.Pipe.Cmds, callCommand(tr, pos, rangeFunc, numberNode(pos, i)))
		tick := actionNode(tr, pos, tickFunc, numberNode(pos, i))
		r.List.Nodes = append([]parse.Node{tick}, r.List.Nodes...)
	}
	return metered
}

// walkActions calls f for every action node under list, in source order,
// with whether dot is still the field's data there: it is outside the
// bodies of range and with (their else branches keep it).
func walkActions(list *parse.ListNode, dotIsData bool, f func(*parse.ActionNode, bool)) {
	if list == nil {
		return
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			f(n, dotIsData)
		case *parse.IfNode:
			walkActions(n.List, dotIsData, f)
			walkActions(n.ElseList, dotIsData, f)
		case *parse.RangeNode:
			walkActions(n.List, false, f)
			walkActions(n.ElseList, dotIsData, f)
		case *parse.WithNode:
			walkActions(n.List, false, f)
			walkActions(n.ElseList, dotIsData, f)
		}
	}
}

// printsDataVariable reports whether the pipeline's value is one variable
// of the field's data: .name where dot is the data, or $.name.
func printsDataVariable(p *parse.PipeNode, dotIsData bool) bool {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch n := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		return dotIsData && len(n.Ident) == 1
	case *parse.VariableNode:
		return len(n.Ident) == 2 && n.Ident[0] == "$"
	}
	return false
}

// shareLiterals gives the top-level text nodes of the copy cp the bytes of
// tr's, so that the writer recognises them in either tree.
func shareLiterals(tr, cp *parse.Tree) {
	for i, n := range tr.Root.Nodes {
		if tn, ok := n.(*parse.TextNode); ok {
			cp.Root.Nodes[i].(*parse.TextNode).Text = tn.Text
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
		return !tables().scalarResult[n.Ident]
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
