package preview

import (
	"fmt"
	"sort"
	"strings"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// flowMap is a Conversation Ad's flow laid out for drawing: boxes for the
// messages and for the places buttons leave the conversation, one line per
// button. It is a small layered (Sugiyama-style) layout: buttons that
// return to an earlier message are set aside so the rest is acyclic, every
// box goes one layer below the lowest box leading to it, a long line
// passes through a gap kept for it in each layer it crosses, boxes are
// ordered within their layer by where their neighbours are, and lines back
// up the flow run in lanes along the right-hand side. Enough for the 25
// messages a conversation should stay within, and drawn by inboxlint
// itself, so no Graphviz is needed.
type flowMap struct {
	Width, Height int
	Nodes         []flowBox
	Edges         []flowLine
}

// flowBox is one box of the map.
type flowBox struct {
	X, Y, W, H int
	// Kind is "message", "url", "form", "missing" (a #slug no message
	// has) or "invalid" (a target that is none of these).
	Kind string
	// Class is the box's CSS classes: its kind, "opening", and the
	// findings it is marked for ("unreachable", "dead-end", "cycle") with
	// the severity they show in ("sev-warning").
	Class string
	// Lines are the label as shown, Title the whole of it; Texts place
	// the lines in the box.
	Lines []string
	Title string
	Texts []flowText
	// Message is the message's index, or -1.
	Message int
	// Layer is the box's row, from 0 at the top.
	Layer int
}

// flowText is one line of a box's label.
type flowText struct {
	X, Y  int
	S     string
	Class string
}

// flowLine is one button.
type flowLine struct {
	// From and To index Nodes; Message and Button say which button.
	From, To        int
	Message, Button int
	// Path is the SVG path; Class "edge", plus "back" for a line that
	// returns up the flow, "cycle" for one that closes a loop and
	// "broken" for one to a missing message, with a severity.
	Path  string
	Class string
	Title string
}

// Layout constants, in SVG user units (pixels at 100%).
const (
	flowBoxW   = 168
	flowBoxH   = 46
	flowGapX   = 20
	flowGapY   = 52
	flowDummyW = 10
	flowPad    = 12
	flowTop    = 30 // above and below the rows: room for lines back up
	flowLane   = 12
	flowChars  = 24 // characters per label line
)

// flowNode is a box or a waypoint (dummy) of a long line during layout.
type flowNode struct {
	box   int // index in flowMap.Nodes; -1 for a dummy
	layer int
	pos   float64
	x     int
}

// layoutFlow lays out f. sev gives the severity a rule's findings show in
// for this file, for the colours of the marks.
func layoutFlow(f *render.Flow, sev func(rule string) string) *flowMap {
	fm := &flowMap{}
	n := len(f.Nodes)
	reach := f.Reachable()
	onCycle := make([]bool, n)
	closing := map[[2]int]bool{}
	for _, c := range f.Cycles(64) {
		for _, i := range c.Path {
			onCycle[i] = true
		}
		closing[[2]int{c.Closing.From, c.Closing.Button}] = true
	}
	for i, node := range f.Nodes {
		var marks []string
		worst := ""
		mark := func(class, rule string) {
			marks = append(marks, class)
			if s := sev(rule); severityRank(s) > severityRank(worst) {
				worst = s
			}
		}
		if i == 0 {
			marks = append(marks, "opening")
		}
		if !reach[i] {
			mark("unreachable", "flow-unreachable")
		}
		if len(node.Edges) == 0 && i > 0 {
			mark("dead-end", "flow-dead-end")
		}
		if onCycle[i] {
			mark("cycle", "flow-cycle")
		}
		if worst != "" {
			marks = append(marks, "sev-"+worst)
		}
		title := node.Title
		if title == "" {
			title = "#" + node.Slug
		}
		fm.Nodes = append(fm.Nodes, flowBox{Kind: "message", Class: strings.Join(append([]string{"message"}, marks...), " "),
			Lines: labelLines(title, 2), Title: escape.Controls(title), Message: i})
	}
	// the places buttons lead out of the conversation, once each
	sinks := map[string]int{}
	sink := func(kind, target, caption, rule string) int {
		key := kind + "\x00" + target
		if k, ok := sinks[key]; ok {
			return k
		}
		class := kind
		if rule != "" {
			class += " sev-" + sev(rule)
		}
		lines := append([]string{caption}, labelLines(target, 1)...)
		fm.Nodes = append(fm.Nodes, flowBox{Kind: kind, Class: class, Lines: lines, Title: escape.Controls(caption + ": " + target), Message: -1})
		sinks[key] = len(fm.Nodes) - 1
		return len(fm.Nodes) - 1
	}
	for i, node := range f.Nodes {
		for _, e := range node.Edges {
			l := flowLine{From: i, Message: i, Button: e.Button, Class: "edge", Title: escape.Controls(e.Label)}
			switch {
			case e.Kind == render.TargetMessage && e.To >= 0:
				l.To = e.To
			case e.Kind == render.TargetMessage:
				l.To = sink("missing", "#"+e.Target, "no such message", "flow-target")
				l.Class += " broken sev-" + sev("flow-target")
			case e.Kind == render.TargetURL:
				l.To = sink("url", e.Target, "landing page", "")
			case e.Kind == render.TargetLeadForm:
				l.To = sink("form", e.Target, "lead form", "")
			default:
				l.To = sink("invalid", e.Target, "not a valid target", "link-limits")
				l.Class += " broken sev-" + sev("link-limits")
			}
			if closing[[2]int{i, e.Button}] {
				l.Class += " cycle sev-" + sev("flow-cycle")
			}
			fm.Edges = append(fm.Edges, l)
		}
	}
	fm.place()
	return fm
}

// place assigns layers and coordinates and draws the lines.
func (fm *flowMap) place() {
	nb := len(fm.Nodes)
	out := make([][]int, nb) // edge indexes by source box
	for k, e := range fm.Edges {
		out[e.From] = append(out[e.From], k)
	}
	// 1. Lines back to a box on the current path of a depth-first walk
	// from the opening (then from each box not yet met) close loops: set
	// them aside, and the rest is acyclic.
	back := make([]bool, len(fm.Edges))
	state := make([]uint8, nb) // 0 new, 1 on the path, 2 done
	var order []int            // boxes in the order the walk finishes them
	var walk func(v int)
	walk = func(v int) {
		state[v] = 1
		for _, k := range out[v] {
			w := fm.Edges[k].To
			switch state[w] {
			case 0:
				walk(w)
			case 1:
				back[k] = true
			}
		}
		state[v] = 2
		order = append(order, v)
	}
	for v := 0; v < nb; v++ {
		if state[v] == 0 {
			walk(v)
		}
	}
	// 2. Layers: each box one below the lowest box leading to it.
	layer := make([]int, nb)
	for i := len(order) - 1; i >= 0; i-- { // reverse finish order is topological
		v := order[i]
		for _, k := range out[v] {
			if w := fm.Edges[k].To; !back[k] && layer[w] < layer[v]+1 {
				layer[w] = layer[v] + 1
			}
		}
	}
	layers := 0
	for _, l := range layer {
		layers = max(layers, l+1)
	}
	// 3. Waypoints: a line that crosses layers gets one in each.
	nodes := make([]flowNode, nb)
	for v := range nodes {
		nodes[v] = flowNode{box: v, layer: layer[v]}
	}
	chains := make([][]int, len(fm.Edges)) // flowNode indexes from source to target
	for k, e := range fm.Edges {
		chain := []int{e.From}
		if !back[k] {
			for l := layer[e.From] + 1; l < layer[e.To]; l++ {
				nodes = append(nodes, flowNode{box: -1, layer: l})
				chain = append(chain, len(nodes)-1)
			}
		}
		chains[k] = append(chain, e.To)
	}
	// 4. Order within layers: first met first, then a few sweeps that
	// move each node towards the average position of its neighbours.
	rows := make([][]int, layers)
	for v := range nodes {
		rows[nodes[v].layer] = append(rows[nodes[v].layer], v)
	}
	up := make([][]int, len(nodes))
	down := make([][]int, len(nodes))
	for k, chain := range chains {
		if back[k] {
			continue
		}
		for i := 0; i+1 < len(chain); i++ {
			down[chain[i]] = append(down[chain[i]], chain[i+1])
			up[chain[i+1]] = append(up[chain[i+1]], chain[i])
		}
	}
	setPos := func(row []int) {
		for i, v := range row {
			nodes[v].pos = float64(i)
		}
	}
	for _, row := range rows {
		setPos(row)
	}
	sweep := func(row []int, nb [][]int) {
		key := make(map[int]float64, len(row))
		for _, v := range row {
			if len(nb[v]) == 0 {
				key[v] = nodes[v].pos
				continue
			}
			sum := 0.0
			for _, w := range nb[v] {
				sum += nodes[w].pos
			}
			key[v] = sum / float64(len(nb[v]))
		}
		sort.SliceStable(row, func(i, j int) bool { return key[row[i]] < key[row[j]] })
		setPos(row)
	}
	for it := 0; it < 4; it++ {
		for l := 1; l < layers; l++ {
			sweep(rows[l], up)
		}
		for l := layers - 2; l >= 0; l-- {
			sweep(rows[l], down)
		}
	}
	// 5. Coordinates: rows centred on the widest.
	width := func(v int) int {
		if nodes[v].box < 0 {
			return flowDummyW
		}
		return flowBoxW
	}
	rowW := make([]int, layers)
	widest := 0
	for l, row := range rows {
		for i, v := range row {
			if i > 0 {
				rowW[l] += flowGapX
			}
			rowW[l] += width(v)
		}
		widest = max(widest, rowW[l])
	}
	nBack := 0
	for _, b := range back {
		if b {
			nBack++
		}
	}
	fm.Width = widest + 2*flowPad + nBack*flowLane + flowLane
	fm.Height = layers*flowBoxH + (layers-1)*flowGapY + 2*flowTop
	for l, row := range rows {
		x := flowPad + (widest-rowW[l])/2
		for _, v := range row {
			nodes[v].x = x
			if b := nodes[v].box; b >= 0 {
				fm.Nodes[b].X, fm.Nodes[b].Y = x, rowY(l)
				fm.Nodes[b].W, fm.Nodes[b].H = flowBoxW, flowBoxH
				fm.Nodes[b].Layer = l
				fm.Nodes[b].Texts = boxTexts(fm.Nodes[b])
			}
			x += width(v) + flowGapX
		}
	}
	// 6. Lines: out of a box's bottom (spread by button), into a box's
	// top, through the waypoints; lines back up the flow leave and enter
	// on the right and run in a lane of their own.
	lane := 0
	for k := range fm.Edges {
		e := &fm.Edges[k]
		src, dst := fm.Nodes[e.From], fm.Nodes[e.To]
		if back[k] {
			// down into the gap below the source's row, right to a lane
			// of its own, up to the gap above the target's row, and in
			// from the top: through gaps only, never across a box
			lane++
			laneX := flowPad + widest + lane*flowLane
			off := 6 + (lane-1)%4*6
			sx, tx := src.X+src.W-12, dst.X+dst.W-12
			e.Path = fmt.Sprintf("M%d,%d V%d H%d V%d H%d V%d", sx, src.Y+src.H, src.Y+src.H+off, laneX, dst.Y-off, tx, dst.Y)
			e.Class += " back"
			continue
		}
		nOut := len(out[e.From])
		port := 0
		for i, kk := range out[e.From] {
			if kk == k {
				port = i
			}
		}
		sx := src.X + (port+1)*src.W/(nOut+1)
		pts := [][2]int{{sx, src.Y + src.H}}
		for _, v := range chains[k][1 : len(chains[k])-1] {
			cx := nodes[v].x + flowDummyW/2
			ly := rowY(nodes[v].layer)
			pts = append(pts, [2]int{cx, ly}, [2]int{cx, ly + flowBoxH})
		}
		pts = append(pts, [2]int{dst.X + dst.W/2, dst.Y})
		var p strings.Builder
		fmt.Fprintf(&p, "M%d,%d", pts[0][0], pts[0][1])
		for i := 1; i < len(pts); i++ {
			a, b := pts[i-1], pts[i]
			if a[0] == b[0] {
				fmt.Fprintf(&p, " L%d,%d", b[0], b[1])
				continue
			}
			my := (a[1] + b[1]) / 2
			fmt.Fprintf(&p, " C%d,%d %d,%d %d,%d", a[0], my, b[0], my, b[0], b[1])
		}
		e.Path = p.String()
	}
}

// boxTexts centres a box's lines; a place outside the conversation has
// a caption line ("landing page") in small type above its target.
func boxTexts(b flowBox) []flowText {
	const lineH = 16
	top := b.Y + (b.H-len(b.Lines)*lineH)/2 + 12
	var out []flowText
	for i, l := range b.Lines {
		class := "label"
		if i == 0 && b.Kind != "message" {
			class = "caption"
		}
		out = append(out, flowText{X: b.X + b.W/2, Y: top + i*lineH, S: l, Class: class})
	}
	return out
}

func rowY(layer int) int { return flowTop + layer*(flowBoxH+flowGapY) }

func severityRank(s string) int {
	switch s {
	case "error":
		return 3
	case "warning":
		return 2
	case "info":
		return 1
	}
	return 0
}

// labelLines breaks s into at most n lines of flowChars characters at
// spaces, ending with "…" when it does not fit, with control characters
// escaped.
func labelLines(s string, n int) []string {
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(escape.Controls(s)) {
		r := []rune(w)
		if len(r) > flowChars {
			r = append(r[:flowChars-1:flowChars-1], '…')
		}
		if len(cur) > 0 && len(cur)+1+len(r) > flowChars {
			lines = append(lines, string(cur))
			cur = nil
			if len(lines) == n {
				last := []rune(lines[n-1])
				if len(last) >= flowChars {
					last = last[:flowChars-1]
				}
				lines[n-1] = string(last) + "…"
				return lines
			}
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, r...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// flowIndex adds fm to the page's flow maps, sharing one drawing between
// variants whose flows look the same.
func (b *builder) flowIndex(fm *flowMap) int {
	key := fmt.Sprintf("%v", *fm)
	if i, ok := b.flows[key]; ok {
		return i
	}
	b.page.Flows = append(b.page.Flows, fm)
	b.flows[key] = len(b.page.Flows) - 1
	return len(b.page.Flows) - 1
}
