package preview

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/rules"
)

// FuzzPage builds and writes the page of one template and checks what
// every page must hold: no panic, markup only of the page's own (two
// scripts, no raw control characters), data that round-trips, and marks
// that lie inside their text.
func FuzzPage(f *testing.F) {
	for _, s := range []string{hostile["ad.md"], hostile["conv.md"], serverAd} {
		f.Add([]byte(s))
	}
	if ex, _ := filepath.Glob("../../testdata/examples/*.md"); len(ex) > 0 {
		for _, p := range ex {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("---\nformat: conversation\nsender: x\nsubject: \"{{ .a }}%FIRSTNAME%\"\nvars: {a: \"\\u202e\"}\n---\n# A\n[b](#a)\n\n- [x](#a)\n"))
	dir := f.TempDir()
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), KeepSources: true, Root: dir})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res := eng.LintBuffer(filepath.Join(dir, "ad.md"), data)
		page, err := Build(eng, res, Options{Rules: rules.All()})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, page); err != nil {
			t.Fatalf("Write: %v", err)
		}
		out := buf.String()
		if n := strings.Count(out, "<script"); n != 2 {
			t.Fatalf("%d <script elements", n)
		}
		for i, r := range out {
			if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x202e {
				t.Fatalf("raw %U at %d", r, i)
			}
		}
		m := dataScript.FindStringSubmatch(out)
		if m == nil {
			t.Fatal("no data")
		}
		var got Page
		if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
			t.Fatalf("data is not JSON: %v", err)
		}
		for _, file := range got.Files {
			for _, v := range file.Variants {
				for _, c := range v.Cards {
					checkMarks(t, c.Subject, len(file.Findings))
					checkMarks(t, c.Sender, len(file.Findings))
					checkMarks(t, c.Footer, len(file.Findings))
					for _, mc := range c.Messages {
						checkMarks(t, mc.Body, len(file.Findings))
						for _, b := range mc.Buttons {
							checkMarks(t, b.Label, len(file.Findings))
						}
					}
					if c.Cut > len(utf16.Encode([]rune(c.Subject.Text))) {
						t.Fatalf("cut %d past the subject %q", c.Cut, c.Subject.Text)
					}
				}
			}
		}
	})
}

func checkMarks(t *testing.T, r richText, findings int) {
	t.Helper()
	n := len(utf16.Encode([]rune(r.Text)))
	for _, m := range r.Marks {
		if m.Start < 0 || m.End > n || m.Start >= m.End {
			t.Fatalf("mark %+v outside %q (%d units)", m, r.Text, n)
		}
		if m.Kind == "hl" && (m.Finding < 0 || m.Finding >= findings) {
			t.Fatalf("mark %+v names no finding (%d)", m, findings)
		}
	}
}
