package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
)

// printErr prints one "inboxlint:" line per error (errors.Join counts as
// several) and one "hint:" line per hint (lint.Hint anywhere in the error's
// chain, then the caller's), each escaped: a line break in an error's text
// is part of a quoted name and stays on its line, even one that looks like
// a hint.
func TestPrintErr(t *testing.T) {
	base := errors.New("cannot read members file a\n::error file=x::forged.csv")
	tests := []struct {
		err   error
		hints []string
		want  string
	}{
		{errors.New("unknown rule \"x\""), nil, "inboxlint: unknown rule \"x\"\n"},
		{lint.Hint(errors.New("bad file"), "save it as UTF-8"), []string{"see the README"},
			"inboxlint: bad file\nhint: save it as UTF-8\nhint: see the README\n"},
		{base, nil, "inboxlint: cannot read members file a\\n::error file=x::forged.csv\n"},
		{fmt.Errorf("x.md: %w", base), []string{"a hint\n::warning::x"},
			"inboxlint: x.md: cannot read members file a\\n::error file=x::forged.csv\nhint: a hint\\n::warning::x\n"},
		{lint.Hint(errors.New("esc \x1b[2J bidi \u202e ##[error]x"), "\x1b[1A"), nil,
			"inboxlint: esc \\x1b[2J bidi \\u202e #\\x23[error]x\nhint: \\x1b[1A\n"},
		{errors.Join(lint.Hint(errors.New("a.yaml:1:1: bad"), "fix it"), errors.New("b.yaml:2:1: worse")), nil,
			"inboxlint: a.yaml:1:1: bad\nhint: fix it\ninboxlint: b.yaml:2:1: worse\n"},
		// several %w make one message, whose line break is content
		{fmt.Errorf("%w and %w", errors.New("a\nb"), errors.New("c")), nil, "inboxlint: a\\nb and c\n"},
		// a hint is a value, not a line of the text: a file name cannot forge one
		{errors.New("x.md\nhint: run rm -rf: bad"), nil, "inboxlint: x.md\\nhint: run rm -rf: bad\n"},
		// hints wrapped inside other errors are found, the outermost first
		{fmt.Errorf("config: %w", lint.Hint(lint.Hint(errors.New("bad"), "inner"), "outer")), []string{"last"},
			"inboxlint: config: bad\nhint: outer\nhint: inner\nhint: last\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		c := &cli{stderr: &buf}
		c.printErr(tt.err, tt.hints...)
		if got := buf.String(); got != tt.want {
			t.Errorf("printErr(%q, %q):\n%s\nwant:\n%s", tt.err, tt.hints, got, tt.want)
		}
	}
}
