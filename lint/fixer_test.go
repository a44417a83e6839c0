package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/rules"
)

// fixRepo makes a repository holding files, and an engine on it.
func fixRepo(t *testing.T, files map[string]string) (string, *lint.Engine) {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eng, err := lint.NewEngine(lint.Options{Rules: rules.All(), Root: dir, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return dir, eng
}

func readString(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const fixAd = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%firstname%, a seat for you?\"\n---\n" +
	"Hi {{first_name}}, would you join us at %COMPANYNAME?\n\n- [Save my seat](www.example.com/seat)\n"

const fixedAd = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat for you?\"\n---\n" +
	"Hi %FIRSTNAME%, would you join us at %COMPANYNAME%?\n\n- [Save my seat](https://www.example.com/seat)\n"

func TestFixWritesAndReportsWhatRemains(t *testing.T) {
	dir, eng := fixRepo(t, map[string]string{"ad.md": fixAd, "clean.md": fixedAd})
	p := filepath.Join(dir, "ad.md")
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	res := eng.Fix([]string{dir}, lint.FixOptions{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	if got := readString(t, p); got != fixedAd {
		t.Fatalf("ad.md after --fix:\n%s\nwant:\n%s", got, fixedAd)
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode after --fix: %v (%v), want 0600 kept", st.Mode().Perm(), err)
	}
	if len(res.Files) != 1 || res.Files[0].Path != p || res.Files[0].Applied != 4 {
		t.Fatalf("Files = %+v, want ad.md with 4 fixes", res.Files)
	}
	if res.Files[0].Err != nil || res.Files[0].Refused != 0 || res.Files[0].Pending {
		t.Errorf("ad.md: %+v", res.Files[0])
	}
	// what remains is what the fixed file gets, positions and all
	for _, d := range res.Diagnostics {
		if d.Rule == "unknown-macro" || d.Rule == "link-limits" {
			t.Errorf("fixed finding still reported: %s:%d:%d %s", d.File, d.Span.Start.Line, d.Span.Start.Col, d.Message)
		}
	}
	again := eng.Fix([]string{dir}, lint.FixOptions{})
	if len(again.Files) != 0 || readString(t, p) != fixedAd {
		t.Errorf("a second --fix changed something: %+v", again.Files)
	}
	plain := eng.Run([]string{dir})
	if len(plain.Diagnostics) != len(res.Diagnostics) {
		t.Errorf("--fix reports %d findings, a lint of the fixed files %d", len(res.Diagnostics), len(plain.Diagnostics))
	}
}

func TestFixDryRunWritesNothing(t *testing.T) {
	dir, eng := fixRepo(t, map[string]string{"ad.md": fixAd})
	p := filepath.Join(dir, "ad.md")
	res := eng.Fix([]string{p}, lint.FixOptions{DryRun: true})
	if got := readString(t, p); got != fixAd {
		t.Fatalf("--dry-run changed the file:\n%s", got)
	}
	if len(res.Files) != 1 || string(res.Files[0].After()) != fixedAd || res.Files[0].Applied != 4 {
		t.Fatalf("Files = %+v", res.Files)
	}
	diff := res.Files[0].Diff()
	for _, want := range []string{"--- a/" + filepath.ToSlash(p), "+++ b/" + filepath.ToSlash(p),
		"-subject: \"%firstname%, a seat for you?\"", "+subject: \"%FIRSTNAME%, a seat for you?\"",
		"+- [Save my seat](https://www.example.com/seat)"} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff lacks %q:\n%s", want, diff)
		}
	}
	for _, d := range res.Diagnostics {
		if d.Rule == "unknown-macro" {
			t.Errorf("--dry-run reports a finding its fixes remove: %s", d.Message)
		}
	}
}

// TestFixLeavesAFileChangedSinceRead changes the file between the read and
// the write, through the engine's hook, so the race is the same on every
// run: the file keeps what the other writer wrote, and the error says so.
func TestFixLeavesAFileChangedSinceRead(t *testing.T) {
	dir, eng := fixRepo(t, map[string]string{"ad.md": fixAd, "other.md": fixAd})
	p, other := filepath.Join(dir, "ad.md"), filepath.Join(dir, "other.md")
	const edited = fixAd + "\nAn edit saved meanwhile.\n"
	res := eng.Fix([]string{p, other}, lint.FixOptions{BeforeWrite: func(path string) {
		if path == p {
			if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
				t.Error(err)
			}
		}
	}})
	if got := readString(t, p); got != edited {
		t.Fatalf("the file changed since it was read was overwritten:\n%s", got)
	}
	if got := readString(t, other); got != fixedAd {
		t.Errorf("the other file was not fixed:\n%s", got)
	}
	var ff *lint.FileFix
	for i := range res.Files {
		if res.Files[i].Path == p {
			ff = &res.Files[i]
		}
	}
	if ff == nil || !errors.Is(ff.Err, repofs.ErrChanged) || !strings.Contains(ff.Err.Error(), "ad.md: changed since it was read, so --fix left it alone") {
		t.Fatalf("FileFix for ad.md = %+v", ff)
	}
	if ff.Applied != 0 || string(ff.After()) != fixAd {
		t.Errorf("a refused write reports %d fixes applied", ff.Applied)
	}
	n := 0
	for _, d := range res.Diagnostics {
		if d.File == p && d.Rule == "unknown-macro" {
			n++ // the file as read keeps its findings
		}
	}
	if n != 3 {
		t.Errorf("ad.md reports %d unknown-macro findings, want the 3 of the file as read", n)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestFixRefusesLinks(t *testing.T) {
	dir, eng := fixRepo(t, map[string]string{"real/ad.md": fixAd})
	link, dirLink := filepath.Join(dir, "link.md"), filepath.Join(dir, "linked")
	if err := os.Symlink(filepath.Join("real", "ad.md"), link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	if err := os.Symlink("real", dirLink); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []lint.FixOptions{{}, {DryRun: true}} {
		for _, p := range []string{link, filepath.Join(dirLink, "ad.md")} {
			res := eng.Fix([]string{p}, opts)
			if len(res.Files) != 1 || !errors.Is(res.Files[0].Err, repofs.ErrSymlink) {
				t.Fatalf("--fix (dry run %v) of %s: %+v", opts.DryRun, p, res.Files)
			}
			if !strings.Contains(res.Files[0].Err.Error(), "which --fix does not write through") {
				t.Errorf("error: %v", res.Files[0].Err)
			}
		}
	}
	if got := readString(t, filepath.Join(dir, "real", "ad.md")); got != fixAd {
		t.Errorf("the link's target was written:\n%s", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.md is no longer a link: %v", err)
	}
}

// TestFixOverlapping: two fixes for overlapping text; the first is
// applied, the file linted again, and the second, found again in the fixed
// text, applied in the next pass.
func TestFixOverlapping(t *testing.T) {
	cfg := "custom:\n" +
		"  - id: house-a\n    kind: substitute\n    replace: {'e-mail': email}\n    scope: [body]\n" +
		"  - id: house-b\n    kind: substitute\n    replace: {'e-?mail adress': email address}\n    scope: [body]\n"
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\n---\nHi %FIRSTNAME%, what is your e-mail adress?\n\n- [Save my seat](leadform:x)\n"
	dir, eng := fixRepo(t, map[string]string{".inboxlint.yaml": cfg, "ad.md": ad})
	p := filepath.Join(dir, "ad.md")
	res := eng.Fix([]string{p}, lint.FixOptions{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	want := strings.Replace(ad, "e-mail adress", "email address", 1)
	if got := readString(t, p); got != want {
		t.Fatalf("after --fix:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Files) != 1 || res.Files[0].Applied != 2 {
		t.Errorf("Files = %+v, want 2 fixes applied in two passes", res.Files)
	}
}

// TestFixRefusesWhatChangesTheCopyOtherwise: a replacement that means
// something else where it lands (a "#" after a space starts a YAML
// comment, and would cut the subject short) is refused, while the same
// replacement in the body is applied; a fix at the start of a plain YAML
// scalar, where % cannot stand, is refused too.
func TestFixRefusesWhatChangesTheCopyOtherwise(t *testing.T) {
	cfg := "custom:\n  - id: house\n    kind: substitute\n    replace: {'best team': 'team #1'}\n    scope: [subject, body]\n"
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: Meet the best team, %FIRSTNAME%\nfooter: COMPANYNAME% sponsors this\n---\n" +
		"Hi %FIRSTNAME%, the best team will call.\n\n- [Save my seat](leadform:x)\n"
	dir, eng := fixRepo(t, map[string]string{".inboxlint.yaml": cfg, "ad.md": ad})
	p := filepath.Join(dir, "ad.md")
	res := eng.Fix([]string{p}, lint.FixOptions{})
	want := strings.Replace(ad, "the best team will", "the team #1 will", 1)
	if got := readString(t, p); got != want {
		t.Fatalf("after --fix:\n%s\nwant:\n%s", got, want)
	}
	if len(res.Files) != 1 || res.Files[0].Applied != 1 || res.Files[0].Refused != 2 {
		t.Fatalf("Files = %+v, want 1 applied and 2 refused", res.Files)
	}
	left := map[string]int{}
	for _, d := range res.Diagnostics {
		left[d.Rule]++
	}
	if left["house"] != 1 || left["unknown-macro"] != 1 {
		t.Errorf("remaining findings %v, want the refused house and unknown-macro ones", left)
	}
}

// TestFixKeepsLineEndings: edits land on the bytes of a file with a byte
// order mark and CRLF line endings, which stay as they are.
func TestFixKeepsLineEndings(t *testing.T) {
	crlf := func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") }
	ad := strings.Replace(fixAd, "sender: Dana Reyes", "sender: Dana Reyes  ", 1)
	dir, eng := fixRepo(t, map[string]string{"ad.md": crlf(ad)})
	p := filepath.Join(dir, "ad.md")
	eng.Fix([]string{p}, lint.FixOptions{})
	if got := readString(t, p); got != crlf(fixedAd) {
		t.Fatalf("after --fix: %q\nwant %q", got, crlf(fixedAd))
	}
}

// TestFixPassesAreBounded: each pass of --fix halves a run of letters
// (every "aa" becomes "a"), so a long one outlasts MaxFixPasses; the file
// keeps what the passes did, and Pending says fixes remain.
func TestFixPassesAreBounded(t *testing.T) {
	cfg := "custom:\n  - id: halve\n    kind: substitute\n    replace: {'aa': 'a'}\n    scope: [body]\n"
	run := strings.Repeat("a", 1<<(lint.MaxFixPasses+1))
	ad := "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat?\"\n---\nHi %FIRSTNAME%, " + run + "?\n\n- [Save my seat](leadform:x)\n"
	dir, eng := fixRepo(t, map[string]string{".inboxlint.yaml": cfg, "ad.md": ad})
	p := filepath.Join(dir, "ad.md")
	res := eng.Fix([]string{p}, lint.FixOptions{})
	if len(res.Files) != 1 || !res.Files[0].Pending {
		t.Fatalf("Files = %+v, want fixes pending", res.Files)
	}
	if got, want := readString(t, p), strings.Replace(ad, run, "aa", 1); got != want {
		t.Errorf("after %d passes the run is %d letters, want 2", lint.MaxFixPasses, strings.Count(got, "a")-strings.Count(want, "a")+2)
	}
}
