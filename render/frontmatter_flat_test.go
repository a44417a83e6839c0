package render

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// sameAsYAML checks that flatFrontMatter, where it accepts fm, builds the
// node tree yaml.v3 builds, and reports whether it accepted.
func sameAsYAML(t *testing.T, fm string) bool {
	t.Helper()
	got, ok := flatFrontMatter(fm)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &want); err != nil {
		t.Fatalf("flatFrontMatter accepted %q, which yaml.v3 rejects: %v", fm, err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("flatFrontMatter(%q) differs from yaml.v3:\n got %s\nwant %s", fm, nodeString(got), nodeString(&want))
	}
	// the same in slabs of the pool, which earlier trees used
	slabs := getFlatSlabs()
	inSlabs, ok := flatFrontMatterIn(fm, slabs)
	if !ok || !reflect.DeepEqual(inSlabs, &want) {
		t.Fatalf("flatFrontMatter(%q) in pooled slabs differs from yaml.v3:\n got %s\nwant %s", fm, nodeString(inSlabs), nodeString(&want))
	}
	slabs.release()
	d := newDataDecoder(0)
	d.flatTree(fm)
	if size := expandedSize(got, 1<<40, map[*yaml.Node]int64{}); size > d.bound {
		t.Fatalf("flatFrontMatter(%q) expands to %d, past the bound of %d", fm, size, d.bound)
	}
	return true
}

func nodeString(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		b.WriteString("{")
		b.WriteString(strings.Join([]string{n.Tag, n.Value}, " "))
		b.WriteString(" ")
		b.WriteString(strings.Repeat("*", int(n.Style)))
		fmt.Fprintf(&b, " %d:%d", n.Line, n.Column)
		for _, c := range n.Content {
			walk(c)
		}
		b.WriteString("}")
	}
	walk(n)
	return b.String()
}

func TestFlatFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		fm     string
		accept bool
	}{
		{"format: message\nsender: \"Kenji Rossi\"\nsubject: \"%FIRSTNAME%, will we see you?\"\n", true},
		{"format: message\nsender: 'Kenji, Rossi'\nsubject: Are you ready for Q3?\n", true},
		{"\n\n  \nformat:   message   \nlang: de\n", true},
		{"subject: Grüße aus München, [Team] {x}\n", true},
		{"subject: see https://example.com/a:b\n", true},
		{"members: samples/members.csv\nfooter: \"\"\n", true},
		{"a: b\na: c\n", true}, // a duplicate key is the parser's to report, not YAML's
		// everything else is yaml.v3's
		{"", false},
		{"   \n", false},
		{"# comment\nformat: message\n", false},
		{"format: message # comment\n", false},
		{"format:\n", false},
		{"format:message\n", false},
		// lists of flat mappings
		{"variants:\n  - name: a\n", true},
		{"format: message\nvariants:\n  - name: v0\n    p: \"Variant 0, it's here.\"\n  - name: v1\n    p: 'b \"c\"'\nlang: de\n", true},
		{"variants:\n- name: a\n  p: b\n- name: c\nlang: de\n", true}, // the items at the key's indentation
		{"variants:\n\n      - name: a\n\n        p: b\n  \n      - p: c\n        name: d\n", true},
		{"variants:   \n  - name: a\n", true},
		{"a:\n  - b: c\nd:\n  - e: f\n    g: h\n", true},
		{"variants:\n  - name: a\n    name: b\n", true}, // a duplicate key is the decoder's to report
		{"variants:\n  - name: a\n    p: Grüße aus München\n", true},
		{"variants:\n  - name: a\n    p: \"\"\n", true},
		{"variants:\n", false},           // a null value
		{"variants:\nlang: de\n", false}, // a null value
		{"variants:  # list\n  - name: a\n", false},
		{"variants:\n  # the first\n  - name: a\n", false},
		{"variants:\n  - name: a # first\n", false},
		{"variants:\n  - name: a\n  # end\n", false},
		{"variants:\n  - a\n", false},
		{"variants:\n  -\n    name: a\n", false},
		{"variants:\n  -name: a\n", false},
		{"variants:\n  -  name: a\n", false},
		{"variants:\n  -\tname: a\n", false},
		{"variants:\n\t- name: a\n", false},
		{"variants:\n  - name: a\n   p: b\n", false},
		{"variants:\n  - name: a\n     p: b\n", false},
		{"variants:\n  - name: a\n  p: b\n", false},
		{"variants:\n  - name: a\n - name: b\n", false},
		{"variants:\n  - name: a\n    - name: b\n", false},
		{"variants:\n  - name: a\n    p:\n", false},
		{"variants:\n  - name: a\n    p:\n      - b: c\n", false},
		{"variants:\n  - name:\n", false},
		{"variants:\n  - name: a\n    p: b\n      c\n", false},
		{"variants:\n  - name: a\nlang: de\n  - name: b\n", false},
		{"variants:\n  - - name: a\n", false},
		{"variants:\n  - name: &x a\n", false},
		{"variants:\n  - <<: *x\n", false},
		{"variants:\n  - !!map {name: a}\n", false},
		{"variants:\n  - {name: a}\n", false},
		{"variants: [a]\n", false},
		{"variants:\n  - name: 1\n", false},
		{"variants:\n  - name: yes\n", false},
		{"variants:\n  - true: a\n", false},
		{"variants:\n  - name: |\n      a\n", false},
		{"variants:\n  - name: a\tb\n", false},
		{"variants:\n  - ? name\n    : a\n", false},
		{"- name: a\n", false},
		{"  - name: a\n", false},
		{"a: b\n  - c: d\n", false},
		{"vars:\n  a: b\n", false},
		{"variants:\n  - " + strings.Repeat("k", 129) + ": v\n", false},
		{" format: message\n", false},
		{"format: message\n  continued\n", false},
		{"subject: %FIRSTNAME%\n", false},
		{"subject: \"a \\\" b\"\n", false},
		{"subject: 'it''s'\n", false},
		{"subject: \"open\n", false},
		{"subject: \"a\" b\n", false},
		{"subject: a: b\n", false},
		{"subject: ends with:\n", false},
		{"count: 12\n", false},
		{"draft: true\n", false},
		{"draft: No\n", false},
		{"draft: ~\n", false},
		{"when: 2024-01-01\n", false},
		{"x: .inf\n", false},
		{"x: <<\n", false},
		{"x: &a b\n", false},
		{"x: *a\n", false},
		{"x: !!str b\n", false},
		{"x: |\n  b\n", false},
		{"x: [a, b]\n", false},
		{"x: {a: b}\n", false},
		{"x: a\tb\n", false},
		{"x: a\r\n", false},
		{"x: a\u2028b\n", false},
		{"x: a\u0085b\n", false},
		{"x: a\x7fb\n", false},
		{"x: \xff\n", false},
		{"\ufeffx: a\n", false},
		{"true: a\n", false},
		{"1a: b\n", false},
		{"a b: c\n", false},
		{"---\nx: a\n", false},
		{strings.Repeat("k", 1100) + ": v\n", false}, // yaml.v3: a simple key is at most 1,024 characters
	} {
		if got := sameAsYAML(t, tc.fm); got != tc.accept {
			t.Errorf("flatFrontMatter(%q) accepted = %v, want %v", tc.fm, got, tc.accept)
		}
	}
}

// FuzzFlatFrontMatter checks that whatever the fast path accepts, yaml.v3
// accepts too and reads the same.
func FuzzFlatFrontMatter(f *testing.F) {
	for _, s := range []string{
		"format: message\nsender: \"Kenji Rossi\"\nsubject: \"%FIRSTNAME%, hi\"\n",
		"a: b c\n\nd: 'e f'\n",
		"subject: Grüße, {x} [y] a-b a:b\n",
		"x: a - b\ny: -a\nz: ?a\n",
		"k: v\u00a0\n",
		"format: message\nvariants:\n  - name: v0\n    p: \"x, y\"\n  - name: v1\n    p: b\nlang: de\n",
		"variants:\n- name: a\n  p: b\n\n- name: c\nx: y\n",
		"a:\n    - b: c\n      d: 'e'\nf:\n - g: h\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		sameAsYAML(t, fm)
	})
}

// TestFlatFrontMatterGenerated compares the fast path with yaml.v3 on
// generated documents of the shapes it reads (flat keys, lists of flat
// mappings at several indentations, blank lines), half of them with one
// line replaced, re-indented or added: a look-alike that yaml.v3 reads
// another way or rejects.
func TestFlatFrontMatterGenerated(t *testing.T) {
	keys := []string{"format", "lang", "name", "p", "subject", "a-b", "x_1"}
	values := []string{"message", "de", "\"x, y\"", "'v w'", "a b c", "\"\"", "Grüße", "\"it's\""}
	pieces := []string{
		"- a", "-", "- name:", "# c", "- - b: c", "name: v0 # c", "p: |", "b: [c]", "- {a: b}",
		"- &x a: b", "- *x", "a:", "b: c", "- b: c", "  ", "? a", ": b", "b: 1", "c: yes", "- c: ~",
	}
	r := rand.New(rand.NewPCG(1, 2))
	entry := func() string { return keys[r.IntN(len(keys))] + ": " + values[r.IntN(len(values))] }
	accepted := 0
	const docs = 20000
	for range docs {
		var lines []string
		for range 1 + r.IntN(4) {
			if r.IntN(3) > 0 {
				lines = append(lines, entry())
				continue
			}
			lines = append(lines, keys[r.IntN(len(keys))]+":")
			indent := strings.Repeat(" ", []int{0, 2, 4}[r.IntN(3)])
			for range 1 + r.IntN(3) {
				lines = append(lines, indent+"- "+entry())
				for range r.IntN(3) {
					lines = append(lines, indent+"  "+entry())
				}
				if r.IntN(5) == 0 {
					lines = append(lines, "")
				}
			}
		}
		if r.IntN(2) == 0 {
			k := r.IntN(len(lines))
			switch r.IntN(3) {
			case 0:
				lines[k] = strings.Repeat(" ", r.IntN(5)) + pieces[r.IntN(len(pieces))]
			case 1:
				if r.IntN(2) == 0 {
					lines[k] = " " + lines[k]
				} else {
					lines[k] = strings.TrimPrefix(lines[k], " ")
				}
			default:
				lines = append(lines[:k], append([]string{strings.Repeat(" ", r.IntN(5)) + pieces[r.IntN(len(pieces))]}, lines[k:]...)...)
			}
		}
		if sameAsYAML(t, strings.Join(lines, "\n")+"\n") {
			accepted++
		}
	}
	// the generator has to reach the fast path often enough to test it
	if accepted < docs/4 {
		t.Errorf("the fast path accepted %d of %d documents", accepted, docs)
	}
	t.Logf("accepted %d of %d", accepted, docs)
}

// parseSummary is what parsing and rendering a template gives: its
// problems, fields and variants with their spans, and each variant's
// rendered copy and problems.
func parseSummary(src string) string {
	return templateSummary(Parse("ad.md", []byte(src)))
}

// templateSummary is what parseSummary says about tp, parsed already.
func templateSummary(tp *Template) string {
	var b strings.Builder
	fmt.Fprintf(&b, "problems %q\n", problemStrings(tp.Problems))
	fmt.Fprintf(&b, "format %q sender %q %+v subject %q %+v lang %q\n", tp.Format, tp.Sender.Text.S, tp.Sender.Span(),
		tp.Subject.Text.S, tp.Subject.Span(), tp.Lang.Text.S)
	fmt.Fprintf(&b, "vars %v\n", tp.Vars)
	for _, v := range tp.Variants {
		fmt.Fprintf(&b, "variant %q %v %+v\n", v.Name, v.Values, v.span)
	}
	vs, ps := tp.Render(sandbox.DefaultLimits)
	fmt.Fprintf(&b, "render problems %q\n", problemStrings(ps))
	for _, v := range vs {
		fmt.Fprintf(&b, "rendered %q %q %q\n", v.Name, problemStrings(v.Problems), v.Subject.S)
		for _, m := range v.Messages {
			fmt.Fprintf(&b, "  body %q %+v\n", m.Body.S, m.Body.Span(0, len(m.Body.S)))
		}
	}
	return b.String()
}

// A template whose front matter the fast path reads parses and renders as
// it does through yaml.v3: every finding about the variants (names
// missing or twice, keys twice, too many variants), every limit and every
// position is the same.
func TestFlatVariantsParseAsYAML(t *testing.T) {
	many := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "  - name: v%d\n    p: \"Variant %d, in %s.\"\n", i, i, "{{ .city }}")
		}
		return b.String()
	}
	for _, variants := range []string{
		"  - name: vp-sales\n    p: \"For sales.\"\n  - name: vp-marketing\n    p: For marketing\n",
		"- name: a\n  p: b\n- name: c\n",
		"  - name: a\n    name: b\n",
		"  - p: no name\n",
		"  - name: \"\"\n",
		"  - name: a\n  - name: a\n",
		"  - name: a\n    p: \"{{ .missing.x }}\"\n",
		"  - name: a\n    city: Lyon\n  - name: b\n    city: Lyon\n",
		"  - name: a\n    k1: a\n    k2: b\n    k3: c\n    k4: d\n    k5: e\n    k6: f\n    k7: g\n    k8: h\n    k9: i\n    k1: j\n",
		"  - name: a\n    k1: a\n    k2: b\n    k3: c\n    k4: d\n    k5: e\n    k6: f\n    k7: g\n    k8: h\n    k9: i\n    k9: j\n",
		many(3),
		many(maxVariants),
		many(maxVariants + 2),
	} {
		fm := "format: message\nsender: Dana\nsubject: \"Hi {{ .p }}\"\nvars:\n  city: Paris\nvariants:\n" + variants
		if _, ok := flatFrontMatter(fm); ok {
			t.Fatalf("the vars: block should send the front matter to yaml.v3:\n%s", fm)
		}
		for _, withVars := range []bool{false, true} {
			fm := fm
			if !withVars {
				fm = strings.Replace(fm, "vars:\n  city: Paris\n", "lang: en\nmembers: m.csv\n", 1)
				if _, ok := flatFrontMatter(fm); !ok {
					t.Fatalf("the fast path declines:\n%s", fm)
				}
			}
			src := "---\n" + fm + "---\nHi,\n\n{{ .p }} {{ .city }}\n\n- [Book a demo](leadform:demo)\n"
			fast := parseSummary(src)
			useFlatFrontMatter = false
			slow := parseSummary(src)
			useFlatFrontMatter = true
			if fast != slow {
				t.Errorf("front matter\n%s\nfast path:\n%s\nyaml.v3:\n%s", fm, fast, slow)
			}
		}
	}
}

// The flat tree's slabs go back to the pool once a front matter is
// parsed: a Template must keep nothing of them. Templates parsed first
// read the same after many more files reused and cleared the slabs.
func TestFlatSlabsNotRetained(t *testing.T) {
	file := func(i, n int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "---\nformat: message\nsender: \"Dana %d\"\nsubject: \"Hi {{ .p }}\"\nlang: en\nvariants:\n", i)
		for k := range n {
			fmt.Fprintf(&b, "  - name: v%d-%d\n    p: \"Variant %d of file %d.\"\n", i, k, k, i)
		}
		if i%3 == 0 {
			b.WriteString("  - name: v0-0\n") // a name twice: a problem at a node
		}
		fmt.Fprintf(&b, "---\nHi,\n\n{{ .p }} %d\n", i)
		return b.String()
	}
	var tps []*Template
	var want []string
	for i := range 40 {
		tp := Parse("ad.md", []byte(file(i, 1+i%7)))
		tps = append(tps, tp)
		want = append(want, templateSummary(tp))
	}
	for i := range 200 {
		Parse("other.md", []byte(file(1000+i, 1+i%11)))
	}
	for i, tp := range tps {
		if got := templateSummary(tp); got != want[i] {
			t.Errorf("file %d changed after later parses:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

// Slabs are cleared before they go back to the pool: the pool holds nothing of a file, and a tree
// built in them starts from zero nodes.
func TestFlatSlabsRelease(t *testing.T) {
	slabs := &flatSlabs{}
	if _, ok := flatFrontMatterIn("format: message\nsubject: \"Hi\"\nvariants:\n  - name: a\n    p: b\n", slabs); !ok {
		t.Fatal("the fast path declines")
	}
	nodes, ptrs := slabs.nodes[:cap(slabs.nodes)], slabs.ptrs[:cap(slabs.ptrs)]
	slabs.reset()
	for i := range nodes {
		if !reflect.DeepEqual(nodes[i], yaml.Node{}) {
			t.Errorf("node %d is %+v after release, want zero", i, nodes[i])
		}
	}
	for i, p := range ptrs {
		if p != nil {
			t.Errorf("pointer %d is set after release", i)
		}
	}
}
