package escape

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain copy, with é and 👋", "plain copy, with é and 👋"},
		{`a\b`, `a\b`},
		{"line\n::error file=x::forged", `line\n::error file=x::forged`},
		{"crlf\r\n", `crlf\r\n`},
		{"tab\there", `tab\there`},
		{"\x1b[2K\x1b[1Aerased", `\x1b[2K\x1b[1Aerased`},
		{"nul\x00", `nul\x00`},
		{"del\x7f", `del\x7f`},
		{"c1\u0085next\u009b", `c1\x85next\x9b`},
		{"sep\u2028par\u2029", `sep\u2028par\u2029`},
		{"bidi\u202eevil\u2066x\u2069\u200e\u061c", `bidi\u202eevil\u2066x\u2069\u200e\u061c`},
		{"bad \xff byte", `bad \xff byte`},
		// The runner's older command syntax, ##[command]data, counts
		// anywhere in a line; the second # is written escaped, also when
		// characters a culture-aware comparison skips sit in between.
		{"see ##[error]forged", `see #\x23[error]forged`},
		{"###[warning]x", `##\x23[warning]x`},
		{"#\u00ad#\u200b[add-mask]x", "#\u00ad\\x23\u200b[add-mask]x"},
		{"## heading [link]", "## heading [link]"},
		{"#[x] ## [y]", "#[x] ## [y]"},
		// Nothing here starts a line, so a leading :: stays.
		{"::error::x", "::error::x"},
	} {
		if got := Controls(tc.in); got != tc.want {
			t.Errorf("Controls(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Escaping twice gives what escaping once does, so text that one layer
// escaped (an error message quoting a file) can pass through another.
func TestControlsIdempotent(t *testing.T) {
	for _, s := range []string{"a\n::error b", "##[error]", "###[x", "\x1b\u2028\xff", ":: x", "\u3000::warning::y"} {
		once := Line(s)
		if twice := Line(once); twice != once {
			t.Errorf("Line(Line(%q)) = %q, want %q", s, twice, once)
		}
		if c := Controls(Controls(s)); c != Controls(s) {
			t.Errorf("Controls(Controls(%q)) = %q, want %q", s, c, Controls(s))
		}
	}
}

func TestLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ads/webinar.md", "ads/webinar.md"},
		{"", ""},
		{"::error file=x::forged", `\x3a:error file=x::forged`},
		{"  ::warning::x", `  \x3a:warning::x`},
		// white space the runner trims, and ignorable characters between
		// the colons
		{"\u00a0\u3000\u2003::notice::x", "\u00a0\u3000\u2003\\x3a:notice::x"},
		{"\u200b:\u00ad:x", "\u200b\\x3a\u00ad:x"},
		// a tab is escaped itself, so what follows no longer starts the line
		{"\t::error::x", `\t::error::x`},
		{": :x", ": :x"},
		{"a::b", "a::b"},
		{"::", `\x3a:`},
		{":", ":"},
		{"line\n::error::x", `line\n::error::x`},
		{"::error ##[error]", `\x3a:error #\x23[error]`},
	} {
		if got := Line(tc.in); got != tc.want {
			t.Errorf("Line(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// ControlsMap says where each byte of the input went, so that a caret
// drawn under escaped text still points at the right characters.
func TestControlsMap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		at   map[int]int // input offset (a character boundary) → output offset
	}{
		{"abc", "abc", map[int]int{0: 0, 1: 1, 3: 3}},
		{"a\x1bb", `a\x1bb`, map[int]int{0: 0, 1: 1, 2: 5, 3: 6}},
		{"é\n", `é\n`, map[int]int{0: 0, 2: 2, 3: 4}},
		{"##[x", `#\x23[x`, map[int]int{1: 1, 2: 5, 3: 6, 4: 7}},
		{"\xff!", `\xff!`, map[int]int{0: 0, 1: 4, 2: 5}},
	} {
		got, at := ControlsMap(tc.in)
		if got != tc.want {
			t.Errorf("ControlsMap(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(at) != len(tc.in)+1 {
			t.Errorf("ControlsMap(%q): %d offsets, want %d", tc.in, len(at), len(tc.in)+1)
			continue
		}
		for i, o := range tc.at {
			if at[i] != o {
				t.Errorf("ControlsMap(%q): offset %d went to %d, want %d", tc.in, i, at[i], o)
			}
		}
		if got != Controls(tc.in) {
			t.Errorf("ControlsMap(%q) = %q, Controls gives %q", tc.in, got, Controls(tc.in))
		}
	}
}

// JSON leaves the value as it is and only writes as \u escapes what a
// terminal or a CI runner would act on.
func TestJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\n  \"a\": \"plain é\"\n}\n", "{\n  \"a\": \"plain é\"\n}\n"},
		{`{"m":"del` + "\x7f" + `c1` + "\u0085\u009b" + `"}`, `{"m":"del\u007fc1\u0085\u009b"}`},
		{`{"m":"` + "\u202eevil\u2066\u200e" + `"}`, `{"m":"\u202eevil\u2066\u200e"}`},
		{`{"m":"see ##[error]x"}`, `{"m":"see #\u0023[error]x"}`},
		{`{"m":"\n::error::x"}`, `{"m":"\n::error::x"}`},
	} {
		got := string(JSON([]byte(tc.in)))
		if got != tc.want {
			t.Errorf("JSON(%s) = %s, want %s", tc.in, got, tc.want)
		}
		var a, b any
		if err := json.Unmarshal([]byte(tc.in), &a); err != nil {
			continue // a fragment
		}
		if err := json.Unmarshal([]byte(got), &b); err != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("JSON(%s) changed the value: %v, want %v (%v)", tc.in, b, a, err)
		}
	}
}

func TestControlsKeepsSafeTextUnallocated(t *testing.T) {
	s := "Hi %FIRSTNAME%, see you Thursday — 11am ET"
	if n := testing.AllocsPerRun(100, func() { _ = Controls(s) }); n != 0 {
		t.Errorf("Controls allocated %v times on safe text", n)
	}
}

func TestExcerpt(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"first_nam", `"first_nam"`},
		{"", `""`},
		{strings.Repeat("x", 40), `"` + strings.Repeat("x", 40) + `"`},
		{strings.Repeat("x", 41), `"` + strings.Repeat("x", 40) + `"…`},
		{"PATH=/usr/bin\x00GITHUB_TOKEN=ghp_secretsecretsecretsecret", `"PATH=/usr/bin\x00GITHUB_TOKEN=ghp_secretsec"…`},
		{strings.Repeat("é", 45), `"` + strings.Repeat("é", 40) + `"…`},
		{"a\u2028b\"c", `"a\u2028b\"c"`},
	} {
		if got := Excerpt(tc.in); got != tc.want {
			t.Errorf("Excerpt(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// A JSON error never carries the input's long number or keys, and stays
// short whatever the file holds.
func TestJSONError(t *testing.T) {
	long := strings.Repeat("1", 5000)
	key := strings.Repeat("k", 5000)
	var f float64
	var s struct{ Version int }
	var m map[string]int
	for _, tc := range []struct {
		data string
		v    any
		want string
	}{
		{long + "0e99999", &f, "json: cannot unmarshal number into Go value of type float64"},
		{`{"Version": "` + long + `"}`, &s, "json: cannot unmarshal string into Go value of type int"},
		{`{"` + key + `": "x"}`, &m, "json: cannot unmarshal string into Go value of type int"},
		{"{\"a\": \x01}", &m, `invalid character '\x01' looking for beginning of value`},
	} {
		err := json.Unmarshal([]byte(tc.data), tc.v)
		if err == nil {
			t.Fatalf("%.40s: no error", tc.data)
		}
		got := JSONError(err)
		if got != tc.want {
			t.Errorf("%.40s: %q, want %q", tc.data, got, tc.want)
		}
		if len(got) > maxErrorText+3 || strings.Contains(got, "11111111") || strings.Contains(got, "kkkkkkkk") {
			t.Errorf("%.40s: %q quotes the input", tc.data, got)
		}
	}
	if got := JSONError(errors.New(strings.Repeat("é", 300))); len(got) > maxErrorText+3 || !strings.HasSuffix(got, "…") || !utf8.ValidString(got) {
		t.Errorf("a long error: %q", got)
	}
}
