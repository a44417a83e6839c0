package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// changedFiles asks git which files changed since ref (added, modified or
// renamed, committed or not) and returns their absolute paths. Deleted
// files are left out: there is nothing to lint.
func changedFiles(ref string) (map[string]bool, error) {
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository: %w", err)
	}
	root := strings.TrimSpace(top)
	out, err := git("diff", "--name-only", "--diff-filter=AMR", "-z", ref, "--")
	if err != nil {
		return nil, fmt.Errorf("git cannot compare with %q: %w", ref, err)
	}
	files := map[string]bool{}
	for _, name := range strings.Split(out, "\x00") {
		if name != "" {
			files[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	// untracked files are new too
	untracked, err := git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", root)
	if err == nil {
		for _, name := range strings.Split(untracked, "\x00") {
			if name != "" {
				files[filepath.Join(root, filepath.FromSlash(name))] = true
			}
		}
	}
	return files, nil
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
		return "", fmt.Errorf("%s", strings.TrimPrefix(msg, "fatal: "))
	}
	return stdout.String(), nil
}
