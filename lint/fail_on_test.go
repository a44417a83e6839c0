package lint_test

import (
	"testing"

	"github.com/inboxlint/inboxlint/lint"
)

func TestFailOnFails(t *testing.T) {
	sevs := []lint.Severity{lint.SeverityInfo, lint.SeverityWarning, lint.SeverityError}
	tests := []struct {
		f    lint.FailOn
		want [3]bool // fails on info, warning, error
		word string
	}{
		{0, [3]bool{false, false, false}, ""},
		{lint.FailOnInfo, [3]bool{true, true, true}, "info"},
		{lint.FailOnWarning, [3]bool{false, true, true}, "warning"},
		{lint.FailOnError, [3]bool{false, false, true}, "error"},
		{lint.FailOnNever, [3]bool{false, false, false}, "never"},
	}
	for _, tt := range tests {
		for i, sev := range sevs {
			if got := tt.f.Fails(sev); got != tt.want[i] {
				t.Errorf("FailOn(%q).Fails(%v) = %v, want %v", tt.f, sev, got, tt.want[i])
			}
		}
		if tt.f.String() != tt.word {
			t.Errorf("FailOn(%d).String() = %q, want %q", tt.f, tt.f.String(), tt.word)
		}
		if tt.word != "" {
			if back, err := lint.ParseFailOn(tt.word); err != nil || back != tt.f {
				t.Errorf("ParseFailOn(%q) = %v, %v, want %v", tt.word, back, err, tt.f)
			}
		}
	}
}
