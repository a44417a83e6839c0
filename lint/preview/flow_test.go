package preview

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/sandbox"
)

// tangled has a bit of everything the map must show: a loop of three, a
// button to its own message, an orphan that links into the flow, a dead
// end, a missing message, an invalid target, two exits shared by several
// buttons, and a long line from the opening to the last layer.
const tangled = "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"Hi\"\n---\n" +
	"# Opening\nWhich?\n\n- [A](#a)\n- [B](#b)\n- [Typo](#nowhere)\n- [End](#end)\n\n" +
	"# A\nA?\n\n- [Next](#c)\n- [Form](leadform:demo)\n- [Self](#a)\n\n" +
	"# B\nB?\n\n- [Site](https://example.com/b)\n- [Bad](ftp://example.com)\n\n" +
	"# C\nC?\n\n- [Back to A](#a)\n- [Form](leadform:demo)\n- [End](#end)\n\n" +
	"# End\nThanks.\n\n" +
	"# Orphan\nNobody.\n\n- [To B](#b)\n"

func tangledFlow(t *testing.T) *render.Flow {
	t.Helper()
	tp := render.Parse("tangled.md", []byte(tangled))
	if len(tp.Problems) > 0 {
		t.Fatalf("parse: %+v", tp.Problems)
	}
	vs, _ := tp.Render(sandbox.DefaultLimits)
	return render.NewFlow(tp, vs[0])
}

// fixedSeverity stands for a file's findings: flow-unreachable
// configured as an error, the others at their defaults.
func fixedSeverity(rule string) string {
	switch rule {
	case "flow-unreachable", "flow-target", "link-limits":
		return "error"
	}
	return "warning"
}

func TestFlowLayout(t *testing.T) {
	f := tangledFlow(t)
	fm := layoutFlow(f, fixedSeverity)
	buttons := 0
	for _, n := range f.Nodes {
		buttons += len(n.Edges)
	}
	// 6 messages, then the exits once each: lead form, landing page, the
	// missing #nowhere, the invalid ftp target
	var kinds []string
	for _, b := range fm.Nodes {
		kinds = append(kinds, b.Kind)
	}
	if got := strings.Join(kinds, ","); got != "message,message,message,message,message,message,missing,form,url,invalid" {
		t.Errorf("boxes %s", got)
	}
	if len(fm.Edges) != buttons {
		t.Fatalf("%d lines for %d buttons", len(fm.Edges), buttons)
	}
	t.Run("no boxes overlap, all inside the drawing", func(t *testing.T) {
		for i, a := range fm.Nodes {
			if a.W <= 0 || a.H <= 0 || a.X < 0 || a.Y < 0 || a.X+a.W > fm.Width || a.Y+a.H > fm.Height {
				t.Errorf("box %d (%s) at %d,%d %dx%d outside %dx%d", i, a.Title, a.X, a.Y, a.W, a.H, fm.Width, fm.Height)
			}
			for j, b := range fm.Nodes[i+1:] {
				if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
					t.Errorf("boxes %d (%s) and %d (%s) overlap", i, a.Title, i+1+j, b.Title)
				}
			}
		}
	})
	t.Run("every button is a line from its box to its target", func(t *testing.T) {
		seen := map[[2]int]bool{}
		for _, e := range fm.Edges {
			seen[[2]int{e.Message, e.Button}] = true
			pts := pathPoints(t, e.Path)
			first, last := pts[0], pts[len(pts)-1]
			if !onBox(fm.Nodes[e.From], first) {
				t.Errorf("line %d.%d (%s) starts at %v, not on its box %+v", e.Message, e.Button, e.Title, first, fm.Nodes[e.From])
			}
			if !onBox(fm.Nodes[e.To], last) {
				t.Errorf("line %d.%d (%s) ends at %v, not on its target %+v", e.Message, e.Button, e.Title, last, fm.Nodes[e.To])
			}
			for _, p := range pts {
				if p[0] < 0 || p[1] < 0 || p[0] > fm.Width || p[1] > fm.Height {
					t.Errorf("line %d.%d leaves the drawing at %v", e.Message, e.Button, p)
				}
			}
			back := strings.Contains(e.Class, "back")
			if down := fm.Nodes[e.To].Layer > fm.Nodes[e.From].Layer; down == back {
				t.Errorf("line %d.%d (%s): layers %d→%d but class %q", e.Message, e.Button, e.Title, fm.Nodes[e.From].Layer, fm.Nodes[e.To].Layer, e.Class)
			}
		}
		for i, n := range f.Nodes {
			for j := range n.Edges {
				if !seen[[2]int{i, j}] {
					t.Errorf("button %d of message %d has no line", j, i)
				}
			}
		}
	})
	t.Run("marks", func(t *testing.T) {
		want := map[string]string{
			"Opening": "message opening",
			"A":       "message cycle sev-warning", // on the loop a → c → a and its own
			"B":       "message",
			"C":       "message cycle sev-warning",
			"End":     "message dead-end sev-warning",
			"Orphan":  "message unreachable sev-error",
		}
		for _, b := range fm.Nodes[:6] {
			if b.Class != want[b.Title] {
				t.Errorf("box %s: class %q, want %q", b.Title, b.Class, want[b.Title])
			}
		}
		if c := fm.Nodes[6].Class; c != "missing sev-error" {
			t.Errorf("missing message class %q", c)
		}
		lines := map[string]string{}
		for _, e := range fm.Edges {
			lines[fmt.Sprintf("%s/%s", fm.Nodes[e.From].Title, e.Title)] = e.Class
		}
		for key, class := range map[string]string{
			"Opening/Typo": "edge broken sev-error",
			"B/Bad":        "edge broken sev-error",
			"A/Self":       "edge cycle sev-warning back",
			"C/Back to A":  "edge cycle sev-warning back",
			"Opening/A":    "edge",
			"Orphan/To B":  "edge",
			"Opening/End":  "edge",
			"B/Site":       "edge",
			"C/Form":       "edge",
			"A/Form":       "edge",
			"A/Next":       "edge",
			"C/End":        "edge",
			"Opening/B":    "edge",
		} {
			if lines[key] != class {
				t.Errorf("line %s: class %q, want %q", key, lines[key], class)
			}
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		if again := layoutFlow(tangledFlow(t), fixedSeverity); !reflect.DeepEqual(again, fm) {
			t.Errorf("two layouts of the same flow differ")
		}
	})
}

// TestFlowLayoutExamples lays out the example conversations and checks
// the same properties on real copy.
func TestFlowLayoutExamples(t *testing.T) {
	for _, name := range []string{"software-demo.md", "software-demo-flawed.md"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile("../../testdata/examples/" + name)
			if err != nil {
				t.Fatal(err)
			}
			tp := render.Parse(name, data)
			vs, _ := tp.Render(sandbox.DefaultLimits)
			f := render.NewFlow(tp, vs[0])
			fm := layoutFlow(f, func(string) string { return "warning" })
			n := 0
			for _, node := range f.Nodes {
				n += len(node.Edges)
			}
			if len(fm.Edges) != n {
				t.Errorf("%d lines for %d buttons", len(fm.Edges), n)
			}
			for i, a := range fm.Nodes {
				for _, b := range fm.Nodes[i+1:] {
					if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
						t.Errorf("%s and %s overlap", a.Title, b.Title)
					}
				}
			}
			if fm.Nodes[0].Layer != 0 || !strings.Contains(fm.Nodes[0].Class, "opening") {
				t.Errorf("the opening is %+v", fm.Nodes[0])
			}
		})
	}
}

func TestLabelLines(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"Opening", 2, []string{"Opening"}},
		{"Forecast accuracy for revenue teams", 2, []string{"Forecast accuracy for", "revenue teams"}},
		{"One two three four five six seven eight nine ten eleven", 2, []string{"One two three four five", "six seven eight nine te…"}},
		{"https://example.com/a/very/long/path/that/goes/on", 1, []string{"https://example.com/a/v…"}},
		{"esc\x1b[2Jape", 2, []string{`esc\x1b[2Jape`}},
		{"", 2, []string{""}},
	}
	for _, tt := range tests {
		if got := labelLines(tt.in, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("labelLines(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

var pathNum = regexp.MustCompile(`-?\d+`)

// pathPoints reads the points of a path made of M, L, C, H and V commands
// with absolute coordinates.
func pathPoints(t *testing.T, d string) [][2]int {
	t.Helper()
	var pts [][2]int
	var cur [2]int
	for _, cmd := range regexp.MustCompile(`[MLCHV][^MLCHV]*`).FindAllString(d, -1) {
		var nums []int
		for _, s := range pathNum.FindAllString(cmd[1:], -1) {
			n, _ := strconv.Atoi(s)
			nums = append(nums, n)
		}
		switch cmd[0] {
		case 'M', 'L':
			cur = [2]int{nums[0], nums[1]}
		case 'C':
			cur = [2]int{nums[4], nums[5]}
		case 'H':
			cur[0] = nums[0]
		case 'V':
			cur[1] = nums[0]
		}
		pts = append(pts, cur)
	}
	if len(pts) < 2 {
		t.Fatalf("path %q has %d points", d, len(pts))
	}
	return pts
}

// onBox: p lies on b's outline.
func onBox(b flowBox, p [2]int) bool {
	inX := p[0] >= b.X && p[0] <= b.X+b.W
	inY := p[1] >= b.Y && p[1] <= b.Y+b.H
	return inX && (p[1] == b.Y || p[1] == b.Y+b.H) || inY && (p[0] == b.X || p[0] == b.X+b.W)
}
