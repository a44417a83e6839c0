package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/inboxlint/inboxlint/lint"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/rules"
)

// badGood is a well-formed template with one known flaw. Every case of
// TestBadInput lints it next to the bad input, to show that one broken
// file never stops the others from being linted and reported.
const badGood = `---
format: message
sender: Dana Reyes
subject: "%FIRSTNAME%, join us Thursday?"
---
Hi %FIRSTNAME%, we're hosting [Speaker name] next Thursday. Want to join?

- [Save my seat](leadform:webinar)
`

// badGoodFinding is badGood's finding.
var badGoodFinding = badFinding{"good.md", "placeholder", 6, 31, `^unfilled placeholder "\[Speaker name\]"`, ""}

// badHead starts a Message Ad whose subject (line 4, column 10) is fine.
const badHead = "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\n---\n"

// badTail ends a body with a question and a specific button.
const badTail = "\n\nCan I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"

// badConv starts a Conversation Ad.
const badConv = "---\nformat: conversation\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, which one slows you down?\"\n---\n"

// badFinding is one expected diagnostic: file (relative to the case's
// directory, slash-separated), rule, 1-based line and column (0: any), a
// regexp the message must match and, when set, the text the span must
// start at (its first occurrence in the file's bytes gives the expected
// byte offset).
type badFinding struct {
	file      string
	rule      string
	line, col int
	msg       string
	at        string
}

// badCase is one malformed or hostile input.
type badCase struct {
	name string
	// files are written into the case's directory; a name ending in "/"
	// is a directory.
	files map[string]string
	// setup makes what files cannot: big, binary or unreadable files,
	// symbolic links.
	setup func(t *testing.T, dir string)
	// skip, when it returns a reason, skips the case.
	skip func() string
	// paths are linted after good.md (relative; default: the .md files
	// at the top of the case's directory or, when there are none, the
	// directories that hold the .md files).
	paths []string
	// want are the findings the bad input must produce. Its syntax
	// findings are exact: any other syntax finding in the case fails it.
	want []badFinding
	// errs are regexps the run's errors (exit status 2) must match, one
	// for one and in order.
	errs []string
}

func badCases() []badCase {
	laughs := "  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, c := range "bcdefghi" {
		laughs += fmt.Sprintf("  %c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(c)
	}
	const csvHeader = "first_name,last_name,job_title,company_name,industry\n"
	membersAd := func(file string) string {
		return "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, a seat for %COMPANYNAME%?\"\nmembers: " + file + "\n---\nHi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n"
	}
	// n members; the last has a company name long enough to break the
	// subject limit, which shows that every row was read.
	manyMembers := func(n int) string {
		var b strings.Builder
		b.WriteString(csvHeader)
		for i := 1; i <= n; i++ {
			company := "Co"
			if i == n {
				company = "The Very Long Company Name Holdings International"
			}
			fmt.Fprintf(&b, "F%d,L%d,Manager,%s,Software\n", i, i, company)
		}
		return b.String()
	}
	write := func(t *testing.T, path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Permissions do not stop root, so the unreadable cases skip there;
	// run as another user (e.g. setpriv --reuid=65534) they are checked.
	root := func() string {
		if os.Geteuid() == 0 {
			return "running as root, which reads files and directories whatever their permissions"
		}
		return ""
	}

	noFIFO := func() string {
		if runtime.GOOS == "windows" {
			return "no FIFOs on Windows"
		}
		return ""
	}
	mkfifo := func(t *testing.T, path string) {
		t.Helper()
		if err := mkfifoFile(path); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(t *testing.T, target, path string) {
		t.Helper()
		if _, err := os.Stat(target); err != nil {
			t.Skipf("%s: %v", target, err)
		}
		if err := os.Symlink(target, path); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}

	return []badCase{
		// --- the file as a whole
		{
			name:  "empty file named explicitly",
			files: map[string]string{"empty.md": ""},
			errs:  []string{`empty\.md: not an inboxlint template: its front matter has no format key\nhint: start the file with ---`},
		},
		{
			name:  "empty file in a directory walk is skipped",
			files: map[string]string{"ads/empty.md": ""},
			paths: []string{"ads"},
		},
		{
			name: "binary file named .md",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "logo.md"), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
			},
			paths: []string{"logo.md"},
			errs:  []string{`logo\.md: not an inboxlint template`},
		},
		{
			name:  "binary bytes after the front matter",
			files: map[string]string{"bin.md": badHead + "Hi\x00\x01\x02\xff" + badTail},
			want:  []badFinding{{"bin.md", "syntax", 6, 3, `^text contains a NUL byte: the file is binary or not saved as UTF-8$`, "\x00"}},
		},
		{
			name:  "invalid UTF-8 in the body",
			files: map[string]string{"latin1.md": badHead + "Hi %FIRSTNAME%, caf\xe9 at 9?" + badTail},
			want:  []badFinding{{"latin1.md", "syntax", 6, 20, `^text is not valid UTF-8: save the file as UTF-8$`, "\xe9"}},
		},
		{
			name:  "invalid UTF-8 in the front matter",
			files: map[string]string{"latin1.md": "---\nformat: message\nsender: Ren\xe9e\nsubject: Hi" + badTail},
			want:  []badFinding{{"latin1.md", "syntax", 3, 12, `^text is not valid UTF-8`, "\xe9"}},
		},
		{
			name:  "NUL bytes",
			files: map[string]string{"nul.md": badHead + "Hi %FIRSTNAME%,\n\x00\x00 join?" + badTail},
			want:  []badFinding{{"nul.md", "syntax", 7, 1, `^text contains a NUL byte`, "\x00"}},
		},
		{
			name:  "UTF-16 file",
			files: map[string]string{"utf16.md": "\xff\xfe-\x00-\x00-\x00\n\x00f\x00o\x00r\x00m\x00a\x00t\x00:\x00"},
			errs:  []string{"^utf16\\.md: the file is UTF-16, which inboxlint does not read\nhint: save it as UTF-8$"},
		},
		{
			name: "10 MB file",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "huge.md"), []byte(badHead+strings.Repeat("All work and no play. ", 10<<20/22)))
			},
			paths: []string{"huge.md"},
			errs:  []string{`^[^\n]*huge\.md: file is larger than 1024 KiB, the most a template may be\nhint: a template is one ad; if this is not one, exclude it in \.inboxlint\.yaml$`},
		},
		{
			name: "a file one byte over the size cap; one at the cap lints",
			setup: func(t *testing.T, dir string) {
				sized := func(n int) []byte {
					head := badHead + "Hi %FIRSTNAME%,\n"
					fill := n - len(head) - len(badTail)
					line := strings.Repeat("x", 79) + "\n"
					body := strings.Repeat(line, fill/len(line)) + strings.Repeat("y", fill%len(line))
					return []byte(head + body + badTail)
				}
				write(t, filepath.Join(dir, "at-cap.md"), sized(render.MaxFileSize))
				write(t, filepath.Join(dir, "over-cap.md"), sized(render.MaxFileSize+1))
			},
			paths: []string{"at-cap.md", "over-cap.md"},
			want:  []badFinding{{"at-cap.md", "body-length", 6, 1, `^body is \d+ characters`, ""}},
			errs:  []string{`over-cap\.md: file is larger than 1024 KiB`},
		},
		{
			name: "100,000 short lines, under the size cap",
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "long.md"), []byte(badHead+"Hi %FIRSTNAME%,\n"+strings.Repeat("a\n", 100_000)+badTail))
			},
			paths: []string{"long.md"},
			want:  []badFinding{{"long.md", "body-length", 6, 1, `^body is 200\d\d\d characters .*LinkedIn's limit is 1500`, ""}},
		},

		// --- front matter
		{
			name:  "front matter never closed",
			files: map[string]string{"open.md": "---\nformat: message\nsender: Dana Reyes\nsubject: Hi\n\nHi there" + badTail},
			want:  []badFinding{{"open.md", "syntax", 1, 1, `^front matter is never closed: add a line with --- after the subject$`, ""}},
		},
		{
			name:  "tab indenting a front matter key",
			files: map[string]string{"tab.md": "---\nformat: message\nsender: Dana Reyes\n\tsubject: Hi\n---\nHi" + badTail},
			want:  []badFinding{{"tab.md", "syntax", 4, 1, `^front matter is not valid YAML: found a tab character that violates indentation$`, "\tsubject"}},
		},
		{
			name:  "tab indenting a nested value",
			files: map[string]string{"tab.md": "---\nformat: message\nsender: Dana Reyes\nsubject: Hi\nvars:\n\tname: Ada\n---\nHi" + badTail},
			want:  []badFinding{{"tab.md", "syntax", 6, 1, `^front matter is not valid YAML: found character that cannot start any token$`, "\tname"}},
		},
		{
			name: "billion laughs in vars",
			files: map[string]string{"laughs.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\nvars:\n" + laughs +
				"---\nHi %FIRSTNAME%, join us?" + badTail},
			want: []badFinding{{"laughs.md", "syntax", 6, 3, `^vars: aliases expand this block to more than 4194304 bytes, the cap on vars: use fewer aliases of long values$`, "a: &a"}},
		},
		{
			name: "billion laughs in a variant",
			files: map[string]string{"laughs.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\nvars:\n" + laughs +
				"variants:\n  - name: big\n    x: *i\n---\nHi %FIRSTNAME%, join us?" + badTail},
			want: []badFinding{
				{"laughs.md", "syntax", 6, 3, `^vars: aliases expand this block to more than 4194304 bytes, the cap on vars: use fewer aliases of long values$`, "a: &a"},
				{"laughs.md", "syntax", 16, 5, `^variant: aliases expand this variant to more than 4194304 bytes, the cap on a variant's values: use fewer aliases of long values$`, "name: big"},
			},
		},
		{
			name:  "duplicate keys",
			files: map[string]string{"dup.md": badHead[:len(badHead)-4] + "subject: Again\nvars:\n  a: 1\n  a: 2\n---\nHi %FIRSTNAME%, join us?" + badTail},
			want: []badFinding{
				{"dup.md", "syntax", 5, 1, `^front matter key "subject" appears twice: keep one$`, "subject: Again"},
				{"dup.md", "syntax", 8, 3, `^vars: mapping key "a" already defined at line 7$`, "a: 2"},
			},
		},
		{
			name:  "format: sms",
			files: map[string]string{"sms.md": "---\nformat: sms\nsender: Dana Reyes\nsubject: Hi\n---\nHi" + badTail},
			want:  []badFinding{{"sms.md", "syntax", 2, 9, `^unknown format "sms": use message or conversation$`, "sms"}},
		},
		{
			name:  "front matter that is a list is not a template",
			files: map[string]string{"list.md": "---\n- format: message\n---\nHi" + badTail},
			errs:  []string{`^list\.md: not an inboxlint template: its front matter has no format key\nhint: `},
		},
		{
			name:  "front matter that is one quoted value",
			files: map[string]string{"scalar.md": "---\n\"quoted\nformat: message\"\n---\nHi" + badTail},
			want:  []badFinding{{"scalar.md", "syntax", 2, 1, `^front matter must be a mapping of keys such as format, sender and subject$`, "\"quoted"}},
		},

		// --- line endings and byte order marks: positions count the bytes on disk
		{
			name:  "CRLF line endings",
			files: map[string]string{"crlf.md": strings.ReplaceAll(badHead+"Hi there [Speaker name], join?"+badTail, "\n", "\r\n")},
			want:  []badFinding{{"crlf.md", "placeholder", 6, 10, `^unfilled placeholder "\[Speaker name\]"`, "[Speaker name]"}},
		},
		{
			name:  "lone CR line endings",
			files: map[string]string{"cr.md": strings.ReplaceAll(badHead+"Hi there [Speaker name], join?"+badTail, "\n", "\r")},
			want:  []badFinding{{"cr.md", "placeholder", 6, 10, `^unfilled placeholder "\[Speaker name\]"`, "[Speaker name]"}},
		},
		{
			name:  "byte order mark",
			files: map[string]string{"bom.md": "\ufeff" + badHead + "Hi there [Speaker name], join?" + badTail},
			want:  []badFinding{{"bom.md", "placeholder", 6, 10, `^unfilled placeholder "\[Speaker name\]"`, "[Speaker name]"}},
		},
		{
			name:  "byte order mark and CRLF, finding on line 1's neighbour",
			files: map[string]string{"bomcrlf.md": "\ufeff" + strings.ReplaceAll("---\nformat: message\nsender: Dana Reyes\nsubject: TODO\n---\nHi, join?"+badTail, "\n", "\r\n")},
			want:  []badFinding{{"bomcrlf.md", "placeholder", 4, 10, `TODO`, "TODO"}},
		},

		// --- Markdown structure
		{
			name:  "heading with only punctuation",
			files: map[string]string{"punct.md": badConv + "# Opening\nHi, which?\n\n- [Pricing](#pricing)\n- [Other](#!!!)\n\n# !!!\nText?\n\n- [Book a demo](leadform:demo)\n\n# Pricing\nText?\n\n- [Book a demo](leadform:demo)\n"},
			want: []badFinding{
				{"punct.md", "syntax", 12, 1, `^heading has no letters or digits, so buttons cannot link to it: give the message a name$`, "# !!!"},
				{"punct.md", "flow-target", 10, 11, `^no message has the id #!!!`, "#!!!"},
			},
		},
		{
			name:  "two headings with the same slug",
			files: map[string]string{"slug.md": badConv + "# Opening\nHi, which?\n\n- [Pricing](#pricing)\n\n# Pricing\nText?\n\n- [Book a demo](leadform:demo)\n\n# Pricing!\nMore?\n\n- [Book a demo](leadform:demo2)\n"},
			want: []badFinding{
				{"slug.md", "syntax", 16, 1, `^two messages have the id #pricing \(also message 2\): rename one heading$`, "# Pricing!"},
			},
		},
		{
			name:  "button with an empty label",
			files: map[string]string{"label.md": badHead + "Hi %FIRSTNAME%, can I save you a seat?\n\n- [](leadform:webinar)\n"},
			want:  []badFinding{{"label.md", "syntax", 8, 3, `^button has no label: write what members click`, "[]("}},
		},
		{
			name:  "link with an angle-bracket destination",
			files: map[string]string{"angle.md": badHead + "Hi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](<https://example.com/r?next=\"x\">)\n"},
			want:  []badFinding{{"angle.md", "link-limits", 8, 46, `^the query string of "https://example\.com/r\?next=\\"x\\"" has characters that can break the link: percent-encode " as %22$`, `"x">`}},
		},
		{
			name:  "nested lists in the button list",
			files: map[string]string{"nested.md": badHead + "Hi %FIRSTNAME%, can I save you a seat?\n\n- [Save my seat](leadform:webinar)\n  - [Nested](leadform:other)\n- [Book a demo](leadform:demo)\n"},
			want: []badFinding{
				{"nested.md", "syntax", 8, 1, `^every item of the button list must be one link`, "- [Save"},
			},
		},
		{
			name:  "conversation without headings",
			files: map[string]string{"flat.md": badConv + "Hi, which?\n\n- [A](#a)\n"},
			want:  []badFinding{{"flat.md", "syntax", 6, 1, `^conversation has no messages: start each message with a # heading$`, "Hi, which"}},
		},

		// --- the file system
		{
			name:  "unreadable file",
			skip:  root,
			files: map[string]string{"secret.md": badHead + "Hi" + badTail},
			setup: func(t *testing.T, dir string) {
				if err := os.Chmod(filepath.Join(dir, "secret.md"), 0); err != nil {
					t.Fatal(err)
				}
			},
			errs: []string{`secret\.md: cannot read: permission denied$`},
		},
		{
			name:  "unsearchable directory in a walk",
			skip:  root,
			files: map[string]string{"ads/locked/a.md": badHead + "Hi" + badTail},
			setup: func(t *testing.T, dir string) {
				locked := filepath.Join(dir, "ads", "locked")
				if err := os.Chmod(locked, 0); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
			},
			paths: []string{"ads"},
			errs:  []string{`locked: permission denied$`},
		},
		{
			name:  "a directory named x.md is walked, not read",
			files: map[string]string{"x.md/inner.md": badHead + "Hi [Speaker name], join?" + badTail},
			paths: []string{"x.md"},
			want:  []badFinding{{"x.md/inner.md", "placeholder", 6, 4, `^unfilled placeholder "\[Speaker name\]"`, "[Speaker name]"}},
		},
		{
			name:  "a template that is a FIFO, named explicitly",
			skip:  noFIFO,
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "fifo.md")) },
			paths: []string{"fifo.md"},
			errs:  []string{`^fifo\.md: a named pipe \(FIFO\), not a regular file$`},
		},
		{
			name:  "a FIFO in a walk is passed over",
			skip:  noFIFO,
			files: map[string]string{"ads/a.md": badHead + "Hi [Speaker name], join?" + badTail},
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "ads", "fifo.md")) },
			paths: []string{"ads"},
			want:  []badFinding{{"ads/a.md", "placeholder", 6, 4, `^unfilled placeholder`, "[Speaker name]"}},
		},
		{
			name:  "a template that is a link out of the repository",
			setup: func(t *testing.T, dir string) { symlink(t, "/etc/hostname", filepath.Join(dir, "out.md")) },
			paths: []string{"out.md"},
			errs:  []string{`^out\.md: a symbolic link that leads outside the repository$`},
		},
		{
			name:  "a template outside the repository",
			paths: []string{"../elsewhere.md"},
			errs:  []string{`^\.\./elsewhere\.md: outside the repository\nhint: run inboxlint from the repository that holds the file$`},
		},
		{
			name:  "a config that is a link out of the repository",
			files: map[string]string{"team/ad.md": badHead + "Hi" + badTail},
			setup: func(t *testing.T, dir string) {
				symlink(t, "/etc/hostname", filepath.Join(dir, "team", ".inboxlint.yaml"))
			},
			errs: []string{`^cannot read config: team/\.inboxlint\.yaml: a symbolic link that leads outside the repository$`},
		},
		{
			name: "symbolic link loop named explicitly",
			setup: func(t *testing.T, dir string) {
				if err := os.Symlink("loop.md", filepath.Join(dir, "loop.md")); err != nil {
					t.Skip("no symbolic links:", err)
				}
			},
			paths: []string{"loop.md"},
			errs:  []string{`loop\.md: too many levels of symbolic links$`},
		},
		{
			name:  "symbolic link loops in a walk are not followed",
			files: map[string]string{"ads/a.md": badHead + "Hi [Speaker name], join?" + badTail},
			setup: func(t *testing.T, dir string) {
				for old, new := range map[string]string{"loop.md": "ads/loop.md", ".": "ads/self", "..": "ads/up"} {
					if err := os.Symlink(old, filepath.Join(dir, new)); err != nil {
						t.Skip("no symbolic links:", err)
					}
				}
			},
			paths: []string{"ads"},
			want:  []badFinding{{"ads/a.md", "placeholder", 6, 4, `^unfilled placeholder`, "[Speaker name]"}},
		},

		// --- members files
		{
			name: "members CSV with a ragged row",
			files: map[string]string{
				"ad.md":      membersAd("ragged.csv"),
				"ragged.csv": csvHeader + "Ana,Lee,CEO,Acme,Software\nBo,Kim\n",
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `ragged\.csv:3: row has 2 fields, the header has 5: checking against the built-in members instead$`, "ragged.csv"}},
		},
		{
			name: "members CSV with a byte order mark",
			files: map[string]string{
				"ad.md":   membersAd("bom.csv"),
				"bom.csv": "\ufeff" + csvHeader + "Ana,Lee,CEO,The Very Long Company Name Holdings International,Software\n",
			},
			want: []badFinding{{"ad.md", "subject-length", 4, 10, `when rendered for "Ana Lee"; LinkedIn's limit is 60`, "\"%FIRSTNAME%"}},
		},
		{
			// a line break in a value would break the copy and every line
			// of output that quotes it: refused at its field
			name: "members CSV with a quoted newline in a value",
			files: map[string]string{
				"ad.md":  membersAd("nl.csv"),
				"nl.csv": csvHeader + "Ana,Lee,CEO,\"The Very Long Company\nName Holdings International\",Software\n",
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `^nl\.csv:2:13: company_name holds a line break: write each value on one line: checking against the built-in members instead$`, "nl.csv"}},
		},
		{
			name:  "members CSV over 10 MiB",
			files: map[string]string{"ad.md": membersAd("big.csv")},
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "big.csv"), []byte(csvHeader+strings.Repeat("Ana,Lee,CEO,Acme,Retail\n", 10<<20/24+1)))
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `^cannot read members file big\.csv: larger than 10 MiB, the most a members file may be: checking against the built-in members instead$`, "big.csv"}},
		},
		{
			name:  "members: climbs out of the repository",
			files: map[string]string{"ad.md": membersAd("../../../../../../../../etc/passwd.csv")},
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^cannot read members file (\.\./)+etc/passwd\.csv: outside the repository: checking against the built-in members instead$`, "../"}},
		},
		{
			name:  "members: a FIFO",
			skip:  noFIFO,
			files: map[string]string{"ad.md": membersAd("fifo.csv")},
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "fifo.csv")) },
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^cannot read members file fifo\.csv: a named pipe \(FIFO\), not a regular file: checking against the built-in members instead$`, "fifo.csv"}},
		},
		{
			name:  "members: a link to /dev/zero",
			files: map[string]string{"ad.md": membersAd("zero.csv")},
			setup: func(t *testing.T, dir string) { symlink(t, "/dev/zero", filepath.Join(dir, "zero.csv")) },
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^cannot read members file zero\.csv: a symbolic link that leads outside the repository: checking against the built-in members instead$`, "zero.csv"}},
		},
		{
			name:  "members: a link to the process's environment",
			files: map[string]string{"ad.md": membersAd("env.csv")},
			setup: func(t *testing.T, dir string) { symlink(t, "/proc/self/environ", filepath.Join(dir, "env.csv")) },
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^cannot read members file env\.csv: a symbolic link that leads outside the repository: checking against the built-in members instead$`, "env.csv"}},
		},
		{
			name:  "members: an absolute path",
			files: map[string]string{"ad.md": membersAd("/etc/passwd")},
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^members "/etc/passwd" is an absolute path: write it relative to the template, inside the repository: checking against the built-in members instead$`, "/etc/passwd"}},
		},
		{
			name:  "members: a long value is quoted as an excerpt",
			files: map[string]string{"ad.md": membersAd(strings.Repeat("x", 5000) + ".csv")},
			want:  []badFinding{{"ad.md", "syntax", 5, 10, `^members "x{40}"… is not a file path: name a CSV, JSON or YAML file beside the template: checking against the built-in members instead$`, "xxxx"}},
		},
		{
			name: "members CSV whose header is a secret: quoted as an excerpt",
			files: map[string]string{
				"ad.md":   membersAd("env.csv"),
				"env.csv": "TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzABCDEF,x\nAna,Lee\n",
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `^env\.csv:1:1: unknown column "TOKEN=ghp_0123456789abcdefghijklmnopqrst"…: use first_name`, "env.csv"}},
		},
		{
			name: "members file with a NUL byte",
			files: map[string]string{
				"ad.md":   membersAd("nul.csv"),
				"nul.csv": "first_name\x00PATH=/usr/bin\x00\n",
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `^nul\.csv:1:11: the file holds a NUL byte, so it is not a members file: save the members as UTF-8 text \(CSV, JSON or YAML\): checking against the built-in members instead$`, "nul.csv"}},
		},
		{
			name:  "members CSV with 100,000 rows, the limit",
			files: map[string]string{"ad.md": membersAd("many.csv")},
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "many.csv"), []byte(manyMembers(render.MaxMembers)))
			},
			want: []badFinding{{"ad.md", "subject-length", 4, 10, `when rendered for "F100000 L100000"`, "\"%FIRSTNAME%"}},
		},
		{
			name:  "members CSV with 100,001 rows",
			files: map[string]string{"ad.md": membersAd("many.csv")},
			setup: func(t *testing.T, dir string) {
				write(t, filepath.Join(dir, "many.csv"), []byte(manyMembers(render.MaxMembers+1)))
			},
			want: []badFinding{{"ad.md", "syntax", 5, 10, `many\.csv:100002: too many members: the limit is 100000: checking against the built-in members instead$`, "many.csv"}},
		},
		{
			name: "members YAML with billion laughs in an ignored key",
			files: map[string]string{
				"ad.md": membersAd("laughs.yaml"),
				"laughs.yaml": "- {first_name: Ana, last_name: Lee, company: The Very Long Company Name Holdings International}\n" +
					badLaughList("- notes: ") + "- notes: *i\n",
			},
			want: []badFinding{{"ad.md", "subject-length", 4, 10, `when rendered for "Ana Lee"; LinkedIn's limit is 60`, "\"%FIRSTNAME%"}},
		},
		{
			name: "members file named by a config in a subdirectory is ragged",
			files: map[string]string{
				"team/.inboxlint.yaml": "members: ragged.csv\n",
				"team/ragged.csv":      csvHeader + "Ana,Lee,CEO,Acme,Software\nBo\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/ragged\.csv:3: row has 1 field, the header has 5$`},
		},

		// --- configs
		{
			name: "config with an unknown rule",
			files: map[string]string{
				"team/.inboxlint.yaml": "rules:\n  placeholdr: off\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:2:3: unknown rule "placeholdr": did you mean "placeholder"\?$`},
		},
		{
			name: "config with only a document marker and comments is empty",
			files: map[string]string{
				"team/.inboxlint.yaml": "---\n# every rule as it comes\n",
				"team/ad.md":           badGood,
			},
			want: []badFinding{{"team/ad.md", "placeholder", 6, 31, `^unfilled placeholder`, "[Speaker name]"}},
		},
		{
			name: "custom rule with a bad regular expression",
			files: map[string]string{
				"team/.inboxlint.yaml": "custom:\n  - id: no-synergy\n    kind: forbidden\n    pattern: '(?i)synerg(y|ies'\n    message: say what it does\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:4:14: custom rule "no-synergy": invalid pattern: missing closing \): ` + "`" + `\(\?i\)synerg\(y\|ies` + "`$"},
		},
		{
			// 220 bytes of pattern, 20,000 instructions: matched against
			// every text of every variant, this cost seconds per variant
			name: "custom rule whose pattern compiles to too many instructions",
			files: map[string]string{
				"team/.inboxlint.yaml": "custom:\n  - id: big\n    kind: forbidden\n    pattern: '" + strings.Repeat("[a-z]{1000}", 20) + "'\n    message: say it shorter\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:4:14: custom rule "big": the pattern compiles to more than 10000 instructions, the cap on a pattern's size: write a simpler pattern$`},
		},
		{
			name: "custom rule whose replace key is too long",
			files: map[string]string{
				"team/.inboxlint.yaml": "custom:\n  - id: long\n    kind: substitute\n    replace:\n      ? '" + strings.Repeat("a", 5000) + "'\n      : b\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:5:9: custom rule "long": pattern "a{40}"…: the pattern is 5000 bytes long; the cap is 4096: write a shorter pattern$`},
		},
		{
			// each search is cheap, but every match rescans the rest of
			// the text: quadratic in the body, and the same in every variant
			name: "custom rule that rescans the text after each match",
			files: map[string]string{
				"team/.inboxlint.yaml": "custom:\n  - id: rescan\n    kind: forbidden\n    pattern: 'a*b|a'\n    message: no\n    scope: [body]\n" +
					"  - id: after\n    kind: required\n    pattern: 'x'\n    message: say x\n",
				"team/ad.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\nvariants:\n" + badVariantList(3) +
					"---\nHi " + strings.Repeat("a", 30000) + badTail,
			},
			want: []badFinding{{"team/ad.md", "rescan", 10, 1, `^custom rule "rescan": matching stopped at the budget of 100000000 for the custom rules of one file \(characters scanned × pattern instructions\), so the custom rules were not checked in the rest of the file: use simpler patterns$`, "Hi aaa"}},
		},
		{
			name: "config with a tab",
			files: map[string]string{
				"team/.inboxlint.yaml": "rules:\n\thype: off\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:2: invalid YAML: found character that cannot start any token$`},
		},
		{
			name: "billion laughs in rule options",
			files: map[string]string{
				"team/.inboxlint.yaml": "rules:\n  hype:\n    acronyms:\n" + badLaughList("      - ") + "    phrases: *i\n",
				"team/ad.md":           badHead + "Hi" + badTail,
			},
			errs: []string{`^team/\.inboxlint\.yaml:2:3: rule "hype": line 4: cannot unmarshal !!seq into string$`},
		},

		// --- templates in the sandbox
		{
			name:  "sprig function that panics",
			files: map[string]string{"div.md": badHead + "Hi %FIRSTNAME%, we have {{ div 10 0 }} seats. Join?" + badTail},
			want:  []badFinding{{"div.md", "syntax", 6, 28, `^div: integer divide by zero$`, "div 10"}},
		},
		{
			// the reproduction: a pattern of 20,000 instructions
			// built with repeat, matched against a long text, ran for half
			// a minute and was reported as "exceeded 250ms"
			name: "regular expression built with repeat",
			files: map[string]string{"re.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\nvars:\n  x: " + strings.Repeat("a", 60000) + "\n---\n" +
				`Hi {{ if regexMatch (repeat 20 "[a-z]{1000}") .x }}you{{ end }}, join?` + badTail},
			want: []badFinding{{"re.md", "syntax", 8, 10, `^regexMatch: regular expression "\[a-z\]\{1000\}.*"…: the pattern compiles to more than 10000 instructions, the cap on a pattern's size: write a simpler pattern$`, "regexMatch (repeat"}},
		},
		{
			name:  "regular expression that rescans the text after each match",
			files: map[string]string{"rescan.md": badHead + `Hi {{ len (regexFindAll "a*b|a" (repeat 20000 "a") -1) }}, join?` + badTail},
			want:  []badFinding{{"rescan.md", "syntax", 6, 12, `^regexFindAll: finding every match is over the cap of 10000000 per call \(characters scanned × pattern instructions\)`, "regexFindAll"}},
		},
		{
			// 40 aliases of a 100 KB string are under the cap on vars, and
			// print as 4 MB: refused before fmt builds them
			name: "list of aliases of a long string, printed",
			files: map[string]string{"alias.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us Thursday?\"\nvars:\n  s: &s " + strings.Repeat("x", 100000) +
				"\n  l: [" + strings.TrimSuffix(strings.Repeat("*s, ", 40), ", ") + "]\n---\nHi {{ .l }} {{ toString .l }}, join?" + badTail},
			want: []badFinding{{"alias.md", "syntax", 9, 7, `^field output exceeds the cap of 65536 bytes$`, ".l }}"}},
		},
		{
			name:  "timestamp var asked for the runner's time zone",
			files: map[string]string{"ts.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us {{ .ts.Local.Location }}?\"\nvars:\n  ts: 2024-01-01T00:00:00Z\n---\nHi" + badTail},
			want:  []badFinding{{"ts.md", "syntax", 4, 38, `^can't evaluate field Local in type interface \{\}$`, ".Local"}},
		},
		{
			name:  "unknown function with a 900 KB name",
			files: map[string]string{"name.md": badHead + "Hi {{ " + strings.Repeat("x", 900000) + " 1 }}, join?" + badTail},
			want:  []badFinding{{"name.md", "syntax", 6, 7, `^template function "x{40}"… is not defined$`, "xxxx"}},
		},
		{
			name:  "template recursion through define",
			files: map[string]string{"rec.md": badHead + `Hi {{ define "x" }}{{ template "x" }}{{ end }}{{ template "x" }}, join?` + badTail},
			want:  []badFinding{{"rec.md", "syntax", 6, 7, `^template definitions are not allowed inside a field: remove \{\{ define \}\}`, "define"}},
		},
		{
			name:  "template call",
			files: map[string]string{"call.md": badHead + `Hi {{ template "x" . }}, join?` + badTail},
			want:  []badFinding{{"call.md", "syntax", 6, 7, `^template definitions are not allowed inside a field, so \{\{ template \}\} has nothing to call`, "template"}},
		},
		{
			name:  "environment",
			files: map[string]string{"env.md": badHead + `Hi {{ env "HOME" }}, join?` + badTail},
			want:  []badFinding{{"env.md", "syntax", 6, 7, `^template function "env" is not available: templates cannot read the environment$`, "env"}},
		},
		{
			name:  "range over two billion",
			files: map[string]string{"range.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, {{ range .n }}{{ end }}join us?\"\nvars:\n  n: 2000000000\n---\nHi" + badTail},
			want:  []badFinding{{"range.md", "syntax", 4, 27, `^range over 2000000000 exceeds the cap of 10000 iterations$`, "range .n"}},
		},
		{
			name:  "output doubling past the cap",
			files: map[string]string{"double.md": badHead + `{{ $s := "ab" }}{{ range until 20 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ $s }}` + badTail},
			want:  []badFinding{{"double.md", "syntax", 6, 45, `^printf result exceeds the cap of 65536 bytes$`, "printf"}},
		},
		{
			name:  "malformed action",
			files: map[string]string{"comma.md": badHead + "Hi {{ .name, join?" + badTail},
			want:  []badFinding{{"comma.md", "syntax", 6, 12, `^unexpected "," in operand$`, ", join?\n"}},
		},
		{
			name:  "unclosed comment",
			files: map[string]string{"open.md": badHead + "Hi {{/* note, join?" + badTail},
			want:  []badFinding{{"open.md", "syntax", 6, 4, `^unclosed comment: close it with \*/\}\}$`, "{{/*"}},
		},
		{
			// Work budgets, not time: the first variant spends the field's
			// iteration budget, the tenth the file's, and the rest are not
			// run, the same way on every machine.
			name: "loops that run to the work budgets in many variants",
			files: map[string]string{"slow.md": "---\nformat: message\nsender: Dana Reyes\nsubject: \"%FIRSTNAME%, join us?\"\nvariants:\n" +
				badVariantList(200) +
				"---\nHi {{ range until 10000 }}{{ range until 10000 }}{{ end }}{{ end }}" + badTail},
			want: []badFinding{
				{"slow.md", "syntax", 106, 5, `^more than 100 variants: inboxlint renders the first 100`, "name: v100"},
				{"slow.md", "syntax", 207, 30, `^loop iterations exceed the budget of 10000 per field, every iteration of a nested loop included: make the loops smaller$`, "range until 10000 }}{{ end"},
				{"slow.md", "syntax", 207, 30, `^loop iterations exceed the budget of 100000 for the whole file \(all fields and variants together\), every iteration of a nested loop included, so the rest of the file was not rendered: make the loops smaller$`, "range until 10000 }}{{ end"},
			},
		},
		{
			name:  "ignore directive without a reason",
			files: map[string]string{"dir.md": badHead + "Hi [Speaker name] {{/* inboxlint:ignore placeholder */}}, join?" + badTail},
			want: []badFinding{
				{"dir.md", "syntax", 6, 19, `^inboxlint:ignore placeholder needs a reason after the rule id$`, "{{/*"},
				{"dir.md", "placeholder", 6, 4, `^unfilled placeholder "\[Speaker name\]"`, "[Speaker name]"},
			},
		},
	}
}

// badLaughList is the billion laughs as the items of a YAML list, each line
// starting with prefix: nine anchored lists, each of nine aliases of the
// one before, which expand to 9^9 strings.
func badLaughList(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix + "&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	prev := "a"
	for _, c := range "bcdefghi" {
		fmt.Fprintf(&b, "%s&%c [%s]\n", prefix, c, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", "))
		prev = string(c)
	}
	return b.String()
}

// badVariantList is n variants, named v0, v1, ...
func badVariantList(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - name: v%d\n", i)
	}
	return b.String()
}

// TestBadInput lints each malformed or hostile input next to a good
// template with a known flaw, and asserts the exact outcome: the syntax
// findings (rule, line, column, message, byte offset) or the run errors
// (one line, and a hint where there is one), and that the good template was
// still linted and its finding reported.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and lints files of up to 10 MB")
	}
	for _, tc := range badCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != nil {
				if why := tc.skip(); why != "" {
					t.Skip(why)
				}
			}
			dir := t.TempDir()
			files := map[string]string{"good.md": badGood}
			for name, body := range tc.files {
				files[name] = body
			}
			for name, body := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			paths := []string{filepath.Join(dir, "good.md")}
			rel := tc.paths
			if rel == nil {
				for name := range tc.files {
					if strings.HasSuffix(name, ".md") && !strings.Contains(name, "/") {
						rel = append(rel, name)
					}
				}
				if rel == nil {
					for name := range tc.files {
						if strings.HasSuffix(name, ".md") {
							dir, _, _ := strings.Cut(name, "/")
							rel = append(rel, dir)
						}
					}
				}
			}
			if tc.paths == nil {
				slices.Sort(rel)
				rel = slices.Compact(rel)
			}
			for _, p := range rel {
				paths = append(paths, filepath.Join(dir, filepath.FromSlash(p)))
			}

			// Run in dir, so config discovery stays inside the case and
			// error messages name paths as the user typed them.
			t.Chdir(dir)
			for i := range paths {
				paths[i], _ = filepath.Rel(dir, paths[i])
			}
			res, err := lint.Run(lint.Options{Rules: rules.All()}, paths)
			if err != nil {
				t.Fatal(err)
			}

			// errors: one for one, each one line plus its hints (lint.Hint),
			// matched as the command prints them: one "hint: " line each
			if len(res.Errors) != len(tc.errs) {
				t.Errorf("%d errors, want %d: %v", len(res.Errors), len(tc.errs), res.Errors)
			}
			for i, e := range res.Errors {
				if strings.Contains(e.Error(), "\n") {
					t.Errorf("error %q is not one line", e)
				}
				text := e.Error()
				for _, h := range lint.Hints(e) {
					text += "\nhint: " + h
				}
				if i < len(tc.errs) && !regexp.MustCompile(tc.errs[i]).MatchString(text) {
					t.Errorf("error %q does not match %q", text, tc.errs[i])
				}
			}

			got := map[string][]lint.Diagnostic{}
			for _, d := range res.Diagnostics {
				f := filepath.ToSlash(d.File)
				got[f] = append(got[f], d)
				if strings.Contains(d.Message, "\n") {
					t.Errorf("%s: message %q is not one line", f, d.Message)
				}
			}
			want := append([]badFinding{badGoodFinding}, tc.want...)
			wantSyntax := 0
			for _, w := range want {
				if w.rule == "syntax" {
					wantSyntax++
				}
				found := false
				var near []string
				for _, d := range got[w.file] {
					if d.Rule != w.rule {
						continue
					}
					near = append(near, fmt.Sprintf("%d:%d %s", d.Span.Start.Line, d.Span.Start.Col, d.Message))
					if d.Span.Start.Line != w.line || w.col != 0 && d.Span.Start.Col != w.col || !regexp.MustCompile(w.msg).MatchString(d.Message) {
						continue
					}
					found = true
					if w.at != "" {
						data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(w.file)))
						if err != nil {
							t.Fatal(err)
						}
						if off := strings.Index(string(data), w.at); d.Span.Start.Offset != off {
							t.Errorf("%s %s at %d:%d: offset %d, want %d (%q)", w.file, w.rule, w.line, w.col, d.Span.Start.Offset, off, w.at)
						}
					}
				}
				if !found {
					t.Errorf("no %s finding at %s:%d:%d matching %q; the rule reported %q", w.rule, w.file, w.line, w.col, w.msg, near)
				}
			}
			// a finding seen in some variants only is reported once per
			// variant that has it: those count as one, and none twice
			var syntax []string
			seen := map[string]bool{}
			for f, ds := range got {
				for _, d := range ds {
					if d.Rule != "syntax" {
						continue
					}
					at := fmt.Sprintf("%s:%d:%d %s", f, d.Span.Start.Line, d.Span.Start.Col, d.Message)
					if seen[at+"\x00"+d.Variant] {
						t.Errorf("%s reported twice in variant %q", at, d.Variant)
					}
					if !seen[at] {
						syntax = append(syntax, at)
					}
					seen[at], seen[at+"\x00"+d.Variant] = true, true
				}
			}
			if len(syntax) != wantSyntax {
				t.Errorf("%d syntax findings, want %d: %q", len(syntax), wantSyntax, syntax)
			}
		})
	}
}
