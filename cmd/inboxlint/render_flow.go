package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// renderFormats are the outputs of inboxlint render: the copy as members
// receive it, or the flow graph for Graphviz or Mermaid.
var renderFormats = []string{"text", "dot", "mermaid"}

func validRenderFormat(s string) bool {
	for _, f := range renderFormats {
		if f == s {
			return true
		}
	}
	return false
}

// printFlowTree prints a Conversation Ad as the member m would walk it:
// from the opening, each message with its copy, each button with where it
// goes, and under a button that shows another message, that message. A
// message already printed is referred to instead of repeated, so shared
// messages print once and cycles end. Messages no button reaches follow
// the tree. The walk keeps its own stack rather than recursing, since a
// chain of buttons may be as long as the template has headings.
func printFlowTree(p *textPreview, t *render.Template, v *render.Variant, m *render.Member) {
	f := render.NewFlow(t, v)
	if len(f.Nodes) == 0 || len(v.Messages) != len(f.Nodes) {
		return
	}
	pz := func(x render.Text) string { return render.Personalize(x, m).S }
	p.deepNoted = false // each member's tree says it once
	shown := make([]bool, len(f.Nodes))
	type frame struct{ msg, depth, next int }
	var stack []frame
	// open prints a message's heading and copy, and pushes it so that its
	// buttons follow.
	open := func(i, depth int) {
		shown[i] = true
		vm := v.Messages[i]
		if depth == 0 {
			p.blank()
		}
		p.enter(depth)
		p.line(depth, "# "+pz(vm.Title)+"  (#"+f.Nodes[i].Slug+")")
		if body := pz(vm.Body); body != "" {
			p.text(depth, "", body)
		}
		stack = append(stack, frame{msg: i, depth: depth})
	}
	walk := func(i int) {
		open(i, 0)
		for len(stack) > 0 && !p.w.full {
			top := &stack[len(stack)-1]
			i, depth := top.msg, top.depth
			vm, edges := v.Messages[i], f.Nodes[i].Edges
			if top.next == len(edges) {
				stack = stack[:len(stack)-1]
				switch {
				case i == 0:
					p.line(depth, "  [ Not interested ]  (added by LinkedIn)")
				case len(vm.Buttons) == 0:
					p.line(depth, "  (no buttons: the conversation ends here)")
				}
				continue
			}
			e, vb := edges[top.next], vm.Buttons[top.next]
			top.next++
			button := "  [ " + pz(vb.Label) + " ] → " + vb.Target.S
			switch {
			case e.To >= 0 && shown[e.To]:
				p.line(depth, button+" (see above)")
			case e.To >= 0:
				p.line(depth, button)
				open(e.To, depth+1)
			case e.Broken():
				p.line(depth, button+" (no such message)")
			case e.Kind == render.TargetInvalid:
				p.line(depth, button+" (not a message, URL or lead form)")
			default:
				p.line(depth, button)
			}
		}
	}
	walk(0)
	header := false
	for i := range f.Nodes {
		if shown[i] || p.w.full {
			continue
		}
		if !header {
			p.blank()
			p.line(0, "Not reachable from the opening:")
			header = true
		}
		walk(i)
	}
}

// flowGraph is a flow laid out for drawing: message nodes, terminal nodes
// (landing pages, lead forms, and targets that lead nowhere), and edges
// between them, each with a stable id in order of first appearance so the
// output is deterministic.
type flowGraph struct {
	nodes []graphNode
	edges []graphEdge
}

type graphNodeKind uint8

const (
	nodeOpening graphNodeKind = iota
	nodeMessage
	nodeLandingPage
	nodeLeadForm
	nodeBroken
)

type graphNode struct {
	id    string
	kind  graphNodeKind
	lines []string // label lines
}

type graphEdge struct{ from, to, label string }

func layoutFlow(f *render.Flow) *flowGraph {
	g := &flowGraph{}
	for i, n := range f.Nodes {
		kind := nodeMessage
		if i == 0 && f.Conversation {
			kind = nodeOpening
		}
		title := n.Title
		if title == "" {
			title = "Message " + fmt.Sprint(i+1)
		}
		g.nodes = append(g.nodes, graphNode{id: fmt.Sprintf("m%d", i), kind: kind, lines: []string{title}})
	}
	for i, t := range f.Terminals {
		gn := graphNode{id: fmt.Sprintf("t%d", i)}
		if t.Kind == render.TargetLeadForm {
			gn.kind, gn.lines = nodeLeadForm, []string{"Lead form", t.Target}
		} else {
			gn.kind, gn.lines = nodeLandingPage, []string{"Landing page", t.Target}
		}
		g.nodes = append(g.nodes, gn)
	}
	broken := map[string]string{}
	for _, n := range f.Nodes {
		for _, e := range n.Edges {
			var to string
			switch {
			case e.To >= 0:
				to = fmt.Sprintf("m%d", e.To)
			case e.Terminal >= 0:
				to = fmt.Sprintf("t%d", e.Terminal)
			default:
				key, why := e.Target, "not a message, URL or lead form"
				if e.Kind == render.TargetMessage {
					key, why = "#"+e.Target, "no such message"
				}
				id, ok := broken[key]
				if !ok {
					id = fmt.Sprintf("x%d", len(broken))
					broken[key] = id
					g.nodes = append(g.nodes, graphNode{id: id, kind: nodeBroken, lines: []string{key, "(" + why + ")"}})
				}
				to = id
			}
			g.edges = append(g.edges, graphEdge{from: fmt.Sprintf("m%d", n.Index), to: to, label: e.Label})
		}
	}
	return g
}

// writeFlowGraph prints the flow in the Graphviz dot language or as a
// Mermaid flowchart.
func writeFlowGraph(w io.Writer, format string, f *render.Flow) {
	g := layoutFlow(f)
	if format == "mermaid" {
		writeMermaid(w, g)
		return
	}
	writeDot(w, g)
}

// writeDot prints the graph for Graphviz: messages are rounded boxes (the
// opening drawn twice round), landing pages notes, lead forms tabs, and
// targets that lead nowhere dashed boxes.
func writeDot(w io.Writer, g *flowGraph) {
	fmt.Fprintln(w, "digraph flow {")
	fmt.Fprintln(w, "\trankdir=LR;")
	fmt.Fprintln(w, "\tnode [fontname=\"Helvetica\", fontsize=11];")
	fmt.Fprintln(w, "\tedge [fontname=\"Helvetica\", fontsize=10];")
	for _, n := range g.nodes {
		var attrs string
		switch n.kind {
		case nodeOpening:
			attrs = "shape=box, style=\"rounded,bold\", peripheries=2"
		case nodeMessage:
			attrs = "shape=box, style=rounded"
		case nodeLandingPage:
			attrs = "shape=note"
		case nodeLeadForm:
			attrs = "shape=tab"
		case nodeBroken:
			attrs = "shape=box, style=dashed, color=red"
		}
		fmt.Fprintf(w, "\t%s [label=%s, %s];\n", n.id, dotString(n.lines), attrs)
	}
	for _, e := range g.edges {
		fmt.Fprintf(w, "\t%s -> %s [label=%s];\n", e.from, e.to, dotString([]string{e.label}))
	}
	fmt.Fprintln(w, "}")
}

// dotString quotes label lines as one dot string. The labels come from
// the pull request, so each line is first escaped with escape.Controls (a
// line break in a label is shown as \n, never written raw), then quoted for
// dot: backslashes and quotes escaped (a backslash also starts dot's own
// escapes such as \N), lines joined with dot's \n. Other characters,
// non-ASCII included, are written as UTF-8, dot's default charset.
func dotString(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString(`\n`)
		}
		for _, r := range escape.Controls(l) {
			if r == '\\' || r == '"' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeMermaid prints the graph as a Mermaid flowchart, which GitHub
// renders in Markdown: messages are rounded boxes (the opening a stadium),
// landing pages parallelograms, lead forms subroutine boxes, and targets
// that lead nowhere dashed boxes.
func writeMermaid(w io.Writer, g *flowGraph) {
	fmt.Fprintln(w, "flowchart LR")
	for _, n := range g.nodes {
		label := mermaidString(n.lines)
		switch n.kind {
		case nodeOpening:
			fmt.Fprintf(w, "    %s([%s])\n", n.id, label)
		case nodeMessage:
			fmt.Fprintf(w, "    %s(%s)\n", n.id, label)
		case nodeLandingPage:
			fmt.Fprintf(w, "    %s[/%s/]\n", n.id, label)
		case nodeLeadForm:
			fmt.Fprintf(w, "    %s[[%s]]\n", n.id, label)
		case nodeBroken:
			fmt.Fprintf(w, "    %s[%s]:::broken\n", n.id, label)
		}
	}
	for _, e := range g.edges {
		fmt.Fprintf(w, "    %s -->|%s| %s\n", e.from, mermaidString([]string{e.label}), e.to)
	}
	for _, n := range g.nodes {
		if n.kind == nodeBroken {
			fmt.Fprintln(w, "    classDef broken stroke:#c00,stroke-dasharray: 5 5")
			break
		}
	}
}

// mermaidString quotes label lines for Mermaid. The labels come from the
// pull request, so each line is first escaped with escape.Controls (no raw
// line break or control character); then, since a quoted label may hold
// any text except its quote, and Mermaid decodes #name; entity codes and
// (with HTML labels) markup in it, quotes, "#", "&", "<", ">", "|" and
// backquotes are written as entity codes; lines are joined with <br>.
// Non-ASCII text is written as UTF-8, which Mermaid reads as is.
func mermaidString(lines []string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, l := range lines {
		if i > 0 {
			b.WriteString("<br>")
		}
		for _, r := range escape.Controls(l) {
			switch r {
			case '"':
				b.WriteString("#quot;")
			case '#':
				b.WriteString("#35;")
			case '&':
				b.WriteString("#amp;")
			case '<':
				b.WriteString("#lt;")
			case '>':
				b.WriteString("#gt;")
			case '|':
				b.WriteString("#124;")
			case '`':
				b.WriteString("#96;")
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
