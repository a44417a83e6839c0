package sandbox

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// budgetCase is one template that reaches one limit: the exact message
// and the exact span (the text it starts with; "" for the whole field).
type budgetCase struct {
	name, text string
	data       map[string]any
	limits     Limits
	at, msg    string
	nth        int // which occurrence of at, from 0
}

func runBudgetCases(t *testing.T, cases []budgetCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runField(t, tt.text, tt.data, tt.limits)
			if err == nil {
				t.Fatalf("Execute succeeded with %d bytes of output", len(out))
			}
			if err.Msg != tt.msg {
				t.Errorf("message %q\nwant    %q", err.Msg, tt.msg)
			}
			wantOff, wantEnd := -1, -1
			if tt.at != "" {
				for k := 0; k <= tt.nth; k++ {
					i := strings.Index(tt.text[wantOff+1:], tt.at)
					if i < 0 {
						t.Fatalf("%q is not in the text %d times", tt.at, tt.nth+1)
					}
					wantOff += 1 + i
				}
				wantEnd = wantOff + len(tt.at)
			}
			if err.Offset != wantOff || err.End != wantEnd {
				got := "(none)"
				if err.Offset >= 0 {
					got = tt.text[err.Offset:err.End]
				}
				t.Errorf("span %d..%d %q, want %d..%d %q", err.Offset, err.End, got, wantOff, wantEnd, tt.at)
			}
		})
	}
}

// The reproduction: a pattern built with repeat, matched against a
// long text, ran for half a minute while the finding claimed 250ms. Each
// of the regular expression limits, for each regular expression function.
func TestSandboxRegexLimits(t *testing.T) {
	long := strings.Repeat("a", 60000)
	data := map[string]any{"long": long, "short": "abc", "mid": strings.Repeat("ab ", 3000)}
	var cases []budgetCase
	for _, fn := range []string{"regexMatch", "regexFind", "regexFindAll", "regexSplit", "regexReplaceAll", "regexReplaceAllLiteral",
		"mustRegexMatch", "mustRegexFind", "mustRegexFindAll", "mustRegexSplit", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral"} {
		name := strings.TrimPrefix(fn, "must")
		name = strings.ToLower(name[:1]) + name[1:]
		call := func(pattern, text string) string {
			switch name {
			case "regexFindAll", "regexSplit":
				return fmt.Sprintf("{{ %s %s %s -1 }}", fn, pattern, text)
			case "regexReplaceAll", "regexReplaceAllLiteral":
				return fmt.Sprintf("{{ %s %s %s \"x\" }}", fn, pattern, text)
			}
			return fmt.Sprintf("{{ %s %s %s }}", fn, pattern, text)
		}
		cases = append(cases,
			budgetCase{name: fn + " pattern length", text: call(`(repeat 5000 "a")`, ".short"), data: data, at: fn,
				msg: fn + `: regular expression "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"…: the pattern is 5000 bytes long; the cap is 4096: write a shorter pattern`},
			// 220 bytes of pattern, 20,000 instructions
			budgetCase{name: fn + " program size", text: call(`(repeat 20 "[a-z]{1000}")`, ".long"), data: data, at: fn,
				msg: fn + `: regular expression "[a-z]{1000}[a-z]{1000}[a-z]{1000}[a-z]{1"…: the pattern compiles to more than 10000 instructions, the cap on a pattern's size: write a simpler pattern`},
			budgetCase{name: fn + " text × program per call", text: call(`(repeat 9 "[a-z]{1000}")`, ".long"), data: data, at: fn,
				msg: fn + ": matching a 60000-byte text against a pattern of 9002 instructions is over the cap of 10000000 per call (bytes × instructions): use a shorter text or a simpler pattern"},
			budgetCase{name: fn + " per field", text: "{{ range until 30 }}" + strings.Replace(call(`"a[a-z]{150}"`, "$.mid"), "{{ ", "{{ $x := ", 1) + "{{ end }}", data: data, at: fn,
				msg: "regular expression work exceeds the budget of 20000000 per field (characters scanned × pattern instructions): use simpler patterns or shorter texts"},
		)
	}
	// Finding every match of a*b|a scans the rest of the text once per
	// match: each search is cheap, all of them quadratic.
	for _, fn := range []string{"regexFindAll", "regexSplit", "regexReplaceAll", "regexReplaceAllLiteral"} {
		text := fmt.Sprintf("{{ %s \"a*b|a\" (repeat 20000 \"a\") -1 }}", fn)
		if strings.HasPrefix(fn, "regexReplace") {
			text = fmt.Sprintf("{{ %s \"a*b|a\" (repeat 20000 \"a\") \"x\" }}", fn)
		}
		cases = append(cases, budgetCase{name: fn + " rescanning after each match", text: text, at: fn,
			msg: fn + ": finding every match is over the cap of 10000000 per call (characters scanned × pattern instructions), since this pattern scans the rest of the text after each match: use a simpler pattern"})
	}
	cases = append(cases,
		budgetCase{name: "invalid pattern is quoted short", text: `{{ regexMatch (printf "(%s" (repeat 100 "x")) "y" }}`, at: "regexMatch",
			msg: "regexMatch: invalid regular expression \"(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"…: missing closing ): `(" + strings.Repeat("x", 39) + "…`"},
		budgetCase{name: "regexFindAll with more matches than a list holds", text: `{{ regexFindAll "a" (repeat 20000 "a") -1 }}`, at: "regexFindAll",
			msg: "regexFindAll result exceeds the cap of 10000 elements"},
		budgetCase{name: "custom call cap", text: `{{ regexMatch "b" (repeat 1000 "a") }}`, limits: Limits{MaxRegexCall: 1000}, at: "regexMatch",
			msg: "regexMatch: matching a 1000-byte text against a pattern of 3 instructions is over the cap of 1000 per call (bytes × instructions): use a shorter text or a simpler pattern"},
	)
	runBudgetCases(t, cases)
}

// Legitimate regular expressions are far inside the limits, and give what
// sprig's give.
func TestSandboxRegexOrdinary(t *testing.T) {
	data := map[string]any{"body": strings.Repeat("We surveyed 1,200   decision makers. ", 200)}
	for text, want := range map[string]string{
		`{{ regexMatch "(?i)\\bsynerg(y|ies)\\b" .body }}`:                "false",
		`{{ regexFind "[0-9,]+" .body }}`:                                 "1,200",
		`{{ regexFindAll "de[a-z]+" .body 3 | join "+" }}`:                "decision+decision+decision",
		`{{ regexSplit " +" "a  b c" -1 | join "|" }}`:                    "a|b|c",
		`{{ regexReplaceAll "\\s+" "a  b\n c" " " }}`:                     "a b c",
		`{{ regexReplaceAllLiteral "b" "abc" "$1" }}`:                     "a$1c",
		`{{ len (regexFindAll "\\s+" .body -1) }}`:                        "1000",
		`{{ regexReplaceAll "(\\w+)@(\\w+)" "ann@acme bo@x" "${2}:$1" }}`: "acme:ann x:bo",
	} {
		out, _, err := runField(t, text, data, DefaultLimits)
		if err != nil || out != want {
			t.Errorf("%s = %q, %v; want %q", text, out, err, want)
		}
	}
}

// Each work budget of a field, and the file budgets through Execute (whose
// file is the one field), each with its exact message at the action that
// spent it.
func TestSandboxWorkBudgets(t *testing.T) {
	big := strings.Repeat("x", 60000)
	wide := map[string]any{}
	for i := range 1000 {
		wide[fmt.Sprint("k", i)] = i
	}
	data := map[string]any{"big": big, "big2": big[:59999] + "y", "n": 3, "l": []any{"a", "b"}, "wide": wide}
	cases := []budgetCase{
		{name: "calls", text: "{{ range until 10000 }}{{ $x := add 1 2 }}{{ end }}", at: "add",
			msg: "function calls exceed the budget of 10000 per field: call fewer functions inside loops"},
		{name: "builtin calls count", text: "{{ range until 10000 }}{{ $x := len $.l }}{{ end }}", at: "range until 10000",
			msg: "function calls exceed the budget of 10000 per field: call fewer functions inside loops"},
		{name: "comparisons count", text: "{{ range until 10000 }}{{ if eq 1 2 }}{{ end }}{{ end }}", at: "eq",
			msg: "function calls exceed the budget of 10000 per field: call fewer functions inside loops"},
		{name: "iterations", text: "{{ range until 200 }}{{ range until 200 }}{{ end }}{{ end }}", at: "range until 200", nth: 1,
			msg: "loop iterations exceed the budget of 10000 per field, every iteration of a nested loop included: make the loops smaller"},
		{name: "iterations over a list from data", text: "{{ range until 9999 }}{{ range $.l }}{{ end }}{{ end }}", at: "range $.l",
			msg: "loop iterations exceed the budget of 10000 per field, every iteration of a nested loop included: make the loops smaller"},
		{name: "actions in a long body", text: "{{ range until 9000 }}" + strings.Repeat("{{ $x := 1 }}", 12) + "{{ end }}", at: "range until 9000",
			msg: "template actions exceed the budget of 100000 per field, each counted every time it runs: make the loops smaller"},
		{name: "actions outside loops", text: strings.Repeat("{{ $x := 1 }}", 6), limits: Limits{MaxActions: 5},
			msg: "template actions exceed the budget of 5 per field, each counted every time it runs: make the loops smaller"},
		{name: "data taken in", text: "{{ range until 100 }}{{ $x := upper $.big }}{{ end }}", data: data, at: "upper",
			msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
		{name: "data of a map, sorted again and again", text: "{{ range until 100 }}{{ $x := keys $.wide }}{{ end }}", at: "keys",
			msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
		{name: "data compared", text: "{{ range until 100 }}{{ if eq $.big $.big2 }}{{ end }}{{ end }}", data: data, at: "eq",
			msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
		{name: "output", text: "{{ range until 100 }}{{ $.big }}{{ end }}", data: data, at: "{{ range until 100 }}{{ $.big }}{{ end }}",
			msg: "field output exceeds the cap of 65536 bytes"},
		// The writer tells the field's own literal text from what its
		// actions print, so that the error points at the group that
		// overflowed: the literal itself, or the action after it.
		{name: "file output in a literal", text: "{{ $.n }}0123456789abcdefghij{{ $.n }}", limits: Limits{File: FileLimits{Output: 10}}, at: "0123456789abcdefghij",
			msg: "template output exceeds the budget of 10 bytes for the whole file (all fields and variants together), so the rest of the file was not rendered: make the templates print less"},
		{name: "file output in an action after a literal", text: "ab{{ $.big }}cd", limits: Limits{File: FileLimits{Output: 10}}, at: "{{ $.big }}",
			msg: "template output exceeds the budget of 10 bytes for the whole file (all fields and variants together), so the rest of the file was not rendered: make the templates print less"},
		{name: "file output in a first action", text: "{{ $.big }}ab", limits: Limits{File: FileLimits{Output: 10}}, at: "{{ $.big }}",
			msg: "template output exceeds the budget of 10 bytes for the whole file (all fields and variants together), so the rest of the file was not rendered: make the templates print less"},
		{name: "file calls", text: "{{ range until 10 }}{{ $x := add 1 2 }}{{ end }}", limits: Limits{File: FileLimits{Calls: 5}}, at: "add",
			msg: "function calls exceed the budget of 5 for the whole file (all fields and variants together), so the rest of the file was not rendered: call fewer functions inside loops"},
		{name: "file iterations", text: "{{ range until 10 }}{{ end }}", limits: Limits{File: FileLimits{Iterations: 5}}, at: "range until 10",
			msg: "loop iterations exceed the budget of 5 for the whole file (all fields and variants together), every iteration of a nested loop included, so the rest of the file was not rendered: make the loops smaller"},
		{name: "file actions", text: "{{ range until 10 }}{{ $x := 1 }}{{ end }}", limits: Limits{File: FileLimits{Actions: 5}}, at: "range until 10",
			msg: "template actions exceed the budget of 5 for the whole file (all fields and variants together), each counted every time it runs, so the rest of the file was not rendered: make the loops smaller"},
		{name: "file data", text: "{{ range until 10 }}{{ $x := upper \"abcdef\" }}{{ end }}", limits: Limits{File: FileLimits{Data: 20}}, at: "upper",
			msg: "data handled by function calls exceeds the budget of 20 bytes for the whole file (all fields and variants together), so the rest of the file was not rendered: pass shorter values to functions, or call them less often"},
		{name: "file output", text: "{{ range until 10 }}abc{{ end }}", limits: Limits{File: FileLimits{Output: 20}}, at: "{{ range until 10 }}abc{{ end }}",
			msg: "template output exceeds the budget of 20 bytes for the whole file (all fields and variants together), so the rest of the file was not rendered: make the templates print less"},
		{name: "file regex", text: "{{ range until 10 }}{{ $x := regexMatch \"b\" \"aaaaaaaaaa\" }}{{ end }}", limits: Limits{File: FileLimits{RegexWork: 500}}, at: "regexMatch",
			msg: "regular expression work exceeds the budget of 500 for the whole file (all fields and variants together) (characters scanned × pattern instructions), so the rest of the file was not rendered: use simpler patterns or shorter texts"},
	}
	for i := range cases {
		cases[i].data = data
	}
	runBudgetCases(t, cases)
}

// Every allowed function is either wrapped, so that its calls, data and
// result are counted, or a builtin whose calls the parse tree counts.
func TestSandboxEveryFunctionIsCounted(t *testing.T) {
	s := newTestState(DefaultLimits)
	for _, name := range tables().names {
		impl := tables().allowed[name]
		if impl == nil {
			if !staticBuiltins[name] {
				t.Errorf("%s is used as Go's builtin but its calls are not counted", name)
			}
			continue
		}
		ft := reflect.TypeOf(s.wrap(name, impl(s)))
		if ft.NumOut() != 2 || ft.Out(1) != errorType {
			t.Errorf("%s is not wrapped", name)
		}
	}
}

// aliasData is what a YAML list of n aliases of one string of size bytes
// decodes to: n headers of one shared string, and a map and a list of
// lists around it. Printing it whole would build n × size bytes.
func aliasData(n, size int) map[string]any {
	s := strings.Repeat("x", size)
	l := make([]any, n)
	for i := range l {
		l[i] = s
	}
	ll := make([]any, n)
	for i := range ll {
		ll[i] = l
	}
	return map[string]any{"s": s, "l": l, "ll": ll, "m": map[string]any{"l": l, "k": s}}
}

// The alias bomb through every path that turns a value into text: each is
// refused before the text is built, so the memory allocated stays small.
func TestSandboxAliasBombEveryPrintingPath(t *testing.T) {
	data := aliasData(1000, 100000)
	const capMsg = "field output exceeds the cap of 65536 bytes"
	result := func(fn string) string { return fn + " result exceeds the cap of 65536 bytes" }
	cases := []budgetCase{
		{name: "action", text: "{{ .l }}", at: ".l", msg: capMsg},
		{name: "dot", text: "{{ . }}", at: ".", msg: capMsg},
		{name: "variable", text: "{{ $x := .l }}{{ $x }}", at: "$x", nth: 1, msg: capMsg},
		{name: "with", text: "{{ with .ll }}{{ . }}{{ end }}", at: ".", nth: 1, msg: capMsg},
		{name: "range element", text: "{{ range .ll }}{{ . }}{{ end }}", at: ".", nth: 1, msg: capMsg},
		{name: "index", text: `{{ index .m "l" }}`, at: `index .m "l"`, msg: capMsg},
		{name: "and", text: "{{ and 1 .l }}", at: "and 1 .l", msg: capMsg},
		{name: "or", text: "{{ or 0 .ll }}", at: "or 0 .ll", msg: capMsg},
		{name: "slice", text: "{{ slice .l 1 }}", at: "slice", msg: result("slice")},
		{name: "first", text: "{{ first .ll }}", at: "first", msg: result("first")},
		{name: "default", text: "{{ .l | default 1 }}", at: "default", msg: result("default")},
		{name: "values", text: "{{ values .m }}", at: "values", msg: result("values")},
		{name: "list", text: "{{ list .s .s }}", at: "list", msg: result("list")},
		{name: "toString", text: "{{ toString .l }}", at: "toString", msg: result("toString")},
		{name: "toStrings", text: "{{ toStrings .ll }}", at: "toStrings", msg: result("toStrings")},
		{name: "html", text: "{{ html .l }}", at: "html", msg: result("html")},
		{name: "js", text: "{{ js .l }}", at: "js", msg: result("js")},
		{name: "urlquery", text: "{{ urlquery .l }}", at: "urlquery", msg: result("urlquery")},
		{name: "print", text: "{{ print .l }}", at: "print", msg: result("print")},
		{name: "println", text: "{{ println .l }}", at: "println", msg: result("println")},
		{name: "cat", text: "{{ cat .l }}", at: "cat", msg: result("cat")},
		{name: "join", text: `{{ join "," .l }}`, at: "join", msg: result("join")},
		{name: "sortAlpha", text: "{{ sortAlpha .ll }}", at: "sortAlpha", msg: result("sortAlpha")},
		{name: "quote", text: "{{ quote .l }}", at: "quote", msg: result("quote")},
		{name: "squote", text: "{{ squote .l }}", at: "squote", msg: result("squote")},
		{name: "dict key", text: "{{ dict .l 1 }}", at: "dict", msg: result("dict")},
		{name: "eq of lists", text: "{{ eq .l .ll }}", at: "eq", msg: "eq: cannot compare a list with a list: compare their elements, or test them with empty"},
		{name: "ne of lists", text: "{{ ne .l .m }}", at: "ne", msg: "ne: incompatible types for comparison: a list and a map"},
		{name: "lt of lists", text: "{{ lt .l .l }}", at: "lt", msg: "lt: invalid type for comparison: a list"},
		{name: "range over text", text: "{{ range .s }}{{ end }}", at: "range .s", msg: "range can't iterate over text: range over a list, a map or a whole number"},
		{name: "has", text: "{{ has .l .ll }}", at: "has", msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
		{name: "uniq", text: "{{ uniq .ll }}", at: "uniq", msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
		{name: "without", text: "{{ without .ll .l }}", at: "without", msg: "data handled by function calls exceeds the budget of 1048576 bytes per field: pass shorter values to functions, or call them less often"},
	}
	for _, verb := range []string{"%v", "%s", "%q", "%x", "% x", "%#v", "%10v", "%d", "%v %T", "%[1]v", "%*v", "%f", "%e"} {
		text := fmt.Sprintf("{{ printf %q .l }}", verb)
		if verb == "%*v" {
			text = "{{ printf \"%*v\" 3 .l }}"
		}
		cases = append(cases, budgetCase{name: "printf " + verb, text: text, at: "printf", msg: result("printf")})
	}
	for i := range cases {
		cases[i].data = data
	}
	runBudgetCases(t, cases)
	// And none of it builds the text first.
	for _, tt := range cases {
		ft, perr := Parse(tt.text)
		if perr != nil {
			t.Fatal(perr.Msg)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _, _, _ = ft.Execute(NewData(data), NewBudget(DefaultLimits))
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
			t.Errorf("%s: refusing %q allocated %d bytes", tt.name, tt.text, n)
		}
	}
}

// A value a little over the cap is refused; one under it prints, exactly
// as it did before the meters.
func TestSandboxPrintMeterIsExact(t *testing.T) {
	for _, tt := range []struct {
		text string
		data map[string]any
		ok   bool
	}{
		{"{{ until 10000 }}", nil, true}, // 48,890 bytes of numbers
		{"{{ .l }}", aliasData(64, 1000), true},
		{"{{ .l }}", aliasData(66, 1000), false},
		{"{{ printf \"%v\" .l }}", aliasData(64, 1000), true},
		{"{{ printf \"%s%s\" .a .a }}", map[string]any{"a": strings.Repeat("y", 32768)}, true},
		{"{{ printf \"%s%s\" .a .a }}", map[string]any{"a": strings.Repeat("y", 32769)}, false},
		{"{{ printf \"%5d|%-3s|%x\" 42 \"ab\" 255 }}", nil, true},
	} {
		out, _, err := runField(t, tt.text, tt.data, DefaultLimits)
		if ok := err == nil; ok != tt.ok {
			t.Errorf("%s: %d bytes, error %v; want ok %v", tt.text, len(out), err, tt.ok)
		}
		if err == nil {
			want := fmt.Sprint(tt.data["l"])
			switch {
			case strings.HasPrefix(tt.text, "{{ until"):
				want = fmt.Sprint(steps(0, 1, 10000))
			case strings.Contains(tt.text, "%s%s"):
				want = strings.Repeat("y", 65536)
			case strings.Contains(tt.text, "%5d"):
				want = "   42|ab |ff"
			}
			if out != want {
				t.Errorf("%s: output differs from fmt's (%d bytes, want %d)", tt.text, len(out), len(want))
			}
		}
	}
}

// printfBound is never below what fmt prints.
func TestPrintfBoundIsAnUpperBound(t *testing.T) {
	args := [][]any{
		{}, {1}, {"abc"}, {-1.5e300, "x"}, {[]any{"a", 2, []any{3.25, nil}}}, {map[string]any{"k": []any{"v", true}}},
		{3, "abc"}, {uint64(1 << 63), int64(-1 << 63)}, {"\x00\xff\u2028"}, {[]string{"a", "b"}, []int{1, 2}},
	}
	formats := []string{"", "%", "%%", "%v", "%s", "%d", "%q", "%x", "% x", "%# x", "%X", "%#v", "%T", "%b", "%o", "%O",
		"%e", "%E", "%f", "%.3f", "%g", "%c", "%U", "%#U", "%t", "%10v", "%-10s", "%010d", "%+v", "%*d", "%-*d", "%.*f",
		"%[2]v %[1]v", "%[3]v", "%[1]*v", "%v %v %v", "%!", "%z", "% 8.3x", "%[0]v", "%[x]v", "%.1000s", "%12.4e"}
	for _, a := range args {
		for _, f := range formats {
			bound, err := printfBound(f, a, 1<<40)
			if err != nil {
				t.Fatalf("%q %v: %v", f, a, err)
			}
			if got := int64(len(fmt.Sprintf(f, a...))); got > bound {
				t.Errorf("printf %q %v prints %d bytes, bound %d", f, a, got, bound)
			}
		}
	}
	if _, err := printfBound("%p", []any{[]any{1}}, 100); err == nil {
		t.Error("printf verb p is allowed: it prints an address")
	}
}

// The safety time limit has its own message, which says it is not a work
// budget, and ends the file's rendering like a file budget.
func TestSandboxSafetyTimeout(t *testing.T) {
	runBudgetCases(t, []budgetCase{{
		name: "safety", text: "{{ range until 1000 }}{{ end }}", limits: Limits{SafetyTimeout: 1},
		at:  "range until 1000",
		msg: "template execution reached the safety time limit of 1ns, a last resort and not a work budget, so the rest of the file was not rendered: the machine may be overloaded; if it is not, report this file to inboxlint's maintainers",
	}})
}

// sampleCalls is one ordinary call of every allowed function, on the data
// of TestSandboxEveryFunctionSpendsTheBudgets.
var sampleCalls = map[string]string{
	"abbrev": `abbrev 5 "hello world"`, "abbrevboth": `abbrevboth 5 10 "1234 5678 9123"`, "add": `add 1 2`,
	"add1": `add1 1`, "add1f": `add1f 1.5`, "addf": `addf 1.5 2`, "adler32sum": `adler32sum "x"`, "all": `all 1 "a"`,
	"and": `and 1 2`, "any": `any 0 1`, "append": `append $.l "c"`, "atoi": `atoi "12"`, "biggest": `biggest 1 2`,
	"camelcase": `camelcase "a_b"`, "cat": `cat "a" "b"`, "ceil": `ceil 1.5`, "chunk": `chunk 1 $.l`,
	"coalesce": `coalesce "" "a"`, "compact": `compact $.l`, "concat": `concat $.l $.l`, "contains": `contains "a" "abc"`,
	"default": `default "a" ""`, "dict": `dict "a" 1`, "dig": `dig "k" "d" $.m`, "div": `div 4 2`, "divf": `divf 1 2`,
	"empty": `empty "x"`, "eq": `eq 1 1`, "first": `first $.l`, "float64": `float64 "1.5"`, "floor": `floor 1.5`,
	"ge": `ge 2 1`, "get": `get $.m "k"`, "gt": `gt 2 1`, "has": `has "a" $.l`, "hasKey": `hasKey $.m "k"`,
	"hasPrefix": `hasPrefix "a" "ab"`, "hasSuffix": `hasSuffix "b" "ab"`, "html": `html "<a>"`, "indent": `indent 2 "a"`,
	"index": `index $.l 0`, "initial": `initial $.l`, "initials": `initials "Ada Lovelace"`, "int": `int "3"`,
	"int64": `int64 "3"`, "join": `join "," $.l`, "js": `js "a'b"`, "kebabcase": `kebabcase "aB"`, "keys": `keys $.m`,
	"last": `last $.l`, "le": `le 1 2`, "len": `len $.l`, "list": `list 1 2`, "lower": `lower "A"`, "lt": `lt 1 2`,
	"max": `max 1 2`, "maxf": `maxf 1 2.5`, "min": `min 1 2`, "minf": `minf 1 2.5`, "mod": `mod 5 2`, "mul": `mul 2 3`,
	"mulf": `mulf 1.5 2`, "mustAppend": `mustAppend $.l "c"`, "mustChunk": `mustChunk 1 $.l`, "mustCompact": `mustCompact $.l`,
	"mustFirst": `mustFirst $.l`, "mustHas": `mustHas "a" $.l`, "mustInitial": `mustInitial $.l`, "mustLast": `mustLast $.l`,
	"mustPrepend": `mustPrepend $.l "z"`, "mustPush": `mustPush $.l "c"`, "mustRegexFind": `mustRegexFind "a" "ab"`,
	"mustRegexFindAll": `mustRegexFindAll "a" "aa" -1`, "mustRegexMatch": `mustRegexMatch "a" "ab"`,
	"mustRegexReplaceAll": `mustRegexReplaceAll "a" "ab" "c"`, "mustRegexReplaceAllLiteral": `mustRegexReplaceAllLiteral "a" "ab" "c"`,
	"mustRegexSplit": `mustRegexSplit "a" "bab" -1`, "mustRest": `mustRest $.l`, "mustReverse": `mustReverse $.l`,
	"mustSlice": `mustSlice $.l 1`, "mustUniq": `mustUniq $.l`, "mustWithout": `mustWithout $.l "a"`, "ne": `ne 1 2`,
	"nindent": `nindent 2 "a"`, "nospace": `nospace "a b"`, "not": `not 0`, "omit": `omit $.m "k"`, "or": `or 0 1`,
	"pick": `pick $.m "k"`, "pluck": `pluck "k" $.m`, "plural": `plural "one" "many" 2`, "prepend": `prepend $.l "z"`,
	"print": `print 1`, "printf": `printf "%d" 1`, "println": `println 1`, "push": `push $.l "c"`, "quote": `quote "a"`,
	"regexFind": `regexFind "a" "ab"`, "regexFindAll": `regexFindAll "a" "aa" -1`, "regexMatch": `regexMatch "a" "ab"`,
	"regexQuoteMeta": `regexQuoteMeta "a.b"`, "regexReplaceAll": `regexReplaceAll "a" "ab" "c"`,
	"regexReplaceAllLiteral": `regexReplaceAllLiteral "a" "ab" "c"`, "regexSplit": `regexSplit "a" "bab" -1`,
	"repeat": `repeat 2 "a"`, "replace": `replace "a" "b" "aa"`, "rest": `rest $.l`, "reverse": `reverse $.l`,
	"round": `round 1.25 1`, "seq": `seq 3`, "sha1sum": `sha1sum "x"`, "sha256sum": `sha256sum "x"`, "sha512sum": `sha512sum "x"`,
	"slice": `slice $.l 1`, "snakecase": `snakecase "aB"`, "sortAlpha": `sortAlpha $.l`, "split": `split "," "a,b"`,
	"splitList": `splitList "," "a,b"`, "splitn": `splitn "," 2 "a,b"`, "squote": `squote "a"`, "sub": `sub 3 1`,
	"subf": `subf 3 1.5`, "substr": `substr 0 1 "ab"`, "swapcase": `swapcase "aB"`, "ternary": `ternary 1 2 true`,
	"title": `title "a b"`, "toString": `toString 1`, "toStrings": `toStrings $.l`, "trim": `trim " a "`,
	"trimAll": `trimAll "x" "xax"`, "trimPrefix": `trimPrefix "x" "xa"`, "trimSuffix": `trimSuffix "x" "ax"`,
	"trunc": `trunc 1 "ab"`, "tuple": `tuple 1 2`, "uniq": `uniq $.l`, "until": `until 2`, "untilStep": `untilStep 0 4 2`,
	"untitle": `untitle "A B"`, "upper": `upper "a"`, "urlquery": `urlquery "a b"`, "values": `values $.m`,
	"without": `without $.l "a"`, "wrap": `wrap 5 "a b c"`, "wrapWith": `wrapWith 5 "\n" "a b c"`,
}

// Every allowed function is counted: called in a loop, each spends the
// field's call budget at its own name (a builtin that text/template runs
// itself, at the loop, whose iterations count its calls); with a budget
// of one call less than the loop makes, the last call is the one refused.
func TestSandboxEveryFunctionSpendsTheBudgets(t *testing.T) {
	data := map[string]any{"l": []any{"a", "b"}, "m": map[string]any{"k": "v", "d": map[string]any{"k": 1}}}
	var cases []budgetCase
	for _, name := range tables().names {
		call, ok := sampleCalls[name]
		if !ok {
			t.Errorf("no sample call of %s", name)
			continue
		}
		if _, _, err := runField(t, "{{ "+call+" }}", data, DefaultLimits); err != nil {
			t.Errorf("%s: %s", call, err.Msg)
			continue
		}
		const head = "{{ range until 20 }}{{ $x := "
		text := head + call + " }}{{ end }}"
		at, nth := name, strings.Count(head, name)
		if tables().allowed[name] == nil {
			at, nth = "range until 20", 0
		}
		// until is one call, then 19 of the function fit in a budget of 20
		cases = append(cases, budgetCase{name: name, text: text, data: data, at: at, nth: nth, limits: Limits{MaxCalls: 20},
			msg: "function calls exceed the budget of 20 per field: call fewer functions inside loops"})
	}
	runBudgetCases(t, cases)
}

// Every allowed function that takes text or a list counts it as data: with
// a budget of one byte, each is refused at its name.
func TestSandboxEveryFunctionCountsData(t *testing.T) {
	data := map[string]any{"l": []any{"a", "b"}, "m": map[string]any{"k": "v", "d": map[string]any{"k": 1}}}
	var cases []budgetCase
	for _, name := range tables().names {
		call := sampleCalls[name]
		if tables().allowed[name] == nil || !strings.ContainsAny(call, `"$`) {
			continue // Go's builtins do constant work; numbers are not data
		}
		text := "{{ $x := " + call + " }}"
		cases = append(cases, budgetCase{name: name, text: text, data: data, at: name, nth: strings.Count("{{ $x := ", name),
			limits: Limits{MaxData: 1},
			msg:    "data handled by function calls exceeds the budget of 1 bytes per field: pass shorter values to functions, or call them less often"})
	}
	if len(cases) < 100 {
		t.Fatalf("only %d functions take text or lists", len(cases))
	}
	runBudgetCases(t, cases)
}

// With plain data (no list or map among the variables), printing a
// variable of the data runs without its meter, but every value computed in
// the field is metered as before.
func TestSandboxPlainDataStillMetersComputedValues(t *testing.T) {
	data := map[string]any{"s": "abc", "n": 3}
	const capMsg = "field output exceeds the cap of 1000 bytes"
	lim := Limits{MaxOutput: 1000}
	cases := []budgetCase{
		{name: "function result", text: "{{ .s }}{{ until 1000 }}", at: "until 1000", msg: capMsg},
		{name: "variable", text: "{{ $x := until 1000 }}{{ .s }}{{ $x }}", at: "$x", nth: 1, msg: capMsg},
		{name: "with", text: "{{ with until 1000 }}{{ . }}{{ end }}", at: ".", msg: capMsg},
		{name: "field of a computed map", text: "{{ with dict \"k\" (until 1000) }}{{ .k }}{{ end }}", at: ".k", msg: capMsg},
		{name: "range element", text: "{{ range list (until 1000) }}{{ . }}{{ end }}", at: ".", msg: capMsg},
	}
	for i := range cases {
		cases[i].data, cases[i].limits = data, lim
	}
	runBudgetCases(t, cases)

	for _, tt := range []struct {
		text  string
		plain bool // the field has a tree for plain data
		out   string
	}{
		{"{{ .s }}-{{ $.n }}", true, "abc-3"},
		{"{{ if .n }}{{ .s }}{{ end }}", true, "abc"},
		{"{{ with .s }}{{ $.s }}{{ end }}", true, "abc"},
		{"{{ with .s }}{{ . }}{{ end }}", false, "abc"},
		{"{{ until 2 }}", false, "[0 1]"},
	} {
		ft, perr := Parse(tt.text)
		if perr != nil {
			t.Fatal(perr.Msg)
		}
		if got := ft.plain != nil; got != tt.plain {
			t.Errorf("%s: plain tree %v, want %v", tt.text, got, tt.plain)
		}
		out, _, _, err := ft.Execute(NewData(data), NewBudget(DefaultLimits))
		if err != nil || out != tt.out {
			t.Errorf("%s: %q, %v; want %q", tt.text, out, err, tt.out)
		}
	}
}
