package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/render/escape"
)

// membersMaxRun is the longest run of the input a members error may
// repeat: an excerpt's ExcerptLen characters, plus what may happen to be
// in the input around it as well: its two quotes, the ellipsis after it,
// and the ": " the message goes on with, which follows every key of a JSON
// or YAML input (`unknown key "…40 characters…": use first_name, …`).
const membersMaxRun = escape.ExcerptLen + 5

// FuzzMembersErrors feeds random bytes to the members loader in each format
// and checks its error paths, which print to CI logs for files a pull
// request controls: no panic; every error is a *FileError named by the
// file, with a line inside the input; and the message never repeats more
// of the input than an excerpt (a members file that is a secret is not
// printed) nor holds a raw control character (a member value cannot forge
// a log line).
func FuzzMembersErrors(f *testing.F) {
	secret := "GITHUB_TOKEN=ghp_" + strings.Repeat("s3cr3t", 12)
	for _, seed := range []struct {
		format uint8
		data   string
	}{
		{0, "PATH=/usr/bin:/bin\x00HOME=/root\x00" + secret + "\x00"},
		{0, secret + "," + secret + "\n" + secret + "\n"},
		{0, "first_name,last_name\nAna,\"" + secret + "\n::error file=a.md::forged\"\n"},
		{0, "first_name,personalization\nAna," + secret + "\n"},
		{0, "first_name,\"first name " + secret + "\"\nAna,Ana\n"},
		{0, "\"" + secret + "\x1b[2K\",x\nAna,Lee\n"},
		{0, "first_name\nAna\u2028" + secret + "\n"},
		{1, `[{"` + secret + `": "x"}]`},
		{1, `[{"first_name": "` + secret + `\n::warning::x"}]`},
		{1, `[{"personalization": "` + secret + `"}]`},
		{1, `[{"first_name` + strings.Repeat(" ", 60) + `": 1}]`},
		{1, `{"` + secret + `": [`},
		{2, "- " + secret + ": x\n"},
		{2, "- first_name: |\n    " + secret + "\n    ::error::x\n"},
		{2, "- personalization: " + secret + "\n"},
		{2, secret + "\n  - [\n"},
		{2, "- first_name: Ana\r- x: [\r\r"},
	} {
		f.Add(seed.format, []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		format := fzMembersFormats[int(which)%len(fzMembersFormats)]
		name := "members." + format
		_, err := ParseMembers(name, format, data)
		if err == nil {
			return
		}
		var me *FileError
		if !errors.As(err, &me) {
			t.Fatalf("error %v is a %T, not a *FileError", err, err)
		}
		if me.File != name {
			t.Fatalf("error %q names %s", me.Msg, me.File)
		}
		if msg := filePosProblem(bytes.TrimPrefix(data, []byte("\ufeff")), me.Line, me.Col); msg != "" {
			t.Fatalf("error %q at %d:%d: %s", me.Msg, me.Line, me.Col, msg)
		}
		msg := err.Error()
		if escape.Controls(msg) != msg {
			t.Fatalf("error %q holds a raw control character", msg)
		}
		if run := longestInputRun(msg, string(data)); utf8.RuneCountInString(run) > membersMaxRun {
			t.Fatalf("error %q repeats %d characters of the input: %q", msg, utf8.RuneCountInString(run), run)
		}
	})
}

// longestInputRun returns the first run of more than membersMaxRun
// characters of msg that is also in input, or "".
func longestInputRun(msg, input string) string {
	starts := make([]int, 0, len(msg))
	for i := range msg {
		starts = append(starts, i)
	}
	starts = append(starts, len(msg))
	for i := 0; i+membersMaxRun+1 < len(starts); i++ {
		w := msg[starts[i]:starts[i+membersMaxRun+1]]
		if strings.Contains(input, w) {
			return w
		}
	}
	return ""
}

func TestLongestInputRun(t *testing.T) {
	long := strings.Repeat("x", 60)
	if longestInputRun("a "+long+" b", long) == "" {
		t.Error("a 60-character run of the input is not found")
	}
	if longestInputRun(escape.Excerpt(long), long) != "" {
		t.Error("an excerpt counts as a leak")
	}
	if longestInputRun(`unknown column "`+long[:40]+`"…: use`, `"`+long[:40]+`"…`) != "" {
		t.Error("an excerpt whose quotes are in the input counts as a leak")
	}
}
