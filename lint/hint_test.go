package lint_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
)

// A hint travels with its error through wrapping, stays out of the error's
// text, and leaves errors.Is and errors.As working on what it wraps.
func TestHints(t *testing.T) {
	base := fmt.Errorf("x.md: cannot read: %w", fs.ErrNotExist)
	tests := []struct {
		name  string
		err   error
		text  string
		hints []string
	}{
		{"none", base, "x.md: cannot read: file does not exist", nil},
		{"one", lint.Hint(base, "check the path"), "x.md: cannot read: file does not exist", []string{"check the path"}},
		{"wrapped", fmt.Errorf("config: %w", lint.Hint(base, "check the path")), "config: x.md: cannot read: file does not exist", []string{"check the path"}},
		{"outermost first", lint.Hint(fmt.Errorf("run: %w", lint.Hint(base, "inner")), "outer"), "run: x.md: cannot read: file does not exist", []string{"outer", "inner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.text {
				t.Errorf("Error() = %q, want %q", got, tt.text)
			}
			if got := lint.Hints(tt.err); !slices.Equal(got, tt.hints) {
				t.Errorf("Hints = %q, want %q", got, tt.hints)
			}
			if !errors.Is(tt.err, fs.ErrNotExist) {
				t.Error("errors.Is does not see through the hint")
			}
		})
	}
	if lint.Hint(nil, "x") != nil {
		t.Error("Hint(nil) is not nil")
	}
	var h *lint.HintError
	if !errors.As(fmt.Errorf("w: %w", lint.Hint(base, "h")), &h) || h.Hint != "h" {
		t.Errorf("errors.As finds %v", h)
	}
}

// The errors the engine gives advice on carry it as a hint, never as a line
// of their text.
func TestEngineErrorHints(t *testing.T) {
	utf16 := lint.NotTemplateError("a.md", []byte{0xFF, 0xFE, 'a', 0})
	plain := lint.NotTemplateError("b.md", []byte("# notes\n"))
	for _, tt := range []struct {
		err        error
		text, hint string
	}{
		{utf16, "a.md: the file is UTF-16, which inboxlint does not read", "save it as UTF-8"},
		{plain, "b.md: not an inboxlint template: its front matter has no format key", "start the file with ---, format: message (or conversation), sender and subject, then ---"},
	} {
		if got := tt.err.Error(); got != tt.text {
			t.Errorf("Error() = %q, want %q", got, tt.text)
		}
		if got := lint.Hints(tt.err); len(got) != 1 || got[0] != tt.hint {
			t.Errorf("%q: hints %q, want [%q]", tt.text, got, tt.hint)
		}
	}
	if !errors.Is(plain, lint.ErrNotTemplate) {
		t.Error("the not-a-template error does not wrap ErrNotTemplate")
	}
}
