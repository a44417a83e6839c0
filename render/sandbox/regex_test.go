package sandbox

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// regexEquivPatterns exercise what makes a search after the start differ
// from a search of a suffix: \b, \B, ^, $, \A, \z in both line modes, empty
// matches, captures, non-greedy repetition, case folding, \Q, and text that
// is not ASCII or not UTF-8.
var regexEquivPatterns = []string{
	``, `a`, `a*`, `a+`, `a*?`, `a|b`, `ab|a`, `a*b|a`, `(a)(b)?`, `(?P<w>\w+)`,
	`\b`, `\B`, `\bfoo\b`, `^`, `$`, `^a`, `a$`, `(?m)^`, `(?m)$`, `(?m)^a`, `\A`, `\z`, `\Aa`,
	`x*`, `(?i)straße`, `(?U)a+`, `[^a]`, `.`, `(?s).`, `\Qa.b\E`, `\Qa(`, `é+`, `\x{FFFD}`,
	`(a|ab)(c|bcd)(d*)`, `(?:a?){3}`, `\d+|\s+`, `(?i)\bsynerg(y|ies)\b`, `(|a)+`, `(a*)+$`,
}

var regexEquivTexts = []string{
	"", "a", "aaa", "ab", "abab", "banana", "foo food foo", "a\nb\na", "\naa\n", "xay bza",
	"straße STRASSE", "ééa", "a\xffb", "\xe2\x82", "a b  c", "abcbcd", "123 456\t7",
	"synergy and synergies", "Synergies, synergy!",
}

func TestPatternMatchesGo(t *testing.T) {
	texts := append([]string{}, regexEquivTexts...)
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "c", " ", "\n", "é", "\xff", "d", "1", "_"}
	for range 60 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, expr := range regexEquivPatterns {
		p, err := CompilePattern(expr, DefaultLimits)
		if err != nil {
			t.Fatalf("CompilePattern(%q): %v", expr, err)
		}
		re := regexp.MustCompile(expr)
		for _, s := range texts {
			for _, n := range []int{-1, 0, 1, 2} {
				got, _, ok := p.FindAll(s, n, false, 1<<40)
				if want := re.FindAllStringIndex(s, n); !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("FindAll(%q, %q, %d) = %v %v, want %v", expr, s, n, got, ok, want)
				}
				got, _, ok = p.FindAll(s, n, true, 1<<40)
				if want := re.FindAllStringSubmatchIndex(s, n); !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("FindAll(%q, %q, %d, submatch) = %v %v, want %v", expr, s, n, got, ok, want)
				}
			}
			if got, _, ok := p.MatchString(s, 1<<40); !ok || got != re.MatchString(s) {
				t.Errorf("MatchString(%q, %q) = %v %v", expr, s, got, ok)
			}
		}
	}
}

func TestCompilePatternLimits(t *testing.T) {
	tests := []struct {
		expr   string
		limits Limits
		msg    string
	}{
		{`(`, DefaultLimits, "missing closing ): `(`"},
		{strings.Repeat("a", 4097), DefaultLimits, "the pattern is 4097 bytes long; the cap is 4096: write a shorter pattern"},
		{strings.Repeat(`[a-z]{1000}`, 11), DefaultLimits, "the pattern compiles to more than 10000 instructions, the cap on a pattern's size: write a simpler pattern"},
		{`x{1000}x{1000}x{1000}x{1000}x{1000}x{1000}x{1000}x{1000}x{1000}x{1000}x`, DefaultLimits, "the pattern compiles to more than 10000 instructions, the cap on a pattern's size: write a simpler pattern"},
		{`abcdef`, Limits{MaxProgram: 5}, "the pattern compiles to more than 5 instructions, the cap on a pattern's size: write a simpler pattern"},
		{`abc`, Limits{MaxPattern: 2}, "the pattern is 3 bytes long; the cap is 2: write a shorter pattern"},
	}
	for _, tt := range tests {
		_, err := CompilePattern(tt.expr, tt.limits)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("CompilePattern(%.30q) = %v, want %q", tt.expr, err, tt.msg)
		}
	}
	// Just inside the caps.
	for _, expr := range []string{strings.Repeat("a", 4096)[:4096-8] + "(b|c)+$", `x{1000}x{1000}x{1000}`} {
		p, err := CompilePattern(expr, DefaultLimits)
		if err != nil || p.program() > DefaultLimits.MaxProgram {
			t.Errorf("CompilePattern(%.30q) = %v", expr, err)
		}
	}
}

// The lower bound never exceeds the real program size, so no pattern
// inside the cap is refused by the estimate.
func TestProgLowerBound(t *testing.T) {
	for _, expr := range append(regexEquivPatterns, `x{3,5}`, `x{3,}`, `x{0}`, `(ab){2}c*`, `[a-z]{2,4}?`, `(?i)hello|world|(foo)+`, `(?:a{2}){3}`, `(?:(?:x{10}){10}){10}`) {
		p, err := CompilePattern(expr, DefaultLimits)
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		tree := mustParseTree(t, expr)
		if lb := progLowerBound(tree, 1<<40); lb > int64(p.program()) {
			t.Errorf("%q: lower bound %d > program %d", expr, lb, p.program())
		}
	}
}

// A search that scans to the end of the text once per match, quadratic in
// the text, stops at its allowance.
func TestPatternQuadraticStopsAtAllowance(t *testing.T) {
	p, err := CompilePattern(`a*b|a`, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Repeat("a", 100000)
	const allow = 1_000_000
	ms, used, ok := p.FindAll(s, -1, false, allow)
	if ok {
		t.Fatalf("%d matches within the allowance", len(ms))
	}
	if used > allow {
		t.Errorf("used %d of an allowance of %d", used, allow)
	}
	// With enough allowance, the work is what a quadratic scan costs.
	s = strings.Repeat("a", 300)
	ms, used, ok = p.FindAll(s, -1, false, 1<<40)
	if !ok || len(ms) != 300 {
		t.Fatalf("%d matches, ok %v", len(ms), ok)
	}
	if min := int64(300*300/2) * int64(p.program()); used < min {
		t.Errorf("used %d, want at least %d", used, min)
	}
}

func mustParseTree(t *testing.T, expr string) *syntax.Regexp {
	t.Helper()
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
