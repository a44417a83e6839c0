package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/inboxlint/inboxlint/lint/repofs"
	"github.com/inboxlint/inboxlint/render"
	"github.com/inboxlint/inboxlint/render/escape"
)

// changedFiles asks git which files changed since ref (added, modified or
// renamed, committed or not) and returns their absolute paths, with
// symbolic links resolved so that they compare with the paths lint
// resolves. Deleted files are left out: there is nothing to lint.
//
// The ref is the user's (or a workflow's, built from a pull request's
// data): it is first resolved to a commit with rev-parse --verify after
// --end-of-options, so that a ref such as --output=FILE is an error rather
// than an option git obeys, and only the resolved commit reaches git diff.
func changedFiles(ref string) (map[string]bool, error) {
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository: %w", err)
	}
	root := strings.TrimSpace(top)
	if res, err := filepath.EvalSymlinks(root); err == nil {
		root = res
	}
	commit, err := git("rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	commit = strings.TrimSpace(commit)
	if err != nil || commit == "" || strings.HasPrefix(commit, "-") {
		return nil, fmt.Errorf("git cannot compare with %s: it names no commit", escape.Excerpt(ref))
	}
	out, err := git("diff", "--name-only", "--diff-filter=AMR", "-z", "--end-of-options", commit, "--")
	if err != nil {
		return nil, fmt.Errorf("git cannot compare with %s: %w", escape.Excerpt(ref), err)
	}
	files := map[string]bool{}
	for _, name := range strings.Split(out, "\x00") {
		if name != "" {
			files[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	// untracked files are new too
	untracked, err := git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", root)
	if err == nil {
		for _, name := range strings.Split(untracked, "\x00") {
			if name != "" {
				files[filepath.Join(root, filepath.FromSlash(name))] = true
			}
		}
	}
	return files, nil
}

// missedChanges counts the templates git reports changed under the linted
// paths, for a run in which none of them was linted: that happens only when
// the paths git gives and the paths lint walks fail to compare (a working
// directory reached through a link did, a case-insensitive file system
// could), and a run that checked nothing must not pass in silence. A file
// counts when it lies under a linted path where the walk would find it (no
// hidden or node_modules directory on the way) and is a template.
func missedChanges(root *repofs.Root, changed map[string]bool, paths []string) int {
	var under []string
	for _, p := range paths {
		if rel, err := root.Rel(p); err == nil {
			under = append(under, filepath.Join(root.Dir(), rel))
		}
	}
	files := make([]string, 0, len(changed))
	for f := range changed {
		files = append(files, f)
	}
	sort.Strings(files)
	n := 0
	for _, f := range files {
		if !strings.EqualFold(filepath.Ext(f), ".md") || !walkedUnder(f, under) {
			continue
		}
		if data, err := root.ReadFile(f, repofs.TemplateLimit); err == nil && render.IsTemplate(data) {
			n++
		}
	}
	return n
}

// walkedUnder reports whether walking one of dirs (or naming it, for a
// file) would reach f.
func walkedUnder(f string, dirs []string) bool {
	for _, d := range dirs {
		if f == d {
			return true
		}
		rel, err := filepath.Rel(d, f)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		parts := strings.Split(filepath.Dir(rel), string(filepath.Separator))
		hidden := false
		for _, part := range parts {
			if part != "." && (strings.HasPrefix(part, ".") || part == "node_modules") {
				hidden = true
			}
		}
		if !hidden {
			return true
		}
	}
	return false
}

func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return "", fmt.Errorf("%s", escape.Controls(strings.TrimPrefix(msg, "fatal: ")))
	}
	return stdout.String(), nil
}
