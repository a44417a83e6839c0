package render

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/render/sandbox"
)

// varsAd is a Message Ad whose vars block is vars (indented by two) and
// whose subject is subject.
func varsAd(subject, vars string) string {
	return "---\nformat: message\nsender: Dana\nsubject: " + subject + "\nvars:\n" + vars + "---\nBody?\n\n- [Book a demo](leadform:demo)\n"
}

// Vars decode to plain data only: the core schema's scalars keep their
// types, every other scalar is its text as written, and maps are keyed by
// text.
func TestVarsArePlainData(t *testing.T) {
	tp := Parse("ad.md", []byte(varsAd("Hi", ""+
		"  ts: 2024-01-01T00:00:00Z\n"+
		"  date: 2024-01-01\n"+
		"  bin: !!binary aGVsbG8=\n"+
		"  tagged: !foo bar\n"+
		"  taggedmap: !foo {a: 1}\n"+
		"  set: !!set {a, b}\n"+
		"  str: !!str 123\n"+
		"  n: 3\n"+
		"  neg: -7\n"+
		"  hex: 0x1F\n"+
		"  big: 18446744073709551615\n"+
		"  f: 1.50\n"+
		"  inf: .inf\n"+
		"  yes: true\n"+
		"  null: ~\n"+
		"  keys: {1: one, true: t, 2.5: f, ~: n}\n"+
		"  nested: {a: {b: [1, {c: d}]}}\n")))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	want := map[string]any{
		"ts":        "2024-01-01T00:00:00Z",
		"date":      "2024-01-01",
		"bin":       "aGVsbG8=",
		"tagged":    "bar",
		"taggedmap": map[string]any{"a": 1},
		"set":       map[string]any{"a": nil, "b": nil},
		"str":       "123",
		"n":         3,
		"neg":       -7,
		"hex":       31,
		"big":       uint64(18446744073709551615),
		"f":         1.5,
		"inf":       tp.Vars["inf"], // +Inf, compared below
		"yes":       true,
		"null":      nil,
		"keys":      map[string]any{"1": "one", "true": "t", "2.5": "f", "~": "n"},
		"nested":    map[string]any{"a": map[string]any{"b": []any{1, map[string]any{"c": "d"}}}},
	}
	if !reflect.DeepEqual(tp.Vars, want) {
		for k := range want {
			if !reflect.DeepEqual(tp.Vars[k], want[k]) {
				t.Errorf("vars[%q] = %#v, want %#v", k, tp.Vars[k], want[k])
			}
		}
	}
	if f, ok := tp.Vars["inf"].(float64); !ok || f < 1e308 {
		t.Errorf("vars[inf] = %#v, want +Inf", tp.Vars["inf"])
	}
}

// A timestamp is the text as written: no time.Time methods, which read the
// runner's time zone, reach the template.
func TestTimestampVarIsText(t *testing.T) {
	for _, tt := range []struct{ subject, out, problem string }{
		{`"{{ .ts }}"`, "2024-01-01T00:00:00Z", ""},
		{`"{{ .ts | trunc 4 }}"`, "2024", ""},
		{`"{{ .ts.Local.Location }}"`, "", `4:17-4:32 can't evaluate field Local in type interface {}`},
		{`"{{ .ts.Year }}"`, "", `4:17-4:22 can't evaluate field Year in type interface {}`},
	} {
		tp := Parse("ad.md", []byte(varsAd(tt.subject, "  ts: 2024-01-01T00:00:00Z\n")))
		vs, ps := tp.Render(sandbox.DefaultLimits)
		if len(ps) > 0 {
			t.Fatalf("%s: parse problems %q", tt.subject, problemStrings(ps))
		}
		if got := vs[0].Subject.S; got != tt.out {
			t.Errorf("%s: subject %q, want %q", tt.subject, got, tt.out)
		}
		if got := strings.Join(problemStrings(vs[0].Problems), "\n"); got != tt.problem {
			t.Errorf("%s: problems %q, want %q", tt.subject, got, tt.problem)
		}
	}
}

// Merge keys work as in yaml.v3: the mapping's own keys win, then the
// first merged mapping; aliases share what they decode to, and a variant
// that is an anchor is not changed by removing its name.
func TestVarsMergeAndAliases(t *testing.T) {
	src := "---\nformat: message\nsender: Dana\nsubject: Hi\nvars:\n" +
		"  base: &b {x: 1, y: 2}\n" +
		"  more: &m {y: 20, z: 30}\n" +
		"  m:\n    <<: [*b, *m]\n    y: 3\n" +
		"  l: [*b, *b]\n" +
		"  v: &v {name: one, k: 1}\n" +
		"variants:\n  - *v\n  - name: two\n    <<: *b\n" +
		"---\nBody?\n\n- [Book a demo](leadform:demo)\n"
	tp := Parse("ad.md", []byte(src))
	if len(tp.Problems) > 0 {
		t.Fatalf("problems: %q", problemStrings(tp.Problems))
	}
	if got, want := tp.Vars["m"], map[string]any{"x": 1, "y": 3, "z": 30}; !reflect.DeepEqual(got, want) {
		t.Errorf("merged m = %v, want %v", got, want)
	}
	l := tp.Vars["l"].([]any)
	if reflect.ValueOf(l[0]).UnsafePointer() != reflect.ValueOf(l[1]).UnsafePointer() {
		t.Error("two aliases of one anchor decoded to two maps")
	}
	if got := fmt.Sprint(tp.Vars["v"]); got != "map[k:1 name:one]" {
		t.Errorf("the anchored variant's map changed: %s", got)
	}
	if len(tp.Variants) != 2 || tp.Variants[0].Name != "one" || fmt.Sprint(tp.Variants[0].Values) != "map[k:1]" ||
		fmt.Sprint(tp.Variants[1].Values) != "map[x:1 y:2]" {
		t.Errorf("variants = %+v", tp.Variants)
	}
}

func TestVarsDataErrors(t *testing.T) {
	for _, tt := range []struct{ vars, want string }{
		{"  a: 1\n  a: 2\n", `7:3-7:7 vars: mapping key "a" already defined at line 6`},
		{"  m:\n    k: 1\n    k: 2\n", `8:5-8:9 vars: mapping key "k" already defined at line 7`},
		// past the few keys looked up in a list
		{"  k1: 1\n  k2: 1\n  k3: 1\n  k4: 1\n  k5: 1\n  k6: 1\n  k7: 1\n  k8: 1\n  k9: 1\n  k1: 2\n", `15:3-15:8 vars: mapping key "k1" already defined at line 6`},
		{"  k1: 1\n  k2: 1\n  k3: 1\n  k4: 1\n  k5: 1\n  k6: 1\n  k7: 1\n  k8: 1\n  k9: 1\n  k9: 2\n", `15:3-15:8 vars: mapping key "k9" already defined at line 14`},
		{"  ? [a, b]\n  : x\n", `6:5-6:11 vars: a key must be text, not a list`},
		{"  b: &b [1]\n  m:\n    <<: *b\n", `8:9-8:11 vars: map merge requires map or sequence of maps as the value`},
		{"  n: !!int abc\n", `6:6-6:15 vars: cannot decode "abc" as !!int`},
	} {
		tp := Parse("ad.md", []byte(varsAd("Hi", tt.vars)))
		if got := strings.Join(problemStrings(tp.Problems), "\n"); got != tt.want {
			t.Errorf("%q: problems %q, want %q", tt.vars, got, tt.want)
		}
	}
}

// A block whose aliases expand past maxExpandedData is one finding at the
// block, found without expanding anything; one just under the cap
// decodes, sharing the long string.
func TestVarsExpansionCap(t *testing.T) {
	long := strings.Repeat("x", 100000)
	aliases := func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat("*s, ", n), ", ") + "]" }
	over := varsAd("Hi", "  s: &s "+long+"\n  l: "+aliases(42)+"\n")
	tp := Parse("ad.md", []byte(over))
	want := "6:3-6:100009 vars: aliases expand this block to more than 4194304 bytes, the cap on vars: use fewer aliases of long values"
	if got := strings.Join(problemStrings(tp.Problems), "\n"); got != want {
		t.Errorf("problems %q, want %q", got, want)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	under := Parse("ad.md", []byte(varsAd("Hi", "  s: &s "+long+"\n  l: "+aliases(40)+"\n")))
	runtime.ReadMemStats(&after)
	if len(under.Problems) > 0 || len(under.Vars["l"].([]any)) != 40 {
		t.Fatalf("problems %q", problemStrings(under.Problems))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 2<<20 {
		t.Errorf("decoding 40 aliases of a 100 KB string allocated %d bytes", n)
	}
	variant := "---\nformat: message\nsender: Dana\nsubject: Hi\nvars:\n  s: &s " + long + "\nvariants:\n  - name: a\n    l: " + aliases(45) + "\n---\nBody?\n"
	tp = Parse("ad.md", []byte(variant))
	want = "8:5-8:12 variant: aliases expand this variant to more than 4194304 bytes, the cap on a variant's values: use fewer aliases of long values"
	if got := strings.Join(problemStrings(tp.Problems), "\n"); got != want {
		t.Errorf("problems %q, want %q", got, want)
	}
}
