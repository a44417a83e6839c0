package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// conversation builds a Conversation Ad from a compact description:
// messages separated by ";", each "Name: target target ...". A target that
// is a plain word becomes a #slug button; anything with ":" is used as is.
func conversation(t *testing.T, spec string) *Template {
	t.Helper()
	var b strings.Builder
	b.WriteString("---\nformat: conversation\nsender: Dana Reyes\nsubject: Hello\n---\n")
	for _, msg := range strings.Split(spec, ";") {
		name, targets, _ := strings.Cut(strings.TrimSpace(msg), ":")
		fmt.Fprintf(&b, "# %s\nWhich one?\n\n", strings.TrimSpace(name))
		for k, tg := range strings.Fields(targets) {
			if !strings.Contains(tg, ":") && tg != "#" {
				tg = "#" + tg
			}
			fmt.Fprintf(&b, "- [Choice %d](%s)\n", k+1, tg)
		}
		b.WriteString("\n")
	}
	tpl := Parse("flow.md", []byte(b.String()))
	if len(tpl.Problems) > 0 {
		t.Fatalf("test template does not parse: %v\n%s", tpl.Problems, b.String())
	}
	return tpl
}

func slugPath(f *Flow, path []int) string {
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = f.Nodes[n].Slug
	}
	return strings.Join(s, " ")
}

func TestFlowEdges(t *testing.T) {
	f := NewFlow(conversation(t, "Opening: next https://example.com/a leadform:demo missing #; Next: https://example.com/a leadform:demo"), nil)
	if !f.Conversation || len(f.Nodes) != 2 {
		t.Fatalf("got %d nodes, conversation %v", len(f.Nodes), f.Conversation)
	}
	type edge struct {
		kind     targetKind
		target   string
		to, term int
		broken   bool
	}
	var got []edge
	for _, n := range f.Nodes {
		for _, e := range n.Edges {
			got = append(got, edge{e.Kind, e.Target, e.To, e.Terminal, e.Broken()})
		}
	}
	want := []edge{
		{TargetMessage, "next", 1, -1, false},
		{TargetURL, "https://example.com/a", -1, 0, false},
		{TargetLeadForm, "demo", -1, 1, false},
		{TargetMessage, "missing", -1, -1, true},
		{TargetMessage, "", -1, -1, true},
		{TargetURL, "https://example.com/a", -1, 0, false},
		{TargetLeadForm, "demo", -1, 1, false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("edges:\n got %+v\nwant %+v", got, want)
	}
	if len(f.Terminals) != 2 {
		t.Errorf("terminals: got %+v, want the URL and the lead form once each", f.Terminals)
	}
}

func TestFlowVariantTargets(t *testing.T) {
	src := "---\nformat: conversation\nsender: Dana\nsubject: Hi\nvars: {next: demo, title: Welcome}\n---\n" +
		"# {{ .title }}\nWhich?\n\n- [Go to {{.next}}](#{{.next}})\n\n# Demo\nOk?\n\n- [Book](leadform:demo)\n"
	tpl := Parse("v.md", []byte(src))
	vs, probs := tpl.Render(sandbox.DefaultLimits)
	if len(probs) > 0 || len(vs) != 1 {
		t.Fatalf("render: %v", probs)
	}
	f := NewFlow(tpl, vs[0])
	e := f.Nodes[0].Edges[0]
	if e.Kind != TargetMessage || e.To != 1 || e.Label != "Go to demo" || f.Nodes[0].Title != "Welcome" {
		t.Errorf("got edge %+v, title %q; want the rendered target #demo to reach message 1", e, f.Nodes[0].Title)
	}
	// without a variant the target is taken as written and names nothing
	if e := NewFlow(tpl, nil).Nodes[0].Edges[0]; e.To != -1 {
		t.Errorf("unrendered target resolved to %d", e.To)
	}
}

func TestFlowMessageAd(t *testing.T) {
	tpl := Parse("m.md", []byte("---\nformat: message\nsender: Dana\nsubject: Seat?\n---\nHi.\n\n- [Save my seat](leadform:webinar)\n"))
	f := NewFlow(tpl, nil)
	if f.Conversation || len(f.Nodes) != 1 || f.Nodes[0].Title != "Seat?" || len(f.Terminals) != 1 {
		t.Errorf("got %+v", f)
	}
}

func TestFlowLookup(t *testing.T) {
	f := NewFlow(conversation(t, "Opening: café; Café; Demo request"), nil)
	for _, tt := range []struct {
		slug string
		want int
	}{
		{"café", 1}, {"caf%C3%A9", 1}, {"Café", -1}, {"", -1}, {"demo-request", 2},
	} {
		if got := f.lookup(tt.slug); got != tt.want {
			t.Errorf("lookup(%q) = %d, want %d", tt.slug, got, tt.want)
		}
	}
	for _, tt := range []struct{ slug, want string }{
		{"Demo-Request", "demo-request"},
		{"demo-reqest", "demo-request"},
		{"pricing", ""},
	} {
		if got := f.Suggest(tt.slug); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.slug, got, tt.want)
		}
	}
}

func TestFlowReachable(t *testing.T) {
	f := NewFlow(conversation(t, "A: b; B: c; C; D: a; E: d"), nil)
	want := []bool{true, true, true, false, false}
	if got := f.Reachable(); !slices.Equal(got, want) {
		t.Errorf("Reachable = %v, want %v", got, want)
	}
}

func TestFlowLongestPath(t *testing.T) {
	for _, tt := range []struct{ spec, want string }{
		{"A", "a"},
		{"A: b c; B; C: d; D", "a c d"},
		// a cycle does not make the flow deeper than its simple paths
		{"A: b; B: a c; C: b", "a b c"},
		// ties go to the first path in button order
		{"A: b c; B: d; C: d; D", "a b d"},
		// a longer way round to a message seen early counts
		{"A: d b; B: c; C: d; D: e; E", "a b c d e"},
	} {
		f := NewFlow(conversation(t, tt.spec), nil)
		if got := slugPath(f, f.LongestPath()); got != tt.want {
			t.Errorf("%s: LongestPath = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

func TestFlowCycles(t *testing.T) {
	for _, tt := range []struct {
		spec string
		want []string // each cycle's path, then the closing button "from>to#button"
	}{
		{"A: b c; B; C", nil},
		{"A: a", []string{"a | a>a#0"}},
		{"Planning: more; More: planning", []string{"planning more | more>planning#0"}},
		// two buttons to the same message make one cycle
		{"A: b; B: a a", []string{"a b | b>a#0"}},
		// both loops through c, each once, rotated to start where the walk enters
		{"A: b; B: c; C: b a", []string{"a b c | c>a#1", "b c | c>b#0"}},
		{"A: b c; B: c; C: a", []string{"a b c | c>a#0", "a c | c>a#0"}},
		// a cycle among messages the opening never reaches is still found
		{"A; B: c; C: b", []string{"b c | c>b#0"}},
	} {
		f := NewFlow(conversation(t, tt.spec), nil)
		var got []string
		for _, c := range f.Cycles(100) {
			e := c.Closing
			got = append(got, fmt.Sprintf("%s | %s>%s#%d", slugPath(f, c.Path), f.Nodes[e.From].Slug, f.Nodes[e.To].Slug, e.Button))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Cycles =\n %q\nwant\n %q", tt.spec, got, tt.want)
		}
	}
}

func TestFlowCyclesLimit(t *testing.T) {
	// every message links to every other: many cycles, cut at the limit
	var parts []string
	names := []string{"a", "b", "c", "d", "e", "f"}
	for _, n := range names {
		var to []string
		for _, m := range names {
			if m != n {
				to = append(to, m)
			}
		}
		parts = append(parts, strings.ToUpper(n)+": "+strings.Join(to[:5], " "))
	}
	f := NewFlow(conversation(t, strings.Join(parts, ";")), nil)
	if got := len(f.Cycles(10)); got != 10 {
		t.Errorf("got %d cycles, want the limit 10", got)
	}
	if got := len(f.Cycles(10000)); got != 409 {
		// the complete digraph on 6 vertices has 409 elementary cycles
		t.Errorf("got %d cycles, want 409", got)
	}
	if got := len(f.LongestPath()); got != 6 {
		t.Errorf("LongestPath has %d messages, want 6", got)
	}
}
