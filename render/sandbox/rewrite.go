package sandbox

import (
	"sort"
	"strconv"
	"text/template/parse"
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

// rewrite instruments the parse tree: a cap on every range's value, a tick
// at the start of every range body, a meter at the end of every printing
// action that may print a list or a map, and a marker before each output
// group. The weights are counted first, on the tree as written.
func (ft *Field) rewrite() {
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
