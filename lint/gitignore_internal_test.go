package lint

import "testing"

func TestGitignore(t *testing.T) {
	root := parseGitignore(".", []byte("# build output\nbuild/\n*.tmp.md\n!keep.tmp.md\n/top-only.md\ndocs/*.md\n\\#hash.md\n\\!bang.md\nspace.md  \nesc\\ .md\nq?.md\n[ab]c.md\nbrace{x}.md\n**/deep/**/x.md\nnot-dir\n"))
	sub := parseGitignore("ads", []byte("drafts\n!build.md\n/local.md\n*.md\n!*.final.md\n"))
	set := ignoreSet{root}
	subSet := ignoreSet{root, sub}
	tests := []struct {
		set   ignoreSet
		path  string
		dir   bool
		want  bool
		about string
	}{
		{set, "build", true, true, "dir-only pattern, a directory"},
		{set, "x/build", true, true, "dir-only pattern at any depth"},
		{set, "build", false, false, "dir-only pattern does not match a file"},
		{set, "a.tmp.md", false, true, "glob at any depth"},
		{set, "x/y/a.tmp.md", false, true, "glob at any depth, deeper"},
		{set, "keep.tmp.md", false, false, "negated later"},
		{set, "top-only.md", false, true, "anchored"},
		{set, "x/top-only.md", false, false, "anchored: not below"},
		{set, "docs/a.md", false, true, "a slash in the middle anchors"},
		{set, "x/docs/a.md", false, false, "a slash in the middle anchors: not below"},
		{set, "docs/x/a.md", false, false, "* does not match /"},
		{set, "#hash.md", false, true, `\# is a literal #`},
		{set, "!bang.md", false, true, `\! is a literal !`},
		{set, "space.md", false, true, "trailing spaces dropped"},
		{set, "esc .md", false, true, "escaped trailing space kept"},
		{set, "q1.md", false, true, "? is one character"},
		{set, "q12.md", false, false, "? is one character only"},
		{set, "q/.md", false, false, "? does not match /"},
		{set, "ac.md", false, true, "class"},
		{set, "cc.md", false, false, "class, not in it"},
		{set, "brace{x}.md", false, true, "braces are literal"},
		{set, "bracex.md", false, false, "braces are not alternatives"},
		{set, "a/deep/b/c/x.md", false, true, "/**/ in the middle"},
		{set, "deep/x.md", false, true, "leading **/ and /**/ match no directory"},
		{set, "not-dir", true, true, "a pattern without / matches directories too"},
		{subSet, "ads/drafts", true, true, "a nested .gitignore"},
		{subSet, "drafts", true, false, "a nested .gitignore applies below its directory only"},
		{subSet, "ads/x/local.md", false, true, "*.md in ads/ ignores at any depth below"},
		{subSet, "ads/local.md", false, true, "anchored to the nested file's directory"},
		{subSet, "ads/a.final.md", false, false, "negated in the same file"},
		{subSet, "ads/keep.tmp.md", false, true, "the deeper file decides before the root's negation"},
		{subSet, "other.md", false, false, "nothing matches"},
	}
	for _, tt := range tests {
		if got := tt.set.ignored(tt.path, tt.dir); got != tt.want {
			t.Errorf("%s: ignored(%q, dir %v) = %v, want %v", tt.about, tt.path, tt.dir, got, tt.want)
		}
	}
}

// Lines that are no pattern, and patterns git would match nothing with,
// are skipped without a panic.
func TestGitignoreOddLines(t *testing.T) {
	f := parseGitignore(".", []byte("\n#\n!\n/\n   \n[\na(b\n\r\n"))
	for _, p := range f.patterns {
		if p.glob == "" {
			t.Errorf("empty pattern %+v", p)
		}
	}
	if (ignoreSet{f}).ignored("a(b", false) != true {
		t.Error(`"a(b" is a literal name in git and must match`)
	}
	if (ignoreSet{f}).ignored("x.md", false) {
		t.Error("x.md ignored by odd lines")
	}
}

// FuzzGitignore: any .gitignore (a pull request's) and any path: no
// panic, and the same answer twice.
func FuzzGitignore(f *testing.F) {
	f.Add([]byte("build/\n*.md\n!keep.md\n/a/**/b\n[\n\\#x\n"), "a/x/b", true)
	f.Add([]byte("**\n!**/\n"), "x.md", false)
	f.Fuzz(func(t *testing.T, data []byte, path string, isDir bool) {
		got := ignoreSet{parseGitignore(".", data), parseGitignore("a", data)}.ignored(path, isDir)
		again := ignoreSet{parseGitignore(".", data), parseGitignore("a", data)}.ignored(path, isDir)
		if got != again {
			t.Fatal("not deterministic")
		}
	})
}
