package escape

import (
	"strings"
	"testing"
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
	} {
		if got := Controls(tc.in); got != tc.want {
			t.Errorf("Controls(%q) = %q, want %q", tc.in, got, tc.want)
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
