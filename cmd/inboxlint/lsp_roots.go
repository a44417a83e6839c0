package main

// The roots of the language server: which repository each document
// belongs to, and the paths its URIs name.

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/inboxlint/inboxlint/lint/repofs"
)

// workspaceRoots are the folders of initialize, innermost first: its
// workspaceFolders, else rootUri, else the deprecated rootPath. Folders
// that are no file: URI are left out.
func workspaceRoots(p lspInitializeParams) []string {
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != nil {
		uris = append(uris, *p.RootURI)
	}
	var roots []string
	for _, u := range uris {
		if path, ok := filePath(u); ok {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 && p.RootPath != nil && filepath.IsAbs(*p.RootPath) {
		roots = append(roots, filepath.Clean(*p.RootPath))
	}
	// longest first: the innermost folder that holds a document wins
	for i := 1; i < len(roots); i++ {
		for j := i; j > 0 && len(roots[j]) > len(roots[j-1]); j-- {
			roots[j], roots[j-1] = roots[j-1], roots[j]
		}
	}
	return roots
}

// rootFor is the one place that says which root a document is linted
// under: the innermost workspace folder that holds its path, else the
// directory of the file, else (an unsaved buffer with no path) the first
// workspace folder or the working directory.
func rootFor(roots []string, path string) string {
	if !filepath.IsAbs(path) {
		if len(roots) > 0 {
			return roots[0]
		}
		return "."
	}
	for _, r := range roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return r
		}
	}
	return filepath.Dir(path)
}

// engineRoot is the root the engine confines a document's lint to: the
// repository that holds the document's workspace folder, or that folder.
// An editor may name a folder that does not exist (yet, or any more): the
// nearest directory above it that does stands in for it.
func engineRoot(dir string) string {
	for {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return repofs.FindRoot(dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return repofs.FindRoot(".")
		}
		dir = parent
	}
}

// filePath turns a file: URI into a clean absolute path.
func filePath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// uriPath is the name a document is linted under: its file's path, or for
// another URI (an unsaved buffer) the URI itself, which gets the config of
// the working directory.
func uriPath(uri string) string {
	if p, ok := filePath(uri); ok {
		return p
	}
	return uri
}
