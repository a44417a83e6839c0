package lint

import (
	"path/filepath"
	"strings"
)

// srcRoot is the uriBaseId of every location inboxlint writes: the
// repository root, given in the run's originalUriBaseIds.
const srcRoot = "%SRCROOT%"

// artifactLocator turns the file names of a result into SARIF artifact
// locations: a percent-encoded relative reference from the root where the
// file is inside it, else an absolute file URI.
type artifactLocator struct {
	root     string // absolute and clean; empty when it cannot be found
	realRoot string // root with symbolic links resolved, when they differ
}

func newArtifactLocator(root string) *artifactLocator {
	if root == "" {
		root = "."
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return &artifactLocator{}
	}
	l := &artifactLocator{root: abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		l.realRoot = real
	}
	return l
}

func (l *artifactLocator) locate(file string) sarifArtifact {
	abs, err := filepath.Abs(file)
	if err != nil || l.root == "" {
		return sarifArtifact{URI: relativeURI(filepath.ToSlash(file))}
	}
	if rel, ok := inside(l.root, abs); ok {
		return sarifArtifact{URI: relativeURI(rel), URIBaseID: srcRoot}
	}
	// the root or the file may be named through a symbolic link (macOS's
	// /tmp is /private/tmp): compare the real paths
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		for _, root := range []string{l.root, l.realRoot} {
			if root == "" {
				continue
			}
			if rel, ok := inside(root, real); ok {
				return sarifArtifact{URI: relativeURI(rel), URIBaseID: srcRoot}
			}
		}
	}
	if l.realRoot != "" {
		if rel, ok := inside(l.realRoot, abs); ok {
			return sarifArtifact{URI: relativeURI(rel), URIBaseID: srcRoot}
		}
	}
	return sarifArtifact{URI: fileURI(abs)}
}

// inside returns path relative to root, with forward slashes, when path
// is inside root.
func inside(root, path string) (string, bool) {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// relativeURI percent-encodes a slash-separated relative path as a URI
// reference (RFC 3986 path-noscheme): a colon in the first segment is
// encoded too, or "x:y.md" would read as a URI with the scheme "x".
func relativeURI(p string) string {
	first, rest, more := strings.Cut(p, "/")
	out := encodePath(first, true)
	if more {
		out += "/" + encodePath(rest, false)
	}
	return out
}

// fileURI is the file URI of an absolute path: file:///home/x for
// /home/x, file:///C:/x for C:\x, file://server/share for \\server\share.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	if strings.HasPrefix(p, "//") {
		return "file:" + encodePath(p, false) // a UNC path names its host
	}
	return "file://" + encodePath(p, false)
}

// encodePath percent-encodes every byte of p that RFC 3986 does not allow
// in a path segment (pchar: unreserved, sub-delims, ":" and "@"), and ":"
// too when noColon is set; "/" separates segments and stays. Non-ASCII
// text is encoded byte by byte as UTF-8, upper-case hex as the RFC
// recommends.
func encodePath(p string, noColon bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if pathByte(c) && (!noColon || c != ':') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
	}
	return b.String()
}

func pathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
}
