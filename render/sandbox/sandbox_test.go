package sandbox

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/Masterminds/sprig/v3"
)

// runField parses and executes text, failing the test on a parse error.
func runField(t *testing.T, text string, data map[string]any, limits Limits) (string, []Seg, *Error) {
	t.Helper()
	ft, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): unexpected error at %d..%d: %s", text, err.Offset, err.End, err.Msg)
	}
	out, segs, _, terr := ft.Execute(NewData(data), NewBudget(limits))
	return out, segs, terr
}

func TestFieldSegments(t *testing.T) {
	data := map[string]any{
		"name":     "Ada",
		"audience": "sales leaders",
		"on":       true,
		"items":    []any{"a", "b", "c"},
		"m":        map[string]any{"zeta": 1, "alpha": 2, "mid": 3},
	}
	tests := []struct {
		name, text string
		out        string
		segs       []Seg
	}{
		{"plain text", "Hello there", "Hello there",
			[]Seg{{0, 11, 0, 11, true}}},
		{"empty", "", "",
			[]Seg{{0, 0, 0, 0, true}}},
		{"one action", "Hi {{ .name }}, welcome", "Hi Ada, welcome",
			[]Seg{{0, 3, 0, 3, true}, {3, 6, 3, 14, false}, {6, 15, 14, 23, true}}},
		{"action only", "{{ .name }}", "Ada",
			[]Seg{{0, 3, 0, 11, false}}},
		{"comment removed", "Hi {{/* note */}} there", "Hi  there",
			[]Seg{{0, 3, 0, 3, true}, {3, 3, 3, 17, false}, {3, 9, 17, 23, true}}},
		{"comment only", "{{/* only */}}", "",
			[]Seg{{0, 0, 0, 14, false}}},
		{"trim markers", "Hi  {{- .name -}}  , welcome", "HiAda, welcome",
			[]Seg{{0, 2, 0, 2, true}, {2, 5, 2, 19, false}, {5, 14, 19, 28, true}}},
		{"trimmed comment", "Hi {{- /* c */ -}} there", "Hithere",
			[]Seg{{0, 2, 0, 2, true}, {2, 2, 2, 19, false}, {2, 7, 19, 24, true}}},
		{"leading trim", "  {{- .name }}!", "Ada!",
			[]Seg{{0, 3, 0, 14, false}, {3, 4, 14, 15, true}}},
		{"adjacent actions are one segment", "{{ .name }}{{ .name }} and {{ .name }}", "AdaAda and Ada",
			[]Seg{{0, 6, 0, 22, false}, {6, 11, 22, 27, true}, {11, 14, 27, 38, false}}},
		{"if block with inner text", "A{{ if .on }} yes{{ else }} no{{ end }}B", "A yesB",
			[]Seg{{0, 1, 0, 1, true}, {1, 5, 1, 39, false}, {5, 6, 39, 40, true}}},
		{"range", "{{ range $i, $e := .items }}{{ $i }}={{ $e }} {{ end }}!", "0=a 1=b 2=c !",
			[]Seg{{0, 12, 0, 55, false}, {12, 13, 55, 56, true}}},
		{"range over a small integer", "{{ range 3 }}x{{ end }}", "xxx",
			[]Seg{{0, 3, 0, 23, false}}},
		{"multi-line", "Line one\n{{ .name }}\nLine three", "Line one\nAda\nLine three",
			[]Seg{{0, 9, 0, 9, true}, {9, 12, 9, 20, false}, {12, 23, 20, 31, true}}},
		{"sprig pipeline", "For {{ .audience | title }}", "For Sales Leaders",
			[]Seg{{0, 4, 0, 4, true}, {4, 17, 4, 27, false}}},
		{"variable declaration prints nothing", "{{ $n := len .items }}{{ printf \"%d items\" $n }}", "3 items",
			[]Seg{{0, 7, 0, 48, false}}},
		{"keys are sorted", "{{ keys .m | join \",\" }}", "alpha,mid,zeta",
			[]Seg{{0, 14, 0, 24, false}}},
		{"values follow sorted keys", "{{ values .m }}", "[2 3 1]",
			[]Seg{{0, 7, 0, 15, false}}},
		{"uniq", "{{ list 1 2 1 \"a\" \"a\" (list 1) (list 1) | uniq }}", "[1 2 a [1]]",
			[]Seg{{0, 11, 0, 49, false}}},
		{"sortAlpha", "{{ sortAlpha (list \"b\" \"c\" \"a\") }}", "[a b c]",
			[]Seg{{0, 7, 0, 34, false}}},
		{"seq", "{{ seq 3 }}", "1 2 3",
			[]Seg{{0, 5, 0, 11, false}}},
		{"default", "Hi {{ get . \"nick\" | default \"there\" }}", "Hi there",
			[]Seg{{0, 3, 0, 3, true}, {3, 8, 3, 39, false}}},
		{"builtin escapers", "{{ urlquery \"a b&c\" }}", "a+b%26c",
			[]Seg{{0, 7, 0, 22, false}}},
		{"hash", "{{ sha256sum \"x\" | trunc 8 }}", "2d711642",
			[]Seg{{0, 8, 0, 29, false}}},
		{"regexReplaceAll", "{{ regexReplaceAll \"(a)(b)\" \"xabyab\" \"${2}$1\" }}", "xbayba",
			[]Seg{{0, 6, 0, 48, false}}},
		{"text that looks like a marker", "a\uFDD0b {{ .name }}", "a\uFDD0b Ada",
			[]Seg{{0, 6, 0, 6, true}, {6, 9, 6, 17, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, segs, err := runField(t, tt.text, data, DefaultLimits)
			if err != nil {
				t.Fatalf("Execute: %d..%d %s", err.Offset, err.End, err.Msg)
			}
			if out != tt.out {
				t.Errorf("out = %q, want %q", out, tt.out)
			}
			if !reflect.DeepEqual(segs, tt.segs) {
				t.Errorf("segs = %v, want %v", segs, tt.segs)
			}
			checkSegs(t, tt.text, out, segs)
		})
	}
}

// checkSegs asserts the invariants Execute promises for any field.
func checkSegs(t *testing.T, text, out string, segs []Seg) {
	t.Helper()
	if len(segs) == 0 {
		t.Fatalf("no segments")
	}
	outAt, srcAt := 0, 0
	for i, s := range segs {
		if s.Out != outAt || s.OutEnd < s.Out {
			t.Errorf("seg %d %v: output not adjacent to %d", i, s, outAt)
		}
		if s.Src != srcAt || s.SrcEnd < s.Src {
			t.Errorf("seg %d %v: source not adjacent to %d", i, s, srcAt)
		}
		if s.Literal && out[s.Out:s.OutEnd] != text[s.Src:s.SrcEnd] {
			t.Errorf("seg %d %v: literal %q != source %q", i, s, out[s.Out:s.OutEnd], text[s.Src:s.SrcEnd])
		}
		outAt, srcAt = s.OutEnd, s.SrcEnd
	}
	if outAt != len(out) || srcAt != len(text) {
		t.Errorf("segments end at out %d src %d, want %d and %d", outAt, srcAt, len(out), len(text))
	}
}

func TestFieldSegmentsInvariants(t *testing.T) {
	data := map[string]any{"name": "Ada", "n": 2, "list": []any{"x", "y"}}
	for _, text := range []string{
		"{{ .name }}",
		" {{- .name -}} ",
		"a {{/* c */}}{{/* d */}} b",
		"a{{ if .name }}{{ .name }}{{ end }}{{/* c */}}b{{ range .list }}-{{ . }}{{ end }}",
		"x\n{{- range $i := until .n }}\n  {{ $i }}\n{{- end }}\ny",
		"{{ with .name }}{{ . }}{{ else }}none{{ end }} {{ if not .name }}no{{ else if .n }}n{{ end }}",
		"{{ range .list }}{{ if eq . \"y\" }}{{ break }}{{ end }}{{ . }}{{ end }}",
		"é{{ .name }}ü {{ \"}}\" }} ñ",
	} {
		out, segs, err := runField(t, text, data, DefaultLimits)
		if err != nil {
			t.Errorf("%q: %s", text, err.Msg)
			continue
		}
		checkSegs(t, text, out, segs)
	}
}

func TestSandboxUnavailableFunctions(t *testing.T) {
	tests := []struct {
		text     string
		off, end int
		msg      string
	}{
		{`Hi {{ env "HOME" }}`, 6, 9, `template function "env" is not available: templates cannot read the environment`},
		{`{{ expandenv "$HOME" }}`, 3, 12, `template function "expandenv" is not available: templates cannot read the environment`},
		{`{{ now | date "2006" }}`, 3, 6, `template function "now" is not available: output must not depend on the clock`},
		{`{{ "2024-01-01" | toDate "2006-01-02" }}`, 18, 24, `template function "toDate" is not available: output must not depend on the clock`},
		{`{{ randAlpha 5 }}`, 3, 12, `template function "randAlpha" is not available: output must be deterministic`},
		{`{{ uuidv4 }}`, 3, 9, `template function "uuidv4" is not available: output must be deterministic`},
		{`{{ genPrivateKey "rsa" }}`, 3, 16, `template function "genPrivateKey" is not available: templates cannot use keys, certificates, passwords or encryption`},
		{`{{ getHostByName "example.com" }}`, 3, 16, `template function "getHostByName" is not available: templates cannot use the network`},
		{`{{ fail "no" }}`, 3, 7, `template function "fail" is not available: a field cannot stop rendering on purpose`},
		{`{{ include "x" . }}`, 3, 10, `template function "include" is not available: templates cannot include other templates`},
		{`{{ $_ := set . "name" "x" }}`, 9, 12, `template function "set" is not available: templates cannot modify maps, which would change the data for other fields: build a new map with dict`},
		{`{{ call .f }}`, 3, 7, `template function "call" is not available: templates cannot call functions from the data`},
		{`{{ osBase "a/b" }}`, 3, 9, `template function "osBase" is not available: output must not depend on the operating system`},
		{`{{ toJson . }}`, 3, 9, `template function "toJson" is not available: the sandbox has only string, list, map, math and default functions`},
		{`{{ foo }}`, 3, 6, `template function "foo" is not defined`},
		// A name no list knows is Undefined, for render to suggest the
		// nearest allowed function (variant_test.go).
		{`{{ .name | uper }}`, 11, 15, `template function "uper" is not defined`},
		{`{{ inboxlintMark }}`, 3, 16, `template function "inboxlintMark" is not defined`},
		// Positions on later lines, inside blocks and parentheses; the first
		// problem in the text is reported.
		{"Line one\n{{ if .x }}\n  {{ (env \"A\") | upper }}{{ now }}\n{{ end }}", 27, 30, `template function "env" is not available: templates cannot read the environment`},
		{"{{ range .x }}{{ uuidv4 }}{{ end }}{{ env \"A\" }}", 17, 23, `template function "uuidv4" is not available: output must be deterministic`},
	}
	for _, tt := range tests {
		ft, err := Parse(tt.text)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", tt.text)
			continue
		}
		if ft != nil {
			t.Errorf("Parse(%q) returned a template with an error", tt.text)
		}
		if err.Offset != tt.off || err.End != tt.end || err.Msg != tt.msg {
			t.Errorf("Parse(%q) = %d..%d %q\nwant %d..%d %q", tt.text, err.Offset, err.End, err.Msg, tt.off, tt.end, tt.msg)
		}
		if err.Offset >= 0 {
			if name := tt.text[err.Offset:err.End]; !strings.Contains(err.Msg, `"`+name+`"`) {
				t.Errorf("Parse(%q): span %q is not the function name", tt.text, name)
			}
		}
		if want := strings.HasSuffix(tt.msg, "is not defined"); (err.Undefined != "") != want || want && err.Undefined != tt.text[err.Offset:err.End] {
			t.Errorf("Parse(%q): Undefined = %q", tt.text, err.Undefined)
		}
	}
}

// Every sprig function is either allowed or rejected with a reason; none is
// merely "not defined", and none of the forbidden classes slipped in.
func TestSandboxClassifiesEverySprigFunction(t *testing.T) {
	forbidden := []string{"env", "expandenv", "now", "date", "ago", "toDate", "unixEpoch", "duration",
		"randAlpha", "randInt", "shuffle", "uuidv4", "genPrivateKey", "derivePassword", "bcrypt",
		"htpasswd", "encryptAES", "getHostByName", "fail", "set", "merge", "osBase"}
	for _, name := range forbidden {
		if _, ok := tables().allowed[name]; ok {
			t.Errorf("%s is in the allow-list", name)
		}
	}
	names := make([]string, 0)
	for name := range sprig.GenericFuncMap() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		_, err := Parse("{{ " + name + " }}")
		if _, ok := tables().allowed[name]; ok {
			if err != nil {
				t.Errorf("%s is allowed but fails to parse: %s", name, err.Msg)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Msg, "is not available: ") {
			t.Errorf("%s: want a reason it is not available, got %v", name, err)
		}
	}
}

func TestSandboxDefinitionsRejected(t *testing.T) {
	tests := []struct {
		text     string
		off, end int
		msg      string
	}{
		{`{{ define "x" }}hi{{ end }}`, 3, 9, "template definitions are not allowed inside a field: remove {{ define }} and write the text where it is used"},
		{`a {{- define "field" }}hi{{ end }}`, 6, 12, "template definitions are not allowed inside a field: remove {{ define }} and write the text where it is used"},
		{`Hi {{ template "x" . }}`, 6, 14, "template definitions are not allowed inside a field, so {{ template }} has nothing to call: write the text in place"},
		{`Hi {{ block "x" . }}there{{ end }}`, 6, 11, "template definitions are not allowed inside a field: replace {{ block }} with its content"},
		{"ok\n{{ if .a }}{{ template \"x\" }}{{ end }}", 17, 25, "template definitions are not allowed inside a field, so {{ template }} has nothing to call: write the text in place"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.text)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tt.text)
			continue
		}
		if err.Offset != tt.off || err.End != tt.end || err.Msg != tt.msg {
			t.Errorf("Parse(%q) = %d..%d %q\nwant %d..%d %q", tt.text, err.Offset, err.End, err.Msg, tt.off, tt.end, tt.msg)
		}
	}
}

func TestSandboxParseErrors(t *testing.T) {
	tests := []struct {
		text     string
		off, end int
		msg      string
	}{
		{"Hi {{ .name }, welcome", 12, 13, `unexpected "}" in operand`},
		{"Hi\n{{ if .vip }}VIP", 6, 8, "{{ if }} has no {{ end }}: add one where its content ends"},
		{"{{ range .x }}{{ with .y }}{{ end }}", 3, 8, "{{ range }} has no {{ end }}: add one where its content ends"},
		{"Hi {{ end }}", 6, 9, "{{ end }} has no {{ if }}, {{ range }} or {{ with }} to close: remove it"},
		{"Hi {{ .name", 3, 5, "unclosed action: close it with }}"},
		{"Hi {{/* note", 3, 5, "unclosed comment: close it with */}}"},
		{"a\nb {{ $x }}", 7, 9, `undefined variable "$x"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.text)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", tt.text)
			continue
		}
		if err.Offset != tt.off || err.End != tt.end || err.Msg != tt.msg {
			t.Errorf("Parse(%q) = %d..%d %q\nwant %d..%d %q", tt.text, err.Offset, err.End, err.Msg, tt.off, tt.end, tt.msg)
		}
	}
}

func TestSandboxExecutionErrors(t *testing.T) {
	data := map[string]any{
		"name":  "Ada",
		"user":  map[string]any{"name": "Ada"},
		"big":   2000000000,
		"word":  "x",
		"items": []any{"a"},
	}
	long := strings.Repeat("x", 70000)
	tests := []struct {
		name, text string
		off, end   int
		msg        string
	}{
		{"missing key", "Hi {{ .typo }}!", 6, 11, `no value for "typo": add it to vars or to the variant`},
		{"missing nested key", "Hi\n{{ .user.nmae | upper }}", 11, 16, `no value for "nmae": add it to vars or to the variant`},
		{"division by zero", "{{ div 1 0 }}", 3, 6, "div: integer divide by zero"},
		{"panic in a function", "{{ substr 5 1 \"abc\" }}", 3, 9, "substr: slice bounds out of range [5:1]"},
		{"sprig panic message", "{{ first .word }}", 3, 8, "first: cannot find first on type string"},
		{"wrong argument count", "{{ upper }}", 3, 8, "wrong number of args for upper: want 1 got 0"},
		{"invalid regexp", "{{ regexMatch \"(\" .name }}", 3, 13, "regexMatch: invalid regular expression \"(\": missing closing ): `(`"},
		{"repeat", "{{ repeat 400000000 \"x\" }}", 3, 9, "repeat 400000000 of a 1-byte string would produce 400000000 bytes; the cap is 65536"},
		{"repeat piped", "{{ \"ab\" | repeat 40000 }}", 10, 16, "repeat 40000 of a 2-byte string would produce 80000 bytes; the cap is 65536"},
		{"until", "{{ until 400000 }}", 3, 8, "until 400000 exceeds the cap of 10000 elements"},
		{"untilStep", "{{ untilStep 0 400000 2 }}", 3, 12, "untilStep 0 400000 2 exceeds the cap of 10000 elements"},
		{"seq", "{{ seq 1 400000 }}", 3, 6, "seq 1 400000 exceeds the cap of 10000 elements"},
		{"range over a literal integer", "{{ range 2000000000 }}{{ end }}", 3, 19, "range over 2000000000 exceeds the cap of 10000 iterations"},
		{"range over an integer from data", "a\n{{- range $i := .big }}x{{ end }}", 6, 22, "range over 2000000000 exceeds the cap of 10000 iterations"},
		{"doubling a string", "{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}{{ $s }}", 44, 47, "cat result exceeds the cap of 65536 bytes"},
		{"doubling with printf", "{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}", 44, 50, "printf result exceeds the cap of 65536 bytes"},
		{"doubling a list", "{{ $l := list 1 }}{{ range until 40 }}{{ $l = list $l $l }}{{ end }}", 46, 50, "list result exceeds the cap of 10000 elements"},
		{"printf width", "{{ printf \"%999999d%999999d\" 1 2 }}", 3, 9, "printf result exceeds the cap of 65536 bytes"},
		{"replace with an empty old string", "{{ replace \"\" (repeat 60000 \"y\") (repeat 60000 \"x\") }}", 3, 10, "replace result exceeds the cap of 65536 bytes"},
		{"regexp matching everywhere", "{{ regexReplaceAll \"\" (repeat 60000 \"x\") (repeat 60000 \"y\") }}", 3, 18, "regexReplaceAll result exceeds the cap of 65536 bytes"},
		{"join with a long separator", "{{ join (repeat 60000 \"-\") (until 10000) }}", 3, 7, "join result exceeds the cap of 65536 bytes"},
		{"indent", "{{ indent 100000000 \"x\" }}", 3, 9, "indent result exceeds the cap of 65536 bytes"},
		{"wrapWith", "{{ wrapWith 1 (repeat 60000 \"-\") (repeat 60000 \"x\") }}", 3, 11, "wrapWith result exceeds the cap of 65536 bytes"},
		{"chunk size", "{{ chunk 0 .items }}", 3, 8, "chunk size 0 is less than 1"},
		{"output over 64 KiB from actions", "Hi\n{{ range until 100 }}{{ repeat 1000 \"x\" }}{{ end }}", 3, 54, "field output exceeds the cap of 65536 bytes"},
		{"output over 64 KiB from text", long + "{{ .name }}", 0, 70000, "field output exceeds the cap of 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, segs, err := runField(t, tt.text, data, DefaultLimits)
			if err == nil {
				t.Fatalf("Execute succeeded with %d bytes of output", len(out))
			}
			if out != "" || segs != nil {
				t.Errorf("Execute returned output with an error")
			}
			if err.Offset != tt.off || err.End != tt.end || err.Msg != tt.msg {
				t.Errorf("Execute = %d..%d %q\nwant %d..%d %q", err.Offset, err.End, err.Msg, tt.off, tt.end, tt.msg)
			}
		})
	}
}

func TestSandboxRepeatFailsBeforeAllocating(t *testing.T) {
	ft, perr := Parse(`{{ repeat 400000000 "x" }}`)
	if perr != nil {
		t.Fatal(perr.Msg)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, _, err := ft.Execute(Data{}, NewBudget(DefaultLimits))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("repeat 400000000 succeeded")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("failing repeat allocated %d bytes", n)
	}
}

// Loops are bounded by work, not time: 10⁸ iterations stop at the
// iteration budget, at the range that spent it, with the same message on
// every machine. (These were timeouts of 250ms before.)
func TestSandboxLoopBudget(t *testing.T) {
	goroutines := runtime.NumGoroutine()
	for _, tt := range []struct{ text, at, msg string }{
		{"{{ range $i := until 10000 }}{{ range $j := until 10000 }}{{ end }}{{ end }}", "range $j := until 10000",
			"loop iterations exceed the budget of 10000 per field, every iteration of a nested loop included: make the loops smaller"},
		{"{{ range $i := until 10000 }}{{ range $j := until 10000 }}{{ $x := add $i $j }}{{ end }}{{ end }}", "add",
			"function calls exceed the budget of 10000 per field: call fewer functions inside loops"},
	} {
		_, _, err := runField(t, tt.text, nil, DefaultLimits)
		if err == nil {
			t.Fatalf("%q: 10⁸ iterations finished within the budget", tt.text)
		}
		if err.Msg != tt.msg {
			t.Errorf("%q: error %q, want %q", tt.text, err.Msg, tt.msg)
		}
		if err.Offset != strings.Index(tt.text, tt.at) || tt.text[err.Offset:err.End] != tt.at {
			t.Errorf("%q: error at %d..%d, want %q", tt.text, err.Offset, err.End, tt.at)
		}
	}
	_, _, err := runField(t, "{{ range until 10 }}{{ range until 10 }}{{ end }}{{ end }}", nil, Limits{MaxIterations: 50})
	if err == nil || err.Msg != "loop iterations exceed the budget of 50 per field, every iteration of a nested loop included: make the loops smaller" {
		t.Errorf("MaxIterations 50: got %v", err)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after the budget, %d before", n, goroutines)
	}
}

func TestSandboxCustomLimits(t *testing.T) {
	_, _, err := runField(t, "{{ \"hello world\" }}", nil, Limits{MaxOutput: 10})
	if err == nil || err.Msg != "field output exceeds the cap of 10 bytes" {
		t.Errorf("MaxOutput 10: got %v", err)
	}
	_, _, err = runField(t, "{{ range 6 }}{{ end }}", nil, Limits{MaxList: 5})
	if err == nil || err.Msg != "range over 6 exceeds the cap of 5 iterations" {
		t.Errorf("MaxList 5: got %v", err)
	}
	out, _, err := runField(t, "{{ range 5 }}x{{ end }}", nil, Limits{MaxList: 5})
	if err != nil || out != "xxxxx" {
		t.Errorf("range 5 with MaxList 5 = %q, %v", out, err)
	}
}

// The sandbox never exposes the environment: not through functions, data
// or printing everything there is.
func TestSandboxNoEnvironment(t *testing.T) {
	const secret = "inboxlint-secret-home-7f3a"
	t.Setenv("HOME", "/home/"+secret)
	t.Setenv("INBOXLINT_SECRET", secret)
	data := map[string]any{"name": "Ada"}
	for _, text := range []string{
		`{{ env "HOME" }}`,
		`{{ expandenv "$HOME" }}`,
		`{{ "$HOME" | expandenv }}`,
		`{{ . }}`,
		`{{ printf "%v %#v" . $ }}`,
		`{{ .Env }}`,
		`{{ .HOME }}`,
		`{{ index . "HOME" }}`,
		`{{ osBase "~" }}`,
		`{{ getHostByName "localhost" }}`,
		`{{ include "HOME" . }}`,
		`{{ template "HOME" }}`,
		`{{ call .env "HOME" }}`,
	} {
		ft, err := Parse(text)
		if err != nil {
			if strings.Contains(err.Msg, secret) {
				t.Errorf("%q: error message contains the secret", text)
			}
			continue
		}
		out, _, _, xerr := ft.Execute(NewData(data), NewBudget(DefaultLimits))
		if strings.Contains(out, secret) || xerr != nil && strings.Contains(xerr.Msg, secret) {
			t.Errorf("%q: HOME reached the output: %q %v", text, out, xerr)
		}
	}
}

func TestFieldExecuteConcurrently(t *testing.T) {
	ft, perr := Parse("Hi {{ .name | upper }}{{ range $i := until 3 }}{{ $i }}{{ end }}")
	if perr != nil {
		t.Fatal(perr.Msg)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("n", i)
			out, segs, _, err := ft.Execute(NewData(map[string]any{"name": name}), NewBudget(DefaultLimits))
			want := "Hi " + strings.ToUpper(name) + "012"
			if err != nil || out != want || len(segs) != 2 {
				errs <- fmt.Sprintf("got %q %v %v, want %q", out, segs, err, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// The capped list functions agree with sprig's wherever sprig's terminate.
func TestSandboxListFunctionsMatchSprig(t *testing.T) {
	sp := sprig.TxtFuncMap()
	spUntil := sp["until"].(func(int) []int)
	spUntilStep := sp["untilStep"].(func(int, int, int) []int)
	spSeq := sp["seq"].(func(...int) string)
	s := newTestState(DefaultLimits)
	vals := []int{-7, -3, -2, -1, 0, 1, 2, 3, 7}
	for _, a := range vals {
		got, _ := s.until(a)
		if want := spUntil(a); !reflect.DeepEqual(got, want) {
			t.Errorf("until %d = %v, want %v", a, got, want)
		}
		if got, want := must(s.seq(a)), spSeq(a); got != want {
			t.Errorf("seq %d = %q, want %q", a, got, want)
		}
		for _, b := range vals {
			if got, want := must(s.seq(a, b)), spSeq(a, b); got != want {
				t.Errorf("seq %d %d = %q, want %q", a, b, got, want)
			}
			for _, c := range vals {
				got, _ := s.untilStep(a, b, c)
				if want := spUntilStep(a, b, c); !reflect.DeepEqual(got, want) {
					t.Errorf("untilStep %d %d %d = %v, want %v", a, b, c, got, want)
				}
				if got, want := must(s.seq(a, b, c)), spSeq(a, b, c); got != want {
					t.Errorf("seq %d %d %d = %q, want %q", a, b, c, got, want)
				}
			}
		}
	}
	// sprig's loop overflows here and never ends.
	const maxInt = int(^uint(0) >> 1)
	if got, _ := s.untilStep(maxInt-5, maxInt, 10); !reflect.DeepEqual(got, []int{maxInt - 5}) {
		t.Errorf("untilStep near MaxInt = %v", got)
	}
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

func TestSandboxRegexReplaceMatchesGo(t *testing.T) {
	s := newTestState(DefaultLimits)
	for _, c := range []struct{ re, src, repl string }{
		{"a", "banana", "o"},
		{"", "abc", "-"},
		{"x*", "abc", "-"},
		{"a(x*)", "baaxxa", "[$1]"},
		{"(?P<w>\\w+)", "hi there", "${w}!"},
		{"^", "abc", ">"},
		{"$", "abc", "<"},
		{"\\b", "a bc", "|"},
	} {
		re := regexp.MustCompile(c.re)
		got, err := s.regexReplace("regexReplaceAll", c.re, c.src, c.repl, false)
		if want := re.ReplaceAllString(c.src, c.repl); err != nil || got != want {
			t.Errorf("regexReplaceAll %q %q %q = %q %v, want %q", c.re, c.src, c.repl, got, err, want)
		}
		got, err = s.regexReplace("regexReplaceAllLiteral", c.re, c.src, c.repl, true)
		if want := re.ReplaceAllLiteralString(c.src, c.repl); err != nil || got != want {
			t.Errorf("regexReplaceAllLiteral %q %q %q = %q %v, want %q", c.re, c.src, c.repl, got, err, want)
		}
	}
}

func TestSandboxSortAlphaDoesNotModifyData(t *testing.T) {
	list := []string{"b", "a"}
	out, _, err := runField(t, "{{ sortAlpha .l }}", map[string]any{"l": list}, DefaultLimits)
	if err != nil || out != "[a b]" {
		t.Fatalf("sortAlpha = %q, %v", out, err)
	}
	if list[0] != "b" {
		t.Errorf("sortAlpha sorted the caller's slice: %v", list)
	}
}

// newTestState is an execution state for calling the sandbox's functions
// directly, with a budget of its own.
func newTestState(limits Limits) *execState {
	s := &execState{ft: &Field{}}
	s.reset(NewBudget(limits), nil)
	return s
}

// An execution in a Scratch reuses its room: the next one overwrites the
// output and segments, and what Execute returned, in no scratch, is the
// caller's and stays as it was.
func TestExecuteInReusesScratch(t *testing.T) {
	ft, perr := Parse("Hi {{ .name }}, welcome")
	if perr != nil {
		t.Fatal(perr.Msg)
	}
	run := func(name string, sc *Scratch) (string, []Seg) {
		t.Helper()
		var out string
		var segs []Seg
		var err *Error
		if sc == nil {
			out, segs, _, err = ft.Execute(NewData(map[string]any{"name": name}), NewBudget(DefaultLimits))
		} else {
			out, segs, _, err = ft.ExecuteIn(NewData(map[string]any{"name": name}), NewBudget(DefaultLimits), sc)
		}
		if err != nil {
			t.Fatal(err.Msg)
		}
		return out, segs
	}
	kept, keptSegs := run("Ada", nil)
	var sc Scratch
	first, _ := run("Bob", &sc)
	if first != "Hi Bob, welcome" {
		t.Fatalf("output %q", first)
	}
	firstCopy := strings.Clone(first)
	second, segs := run("Eve", &sc)
	want := []Seg{{0, 3, 0, 3, true}, {3, 6, 3, 14, false}, {6, 15, 14, 23, true}}
	if second != "Hi Eve, welcome" || !reflect.DeepEqual(segs, want) {
		t.Fatalf("second output %q %v, want %q %v", second, segs, "Hi Eve, welcome", want)
	}
	if first == firstCopy {
		t.Errorf("the second execution did not reuse the first's room: %q", first)
	}
	if kept != "Hi Ada, welcome" || !reflect.DeepEqual(keptSegs, want) {
		t.Errorf("Execute's output changed to %q %v", kept, keptSegs)
	}
}
