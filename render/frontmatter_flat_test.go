package render

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
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
		{"variants:\n  - name: a\n", false},
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
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		sameAsYAML(t, fm)
	})
}
